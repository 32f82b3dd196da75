"""Language detection accuracy and speed on labelled texts from ../shared/data.

Compares langdetect, lingua with all languages and lingua restricted to the default language
list (textmine's default) on the same texts in the same process; numbers in docs/benchmarks.md.

    .venv/bin/python benchmarks/language_detection.py [--per-set 150]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd

from textmine.config import DEFAULT_LANGUAGES
from textmine.language import make_detector

SHARED = next(
    (
        p / "shared" / "data"
        for p in Path(__file__).resolve().parents
        if (p / "shared/data").is_dir()
    ),
    Path("../shared/data"),
)
XLMT = {
    "arabic": "ar",
    "english": "en",
    "french": "fr",
    "german": "de",
    "hindi": "hi",
    "italian": "it",
    "portuguese": "pt",
    "spanish": "es",
}
XSID = ("en", "de", "zh", "da", "nl", "it")


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def labelled_texts(per_set: int) -> pd.DataFrame:
    """(text, lang, source) rows: tweets, assistant utterances, sentences and reviews."""
    rows: list[tuple[str, str, str]] = []
    for name, code in XLMT.items():
        path = SHARED / f"xlmt_umsab_tweets/data/sentiment/{name}/test_text.txt"
        rows += [(t, code, "xlmt") for t in _lines(path)[:per_set]]
    for code in XSID:
        lines = _lines(SHARED / f"xsid/data/xSID-0.7/{code}.valid.conll")
        texts = [line[9:].strip() for line in lines if line.startswith("# text = ")]
        rows += [(t, code, "xsid") for t in texts[:per_set]]
    swedish = [line.split("\t")[3] for line in _lines(SHARED / "tatoeba_eng_swe/test.txt")]
    rows += [(t, "sv", "tatoeba") for t in swedish[:per_set]]
    reviews = SHARED / "chnsenticorp_htl/datasets/ChnSentiCorp_htl_all/ChnSentiCorp_htl_all.csv"
    chinese = pd.read_csv(reviews)["review"].dropna().tolist()
    rows += [(t, "zh", "chnsenticorp") for t in chinese[:per_set]]
    return pd.DataFrame(rows, columns=["text", "lang", "source"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-set", type=int, default=150)
    args = parser.parse_args()
    if not SHARED.is_dir():
        raise SystemExit(f"{SHARED} not found: this benchmark needs the shared data sets")
    data = labelled_texts(args.per_set)
    print(f"{len(data)} labelled texts from {SHARED}")
    runs = [
        ("langdetect", ()),
        ("lingua", ()),
        ("lingua", tuple(DEFAULT_LANGUAGES)),
    ]
    base_speed = None
    for backend, allowed in runs:
        detector = make_detector(backend, allowed=allowed)
        start = time.perf_counter()
        predicted = pd.Series(detector.detect(data["text"].tolist()))
        speed = len(data) / (time.perf_counter() - start)
        base_speed = base_speed or speed
        correct = predicted == data["lang"]
        und = predicted == "und"
        scope = f"{len(allowed)} languages" if allowed else "all languages"
        print(
            f"{backend:10s} {scope:14s} acc={correct.mean():.3f} und={und.mean():.3f} "
            f"acc_excl_und={correct[~und].mean():.3f} {speed:.0f} texts/s "
            f"({speed / base_speed:.1f}x langdetect)"
        )
        per_language = correct.groupby(data["lang"]).mean().round(2).to_dict()
        print("    per language:", per_language)


if __name__ == "__main__":
    main()
