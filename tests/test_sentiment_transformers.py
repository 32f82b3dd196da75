"""TransformersSentiment on a tiny random BERT built here (no downloads, CPU, a few seconds)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from textmine.sentiment import OUTPUT_COLUMNS as COLUMNS  # noqa: E402
from textmine.sentiment.huggingface import TransformersSentiment, map_labels  # noqa: E402

WORDS = [
    "the",
    "service",
    "was",
    "good",
    "bad",
    "great",
    "terrible",
    "ok",
    "delivery",
    "late",
    "very",
    "not",
    "i",
    "love",
    "hate",
    "it",
    "price",
    "app",
    "slow",
    "fast",
]


def _tiny_model(path: Path, id2label: dict[int, str]) -> Path:
    """Random 1-layer BERT + WordPiece tokenizer from a local vocab, saved to `path`."""
    path.mkdir(parents=True, exist_ok=True)
    vocab = [
        "[PAD]",
        "[UNK]",
        "[CLS]",
        "[SEP]",
        "[MASK]",
        *WORDS,
        *list("abcdefghijklmnopqrstuvwxyz"),
    ]
    vocab_file = path / "vocab.txt"
    vocab_file.write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tok = transformers.BertTokenizer(vocab_file=str(vocab_file))
    config = transformers.BertConfig(
        vocab_size=len(vocab),
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=64,
        num_labels=len(id2label),
        id2label=id2label,
        label2id={v: k for k, v in id2label.items()},
    )
    torch.manual_seed(0)
    model = transformers.BertForSequenceClassification(config)
    model.save_pretrained(path)
    tok.save_pretrained(path)
    return path


TEXTS = ["the service was very good", "delivery late and app slow", "ok", "", "i hate it " * 50]


def _check_frame(df, n: int) -> None:
    assert list(df.columns) == COLUMNS
    assert len(df) == n
    probs = df[["p_negative", "p_neutral", "p_positive"]].to_numpy()
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-5)
    assert ((probs >= 0) & (probs <= 1)).all()
    assert set(df["sentiment_label"]) <= {"negative", "neutral", "positive"}
    assert np.allclose(df["sentiment_score"], df["p_positive"] - df["p_negative"], atol=1e-6)
    chosen = probs[
        np.arange(n), df["sentiment_label"].map({"negative": 0, "neutral": 1, "positive": 2})
    ]
    assert np.allclose(df["sentiment_confidence"], chosen, atol=1e-6)


def test_three_class_named_labels(tmp_path: Path) -> None:
    d = _tiny_model(tmp_path / "m3", {0: "Negative", 1: "Neutral", 2: "Positive"})
    be = TransformersSentiment(d, batch_size=2)
    df = be.predict(TEXTS, ["en"] * len(TEXTS))
    _check_frame(df, len(TEXTS))
    # same probabilities as running the model directly: the mapping keeps the order
    tok = transformers.AutoTokenizer.from_pretrained(d)
    model = transformers.AutoModelForSequenceClassification.from_pretrained(d).eval()
    with torch.no_grad():
        logits = model(**tok(TEXTS[:1], return_tensors="pt")).logits
    ref = torch.softmax(logits, -1).numpy()[0]
    assert np.allclose(
        df.loc[0, ["p_negative", "p_neutral", "p_positive"]].to_numpy(float), ref, atol=1e-5
    )


def test_two_class_model_has_no_neutral(tmp_path: Path) -> None:
    d = _tiny_model(tmp_path / "m2", {0: "NEGATIVE", 1: "POSITIVE"})
    df = TransformersSentiment(d).predict(TEXTS, ["en"] * len(TEXTS))
    _check_frame(df, len(TEXTS))
    assert (df["p_neutral"] == 0).all()
    assert set(df["sentiment_label"]) <= {"negative", "positive"}


def test_two_class_neutral_band(tmp_path: Path) -> None:
    d = _tiny_model(tmp_path / "m2b", {0: "LABEL_0", 1: "LABEL_1"})
    df = TransformersSentiment(d, binary_neutral_band=2.0).predict(TEXTS, ["en"] * len(TEXTS))
    assert (df["sentiment_label"] == "neutral").all()  # |score| <= 1 < band


def test_reversed_label_order_is_mapped(tmp_path: Path) -> None:
    d = _tiny_model(tmp_path / "mr", {0: "positive", 1: "negative", 2: "neutral"})
    be = TransformersSentiment(d)
    df = be.predict(TEXTS[:2], ["en", "en"])
    _check_frame(df, 2)
    tok = transformers.AutoTokenizer.from_pretrained(d)
    model = transformers.AutoModelForSequenceClassification.from_pretrained(d).eval()
    with torch.no_grad():
        ref = torch.softmax(model(**tok(TEXTS[:1], return_tensors="pt")).logits, -1).numpy()[0]
    assert np.isclose(df.loc[0, "p_positive"], ref[0], atol=1e-5)
    assert np.isclose(df.loc[0, "p_negative"], ref[1], atol=1e-5)


def test_map_labels_variants() -> None:
    assert map_labels({0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"}).tolist() == [0, 1, 2]
    assert map_labels({0: "LABEL_0", 1: "LABEL_1"}).tolist() == [0, 2]
    assert map_labels(
        {0: "1 star", 1: "2 stars", 2: "3 stars", 3: "4 stars", 4: "5 stars"}
    ).tolist() == [0, 0, 1, 2, 2]
    assert map_labels({0: "neg", 1: "pos"}).tolist() == [0, 2]
    with pytest.raises(ValueError):
        map_labels({0: "joy", 1: "anger", 2: "fear", 3: "love"})


def test_empty_input(tmp_path: Path) -> None:
    d = _tiny_model(tmp_path / "me", {0: "negative", 1: "neutral", 2: "positive"})
    df = TransformersSentiment(d).predict([], [])
    assert list(df.columns) == COLUMNS and len(df) == 0
