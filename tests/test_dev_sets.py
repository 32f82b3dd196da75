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


def test_massive_scenarios_are_the_first_part_of_the_intent_name():
    shared("massive_de")
    frame = D.massive_de_dev_scenarios()
    assert (len(frame), frame["gold"].nunique()) == (1487, 18)
    intents = D.massive_de_dev()["gold"]
    # SOURCE.md's spot checks: 48 alarm_set, 45 play_music, 46 audio_volume_mute.
    assert set(frame["gold"][intents == 48]) == {"alarm"}
    assert set(frame["gold"][intents == 45]) == {"play"}
    assert set(frame["gold"][intents == 46]) == {"audio"}
    assert len(D.massive_de_train_scenarios()) == 3000


def test_coarse_sets_keep_few_classes():
    shared("massive_de")
    shared("multidogo")
    specific = D.multidogo_dev_specific()
    assert not specific["gold"].str.split(":").str[1].isin(D.GENERIC_TURNS).any()
    assert D.multidogo_dev_specific_domains()["gold"].nunique() == 6
    assert D.multidogo_dev_domains()["gold"].nunique() == 6
    distinct = D.massive_de_train_distinct()
    assert (len(distinct), distinct["gold"].nunique()) == (1500, 18)
    assert set(D.COARSE_DEV_SETS) <= set(D.DEV_SETS)
