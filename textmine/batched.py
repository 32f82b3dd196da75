"""The stages that run over many texts, in batches of ``scale.batch_size``.

Each batch ticks the stage's progress bar, and the models are loaded once per process and
setting (lingua takes seconds to load; the streaming and Dask engines call these chunk after
chunk). Called only by :mod:`textmine.pipeline`, which knows the order.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import pandas as pd

from textmine.config import Config
from textmine.embed import Embedder
from textmine.language import make_detector
from textmine.schema import RESPONSE_ID
from textmine.sentiment import OUTPUT_COLUMNS, aggregate_responses, make_sentiment


def detect_languages(
    responses: pd.DataFrame, analysed: pd.Series, config: Config, bar: Any
) -> pd.Series:
    """Language of every analysed response: the given column when complete, else detected."""
    if "language" in responses and responses.loc[analysed, "language"].notna().all():
        return responses["language"].str.lower().str.split("-").str[0]
    language = config.language
    detector = _detector(language.backend, language.min_chars, tuple(language.allowed))
    texts, size = responses.loc[analysed, "text"].tolist(), config.scale.batch_size
    found: list[str] = []
    for start in range(0, len(texts), size):
        found += detector.detect(texts[start : start + size])
        bar.update(len(texts[start : start + size]))
    detected = pd.Series(None, index=responses.index, dtype=object)
    detected[analysed] = found
    return detected


@functools.lru_cache(maxsize=4)
def _detector(backend: str, min_chars: int, allowed: tuple[str, ...]):
    """One detector per process and setting: lingua takes seconds to load its models, and the
    streaming and Dask engines detect chunk after chunk."""
    return make_detector(backend, min_chars, allowed)


@functools.lru_cache(maxsize=4)
def _sentiment_model(backend: str, model_path: str | None):
    return make_sentiment(backend, model_path)


def embed_segments(embedder: Embedder, segs: pd.DataFrame, batch_size: int, bar: Any) -> np.ndarray:
    """One vector per segment (row-aligned); the embedder's cache answers known texts."""
    texts, languages = segs["text"].tolist(), segs["language"].tolist()
    parts = []
    for start in range(0, len(texts), batch_size):
        end = start + batch_size
        parts.append(embedder.encode(texts[start:end], languages[start:end]))
        bar.update(len(parts[-1]))
    return np.vstack(parts) if parts else embedder.encode([], [])


def score_sentiment(
    segs: pd.DataFrame,
    responses: pd.DataFrame,
    vectors: np.ndarray,
    embedder_name: str,
    config: Config,
    bar: Any,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Sentiment of every segment and its aggregate per response (empty columns if off)."""
    model = _sentiment_model(config.sentiment.backend, config.sentiment.model_path)
    if model is None or segs.empty:
        for column in OUTPUT_COLUMNS:
            segs[column] = np.nan if column != "sentiment_label" else None
        responses["sentiment_label"] = None
        responses["sentiment_score"] = np.nan
        responses["sentiment_confidence"] = np.nan
        responses["sentiment_mixed"] = False
        return segs, responses
    # Reuse the clustering vectors only when they live in the space the model was trained on.
    space = getattr(model, "embedding_space", None)
    reuse = space and embedder_name.startswith(space)
    texts, languages, size = (
        segs["text"].tolist(),
        segs["language"].tolist(),
        config.scale.batch_size,
    )
    parts = []
    for start in range(0, len(texts), size):
        end = start + size
        batch = vectors[start:end] if reuse else None
        parts.append(model.predict(texts[start:end], languages[start:end], batch))
        bar.update(len(parts[-1]))
    predicted = pd.concat(parts, ignore_index=True)
    segs = pd.concat([segs.reset_index(drop=True), predicted.reset_index(drop=True)], axis=1)
    per_response = aggregate_responses(segs)
    responses = responses.merge(per_response, on=RESPONSE_ID, how="left")
    responses["sentiment_mixed"] = responses["sentiment_mixed"].fillna(False).astype(bool)
    return segs, responses
