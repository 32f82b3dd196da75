"""Evaluation-only sets for the sentiment benchmark: the check set, Tatoeba en-sv pairs and the
bundled example's answer key (never used for training)."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pandas as pd

from textmine.sentiment import aggregate_responses

HERE = Path(__file__).resolve().parent
LABEL_IDS = {"negative": 0, "neutral": 1, "positive": 2}
INTENDED = {"P": "positive", "N": "negative", "V": "negative"}  # M = mixed, scored apart


def load_checkset() -> list[tuple[str, int, str, str, str]]:
    """30 customer-feedback sentences per language (en/de/sv/zh), written for v1.0.0."""
    with (HERE / "checkset" / "feedback_checkset.tsv").open(encoding="utf-8") as f:
        return [
            (r["text"], LABEL_IDS[r["label"]], r["lang"], "checkset", "test")
            for r in csv.DictReader(f, delimiter="\t")
        ]


def load_tatoeba(root: Path, n: int = 1000) -> list[tuple[str, str]]:
    """English-Swedish sentence pairs (test file), a fixed random sample of n."""
    seen, pairs = set(), []
    for ln in (root / "tatoeba_eng_swe" / "test.txt").read_text(encoding="utf-8").splitlines():
        c = ln.split("\t")
        if len(c) == 4 and c[2] not in seen:
            seen.add(c[2])
            pairs.append((c[2], c[3]))
    random.Random(5).shuffle(pairs)
    return pairs[:n]


def example_segments(csv_path: Path) -> pd.DataFrame:
    """The example's segments exactly as a pipeline run makes them (normalise, detect the
    language, segment), with the respondent id; themes use the hashing embedder (not scored)."""
    from textmine import Config, analyze

    config = Config.from_dict(
        {"embedding": {"backend": "hashing", "cache": False}, "sentiment": {"backend": "none"}}
    )
    result = analyze(csv_path, config)
    ids = result.responses.set_index("response_id")["id"]
    seg = result.segments[["response_id", "segment_id", "text", "language"]].copy()
    return seg.assign(respondent_id=seg["response_id"].map(ids))


def intended_agreement(segments: pd.DataFrame, examples_dir: Path) -> dict:
    """Response sentiment (aggregated as in a run) against the answer key: praise -> positive,
    negative / very negative -> negative; mixed answers count when flagged mixed or neutral."""
    per = aggregate_responses(segments).merge(
        segments.drop_duplicates("response_id")[["response_id", "respondent_id", "language"]],
        on="response_id",
    )
    key = pd.read_csv(examples_dir / "survey_multilingual_labels.csv", keep_default_na=False)
    per = per.merge(key[["respondent_id", "intended_sentiment"]], on="respondent_id")
    polar = per[per["intended_sentiment"].isin(list(INTENDED))]
    hit = polar["sentiment_label"] == polar["intended_sentiment"].map(INTENDED)
    mixed = per[per["intended_sentiment"] == "M"]
    return {
        "n": len(polar),
        "agreement": float(hit.mean()),
        "by_language": {
            lang: {"n": int(len(h)), "agreement": float(h.mean())}
            for lang, h in hit.groupby(polar["language"])
            if lang in ("en", "de", "sv", "zh")
        },
        "n_mixed": len(mixed),
        "mixed_as_mixed_or_neutral": float(
            (mixed["sentiment_mixed"] | (mixed["sentiment_label"] == "neutral")).mean()
        ),
    }
