"""Expand ingest arguments: files, folders (recursively, in name order) and glob patterns.

Hidden files and folders (``.name``) are passed over, as are sidecar ``.json`` files beside their
article; every other file is handed on, so an unsupported type is reported, never silently dropped.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from pathlib import Path

from eventledger.errors import InputError

STDIN = "-"
_GLOB_CHARS = set("*?[")
_SIDECAR_OF = (".txt", ".text", ".html", ".htm")


def _is_sidecar(path: Path) -> bool:
    return path.suffix.lower() == ".json" and any(path.with_suffix(s).is_file() for s in _SIDECAR_OF)


def walk_folder(folder: Path) -> Iterator[Path]:
    """Files under ``folder`` in a stable order, without hidden entries or sidecars."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if not name.startswith(".") and not _is_sidecar(path):
                yield path


def expand_paths(names: list[str]) -> Iterator[str | InputError]:
    """Each argument as files to read: ``-`` stays ``-``; errors for what matches nothing."""
    for name in names:
        if name == STDIN:
            yield name
            continue
        path = Path(name)
        if path.is_dir():
            yield from (str(p) for p in walk_folder(path))
        elif path.exists():
            yield name
        elif _GLOB_CHARS & set(name):
            matches = sorted(glob.glob(name, recursive=True))
            if not matches:
                yield InputError("no files match this pattern", source=name)
            for match in matches:
                if Path(match).is_dir():
                    yield from (str(p) for p in walk_folder(Path(match)))
                elif not _is_sidecar(Path(match)):
                    yield match
        else:
            yield InputError("no such file or folder", source=name)
