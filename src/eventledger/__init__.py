"""eventledger: evidence-backed conflict and human-rights event coding from news reports."""

__version__ = "0.1.0"
