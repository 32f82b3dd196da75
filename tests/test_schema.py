import pandas as pd
import pytest

from textmine.config import Columns
from textmine.errors import MissingColumnError
from textmine.schema import detect_columns


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
