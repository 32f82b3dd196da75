"""Key-driver regression and LMG relative importance against independent computations."""

from itertools import permutations

import numpy as np
import pandas as pd
import pytest

from textmine import keydrivers


def _r2(x: np.ndarray, y: np.ndarray) -> float:
    if x.shape[1] == 0:
        return 0.0
    design = np.column_stack([np.ones(len(y)), x])
    beta = np.linalg.lstsq(design, y, rcond=None)[0]
    resid = y - design @ beta
    return 1 - resid @ resid / ((y - y.mean()) @ (y - y.mean()))


def _data(n=1500, p=4, seed=0):
    rng = np.random.default_rng(seed)
    x = (rng.random((n, p)) < 0.3).astype(float)
    x[:, 1] = np.maximum(x[:, 1], x[:, 0] * (rng.random(n) < 0.6))  # themes 0 and 1 co-occur
    y = x @ np.array([-40.0, -10.0, 15.0, 0.0])[:p] + rng.normal(0, 50, n)
    return x, y


def _cov(x, y):
    return np.cov(np.column_stack([x, y]), rowvar=False)


def test_exact_lmg_equals_the_average_over_all_orders_by_brute_force():
    x, y = _data()
    expected = np.zeros(4)
    orders = list(permutations(range(4)))
    for order in orders:
        previous = 0.0
        for k, j in enumerate(order):
            r2 = _r2(x[:, list(order[: k + 1])], y)
            expected[j] += r2 - previous
            previous = r2
    expected /= len(orders)
    assert keydrivers.lmg_exact(_cov(x, y)) == pytest.approx(expected, abs=1e-9)
    assert expected.sum() == pytest.approx(_r2(x, y))


def test_two_predictor_lmg_has_the_closed_form():
    x, y = _data(p=2)
    r2_1, r2_2, r2_12 = _r2(x[:, [0]], y), _r2(x[:, [1]], y), _r2(x, y)
    lmg = keydrivers.lmg_exact(_cov(x, y))
    assert lmg[0] == pytest.approx((r2_1 + r2_12 - r2_2) / 2)
    assert lmg[1] == pytest.approx((r2_2 + r2_12 - r2_1) / 2)


def test_sampled_lmg_is_close_to_exact_and_reports_its_error():
    rng = np.random.default_rng(3)
    x = (rng.random((2000, 9)) < 0.25).astype(float)
    y = x @ rng.normal(0, 20, 9) + rng.normal(0, 40, 2000)
    exact = keydrivers.lmg_exact(_cov(x, y))
    sampled, se = keydrivers.lmg_sampled(_cov(x, y), n_orders=600, seed=1)
    assert np.all(np.abs(sampled - exact) <= 4 * se + 1e-6)
    assert sampled.sum() == pytest.approx(exact.sum())


def test_duplicate_themes_share_their_importance():
    x, y = _data(p=3)
    with_copy = np.column_stack([x, x[:, 0]])
    lmg = keydrivers.lmg_exact(_cov(with_copy, y))
    assert lmg[0] == pytest.approx(lmg[3])
    assert lmg.sum() == pytest.approx(_r2(x, y), abs=1e-6)


def test_ols_coefficients_match_least_squares():
    x, y = _data()
    coef, se, r2 = keydrivers.ols_robust(x, y)
    design = np.column_stack([np.ones(len(y)), x])
    assert coef == pytest.approx(np.linalg.lstsq(design, y, rcond=None)[0][1:])
    assert r2 == pytest.approx(_r2(x, y))
    assert np.all(np.abs(coef - np.array([-40.0, -10.0, 15.0, 0.0])) < 3 * se)


def test_key_driver_table_ranks_the_planted_driver_first_and_adds_sentiment():
    x, y = _data(p=4, seed=2)
    outcome = pd.DataFrame({"nps": y})
    matrix = pd.DataFrame(x.astype(bool), columns=[10, 11, 12, 13])
    sentiment = pd.Series(np.random.default_rng(1).normal(size=len(y)))
    table = keydrivers.key_drivers(outcome, matrix, {10: "late"}, sentiment)
    assert table.iloc[0]["theme_id"] == 10 and table.iloc[0]["label"] == "late"
    assert table["relative_importance"].sum() == pytest.approx(1.0)
    assert table["r2_contribution"].sum() == pytest.approx(table["model_r2"].iloc[0])
    assert set(table["importance_method"]) == {"exact"}
    assert table["theme_id"].isna().sum() == 1  # the sentiment row
    many = keydrivers.key_drivers(outcome, matrix, {}, sentiment, exact_max=3)
    assert set(many["importance_method"]) == {"sampled"}
    merged = table.merge(many, on="predictor")
    assert merged["r2_contribution_x"].to_numpy() == pytest.approx(
        merged["r2_contribution_y"].to_numpy(), abs=1e-3
    )
