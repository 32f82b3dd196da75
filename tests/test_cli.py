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


def test_apply_a_saved_model_to_a_new_wave_and_edit_the_themes(tmp_path):
    config = tmp_path / "c.yaml"
    config.write_text(
        "embedding: {backend: hashing, cache: false}\nsentiment: {backend: none}\n"
        "themes: {reducer: pca}\ncolumns: {text: answer, nps: nps}\n"
    )
    for wave, seed in (("w1", 11), ("w2", 12)):
        make_feedback(150, seed=seed).drop(columns=["planted_themes"]).to_csv(
            tmp_path / f"{wave}.csv", index=False
        )
    first = runner.invoke(
        app, ["analyze", str(tmp_path / "w1.csv"), "--out", str(tmp_path / "r1"), "-c", str(config)]
    )
    assert first.exit_code == 0, first.output
    second = runner.invoke(
        app,
        ["apply", str(tmp_path / "r1"), str(tmp_path / "w2.csv"), "--out", str(tmp_path / "r2")],
    )
    assert second.exit_code == 0, second.output
    themes1 = pd.read_parquet(tmp_path / "r1" / "themes.parquet")
    themes2 = pd.read_parquet(tmp_path / "r2" / "themes.parquet")
    assert set(themes2["theme_id"]) <= set(themes1["theme_id"])
    named1 = dict(zip(themes1["theme_id"], themes1["label"], strict=True))
    assert all(
        named1[t] == label for t, label in zip(themes2["theme_id"], themes2["label"], strict=True)
    )

    edits = tmp_path / "edits.yaml"
    edits.write_text("rename: {0: Renamed theme}\n")
    third = runner.invoke(
        app, ["edit", str(tmp_path / "r1"), str(edits), "--out", str(tmp_path / "r3")]
    )
    assert third.exit_code == 0, third.output
    themes3 = pd.read_parquet(tmp_path / "r3" / "themes.parquet").set_index("theme_id")
    assert themes3.loc[0, "label"] == "Renamed theme"
    assert "Renamed theme" in (tmp_path / "r3" / "report.html").read_text(encoding="utf-8")

    bad = tmp_path / "bad.yaml"
    bad.write_text("drop: [999]\n")
    failed = runner.invoke(app, ["edit", str(tmp_path / "r1"), str(bad)])
    assert failed.exit_code == 2 and "no theme 999" in failed.output


def test_quarantine_reasons_are_summarised_with_an_example():
    from textmine.cli_output import quarantine_reasons

    quarantine = pd.DataFrame(
        {
            "reason": [
                "NPS_RATING: 'Promoter' is not a number",
                "NPS_RATING: 'Detractor' is not a number",
                "NPS_RATING: 'Promoter' is not a number",
                "text: empty answer",
            ]
        }
    )
    assert quarantine_reasons(quarantine) == [
        "  quarantined: 3 x NPS_RATING: '…' is not a number (e.g. 'Promoter')",
        "  quarantined: 1 x text: empty answer",
    ]
    assert quarantine_reasons(quarantine.iloc[:0]) == []
