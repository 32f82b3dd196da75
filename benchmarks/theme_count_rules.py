"""Compare gold-free rules for the automatic number of themes, offline and cheaply.

    TEXTMINE_CACHE=/path/to/cache nice -n 10 python benchmarks/theme_count_rules.py \
        [--sets banking77_train,...] [--seeds 42,43] [--fits DIR] [--benchmark]

Each set and seed is fitted once (language centring, UMAP, micro-clusters, Ward tree, exactly
as ThemeModel.fit does) and kept in ``--fits``; then every cut k in 2..150 is scored against
gold (NMI after folding small themes and nearest-prototype assignment, as ``fit`` does) and
against gold-free criteria (silhouette in the UMAP space and in the embedding space, Ward
merge heights), so a rule costs a lookup, not a fit. Development sets by default;
``--benchmark`` scores the benchmark sets instead (only to confirm a rule chosen on
development data). Prints each rule's NMI per set and the mean over fine- and coarse-gold sets.
Fits and tables are cached by text and by set name: delete ``--fits`` after changing the fitting
code or a loader. textmine's default is "tol UMAP abs 0.015" (``hierarchy.choose_k``).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
from sklearn.metrics import normalized_mutual_info_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
from datasets import COARSE_DEV_SETS, DEV_SETS, SETS  # noqa: E402

from textmine import hierarchy as H  # noqa: E402
from textmine import space as S  # noqa: E402
from textmine.config import default_cache_dir  # noqa: E402
from textmine.embed import make_embedder  # noqa: E402
from textmine.themes import MIN_LANGUAGE_SEGMENTS, ThemeModel, ThemeParams  # noqa: E402

K_MAX = 150
FIT_VERSION = "lex1"  # in the names of kept fits: the fit now joins character n-grams
SAMPLE = 3000


def fit_once(name: str, frame, embedder, seed: int, fits: Path, params: dict | None = None) -> dict:
    """Centred vectors, UMAP coordinates and micro-clusters of one set and seed (cached; with
    other ``params`` than the defaults, keep their fits in another ``fits`` folder)."""
    key = hashlib.sha1("\n".join(frame["text"] + "\t" + frame["language"]).encode()).hexdigest()
    path = fits / f"{key[:16]}-{seed}-{FIT_VERSION}.npz"
    if path.exists():
        return dict(np.load(path))
    vectors = embedder.encode(frame["text"].tolist(), frame["language"].tolist())
    model = ThemeModel(ThemeParams(seed=seed, **(params or {})))
    languages = frame["language"].tolist()
    model.language_means = S.language_means(vectors, languages, MIN_LANGUAGE_SEGMENTS)
    x = model._centre(np.asarray(vectors, dtype=np.float32), languages)
    micro, reduced = model._micro(model._discovery_space(x, languages, frame["text"].tolist()))
    fits.mkdir(parents=True, exist_ok=True)
    np.savez(path, x=x, reduced=reduced, micro=micro)
    return {"x": x, "reduced": reduced, "micro": micro}


def structure(fit: dict, seed: int) -> dict:
    """Ward tree over the micro-clusters plus what every cut needs: the nearest prototype of
    each segment, the sampled rows' distance sums to each micro-cluster in both spaces."""
    x, reduced, micro = fit["x"], fit["reduced"], fit["micro"]
    m = int(micro.max()) + 1
    weights = np.bincount(micro, minlength=m).astype(np.float64)
    centres = np.vstack([reduced[micro == i].mean(axis=0) for i in range(m)])
    means = np.vstack([x[micro == i].mean(axis=0) for i in range(m)])
    protos = H.normalise(means)
    keep = np.flatnonzero(weights >= 2)
    nearest = keep[(x @ protos[keep].T).argmax(axis=1)]
    rows = np.arange(len(x))
    if len(rows) > SAMPLE:
        rows = np.sort(np.random.default_rng(seed).choice(len(rows), SAMPLE, replace=False))
    onehot = H._onehot(micro[rows], m)
    from sklearn.metrics import pairwise_distances

    return {
        "m": m,
        "weights": weights,
        "centres": centres,
        "means": means,
        "nearest": nearest,
        "tree": H.weighted_ward(centres, weights),
        "rows": rows,
        "umap_sums": pairwise_distances(reduced[rows]) @ onehot,
        "cos_sums": np.maximum(1.0 - x[rows] @ x.T, 0.0) @ H._onehot(micro, m),
        "counts": np.bincount(micro[rows], minlength=m).astype(np.float64),
        "all_counts": weights,
    }


def score_cuts(st: dict, micro: np.ndarray, gold: dict[str, np.ndarray], min_size: int) -> dict:
    """Per k: NMI against each gold, theme count after folding, both silhouettes, height."""
    ks = np.arange(2, min(K_MAX, st["m"]) + 1)
    table = {"k": ks, "themes": [], "sil_umap": [], "sil_cos": [], "height": []}
    table |= {f"nmi:{g}": [] for g in gold}
    rows = st["rows"]
    for k in ks:
        theme = H.cut(st["tree"], st["m"], int(k))
        members = H._onehot(theme, int(k))
        table["sil_umap"].append(
            H._silhouette(st["umap_sums"] @ members, st["counts"] @ members, theme[micro[rows]])
        )
        table["sil_cos"].append(
            H._silhouette(st["cos_sums"] @ members, st["all_counts"] @ members, theme[micro[rows]])
        )
        table["height"].append(st["tree"][st["m"] - k, 2])
        folded = H.merge_small(theme, st["centres"], st["weights"], min_size)
        labels = folded[st["nearest"]]
        table["themes"].append(int(folded.max()) + 1)
        for g, codes in gold.items():
            table[f"nmi:{g}"].append(normalized_mutual_info_score(codes, labels))
    return {key: np.asarray(value) for key, value in table.items()}


# ------------------------------------------------------------------- rules: table -> k
Rule = Callable[[dict, tuple[int, int]], int]


def _in(table: dict, window: tuple[int, int]) -> np.ndarray:
    return (table["k"] >= window[0]) & (table["k"] <= window[1])


def best_of(column: str) -> Rule:
    def rule(table: dict, window: tuple[int, int]) -> int:
        ok = np.flatnonzero(_in(table, window))
        return int(table["k"][ok[np.argmax(table[column][ok])]])

    return rule


def tolerance(column: str, delta: float, relative: bool = False) -> Rule:
    """Largest k whose score is within ``delta`` (absolute, or a share of the best) of the best."""

    def rule(table: dict, window: tuple[int, int]) -> int:
        ok = np.flatnonzero(_in(table, window))
        best = table[column][ok].max()
        bar = best * (1 - delta) if relative else best - delta
        return int(table["k"][ok[table[column][ok] >= bar - 1e-12]].max())

    return rule


def smoothed(column: str, delta: float, width: int) -> Rule:
    """``tolerance`` on the score averaged over k - width .. k + width (less seed noise)."""

    def rule(table: dict, window: tuple[int, int]) -> int:
        kernel = np.ones(2 * width + 1) / (2 * width + 1)
        padded = np.pad(table[column], width, mode="edge")
        return tolerance("smooth", delta)(
            table | {"smooth": np.convolve(padded, kernel, "valid")}, window
        )

    return rule


def plateau(column: str, delta: float) -> Rule:
    """Largest k reached from the best one without the score dipping below best - delta."""

    def rule(table: dict, window: tuple[int, int]) -> int:
        ok = np.flatnonzero(_in(table, window))
        scores = table[column][ok]
        i = int(np.argmax(scores))
        while i + 1 < len(ok) and scores[i + 1] >= scores.max() - delta - 1e-12:
            i += 1
        return int(table["k"][ok[i]])

    return rule


def combined(weight_cos: float) -> Rule:
    """Best of the two silhouettes z-scored within the window and summed."""

    def rule(table: dict, window: tuple[int, int]) -> int:
        ok = np.flatnonzero(_in(table, window))
        z = sum(
            w * (table[c][ok] - table[c][ok].mean()) / (table[c][ok].std() + 1e-12)
            for c, w in (("sil_umap", 1.0), ("sil_cos", weight_cos))
        )
        return int(table["k"][ok[np.argmax(z)]])

    return rule


def height_gap(power: float = 1.0) -> Rule:
    """k where the next merge is the largest relative jump in Ward height (k^power-weighted)."""

    def rule(table: dict, window: tuple[int, int]) -> int:
        ok = np.flatnonzero(_in(table, window))
        h = table["height"]
        # h[i] is the height of the merge from k[i] to k[i] - 1 themes: stop at k when that
        # merge is much higher than the one from k + 1 to k.
        ratio = np.r_[h[:-1] / np.maximum(h[1:], 1e-12), 1.0] * table["k"] ** power
        return int(table["k"][ok[np.argmax(ratio[ok])]])

    return rule


def fixed(k: int) -> Rule:
    return lambda table, window: min(k, window[1])


def windowed(rule: Rule, low: float, high: float, cap: int = 80) -> Rule:
    """The same rule in a window of low*sqrt(n) .. high*sqrt(n) (n from the table)."""

    def inner(table: dict, window: tuple[int, int]) -> int:
        root = np.sqrt(table["n"])
        lo, hi = max(2, round(low * root)), max(2, min(cap, round(high * root)))
        return rule(table, (lo, hi))

    return inner


RULES: dict[str, Rule] = {
    "silhouette UMAP (old default)": best_of("sil_umap"),
    "silhouette cosine": best_of("sil_cos"),
    "fixed 80": fixed(80),
    **{
        f"tol UMAP abs {d}": tolerance("sil_umap", d)
        for d in (0.005, 0.01, 0.015, 0.02, 0.025, 0.03)
    },
    **{f"tol UMAP rel {d}": tolerance("sil_umap", d, True) for d in (0.02, 0.03, 0.05, 0.1)},
    **{f"tol cos abs {d}": tolerance("sil_cos", d) for d in (0.002, 0.005, 0.01)},
    **{f"z-sum cos x{w}": combined(w) for w in (0.5, 1.0, 2.0)},
    **{f"height gap k^{p}": height_gap(p) for p in (0.0, 0.5)},
    **{f"tol UMAP 0.015, smoothed +-{w}": smoothed("sil_umap", 0.015, w) for w in (1, 2, 4)},
    "tol UMAP 0.015, plateau from the best": plateau("sil_umap", 0.015),
    "silhouette UMAP, window 0.5-1.5": windowed(best_of("sil_umap"), 0.5, 1.5),
    "silhouette UMAP, window 0.75-1.5": windowed(best_of("sil_umap"), 0.75, 1.5),
}


def evaluate(tables: dict[str, list[dict]], coarse: set[str]) -> None:
    """NMI of every rule per set (mean over seeds) and its chosen counts."""
    names = list(tables)
    print("rule | " + " | ".join(names) + " | mean fine | mean coarse")
    for title, rule in RULES.items():
        cells, fine_nmi, coarse_nmi = [], [], []
        for name in names:
            nmis, ks = [], []
            for table in tables[name]:
                window = H.theme_window(int(table["n"]), 80)
                k = rule(table, window)
                i = int(np.flatnonzero(table["k"] == k)[0])
                nmis.append(table["nmi:gold"][i])
                ks.append(int(table["themes"][i]))
            value = float(np.mean(nmis))
            (coarse_nmi if name in coarse else fine_nmi).append(value)
            cells.append(f"{value:.3f} {ks}")
        means = [f"{np.mean(v):.3f}" if v else "-" for v in (fine_nmi, coarse_nmi)]
        print(f"{title} | " + " | ".join(cells) + " | " + " | ".join(means), flush=True)


def collect(names: list[str], loaders: dict, seeds: list[int], fits: Path, embedder) -> dict:
    tables: dict[str, list[dict]] = {}
    for name in names:
        try:
            frame = loaders[name]()
        except FileNotFoundError as error:
            print(f"{name}: skipped ({error})")
            continue
        gold = {"gold": frame["gold"].astype(str).to_numpy()}
        tables[name] = []
        for seed in seeds:
            cache = fits / f"{name}-{seed}-{FIT_VERSION}.table.npz"
            table = dict(np.load(cache)) if cache.exists() else {}
            if not table:
                fit = fit_once(name, frame, embedder, seed, fits)
                st = structure(fit, seed)
                min_size = ThemeModel(ThemeParams()).min_size(len(frame))
                table = score_cuts(st, fit["micro"], gold, min_size)
                table["n"] = np.array(len(frame))
                np.savez(cache, **table)
            tables[name].append(table)
        print(f"{name}: {len(frame)} rows, {frame['gold'].nunique()} gold", flush=True)
    return tables


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets")
    parser.add_argument("--seeds", default="42,43")
    parser.add_argument("--fits", type=Path, default=default_cache_dir() / "theme-fits")
    parser.add_argument("--benchmark", action="store_true")
    args = parser.parse_args()
    loaders = SETS if args.benchmark else DEV_SETS
    names = args.sets.split(",") if args.sets else list(loaders)
    embedder = make_embedder("multilingual", cache_dir=default_cache_dir())
    seeds = [int(s) for s in args.seeds.split(",")]
    tables = collect(names, loaders, seeds, args.fits, embedder)
    evaluate(tables, set(COARSE_DEV_SETS) | ({"xsid"} if args.benchmark else set()))


if __name__ == "__main__":
    main()
