import numpy as np
import pandas as pd
import pytest

from textmine.errors import ConfigError
from textmine.sentiment import aggregate_responses, frame_from_probabilities, make_sentiment


def test_frame_from_probabilities_scores_and_confidence():
    frame = frame_from_probabilities(np.array([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6]]))
    assert frame["sentiment_label"].tolist() == ["negative", "positive"]
    assert frame["sentiment_score"].tolist() == pytest.approx([-0.6, 0.5])
    assert frame["sentiment_confidence"].tolist() == pytest.approx([0.7, 0.6])


def test_responses_aggregate_segments_by_length_and_flag_mixed():
    segments = pd.DataFrame(
        {
            "response_id": [0, 0, 1],
            "text": ["Great product", "but the delivery was awful, truly", "fine"],
            "sentiment_score": [0.8, -0.8, 0.1],
            "sentiment_confidence": [0.9, 0.9, 0.5],
            "sentiment_label": ["positive", "negative", "neutral"],
        }
    )
    out = aggregate_responses(segments).set_index("response_id")
    expected = (0.8 * 13 - 0.8 * 33) / 46
    assert out.loc[0, "sentiment_score"] == pytest.approx(expected)
    assert out.loc[0, "sentiment_label"] == "negative"
    assert bool(out.loc[0, "sentiment_mixed"]) and not bool(out.loc[1, "sentiment_mixed"])
    assert out.loc[1, "sentiment_label"] == "neutral"


def test_backend_errors_are_config_errors():
    with pytest.raises(ConfigError, match="unknown sentiment.backend"):
        make_sentiment("vader")
    with pytest.raises(ConfigError, match="model_path"):
        make_sentiment("transformers")
    assert make_sentiment("none") is None


def test_vectors_from_another_embedder_are_not_fed_to_the_builtin_model(hashing_embedder):
    from textmine import Config, analyze

    frame = pd.DataFrame(
        {
            "answer": [
                "I love this shop, the staff are wonderful and helpful!",
                "Terrible service, I am never ordering here again.",
            ]
            * 10
        }
    )
    config = Config.from_dict({"embedding": {"cache": False}, "themes": {"reducer": "pca"}})
    result = analyze(frame, config, embedder=hashing_embedder, text="answer")
    labels = result.responses["sentiment_label"].tolist()
    assert labels[:2] == ["positive", "negative"]
