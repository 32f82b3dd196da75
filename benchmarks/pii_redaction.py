"""Recall and false positives of PII redaction, against a naive peer in the same process.

Recall: synthetic values with valid checksums in en/de/sv/zh sentences (textmine.pii_samples).
False positives: synthetic PII-free sentences full of numbers, and real feedback-like corpora
from ../shared/data where present (share of texts that redaction changed; those changes are
printed so they can be checked by hand: some are real PII).

    .venv/bin/python benchmarks/pii_redaction.py [--n 100] [--seed 0]
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

from textmine.pii import redact
from textmine.pii_samples import false_positive_rate, make_clean_samples, make_pii_samples, measure

SHARED = next(
    (
        p / "shared" / "data"
        for p in Path(__file__).resolve().parents
        if (p / "shared/data").is_dir()
    ),
    Path("../shared/data"),
)
_NAIVE_NUMBER = re.compile(r"\+?\d[\d ()./-]{5,}\d")
_NAIVE_EMAIL = re.compile(r"\S+@\S+")
_NAIVE_URL = re.compile(r"https?://\S+|www\.\S+")


def naive(text: str) -> str:
    """Peer: what a quick regex job does: every 7+ digit run, anything with @, any URL."""
    text = _NAIVE_EMAIL.sub("[EMAIL]", text)
    text = _NAIVE_URL.sub("[URL]", text)
    return _NAIVE_NUMBER.sub("[NUMBER]", text)


def real_corpora(limit: int = 3000) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    paths = {
        "en banking77 test": (SHARED / "banking77/banking_data/test.csv", "csv", 0),
        "en uci sentences": (
            SHARED / "uci_sentiment_sentences/amazon_cells_labelled.txt",
            "tsv",
            0,
        ),
        "de massive test": (SHARED / "massive_de/data/Massive/Intents/test.txt", "lines", None),
        "de tweets test": (
            SHARED / "xlmt_umsab_tweets/data/sentiment/german/test_text.txt",
            "lines",
            None,
        ),
        "sv tatoeba": (SHARED / "tatoeba_eng_swe/test.txt", "tsv", 3),
        "zh chnsenticorp": (
            SHARED / "chnsenticorp_htl/datasets/ChnSentiCorp_htl_all/ChnSentiCorp_htl_all.csv",
            "csv",
            1,
        ),
    }
    for name, (path, kind, column) in paths.items():
        if not path.exists():
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            if kind == "lines":
                texts = [line.strip() for line in handle if line.strip()]
            else:
                reader = csv.reader(handle, delimiter="\t" if kind == "tsv" else ",")
                rows = list(reader)[1 if kind == "csv" else 0 :]
                texts = [r[column] for r in rows if len(r) > column]
        out[name] = texts[:limit]
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100, help="sentences per kind and language")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    samples = make_pii_samples(args.n, args.seed)
    ours, peer = measure(redact, samples), measure(naive, samples)
    table = ours.pivot_table(index="kind", columns="language", values="found", aggfunc="mean")
    print(f"recall on {len(samples)} synthetic values (share no longer readable):")
    print((100 * table).round(1).to_string())
    print(f"overall recall: textmine {ours['found'].mean():.3f}, naive {peer['found'].mean():.3f}")
    clean = make_clean_samples(4 * args.n, args.seed)["text"].tolist()
    fp_ours, fp_naive = false_positive_rate(redact, clean), false_positive_rate(naive, clean)
    print(
        f"false positives on {len(clean)} synthetic PII-free sentences with numbers: "
        f"textmine {fp_ours:.3%}, naive {fp_naive:.3%}"
    )
    for name, texts in real_corpora().items():
        changed = [(t, redact(t)) for t in texts if redact(t) != t]
        fp_peer = false_positive_rate(naive, texts)
        print(
            f"{name}: {len(changed)}/{len(texts)} texts changed "
            f"({len(changed) / len(texts):.2%}; naive {fp_peer:.2%})"
        )
        for before, after in changed[:8]:
            print(f"    {before[:110]!r}\n -> {after[:110]!r}")


if __name__ == "__main__":
    main()
