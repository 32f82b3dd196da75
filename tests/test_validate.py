import numpy as np
import pandas as pd

from textmine.config import Columns, Scales
from textmine.validate import prepare


def _raw():
    return pd.DataFrame(
        {
            "source_row": [2, 3, 4, 5, 6, 7],
            "answer": ["Great service", "", "n/a", "Slow delivery", "Fine", "!!!"],
            "nps": ["10", "9", "3", "11", "abc", None],
            "csat": ["5", "4", "1", "2", "3", "4"],
        }
    )


def test_every_row_is_kept_and_bad_ones_are_quarantined_with_a_reason():
    responses, quarantine, scales = prepare(
        _raw(), Columns(text="answer", nps="nps", csat="csat"), Scales(), file="f.csv"
    )
    assert len(responses) == 6
    assert responses["status"].tolist() == [
        "analysed",
        "quarantined",
        "quarantined",
        "quarantined",
        "quarantined",
        "quarantined",
    ]
    reasons = dict(zip(quarantine["source_row"], quarantine["reason"], strict=True))
    assert reasons[3] == "answer: empty answer"
    assert reasons[4] == "answer: empty answer"
    assert reasons[5] == "nps: '11' is outside the nps scale 0-10"
    assert reasons[6] == "nps: 'abc' is not a number"
    assert reasons[7] == "answer: answer has no letters"
    assert set(quarantine["file"]) == {"f.csv"}
    assert scales.csat == 5


def test_out_of_range_scores_are_not_clipped():
    responses, _, _ = prepare(_raw(), Columns(text="answer", nps="nps"), Scales(), file=None)
    assert np.isnan(responses.loc[3, "nps"])  # 11 is removed, never turned into 10
    assert responses.loc[0, "nps"] == 10


def test_declared_csat_scale_is_enforced():
    raw = pd.DataFrame({"answer": ["good", "bad"], "csat": ["7", "6"]})
    responses, quarantine, _ = prepare(
        raw, Columns(text="answer", csat="csat"), Scales(csat=5), None
    )
    assert quarantine["reason"].tolist() == [
        "csat: '7' is outside the csat scale 1-5",
        "csat: '6' is outside the csat scale 1-5",
    ]


def test_day_first_dates_are_recognised_and_bad_dates_quarantined():
    raw = pd.DataFrame(
        {
            "answer": ["good", "bad", "ok"],
            "when": ["11/04/2018 20:09", "25/05/2018 10:00", "yesterday"],
        }
    )
    responses, quarantine, _ = prepare(raw, Columns(text="answer", date="when"), Scales(), None)
    assert responses["date"].dt.strftime("%Y-%m-%d").tolist()[:2] == ["2018-04-11", "2018-05-25"]
    assert quarantine["reason"].tolist() == ["when: 'yesterday' is not a date"]
