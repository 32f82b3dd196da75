"""Survey-tool exports with extra header rows: Qualtrics and SurveyMonkey CSV layouts."""

import pandas as pd

from textmine import Config
from textmine.intake import validate_input

# Qualtrics "CSV (legacy off)": short names, question texts, import ids, then responses.
QUALTRICS = (
    "StartDate,ResponseId,Q1,Q1_NPS_GROUP,Q2\n"
    '"Start Date","Response ID","How likely are you to recommend us to a friend?",'
    '"How likely are you to recommend us to a friend? - Group","Please tell us why"\n'
    '"{""ImportId"":""startDate"",""timeZone"":""Europe/Berlin""}","{""ImportId"":""_recordId""}",'
    '"{""ImportId"":""QID1""}","{""ImportId"":""QID1_NPS_GROUP""}","{""ImportId"":""QID2_TEXT""}"\n'
    "2025-03-01 10:00:00,R_1,9,Promoter,Fast delivery and friendly staff\n"
    "2025-03-02 11:00:00,R_2,3,Detractor,The parcel arrived two weeks late\n"
)

# SurveyMonkey "All responses, expanded": question texts, answer types, then responses.
SURVEYMONKEY = (
    "Respondent ID,Start Date,How likely is it that you would recommend us to a friend?,"
    "What is the primary reason for your score?,Which topics matter?,\n"
    ",,Response,Open-Ended Response,Price,Delivery\n"
    "1001,03/01/2025,10,Great prices,Price,\n"
    "1002,03/02/2025,2,Support never called back,,Delivery\n"
)


def _check(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return validate_input(path, Config())


def test_qualtrics_header_rows_are_skipped_and_question_texts_name_the_roles(tmp_path):
    checked = _check(tmp_path, "qualtrics.csv", QUALTRICS)
    assert checked.columns.nps == "Q1"  # found by its question text; Q1_NPS_GROUP is no score
    assert checked.columns.text == "Q2"
    assert checked.responses["text"].tolist() == [
        "Fast delivery and friendly staff",
        "The parcel arrived two weeks late",
    ]
    assert checked.responses["nps"].tolist() == [9.0, 3.0]
    assert checked.responses["source_row"].tolist() == [4, 5]  # file rows, header rows skipped
    assert checked.quarantine.empty
    assert (
        checked.attrs["header_rows"]
        == "file rows 2-3: Qualtrics header rows (question texts), not answers"
    )


def test_surveymonkey_answer_type_row_is_skipped(tmp_path):
    checked = _check(tmp_path, "monkey.csv", SURVEYMONKEY)
    assert checked.columns.nps == "How likely is it that you would recommend us to a friend?"
    assert checked.columns.text == "What is the primary reason for your score?"
    assert checked.responses["nps"].tolist() == [10.0, 2.0]
    assert checked.responses["source_row"].tolist() == [3, 4]
    assert checked.quarantine.empty
    assert checked.attrs["column_labels"]["Unnamed: 5"] == "Which topics matter? / Delivery"


def test_an_ordinary_export_keeps_its_first_rows(tmp_path):
    frame = pd.DataFrame({"id": ["", "b"], "comment": ["Response", "Slow"], "nps": ["", "3"]})
    frame.to_csv(tmp_path / "plain.csv", index=False)
    checked = validate_input(tmp_path / "plain.csv", Config())
    assert len(checked.responses) == 2 and not checked.attrs.get("header_rows")


def test_streaming_engine_skips_the_header_rows_too(tmp_path):
    from textmine.streaming import analyze_stream
    from textmine.testing import HashingEmbedder, make_feedback

    data = make_feedback(150, seed=3)
    lines = [
        "ResponseId,Q1,Q2",
        '"Response ID","How likely are you to recommend us?","Why?"',
        '"{""ImportId"":""_recordId""}","{""ImportId"":""QID1""}","{""ImportId"":""QID2_TEXT""}"',
    ]
    lines += [f'R{i},{row.nps},"{row.answer}"' for i, row in enumerate(data.itertuples())]
    path = tmp_path / "qualtrics.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = Config.from_dict(
        {
            "embedding": {"cache": False},
            "sentiment": {"backend": "none"},
            "themes": {"reducer": "pca"},
            "scale": {"fit_sample": 100, "chunk_rows": 40},
        }
    )
    analyze_stream(path, tmp_path / "out", config, embedder=HashingEmbedder())
    responses = pd.read_parquet(tmp_path / "out" / "responses.parquet")
    assert len(responses) == 150 and (responses["status"] == "analysed").all()
    assert responses["nps"].tolist() == data["nps"].astype(float).tolist()
    assert responses["source_row"].tolist() == list(range(4, 154))
