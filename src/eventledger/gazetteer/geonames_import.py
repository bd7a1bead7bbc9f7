"""``eventledger gazetteer import FILE...``: load GeoNames dumps into a local index.

Users who can download GeoNames dumps (``XX.zip``/``XX.txt`` per country, ``allCountries.zip``,
``admin1CodesASCII.txt``, ``admin2Codes.txt``) get every feature class the packaged extract lacks:
ADM2 districts, mountains, rivers, sites. The import streams (allCountries is 1.5 GB), shows a
progress bar, and is idempotent: a place is keyed by its geonameid, so importing a file twice
replaces rather than duplicates. Everything goes into one transaction, so an interrupted import
leaves the index as it was. The index lives in ``settings.data_dir`` and ``open_gazetteer``
reads it beside the packaged one.
"""

from __future__ import annotations

import io
import logging
import sqlite3
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

from eventledger.errors import GazetteerError
from eventledger.gazetteer.entry import Entry
from eventledger.gazetteer.place import Place
from eventledger.gazetteer.schema import IndexWriter
from eventledger.gazetteer.sources import useful_alternate
from eventledger.settings import Settings

log = logging.getLogger(__name__)

ADMIN_CODE_FILES = ("admin1codesascii.txt", "admin2codes.txt")
# GeoNames feature class/code -> the contract's feature.
_CODE_FEATURE = {"ADM1": "admin1", "ADM1H": "admin1", "ADM2": "admin2", "ADM2H": "admin2", "RGN": "region",
                 "RGNE": "region", "PCLI": "country", "PCLD": "country", "PCLS": "country", "PCLF": "country"}
_CLASS_FEATURE = {"P": "city", "S": "site", "A": "other", "L": "region", "T": "other", "H": "other",
                  "V": "other", "U": "other", "R": "site"}
GEONAME_COLUMNS = 19


def feature_of(feature_class: str, feature_code: str) -> str:
    return _CODE_FEATURE.get(feature_code) or _CLASS_FEATURE.get(feature_class, "other")


@contextmanager
def _open_text(path: Path) -> Iterator[tuple[IO[str], int]]:
    """A text stream over a .txt file or the first .txt member of a .zip, and its size in bytes."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if m.filename.endswith(".txt")
                       and not m.filename.lower().startswith("readme")]
            if not members:
                raise GazetteerError(f"{path}: no .txt member in the archive")
            with archive.open(members[0]) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8"), members[0].file_size
    else:
        with path.open(encoding="utf-8") as f:
            yield f, path.stat().st_size


def read_admin_codes(path: Path) -> dict[str, str]:
    """``"PK.02" -> "Balochistan"`` from admin1CodesASCII.txt / admin2Codes.txt."""
    out: dict[str, str] = {}
    with _open_text(path) as (stream, _):
        for line in stream:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2 and parts[0]:
                out[parts[0]] = parts[1]
    return out


def parse_geoname(line: str, admin_names: dict[str, str]) -> Entry | None:
    """One row of a GeoNames dump as an entry (``None`` for malformed rows)."""
    parts = line.rstrip("\n").split("\t")
    if len(parts) < GEONAME_COLUMNS:
        return None
    try:
        gid, lat, lon = int(parts[0]), float(parts[4]), float(parts[5])
        population = int(parts[14] or 0)
    except ValueError:
        return None
    cc, a1, a2 = parts[8], parts[10], parts[11]
    feature = feature_of(parts[6], parts[7])
    place = Place(f"gn:{gid}", parts[1], lat, lon, cc, feature, gid, admin_names.get(f"{cc}.{a1}"),
                  admin_names.get(f"{cc}.{a1}.{a2}"), population, source="geonames-import")
    names = [n for n in {parts[2], *parts[3].split(",")} if n and n != parts[1] and useful_alternate(n)]
    return Entry(place, names)


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn(),
                    transient=True)


def _import_dump(path: Path, writer: IndexWriter, admin_names: dict[str, str], progress: Progress) -> int:
    count = 0
    with _open_text(path) as (stream, size):
        task = progress.add_task(f"importing {path.name}", total=size)
        for line in stream:
            progress.advance(task, len(line.encode("utf-8")))
            entry = parse_geoname(line, admin_names)
            if entry is not None:
                writer.add(entry, place_id=entry.place.geonameid)
                count += 1
    return count


def import_dumps(paths: list[Path], settings: Settings) -> dict[str, int]:
    """Import the given files into the local index; returns counts per file name."""
    from eventledger.gazetteer import imported_index_path

    missing = [str(p) for p in paths if not Path(p).is_file()]
    if missing:
        raise GazetteerError(f"no such file(s): {', '.join(missing)}")
    codes = [Path(p) for p in paths if Path(p).name.lower() in ADMIN_CODE_FILES]
    dumps = [Path(p) for p in paths if Path(p) not in codes]
    admin_names: dict[str, str] = {}
    for p in codes:
        admin_names.update(read_admin_codes(p))
    target = imported_index_path(settings)
    target.parent.mkdir(parents=True, exist_ok=True)
    stats: dict[str, int] = {p.name: 0 for p in codes}
    try:
        conn = sqlite3.connect(target)
        try:
            writer = IndexWriter(conn)
            with _progress() as progress:
                for p in dumps:
                    stats[p.name] = _import_dump(p, writer, admin_names, progress)
            writer.finish({"source": "geonames dumps"}, summary_from_db=True)
        except BaseException:
            conn.rollback()
            raise
        finally:
            conn.close()
    except (sqlite3.Error, OSError, zipfile.BadZipFile, UnicodeDecodeError) as exc:
        raise GazetteerError(f"cannot import GeoNames dumps into {target}: {exc}") from exc
    log.info("imported %s into %s", stats, target)
    return stats
