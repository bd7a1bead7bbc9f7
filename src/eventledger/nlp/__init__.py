"""Analyse: spaCy pipeline with eventledger's components (places, dates, quantities, actors,
attribution). ``build_pipeline`` assembles it from ``data/pipeline.toml``."""

from eventledger.nlp.pipeline import build_pipeline

__all__ = ["build_pipeline"]
