"""End to end on generated feedback with planted themes, plus row accounting and errors."""

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import normalized_mutual_info_score

from textmine import Config, RunResult, analyze, scores
from textmine.errors import MissingColumnError
from textmine.testing import make_feedback


@pytest.fixture(scope="module")
def planted():
    data = make_feedback(600, languages=("en", "de", "zh"), seed=1)
    config = Config()
    result = analyze(
        data, config, text="answer", nps="nps", csat="csat", ces="ces", id="respondent_id"
    )
    return data, result


def test_planted_themes_are_recovered(planted):
    data, result = planted
    nmi = normalized_mutual_info_score(data["planted_theme"], result.responses["theme_id"])
    assert nmi >= 0.8
    assert result.unclassified_share <= 0.05


def test_per_theme_nps_equals_a_direct_pandas_computation(planted):
    data, result = planted
    links = result.responses[["response_id", "themes"]].explode("themes")
    for row in result.theme_metrics.itertuples():
        ids = links.loc[links["themes"] == row.theme_id, "response_id"]
        values = data.loc[ids, "nps"]
        expected = 100 * ((values >= 9).mean() - (values <= 6).mean())
        assert row.nps == pytest.approx(expected)
        assert row.n_responses == len(ids)
    assert result.overall["nps"] == pytest.approx(scores.nps(data["nps"]))


def test_same_input_config_and_seed_give_identical_themes_and_metrics(planted):
    data, result = planted
    again = analyze(
        data,
        Config(),
        text="answer",
        nps="nps",
        csat="csat",
        ces="ces",
        id="respondent_id",
    )
    assert again.responses["theme_id"].tolist() == result.responses["theme_id"].tolist()
    pd.testing.assert_frame_equal(again.theme_metrics, result.theme_metrics)
    assert again.themes["label"].tolist() == result.themes["label"].tolist()


def test_sentiment_follows_the_planted_themes(planted):
    data, result = planted
    responses = result.responses.assign(planted=data["planted_theme"])
    by_theme = responses.groupby("planted")["sentiment_score"].mean()
    positive = by_theme[["friendly_support", "product_quality"]]
    negative = by_theme[["late_delivery", "refund_problems", "app_crashes", "high_price"]]
    assert positive.min() > negative.max()
    assert by_theme["product_quality"] > 0.3 and by_theme["refund_problems"] < -0.3
    assert set(result.segments["sentiment_label"]) <= {"negative", "neutral", "positive"}
    assert result.theme_metrics["sentiment_mean"].notna().all()


def test_saved_result_loads_back_identically(planted, tmp_path):
    _, result = planted
    result.save(tmp_path / "run")
    loaded = RunResult.load(tmp_path / "run")
    pd.testing.assert_frame_equal(loaded.theme_metrics, result.theme_metrics)
    assert loaded.run["counts"] == result.run["counts"]
    assert loaded.theme_model is not None
    assert set(p.name for p in (tmp_path / "run").iterdir()) >= {
        "responses.parquet",
        "themes.parquet",
        "theme_metrics.parquet",
        "quarantine.parquet",
        "segments.parquet",
        "run.json",
        "model",
    }


def test_every_input_row_is_accounted_for(fast_config, hashing_embedder):
    data = make_feedback(120, seed=2).astype({"csat": object})
    data.loc[[3, 7], "answer"] = ["", "   "]
    data.loc[11, "nps"] = 12
    data.loc[13, "csat"] = "five"
    result = analyze(
        data, fast_config, embedder=hashing_embedder, text="answer", nps="nps", csat="csat"
    )
    responses = result.responses
    assert len(responses) == len(data)
    assert responses["response_id"].tolist() == list(range(len(data)))
    quarantined = responses[responses["status"] == "quarantined"]
    assert sorted(quarantined["response_id"]) == [3, 7, 11, 13]
    assert set(result.quarantine["response_id"]) == {3, 7, 11, 13}
    counts = result.run["counts"]
    assert counts["analysed"] + counts["quarantined"] == counts["input_rows"] == 120
    analysed = responses[responses["status"] == "analysed"]
    assert analysed["themes"].map(len).min() >= 1
    assert analysed["language"].notna().all()


def test_pii_never_reaches_the_outputs(fast_config, hashing_embedder):
    data = make_feedback(60, seed=3)
    data.loc[0, "answer"] = "Refund please, mail me at jo.doe@example.org or +46 70 123 45 67"
    result = analyze(data, fast_config, embedder=hashing_embedder, text="answer")
    everything = " ".join(
        str(v) for t in result.tables().values() for v in t.astype(str).to_numpy().ravel()
    )
    assert "jo.doe@example.org" not in everything and "123 45 67" not in everything


def test_missing_column_error_lists_existing_columns(fast_config):
    data = make_feedback(10)
    with pytest.raises(MissingColumnError, match="'answer'"):
        analyze(data, fast_config, text="comment")


def test_response_themes_include_every_segment_theme(fast_config, hashing_embedder):
    data = make_feedback(300, multi_theme_rate=0.5, seed=4)
    result = analyze(data, fast_config, embedder=hashing_embedder, text="answer")
    segs = result.segments
    per_response = (
        segs[segs["theme_id"] >= 0].groupby("response_id")["theme_id"].agg(lambda s: sorted(set(s)))
    )
    for rid, themes in per_response.items():
        assert list(result.responses.loc[rid, "themes"]) == themes
    assert (result.responses["n_segments"] > 1).sum() > 100
    assert np.isin(
        result.responses.loc[result.responses["status"] == "analysed", "theme_id"],
        result.themes["theme_id"],
    ).all()
