"""Per-theme and overall score tables built from the pure functions in :mod:`textmine.scores`.

A response that mentions several themes counts once in each of them, so theme sizes add up to
more than the number of responses; shares are of analysed responses.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from textmine import scores
from textmine.config import Scales

METRIC_COLUMNS = [
    "n_responses",
    "share",
    "nps",
    "nps_ci_low",
    "nps_ci_high",
    "n_nps",
    "promoters_pct",
    "detractors_pct",
    "csat_top_box",
    "csat_mean",
    "n_csat",
    "ces_mean",
    "ces_agree",
    "n_ces",
    "sentiment_mean",
    "negative_pct",
    "mixed_pct",
]


def memberships(responses: pd.DataFrame) -> pd.DataFrame:
    """Long table (response_id, theme_id): one row per theme a response mentions."""
    analysed = responses[responses["status"] == "analysed"]
    long = (
        analysed[["response_id", "themes"]].explode("themes").rename(columns={"themes": "theme_id"})
    )
    return long.dropna().astype({"theme_id": "int64"}).reset_index(drop=True)


def score_summary(group: pd.DataFrame, scales: Scales, n_total: int) -> dict[str, float]:
    """All score figures for one group of responses (a theme, a segment, or everyone)."""
    out: dict[str, float] = {"n_responses": len(group), "share": len(group) / max(1, n_total)}
    out |= _nps_figures(group.get("nps"))
    csat = group.get("csat")
    has_csat = csat is not None and csat.notna().any() and scales.csat is not None
    out["csat_top_box"] = scores.csat_top_box(csat, scales.csat) if has_csat else np.nan
    out["csat_mean"] = scores.mean(csat) if has_csat else np.nan
    out["n_csat"] = int(csat.notna().sum()) if csat is not None else 0
    ces = group.get("ces")
    has_ces = ces is not None and ces.notna().any()
    out["ces_mean"] = scores.mean(ces) if has_ces else np.nan
    out["ces_agree"] = (
        scores.ces_agree(ces, scales.ces, scales.ces_high_is_easy) if has_ces else np.nan
    )
    out["n_ces"] = int(ces.notna().sum()) if ces is not None else 0
    out |= _sentiment_figures(group)
    return out


def _nps_figures(values: pd.Series | None) -> dict[str, float]:
    if values is None or values.notna().sum() == 0:
        return {
            k: np.nan
            for k in ("nps", "nps_ci_low", "nps_ci_high", "promoters_pct", "detractors_pct")
        } | {"n_nps": 0}
    counts = scores.nps_counts(values)
    low, high = scores.nps_interval(values)
    return {
        "nps": scores.nps(values),
        "nps_ci_low": low,
        "nps_ci_high": high,
        "n_nps": counts.n,
        "promoters_pct": 100 * counts.promoters / counts.n,
        "detractors_pct": 100 * counts.detractors / counts.n,
    }


def _sentiment_figures(group: pd.DataFrame) -> dict[str, float]:
    if "sentiment_score" not in group or group["sentiment_score"].notna().sum() == 0:
        return {"sentiment_mean": np.nan, "negative_pct": np.nan, "mixed_pct": np.nan}
    labels = group["sentiment_label"]
    return {
        "sentiment_mean": float(group["sentiment_score"].mean()),
        "negative_pct": 100 * float((labels == "negative").mean()),
        "mixed_pct": 100 * float(group.get("sentiment_mixed", pd.Series(False)).mean()),
    }


def theme_metrics(responses: pd.DataFrame, themes: pd.DataFrame, scales: Scales) -> pd.DataFrame:
    """One row per theme with every score figure, ordered like ``themes``."""
    analysed = responses[responses["status"] == "analysed"]
    links = memberships(responses)
    rows = []
    for theme_id, label in themes[["theme_id", "label"]].itertuples(index=False):
        ids = links.loc[links["theme_id"] == theme_id, "response_id"]
        group = analysed[analysed["response_id"].isin(ids)]
        rows.append(
            {"theme_id": theme_id, "label": label} | score_summary(group, scales, len(analysed))
        )
    return pd.DataFrame(rows, columns=["theme_id", "label", *METRIC_COLUMNS])


def overall_metrics(responses: pd.DataFrame, scales: Scales) -> dict[str, float]:
    analysed = responses[responses["status"] == "analysed"]
    return score_summary(analysed, scales, len(analysed))
