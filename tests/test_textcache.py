"""The per-text cache: languages, label tokens and sentiment are computed once per text."""

import pandas as pd
import pytest

from textmine import Config, analyze
from textmine.language import _ScriptFirst
from textmine.sentiment.head import HeadSentiment
from textmine.testing import make_feedback
from textmine.textcache import TextCache, key_of, memoised, stage_kind

COLUMNS = {"text": "answer", "nps": "nps", "id": "respondent_id"}


def _upper(calls: list[list[int]], texts: list[str]):
    def compute(rows: list[int]) -> list[str]:
        calls.append(rows)
        return [texts[i].upper() for i in rows]

    return compute


def test_memoised_computes_each_new_text_once(tmp_path):
    cache, texts, calls = TextCache(tmp_path), ["a", "b", "a", "c"], []
    keys = [key_of(t) for t in texts]
    assert memoised(cache, "upper", keys, _upper(calls, texts)) == ["A", "B", "A", "C"]
    assert calls == [[0, 1, 3]]  # "a" twice, computed once

    more = ["c", "d", "a"]
    assert memoised(cache, "upper", [key_of(t) for t in more], _upper(calls, more)) == [
        "C",
        "D",
        "A",
    ]
    assert calls[-1] == [1]  # only "d" is new
    memoised(cache, "lower", keys, _upper(calls, texts))
    assert calls[-1] == [0, 1, 3]  # another kind shares nothing


def test_without_a_cache_every_row_is_computed():
    calls: list[list[int]] = []
    assert memoised(None, "upper", ["k", "k"], _upper(calls, ["x", "x"])) == ["X", "X"]
    assert calls == [[0, 1]]


def test_the_kind_changes_with_settings_and_context():
    assert stage_kind("s", {"a": 1}) != stage_kind("s", {"a": 2})
    assert key_of("hej", "sv") != key_of("hej", "da")


def _config(cache_dir, sentiment="none") -> Config:
    settings = {
        "embedding": {"backend": "hashing", "cache_dir": str(cache_dir)},
        "sentiment": {"backend": sentiment},
    }
    return Config.from_dict(settings)


def _refuse(what: str):
    def fail(*args, **kwargs):
        pytest.fail(f"the warm run computed {what} again")

    return fail


def test_a_warm_run_detects_tokenizes_and_scores_nothing_again(tmp_path, monkeypatch):
    data = make_feedback(150, languages=("en", "de"), seed=5)
    cold = analyze(data, _config(tmp_path, "builtin"), **COLUMNS)
    with monkeypatch.context() as patch:
        patch.setattr(_ScriptFirst, "detect", _refuse("languages"))
        patch.setattr("textmine.label.tokenize", _refuse("label tokens"))
        patch.setattr(HeadSentiment, "predict_proba", _refuse("sentiment"))
        warm = analyze(data, _config(tmp_path, "builtin"), **COLUMNS)
    pd.testing.assert_frame_equal(warm.responses, cold.responses)
    pd.testing.assert_frame_equal(warm.segments, cold.segments)
    pd.testing.assert_frame_equal(warm.themes, cold.themes)
    assert cold.segments["sentiment_label"].notna().all()


def test_new_text_is_computed_and_old_text_is_not(tmp_path, monkeypatch):
    data = make_feedback(150, languages=("en",), seed=5)
    analyze(data.iloc[:100], _config(tmp_path), **COLUMNS)
    asked: list[str] = []
    original = _ScriptFirst.detect

    def spy(self, texts):
        asked.extend(texts)
        return original(self, texts)

    monkeypatch.setattr(_ScriptFirst, "detect", spy)
    analyze(data, _config(tmp_path), **COLUMNS)
    old = set(data["answer"].iloc[:100])
    assert asked and not old & set(asked)
