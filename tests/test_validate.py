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


def test_choice_texts_are_read_on_their_scale():
    """Exports with choice text instead of numbers: CSAT labels on 1-5 (four languages),
    CES agreement on 1-7, the NPS end points as labels with numbers between them."""
    raw = pd.DataFrame(
        {
            "source_row": [2, 3, 4, 5, 6],
            "answer": ["Fast", "Slow", "Ok", "Rude staff", "Fine"],
            "csat": [
                "Very satisfied",
                "sehr unzufrieden",
                "Nöjd",
                "不满意",
                "Neither satisfied nor dissatisfied",
            ],
            "ces": [
                "Strongly agree",
                "Disagree",
                "Somewhat agree",
                "stimme eher nicht zu",
                "Agree",
            ],
            "nps": ["Extremely likely", "Not at all likely", "7", "9 - Very likely", "rather not"],
        }
    )
    responses, quarantine, scales = prepare(
        raw, Columns(text="answer", csat="csat", ces="ces", nps="nps"), Scales(), file="f.csv"
    )
    assert scales.csat == 5
    assert responses["csat"].tolist()[:4] == [5.0, 1.0, 4.0, 2.0]
    assert responses["ces"].tolist()[:4] == [7.0, 2.0, 5.0, 3.0]
    assert responses["nps"].tolist()[:4] == [10.0, 0.0, 7.0, 9.0]
    assert quarantine["reason"].tolist() == ["nps: 'rather not' is not a number"]


def test_a_csat_column_of_choice_texts_is_detected():
    from textmine.schema import detect_columns

    frame = pd.DataFrame(
        {
            "Overall satisfaction": ["Very satisfied", "Dissatisfied", "Satisfied"],
            "comment": ["Great", "Slow delivery", "Fine"],
        }
    )
    assert detect_columns(frame, Columns()).csat == "Overall satisfaction"
