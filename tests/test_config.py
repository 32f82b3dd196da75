import pytest

from textmine.config import Config
from textmine.errors import ConfigError


def test_unknown_key_is_an_error_that_names_the_key(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("themes:\n  min_theme_sise: 10\n")
    with pytest.raises(ConfigError, match=r"themes.min_theme_sise"):
        Config.from_file(path)


def test_overrides_replace_dotted_keys_and_skip_none():
    config = Config().with_overrides({"columns.text": "answer", "seed": None, "scales.csat": 7})
    assert config.columns.text == "answer"
    assert config.seed == 42
    assert config.scales.csat == 7


def test_invalid_scale_is_rejected():
    with pytest.raises(ConfigError, match="scales.csat"):
        Config.from_dict({"scales": {"csat": 4}})


def test_config_file_round_trip(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("columns:\n  text: answer\n  segments: [country]\nseed: 7\n")
    config = Config.from_file(path)
    assert config.columns.segments == ["country"] and config.seed == 7


def test_driver_trend_and_store_settings_have_working_defaults_and_reject_typos():
    config = Config()
    assert config.drivers.metrics == ["nps", "csat", "ces"] and config.store.path is None
    assert config.trends.at_risk.csat_streak == 3
    with pytest.raises(ConfigError, match="drivers.min_sample"):
        Config.from_dict({"drivers": {"min_sample": 10}})
