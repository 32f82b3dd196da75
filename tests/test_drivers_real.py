"""Real NPS verbatims (telecom survey, 2,385 answers, Dec 2017 - Jun 2018): the driver table and
the quarterly trend table must be reproducible with a few lines of pandas on the raw file."""

import pandas as pd
import pytest

from textmine import Config, analyze

from .conftest import shared

pytestmark = pytest.mark.slow


def _nps(values: pd.Series) -> float:
    values = values.dropna()
    return 100 * ((values >= 9).mean() - (values <= 6).mean())


@pytest.fixture(scope="module")
def verbatims():
    path = shared("nps_verbatims_textsummary", "verbatim.csv")
    config = Config.from_dict({"sentiment": {"backend": "none"}, "trends": {"period": "quarter"}})
    result = analyze(
        path,
        config,
        text="text",
        nps="NPS_SCORE",
        date="CUSTOMER_RESPONSE_DATE",
        segments=["SURVEY_SUB_TYPE"],
    )
    raw = pd.read_csv(path)
    raw["quarter"] = pd.to_datetime(raw["CUSTOMER_RESPONSE_DATE"], dayfirst=True).dt.to_period("Q")
    raw["quarter"] = raw["quarter"].astype(str)
    raw["themes"] = result.responses["themes"].to_numpy()
    analysed = raw[(result.responses["status"] == "analysed").to_numpy()]
    return result, analysed


def test_day_first_dates_are_read_as_such(verbatims):
    result, analysed = verbatims
    assert result.responses.loc[analysed.index, "period"].tolist() == analysed["quarter"].tolist()
    assert sorted(analysed["quarter"].unique()) == ["2017Q4", "2018Q1", "2018Q2"]


def test_driver_table_is_reproducible_with_pandas(verbatims):
    result, analysed = verbatims
    table = result.drivers[result.drivers["metric"] == "nps"]
    assert len(table) == (result.themes["theme_id"] != -1).sum() >= 5
    for row in table.itertuples():
        has = analysed["themes"].map(lambda themes, t=row.theme_id: t in list(themes))
        scored = analysed["NPS_SCORE"].notna()
        assert row.n_with == (has & scored).sum()
        assert row.score_with == pytest.approx(_nps(analysed.loc[has, "NPS_SCORE"]))
        assert row.score_without == pytest.approx(_nps(analysed.loc[~has, "NPS_SCORE"]))
        assert row.impact == pytest.approx(
            _nps(analysed["NPS_SCORE"]) - _nps(analysed.loc[~has, "NPS_SCORE"])
        )
    ranked = table[table["rank"] == 1]
    assert set(ranked["direction"]) == {"positive", "negative"}
    assert (table["significant"] & ~table["too_small"]).sum() >= 5


def test_quarterly_trend_table_is_reproducible_with_pandas(verbatims):
    result, analysed = verbatims
    trends = result.trends
    assert list(dict.fromkeys(trends["period"])) == ["2017Q4", "2018Q1", "2018Q2"]
    for row in trends.itertuples():
        quarter = analysed[analysed["quarter"] == row.period]
        if pd.isna(row.theme_id):
            group = quarter
        else:
            group = quarter[quarter["themes"].map(lambda t, i=row.theme_id: i in list(t))]
        assert row.n_responses == len(group)
        assert row.share == pytest.approx(len(group) / len(quarter))
        if group["NPS_SCORE"].notna().any():
            assert row.nps == pytest.approx(_nps(group["NPS_SCORE"]))
        if not pd.isna(row.theme_id) and len(group):
            without = quarter.drop(group.index)["NPS_SCORE"]
            assert row.impact_nps == pytest.approx(_nps(quarter["NPS_SCORE"]) - _nps(without))


def test_segment_table_covers_every_survey_type(verbatims):
    result, analysed = verbatims
    overall = result.segment_metrics[result.segment_metrics["theme_id"].isna()]
    counts = analysed["SURVEY_SUB_TYPE"].value_counts().to_dict()
    assert overall.set_index("segment_value")["n_responses"].to_dict() == counts
    for row in overall.itertuples():
        values = analysed.loc[analysed["SURVEY_SUB_TYPE"] == row.segment_value, "NPS_SCORE"]
        assert row.nps == pytest.approx(_nps(values))
