"""Periods, breakdowns, emerging/fading tests and at-risk rules on small hand-made tables."""

import numpy as np
import pandas as pd
import pytest

from textmine import drivers, scores, trends


def test_period_labels_are_readable_and_sortable():
    dates = pd.Series(pd.to_datetime(["2024-12-30", "2025-02-14", "2025-11-03", None]))
    assert trends.period_labels(dates, "week").tolist() == [
        "2025-W01",
        "2025-W07",
        "2025-W45",
        None,
    ]
    assert trends.period_labels(dates, "month").tolist()[:3] == ["2024-12", "2025-02", "2025-11"]
    assert trends.period_labels(dates, "quarter").tolist()[:3] == ["2024Q4", "2025Q1", "2025Q4"]
    assert trends.period_labels(dates, "day").tolist()[0] == "2024-12-30"
    with pytest.raises(ValueError, match="period must be one of"):
        trends.period_labels(dates, "fortnight")


def test_choose_period_follows_the_span():
    start = pd.Timestamp("2025-01-01")
    assert trends.choose_period(pd.Series([start, start + pd.Timedelta(days=10)])) == "day"
    assert trends.choose_period(pd.Series([start, start + pd.Timedelta(days=90)])) == "week"
    assert trends.choose_period(pd.Series([start, start + pd.Timedelta(days=400)])) == "month"
    assert trends.choose_period(pd.Series([start, start + pd.Timedelta(days=2000)])) == "quarter"


def test_waves_are_ordered_by_their_first_date():
    waves = pd.Series(["spring", "autumn", "spring", "summer"])
    dates = pd.Series(pd.to_datetime(["2025-03-01", "2025-10-01", "2025-04-01", "2025-07-01"]))
    assert trends.wave_order(waves, dates) == ["spring", "summer", "autumn"]
    assert trends.wave_order(waves) == ["spring", "autumn", "summer"]


@pytest.fixture
def frame():
    rng = np.random.default_rng(0)
    n = 400
    data = pd.DataFrame(
        {
            "period": rng.choice(["2025Q1", "2025Q2"], n),
            "nps": rng.integers(0, 11, n).astype(float),
            "csat": rng.integers(1, 6, n).astype(float),
            "sentiment_score": rng.normal(size=n),
            "t0": rng.random(n) < 0.3,
            "t1": rng.random(n) < 0.1,
        }
    )
    data.loc[::17, "nps"] = np.nan
    return data


def test_breakdown_figures_equal_plain_pandas(frame):
    outcome = drivers.outcomes(frame, ["nps", "csat"], csat_scale=5)
    matrix = frame[["t0", "t1"]].set_axis([0, 1], axis=1)
    table = trends.breakdown(
        outcome, matrix, {0: "a", 1: "b"}, frame["period"], frame["sentiment_score"], min_n=30
    )
    for (period, theme), row in table.set_index(["period", "theme_id"], drop=False).iterrows():
        in_period = frame[frame["period"] == period]
        group = in_period if pd.isna(theme) else in_period[in_period[f"t{theme}"]]
        nps = group["nps"].dropna()
        assert row.n_responses == len(group)
        assert row.share == pytest.approx(len(group) / len(in_period))
        assert row.nps == pytest.approx(100 * ((nps >= 9).mean() - (nps <= 6).mean()))
        assert row.csat_top_box == pytest.approx(100 * (group["csat"] >= 4).mean())
        assert row.sentiment_mean == pytest.approx(group["sentiment_score"].mean())
        if not pd.isna(theme):
            without = in_period[~in_period[f"t{theme}"]]["nps"].dropna()
            all_nps = in_period["nps"].dropna()
            expected = scores.nps(all_nps) - scores.nps(without)
            assert row.impact_nps == pytest.approx(expected)
            assert row.too_small == (len(group) < 30)


def test_segment_metrics_stack_one_breakdown_per_column(frame):
    frame["country"] = np.where(np.arange(len(frame)) % 3 == 0, "DE", "SE")
    outcome = drivers.outcomes(frame, ["nps"])
    matrix = frame[["t0"]].set_axis([0], axis=1)
    table = trends.segment_metrics(outcome, matrix, {0: "a"}, frame[["country", "period"]])
    assert set(table["segment"]) == {"country", "period"}
    de = table[(table["segment"] == "country") & (table["segment_value"] == "DE")]
    assert de[de["theme_id"].isna()]["n_responses"].iloc[0] == (frame["country"] == "DE").sum()


def _trend_counts(counts: dict[int, list[int]], totals: list[int]) -> pd.DataFrame:
    periods = [f"P{i}" for i in range(len(totals))]
    rows = [
        {"period": p, "theme_id": pd.NA, "label": "All responses", "n_responses": n}
        for p, n in zip(periods, totals, strict=True)
    ]
    for theme, xs in counts.items():
        rows += [
            {"period": p, "theme_id": theme, "label": f"t{theme}", "n_responses": x}
            for p, x in zip(periods, xs, strict=True)
        ]
    return pd.DataFrame(rows), periods


def test_a_jump_against_a_steady_history_is_emerging_and_a_drop_is_fading():
    table, order = _trend_counts(
        {0: [50, 52, 48, 51, 110], 1: [100, 98, 102, 101, 40], 2: [30, 31, 29, 30, 31]},
        [500, 500, 500, 500, 500],
    )
    changes = trends.theme_changes(table, order, min_history=4)
    last = changes.set_index("theme_id")
    assert last.loc[0, "status"] == "emerging"
    assert last.loc[1, "status"] == "fading"
    assert last.loc[2, "status"] == "stable"
    assert last.loc[0, "change"] == pytest.approx(110 / 500 - 201 / 2000)


def test_the_same_jump_is_not_flagged_for_a_theme_that_always_swings():
    # Both themes move from a 15% history to 25%; theme 1 alternated 5% / 25% before.
    table, order = _trend_counts({0: [75, 75, 75, 75, 125], 1: [25, 125, 25, 125, 125]}, [500] * 5)
    changes = trends.theme_changes(table, order, min_history=4).set_index("theme_id")
    assert changes.loc[0, "history_share"] == changes.loc[1, "history_share"] == 0.15
    assert changes.loc[0, "status"] == "emerging"
    assert changes.loc[1, "status"] == "stable"
    assert changes.loc[1, "dispersion"] > 10
    # quasi-binomial: the z of theme 1 is the binomial z shrunk by sqrt(dispersion)
    assert changes.loc[1, "z"] == pytest.approx(
        changes.loc[0, "z"] / np.sqrt(changes.loc[1, "dispersion"])
    )


def test_history_window_limits_the_comparison():
    table, order = _trend_counts({0: [10, 10, 50, 50]}, [100] * 4)
    changes = trends.theme_changes(table, order, history=1, min_history=1)
    assert changes["history_share"].tolist() == pytest.approx([0.1, 0.1, 0.5])
    assert changes["status"].tolist() == ["stable", "emerging", "stable"]


@pytest.fixture
def customers():
    rows = [
        # customer, date, csat, nps, themes
        ("A", "2025-01-01", 2, None, [0]),
        ("A", "2025-02-01", 1, None, [1]),
        ("A", "2025-03-01", 2, None, [0, 2]),
        ("B", "2025-01-01", 1, None, [0]),
        ("B", "2025-02-01", 1, None, [1]),
        ("B", "2025-03-01", 2, None, [1]),
        ("B", "2025-04-01", 5, None, [2]),
        ("C", "2025-01-01", None, 9, [2]),
        ("C", "2025-05-01", None, 3, [1]),
        ("D", "2025-01-01", None, 3, [0]),
        ("D", "2025-05-01", None, 10, [2]),
        ("E", "2025-01-01", 2, None, [0]),
        ("E", "2025-02-01", 2, None, [0]),
    ]
    frame = pd.DataFrame(rows, columns=["customer_id", "date", "csat", "nps", "themes"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["response_id"] = range(len(frame))
    return frame.sample(frac=1, random_state=1)  # order must come from the dates


LABELS = {0: "late delivery", 1: "refund", 2: "app"}


def test_at_risk_latest_flags_current_streaks_and_detractors(customers):
    flagged = trends.at_risk(customers, LABELS, csat_scale=5)
    found = {(r.customer_id, r.rule) for r in flagged.itertuples()}
    assert found == {("A", "csat_negative_streak"), ("C", "nps_detractor")}
    a = flagged[flagged["customer_id"] == "A"].iloc[0]
    assert a.n_answers == 3 and a.scores == "2, 1, 2"
    assert a.response_ids == [0, 1, 2]
    assert a.themes == "late delivery; refund; app"
    assert a.date == pd.Timestamp("2025-03-01")


def test_at_risk_any_scope_and_configurable_rules(customers):
    flagged = trends.at_risk(customers, LABELS, csat_scale=5, scope="any")
    found = {(r.customer_id, r.rule) for r in flagged.itertuples()}
    assert found == {
        ("A", "csat_negative_streak"),
        ("B", "csat_negative_streak"),
        ("C", "nps_detractor"),
        ("D", "nps_detractor"),
    }
    two = trends.at_risk(customers, LABELS, csat_streak=2, nps_detractor=False, csat_scale=5)
    assert set(two["customer_id"]) == {"A", "E"}
    strict = trends.at_risk(customers, LABELS, csat_negative_at_most=1, csat_scale=5)
    assert set(strict["rule"]) == {"nps_detractor"}


def test_csat_negative_cut_mirrors_the_top_box():
    assert [trends.csat_negative_cut(s) for s in (3, 5, 7, 10)] == [1, 2, 3, 2]
