"""The theme-fit cache: a warm re-run reuses the fitted model and gives identical tables."""

import pandas as pd
import pytest

from textmine import Config, analyze
from textmine.testing import make_feedback
from textmine.themes import ThemeModel

COLUMNS = {"text": "answer", "nps": "nps", "id": "respondent_id"}


def _config(cache_dir, **overrides) -> Config:
    settings = {
        "embedding": {"backend": "hashing", "cache_dir": str(cache_dir)},
        "sentiment": {"backend": "none"},
    }
    return Config.from_dict(settings).with_overrides(overrides)


def test_a_warm_rerun_reuses_the_fit_and_changes_nothing(tmp_path, monkeypatch):
    data = make_feedback(300, languages=("en", "de"), seed=3)
    cold = analyze(data, _config(tmp_path), **COLUMNS)
    assert len(list((tmp_path / "themes").iterdir())) == 1

    with monkeypatch.context() as patch:
        patch.setattr(ThemeModel, "fit", lambda *a, **k: pytest.fail("the warm run re-fitted"))
        warm = analyze(data, _config(tmp_path), **COLUMNS)
    pd.testing.assert_frame_equal(warm.responses, cold.responses)
    pd.testing.assert_frame_equal(warm.themes, cold.themes)
    pd.testing.assert_frame_equal(warm.theme_metrics, cold.theme_metrics)


def test_any_change_to_the_fit_inputs_misses_the_cache(tmp_path):
    data = make_feedback(300, languages=("en", "de"), seed=3)
    analyze(data, _config(tmp_path), **COLUMNS)
    analyze(data, _config(tmp_path, seed=7), **COLUMNS)  # another seed
    analyze(data.iloc[:-1], _config(tmp_path), **COLUMNS)  # one response fewer
    analyze(data, _config(tmp_path, **{"themes.n_themes": 4}), **COLUMNS)  # other settings
    assert len(list((tmp_path / "themes").iterdir())) == 4


@pytest.mark.parametrize("switch", ["embedding.cache", "themes.cache"])
def test_without_caching_nothing_is_stored(tmp_path, switch):
    data = make_feedback(120, languages=("en",), seed=3)
    analyze(data, _config(tmp_path, **{switch: False}), **COLUMNS)
    assert not (tmp_path / "themes").exists()
