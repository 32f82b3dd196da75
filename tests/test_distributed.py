"""Dask engine on a local cluster: partition-wise assignment equals the streaming engine."""

import pandas as pd
import pytest

from textmine import Config
from textmine.result import RunResult
from textmine.testing import make_feedback

distributed = pytest.importorskip("dask.distributed")

COLUMNS = {"text": "answer", "nps": "nps", "id": "respondent_id", "language": "language"}


def _config(chunk_rows: int) -> Config:
    return Config.from_dict(
        {
            "embedding": {"backend": "hashing", "cache": False},
            "sentiment": {"backend": "none"},
            "scale": {"fit_sample": 400, "chunk_rows": chunk_rows},
        }
    )


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    from textmine.distributed import analyze_dask
    from textmine.streaming import analyze_stream

    base = tmp_path_factory.mktemp("dask")
    data = make_feedback(900, languages=("en", "de"), seed=8)
    data.loc[5, "answer"] = ""  # quarantined
    path = base / "feedback.csv"
    data.to_csv(path, index=False)
    fitted = analyze_dask(path, base / "fit", _config(5000), **COLUMNS, client=_client())
    model = base / "fit" / "model"
    streamed = analyze_stream(path, base / "stream", _config(300), model_dir=model, **COLUMNS)
    with _client() as client:
        dasked = analyze_dask(
            path, base / "dask", _config(1), model_dir=model, client=client, **COLUMNS
        )
    return data, base, fitted, streamed, dasked


def _client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    return distributed.Client(cluster)


def test_partitions_are_really_used(runs):
    *_, dasked = runs
    assert dasked["engine"]["kind"] == "dask" and dasked["engine"]["partitions"] >= 2


def test_dask_and_streaming_give_the_same_tables(runs):
    _, base, *_ = runs
    for table in ("segments", "responses"):
        got = pd.read_parquet(base / "dask" / f"{table}.parquet")
        expected = pd.read_parquet(base / "stream" / f"{table}.parquet")
        key = ["response_id", "segment_id"] if table == "segments" else ["response_id"]
        got = got.sort_values(key).reset_index(drop=True)
        pd.testing.assert_frame_equal(got[expected.columns], expected, check_dtype=False)
    # keywords and quotes come from each engine's own fit sample; ids, labels and sizes agree
    same = ["theme_id", "label", "n_segments", "n_responses", "share"]
    themes = [pd.read_parquet(base / d / "themes.parquet")[same] for d in ("dask", "stream")]
    pd.testing.assert_frame_equal(themes[0], themes[1])
    same[0] = "sub_theme_id"
    subs = [pd.read_parquet(base / d / "subthemes.parquet")[same] for d in ("dask", "stream")]
    pd.testing.assert_frame_equal(subs[0], subs[1])


def test_every_row_is_accounted_for_and_loads_back(runs):
    data, base, fitted, _, dasked = runs
    assert dasked["counts"]["input_rows"] == fitted["counts"]["input_rows"] == len(data)
    assert dasked["counts"]["quarantined"] == 1
    result = RunResult.load(base / "dask")
    assert sorted(result.responses["response_id"]) == list(range(len(data)))
    assert result.responses["source_row"].sort_values().tolist() == list(range(2, len(data) + 2))
    assert result.themes["n_segments"].sum() == len(result.segments)


def test_exports_with_extra_header_rows_are_refused_before_a_cluster_starts(tmp_path):
    from textmine.distributed import analyze_dask
    from textmine.errors import ConfigError

    path = tmp_path / "qualtrics.csv"
    path.write_text(
        'ResponseId,Q1,Q2\n"Response ID","How likely?","Why?"\n'
        '"{""ImportId"":""_recordId""}","{""ImportId"":""QID1""}","{""ImportId"":""QID2""}"\n'
        "R1,9,Great\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="Qualtrics header rows.*--engine stream"):
        analyze_dask(path, tmp_path / "out", _config(100))
