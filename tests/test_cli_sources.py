from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from textmine.cli import app
from textmine.config import Config

runner = CliRunner()
PIPELINES = Path(__file__).resolve().parents[1] / "pipelines"
FAST = (
    "embedding: {backend: hashing, cache: false}\n"
    "sentiment: {backend: none}\nthemes: {reducer: pca}\n"
)


@pytest.mark.parametrize("name", sorted(p.name for p in PIPELINES.glob("*.yaml")))
def test_ready_made_pipeline_configs_are_valid(name):
    config = Config.from_file(PIPELINES / name)
    assert config.source in {"survey", "chat", "social", "email"}


def test_validate_lists_every_problem_with_file_row_and_column(tmp_path):
    path = tmp_path / "s.csv"
    path.write_bytes(
        "id;answer;nps\nR1;Schöne Grüße, schnelle Lieferung;9\nR2;;7\nR3;zu teuer;11\n".encode(
            "cp1252"
        )
    )
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert "encoding: cp1252; delimiter: ';'" in lines
    assert "units: 3 (1 would be analysed, 2 quarantined)" in lines
    assert f"{path}:3:answer: empty answer" in lines
    assert f"{path}:4:nps: '11' is outside the nps scale 0-10" in lines
    assert lines[-1] == "2 problem(s)"


def test_validate_clean_file_exits_zero_and_unreadable_file_two(tmp_path):
    path = tmp_path / "s.csv"
    pd.DataFrame({"answer": ["good service", "slow app"], "nps": [9, 3]}).to_csv(path, index=False)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0 and "no problems found" in result.output
    (tmp_path / "b.csv").write_bytes(b"\x00\x01binary")
    result = runner.invoke(app, ["validate", str(tmp_path / "b.csv")])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_validate_chat_export_with_the_pipeline_config(tmp_path):
    path = tmp_path / "chats.csv"
    path.write_text(
        "conversation_id,turn,role,text\nc1,1,customer,The app crashes\nc1,2,agent,Sorry!\n"
        "c2,1,wizard,hello\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["validate", str(path), "--config", str(PIPELINES / "chat_export.yaml")]
    )
    assert result.exit_code == 1
    assert "source: chat (long)" in result.output
    assert "input rows: 3 (1 analysed, 1 excluded, 1 quarantined)" in result.output
    assert "  excluded: 1 x agent turn (not themed)" in result.output
    assert f"{path}:4:role: 'wizard' is not a known speaker label" in result.output


def test_analyze_chat_with_source_flag_writes_the_turn_table(tmp_path):
    rows = []
    for i in range(40):
        topic = "my parcel is late again" if i % 2 else "the app crashes on login"
        rows += [(f"c{i}", 1, "customer", f"{topic} case {i}"), (f"c{i}", 2, "agent", "Sorry")]
    path = tmp_path / "chats.csv"
    pd.DataFrame(rows, columns=["conversation_id", "turn", "role", "text"]).to_csv(
        path, index=False
    )
    config = tmp_path / "c.yaml"
    config.write_text(FAST)
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        [
            "analyze",
            str(path),
            "--out",
            str(out),
            "--config",
            str(config),
            "--source",
            "chat",
            "--format",
            "html,xlsx",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "40 rows: 40 analysed" in result.output
    assert "80 input rows: 40 analysed, 40 excluded, 0 quarantined" in result.output
    assert len(pd.read_parquet(out / "turns.parquet")) == 80


def _wide(tmp_path) -> Path:
    like = ["fast delivery", "friendly support", "good prices", "easy app"]
    improve = ["cheaper shipping", "better app", "more stores", "longer hours"]
    frame = pd.DataFrame(
        {
            "id": [f"r{i}" for i in range(60)],
            "nps": [str(i % 11) for i in range(60)],
            "q_like": [f"{like[i % 4]} number {i}" for i in range(60)],
            "q_improve": [f"{improve[i % 4]} please {i}" for i in range(60)],
        }
    )
    path = tmp_path / "wide.csv"
    frame.to_csv(path, index=False)
    return path


def test_wide_export_stacked_is_one_run_with_a_question_column(tmp_path):
    config = tmp_path / "c.yaml"
    config.write_text(FAST)
    out = tmp_path / "out"
    args = ["analyze", str(_wide(tmp_path)), "--out", str(out), "--config", str(config)]
    result = runner.invoke(app, [*args, "--question", "q_like", "--question", "q_improve"])
    assert result.exit_code == 0, result.output
    responses = pd.read_parquet(out / "responses.parquet")
    assert len(responses) == 120
    assert responses["question"].value_counts().to_dict() == {"q_like": 60, "q_improve": 60}
    assert responses.groupby("question")["nps"].mean().round(6).nunique() == 1


def test_wide_export_separate_is_one_run_per_question(tmp_path):
    config = tmp_path / "c.yaml"
    config.write_text(FAST)
    out = tmp_path / "out"
    args = ["analyze", str(_wide(tmp_path)), "--out", str(out), "--config", str(config)]
    result = runner.invoke(
        app,
        [*args, "--question", "q_like", "--question", "q_improve", "--questions-mode", "separate"],
    )
    assert result.exit_code == 0, result.output
    for question in ("q_like", "q_improve"):
        responses = pd.read_parquet(out / question / "responses.parquet")
        assert len(responses) == 60
        assert (
            responses["text"].str.contains("please" if question == "q_improve" else "number").all()
        )
