"""The pipeline on large-data settings: sample fitting, label sampling, profile, CLI flag."""

import pandas as pd
import pytest
from sklearn.metrics import homogeneity_score, normalized_mutual_info_score
from typer.testing import CliRunner

from textmine import analyze
from textmine.cli import app
from textmine.testing import make_feedback


@pytest.fixture(scope="module")
def data():
    return make_feedback(900, languages=("en", "de"), seed=3)


@pytest.fixture(scope="module")
def runs(data):
    """The same data fitted on everything and on a 300-segment sample."""
    from textmine import Config
    from textmine.testing import HashingEmbedder

    config = Config.from_dict({"embedding": {"cache": False}, "sentiment": {"backend": "none"}})
    sampled = config.with_overrides({"scale.fit_sample": 300, "scale.label_sample": 40})
    kwargs = {"embedder": HashingEmbedder(), "text": "answer", "language": "language"}
    return analyze(data, config, **kwargs), analyze(data, sampled, **kwargs)


def test_sample_fit_assigns_every_segment_and_counts_all(runs):
    result = runs[1]
    assert result.run["fit_sample"] == 300
    segs = result.segments
    assert segs["theme_id"].notna().all() and len(segs) == 900
    assert result.themes["n_segments"].sum() == len(segs)
    sizes = segs["theme_id"].value_counts()
    assert result.themes.set_index("theme_id")["n_segments"].to_dict() == sizes.to_dict()
    # sub-themes are described from the label sample too, but sized over every segment
    subs = result.extra["subthemes"].set_index("sub_theme_id")["n_segments"]
    sub_sizes = segs.loc[segs["sub_theme_id"] >= 0, "sub_theme_id"].value_counts()
    assert subs.to_dict() == {i: int(sub_sizes.get(i, 0)) for i in subs.index}
    assert subs.sum() == (segs["sub_theme_id"] >= 0).sum()


def test_sample_fit_recovers_planted_themes_as_well_as_a_full_fit(data, runs):
    # Homogeneity: each theme is about one planted theme; the automatic count (about sqrt(n))
    # splits the six planted themes finer, which NMI charges for (docs/themes.md).
    truth = data["planted_theme"]
    full, sampled = (r.responses["theme_id"] for r in runs)
    assert runs[0].run["fit_sample"] is None
    assert homogeneity_score(truth, full) >= 0.8  # the hashing embedder is weak
    assert homogeneity_score(truth, sampled) >= homogeneity_score(truth, full) - 0.05
    nmi = [normalized_mutual_info_score(truth, found) for found in (full, sampled)]
    assert nmi[1] >= nmi[0] - 0.05


def test_profile_records_every_stage(data, fast_config, hashing_embedder, capsys):
    result = analyze(
        data.head(200), fast_config, embedder=hashing_embedder, text="answer", profile=True
    )
    profile = result.run["profile"]
    for stage in ("read", "language", "embed", "themes", "label", "sentiment", "metrics"):
        assert profile[stage]["seconds"] >= 0
        assert profile[stage]["peak_rss_mb"] > 10
    assert profile["embed"]["items"] == len(result.segments)
    assert "peak RSS" in capsys.readouterr().err


def test_cli_profile_flag_prints_the_table(tmp_path):
    data = make_feedback(120, seed=1)
    path = tmp_path / "in.csv"
    data.to_csv(path, index=False)
    out = CliRunner().invoke(
        app,
        [
            "analyze",
            str(path),
            "--out",
            str(tmp_path / "out"),
            "--text",
            "answer",
            "--embedder",
            "hashing",
            "--no-cache",
            "--profile",
            "--fit-sample",
            "100",
        ],
    )
    assert out.exit_code == 0, out.output
    assert "save+report" in out.output and "peak RSS" in out.output
    saved = pd.read_parquet(tmp_path / "out" / "segments.parquet")
    assert len(saved) == 120


def test_cli_stream_engine_writes_a_loadable_run(tmp_path):
    data = make_feedback(300, seed=2)
    path = tmp_path / "in.csv"
    data.to_csv(path, index=False)
    args = ["analyze", str(path), "--out", str(tmp_path / "out"), "--text", "answer"]
    args += ["--embedder", "hashing", "--no-cache", "--engine", "stream", "--format", "md"]
    out = CliRunner().invoke(app, args)
    assert out.exit_code == 0, out.output
    assert "300 rows: 300 analysed" in out.output
    assert (tmp_path / "out" / "report.md").exists()
    assert len(pd.read_parquet(tmp_path / "out" / "responses.parquet")) == 300
