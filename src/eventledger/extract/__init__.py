"""Code: annotated docs → ACLED-coded events with claims and evidence (``Extractor``)."""

from eventledger.extract.extractor import Extractor

__all__ = ["Extractor"]
