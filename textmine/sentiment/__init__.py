"""Sentiment per segment, aggregated per response: label, score in [-1, 1] and a confidence.

Backends implement :class:`SentimentModel`. The default (``builtin``, :mod:`.head`) is a small
model trained by ``pipelines/sentiment/train_sentiment.py`` on licensed data and shipped in
``models/sentiment``; it reuses the embeddings computed for clustering. ``transformers``
(:mod:`.huggingface`) runs a local Hugging Face model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np
import pandas as pd

from textmine.errors import ConfigError
from textmine.schema import RESPONSE_ID

LABELS = ("negative", "neutral", "positive")
OUTPUT_COLUMNS = [
    "sentiment_label",
    "sentiment_score",
    "sentiment_confidence",
    "p_negative",
    "p_neutral",
    "p_positive",
]
NEUTRAL_BAND = 0.2


class SentimentModel(Protocol):
    """``embedding_space`` (optional attribute): prefix of the embedder names whose vectors the
    model can take as ``embeddings``; the pipeline passes None for any other embedder."""

    name: str

    def predict(
        self,
        texts: Sequence[str],
        languages: Sequence[str],
        embeddings: np.ndarray | None = None,
    ) -> pd.DataFrame:
        """One row per text with :data:`OUTPUT_COLUMNS`; score = p_positive - p_negative."""
        ...


def frame_from_probabilities(probs: np.ndarray, labels: np.ndarray | None = None) -> pd.DataFrame:
    """The standard output table from an (n, 3) array of neg/neu/pos probabilities;
    ``labels`` (0/1/2) overrides the argmax, e.g. for a neutral band on 2-class models."""
    probs = np.asarray(probs, dtype=float).reshape(-1, 3)
    best = probs.argmax(axis=1) if labels is None else np.asarray(labels, dtype=int)
    return pd.DataFrame(
        {
            "sentiment_label": np.asarray(LABELS, dtype=object)[best]
            if len(probs)
            else np.array([], dtype=object),
            "sentiment_score": probs[:, 2] - probs[:, 0],
            "sentiment_confidence": probs[np.arange(len(probs)), best],
            "p_negative": probs[:, 0],
            "p_neutral": probs[:, 1],
            "p_positive": probs[:, 2],
        }
    )


def label_from_score(score: float) -> str:
    if score > NEUTRAL_BAND:
        return "positive"
    if score < -NEUTRAL_BAND:
        return "negative"
    return "neutral"


def aggregate_responses(segments: pd.DataFrame) -> pd.DataFrame:
    """Response sentiment from its segments, weighted by segment length.

    A response is *mixed* when it has a clearly negative and a clearly positive segment; its
    label follows the weighted score, so "great product, awful delivery" can be neutral + mixed.
    """
    weights = segments["text"].str.len().clip(lower=1)
    frame = segments[[RESPONSE_ID, "sentiment_score", "sentiment_confidence", "sentiment_label"]]
    frame = frame.assign(
        _w=weights,
        _ws=segments["sentiment_score"] * weights,
        _wc=segments["sentiment_confidence"] * weights,
        _neg=segments["sentiment_label"] == "negative",
        _pos=segments["sentiment_label"] == "positive",
    )
    grouped = frame.groupby(RESPONSE_ID).agg(
        _w=("_w", "sum"),
        _ws=("_ws", "sum"),
        _wc=("_wc", "sum"),
        _neg=("_neg", "any"),
        _pos=("_pos", "any"),
        n=("_w", "size"),
    )
    out = pd.DataFrame(index=grouped.index)
    out["sentiment_score"] = grouped["_ws"] / grouped["_w"]
    out["sentiment_confidence"] = grouped["_wc"] / grouped["_w"]
    single = segments.drop_duplicates(RESPONSE_ID, keep="first").set_index(RESPONSE_ID)
    out["sentiment_label"] = np.where(
        grouped["n"] == 1,
        single.loc[out.index, "sentiment_label"],
        out["sentiment_score"].map(label_from_score),
    )
    out["sentiment_mixed"] = grouped["_neg"] & grouped["_pos"]
    return out.reset_index()


def _builtin(model_path: str | None = None) -> SentimentModel:
    from textmine.sentiment.head import HeadSentiment

    return HeadSentiment(model_path)


def _transformers(model_path: str | None = None) -> SentimentModel:
    if not model_path:
        raise ConfigError("sentiment.backend 'transformers' needs sentiment.model_path")
    try:
        from textmine.sentiment.huggingface import TransformersSentiment

        return TransformersSentiment(model_path)
    except ImportError as exc:
        raise ConfigError(
            "sentiment.backend 'transformers' needs: pip install 'textmine[transformers]'"
        ) from exc


SENTIMENT_BACKENDS: dict[str, Callable[..., SentimentModel]] = {
    "builtin": _builtin,
    "transformers": _transformers,
}


def make_sentiment(backend: str, model_path: str | None = None) -> SentimentModel | None:
    """Build the configured backend; ``none`` switches sentiment off (columns stay empty)."""
    if backend == "none":
        return None
    if backend not in SENTIMENT_BACKENDS:
        choices = sorted([*SENTIMENT_BACKENDS, "none"])
        raise ConfigError(f"unknown sentiment.backend {backend!r}; choose one of {choices}")
    return SENTIMENT_BACKENDS[backend](model_path=model_path)
