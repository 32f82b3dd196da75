"""The two-level theme hierarchy: micro-clusters -> Ward tree -> themes and sub-themes.

Why this shape: in the UMAP space, Ward clustering separates intents far better than HDBSCAN's
dense groups plus reassignment (+0.03 to +0.05 NMI at the same number of themes on our
benchmarks) and leaves nothing out. To scale to 100k segments we first cut the data into a few
hundred k-means micro-clusters and build a *weighted* Ward tree over their centres, which gives
the same partitions as Ward on all points. Themes and sub-themes are two cuts of that one tree,
so every sub-theme sits inside exactly one theme.

All functions are pure: arrays in, arrays out.
"""

from __future__ import annotations

import math
import warnings

import numpy as np


def normalise(vectors: np.ndarray) -> np.ndarray:
    """Unit-length rows (or vector); zero rows stay zero."""
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


def micro_clusters(reduced: np.ndarray, n_micro: int, seed: int) -> np.ndarray:
    """k-means labels of every point in the reduced space (deterministic for a seed)."""
    from sklearn.cluster import KMeans
    from sklearn.exceptions import ConvergenceWarning

    n_micro = max(1, min(n_micro, len(reduced)))
    if n_micro == 1:
        return np.zeros(len(reduced), dtype=np.int64)
    with warnings.catch_warnings():  # duplicate answers ("ok", "good") leave fewer distinct
        warnings.filterwarnings("ignore", category=ConvergenceWarning)  # points: fewer groups
        km = KMeans(n_clusters=n_micro, n_init=1, random_state=seed).fit(reduced)
    return _relabel_by_first_member(km.labels_)


def _relabel_by_first_member(labels: np.ndarray) -> np.ndarray:
    """Labels 0..m-1 in order of first appearance, so ids do not depend on k-means internals."""
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first)] = np.arange(len(first))
    return rank[inverse.reshape(-1)]


def weighted_ward(centres: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Scipy-style linkage matrix of Ward's method on weighted points.

    Merge cost of clusters A and B is |A||B| / (|A|+|B|) * ||c_A - c_B||^2 with sizes in
    points, so a micro-cluster of 40 points weighs 40. Heights are sqrt(2 * cost) like scipy's.
    """
    centres = np.asarray(centres, dtype=np.float64).copy()
    weights = np.asarray(weights, dtype=np.float64).copy()
    m = len(centres)
    sq = (centres**2).sum(axis=1)
    dist2 = np.maximum(sq[:, None] + sq[None, :] - 2 * centres @ centres.T, 0.0)
    cost = weights[:, None] * weights[None, :] / (weights[:, None] + weights[None, :]) * dist2
    np.fill_diagonal(cost, np.inf)
    node = np.arange(m)
    leaves = np.ones(m)
    alive = np.ones(m, dtype=bool)
    tree = np.zeros((max(0, m - 1), 4))
    for step in range(m - 1):
        i, j = sorted(divmod(int(np.argmin(cost)), m))
        tree[step] = [min(node[i], node[j]), max(node[i], node[j]), math.sqrt(2 * cost[i, j]), 0]
        total = weights[i] + weights[j]
        centres[i] = (weights[i] * centres[i] + weights[j] * centres[j]) / total
        weights[i], leaves[i] = total, leaves[i] + leaves[j]
        tree[step, 3] = leaves[i]
        alive[j] = False
        cost[j, :] = cost[:, j] = np.inf
        row = weights * weights[i] / (weights + weights[i]) * ((centres - centres[i]) ** 2).sum(1)
        row[~alive] = np.inf
        row[i] = np.inf
        cost[i, :] = cost[:, i] = row
        node[i] = m + step
    return tree


def cut(tree: np.ndarray, n_leaves: int, k: int) -> np.ndarray:
    """Cluster (0..k-1, in order of first leaf) of each leaf when the tree is cut into ``k``."""
    parent = np.arange(2 * n_leaves - 1)
    for step in range(max(0, n_leaves - max(1, k))):
        a, b = int(tree[step, 0]), int(tree[step, 1])
        parent[a] = parent[b] = n_leaves + step
    roots = np.array([_root(parent, leaf) for leaf in range(n_leaves)])
    return _relabel_by_first_member(roots)


def _root(parent: np.ndarray, node: int) -> int:
    while parent[node] != node:
        node = parent[node]
    return node


# Silhouettes this close to the best count as equally good (see ``choose_k``); chosen on
# development data from 0.005-0.03: 0.005-0.02 gave the same NMI on coarse gold, 0.025 lost
# 0.07 on one coarse set, 0.015 sits in the middle of the safe range.
SILHOUETTE_TOLERANCE = 0.015


def theme_window(n: int, max_themes: int) -> tuple[int, int]:
    """Range of theme counts the silhouette may choose from: sqrt(n)/4 to 1.5 sqrt(n).

    sqrt(n) gives ~25 themes for 600 segments, ~55 for 3,000 and reaches the ``max_themes``
    cap (default 80) from about 3,000 segments on, so 10k-100k segments give tens of themes
    (with sub-themes beneath), never hundreds.
    """
    target = math.sqrt(max(n, 1))
    low = max(2, round(target / 4))
    high = max(low, min(max_themes, round(1.5 * target)))
    return min(low, high), high


def choose_k(
    reduced: np.ndarray,
    micro: np.ndarray,
    tree: np.ndarray,
    window: tuple[int, int],
    seed: int,
    sample: int = 3000,
    tolerance: float = SILHOUETTE_TOLERANCE,
) -> int:
    """The largest number of themes in ``window`` whose silhouette (of points in the reduced
    space) is within ``tolerance`` of the best one.

    The silhouette of Ward cuts is nearly flat over a wide range of counts and its maximum
    alone chose few, broad themes on intent-like data, sometimes half as many for another seed
    (MASSIVE de dev: 38 or 18). Of the counts that score practically as well, the finest one
    matched fine-grained gold better on development data at no cost on coarse gold
    (docs/benchmarks.md, "Theme count"). A theme is a union of micro-clusters, so the distance
    sums from each sampled point to each micro-cluster are computed once and every candidate
    cut costs one small matrix product.
    """
    n_leaves = int(micro.max()) + 1
    low, high = window[0], min(window[1], n_leaves)
    if high <= 2 or low >= high:
        return max(1, min(high, n_leaves))
    from sklearn.metrics import pairwise_distances

    rows = np.arange(len(reduced))
    if len(rows) > sample:
        rows = np.sort(np.random.default_rng(seed).choice(len(rows), sample, replace=False))
    to_micro = pairwise_distances(reduced[rows]) @ _onehot(micro[rows], n_leaves)
    micro_counts = np.bincount(micro[rows], minlength=n_leaves).astype(np.float64)
    sampled = micro[rows]
    scores = np.array(
        [_cut_silhouette(tree, k, to_micro, micro_counts, sampled) for k in range(low, high + 1)]
    )
    return low + int(np.flatnonzero(scores >= scores.max() - tolerance - 1e-9).max())


def _cut_silhouette(
    tree: np.ndarray, k: int, to_micro: np.ndarray, micro_counts: np.ndarray, sampled: np.ndarray
) -> float:
    """Silhouette of the cut into ``k`` themes, from the sampled points' distance sums to each
    micro-cluster (``to_micro``), the micro-clusters' sampled sizes and each point's one."""
    theme = cut(tree, len(micro_counts), k)
    members = _onehot(theme, k)
    return _silhouette(to_micro @ members, micro_counts @ members, theme[sampled])


def _onehot(labels: np.ndarray, n: int) -> np.ndarray:
    out = np.zeros((len(labels), n))
    out[np.arange(len(labels)), labels] = 1.0
    return out


def _silhouette(sums: np.ndarray, counts: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette (sklearn's definition; singletons score 0) from each point's summed
    distance to every cluster (``sums``, points x clusters) and the cluster sizes."""
    rows = np.arange(len(labels))
    own = counts[labels]
    a = sums[rows, labels] / np.maximum(own - 1, 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_other = sums / counts
    mean_other[:, counts == 0] = np.inf
    mean_other[rows, labels] = np.inf
    b = mean_other.min(axis=1)
    score = np.where(own > 1, (b - a) / np.maximum(np.maximum(a, b), 1e-12), 0.0)
    return float(score.mean())


def merge_small(
    labels: np.ndarray, centres: np.ndarray, weights: np.ndarray, min_size: int
) -> np.ndarray:
    """Fold clusters of micro-clusters holding fewer than ``min_size`` points into the cluster
    with the nearest centre, smallest first, so no theme is too small to read or to measure.

    ``labels`` has one entry per micro-cluster; ``centres`` and ``weights`` are the
    micro-clusters' centres (reduced space) and sizes.
    """
    labels = labels.copy()
    while True:
        ids = np.unique(labels)
        sizes = np.array([weights[labels == i].sum() for i in ids])
        if len(ids) < 2 or sizes.min() >= min_size:
            return _relabel_by_first_member(labels)
        small = ids[np.argmin(sizes)]
        means = np.vstack(
            [np.average(centres[labels == i], axis=0, weights=weights[labels == i]) for i in ids]
        )
        gaps = ((means - means[ids == small]) ** 2).sum(axis=1)
        gaps[ids == small] = np.inf
        labels[labels == small] = ids[int(np.argmin(gaps))]


def cut_themes(
    reduced: np.ndarray,
    micro: np.ndarray,
    centres: np.ndarray,
    weights: np.ndarray,
    guided: np.ndarray,
    offset: int,
    n_themes: int | None,
    max_themes: int,
    min_size: int,
    seed: int,
) -> np.ndarray:
    """Theme of each micro-cluster: codebook themes as ``guided`` says (ids 0..offset-1, -1 for
    none), then the cut of the Ward tree over the remaining micro-clusters (ids offset..).

    ``n_themes`` None picks the count by silhouette in :func:`theme_window` and folds themes
    under ``min_size`` segments into their nearest neighbour; a fixed count is kept as given.
    """
    theme = guided.copy()
    free = np.flatnonzero(guided == -1)
    if len(free) <= 1:
        theme[free] = offset
        return theme
    tree = weighted_ward(centres[free], weights[free])
    if n_themes is None:
        local = np.full(len(weights), -1)
        local[free] = np.arange(len(free))
        rows = np.flatnonzero(np.isin(micro, free))
        window = theme_window(int(weights[free].sum()), max_themes)
        n_themes = choose_k(reduced[rows], local[micro[rows]], tree, window, seed)
        labels = merge_small(cut(tree, len(free), n_themes), centres[free], weights[free], min_size)
    else:
        labels = cut(tree, len(free), n_themes)
    theme[free] = offset + labels
    return theme


def cut_subthemes(
    centres: np.ndarray, weights: np.ndarray, theme: np.ndarray, per_theme: int, min_size: int
) -> np.ndarray:
    """Sub-theme of each micro-cluster: within each theme, a Ward cut into about ``per_theme``
    parts, none smaller than ``min_size`` segments. Ids run on across themes."""
    sub = np.zeros(len(theme), dtype=np.int64)
    next_id = 0
    for t in np.unique(theme):
        members = np.flatnonzero(theme == t)
        k = min(len(members), per_theme)
        labels = np.zeros(len(members), dtype=np.int64)
        if k > 1:
            tree = weighted_ward(centres[members], weights[members])
            labels = cut(tree, len(members), k)
            labels = merge_small(labels, centres[members], weights[members], min_size)
        sub[members] = next_id + labels
        next_id += int(labels.max()) + 1
    return sub
