"""Compare ways to turn the UMAP layout into theme partitions, offline and cheaply.

    TEXTMINE_CACHE=/path/to/cache nice -n 10 python benchmarks/theme_partitions.py \
        [--sets banking77_train,...] [--seeds 42,43,44] [--fits DIR] [--benchmark] \
        [--variants proto,cut,...] [--param n_neighbors=30 ...]

Each set and seed is fitted once (language centring and UMAP, exactly as ThemeModel.fit does)
and kept in ``--fits``; every variant then redoes only the cheap later steps (micro-clusters,
Ward tree, the count rule, folding, assignment) and is scored against gold by NMI. Development
sets by default; ``--benchmark`` scores the benchmark sets (only to confirm a variant chosen on
development data). Prints NMI per set (mean over seeds), the mean over fine- and coarse-gold
sets, theme counts and the ARI between seeds. ``--param`` changes the UMAP fit (any
ThemeParams field; such fits are kept in a sub-folder of ``--fits``). No segment is left
unclassified here (the real fit leaves 0-1% out).
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
from datasets import COARSE_DEV_SETS, DEV_SETS, SETS  # noqa: E402
from theme_count_rules import fit_once  # noqa: E402
from themes_dev import parse_params  # noqa: E402

from textmine import hierarchy as H  # noqa: E402
from textmine.config import default_cache_dir  # noqa: E402
from textmine.embed import make_embedder  # noqa: E402
from textmine.themes import MIN_PROTOTYPE_SEGMENTS, ThemeModel, ThemeParams  # noqa: E402


def micro_of(fit: dict, seed: int, divisor: int = 4, cap: int = 500) -> np.ndarray:
    """Micro-clusters as ``ThemeModel._micro`` makes them, with another size if asked."""
    n = len(fit["x"])
    if (divisor, cap) == (4, 500):
        return fit["micro"]
    return H.micro_clusters(fit["reduced"], min(cap, max(2, n // divisor)), seed)


def ward_cut(fit: dict, micro: np.ndarray, seed: int, centres=None) -> np.ndarray:
    """Theme of each micro-cluster: weighted Ward, count by ``choose_k``, small ones folded."""
    n = len(micro)
    m = int(micro.max()) + 1
    weights = np.bincount(micro, minlength=m).astype(np.float64)
    if centres is None:
        centres = _means(fit["reduced"], micro, m)
    guided = np.full(m, -1)
    min_size = ThemeModel(ThemeParams()).min_size(n)
    reduced = fit["reduced"]
    return H.cut_themes(reduced, micro, centres, weights, guided, 0, None, 80, min_size, seed)


def _means(values: np.ndarray, labels: np.ndarray, m: int) -> np.ndarray:
    onehot = H._onehot(labels, m)
    return (onehot.T @ values) / np.maximum(onehot.sum(axis=0), 1)[:, None]


def nearest_proto(x: np.ndarray, micro: np.ndarray, theme: np.ndarray) -> np.ndarray:
    """``fit``'s assignment: theme of the nearest micro-cluster centroid in the embedding
    space (micro-clusters of one segment give no prototype)."""
    m = int(micro.max()) + 1
    protos = H.normalise(_means(x, micro, m))
    keep = np.flatnonzero(np.bincount(micro, minlength=m) >= MIN_PROTOTYPE_SEGMENTS)
    return theme[keep[(x @ protos[keep].T).argmax(axis=1)]]


# ------------------------------------------------------------------ variants: fit -> labels
Variant = Callable[[dict, int], np.ndarray]


def proto(fit: dict, seed: int) -> np.ndarray:
    micro = fit["micro"]
    return nearest_proto(fit["x"], micro, ward_cut(fit, micro, seed))


def cut(fit: dict, seed: int) -> np.ndarray:
    micro = fit["micro"]
    return ward_cut(fit, micro, seed)[micro]


def micro_size(divisor: int, cap: int = 500, assign: str = "proto") -> Variant:
    def variant(fit: dict, seed: int) -> np.ndarray:
        micro = micro_of(fit, seed, divisor, cap)
        theme = ward_cut(fit, micro, seed)
        return nearest_proto(fit["x"], micro, theme) if assign == "proto" else theme[micro]

    return variant


def lloyd(points: np.ndarray, labels: np.ndarray, iters: int, weights=None, cosine=False):
    """``iters`` k-means steps from the partition ``labels`` (weighted; cosine: unit means)."""
    weights = np.ones(len(points)) if weights is None else weights
    for _ in range(iters):
        k = int(labels.max()) + 1
        onehot = H._onehot(labels, k) * weights[:, None]
        sums = onehot.T @ points
        alive = onehot.sum(axis=0) > 0
        if cosine:
            score = points @ H.normalise(sums[alive]).T
        else:
            cent = sums[alive] / onehot.sum(axis=0)[alive, None]
            score = -(((points[:, None, :] - cent[None]) ** 2).sum(-1))
        new = np.flatnonzero(alive)[score.argmax(axis=1)]
        if np.array_equal(new, labels):
            break
        labels = new
    return labels


def refine(space: str, iters: int, level: str = "segment") -> Variant:
    """The Ward cut, then ``iters`` k-means steps: on segments in the UMAP space ("umap") or
    the embedding space ("orig", cosine), or on micro-cluster centres in the UMAP space
    (``level`` "micro"; "umap" returns the refined cut's labels, "umap-proto" the nearest
    prototype's theme, as fit would)."""

    def variant(fit: dict, seed: int) -> np.ndarray:
        micro = fit["micro"]
        theme = ward_cut(fit, micro, seed)
        if level == "micro":
            m = int(micro.max()) + 1
            centres = _means(fit["reduced"], micro, m)
            weights = np.bincount(micro, minlength=m).astype(np.float64)
            theme = lloyd(centres, theme, iters, weights)
            return theme[micro] if space == "umap" else nearest_proto(fit["x"], micro, theme)
        points = fit["reduced"] if space == "umap" else fit["x"]
        return lloyd(points, theme[micro], iters, cosine=space == "orig")

    return variant


def knn_vote(k: int, rounds: int = 1, start: str = "cut") -> Variant:
    """Cut labels, then each segment takes the majority theme of its ``k`` nearest neighbours
    in the embedding space (itself included; ties keep its own theme)."""

    def variant(fit: dict, seed: int) -> np.ndarray:
        from textmine.space import cosine_knn

        labels = cut(fit, seed) if start == "cut" else proto(fit, seed)
        near, _ = cosine_knn(fit["x"], k)
        for _ in range(rounds):
            votes = labels[near]
            counts = np.zeros((len(labels), int(labels.max()) + 1))
            np.add.at(counts, (np.repeat(np.arange(len(labels)), k), votes.ravel()), 1.0)
            counts[np.arange(len(labels)), labels] += 0.5
            labels = counts.argmax(axis=1)
        return labels

    return variant


def then_proto(inner: Variant) -> Variant:
    """Labels of ``inner`` only shape the prototypes: one per (micro-cluster, theme) group of
    at least two segments; every segment then gets its nearest prototype's theme (as predict)."""

    def variant(fit: dict, seed: int) -> np.ndarray:
        labels = inner(fit, seed)
        _, group = np.unique(np.c_[fit["micro"], labels], axis=0, return_inverse=True)
        group = group.reshape(-1)
        owner = np.zeros(int(group.max()) + 1, dtype=np.int64)
        owner[group] = labels
        return nearest_proto(fit["x"], group, owner)

    return variant


def joint_ward(alpha: float, assign: str = "proto") -> Variant:
    """Ward over micro-cluster centres in the UMAP space joined with their centroids in the
    embedding space, each block scaled to unit total variance, the second weighted ``alpha``."""

    def variant(fit: dict, seed: int) -> np.ndarray:
        micro = fit["micro"]
        m = int(micro.max()) + 1
        blocks = [_means(fit["reduced"], micro, m), _means(fit["x"], micro, m)]
        scaled = [b / np.sqrt(((b - b.mean(axis=0)) ** 2).sum(axis=1).mean()) for b in blocks]
        theme = ward_cut(fit, micro, seed, np.hstack([scaled[0], alpha * scaled[1]]))
        return nearest_proto(fit["x"], micro, theme) if assign == "proto" else theme[micro]

    return variant


def two_layouts(assign: str = "proto") -> Variant:
    """Cheap ensemble: the UMAP layouts of two seeds side by side (10-d) for micro-clusters,
    Ward and the count rule (needs ``fit["reduced2"]``, the layout of seed + 1000)."""

    def variant(fit: dict, seed: int) -> np.ndarray:
        joined = dict(fit, reduced=np.hstack([fit["reduced"], fit["reduced2"]]))
        micro = H.micro_clusters(joined["reduced"], min(500, max(2, len(fit["x"]) // 4)), seed)
        theme = ward_cut(joined, micro, seed)
        return nearest_proto(fit["x"], micro, theme) if assign == "proto" else theme[micro]

    return variant


VARIANTS: dict[str, Variant] = {
    "refine micro UMAP x10 proto": refine("umap-proto", 10, "micro"),
    "two layouts": two_layouts(),
    "two layouts cut": two_layouts("cut"),
    "joint ward 0.25": joint_ward(0.25),
    "joint ward 0.5": joint_ward(0.5),
    "joint ward 1": joint_ward(1.0),
    "joint ward 0.5 cut": joint_ward(0.5, "cut"),
    "proto of refine UMAP x10": then_proto(refine("umap", 10)),
    "proto of knn vote 15": then_proto(knn_vote(15)),
    "proto of refine orig x3": then_proto(refine("orig", 3)),
    "refine micro UMAP x10": refine("umap", 10, "micro"),
    "refine UMAP x1": refine("umap", 1),
    "refine UMAP x10": refine("umap", 10),
    "refine orig x1": refine("orig", 1),
    "refine orig x3": refine("orig", 3),
    "knn vote 15": knn_vote(15),
    "knn vote 15 x3": knn_vote(15, 3),
    "knn vote 30": knn_vote(30),
    "knn vote 15 from proto": knn_vote(15, 1, "proto"),
    "proto (default)": proto,
    "cut labels": cut,
    "micro n/2": micro_size(2),
    "micro n/8": micro_size(8),
    "micro n/4 cap 1000": micro_size(4, 1000),
    "micro n/4 cap 250": micro_size(4, 250),
}


def run(names, loaders, seeds, fits: Path, embedder, chosen, params: dict) -> None:
    results: dict[str, dict[str, list]] = {v: {} for v in chosen}
    for name in names:
        frame = loaders[name]()
        gold = frame["gold"].astype(str).to_numpy()
        fitted = [fit_once(name, frame, embedder, seed, fits, params) for seed in seeds]
        if any(title.startswith("two layouts") for title in chosen):
            for fit, seed in zip(fitted, seeds, strict=True):
                twin = fit_once(name, frame, embedder, seed + 1000, fits, params)
                fit["reduced2"] = twin["reduced"]
        for title in chosen:
            labels = [VARIANTS[title](fit, seed) for fit, seed in zip(fitted, seeds, strict=True)]
            results[title][name] = labels
            nmi = [normalized_mutual_info_score(gold, lab) for lab in labels]
            ari = [adjusted_rand_score(a, b) for a, b in itertools.combinations(labels, 2)]
            counts = [len(np.unique(lab)) for lab in labels]
            print(
                f"{name:32s} {title:24s} NMI {np.mean(nmi):.4f} {np.round(nmi, 3).tolist()} "
                f"themes {counts} seed ARI {np.mean(ari) if ari else float('nan'):.3f}",
                flush=True,
            )
    summarise(results, names, loaders, seeds)


def summarise(results: dict, names: list[str], loaders: dict, seeds: list[int]) -> None:
    """One line per variant: NMI per set (mean over seeds), means over fine and coarse sets."""
    coarse = set(COARSE_DEV_SETS) | {"xsid"}
    golds = {n: loaders[n]()["gold"].astype(str).to_numpy() for n in names}
    print("variant | " + " | ".join(names) + " | mean fine | mean coarse | mean seed ARI")
    for title, per_set in results.items():
        cells, fine, rough, aris = [], [], [], []
        for name in names:
            value = np.mean([normalized_mutual_info_score(golds[name], x) for x in per_set[name]])
            (rough if name in coarse else fine).append(value)
            cells.append(f"{value:.4f}")
            pairs = itertools.combinations(per_set[name], 2)
            aris += [adjusted_rand_score(a, b) for a, b in pairs]
        means = [f"{np.mean(v):.4f}" if v else "-" for v in (fine, rough, aris)]
        print(f"{title} | " + " | ".join(cells) + " | " + " | ".join(means), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets")
    parser.add_argument("--seeds", default="42,43,44")
    parser.add_argument("--fits", type=Path, default=default_cache_dir() / "partition-fits")
    parser.add_argument("--benchmark", action="store_true")
    parser.add_argument("--variants", help="comma-separated titles (default: all)")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args()
    loaders = SETS if args.benchmark else DEV_SETS
    names = args.sets.split(",") if args.sets else list(loaders)
    chosen = args.variants.split(",") if args.variants else list(VARIANTS)
    embedder = make_embedder("multilingual", cache_dir=default_cache_dir())
    seeds = [int(s) for s in args.seeds.split(",")]
    params = parse_params(args.param)
    fits = args.fits
    if params:
        fits = fits / "-".join(f"{k}={v}" for k, v in sorted(params.items()))
    run(names, loaders, seeds, fits, embedder, chosen, params)


if __name__ == "__main__":
    main()
