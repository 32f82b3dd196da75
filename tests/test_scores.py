import math

import numpy as np
import pytest

from textmine import scores


def test_nps_of_40_promoters_25_passives_35_detractors_is_5():
    values = [10] * 20 + [9] * 20 + [8] * 15 + [7] * 10 + [6] * 15 + [0] * 20
    assert scores.nps(values) == pytest.approx(5.0)
    counts = scores.nps_counts(values)
    assert (counts.promoters, counts.passives, counts.detractors) == (40, 25, 35)


def test_nps_ignores_missing_and_is_nan_when_empty():
    assert scores.nps([10, np.nan, 0]) == 0.0
    assert math.isnan(scores.nps([np.nan]))


def test_nps_groups_at_the_boundaries():
    assert [scores.nps_group(v) for v in (0, 6, 7, 8, 9, 10)] == [
        "detractor",
        "detractor",
        "passive",
        "passive",
        "promoter",
        "promoter",
    ]
    assert scores.nps_group(float("nan")) is None


def test_adjusted_wald_interval_matches_hand_computation():
    # 40 promoters, 25 passives, 35 detractors: p=(40.75/103), d=(35.75/103)
    values = [10] * 40 + [8] * 25 + [3] * 35
    p, d = 40.75 / 103, 35.75 / 103
    se = math.sqrt((p + d - (p - d) ** 2) / 103)
    low, high = scores.nps_interval(values)
    assert low == pytest.approx(100 * (p - d - 1.959964 * se), abs=1e-3)
    assert high == pytest.approx(100 * (p - d + 1.959964 * se), abs=1e-3)
    assert low < scores.nps(values) < high


@pytest.mark.parametrize(
    ("scale", "values", "expected"),
    [
        (5, [1, 2, 3, 4, 5], 40.0),
        (7, [1, 4, 5, 6, 7], 60.0),
        (10, [8, 9, 10, 1], 50.0),
        (3, [1, 2, 3, 3], 50.0),
    ],
)
def test_csat_top_box_per_scale(scale, values, expected):
    assert scores.csat_top_box(values, scale) == pytest.approx(expected)


def test_csat_scale_is_inferred_from_the_largest_value():
    assert scores.infer_csat_scale([1, 2, 3]) == 3
    assert scores.infer_csat_scale([1, 4, 5]) == 5
    assert scores.infer_csat_scale([6, 2]) == 7
    assert scores.infer_csat_scale([8]) == 10
    with pytest.raises(ValueError):
        scores.infer_csat_scale([11])


def test_ces_agree_and_direction():
    assert scores.ces_agree([1, 4, 5, 6, 7], 7) == pytest.approx(60.0)
    assert scores.ces_agree([1, 2, 3, 4, 5], 5, high_is_easy=False) == pytest.approx(40.0)
    assert scores.mean([1, 7, np.nan]) == 4.0


def test_out_of_range_flags_non_integers_and_values_outside_the_scale():
    mask = scores.out_of_range([0, 10, 11, -1, 5.5, np.nan], 0, 10)
    assert mask.tolist() == [False, False, True, True, True, False]


def test_wilson_interval_contains_the_share():
    low, high = scores.proportion_interval(30, 100)
    assert low < 30 < high
    assert low == pytest.approx(21.9, abs=0.1) and high == pytest.approx(39.6, abs=0.1)
