"""Reading a correction (from a form or a JSON body) into checked column values.

Only the fields given are considered; an empty value clears a nullable field. The result is
checked as a whole against the event's current row: the sub-event type belongs to the event type,
the date span is in order, coordinates come in pairs inside WGS84, figures are ordered
(low ≤ best ≤ high). Actors come as a list of {name, role, kind} (JSON) or as form lines
``role | kind | name``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from eventledger.errors import ReviewError
from eventledger.web.vocabulary import ACTOR_KINDS, ACTOR_ROLES, DATE_PRECISIONS, GEO_PRECISIONS, Vocabulary

TEXT_FIELDS = {"location_name": 300, "country_code": 2, "admin1": 200, "admin2": 200}
FIGURE_FIELDS = tuple(f"{m}_{k}" for m in ("fatalities", "injuries") for k in ("best", "low", "high"))
FLAG_FIELDS = ("fatalities_disputed", "injuries_disputed", "background")
EDITABLE = ("event_type", "sub_event_type", "date_start", "date_end", "date_precision", *TEXT_FIELDS, "lat", "lon",
            "geo_precision", "geonameid", *FIGURE_FIELDS, *FLAG_FIELDS, "tags", "actors")
MAX_ACTORS = 50


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(name: str, value: Any, limit: int) -> str | None:
    if _blank(value):
        return None
    text = str(value).strip()
    if len(text) > limit:
        raise ReviewError(f"{name} is longer than {limit} characters")
    return text


def _int(name: str, value: Any) -> int | None:
    if _blank(value):
        return None
    try:
        number = int(str(value).strip()) if not isinstance(value, int) or isinstance(value, bool) else value
    except ValueError:
        raise ReviewError(f"{name} must be a whole number") from None
    if isinstance(number, bool) or number < 0 or number > 10_000_000:
        raise ReviewError(f"{name} must be a whole number between 0 and 10,000,000")
    return number


def _float(name: str, value: Any, bound: float) -> float | None:
    if _blank(value):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ReviewError(f"{name} must be a number") from None
    if not -bound <= number <= bound:
        raise ReviewError(f"{name} must be between -{bound:g} and {bound:g}")
    return number


def _flag(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = "" if value is None else str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("", "0", "false", "no", "off"):
        return False
    raise ReviewError(f"{name} must be true or false")


def _date(name: str, value: Any) -> date | None:
    if _blank(value):
        return None
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ReviewError(f"{name} must be a date (YYYY-MM-DD)") from None


def _choice(name: str, value: Any, choices: tuple[str, ...]) -> str:
    text = "" if value is None else str(value).strip()
    if text not in choices:
        raise ReviewError(f"{name} must be one of {', '.join(choices)}")
    return text


def parse_actors(value: Any) -> list[dict[str, Any]]:
    """Actors from a JSON list of objects or from form text, one ``role | kind | name`` per line."""
    items: list[dict[str, Any]] = []
    if isinstance(value, str):
        for number, line in enumerate(value.splitlines(), 1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|", 2)]
            if len(parts) != 3:
                raise ReviewError(f"actors line {number}: write 'role | kind | name'")
            items.append({"role": parts[0], "kind": parts[1], "name": parts[2]})
    elif isinstance(value, list):
        items = [dict(v) for v in value if isinstance(v, Mapping)]
        if len(items) != len(value):
            raise ReviewError("actors must be a list of {name, role, kind} objects")
    else:
        raise ReviewError("actors must be a list of {name, role, kind} objects")
    if len(items) > MAX_ACTORS:
        raise ReviewError(f"at most {MAX_ACTORS} actors")
    out = []
    for item in items:
        name = _text("actor name", item.get("name"), 500)
        if not name:
            raise ReviewError("every actor needs a name")
        kind = None if _blank(item.get("kind")) else _choice("actor kind", item.get("kind"), ACTOR_KINDS)
        out.append({"name": name, "role": _choice("actor role", item.get("role"), ACTOR_ROLES), "kind": kind})
    return out


def actors_text(actors: list[Mapping[str, Any]]) -> str:
    """The form text for a list of actors (inverse of ``parse_actors`` on text)."""
    return "\n".join(f"{a.get('role')} | {a.get('kind') or ''} | {a.get('name')}" for a in actors)


def _field(name: str, value: Any, vocabulary: Vocabulary) -> Any:
    if name == "event_type":
        return _choice("event_type", value, tuple(vocabulary.types))
    if name == "sub_event_type":
        return _choice("sub_event_type", value, tuple(s for subs in vocabulary.types.values() for s in subs))
    if name in ("date_start", "date_end"):
        return _date(name, value)
    if name == "date_precision":
        return _choice(name, value, DATE_PRECISIONS)
    if name == "geo_precision":
        return _choice(name, value, GEO_PRECISIONS)
    if name in TEXT_FIELDS:
        text = _text(name, value, TEXT_FIELDS[name])
        return text.upper() if text and name == "country_code" else text
    if name == "lat":
        return _float(name, value, 90)
    if name == "lon":
        return _float(name, value, 180)
    if name in FIGURE_FIELDS or name == "geonameid":
        return _int(name, value)
    if name in FLAG_FIELDS:
        return _flag(name, value)
    if name == "tags":
        tags = [t.strip() for t in (value if isinstance(value, list) else str(value or "").replace(";", ",")
                                    .split(",")) if str(t).strip()]
        unknown = [t for t in tags if t not in vocabulary.tags]
        if unknown:
            raise ReviewError(f"unknown tag(s) {', '.join(unknown)[:200]} (use {', '.join(vocabulary.tags)})")
        return "; ".join(dict.fromkeys(tags)) or None
    raise ReviewError(f"{name} cannot be corrected")


def parse_changes(changes: Mapping[str, Any], row: Mapping[str, Any], vocabulary: Vocabulary
                  ) -> tuple[dict[str, Any], list[dict[str, Any]] | None]:
    """Checked column values that differ from ``row``, and the new actors (None: unchanged)."""
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise ReviewError(f"cannot correct {', '.join(unknown)[:200]} (editable: {', '.join(EDITABLE)})")
    values = {name: _field(name, value, vocabulary) for name, value in changes.items() if name != "actors"}
    actors = parse_actors(changes["actors"]) if "actors" in changes else None
    values = {k: v for k, v in values.items() if ((row.get(k) or None) if k == "tags" else row.get(k)) != v}
    merged = {**row, **values}
    if "sub_event_type" in values and "event_type" not in changes:
        values["event_type"] = merged["event_type"] = vocabulary.type_of(merged["sub_event_type"])
    _check_whole(merged, vocabulary)
    return values, actors


def _check_whole(event: Mapping[str, Any], vocabulary: Vocabulary) -> None:
    if event["sub_event_type"] not in vocabulary.types.get(event["event_type"], ()):
        raise ReviewError(f"{event['sub_event_type']!r} is not a sub-event type of {event['event_type']!r}")
    start, end = event.get("date_start"), event.get("date_end")
    if start and end and start > end:
        raise ReviewError("date_start is after date_end")
    if (event.get("lat") is None) != (event.get("lon") is None):
        raise ReviewError("give both lat and lon, or neither")
    for measure in ("fatalities", "injuries"):
        low, best, high = (event.get(f"{measure}_{k}") for k in ("low", "best", "high"))
        known = [v for v in (low, best, high) if v is not None]
        if known != sorted(known):
            raise ReviewError(f"{measure}: low ≤ best ≤ high")
