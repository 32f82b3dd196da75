import json

import pandas as pd
from typer.testing import CliRunner

from textmine.cli import app
from textmine.testing import make_feedback

runner = CliRunner()


def test_help_explains_every_option():
    result = runner.invoke(app, ["analyze", "--help"])
    assert result.exit_code == 0
    for option in (
        "--text",
        "--nps",
        "--csat",
        "--ces",
        "--id",
        "--date",
        "--segment",
        "--out",
        "--config",
        "--seed",
    ):
        assert option in result.output


def test_analyze_writes_all_outputs(tmp_path):
    path = tmp_path / "survey.csv"
    make_feedback(150, seed=5).drop(columns=["planted_themes"]).to_csv(path, index=False)
    config = tmp_path / "c.yaml"
    config.write_text(
        "embedding: {backend: hashing, cache: false}\nsentiment: {backend: none}\n"
        "themes: {reducer: pca}\n"
    )
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
            "--text",
            "answer",
            "--nps",
            "nps",
            "--segment",
            "country",
            "--format",
            "html,md,xlsx",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "150 rows" in result.output
    for name in (
        "responses.parquet",
        "themes.parquet",
        "theme_metrics.parquet",
        "quarantine.parquet",
        "run.json",
        "report.html",
        "report.md",
        "report.xlsx",
    ):
        assert (out / name).exists(), name
    run = json.loads((out / "run.json").read_text())
    assert run["counts"]["input_rows"] == 150 and run["seed"] == 42
    assert len(pd.read_parquet(out / "responses.parquet")) == 150


def test_missing_column_is_one_clear_line(tmp_path):
    path = tmp_path / "s.csv"
    pd.DataFrame({"comment": ["hello there"], "score": [9]}).to_csv(path, index=False)
    result = runner.invoke(
        app, ["analyze", str(path), "--out", str(tmp_path / "o"), "--text", "answer"]
    )
    assert result.exit_code == 2
    assert "'answer'" in result.output and "'comment'" in result.output
    assert "Traceback" not in result.output
