"""textmine themes vs BERTopic on labelled intent sets, with the same precomputed embeddings.

    TEXTMINE_CACHE=/path/to/cache nice -n 10 python benchmarks/themes_vs_bertopic.py \
        [--sets banking77,massive_de,xsid,mixed] [--seeds 42,43] [--markdown out.md]

Per set it prints NMI and ARI against the gold intents, the unclassified share, the number of
themes, the share of top-5 keywords that are stop words, the share of parallel translations
landing in the same theme (xsid), ARI between runs with different seeds, and the wall time as a
ratio to BERTopic's. BERTopic runs with language="multilingual", seeded UMAP and otherwise its
defaults; its -1 outliers count as one label ("as they come") and, separately, are left out.
Needs the optional extra: pip install -e ".[bench]".
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
from datasets import SETS  # noqa: E402

from textmine.config import default_cache_dir  # noqa: E402
from textmine.embed import make_embedder  # noqa: E402
from textmine.label import describe_themes, stop_words  # noqa: E402
from textmine.themes import ThemeModel, ThemeParams  # noqa: E402

PAIRS = (("en", "de"), ("en", "zh"), ("de", "zh"))


def run_textmine(frame: pd.DataFrame, vectors: np.ndarray, seed: int) -> dict:
    start = time.perf_counter()
    model = ThemeModel(ThemeParams(seed=seed))
    languages = frame["language"].tolist()
    labels = model.fit(vectors, languages=languages, texts=frame["text"].tolist())
    segments = frame.assign(theme_id=labels, response_id=np.arange(len(frame)))
    themes = describe_themes(segments, vectors, n_keywords=5, n_quotes=1)
    seconds = time.perf_counter() - start
    keywords = themes.loc[themes["theme_id"] >= 0, "keywords"].tolist()
    return {
        "labels": labels,
        "subthemes": model.predict(vectors, languages).sub_theme_id,
        "keywords": [list(k)[:5] for k in keywords],
        "seconds": seconds,
    }


def run_bertopic(frame: pd.DataFrame, vectors: np.ndarray, seed: int) -> dict:
    from bertopic import BERTopic
    from umap import UMAP

    start = time.perf_counter()
    umap_model = UMAP(
        n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=seed
    )
    model = BERTopic(language="multilingual", umap_model=umap_model)
    labels, _ = model.fit_transform(frame["text"].tolist(), vectors)
    seconds = time.perf_counter() - start
    keywords = [
        [word for word, _ in model.get_topic(topic)[:5]]
        for topic in sorted(set(labels))
        if topic != -1
    ]
    return {"labels": np.asarray(labels), "keywords": keywords, "seconds": seconds}


def stopword_share(keywords: list[list[str]], languages: list[str]) -> float:
    stops = frozenset().union(*(stop_words(lang) for lang in languages))
    words = [w.lower() for top in keywords for w in top]
    return float(np.mean([w in stops for w in words])) if words else 0.0


def parallel_agreement(frame: pd.DataFrame, labels: np.ndarray, a: str, b: str) -> float:
    """Share of sentences whose translations in ``a`` and ``b`` get the same (real) theme."""
    if "key" not in frame or frame["key"].isna().all():
        return float("nan")
    table = frame.assign(label=labels).dropna(subset=["key"])
    left = table[table["language"] == a].drop_duplicates("key").set_index("key")["label"]
    right = table[table["language"] == b].drop_duplicates("key").set_index("key")["label"]
    joined = pd.concat([left, right], axis=1, join="inner", keys=["a", "b"])
    if joined.empty:
        return float("nan")
    same = (joined["a"] == joined["b"]) & (joined["a"] != -1)
    return float(same.mean())


def scores(frame: pd.DataFrame, run: dict) -> dict:
    gold, labels = frame["gold"].astype(str).to_numpy(), run["labels"]
    kept = labels != -1
    out = {
        "nmi": normalized_mutual_info_score(gold, labels),
        "ari": adjusted_rand_score(gold, labels),
        "nmi_no_outliers": normalized_mutual_info_score(gold[kept], labels[kept]),
        "unclassified": float((~kept).mean()),
        "themes": len(set(labels.tolist()) - {-1}),
        "stopwords": stopword_share(run["keywords"], sorted(frame["language"].unique())),
        "seconds": run["seconds"],
    }
    if "subthemes" in run:
        out["sub_nmi"] = normalized_mutual_info_score(gold, run["subthemes"])
        out["subthemes"] = len(set(run["subthemes"].tolist()) - {-1})
    for a, b in PAIRS:
        out[f"par_{a}_{b}"] = parallel_agreement(frame, labels, a, b)
    return out


def seed_stability(runs: list[dict]) -> float:
    pairs = list(itertools.combinations(runs, 2))
    if not pairs:
        return float("nan")
    return float(np.mean([adjusted_rand_score(a["labels"], b["labels"]) for a, b in pairs]))


def benchmark(name: str, seeds: list[int], embedder) -> dict[str, dict]:
    frame = SETS[name]()
    vectors = embedder.encode(frame["text"].tolist(), frame["language"].tolist())
    result = {}
    for tool, runner in (("textmine", run_textmine), ("bertopic", run_bertopic)):
        runs = [runner(frame, vectors, seed) for seed in seeds]
        figures = scores(frame, runs[0])
        figures["seed_ari"] = seed_stability(runs)
        gold = frame["gold"].astype(str).to_numpy()
        figures["nmi_seeds"] = float(
            np.mean([normalized_mutual_info_score(gold, run["labels"]) for run in runs])
        )
        result[tool] = figures
    result["textmine"]["time_ratio"] = result["textmine"]["seconds"] / max(
        1e-9, result["bertopic"]["seconds"]
    )
    result["n"] = {"rows": len(frame), "gold": frame["gold"].nunique()}
    return result


def warm_up(embedder) -> None:
    """Untimed small run of both tools first: numba compiles UMAP/HDBSCAN and spaCy/jieba load
    once per process, which would otherwise be charged to whichever tool runs first. UMAP
    switches to pynndescent from 4,096 rows on (minutes of numba compilation on a busy
    machine), so its nearest-neighbour search is compiled here too."""
    from umap.umap_ import nearest_neighbors

    frame = SETS["xsid"]().groupby("language").head(100).reset_index(drop=True)
    vectors = embedder.encode(frame["text"].tolist(), frame["language"].tolist())
    big = np.resize(vectors, (4200, vectors.shape[1]))
    big += np.random.default_rng(0).normal(scale=0.01, size=big.shape).astype(np.float32)
    nearest_neighbors(big, 15, "cosine", {}, False, np.random.RandomState(0), n_jobs=1)
    for language in ("en", "de", "da", "zh"):
        describe_themes(
            frame.assign(theme_id=0, response_id=np.arange(len(frame)), language=language),
            vectors,
        )
    run_textmine(frame, vectors, 0)
    run_bertopic(frame, vectors, 0)


ROWS = [
    ("NMI vs gold", "nmi", "{:.3f}"),
    ("NMI vs gold, mean over the seeds", "nmi_seeds", "{:.3f}"),
    ("NMI, outliers left out", "nmi_no_outliers", "{:.3f}"),
    ("ARI vs gold", "ari", "{:.3f}"),
    ("unclassified share", "unclassified", "{:.1%}"),
    ("themes", "themes", "{}"),
    ("sub-themes", "subthemes", "{}"),
    ("NMI of sub-themes", "sub_nmi", "{:.3f}"),
    ("stop words in top-5 keywords", "stopwords", "{:.1%}"),
    ("parallel same theme en-de", "par_en_de", "{:.1%}"),
    ("parallel same theme en-zh", "par_en_zh", "{:.1%}"),
    ("parallel same theme de-zh", "par_de_zh", "{:.1%}"),
    ("ARI between seeds", "seed_ari", "{:.3f}"),
    ("wall time, s", "seconds", "{:.1f}"),
]


def to_markdown(results: dict[str, dict]) -> str:
    names = list(results)
    head = "| measure | " + " | ".join(f"{n} textmine | {n} BERTopic" for n in names) + " |"
    lines = [head, "|---" * (1 + 2 * len(names)) + "|"]
    for title, key, fmt in ROWS:
        cells = []
        for name in names:
            for tool in ("textmine", "bertopic"):
                value = results[name][tool].get(key)
                ok = value is not None and not (isinstance(value, float) and np.isnan(value))
                cells.append(fmt.format(value) if ok else "–")
        lines.append(f"| {title} | " + " | ".join(cells) + " |")
    ratios = " | ".join(f"{results[n]['textmine']['time_ratio']:.2f} | 1" for n in names)
    lines.append(f"| wall time ratio to BERTopic | {ratios} |")
    sizes = " | ".join(
        f"{results[n]['n']['rows']} rows, {results[n]['n']['gold']} gold | " for n in names
    )
    lines.append(f"| data | {sizes}|")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="banking77,massive_de,xsid,mixed")
    parser.add_argument("--seeds", default="42,43")
    parser.add_argument("--embedder", default="multilingual")
    parser.add_argument("--markdown", type=Path)
    args = parser.parse_args()
    embedder = make_embedder(args.embedder, cache_dir=default_cache_dir())
    seeds = [int(s) for s in args.seeds.split(",")]
    warm_up(embedder)
    results = {}
    for name in args.sets.split(","):
        results[name] = benchmark(name, seeds, embedder)
        print(f"== {name}", flush=True)
        for tool in ("textmine", "bertopic"):
            figures = {
                k: round(v, 3) if isinstance(v, float) else v
                for k, v in results[name][tool].items()
            }
            print(f"  {tool}: {figures}", flush=True)
    table = to_markdown(results)
    print(table)
    if args.markdown:
        args.markdown.write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
