"""Theme impact, intervals, BH and promoter/detractor comparison, to hand-computed values."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from textmine import drivers, scores
from textmine.testing import expected_nps, make_feedback

# Ten responses, hand-scored. Theme T: rows 0, 5, 6, 7. Theme U: rows 1, 5, 9.
NPS = [10, 9, 10, 8, 7, 6, 3, 0, 10, 5]
CSAT = [5, 4, 5, 4, 3, 2, 1, 1, 5, 2]
CES = [7, 6, 7, 5, 4, 3, 2, 1, 6, 3]
T = [1, 0, 0, 0, 0, 1, 1, 1, 0, 0]
U = [0, 1, 0, 0, 0, 1, 0, 0, 0, 1]


@pytest.fixture
def ten():
    responses = pd.DataFrame({"nps": NPS, "csat": CSAT, "ces": CES}, dtype=float)
    matrix = pd.DataFrame({0: np.array(T, bool), 1: np.array(U, bool)})
    outcome = drivers.outcomes(responses, ["nps", "csat", "ces", "ces_agree"], csat_scale=5)
    table = drivers.drivers_table(outcome, matrix, {0: "T", 1: "U"}, min_n=1)
    return table.set_index(["metric", "theme_id"])


def test_outcome_means_are_the_scores_40_25_35_gives_nps_5():
    values = pd.DataFrame({"nps": [10] * 40 + [8] * 25 + [3] * 35}, dtype=float)
    coded = drivers.outcomes(values, ["nps"])["nps"]
    assert coded.mean() == pytest.approx(5.0)
    score, low, high = drivers.level(coded.to_numpy(), "nps")
    assert score == pytest.approx(5.0)
    assert (low, high) == pytest.approx(scores.nps_interval(values["nps"]))


def test_nps_impact_on_the_ten_row_fixture(ten):
    row = ten.loc[("nps", 0)]
    # all: 4 promoters, 4 detractors -> 0; with T: 1 P, 3 D of 4 -> -50; without: 3 P, 1 D of 6
    assert (row.n_with, row.n_without) == (4, 6)
    assert row.score_all == pytest.approx(0.0)
    assert row.score_with == pytest.approx(-50.0)
    assert row.score_without == pytest.approx(100 / 3)
    assert row.impact == pytest.approx(-100 / 3)
    assert row.impact == pytest.approx(row.share * (row.score_with - row.score_without))
    # theme U overlaps T on row 5: with U -> 1 P, 2 D of 3; without -> 3 P, 2 D of 7
    assert ten.loc[("nps", 1)].impact == pytest.approx(0 - 100 / 7)


def test_csat_and_ces_impacts_on_the_ten_row_fixture(ten):
    assert ten.loc[("csat", 0)].score_all == pytest.approx(50.0)
    assert ten.loc[("csat", 0)].score_with == pytest.approx(25.0)
    assert ten.loc[("csat", 0)].impact == pytest.approx(50 - 400 / 6)
    assert ten.loc[("ces", 0)].score_all == pytest.approx(4.4)
    assert ten.loc[("ces", 0)].score_with == pytest.approx(3.25)
    assert ten.loc[("ces", 0)].impact == pytest.approx(4.4 - 31 / 6)
    # % agree (5-7): all 5/10, without T 4/6 (rows 1, 2, 3, 8)
    assert ten.loc[("ces_agree", 0)].impact == pytest.approx(50 - 400 / 6)


def test_impact_standard_error_matches_the_hand_computation(ten):
    row = ten.loc[("nps", 0)]
    # adjusted shares: with (1.75/7, 3.75/7), without (3.75/9, 1.75/9)
    var_with = 1e4 * (0.25 + 3.75 / 7 - (0.25 - 3.75 / 7) ** 2) / 7
    var_without = 1e4 * (5.5 / 9 - (2 / 9) ** 2) / 9
    assert var_with == pytest.approx(1005.83, abs=0.01)
    assert var_without == pytest.approx(624.14, abs=0.01)
    se = math.sqrt(0.4**2 * (var_with + var_without) + (250 / 3) ** 2 * 0.4 * 0.6 / 10)
    assert row.impact_se == pytest.approx(se)
    assert se == pytest.approx(20.675, abs=1e-3)
    assert row.impact_ci_low == pytest.approx(-100 / 3 - scores.Z95 * se)
    z = (-250 / 3) / math.sqrt(var_with + var_without)
    assert row.p_value == pytest.approx(2 * stats.norm.sf(abs(z)))


def test_benjamini_hochberg_matches_the_textbook_example():
    q = drivers.benjamini_hochberg(np.array([0.01, 0.04, 0.03, 0.005, np.nan]))
    assert q[:4] == pytest.approx([0.02, 0.04, 0.04, 0.02])
    assert np.isnan(q[4])


def test_small_themes_are_flagged_not_ranked():
    responses = pd.DataFrame({"nps": NPS}, dtype=float)
    matrix = pd.DataFrame({0: np.array(T, bool), 1: np.array(U, bool)})
    outcome = drivers.outcomes(responses, ["nps"])
    table = drivers.drivers_table(outcome, matrix, {0: "T", 1: "U"}, min_n=4)
    t, u = table.iloc[0], table.iloc[1]
    assert not t.too_small and t.direction == "negative" and t["rank"] == 1
    assert u.too_small and u.direction == "none" and pd.isna(u["rank"]) and pd.isna(u.q_value)
    assert not u.significant


def test_lower_is_better_flips_the_direction_for_legacy_ces():
    responses = pd.DataFrame({"ces": CES}, dtype=float)
    matrix = pd.DataFrame({0: np.array(T, bool)})
    outcome = drivers.outcomes(responses, ["ces"])
    table = drivers.drivers_table(outcome, matrix, {0: "T"}, min_n=1, lower_is_better=("ces",))
    assert table.loc[0, "impact"] < 0 and table.loc[0, "direction"] == "positive"


def _simulated(n, seed, share=0.25, base=(0.3, 0.3, 0.4), theme=(0.7, 0.2, 0.1)):
    rng = np.random.default_rng(seed)
    has = rng.random(n) < share
    codes = np.array([-100.0, 0.0, 100.0])
    x = np.where(has, rng.choice(codes, size=n, p=theme), rng.choice(codes, size=n, p=base))
    truth = share * (100 * (theme[2] - theme[0]) - 100 * (base[2] - base[0]))
    return x, has, truth


def test_delta_interval_agrees_with_a_seeded_bootstrap():
    x, has, _ = _simulated(3000, seed=1)
    imp = drivers.theme_impact(x, has, "nps")
    low, high = drivers.bootstrap_impacts(x, has[:, None], n_boot=2000, seed=7)
    width = imp.impact_ci_high - imp.impact_ci_low
    assert abs(low[0] - imp.impact_ci_low) < 0.05 * width
    assert abs(high[0] - imp.impact_ci_high) < 0.05 * width


def test_delta_interval_covers_the_true_impact_about_95_percent_of_the_time():
    covered = []
    for seed in range(400):
        x, has, truth = _simulated(300, seed)
        imp = drivers.theme_impact(x, has, "nps")
        covered.append(imp.impact_ci_low <= truth <= imp.impact_ci_high)
    assert 0.92 <= np.mean(covered) <= 0.98


def test_bootstrap_ci_method_in_the_table_is_seeded():
    x, has, _ = _simulated(500, seed=3)
    outcome = pd.DataFrame({"nps": x})
    matrix = pd.DataFrame({0: has})
    a = drivers.drivers_table(outcome, matrix, {}, ci_method="bootstrap", n_boot=300, seed=1)
    b = drivers.drivers_table(outcome, matrix, {}, ci_method="bootstrap", n_boot=300, seed=1)
    pd.testing.assert_frame_equal(a, b)
    assert a.loc[0, "impact_ci_low"] < a.loc[0, "impact"] < a.loc[0, "impact_ci_high"]


def test_planted_driver_is_the_top_negative_driver_and_its_true_impact_is_in_the_ci():
    mix = {"friendly_support": (1.0, 0.0, 0.0)}
    data = make_feedback(1800, seed=5, nps_mix=mix)
    names = sorted(data["planted_theme"].unique())
    matrix = pd.DataFrame({i: data["planted_theme"] == name for i, name in enumerate(names)})
    outcome = drivers.outcomes(data, ["nps"])
    table = drivers.drivers_table(outcome, matrix, dict(enumerate(names)))
    top = table[(table["direction"] == "negative") & (table["rank"] == 1)].iloc[0]
    assert top.label == "friendly_support" and top.significant
    truth = expected_nps(6, mix)
    others = np.mean([v for k, v in truth.items() if k != "friendly_support"])
    true_impact = (truth["friendly_support"] - others) / 6  # themes are drawn uniformly
    assert true_impact == pytest.approx(-10.0)
    assert top.impact_ci_low <= true_impact <= top.impact_ci_high


def test_promoters_vs_detractors_share_test_matches_a_chi_square():
    nps = pd.Series([10] * 40 + [8] * 25 + [3] * 35, dtype=float)
    has = np.zeros(100, bool)
    has[:20] = True  # 20 of 40 promoters
    has[65:72] = True  # 7 of 35 detractors
    has[40:45] = True  # 5 of 25 passives
    table = drivers.nps_group_themes(nps, pd.DataFrame({3: has}), {3: "X"})
    row = table.iloc[0]
    assert (row.n_promoters, row.n_passives, row.n_detractors) == (20, 5, 7)
    assert row.promoters_share == pytest.approx(50.0)
    assert row.detractors_share == pytest.approx(20.0)
    assert row.difference == pytest.approx(30.0)
    chi2 = stats.chi2_contingency([[20, 20], [7, 28]], correction=False)
    assert row.p_value == pytest.approx(chi2.pvalue)
    assert row.leans == "promoters"


def test_indicator_matrix_from_theme_lists():
    matrix = drivers.indicators(pd.Series([[0, 2], [-1], [], [2]]), [0, 2])
    assert matrix.to_numpy().tolist() == [[True, True], [False, False], [False, False],
                                          [False, True]]  # fmt: skip
