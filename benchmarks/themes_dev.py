"""Theme model quality on development data that is not in the BERTopic benchmark.

    TEXTMINE_CACHE=/path/to/cache nice -n 10 python benchmarks/themes_dev.py \
        [--sets banking77_train,massive_de_dev,multidogo_dev,dev_mixed] [--seeds 42,43] \
        [--param n_themes=60 --param n_neighbors=30 ...]

Tune the theme model here, then confirm once with benchmarks/themes_vs_bertopic.py: a change
that only helps on the benchmark sets is fitted to them. Per set it prints NMI (mean over the
seeds, and each seed's), ARI of the first seed against gold, the number of themes, the
unclassified share, ARI between the first two seeds and the fit/predict agreement.
``--param`` sets any ThemeParams field (numbers are parsed, anything else stays a string).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
from datasets import DEV_SETS  # noqa: E402

from textmine.config import default_cache_dir  # noqa: E402
from textmine.embed import make_embedder  # noqa: E402
from textmine.themes import ThemeModel, ThemeParams  # noqa: E402


def parse_params(pairs: list[str]) -> dict:
    params = {}
    for pair in pairs:
        name, _, value = pair.partition("=")
        for kind in (int, float):
            try:
                params[name] = kind(value)
                break
            except ValueError:
                continue
        else:
            params[name] = value
    return params


def evaluate(frame, vectors, seeds: list[int], params: dict) -> dict:
    gold = frame["gold"].astype(str).to_numpy()
    languages = frame["language"].tolist()
    runs, agreement = [], []
    for seed in seeds:
        model = ThemeModel(ThemeParams(seed=seed, **params))
        labels = model.fit(vectors, languages=languages, texts=frame["text"].tolist())
        runs.append(labels)
        agreement.append(float((model.predict(vectors, languages).theme_id == labels).mean()))
    nmis = [normalized_mutual_info_score(gold, labels) for labels in runs]
    return {
        "nmi": float(np.mean(nmis)),
        "nmi_per_seed": [round(v, 3) for v in nmis],
        "ari": adjusted_rand_score(gold, runs[0]),
        "themes": [len(set(labels.tolist()) - {-1}) for labels in runs],
        "unclassified": float((runs[0] == -1).mean()),
        "seed_ari": adjusted_rand_score(runs[0], runs[1]) if len(runs) > 1 else float("nan"),
        "fit_predict_agreement": min(agreement),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join(DEV_SETS))
    parser.add_argument("--seeds", default="42,43")
    parser.add_argument("--embedder", default="multilingual")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args()
    embedder = make_embedder(args.embedder, cache_dir=default_cache_dir())
    seeds = [int(s) for s in args.seeds.split(",")]
    params = parse_params(args.param)
    for name in args.sets.split(","):
        frame = DEV_SETS[name]()
        vectors = embedder.encode(frame["text"].tolist(), frame["language"].tolist())
        figures = evaluate(frame, vectors, seeds, params)
        print(
            f"{name:16s} rows={len(frame)} gold={frame['gold'].nunique()} "
            f"NMI={figures['nmi']:.3f} {figures['nmi_per_seed']} ARI={figures['ari']:.3f} "
            f"themes={figures['themes']} unclassified={figures['unclassified']:.1%} "
            f"seed ARI={figures['seed_ari']:.3f} "
            f"fit/predict={figures['fit_predict_agreement']:.1%}",
            flush=True,
        )


if __name__ == "__main__":
    main()
