"""The stages that run over many texts, in batches of ``scale.batch_size``.

Each batch ticks the stage's progress bar, and the models are loaded once per process and
setting (lingua takes seconds to load; the streaming and Dask engines call these chunk after
chunk). Called only by :mod:`textmine.pipeline`, which knows the order.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from textmine import language as language_stage
from textmine.config import Config
from textmine.embed import Embedder
from textmine.language import make_detector
from textmine.schema import RESPONSE_ID
from textmine.sentiment import OUTPUT_COLUMNS, aggregate_responses, make_sentiment
from textmine.textcache import (
    TextCache,
    key_of,
    memoised,
    package_versions,
    stage_kind,
    text_cache,
)


def detect_languages(
    responses: pd.DataFrame, analysed: pd.Series, config: Config, bar: Any
) -> pd.Series:
    """Language of every analysed response: the given column when complete, else detected."""
    if "language" in responses and responses.loc[analysed, "language"].notna().all():
        return responses["language"].str.lower().str.split("-").str[0]
    settings, texts = config.language, responses.loc[analysed, "text"].tolist()
    versions = package_versions("lingua-language-detector", "langdetect")
    kind = stage_kind("language", settings.model_dump() | versions, language_stage)

    def detect(rows: list[int]) -> list[str]:
        detector = _detector(settings.backend, settings.min_chars, tuple(settings.allowed))
        return detector.detect([texts[i] for i in rows])

    cache = text_cache(config.embedding.cache_directory())
    keys = [key_of(t) for t in texts]
    found = _in_batches(cache, kind, keys, detect, config.scale.batch_size, bar)
    detected = pd.Series(None, index=responses.index, dtype=object)
    detected[analysed] = found
    return detected


@functools.lru_cache(maxsize=4)
def _detector(backend: str, min_chars: int, allowed: tuple[str, ...]):
    """One detector per process and setting: lingua takes seconds to load its models, and the
    streaming and Dask engines detect chunk after chunk."""
    return make_detector(backend, min_chars, allowed)


def _in_batches(
    cache: TextCache | None,
    kind: str,
    keys: list[str],
    compute: Callable[[list[int]], list[Any]],
    size: int,
    bar: Any,
) -> list[Any]:
    """:func:`memoised` answers, new ones computed ``size`` rows at a time so the progress bar
    moves; cached rows tick the bar at the end."""
    computed = 0

    def in_batches(rows: list[int]) -> list[Any]:
        nonlocal computed
        answers: list[Any] = []
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            answers += compute(batch)
            bar.update(len(batch))
            computed += len(batch)
        return answers

    answers = memoised(cache, kind, keys, in_batches)
    bar.update(len(keys) - computed)
    return answers


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
    texts, languages = segs["text"].tolist(), segs["language"].tolist()

    def predict(rows: list[int]) -> list[list]:
        batch = vectors[rows] if reuse else None
        found = model.predict([texts[i] for i in rows], [languages[i] for i in rows], batch)
        return found[OUTPUT_COLUMNS].values.tolist()

    fingerprint = getattr(model, "fingerprint", None)  # no fingerprint: nothing is cached
    cache = text_cache(config.embedding.cache_directory() if fingerprint else None)
    settings = {"model": fingerprint, "vectors": embedder_name if reuse else None}
    kind = stage_kind("sentiment", settings | package_versions("scikit-learn"))
    keys = [key_of(t, str(lang)) for t, lang in zip(texts, languages, strict=True)]
    rows = _in_batches(cache, kind, keys, predict, config.scale.batch_size, bar)
    predicted = pd.DataFrame(rows, columns=OUTPUT_COLUMNS).astype(_SENTIMENT_TYPES)
    segs = pd.concat([segs.reset_index(drop=True), predicted.reset_index(drop=True)], axis=1)
    per_response = aggregate_responses(segs)
    responses = responses.merge(per_response, on=RESPONSE_ID, how="left")
    responses["sentiment_mixed"] = responses["sentiment_mixed"].fillna(False).astype(bool)
    return segs, responses


_SENTIMENT_TYPES = {column: float for column in OUTPUT_COLUMNS} | {"sentiment_label": object}
