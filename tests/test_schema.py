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


def test_review_columns_named_like_scores_or_dates_are_not_taken_for_them():
    """Aspect labels (-2..1) named ``dish_recommendation`` are no NPS and ``service_wait_time``
    = 1 is no date (a Chinese review export had 85% of its rows quarantined that way); the
    star rating is the satisfaction score."""
    frame = pd.DataFrame(
        {
            "reviewbody": ["菜很好吃，服务也不错", "等了很久，态度一般", "环境干净，价格实惠"],
            "star": [5.0, 2.0, 4.0],
            "service_wait_time": [-2, -1, 1],
            "dish_recommendation": [-2, 1, -2],
        }
    )
    cols = detect_columns(frame, Columns())
    assert (cols.text, cols.csat, cols.nps, cols.date) == ("reviewbody", "star", None, None)


def test_dates_in_common_formats_are_detected():
    for values in (
        ["2025-01-03", "2025-02-11"],
        ["03/01/2025", "11.02.2025"],
        ["3 Jan 2025", "Feb 11, 2025"],
        ["2025年1月3日", "2025年2月11日"],
    ):
        frame = pd.DataFrame({"comment": ["Great", "Slow"], "created_at": values})
        assert detect_columns(frame, Columns()).date == "created_at", values
