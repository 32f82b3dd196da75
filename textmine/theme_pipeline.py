"""The theme half of the pipeline, shared by analyze, apply and edit: fit (or reuse) a theme
model, assign segments, describe themes and sub-themes, attach them to responses.

Kept apart from :mod:`textmine.pipeline` so that module stays readable; it imports only stage
modules and is called only by the pipeline.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from textmine.codebook import Codebook, embed_codebook, load_codebook
from textmine.config import Config
from textmine.embed import Embedder
from textmine.errors import TextmineError
from textmine.fitcache import cached_fit, fit_key
from textmine.label import describe_themes, segment_tokens
from textmine.language import make_detector
from textmine.sampling import count_members, fit_rows, label_rows
from textmine.schema import UNCLASSIFIED
from textmine.textcache import text_cache
from textmine.theme_tables import attach_themes, with_model_info
from textmine.themes import ThemeModel, ThemeParams


def theme_params(config: Config) -> ThemeParams:
    t = config.themes
    return ThemeParams(
        min_theme_size=t.min_theme_size,
        n_themes=t.n_themes,
        max_themes=t.max_themes,
        subthemes_per_theme=t.subthemes_per_theme,
        reducer=t.reducer,
        n_components=t.n_components,
        n_neighbors=t.n_neighbors,
        outlier_threshold=t.outlier_threshold,
        outlier_quantile=t.outlier_quantile,
        guided_threshold=t.guided_threshold,
        center_languages=t.center_languages,
        lexical_weight=t.lexical_weight,
        seed=config.seed,
    )


def fit_themes(
    vectors: np.ndarray,
    languages: list[str],
    texts: list[str],
    embedder: Embedder,
    config: Config,
    codebook: Codebook | str | Path | None = None,
) -> ThemeModel:
    """A new model fitted on ``vectors`` (of the segments ``texts``); seeded by ``codebook``
    or ``themes.codebook``."""
    codebook = codebook if codebook is not None else config.themes.codebook
    seeds = None
    if codebook is not None:
        book = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)
        detector = make_detector(
            config.language.backend, config.language.min_chars, config.language.allowed
        )
        seeds = embed_codebook(book, embedder, detector.detect)
    params = theme_params(config)

    def fit() -> ThemeModel:
        model = ThemeModel(params)
        model.fit(vectors, embedder=embedder.name, seeds=seeds, languages=languages, texts=texts)
        return model

    key = fit_key(vectors, languages, params, embedder.name, seeds, texts)
    return cached_fit(fit_cache_dir(config), key, fit)


def fit_cache_dir(config: Config) -> Path | None:
    """Where fitted models are kept: the embedding cache's folder, and only when caching is on."""
    return config.embedding.cache_directory() if config.themes.cache else None


def fit_on_sample(
    vectors: np.ndarray,
    languages: list[str],
    texts: list[str],
    embedder: Embedder,
    config: Config,
    codebook: Codebook | str | Path | None = None,
) -> tuple[ThemeModel, int | None]:
    """:func:`fit_themes` on at most ``scale.fit_sample`` segments (language-stratified,
    seeded) -- UMAP and the Ward tree grow faster than linearly -- and that sample's size
    (``None``: every segment was used). Every segment is assigned later by ``predict``."""
    rows = fit_rows(np.asarray(languages, dtype=str), config.scale.fit_sample, config.seed)
    if rows is None:
        return fit_themes(vectors, languages, texts, embedder, config, codebook), None
    sample = [languages[i] for i in rows]
    sample_texts = [texts[i] for i in rows]
    model = fit_themes(vectors[rows], sample, sample_texts, embedder, config, codebook)
    return model, int(len(rows))


def check_embedder(model: ThemeModel, embedder: Embedder, where: str = "the theme model") -> None:
    """A model only makes sense with the embedder it was fitted on."""
    if model.embedder and model.embedder != embedder.name:
        raise TextmineError(
            f"{where}: fitted with embedder {model.embedder!r}, but this run uses "
            f"{embedder.name!r}; use the same embedding settings as the earlier run"
        )


def theme_tables(
    responses: pd.DataFrame,
    segs: pd.DataFrame,
    vectors: np.ndarray,
    model: ThemeModel,
    config: Config,
    learn: bool,
    embedder: Embedder | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Assign themes and sub-themes, describe both, attach them to responses.

    ``learn``: store the computed labels in the (just fitted) model; otherwise the model's
    saved names win, so a new wave or an edited taxonomy keeps its theme names. ``embedder``
    (the run's) re-ranks theme label words by meaning (:func:`textmine.label.describe_themes`).
    Returns (responses, segments, themes, subthemes).
    """
    segs = assign_themes(segs, vectors, model)
    themes, subthemes, sampled = _describe(segs, vectors, config, embedder)
    if learn:
        model.remember_labels(themes.to_dict("records"), subthemes.to_dict("records"))
    themes = with_model_info(themes, model.themes, "theme_id")
    subthemes = with_model_info(subthemes, model.subthemes, "sub_theme_id")
    if sampled:
        themes = count_members(themes, segs)
        subthemes = count_members(subthemes, segs, by="sub_theme_id")
    responses = attach_themes(responses, segs, themes)
    return responses, segs, themes, subthemes


def assign_themes(segs: pd.DataFrame, vectors: np.ndarray, model: ThemeModel) -> pd.DataFrame:
    """``segs`` with theme_id, sub_theme_id and theme_similarity from ``model.predict``."""
    assigned = model.predict(vectors, segs["language"].tolist())
    return segs.assign(
        theme_id=assigned.theme_id,
        sub_theme_id=assigned.sub_theme_id,
        theme_similarity=assigned.similarity,
    )


def _describe(
    segs: pd.DataFrame, vectors: np.ndarray, config: Config, embedder: Embedder | None
) -> tuple[pd.DataFrame, pd.DataFrame, bool]:
    """Themes and sub-themes described from at most ``scale.label_sample`` segments per theme
    (keywords and quotes need no more) and whether that was a sample (then the sizes must be
    recounted over all segments)."""
    rows = label_rows(segs["theme_id"].to_numpy(), config.scale.label_sample, config.seed)
    if rows is not None:
        segs, vectors = segs.iloc[rows].reset_index(drop=True), vectors[rows]
    tokens = segment_tokens(segs, text_cache(config.embedding.cache_directory()))
    n_kw, n_quotes = config.themes.n_keywords, config.themes.n_quotes
    # Theme labels only are re-ranked: sub-themes would more than double the words to embed
    themes = describe_themes(segs, vectors, n_kw, n_quotes, tokens=tokens, embedder=embedder)
    subthemes = describe_themes(segs, vectors, n_kw, n_quotes, by="sub_theme_id", tokens=tokens)
    return themes, subthemes[subthemes["sub_theme_id"] != UNCLASSIFIED], rows is not None


def theme_counts(responses: pd.DataFrame, segs: pd.DataFrame, themes: pd.DataFrame) -> dict:
    """Coverage figures for run.json."""
    analysed = responses["status"] == "analysed"
    unclassified = responses.loc[analysed, "themes"].map(lambda t: list(t) == [UNCLASSIFIED])
    return {
        "themes": int((themes["theme_id"] != UNCLASSIFIED).sum()),
        "subthemes": int(segs.loc[segs["sub_theme_id"] >= 0, "sub_theme_id"].nunique()),
        "unclassified_share": float(unclassified.mean()) if analysed.any() else 0.0,
        "unclassified_segment_share": float((segs["theme_id"] == UNCLASSIFIED).mean())
        if len(segs)
        else 0.0,
    }
