"""Label quality: do theme labels name what the theme is about?

    TEXTMINE_CACHE=/path/to/cache nice -n 10 python benchmarks/labels.py \
        [--sets banking77,banking77_small,xsid_en,multidogo,mixed] [--example] [--show 8]

Gold intents stand in for gold themes. For each theme, its gold intent is the intent of most of
its segments; the label HITs when one of its (top-3) words equals a lemma of a word of that
intent's name (split on _, / and camelCase, lemmatised with textmine's own ``tokenize``), or,
for names written as one word ("changeseatassignment"), is a 4+ letter part of it. Top-5
keywords are scored the same way. Printed per set: hit rate over themes and weighted by theme
size, and the share of label words that are in the labels of 3+ themes (not distinctive).
Only themes whose label is English count (the intent names are English): on the mixed set those
with >= 15% English segments, whose label ``make_label`` takes from the English keywords.
Themes are fitted once per set (seed 42, cached with the embeddings in TEXTMINE_CACHE).
``--no-rerank`` keeps the c-TF-IDF order (no embedder for labels). ``--example`` prints the
labels of examples/survey_multilingual.csv for a human read.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from datasets import MASSIVE_INTENTS, mixed, multidogo_dev_specific, xsid  # noqa: E402
from datasets import banking77 as banking77_test  # noqa: E402

from textmine.config import default_cache_dir  # noqa: E402
from textmine.embed import make_embedder  # noqa: E402
from textmine.fitcache import cached_fit, fit_key  # noqa: E402
from textmine.label import describe_themes, tokenize  # noqa: E402
from textmine.themes import ThemeModel, ThemeParams  # noqa: E402


def banking77_small(per_intent: int = 12) -> pd.DataFrame:
    """A seeded sample of banking77 test, 12 texts per intent: small themes, like a survey's."""
    return banking77_test().groupby("gold").sample(per_intent, random_state=0)


SETS = {
    "banking77": banking77_test,
    "banking77_small": banking77_small,
    "xsid_en": lambda: xsid(("en",)),
    "multidogo": multidogo_dev_specific,
    "mixed": mixed,
}
ROOT = Path(__file__).resolve().parent.parent


def intent_name(gold: str) -> str:
    """Readable intent name: set prefixes and MultiDoGO domains dropped, MASSIVE ids named."""
    name = gold.split(":")[-1]
    return MASSIVE_INTENTS[int(name)] if name.isdigit() else name


def name_words(name: str) -> set[str]:
    """Lemmas of the words of an intent name (card_arrival, AddToPlaylist, alarm/set_alarm)."""
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", name).replace("_", " ").replace("/", " ")
    return set(tokenize(spaced.lower(), "en")) | {w.lower() for w in spaced.split()}


def hits(words: list[str], name: str) -> list[bool]:
    """Per word: a lemma of the name, or a 4+ letter part of a name written as one word."""
    gold = name_words(name)
    compact = re.sub(r"[^a-z]", "", name.lower())
    return [
        any(p in gold or (len(p) >= 4 and p in compact) for p in w.lower().split()) for w in words
    ]


def fitted(frame: pd.DataFrame, vectors: np.ndarray, seed: int = 42) -> pd.DataFrame:
    """``frame`` with theme_id from a model fitted once (cached next to the embeddings)."""
    languages, texts = frame["language"].tolist(), frame["text"].tolist()
    params = ThemeParams(seed=seed)

    def fit() -> ThemeModel:
        model = ThemeModel(params)
        model.fit(vectors, languages=languages, texts=texts)
        return model

    key = fit_key(vectors, languages, params, "bench", None, texts)
    model = cached_fit(default_cache_dir(), key, fit)
    theme_id = model.predict(vectors, languages).theme_id
    return frame.assign(theme_id=theme_id, response_id=np.arange(len(frame)))


def score(frame: pd.DataFrame, themes: pd.DataFrame) -> dict:
    """Hit rates of labels and top-5 keywords, and the share of non-distinctive label words."""
    rows = []
    for theme in themes[themes["theme_id"] >= 0].itertuples():
        members = frame[frame["theme_id"] == theme.theme_id]
        if (members["language"] == "en").mean() < 0.15:
            continue
        name = intent_name(members["gold"].astype(str).value_counts().index[0])
        label = theme.label.split(" / ")
        keywords = list(json.loads(theme.keywords_by_language).get("en", []))[:5]
        found = hits(label, name)
        rows.append((name, label, len(members), any(found), any(hits(keywords, name)), found))
    sizes = np.array([r[2] for r in rows], dtype=float)
    label_hits = np.array([r[3] for r in rows], dtype=float)
    used = Counter(w for r in rows for w in set(r[1]))
    words = [w for r in rows for w in r[1]]
    return {
        "themes": len(rows),
        "label_hit": float(label_hits.mean()),
        "label_hit_weighted": float((label_hits * sizes).sum() / sizes.sum()),
        "top5_hit": float(np.mean([r[4] for r in rows])),
        "word_hit": float(np.mean([f for r in rows for f in r[5]])),
        "generic_words": float(np.mean([used[w] >= 3 for w in words])),
        "examples": [(r[0], " / ".join(r[1]), r[3]) for r in rows],
    }


def run_set(name: str, embedder, show: int, rerank: bool = True) -> dict:
    frame = SETS[name]().reset_index(drop=True)
    vectors = embedder.encode(frame["text"].tolist(), frame["language"].tolist())
    frame = fitted(frame, vectors)
    start = time.perf_counter()
    themes = describe_themes(
        frame, vectors, n_keywords=10, n_quotes=1, embedder=embedder if rerank else None
    )
    result = score(frame, themes) | {"seconds": time.perf_counter() - start}
    print(f"== {name}: {len(frame)} rows", flush=True)
    figures = {k: round(v, 3) for k, v in result.items() if isinstance(v, float)}
    print(f"  themes scored {result['themes']}, {figures}", flush=True)
    for intent, label, hit in result["examples"][:show]:
        print(f"    {'HIT ' if hit else 'miss'} {intent:<28} {label}")
    return result


def example_labels() -> None:
    """Labels of the bundled example, for a human read (the full pipeline, cached)."""
    import textmine

    result = textmine.analyze(ROOT / "examples" / "survey_multilingual.csv", progress=False)
    for theme in result.themes.itertuples():
        print(f"  {theme.theme_id:>3} {theme.n_segments:>3}  {theme.label}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--example", action="store_true")
    parser.add_argument("--show", type=int, default=0, help="print this many labels per set")
    parser.add_argument("--no-rerank", action="store_true", help="c-TF-IDF order only")
    args = parser.parse_args()
    embedder = make_embedder("multilingual", cache_dir=default_cache_dir())
    sets = [name for name in args.sets.split(",") if name]
    results = {name: run_set(name, embedder, args.show, not args.no_rerank) for name in sets}
    print(
        "| set | themes | label hit | label hit (by size) | label words hit | top-5 hit "
        "| words in 3+ labels |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, r in results.items():
        print(
            f"| {name} | {r['themes']} | {r['label_hit']:.1%} | {r['label_hit_weighted']:.1%} "
            f"| {r['word_hit']:.1%} | {r['top5_hit']:.1%} | {r['generic_words']:.1%} |"
        )
    if args.example:
        example_labels()


if __name__ == "__main__":
    main()
