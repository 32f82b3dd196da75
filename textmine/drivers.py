"""Which themes move a score, by how much and how sure: pure functions on plain tables.

Every score we support is the mean of a per-response *outcome* (see :func:`outcomes`):
NPS codes promoters +100, passives 0, detractors -100; CSAT top-box % and CES % agree code
100 / 0; CSAT and CES means use the raw answer. So "the score of a group" is always a mean, and
the vendors' impact (Thematic, Kapiche, Qualtrics)

    impact(T) = score(all) - score(responses without T) = share(T) * (score_with - score_without)

needs one formula for every metric. Formulas, interval methods and references: docs/drivers.md.
This module imports nothing from textmine but :mod:`textmine.scores`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd
from scipy import stats

from textmine import scores

# metric -> (source score column, kind of outcome, column name in metric tables)
METRICS: dict[str, tuple[str, str, str]] = {
    "nps": ("nps", "nps", "nps"),
    "csat": ("csat", "share", "csat_top_box"),
    "csat_mean": ("csat", "mean", "csat_mean"),
    "ces": ("ces", "mean", "ces_mean"),
    "ces_agree": ("ces", "share", "ces_agree"),
}
DRIVER_COLUMNS = [
    "theme_id", "label", "metric", "n_with", "n_without", "share",
    "score_all", "score_all_ci_low", "score_all_ci_high",
    "score_with", "score_with_ci_low", "score_with_ci_high",
    "score_without", "score_without_ci_low", "score_without_ci_high",
    "difference", "impact", "impact_se", "impact_ci_low", "impact_ci_high",
    "p_value", "q_value", "significant", "too_small", "direction", "rank",
]  # fmt: skip


def outcomes(
    responses: pd.DataFrame,
    metrics: list[str],
    *,
    csat_scale: int | None = 5,
    ces_scale: int = 7,
    ces_high_is_easy: bool = True,
) -> pd.DataFrame:
    """Per-response outcome columns (one per metric whose score column has any answer).

    The mean of each column is the score: ``outcomes(df, ["nps"])["nps"].mean()`` is the NPS.
    Missing answers stay NaN so each metric uses only the responses that answered it.
    """
    out = pd.DataFrame(index=responses.index)
    for metric in metrics:
        source, _, _ = METRICS[metric]
        if source not in responses or responses[source].notna().sum() == 0:
            continue
        if source == "csat" and csat_scale is None:
            continue
        raw = responses[source].to_numpy(dtype=float)
        present = ~np.isnan(raw)
        if metric == "nps":
            coded = np.select([raw >= 9, raw >= 7], [100.0, 0.0], -100.0)
        elif metric == "csat":
            coded = 100.0 * (raw >= scores.CSAT_TOP_BOX[csat_scale])
        elif metric == "ces_agree":
            coded = 100.0 * scores.ces_easy(raw, ces_scale, ces_high_is_easy)
        else:
            coded = raw
        out[metric] = np.where(present, coded, np.nan)
    return out


def higher_is_better(metric: str, ces_high_is_easy: bool = True) -> bool:
    """Only a legacy low-is-easy CES mean gets better as it goes down."""
    return not (metric == "ces" and not ces_high_is_easy)


# ---------------------------------------------------------------- levels and intervals
def level(values: np.ndarray, metric: str, z: float = scores.Z95) -> tuple[float, float, float]:
    """(score, ci_low, ci_high) of a group: adjusted-Wald for NPS, Wilson for shares,
    normal interval for means (the same methods as :mod:`textmine.scores`)."""
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    if x.size == 0:
        return (math.nan, math.nan, math.nan)
    kind = METRICS[metric][1]
    if kind == "nps":
        counts = scores.NPSCounts(int((x > 0).sum()), int((x == 0).sum()), int((x < 0).sum()))
        low, high = scores.nps_interval_from_counts(counts, z)
    elif kind == "share":
        low, high = scores.proportion_interval(int((x > 0).sum()), x.size, z)
    else:
        low, high = scores.mean_interval(x, z)
    return (float(x.mean()), low, high)


def mean_variance(values: np.ndarray, kind: str) -> float:
    """Variance of a group's score, with the small-sample adjustments of the level intervals:
    NPS adds 3/4 promoter, 3/4 detractor and 3/2 passive (adjusted Wald, MeasuringU); shares
    add one success and one failure (Agresti-Caffo); means use the sample variance."""
    x = np.asarray(values, dtype=float)
    n = x.size
    if n == 0:
        return math.nan
    if kind == "nps":
        n_adj = n + 3
        p = ((x > 0).sum() + 0.75) / n_adj
        d = ((x < 0).sum() + 0.75) / n_adj
        return 1e4 * (p + d - (p - d) ** 2) / n_adj
    if kind == "share":
        n_adj = n + 2
        p = ((x > 0).sum() + 1) / n_adj
        return 1e4 * p * (1 - p) / n_adj
    return float(x.var(ddof=1)) / n if n > 1 else math.nan


def two_sided_p(z: float) -> float:
    """Two-sided normal p-value, P(|Z| >= |z|) (``math.erfc``: 100x faster than scipy per call)."""
    return math.erfc(abs(z) / math.sqrt(2))


# ---------------------------------------------------------------- impact of one theme
@dataclass(frozen=True)
class Impact:
    n_with: int
    n_without: int
    score_all: float
    score_with: float
    score_without: float
    difference: float
    impact: float
    impact_se: float
    impact_ci_low: float
    impact_ci_high: float
    p_value: float


def theme_impact(
    values: np.ndarray, has_theme: np.ndarray, metric: str, z: float = scores.Z95
) -> Impact:
    """Impact of one theme on one metric, with a delta-method interval and a p-value.

    With s = n_with / n and D = score_with - score_without, impact = s * D and
    Var(impact) ~= s^2 Var(D) + D^2 s(1 - s) / n  (Var(D) = sum of the two groups' score
    variances, :func:`mean_variance`). The p-value tests D = 0 (equivalent to impact = 0) with
    z = D / SE(D), the two-sample test vendors use.
    """
    x = np.asarray(values, dtype=float)
    mask = np.asarray(has_theme, dtype=bool)
    answered = ~np.isnan(x)
    x, mask = x[answered], mask[answered]
    with_t, without_t = x[mask], x[~mask]
    n, a, b = x.size, with_t.size, without_t.size
    nan = math.nan
    if n == 0:
        return Impact(0, 0, nan, nan, nan, nan, nan, nan, nan, nan, nan)
    m_all = float(x.mean())
    m_with = float(with_t.mean()) if a else nan
    m_without = float(without_t.mean()) if b else nan
    if a == 0 or b == 0:
        impact = 0.0 if a == 0 else nan
        return Impact(a, b, m_all, m_with, m_without, nan, impact, nan, nan, nan, nan)
    kind = METRICS[metric][1]
    share, diff = a / n, m_with - m_without
    var_diff = mean_variance(with_t, kind) + mean_variance(without_t, kind)
    impact = m_all - m_without
    se = math.sqrt(share**2 * var_diff + diff**2 * share * (1 - share) / n)
    p = two_sided_p(diff / math.sqrt(var_diff)) if var_diff > 0 else nan
    return Impact(
        a, b, m_all, m_with, m_without, diff, impact, se, impact - z * se, impact + z * se, p
    )


def bootstrap_impacts(
    values: np.ndarray,
    indicators: np.ndarray,
    n_boot: int = 1000,
    seed: int = 0,
    level_pct: float = 95.0,
    chunk: int = 100,
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap interval of every theme's impact at once (resampling responses).

    ``indicators`` is responses x themes (0/1). Each resample is turned into counts per response
    (how often it was drawn), so one matrix product gives all themes' impacts per replicate;
    memory stays at ``chunk`` x n.
    """
    x = np.asarray(values, dtype=float)
    answered = ~np.isnan(x)
    x = x[answered]
    m = np.asarray(indicators, dtype=float)[answered]
    rng = np.random.default_rng(seed)
    draws = []
    for start in range(0, n_boot, chunk):
        size = min(chunk, n_boot - start)
        draws_idx = rng.integers(0, x.size, size=(size, x.size))
        w = np.vstack([np.bincount(row, minlength=x.size) for row in draws_idx]).astype(float)
        total, total_x = w.sum(1), w @ x
        with_n, with_x = w @ m, w @ (m * x[:, None])
        with np.errstate(invalid="ignore", divide="ignore"):
            without = (total_x[:, None] - with_x) / (total[:, None] - with_n)
        draws.append((total_x / total)[:, None] - without)
    boot = np.vstack(draws)
    tail = (100 - level_pct) / 2
    return np.nanpercentile(boot, tail, axis=0), np.nanpercentile(boot, 100 - tail, axis=0)


# ---------------------------------------------------------------- tables
def benjamini_hochberg(p_values: np.ndarray) -> np.ndarray:
    """BH-adjusted q-values (false discovery rate); NaN p-values stay NaN and are not counted."""
    p = np.asarray(p_values, dtype=float)
    q = np.full(p.shape, np.nan)
    ok = np.flatnonzero(~np.isnan(p))
    if ok.size == 0:
        return q
    order = ok[np.argsort(p[ok], kind="stable")]
    ranked = p[order] * ok.size / np.arange(1, ok.size + 1)
    q[order] = np.minimum(1.0, np.minimum.accumulate(ranked[::-1])[::-1])
    return q


def indicators(theme_lists: pd.Series, theme_ids: list[int]) -> pd.DataFrame:
    """Responses x themes boolean matrix from a column of theme-id lists."""
    matrix = np.zeros((len(theme_lists), len(theme_ids)), dtype=bool)
    position = {t: j for j, t in enumerate(theme_ids)}
    for i, themes in enumerate(theme_lists):
        for t in themes if themes is not None else ():
            if t in position:
                matrix[i, position[t]] = True
    return pd.DataFrame(matrix, index=theme_lists.index, columns=theme_ids)


def drivers_table(
    outcome_frame: pd.DataFrame,
    theme_matrix: pd.DataFrame,
    labels: Mapping[int, str],
    *,
    min_n: int = 30,
    alpha: float = 0.05,
    ci_method: str = "delta",
    n_boot: int = 1000,
    seed: int = 0,
    lower_is_better: tuple[str, ...] = (),
) -> pd.DataFrame:
    """One row per (metric, theme): scores with vs without, impact with CI, BH significance.

    A theme with fewer than ``min_n`` answered responses with it (or without it) is
    ``too_small``: its figures are shown but it gets no q-value, no direction and no rank.
    ``direction`` is the sign of the effect on the experience (positive = lifts it) and
    ``rank`` orders the themes of each direction by the size of their impact (1 = largest).
    """
    frames = []
    matrix = theme_matrix.to_numpy(dtype=bool)
    for metric in outcome_frame.columns:
        x = outcome_frame[metric].to_numpy(dtype=float)
        rows = []
        all_level = level(x, metric)
        for j, theme_id in enumerate(theme_matrix.columns):
            has = matrix[:, j]
            imp = theme_impact(x, has, metric)
            w_level = level(x[has], metric)
            wo_level = level(x[~has], metric)
            rows.append(
                {"theme_id": theme_id, "label": labels.get(theme_id, str(theme_id))}
                | asdict(imp)
                | _ci_columns("score_all", all_level)
                | _ci_columns("score_with", w_level)
                | _ci_columns("score_without", wo_level)
            )
        table = pd.DataFrame(rows, columns=[*rows[0]] if rows else None)
        if table.empty:
            continue
        table["metric"] = metric
        if ci_method == "bootstrap":
            low, high = bootstrap_impacts(x, matrix, n_boot, seed)
            table["impact_ci_low"], table["impact_ci_high"] = low, high
        frames.append(_judge(table, min_n, alpha, better_up=metric not in lower_is_better))
    if not frames:
        return pd.DataFrame(columns=DRIVER_COLUMNS)
    out = pd.concat(frames, ignore_index=True)
    return out[DRIVER_COLUMNS + [c for c in out.columns if c not in DRIVER_COLUMNS]]


def _ci_columns(prefix: str, values: tuple[float, float, float]) -> dict[str, float]:
    return {prefix: values[0], f"{prefix}_ci_low": values[1], f"{prefix}_ci_high": values[2]}


def _judge(table: pd.DataFrame, min_n: int, alpha: float, better_up: bool) -> pd.DataFrame:
    """Add share, too_small, q-values (BH over the themes that are big enough), direction, rank."""
    table["share"] = table["n_with"] / (table["n_with"] + table["n_without"]).replace(0, np.nan)
    table["too_small"] = (table["n_with"] < min_n) | (table["n_without"] < min_n)
    judged = ~table["too_small"]
    table["q_value"] = np.nan
    table.loc[judged, "q_value"] = benjamini_hochberg(table.loc[judged, "p_value"].to_numpy())
    table["significant"] = (table["q_value"] <= alpha).fillna(False).astype(bool)
    good = table["impact"] if better_up else -table["impact"]
    table["direction"] = np.where(
        judged & (good > 0), "positive", np.where(judged & (good < 0), "negative", "none")
    )
    strength = good.abs().where(table["direction"] != "none")
    table["rank"] = (
        strength.groupby(table["direction"]).rank(ascending=False, method="first").astype("Int64")
    )
    return table


def nps_group_themes(
    nps_scores: pd.Series,
    theme_matrix: pd.DataFrame,
    labels: Mapping[int, str],
    *,
    alpha: float = 0.05,
    z: float = scores.Z95,
) -> pd.DataFrame:
    """What promoters and detractors talk about differently: each theme's share of mentions
    in each NPS group, the promoter - detractor difference (percentage points) with a Wald
    interval, and a two-proportion test (Fisher's exact test when an expected count is < 5),
    BH-corrected across themes."""
    raw = nps_scores.to_numpy(dtype=float)
    answered = ~np.isnan(raw)
    groups = {"promoters": raw >= 9, "passives": (raw >= 7) & (raw < 9), "detractors": raw < 7}
    groups = {k: v & answered for k, v in groups.items()}
    sizes = {k: int(v.sum()) for k, v in groups.items()}
    rows = []
    for theme_id in theme_matrix.columns:
        has = theme_matrix[theme_id].to_numpy()
        row = {"theme_id": theme_id, "label": labels.get(theme_id, str(theme_id))}
        for name, members in groups.items():
            row[f"n_{name}"] = int((has & members).sum())
            row[f"{name}_share"] = 100 * row[f"n_{name}"] / sizes[name] if sizes[name] else np.nan
        test = _two_proportions(
            row["n_promoters"], sizes["promoters"], row["n_detractors"], sizes["detractors"], z
        )
        rows.append(row | test)
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    table["q_value"] = benjamini_hochberg(table["p_value"].to_numpy())
    table["significant"] = (table["q_value"] <= alpha).fillna(False).astype(bool)
    table["leans"] = np.where(
        ~table["significant"], "none", np.where(table["difference"] > 0, "promoters", "detractors")
    )
    return table.sort_values("difference", kind="stable").reset_index(drop=True)


def _two_proportions(x1: int, n1: int, x2: int, n2: int, z: float) -> dict[str, float]:
    nan = math.nan
    if n1 == 0 or n2 == 0:
        return {"difference": nan, "ci_low": nan, "ci_high": nan, "p_value": nan}
    p1, p2 = x1 / n1, x2 / n2
    se = math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    pooled = (x1 + x2) / (n1 + n2)
    expected = np.outer([n1, n2], [pooled, 1 - pooled])
    if expected.min() < 5:
        p_value = float(stats.fisher_exact([[x1, n1 - x1], [x2, n2 - x2]])[1])
    else:
        se0 = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        p_value = two_sided_p((p1 - p2) / se0) if se0 > 0 else nan
    diff = 100 * (p1 - p2)
    return {
        "difference": diff,
        "ci_low": diff - 100 * z * se,
        "ci_high": diff + 100 * z * se,
        "p_value": p_value,
    }
