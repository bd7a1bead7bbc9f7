"""Ingest: files, feeds and standard input → ``Article``s (see DESIGN.md, data flow)."""

from eventledger.ingest.article import Article, content_hash
from eventledger.ingest.dateline import Dateline, parse_dateline
from eventledger.ingest.readers import CsvColumns, Overrides, ReadOptions, read_inputs

__all__ = ["Article", "CsvColumns", "Dateline", "Overrides", "ReadOptions", "content_hash", "parse_dateline",
           "read_inputs"]
