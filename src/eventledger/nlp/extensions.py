"""The custom ``Doc`` attributes the pipeline sets, declared in one place.

Registered idempotently (``force=True``) so importing this module twice, or from several
processes, is harmless. The component that fills each attribute is named beside it.
"""

from __future__ import annotations

from spacy.tokens import Doc

DOC_ATTRIBUTES: dict[str, str] = {
    "anchor_date": "date relative expressions resolve against: publish date, else dateline (el_dateline)",
    "anchor_source": "'published', 'dateline' or None (el_dateline)",
    "dateline": "the parsed Dateline or None (el_dateline)",
    "article_meta": "dict of the Article's id/source/title/url, set by the caller",
    "dates": "list[DateMention] in text order (el_dates)",
    "quantities": "list[Quantity] in text order (el_quantities)",
    "places": "list[PlaceMention] in text order (el_toponyms)",
    "actors": "list[ActorMention] in text order (el_actors)",
    "actor_countries": "list of ISO2 codes, one per dictionary actor named that belongs to a country (el_actor_ruler)",
    "attributions": "list[Attribution] in text order (el_attribution)",
    "country_context": "dict ISO2 -> weight of the countries the article is about (el_toponyms)",
}


def register_extensions() -> None:
    for name in DOC_ATTRIBUTES:
        Doc.set_extension(name, default=None, force=True)


register_extensions()
