"""The hand-written customer-feedback corpus: well-formed, balanced, split without leaks."""

from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "pipelines" / "sentiment"))
from sentdata import CX_DIR, CX_LANGS, load_cx  # noqa: E402


@pytest.fixture(scope="module")
def cx() -> list[tuple[str, int, str, str, str]]:
    return load_cx()


@pytest.mark.parametrize("lang", CX_LANGS)
def test_each_language_has_300_distinct_labelled_sentences(lang: str) -> None:
    with (CX_DIR / f"{lang}.tsv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert list(rows[0]) == ["group", "label", "industry", "topic", "text"]
    texts = [r["text"] for r in rows]
    assert len(texts) >= 300 and len(set(texts)) == len(texts) and all(t.strip() for t in texts)
    labels = Counter(r["label"] for r in rows)
    assert set(labels) == {"negative", "neutral", "positive"}
    assert min(labels.values()) >= 0.3 * len(rows)
    assert len({r["industry"] for r in rows}) >= 6


def test_split_is_55_15_30_per_language_and_label(cx) -> None:
    counts = Counter((lang, y, split) for _, y, lang, _, split in cx)
    for lang in CX_LANGS:
        for y in range(3):
            n = {s: counts[(lang, y, s)] for s in ("train", "val", "test")}
            total = sum(n.values())
            assert 0.25 <= n["test"] / total <= 0.36, (lang, y)
            assert 0.08 <= n["val"] / total <= 0.22, (lang, y)


def test_test_split_is_the_one_of_2_0_0() -> None:
    """The validation part is carved from former train groups only, so CX test numbers stay
    comparable across releases: the test groups are still the first 30% in SHA-1 order."""
    import hashlib

    rows = []
    for lang in CX_LANGS:
        with (CX_DIR / f"{lang}.tsv").open(encoding="utf-8") as f:
            rows += list(csv.DictReader(f, delimiter="\t"))
    test_groups = {
        g for g, r in zip((r["group"] for r in rows), load_cx(), strict=True) if r[4] == "test"
    }
    by_label: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        by_label[r["label"]][r["group"]] += 1
    expected: set[str] = set()
    for sizes in by_label.values():
        taken = 0
        for g in sorted(sizes, key=lambda g: hashlib.sha1(g.encode()).hexdigest()):
            if taken >= 0.3 * sum(sizes.values()):
                break
            expected.add(g)
            taken += sizes[g]
    assert test_groups == expected


def test_translations_never_straddle_two_splits() -> None:
    splits: dict[str, set[str]] = defaultdict(set)
    rows = load_cx()
    groups = []
    for lang in CX_LANGS:
        with (CX_DIR / f"{lang}.tsv").open(encoding="utf-8") as f:
            groups += [r["group"] for r in csv.DictReader(f, delimiter="\t")]
    for g, r in zip(groups, rows, strict=True):
        splits[g].add(r[4])
    assert all(len(s) == 1 for s in splits.values())
    assert load_cx() == rows  # deterministic


def test_no_evaluation_text_is_in_the_corpus(cx) -> None:
    """The check set and the bundled example are evaluation sets: none of their texts may be
    a corpus sentence."""
    corpus = {t.casefold().strip(" .!。！") for t, *_ in cx}
    with (ROOT / "pipelines/sentiment/checkset/feedback_checkset.tsv").open(encoding="utf-8") as f:
        check = [r["text"] for r in csv.DictReader(f, delimiter="\t")]
    example = pd.read_csv(ROOT / "examples/survey_multilingual.csv", keep_default_na=False)
    for text in check + example["answer"].tolist():
        assert text.casefold().strip(" .!。！") not in corpus, text
