"""Development sets for tuning the theme model stay apart from the benchmark sets."""

import sys
from pathlib import Path

import pytest

from tests.conftest import shared

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import datasets as D  # noqa: E402
from themes_dev import parse_params  # noqa: E402


@pytest.mark.parametrize(
    ("dev", "bench", "rows", "gold", "shared_texts"),
    [(D.banking77_train, D.banking77, 3000, 77, 0), (D.massive_de_dev, D.massive_de, 1487, 59, 8)],
)
def test_dev_sets_are_other_splits_than_the_benchmark(dev, bench, rows, gold, shared_texts):
    shared("banking77")
    shared("massive_de")
    frame = dev()
    assert (len(frame), frame["gold"].nunique()) == (rows, gold)
    # Only a few identical short requests ("wie ist das wetter heute") occur in both splits.
    assert len(set(frame["text"]) & set(bench()["text"])) == shared_texts
    assert frame["text"].tolist() == dev()["text"].tolist()  # the sample is seeded


def test_multidogo_dev_keeps_intents_only_and_prefixes_the_domain():
    shared("multidogo")
    frame = D.multidogo_dev()
    assert (len(frame), frame["gold"].nunique()) == (2033, 73)
    assert not frame["gold"].str.endswith(":contentonly").any()
    assert frame["gold"].str.split(":").str[0].nunique() == 6


def test_params_from_the_command_line_are_typed():
    assert parse_params(["n_themes=60", "outlier_threshold=0.3", "reducer=pca"]) == {
        "n_themes": 60,
        "outlier_threshold": 0.3,
        "reducer": "pca",
    }
