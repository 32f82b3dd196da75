"""Score answers exported as their choice text ("Very satisfied", "Strongly agree").

Survey tools export the label of the choice unless told to export its number: CSAT as
"Very dissatisfied" .. "Very satisfied", CES as "Strongly disagree" .. "Strongly agree", the
NPS end points as "Not at all likely" / "Extremely likely". Each table maps the labels of one
standard scale (English, German, Swedish, Chinese; lower case, single spaces) to its points.
"""

from __future__ import annotations

import re

NPS_END_POINTS = {
    "not at all likely": 0,
    "extremely likely": 10,
    "überhaupt nicht wahrscheinlich": 0,
    "äußerst wahrscheinlich": 10,
    "sehr wahrscheinlich": 10,
    "inte alls troligt": 0,
    "mycket troligt": 10,
    "完全不可能": 0,
    "非常可能": 10,
}

SATISFACTION_5 = {
    "very dissatisfied": 1,
    "dissatisfied": 2,
    "somewhat dissatisfied": 2,
    "neither satisfied nor dissatisfied": 3,
    "neutral": 3,
    "somewhat satisfied": 4,
    "satisfied": 4,
    "very satisfied": 5,
    "sehr unzufrieden": 1,
    "unzufrieden": 2,
    "eher unzufrieden": 2,
    "weder zufrieden noch unzufrieden": 3,
    "teils/teils": 3,
    "eher zufrieden": 4,
    "zufrieden": 4,
    "sehr zufrieden": 5,
    "mycket missnöjd": 1,
    "missnöjd": 2,
    "ganska missnöjd": 2,
    "varken nöjd eller missnöjd": 3,
    "ganska nöjd": 4,
    "nöjd": 4,
    "mycket nöjd": 5,
    "非常不满意": 1,
    "不满意": 2,
    "比较不满意": 2,
    "一般": 3,
    "比较满意": 4,
    "满意": 4,
    "非常满意": 5,
}

SATISFACTION_3 = {
    "dissatisfied": 1,
    "neutral": 2,
    "satisfied": 3,
    "unzufrieden": 1,
    "zufrieden": 3,
    "missnöjd": 1,
    "nöjd": 3,
    "不满意": 1,
    "一般": 2,
    "满意": 3,
}

AGREEMENT_7 = {
    "strongly disagree": 1,
    "disagree": 2,
    "somewhat disagree": 3,
    "neither agree nor disagree": 4,
    "neutral": 4,
    "somewhat agree": 5,
    "agree": 6,
    "strongly agree": 7,
    "stimme überhaupt nicht zu": 1,
    "stimme nicht zu": 2,
    "stimme eher nicht zu": 3,
    "weder noch": 4,
    "stimme eher zu": 5,
    "stimme zu": 6,
    "stimme voll und ganz zu": 7,
    "非常不同意": 1,
    "不同意": 2,
    "有点不同意": 3,
    "中立": 4,
    "有点同意": 5,
    "同意": 6,
    "非常同意": 7,
}

AGREEMENT_5 = {
    "strongly disagree": 1,
    "disagree": 2,
    "neither agree nor disagree": 3,
    "neutral": 3,
    "agree": 4,
    "strongly agree": 5,
    "stimme überhaupt nicht zu": 1,
    "stimme nicht zu": 2,
    "weder noch": 3,
    "stimme zu": 4,
    "stimme voll und ganz zu": 5,
    "instämmer inte alls": 1,
    "instämmer inte": 2,
    "varken eller": 3,
    "instämmer": 4,
    "instämmer helt": 5,
    "非常不同意": 1,
    "不同意": 2,
    "中立": 3,
    "同意": 4,
    "非常同意": 5,
}


def choice_labels(role: str, csat_scale: int | None = None, ces_scale: int = 7) -> dict:
    """The label table of a score role on its scale (CSAT labels are read on 1-5 unless the
    scale is declared 3; CES agreement on the declared 1-7 or 1-5)."""
    if role == "nps":
        return NPS_END_POINTS
    if role == "csat":
        return SATISFACTION_3 if csat_scale == 3 else SATISFACTION_5
    if role == "ces":
        return AGREEMENT_5 if ces_scale == 5 else AGREEMENT_7
    return {}


def label_key(text: str) -> str:
    """Lower case, single spaces, no trailing full stop: how the tables spell a label."""
    return re.sub(r"\s+", " ", text.strip().lower()).rstrip(".")
