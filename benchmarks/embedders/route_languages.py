"""Which languages should take the e5 route? Plain USE vs the e5 map, per xSID language.

Two measures on the xSID valid split (300 utterances per language, parallel to English):
top-1 retrieval of the English source sentence (both sides centred, English always plain
USE), i.e. cross-lingual alignment; and the share of utterances whose nearest neighbour in
the same language has the same intent, i.e. monolingual theme quality.

    TEXTMINE_CACHE=... python benchmarks/embedders/route_languages.py [LANG ...]
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np

from textmine.embed import USE_LANGUAGES, MultilingualEmbedder, l2_normalise

DEFAULT = ["da", "no", "lt", "sr", "kk", "gsw", "de", "it", "nl", "tr", "ja", "zh", "ar", "id"]


def _datasets():
    path = Path(__file__).resolve().parents[1] / "datasets.py"
    spec = importlib.util.spec_from_file_location("bench_datasets", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _centred(x: np.ndarray) -> np.ndarray:
    return l2_normalise(x - x.mean(axis=0))


def main(languages: list[str]) -> None:
    frame = _datasets().xsid(("en", *languages))
    embedder = MultilingualEmbedder()
    english = frame[frame["language"] == "en"].reset_index(drop=True)
    en = _centred(embedder._use.encode(english["text"].tolist()))
    position = {key: i for i, key in enumerate(english["key"])}
    print("| language | in USE | retrieval: USE | e5 route | same-intent NN: USE | e5 route |")
    print("|---|---|---:|---:|---:|---:|")
    for language in languages:
        part = frame[frame["language"] == language].reset_index(drop=True)
        texts = part["text"].tolist()
        use = embedder._use.encode(texts)
        routed = embedder.map_features(embedder._e5_encode(texts), use)
        linked = part["key"].isin(position).to_numpy()
        gold_en = part["key"][linked].map(position).to_numpy()
        cells = []
        for vectors in (use, routed):
            hits = (_centred(vectors)[linked] @ en.T).argmax(axis=1) == gold_en
            cells.append(hits.mean() if linked.any() else float("nan"))
        for vectors in (use, routed):
            sims = vectors @ vectors.T
            np.fill_diagonal(sims, -np.inf)
            gold = part["gold"].to_numpy()
            cells.append((gold[sims.argmax(axis=1)] == gold).mean())
        known = "yes" if language in USE_LANGUAGES else "no"
        shown = " | ".join("–" if np.isnan(c) else f"{c:.3f}" for c in cells)
        print(f"| {language} | {known} | {shown} |", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:] or DEFAULT)
