"""Driver and trend tables through the pipeline, the DuckDB store, ``apply`` and the CLI."""

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from textmine import Config, RunResult, analyze, scores
from textmine.cli import app
from textmine.drivers import DRIVER_COLUMNS
from textmine.errors import ConfigError
from textmine.pipeline import apply_model
from textmine.store import read_store, store_trends
from textmine.testing import HashingEmbedder, expected_nps, make_feedback

MIX = {"friendly_support": (1.0, 0.0, 0.0)}  # planted: a theme that drags NPS down
FAST = {
    "embedding": {"backend": "hashing", "cache": False},
    "sentiment": {"backend": "none"},
    "themes": {"reducer": "pca", "n_themes": 6},
}
ROLES = dict(text="answer", nps="nps", csat="csat", ces="ces", id="respondent_id")


@pytest.fixture(scope="module")
def planted():
    data = make_feedback(1200, seed=3, nps_mix=MIX)
    config = Config.from_dict(FAST)
    result = analyze(
        data, config, embedder=HashingEmbedder(), date="submitted_at", segments=["country"],
        language="language", **ROLES,
    )  # fmt: skip
    return data, result


def test_planted_driver_is_the_top_negative_nps_driver_through_the_pipeline(planted):
    data, result = planted
    theme = (
        pd.crosstab(data["planted_theme"], result.responses["theme_id"])
        .loc["friendly_support"]
        .idxmax()
    )
    nps = result.drivers[result.drivers["metric"] == "nps"].set_index("theme_id")
    assert nps.loc[theme, "direction"] == "negative" and nps.loc[theme, "rank"] == 1
    assert nps.loc[theme, "significant"]
    truth = expected_nps(6, MIX)
    others = [v for k, v in truth.items() if k != "friendly_support"]
    true_impact = (truth["friendly_support"] - np.mean(others)) / 6  # -10 NPS points
    assert nps.loc[theme, "impact_ci_low"] <= true_impact <= nps.loc[theme, "impact_ci_high"]


def test_driver_table_has_the_documented_columns_and_every_score(planted):
    _, result = planted
    assert list(result.drivers.columns[: len(DRIVER_COLUMNS)]) == DRIVER_COLUMNS
    assert set(result.drivers["metric"]) == {"nps", "csat", "ces"}
    assert -1 not in set(result.drivers["theme_id"])
    for name in ("key_drivers", "nps_groups", "trends", "theme_changes", "segment_metrics"):
        assert not result.extra[name].empty, name
    assert set(result.segment_metrics["segment_value"]) == {"US"}


def test_driver_figures_are_reproducible_with_plain_pandas(planted):
    data, result = planted
    links = result.responses[["response_id", "themes"]].explode("themes")
    for row in result.drivers[result.drivers["metric"] == "nps"].itertuples():
        ids = set(links.loc[links["themes"] == row.theme_id, "response_id"])
        has = data.index.isin(ids)
        with_t, without = data.loc[has, "nps"], data.loc[~has, "nps"]
        assert row.n_with == len(with_t)
        assert row.score_with == pytest.approx(scores.nps(with_t))
        assert row.impact == pytest.approx(scores.nps(data["nps"]) - scores.nps(without))


def test_trend_periods_follow_the_dates(planted):
    data, result = planted
    months = pd.to_datetime(data["submitted_at"]).dt.strftime("%Y-%m")
    assert result.responses["period"].tolist() == months.tolist()
    overall = result.trends[result.trends["theme_id"].isna()].set_index("period")
    assert overall["n_responses"].to_dict() == months.value_counts().to_dict()
    assert overall.loc["2025-03", "nps"] == pytest.approx(
        scores.nps(data["nps"][months == "2025-03"])
    )


def test_every_planted_customer_detractor_is_at_risk(planted):
    data, result = planted
    detractors = set(data.loc[data["nps"] <= 6, "respondent_id"])
    flagged = result.at_risk[result.at_risk["rule"] == "nps_detractor"]
    assert set(flagged["customer_id"]) == detractors


def test_saved_tables_load_back(planted, tmp_path):
    _, result = planted
    loaded = RunResult.load(result.save(tmp_path / "run"))
    pd.testing.assert_frame_equal(loaded.drivers, result.drivers)
    pd.testing.assert_frame_equal(loaded.trends, result.trends, check_dtype=False)


def test_wave_period_without_a_wave_column_is_a_config_error():
    data = make_feedback(60, seed=1)
    config = Config.from_dict(FAST | {"trends": {"period": "wave"}})
    with pytest.raises(ConfigError, match="no wave column"):
        analyze(data, config, embedder=HashingEmbedder(), **ROLES)


def test_store_apply_and_trends_keep_theme_ids_across_waves(tmp_path):
    store = str(tmp_path / "waves.duckdb")
    first = make_feedback(400, seed=1)
    extra = make_feedback(600, seed=9)
    extra = extra[extra["planted_theme"] == "late_delivery"]  # late delivery surges in W2
    second = pd.concat([make_feedback(400, seed=2), extra], ignore_index=True)
    config = Config.from_dict(FAST | {"store": {"path": store, "wave_name": "W1"}})
    one = analyze(first, config, embedder=HashingEmbedder(), **ROLES)
    one.save(tmp_path / "w1")
    config2 = config.with_overrides({"store.wave_name": "W2"})
    two = apply_model(second, tmp_path / "w1", config2, embedder=HashingEmbedder())
    labels_one = dict(zip(one.themes["theme_id"], one.themes["label"], strict=True))
    assert dict(zip(two.themes["theme_id"], two.themes["label"], strict=True)) == labels_one
    apply_model(second, tmp_path / "w1", config2, embedder=HashingEmbedder())  # replaces W2
    stored = read_store(store)
    assert stored["runs"]["wave"].tolist() == ["W1", "W2"]
    assert len(stored["responses"]) == len(first) + len(second)
    tables, notes = store_trends(store, config)
    assert notes == []
    trend = tables["trends"].set_index(["period", "theme_id"])
    for wave, result in (("W1", one), ("W2", two)):
        counts = result.theme_metrics.set_index("theme_id")["n_responses"]
        for theme_id, n in counts.items():
            if theme_id != -1:
                assert trend.loc[(wave, theme_id), "n_responses"] == n
        overall = tables["trends"][(tables["trends"]["period"] == wave)].iloc[0]
        assert overall["nps"] == pytest.approx(result.overall["nps"])
    late = pd.crosstab(first["planted_theme"], one.responses["theme_id"]).loc["late_delivery"]
    changes = tables["theme_changes"].set_index("theme_id")
    assert changes.loc[late.idxmax(), "status"] == "emerging"
    assert (changes["status"] == "emerging").sum() == 1


def test_runs_with_another_theme_model_are_left_out_with_a_note(tmp_path):
    store = str(tmp_path / "s.duckdb")
    for seed, name in ((1, "A"), (2, "B")):
        config = Config.from_dict(FAST | {"store": {"path": store, "wave_name": name}})
        analyze(make_feedback(200, seed=seed), config, embedder=HashingEmbedder(), **ROLES)
    tables, notes = store_trends(store)
    assert tables["runs"]["wave"].tolist() == ["B"]
    assert "another theme model" in notes[0] and "A" in notes[0]


def test_cli_apply_and_trends(tmp_path):
    runner = CliRunner()
    config = tmp_path / "c.yaml"
    config.write_text(
        "embedding: {backend: hashing, cache: false}\nsentiment: {backend: none}\n"
        "themes: {reducer: pca, n_themes: 6}\n"
    )
    for seed in (1, 2):
        make_feedback(200, seed=seed).drop(columns=["planted_themes"]).to_csv(
            tmp_path / f"wave{seed}.csv", index=False
        )
    store = tmp_path / "s.duckdb"
    common = ["--text", "answer", "--nps", "nps", "--id", "respondent_id", "--format", "md"]
    first = runner.invoke(
        app, ["analyze", str(tmp_path / "wave1.csv"), "--out", str(tmp_path / "r1"), "-c",
              str(config), "--store", str(store), *common],
    )  # fmt: skip
    assert first.exit_code == 0, first.output
    second = runner.invoke(
        app, ["apply", str(tmp_path / "r1"), str(tmp_path / "wave2.csv"), "--out",
              str(tmp_path / "r2"), "--store", str(store)],
    )  # fmt: skip
    assert second.exit_code == 0, second.output
    assert (tmp_path / "r2" / "drivers.parquet").exists()
    shown = runner.invoke(app, ["trends", str(store), "--out", str(tmp_path / "t")])
    assert shown.exit_code == 0, shown.output
    assert "wave1: 200 responses, NPS" in shown.output and "wave2: 200 responses" in shown.output
    assert (tmp_path / "t" / "trends.csv").exists()
    missing = runner.invoke(app, ["trends", str(tmp_path / "nope.duckdb")])
    assert missing.exit_code == 2 and "no such store" in missing.output


def test_a_theme_missing_from_the_latest_wave_keeps_its_trend_row(tmp_path):
    store = str(tmp_path / "s.duckdb")
    config = Config.from_dict(FAST | {"store": {"path": store, "wave_name": "W1"}})
    first = make_feedback(300, seed=1)
    one = analyze(first, config, embedder=HashingEmbedder(), **ROLES)
    one.save(tmp_path / "w1")
    second = make_feedback(300, seed=2)
    second = second[second["planted_theme"] != "refund_problems"]
    config2 = config.with_overrides({"store.wave_name": "W2"})
    apply_model(second, tmp_path / "w1", config2, embedder=HashingEmbedder())
    refund = (
        pd.crosstab(first["planted_theme"], one.responses["theme_id"])
        .loc["refund_problems"]
        .idxmax()
    )
    trend = store_trends(store, config)[0]["trends"].set_index(["period", "theme_id"])
    assert trend.loc[("W1", refund), "n_responses"] > 0
    assert trend.loc[("W2", refund), "n_responses"] == 0
    assert (
        trend.loc[("W2", refund), "label"] == one.themes.set_index("theme_id").loc[refund, "label"]
    )
