"""Without the trained model the whole extraction still runs, on rules (STACK.md)."""

from __future__ import annotations

import pytest

from eventledger.extract import Extractor
from eventledger.ingest import Article
from eventledger.settings import Settings

pytestmark = pytest.mark.slow


def test_extraction_on_the_blank_fallback_pipeline() -> None:
    settings = Settings.load(env={}, spacy_model="no_such_model_installed")
    extractor = Extractor(settings)
    assert "parser" not in extractor.nlp.pipe_names
    doc = extractor.extract(Article(id="b1", text="QUETTA, Pakistan (AP) - A roadside bomb exploded near a "
                                                  "police van in Quetta on Monday.", published=None))
    assert doc["events"]
    assert doc["events"][0]["event_type"] == "Explosions/Remote violence"
    assert any(p["name"] == "Quetta" for p in doc["places"])


def test_blank_fallback_can_be_refused() -> None:
    from eventledger.errors import PipelineError

    settings = Settings.load(env={}, spacy_model="no_such_model_installed", allow_blank_model=False)
    with pytest.raises(PipelineError, match="not installed"):
        Extractor(settings)
