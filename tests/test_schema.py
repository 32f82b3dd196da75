import pandas as pd
import pytest

from textmine.config import Columns
from textmine.errors import MissingColumnError
from textmine.schema import detect_columns, to_numbers


def _frame():
    return pd.DataFrame(
        {
            "source_row": [2, 3],
            "Respondent ID": ["a", "b"],
            "NPS Score": ["9", "3"],
            "How satisfied were you?": ["5", "2"],
            "submitted_at": ["2025-01-01", "2025-01-02"],
            "country": ["DE", "SE"],
            "Please tell us why": ["Die Lieferung kam zu spät", "Bra service och snabb leverans"],
        }
    )


def test_obvious_columns_are_detected():
    cols = detect_columns(_frame(), Columns())
    assert (cols.text, cols.nps, cols.csat, cols.id, cols.date) == (
        "Please tell us why",
        "NPS Score",
        "How satisfied were you?",
        "Respondent ID",
        "submitted_at",
    )


def test_a_missing_declared_column_lists_the_columns_that_exist():
    with pytest.raises(MissingColumnError) as info:
        detect_columns(_frame(), Columns(text="answer"), file="survey.csv")
    message = str(info.value)
    assert "survey.csv" in message and "'answer'" in message and "'Please tell us why'" in message


def test_a_score_column_must_hold_numbers_not_categories():
    """Exports often put the NPS category first (NPS_RATING = "Promoter") and the 0-10
    answer in another column; guessing the category column quarantined 99% of a real file."""
    frame = pd.DataFrame(
        {
            "NPS_RATING": ["Promoter", "Detractor", "Passive"],
            "NPS_SCORE": [10, 3, 7],
            "text": ["Great", "Slow delivery", "Fine I guess"],
        }
    )
    assert detect_columns(frame, Columns()).nps == "NPS_SCORE"
    assert detect_columns(frame.drop(columns="NPS_SCORE"), Columns()).nps is None


def test_labelled_scores_are_read_as_their_number():
    numbers, bad = to_numbers(
        pd.Series(
            [
                "10 - Extremely likely",
                "5 (Very satisfied)",
                "1 = strongly disagree",
                " 7 ",
                "3,5",
                "",
                None,
                "Promoter",
                "9/10",
            ]
        )
    )
    assert numbers.tolist()[:5] == [10.0, 5.0, 1.0, 7.0, 3.5]
    assert numbers[5:].isna().all()
    assert bad.tolist() == [False] * 7 + [True, True]
