from pathlib import Path

import pytest

from eventledger.errors import SettingsError
from eventledger.settings import Settings

DOCS = Path(__file__).resolve().parents[1] / "docs" / "settings.md"


def test_defaults_are_filled(tmp_path: Path) -> None:
    s = Settings.load(env={}, cache_dir=tmp_path)
    assert s.gazetteer_path.parent == tmp_path
    assert s.background_days == 45


def test_file_env_and_overrides_in_order(tmp_path: Path) -> None:
    cfg = tmp_path / "el.toml"
    cfg.write_text("background_days = 10\nallow_blank_model = false\n")
    env = {"EVENTLEDGER_BACKGROUND_DAYS": "20", "EVENTLEDGER_MIN_CONFIDENCE": "0.3", "HOME": "/x"}
    s = Settings.load(config_file=cfg, env=env)
    assert (s.background_days, s.allow_blank_model, s.min_confidence) == (20, False, 0.3)
    s = Settings.load(config_file=cfg, env=env, background_days=5)
    assert s.background_days == 5


def test_unknown_setting_fails_at_start(tmp_path: Path) -> None:
    cfg = tmp_path / "el.toml"
    cfg.write_text("backgrund_days = 10\n")
    with pytest.raises(SettingsError, match="backgrund_days"):
        Settings.load(config_file=cfg, env={})


@pytest.mark.parametrize(("name", "value"), [("background_days", "soon"), ("allow_blank_model", "maybe"),
                                             ("min_confidence", "2")])
def test_bad_values_fail_clearly(name: str, value: str) -> None:
    with pytest.raises(SettingsError):
        Settings.load(env={f"EVENTLEDGER_{name.upper()}": value})


def test_every_setting_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for name, (_, _, help_text) in Settings.describe().items():
        assert help_text, f"setting {name} has no help text"
        assert f"`{name}`" in text, f"setting {name} is missing from docs/settings.md"
