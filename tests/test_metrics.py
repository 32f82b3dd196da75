import numpy as np
import pandas as pd
import pytest

from textmine.config import Scales
from textmine.metrics import memberships, overall_metrics, theme_metrics


def _responses():
    return pd.DataFrame(
        {
            "response_id": range(6),
            "status": ["analysed"] * 5 + ["quarantined"],
            "themes": [[0], [0, 1], [1], [1], [-1], []],
            "nps": [10, 2, 9, 9, 7, 0],
            "csat": [5, 1, 4, 5, 3, np.nan],
            "ces": [7, 2, 6, 5, 4, np.nan],
            "sentiment_score": [0.8, -0.6, 0.5, 0.7, 0.0, np.nan],
            "sentiment_label": ["positive", "negative", "positive", "positive", "neutral", None],
        }
    )


def test_a_response_counts_once_in_each_of_its_themes():
    links = memberships(_responses())
    assert links.groupby("theme_id").size().to_dict() == {-1: 1, 0: 2, 1: 3}


def test_theme_scores_are_exact():
    themes = pd.DataFrame({"theme_id": [0, 1, -1], "label": ["a", "b", "Unclassified"]})
    m = theme_metrics(_responses(), themes, Scales(csat=5)).set_index("theme_id")
    assert m.loc[0, "nps"] == pytest.approx(0.0)  # 10 and 2
    assert m.loc[1, "nps"] == pytest.approx(100 * (2 - 1) / 3)  # 2, 9, 9
    assert m.loc[1, "csat_top_box"] == pytest.approx(200 / 3)
    assert m.loc[1, "ces_agree"] == pytest.approx(200 / 3)
    assert m.loc[0, "share"] == pytest.approx(2 / 5)
    assert m.loc[1, "negative_pct"] == pytest.approx(100 / 3)


def test_overall_ignores_quarantined_rows():
    overall = overall_metrics(_responses(), Scales(csat=5))
    assert overall["n_responses"] == 5
    assert overall["nps"] == pytest.approx(100 * (3 - 1) / 5)
