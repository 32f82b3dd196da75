"""Fit themes on a representative sample when the data is large, then assign every segment.

UMAP + HDBSCAN cost grows faster than linearly and their memory with it, while themes that
cover at least a few tenths of a percent of the data are already present in 20,000 segments.
So above ``fit_sample`` segments the theme model is fitted on a seeded sample stratified by
language (each language keeps its share) and every segment gets its theme and sub-theme from
``ThemeModel.predict`` -- the very rule used to apply a saved model to a new wave. The quality
cost is measured in docs/benchmarks.md.

Keywords and quotes are likewise computed from at most ``label_sample`` segments per theme;
sizes and shares always count every segment.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from textmine.schema import RESPONSE_ID


def stratified_sample(groups: np.ndarray, size: int, seed: int) -> np.ndarray:
    """Sorted positions of a seeded sample of ``size`` rows keeping each group's share.

    Every group gets ``floor(size * share)`` rows, the remainder goes to the groups with the
    largest fractional parts (ties: first group in sorted order), so shares are exact to one row.
    """
    n = len(groups)
    if size >= n:
        return np.arange(n)
    rng = np.random.default_rng(seed)
    names, inverse, counts = np.unique(groups, return_inverse=True, return_counts=True)
    quota = size * counts / n
    take = np.floor(quota).astype(int)
    extra = size - take.sum()
    order = np.lexsort((np.arange(len(names)), -(quota - take)))
    take[order[:extra]] += 1
    chosen = [
        rng.choice(np.flatnonzero(inverse == g), take[g], replace=False)
        for g in range(len(names))
        if take[g]
    ]
    return np.sort(np.concatenate(chosen))


def fit_rows(languages: np.ndarray, fit_sample: int | None, seed: int) -> np.ndarray | None:
    """Positions to fit the theme model on: a language-stratified seeded sample of
    ``fit_sample`` rows, or ``None`` (every row) when there are not more than that."""
    if not fit_sample or len(languages) <= fit_sample:
        return None
    return stratified_sample(np.asarray(languages, dtype=str), fit_sample, seed)


def label_rows(theme_ids: np.ndarray, per_theme: int | None, seed: int) -> np.ndarray | None:
    """Rows to compute keywords and quotes from: at most ``per_theme`` per theme (seeded),
    or ``None`` (all rows) when no theme is larger than that."""
    if not per_theme:
        return None
    counts = pd.Series(theme_ids).value_counts()
    if counts.max() <= per_theme:
        return None
    rng = np.random.default_rng(seed)
    keep = []
    for theme in sorted(counts.index):
        rows = np.flatnonzero(theme_ids == theme)
        keep.append(rows if len(rows) <= per_theme else rng.choice(rows, per_theme, replace=False))
    return np.sort(np.concatenate(keep))


def count_members(
    themes: pd.DataFrame, segments: pd.DataFrame, by: str = "theme_id"
) -> pd.DataFrame:
    """Overwrite theme (or, with ``by="sub_theme_id"``, sub-theme) sizes and shares with counts
    over *all* segments (after labelling a sample): n_segments, n_responses, share."""
    themes = themes.copy()
    by_theme = segments.groupby(by)
    n_segments = by_theme.size()
    n_responses = by_theme[RESPONSE_ID].nunique()
    total = max(1, segments[RESPONSE_ID].nunique())
    themes["n_segments"] = themes[by].map(n_segments).fillna(0).astype(int)
    themes["n_responses"] = themes[by].map(n_responses).fillna(0).astype(int)
    themes["share"] = themes["n_responses"] / total
    return themes
