"""Slow: the real default models on real NPS survey answers (../shared/data)."""

import pandas as pd
import pytest

from textmine import Config, analyze
from textmine.label import stop_words

from .conftest import shared

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def verbatims():
    path = shared("nps_verbatims_textsummary", "verbatim.csv")
    config = Config.from_dict(
        {
            "columns": {
                "text": "text",
                "nps": "NPS_SCORE",
                "date": "CUSTOMER_RESPONSE_DATE",
                "segments": ["SURVEY_SUB_TYPE", "Qtr"],
            }
        }
    )
    return pd.read_csv(path, keep_default_na=False, na_values=[""]), analyze(path, config)


def test_every_row_is_accounted_for(verbatims):
    raw, result = verbatims
    assert len(result.responses) == len(raw) == result.run["counts"]["input_rows"]
    quarantined = result.responses["status"].eq("quarantined").sum()
    assert quarantined == len(result.quarantine["response_id"].unique())


def test_themes_have_content_labels(verbatims):
    _, result = verbatims
    themes = result.themes[result.themes["theme_id"] >= 0]
    assert 5 <= len(themes) <= 60
    stops = stop_words("en")
    for keywords in themes["keywords"]:
        assert len(keywords) > 0
        assert not set(keywords[:5]) & stops


def test_theme_nps_matches_pandas(verbatims):
    raw, result = verbatims
    links = result.responses[["response_id", "themes"]].explode("themes")
    scores = pd.to_numeric(raw["NPS_SCORE"], errors="coerce")
    for row in result.theme_metrics.itertuples():
        values = scores.iloc[links.loc[links["themes"] == row.theme_id, "response_id"]].dropna()
        expected = 100 * ((values >= 9).mean() - (values <= 6).mean())
        assert row.nps == pytest.approx(expected)


def test_unclassified_share_is_reported_and_small(verbatims):
    _, result = verbatims
    share = result.run["counts"]["unclassified_share"]
    assert 0 <= share <= 0.10
