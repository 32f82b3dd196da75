"""Streaming engine: chunk by chunk gives the same answers as one chunk, every row accounted."""

import json

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import homogeneity_score, normalized_mutual_info_score

from textmine import Config
from textmine.result import RunResult
from textmine.streaming import analyze_stream, reservoir_sample
from textmine.testing import HashingEmbedder, make_feedback


@pytest.fixture(scope="module")
def feedback_file(tmp_path_factory):
    data = make_feedback(1200, languages=("en", "de"), seed=5)
    data.loc[7, "answer"] = "   "  # quarantined: empty answer
    data.loc[11, "nps"] = 14  # quarantined: outside the NPS scale
    path = tmp_path_factory.mktemp("stream") / "feedback.csv"
    data.to_csv(path, index=False)
    return data, path


def _config(chunk_rows: int) -> Config:
    return Config.from_dict(
        {
            "embedding": {"cache": False},
            "sentiment": {"backend": "none"},
            "scale": {"fit_sample": 500, "chunk_rows": chunk_rows},
        }
    )


COLUMNS = {"text": "answer", "nps": "nps", "id": "respondent_id", "language": "language"}


@pytest.fixture(scope="module")
def runs(feedback_file, tmp_path_factory):
    """A streamed run that fits its own model, and two that apply it in different chunks."""
    _, path = feedback_file
    base = tmp_path_factory.mktemp("stream_out")
    fitted = analyze_stream(path, base / "fit", _config(250), embedder=HashingEmbedder(), **COLUMNS)
    out = {"fit": (fitted, base / "fit")}
    for n in (250, 5000):
        run = analyze_stream(
            path,
            base / str(n),
            _config(n),
            model_dir=base / "fit" / "model",
            embedder=HashingEmbedder(),
            **COLUMNS,
        )
        out[n] = (run, base / str(n))
    return out


def test_reservoir_sample_is_seeded_uniform_and_in_file_order(feedback_file):
    _, path = feedback_file
    a = reservoir_sample(path, 100, seed=1, chunk_rows=64)
    b = reservoir_sample(path, 100, seed=1, chunk_rows=64)
    assert len(a) == 100 and a["source_row"].is_monotonic_increasing
    pd.testing.assert_frame_equal(a, b)
    assert not a["source_row"].equals(reservoir_sample(path, 100, 2, 64)["source_row"])
    # rows from every part of the file, not just the first chunks
    assert a["source_row"].max() > 1000 and a["source_row"].min() < 200


def test_every_row_is_accounted_for(feedback_file, runs):
    data, _ = feedback_file
    run, out = runs[250]
    responses = pd.read_parquet(out / "responses.parquet")
    assert responses["response_id"].tolist() == list(range(len(data)))
    assert responses["source_row"].tolist() == list(range(2, len(data) + 2))
    assert run["counts"] == json.loads((out / "run.json").read_text())["counts"]
    assert run["counts"]["input_rows"] == 1200 and run["counts"]["quarantined"] == 2
    quarantine = pd.read_parquet(out / "quarantine.parquet")
    assert sorted(quarantine["response_id"]) == [7, 11]


def test_chunking_does_not_change_any_answer(runs):
    """Assignment is row-wise: with the same model, any chunk size gives the same tables."""
    fit, small, large = (
        pd.read_parquet(runs[n][1] / "segments.parquet") for n in ("fit", 250, 5000)
    )
    pd.testing.assert_frame_equal(small, large)
    pd.testing.assert_frame_equal(fit, small)
    themes = [pd.read_parquet(runs[n][1] / "themes.parquet") for n in (250, 5000)]
    pd.testing.assert_frame_equal(themes[0], themes[1])


def test_themes_count_all_rows_and_recover_the_plan(feedback_file, runs):
    data, _ = feedback_file
    run, out = runs[250]
    segments = pd.read_parquet(out / "segments.parquet")
    themes = pd.read_parquet(out / "themes.parquet")
    assert themes["n_segments"].sum() == len(segments) == run["counts"]["segments"]
    responses = pd.read_parquet(out / "responses.parquet")
    ok = responses["status"] == "analysed"
    truth, found = data.loc[ok.to_numpy(), "planted_theme"], responses.loc[ok, "theme_id"]
    assert homogeneity_score(truth, found) >= 0.85  # finer themes than planted are fine
    assert normalized_mutual_info_score(truth, found) >= 0.6


def test_sub_themes_are_assigned_per_chunk_and_counted_over_all(runs):
    run, out = runs[250]
    segs = pd.read_parquet(out / "segments.parquet")
    subs = pd.read_parquet(out / "subthemes.parquet").set_index("sub_theme_id")
    classified = segs[segs["sub_theme_id"] >= 0]
    assert len(classified) > 0.8 * len(segs)
    counts = classified["sub_theme_id"].value_counts()
    assert subs["n_segments"].to_dict() == {i: int(counts.get(i, 0)) for i in subs.index}
    assert (classified["sub_theme_id"].map(subs["theme_id"]) == classified["theme_id"]).all()
    assert run["counts"]["subthemes"] == classified["sub_theme_id"].nunique()
    responses = pd.read_parquet(out / "responses.parquet")
    assert {"sub_theme_id", "sub_themes"} <= set(responses.columns)


def test_output_loads_as_a_run_result(runs):
    result = RunResult.load(runs[250][1])
    assert len(result.responses) == 1200
    assert np.isfinite(result.theme_metrics["nps"]).any()


def test_chat_social_and_email_sources_are_refused_not_read_as_answers(feedback_file, tmp_path):
    from textmine.errors import ConfigError

    _, path = feedback_file
    for source in ("chat", "social", "email"):
        config = Config.from_dict({"source": source, "embedding": {"cache": False}})
        with pytest.raises(ConfigError, match=f"source '{source}' needs the local engine"):
            analyze_stream(path, tmp_path / source, config, embedder=HashingEmbedder())
    assert not (tmp_path / "chat").exists()  # refused before anything is written
