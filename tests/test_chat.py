import json

import pandas as pd
import pytest

from textmine import Config, analyze
from textmine.config import ChatSettings, ReadSettings
from textmine.ingest.chat import read_chat, transcript

from .conftest import shared

LONG = """conversation_id,turn,role,text,time,csat,agent_name
c1,2,agent,Sorry to hear that. Let me check.,2024-05-01 10:01,,Bo
c1,1,customer,My parcel is two weeks late,2024-05-01 10:00,2,
c1,3,customer,Still nothing today,2024-05-01 10:05,2,Cy
c2,1,Customer,The app crashes on login,2024-05-02 09:00,4,Al
c2,2,bot,Have you tried restarting?,2024-05-02 09:00,,
c2,3,customer,,2024-05-02 09:01,,
c3,1,customer,Refund please,2024-05-03 12:00,1,
c3,2,customer,I paid twice,2024-05-03 12:01,5,
c4,1,robot,beep,2024-05-04 08:00,,
,1,customer,lost turn,2024-05-04 08:00,,
c5,1,agent,Hello? Anyone there?,2024-05-05 08:00,,Bo
"""


@pytest.fixture
def long_csv(tmp_path):
    path = tmp_path / "chats.csv"
    path.write_text(LONG, encoding="utf-8")
    return path


def test_long_format_turns_become_conversations_in_turn_order(long_csv):
    result = read_chat(long_csv, ChatSettings(), ReadSettings())
    frame = result.frame
    assert frame["conversation_id"].tolist() == ["c1", "c2", "c3", "c5"]
    assert frame["text"].tolist() == [
        "My parcel is two weeks late\nStill nothing today",
        "The app crashes on login",
        "Refund please\nI paid twice",
        None,
    ]
    assert frame["csat"].tolist() == ["2", "4", None, None]
    assert frame["time"].tolist()[0] == "2024-05-01 10:00"  # the first turn, not the first row
    assert "agent_name" not in frame  # varies within a conversation: turn-level
    assert result.columns == {
        "text": "text",
        "id": "conversation_id",
        "date": "time",
        "csat": "csat",
        "keep": ["csat"],
    }


def test_every_turn_is_analysed_excluded_or_quarantined_with_a_reason(long_csv):
    rows = read_chat(long_csv, ChatSettings(), ReadSettings()).rows.set_index("source_row")
    assert rows["status"].to_dict() == {
        2: "excluded",
        3: "analysed",
        4: "analysed",
        5: "analysed",
        6: "excluded",
        7: "excluded",
        8: "analysed",
        9: "analysed",
        10: "quarantined",
        11: "quarantined",
        12: "excluded",
    }
    assert rows.loc[2, "reason"] == "agent turn (not themed)"
    assert rows.loc[6, "reason"] == "bot turn (not themed)"
    assert rows.loc[7, "reason"] == "empty turn"
    assert rows.loc[10, "reason"] == "role: 'robot' is not a known speaker label (set chat.roles)"
    assert rows.loc[11, "reason"] == "conversation_id: empty"


def test_conflicting_conversation_scores_quarantine_the_conversation(long_csv):
    result = read_chat(long_csv, ChatSettings(), ReadSettings())
    assert result.issues == [
        {
            "response_id": 2,
            "source_row": 8,
            "file": str(long_csv),
            "column": "csat",
            "value": "1 | 5",
            "reason": "csat: conflicting values within the conversation (1, 5)",
        }
    ]


def test_agent_turns_can_be_themed_on_request(long_csv):
    settings = ChatSettings(analyse_roles=["customer", "agent"])
    frame = read_chat(long_csv, settings, ReadSettings()).frame
    assert frame["text"].iloc[0] == (
        "My parcel is two weeks late\nSorry to hear that. Let me check.\nStill nothing today"
    )


def _chat_config(**extra) -> Config:
    return Config.from_dict(
        {
            "source": "chat",
            "embedding": {"backend": "hashing", "cache": False},
            "themes": {"reducer": "pca"},
            **extra,
        }
    )


def test_conversation_score_counts_once_in_every_theme_it_raised(tmp_path):
    late = ["my parcel is two weeks late", "delivery took far too long again"]
    crash = ["the app crashes when I log in", "the app keeps crashing on login"]
    rows = []
    for i in range(60):
        topics = [late] if i % 3 == 0 else [crash] if i % 3 == 1 else [late, crash]
        csat = {0: 1, 1: 4, 2: 2}[i % 3]
        for t, topic in enumerate(topics):
            rows.append((f"c{i}", 2 * t, "customer", f"{topic[i % 2]} (case {i})", csat))
            rows.append((f"c{i}", 2 * t + 1, "agent", "Thanks, we are looking into it", csat))
    path = tmp_path / "chats.csv"
    pd.DataFrame(rows, columns=["conversation_id", "turn", "role", "text", "csat"]).to_csv(
        path, index=False
    )
    result = analyze(path, _chat_config(scales={"csat": 5}))
    assert len(result.responses) == 60
    assert result.run["counts"]["source_rows"] == len(rows)
    assert result.run["counts"]["source_rows_excluded"] == len(rows) // 2
    turns = result.extra["turns"]
    assert (turns.groupby("response_id")["role"].apply(set) == {"customer", "agent"}).all()
    members = result.responses.explode("themes")
    for theme in result.theme_metrics.itertuples():
        in_theme = members[members["themes"] == theme.theme_id]
        assert theme.n_responses == in_theme["response_id"].nunique()
        assert theme.csat_mean == pytest.approx(in_theme["csat"].mean())
    assert "satisfaction_mean" not in result.responses  # only stc3 has it
    by_id = result.responses.set_index("id")["csat"]
    assert by_id["c0"] == 1 and by_id["c1"] == 4 and by_id["c2"] == 2
    context = transcript(turns, int(result.responses.set_index("id").loc["c2", "response_id"]))
    assert context["role"].tolist() == ["customer", "agent", "customer", "agent"]


def test_turn_text_in_outputs_is_redacted(tmp_path):
    path = tmp_path / "chats.csv"
    path.write_text(
        "conversation_id,role,text\n"
        "c1,customer,call me on +46 70 123 45 67 about the refund please\n"
        "c1,agent,We will mail anna@example.com today\n",
        encoding="utf-8",
    )
    result = analyze(path, _chat_config())
    texts = " ".join(result.extra["turns"]["text"])
    assert "[PHONE]" in texts and "[EMAIL]" in texts
    assert "123 45 67" not in texts and "anna@" not in texts


def test_stc3_and_abcd_json_shapes_are_recognised(tmp_path):
    stc3 = [
        {
            "id": "d1",
            "turns": [
                {"sender": "customer", "utterances": ["网速太慢了", ""]},
                {"sender": "helpdesk", "utterances": ["您好，请私信"]},
            ],
            "annotations": [{"quality": {"A": 0, "S": s, "E": 0}} for s in (-1, -1, 0)],
        }
    ]
    path = tmp_path / "train_data_cn.json"
    path.write_text(json.dumps(stc3, ensure_ascii=False), encoding="utf-8")
    result = read_chat(path, ChatSettings(), ReadSettings())
    assert result.attrs["format"] == "stc3"
    row = result.frame.iloc[0]
    assert (row["text"], row["language"], row["csat"]) == ("网速太慢了", "zh", "2")
    assert row["satisfaction_mean"] == "-0.667"  # mean S = -2/3 rounds to -1 -> CSAT 2 of 5
    abcd = [
        {
            "convo_id": 7,
            "scenario": {"flow": "refund", "subflow": "status", "personal": {"email": "x@y.z"}},
            "original": [["agent", "Hi!"], ["customer", "Where is my refund?"], ["action", "x"]],
        }
    ]
    path = tmp_path / "abcd.json"
    path.write_text(json.dumps(abcd), encoding="utf-8")
    result = read_chat(path, ChatSettings(), ReadSettings())
    assert result.attrs["format"] == "abcd"
    assert result.frame[["conversation_id", "text", "flow"]].values.tolist() == [
        ["7", "Where is my refund?", "refund"]
    ]
    assert "x@y.z" not in result.frame.to_string()
    reasons = result.rows["reason"].fillna("-").tolist()
    assert reasons == ["agent turn (not themed)", "-", "system turn (not themed)"]


@pytest.mark.slow
def test_stc3_export_keeps_every_turn_and_the_satisfaction_distribution():
    path = shared("stc3_helpdesk_dialogues", "data", "train_data_en.json")
    result = read_chat(path, ChatSettings(), ReadSettings())
    assert len(result.frame) == 1672
    assert len(result.rows) == 3824 + 3093  # customer + helpdesk turns (SOURCE.md)
    # SOURCE.md: rounded mean S -2:4, -1:500, 0:939, 1:218, 2:11 -> CSAT 1..5
    assert result.frame["csat"].value_counts().to_dict() == {
        "3": 939,
        "2": 500,
        "4": 218,
        "5": 11,
        "1": 4,
    }


@pytest.mark.slow
def test_twcs_threads_multidogo_and_abcd_exports():
    twcs = read_chat(shared("twcs_sample", "sample.csv"), ChatSettings(), ReadSettings())
    assert twcs.attrs["format"] == "twcs"
    assert twcs.rows["role"].value_counts().to_dict() == {"customer": 49, "agent": 44}
    assert "VirginTrains" in set(twcs.frame["brand"].dropna())
    dogo = shared(
        "multidogo", "data", "paper_splits", "splits_annotated_at_turn_level", "airline", "dev.tsv"
    )
    result = read_chat(dogo, ChatSettings(), ReadSettings())
    assert (len(result.rows), len(result.frame)) == (1966, 240)
    assert set(result.frame["domain"]) == {"airline"}
    abcd = read_chat(
        shared("abcd_sample", "data", "abcd_sample.json"), ChatSettings(), ReadSettings()
    )
    assert len(abcd.frame) == 3 and len(abcd.rows) == 72


def test_source_auto_recognises_chat_exports_and_leaves_surveys_alone(long_csv, tmp_path):
    """Without --source, a chat export is read as conversations (every turn accounted for),
    not as one survey answer per turn; a survey stays a survey; an explicit source wins."""
    from textmine.ingest import load

    chats = load(long_csv, Config())
    assert chats.attrs["source"] == "chat" and chats.rows is not None
    assert sorted(chats.frame["conversation_id"]) == ["c1", "c2", "c3", "c5"]  # c4: robot only
    as_survey = load(long_csv, Config(source="survey"))
    assert as_survey.attrs["source"] == "survey" and len(as_survey.frame) == 11
    stc3 = [{"id": "d1", "turns": [{"sender": "customer", "utterances": ["太慢了"]}]}]
    (tmp_path / "d.json").write_text(json.dumps(stc3, ensure_ascii=False), encoding="utf-8")
    assert load(tmp_path / "d.json", Config()).attrs["source"] == "chat"
    survey = tmp_path / "survey.csv"
    pd.DataFrame({"id": ["r1", "r2"], "comment": ["Slow", "Great"], "nps": [3, 10]}).to_csv(
        survey, index=False
    )
    loaded = load(survey, Config())
    assert loaded.attrs["source"] == "survey" and loaded.frame["comment"].tolist() == [
        "Slow",
        "Great",
    ]


def test_source_auto_reads_an_email_export_as_email(tmp_path):
    from textmine.ingest import load

    path = tmp_path / "inbox.csv"
    pd.DataFrame(
        {
            "subject": ["Refund", "Login"],
            "body": ["Where is my refund?\n\nBest regards,\nAnna", "The app logs me out."],
        }
    ).to_csv(path, index=False)
    loaded = load(path, Config())
    assert loaded.attrs["source"] == "email"
    # the signature is cut, the subject is not part of the text by default
    assert loaded.frame["text"].tolist() == ["Where is my refund?", "The app logs me out."]
