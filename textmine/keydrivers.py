"""Key-driver analysis: regress a score on theme indicators (+ sentiment) and split R^2 fairly.

Why: themes co-occur ("late delivery" and "refund" often arrive together), so the one-theme-at-
a-time impact in :mod:`textmine.drivers` counts their shared effect twice. Here every theme is
in one linear model of the per-response outcome (NPS coded +100/0/-100, top-box 100/0, means
raw), so a coefficient is "score points when the theme is present, the others held fixed".

Relative importance is LMG (Lindeman, Merenda & Gold 1980), the Shapley value of R^2: each
predictor's R^2 gain averaged over every order of entering the model. It is exact (all 2^p
subsets) up to ``exact_max`` predictors and estimated from sampled orders (with antithetic
pairs) beyond. Pure: imports nothing from textmine but :mod:`textmine.scores`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from itertools import combinations

import numpy as np
import pandas as pd
from scipy import stats

from textmine import scores

SENTIMENT = "sentiment"
KEY_DRIVER_COLUMNS = [
    "theme_id", "label", "metric", "predictor", "coefficient", "coefficient_se",
    "coefficient_ci_low", "coefficient_ci_high", "p_value", "r2_contribution",
    "relative_importance", "relative_importance_se", "importance_method", "model_r2", "n", "rank",
]  # fmt: skip


def _regularised(cov: np.ndarray) -> np.ndarray:
    """Covariance with a 1e-9 relative ridge on the diagonal, so that duplicate or collinear
    themes (and a perfect fit) do not make the solves fail; it changes R^2 by < 1e-8."""
    return cov + np.diag(np.diag(cov) * 1e-9 + 1e-300)


def lmg_exact(cov: np.ndarray) -> np.ndarray:
    """Exact LMG of the p = len(cov) - 1 predictors (y is last in ``cov``).

    R^2 of every subset S is c_S' C_SS^-1 c_S / var(y) (one batched solve per subset size);
    LMG_j = sum over S without j of |S|! (p-|S|-1)! / p! * (R^2(S + j) - R^2(S)).
    """
    cov = _regularised(cov)
    p = cov.shape[0] - 1
    r2 = np.zeros(1 << p)
    for k in range(1, p + 1):
        idx = np.array(list(combinations(range(p), k)))
        a = cov[idx[:, :, None], idx[:, None, :]]
        c = cov[idx, -1]
        solved = np.linalg.solve(a, c[..., None])[..., 0]
        r2[(1 << idx).sum(axis=1)] = (c * solved).sum(axis=1) / cov[-1, -1]
    masks = np.arange(1 << p)
    sizes = np.array([bin(m).count("1") for m in range(1 << p)])
    weight = np.array(
        [math.factorial(k) * math.factorial(p - k - 1) / math.factorial(p) for k in range(p)]
    )
    out = np.zeros(p)
    for j in range(p):
        without = masks[(masks >> j & 1) == 0]
        out[j] = float(np.sum(weight[sizes[without]] * (r2[without | 1 << j] - r2[without])))
    return out


def lmg_sampled(
    cov: np.ndarray, n_orders: int = 500, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """LMG estimated from random entry orders, each paired with its reverse (antithetic).

    The R^2 gains along one order are the squared last-row entries of the Cholesky factor of
    the covariance reordered that way (y last), so each order costs one factorisation.
    Returns (estimate, Monte Carlo standard error) per predictor.
    """
    cov = _regularised(cov)
    p = cov.shape[0] - 1
    rng = np.random.default_rng(seed)
    pairs = []
    for _ in range(max(1, n_orders // 2)):
        order = rng.permutation(p)
        pairs.append((_order_gains(cov, order) + _order_gains(cov, order[::-1])) / 2)
    gains = np.vstack(pairs)
    se = gains.std(axis=0, ddof=1) / math.sqrt(len(gains)) if len(gains) > 1 else np.zeros(p)
    return gains.mean(axis=0), se


def _order_gains(cov: np.ndarray, order: np.ndarray) -> np.ndarray:
    full = np.append(order, cov.shape[0] - 1)
    factor = np.linalg.cholesky(cov[np.ix_(full, full)])
    gains = np.zeros(len(order))
    gains[order] = factor[-1, :-1] ** 2 / cov[-1, -1]
    return gains


def ols_robust(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """OLS with an intercept; returns (coefficients without intercept, HC1 robust SEs, R^2).

    Robust (heteroskedasticity-consistent) errors because the outcome is discrete (-100/0/100
    or 0/100), where the classical constant-variance assumption does not hold.
    """
    n, k = x.shape
    design = np.column_stack([np.ones(n), x])
    xtx_inv = np.linalg.pinv(design.T @ design)
    beta = xtx_inv @ (design.T @ y)  # not (xtx_inv @ design.T) @ y: a k x n temporary
    resid = y - design @ beta
    scaled = design * resid[:, None]
    meat = scaled.T @ scaled  # sum of e_i^2 x_i x_i'
    cov = xtx_inv @ meat @ xtx_inv * n / max(1, n - k - 1)
    total = float(((y - y.mean()) ** 2).sum())
    r2 = 1 - float(resid @ resid) / total if total > 0 else math.nan
    return beta[1:], np.sqrt(np.clip(np.diag(cov)[1:], 0, None)), r2


def key_drivers(
    outcome_frame: pd.DataFrame,
    theme_matrix: pd.DataFrame,
    labels: Mapping[int, str],
    sentiment: pd.Series | None = None,
    *,
    exact_max: int = 12,
    n_orders: int = 500,
    seed: int = 0,
    z: float = scores.Z95,
) -> pd.DataFrame:
    """One row per (metric, predictor): coefficient with robust CI and p-value, LMG share of
    R^2 (``r2_contribution``; they add up to ``model_r2``) and ``relative_importance`` (the
    same as a share of ``model_r2``, adding up to 1). Predictors that never vary (a theme nobody
    in the scored rows mentions) are left out. Sentiment rows have ``theme_id`` <NA>."""
    frames = []
    for metric in outcome_frame.columns:
        table = _one_metric(
            outcome_frame[metric], theme_matrix, labels, sentiment, exact_max, n_orders, seed, z
        )
        if table is not None:
            frames.append(table.assign(metric=metric))
    if not frames:
        return pd.DataFrame(columns=KEY_DRIVER_COLUMNS)
    return pd.concat(frames, ignore_index=True)[KEY_DRIVER_COLUMNS]


def _one_metric(y_all, theme_matrix, labels, sentiment, exact_max, n_orders, seed, z):
    predictors = theme_matrix.astype(float)
    names: list[object] = list(theme_matrix.columns)
    if sentiment is not None and sentiment.notna().any():
        predictors = predictors.assign(**{SENTIMENT: sentiment.to_numpy(dtype=float)})
        names.append(SENTIMENT)
    keep = y_all.notna().to_numpy() & predictors.notna().all(axis=1).to_numpy()
    x = predictors.to_numpy()[keep]
    y = y_all.to_numpy(dtype=float)[keep]
    varying = np.flatnonzero(x.std(axis=0) > 0) if len(x) else np.array([], dtype=int)
    if len(y) < len(varying) + 2 or varying.size == 0 or y.std() == 0:
        return None
    x, names = x[:, varying], [names[j] for j in varying]
    coef, se, r2 = ols_robust(x, y)
    cov = np.cov(np.column_stack([x, y]), rowvar=False)
    if len(names) <= exact_max:
        lmg, lmg_se, method = lmg_exact(cov), np.zeros(len(names)), "exact"
    else:
        lmg, lmg_se = lmg_sampled(cov, n_orders, seed)
        method = "sampled"
    with np.errstate(invalid="ignore", divide="ignore"):
        p_value = 2 * stats.norm.sf(np.abs(coef / se))
    table = pd.DataFrame(
        {
            "theme_id": pd.array([None if n == SENTIMENT else n for n in names], dtype="Int64"),
            "label": ["Sentiment" if n == SENTIMENT else labels.get(n, str(n)) for n in names],
            "predictor": [SENTIMENT if n == SENTIMENT else f"theme_{n}" for n in names],
            "coefficient": coef,
            "coefficient_se": se,
            "coefficient_ci_low": coef - z * se,
            "coefficient_ci_high": coef + z * se,
            "p_value": p_value,
            "r2_contribution": lmg,
            "relative_importance": lmg / r2 if r2 > 0 else np.nan,
            "relative_importance_se": lmg_se / r2 if r2 > 0 else np.nan,
            "importance_method": method,
            "model_r2": r2,
            "n": int(len(y)),
        }
    )
    table["rank"] = table["r2_contribution"].rank(ascending=False, method="first").astype("Int64")
    return table.sort_values("rank").reset_index(drop=True)
