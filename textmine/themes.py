"""ThemeModel: discover themes with UMAP + HDBSCAN, keep them as prototypes, assign by similarity.

Why prototypes: HDBSCAN finds dense groups but leaves many points as noise and cannot label new
text. We turn each group into a few prototype vectors in the original embedding space and give
every segment the theme of its most similar prototype, unless even that is below
``outlier_threshold`` (then it is unclassified). ``fit`` and ``predict`` therefore use the same
rule, a saved model is just JSON + .npy, and applying it to a new wave keeps theme ids.
"""

from __future__ import annotations

import json
import math
import os
import sys
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import numpy as np

from textmine.config import default_cache_dir
from textmine.errors import TextmineError
from textmine.schema import UNCLASSIFIED

MODEL_FILE = "theme_model.json"
FORMAT_VERSION = 1


@dataclass
class ThemeParams:
    min_theme_size: int | str = "auto"
    reducer: str = "umap"
    n_components: int = 5
    n_neighbors: int = 15
    outlier_threshold: float = 0.35
    merge_threshold: float = 0.9
    n_themes: int | str = "auto"
    max_themes: int = 50
    cluster_selection: str = "leaf"
    seed: int = 42


@dataclass
class ThemeModel:
    """Themes as prototype vectors. ``fit`` discovers them; ``predict`` assigns new text."""

    params: ThemeParams = field(default_factory=ThemeParams)
    embedder: str = ""
    prototypes: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))
    prototype_theme: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    theme_ids: list[int] = field(default_factory=list)

    # ---------------------------------------------------------------- fit / predict
    def fit(self, embeddings: np.ndarray, embedder: str = "") -> np.ndarray:
        """Discover themes in ``embeddings`` (unit rows) and return a theme id per row.

        HDBSCAN finds fine, dense groups; near-duplicates are merged; the groups' centroid tree
        is cut where the silhouette of the resulting themes is best. Each fine group stays as a
        prototype (and sub-theme) of its theme.
        """
        self.embedder = embedder or self.embedder
        embeddings = np.asarray(embeddings, dtype=np.float32)
        clusters = self._discover(embeddings)
        centroids, members = _group_centroids(embeddings, clusters)
        centroids, members = _merge_similar(centroids, members, self.params.merge_threshold)
        window = self.theme_window(len(embeddings))
        parents = _cut_tree(centroids, members, embeddings, window, self.params.seed)
        self._set_prototypes(centroids, members, parents)
        return self._renumber_by_size(self.predict(embeddings)[0])

    def _renumber_by_size(self, labels: np.ndarray) -> np.ndarray:
        """Theme 0 is the largest after assignment (ties: lower old id first)."""
        counts = np.bincount(labels[labels >= 0], minlength=len(self.theme_ids))
        order = sorted(self.theme_ids, key=lambda t: (-counts[t], t))
        new_id = np.empty(len(order), dtype=np.int64)
        new_id[order] = np.arange(len(order))
        self.prototype_theme = new_id[self.prototype_theme]
        return np.where(labels >= 0, new_id[np.maximum(labels, 0)], labels)

    def predict(self, embeddings: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Theme id and cosine similarity to the nearest prototype for each row."""
        embeddings = np.asarray(embeddings, dtype=np.float32)
        if len(self.prototypes) == 0 or len(embeddings) == 0:
            return np.full(len(embeddings), UNCLASSIFIED), np.zeros(len(embeddings))
        sims = embeddings @ self.prototypes.T
        best = sims.argmax(axis=1)
        best_sim = sims[np.arange(len(sims)), best]
        labels = self.prototype_theme[best].copy()
        labels[best_sim < self.params.outlier_threshold] = UNCLASSIFIED
        return labels.astype(np.int64), best_sim.astype(np.float64)

    def min_size(self, n: int) -> int:
        """Minimum theme size: grows with the square root of the data (5 at least)."""
        if self.params.min_theme_size != "auto":
            return int(self.params.min_theme_size)
        return max(5, int(round(0.25 * math.sqrt(n))))

    def theme_window(self, n: int) -> tuple[int, int]:
        """Range of theme counts the tree cut may choose from.

        ``n_themes`` fixes it; otherwise it centres on sqrt(n / 4) (6 to 40), so 500 segments
        give about 11 themes and 10,000 give 40 at most: a readable list, with the fine groups
        kept as sub-themes.
        """
        if self.params.n_themes != "auto":
            k = int(self.params.n_themes)
            return (k, k)
        target = min(40, max(6, round(math.sqrt(n / 4))))
        return (max(2, target // 2), min(self.params.max_themes, 2 * target))

    # ---------------------------------------------------------------- discovery
    def _discover(self, embeddings: np.ndarray) -> np.ndarray:
        n = len(embeddings)
        min_size = self.min_size(n)
        if n < 2 * min_size:
            return np.zeros(n, dtype=np.int64)
        reduced = self._reduce(embeddings)
        import hdbscan

        clusterer = hdbscan.HDBSCAN(
            min_cluster_size=min_size,
            min_samples=max(1, min(min_size, 10)),
            cluster_selection_method=self.params.cluster_selection,
            core_dist_n_jobs=1,
        )
        labels = clusterer.fit_predict(reduced)
        if labels.max() < 0:  # no dense group at all: one theme is more honest than none
            return np.zeros(n, dtype=np.int64)
        return labels.astype(np.int64)

    def _reduce(self, embeddings: np.ndarray) -> np.ndarray:
        n = len(embeddings)
        dims = min(self.params.n_components, max(2, n - 2))
        if self.params.reducer == "pca" or n <= dims + 2:
            from sklearn.decomposition import PCA

            return PCA(n_components=dims, random_state=self.params.seed).fit_transform(embeddings)
        umap = _import_umap()
        reducer = umap.UMAP(
            n_components=dims,
            n_neighbors=min(self.params.n_neighbors, n - 1),
            min_dist=0.0,
            metric="cosine",
            random_state=self.params.seed,
            low_memory=True,
            n_jobs=1,
        )
        return reducer.fit_transform(embeddings)

    def _set_prototypes(self, centroids: np.ndarray, members: list, parents: np.ndarray) -> None:
        """Keep every fine group's centroid as a prototype of its theme (ids 0..k-1 in order of
        each theme's first member, so numbering is deterministic before renumbering by size)."""
        first: dict[int, int] = {}
        for group, parent in enumerate(parents.tolist()):
            first[parent] = min(first.get(parent, 1 << 62), int(members[group][0]))
        order = sorted(first, key=first.get)
        new_id = {old: new for new, old in enumerate(order)}
        self.prototypes = centroids.astype(np.float32)
        self.prototype_theme = np.asarray([new_id[p] for p in parents.tolist()], dtype=np.int64)
        self.theme_ids = list(range(len(order)))

    # ---------------------------------------------------------------- persistence
    def save(self, directory: str | Path) -> None:
        """Write ``theme_model.json`` + ``prototypes.npy`` (no pickle; loads across versions)."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        np.save(directory / "prototypes.npy", self.prototypes, allow_pickle=False)
        meta = {
            "format_version": FORMAT_VERSION,
            "embedder": self.embedder,
            "params": asdict(self.params),
            "theme_ids": self.theme_ids,
            "prototype_theme": self.prototype_theme.tolist(),
        }
        (directory / MODEL_FILE).write_text(json.dumps(meta, indent=2), encoding="utf-8")

    @classmethod
    def load(cls, directory: str | Path) -> ThemeModel:
        directory = Path(directory)
        path = directory / MODEL_FILE
        if not path.exists():
            raise TextmineError(f"{directory}: no {MODEL_FILE}; is this a saved theme model?")
        meta = json.loads(path.read_text(encoding="utf-8"))
        if meta.get("format_version", 0) > FORMAT_VERSION:
            raise TextmineError(
                f"{path}: saved by a newer textmine (format {meta['format_version']})"
            )
        return cls(
            params=_known_params(meta["params"]),
            embedder=meta["embedder"],
            prototypes=np.load(directory / "prototypes.npy", allow_pickle=False),
            prototype_theme=np.asarray(meta["prototype_theme"], dtype=np.int64),
            theme_ids=list(meta["theme_ids"]),
        )


def _import_umap():
    """Import umap with numba's on-disk cache switched on for its compiled functions.

    umap-learn compiles ~40 s of numba code in every new process and caches almost none of it;
    importing it while ``njit``/``jit`` default to ``cache=True`` pays that once per machine
    (the cache lives in ``<textmine cache>/numba``), after which a fit starts in seconds.
    """
    if "umap" in sys.modules:
        return sys.modules["umap"]
    os.environ.setdefault("NUMBA_CACHE_DIR", str(default_cache_dir() / "numba"))
    import numba

    numba.config.CACHE_DIR = os.environ["NUMBA_CACHE_DIR"]
    original = numba.njit, numba.jit

    def cached(decorator):
        def wrapper(*args, **kwargs):
            kwargs.setdefault("cache", True)
            return decorator(*args, **kwargs)

        return wrapper

    numba.njit, numba.jit = cached(original[0]), cached(original[1])
    try:
        import umap
    finally:
        numba.njit, numba.jit = original
    return umap


def _known_params(saved: dict) -> ThemeParams:
    """Params of a saved model; settings this version no longer has are ignored (they only
    shaped discovery, while prediction needs just the prototypes and the threshold)."""
    known = {f.name for f in fields(ThemeParams)}
    return ThemeParams(**{k: v for k, v in saved.items() if k in known})


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


def _group_centroids(embeddings: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, list]:
    ids = sorted(set(labels.tolist()) - {UNCLASSIFIED})
    members = [np.flatnonzero(labels == i) for i in ids]
    centroids = np.vstack([_normalise(embeddings[m].mean(axis=0)) for m in members])
    return centroids, members


def _merge_similar(
    centroids: np.ndarray, members: list, threshold: float
) -> tuple[np.ndarray, list]:
    """Greedily merge the most similar pair of themes until none is above ``threshold``."""
    centroids, members = centroids.copy(), list(members)
    while len(members) > 1:
        sims = centroids @ centroids.T
        np.fill_diagonal(sims, -np.inf)
        i, j = np.unravel_index(np.argmax(sims), sims.shape)
        if sims[i, j] < threshold:
            break
        i, j = min(i, j), max(i, j)
        size_i, size_j = len(members[i]), len(members[j])
        merged = _normalise(centroids[i] * size_i + centroids[j] * size_j)
        members[i] = np.sort(np.concatenate([members[i], members[j]]))
        centroids[i] = merged
        centroids = np.delete(centroids, j, axis=0)
        del members[j]
    return centroids, members


def _cut_tree(
    centroids: np.ndarray,
    members: list,
    embeddings: np.ndarray,
    window: tuple[int, int],
    seed: int,
    sample: int = 3000,
) -> np.ndarray:
    """Theme of each fine group: cut the average-linkage tree of group centroids at the number
    of themes (within ``window``) with the best silhouette of the grouped points (cosine)."""
    n_groups = len(members)
    low, high = max(2, window[0]), min(n_groups, window[1])
    if n_groups <= low:
        return np.arange(n_groups)
    from sklearn.metrics import silhouette_score

    point_group = np.concatenate([np.full(len(m), g) for g, m in enumerate(members)])
    points = np.concatenate(members)
    if len(points) > sample:
        keep = np.sort(np.random.default_rng(seed).choice(len(points), sample, replace=False))
        points, point_group = points[keep], point_group[keep]
    distances = np.clip(1.0 - embeddings[points] @ embeddings[points].T, 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    best_score, best_cut = -np.inf, np.arange(n_groups)
    for k in range(low, high + 1):
        cut = _cut_at(centroids, k)
        labels = cut[point_group]
        if len(set(labels.tolist())) < 2:
            continue
        score = silhouette_score(distances, labels, metric="precomputed")
        if score > best_score + 1e-9:
            best_score, best_cut = score, cut
    return np.asarray(best_cut, dtype=np.int64)


def _cut_at(centroids: np.ndarray, k: int) -> np.ndarray:
    """Group index -> theme index when the average-linkage tree is cut into ``k`` themes."""
    from scipy.cluster.hierarchy import fcluster, linkage

    if len(centroids) <= k:
        return np.arange(len(centroids))
    tree = linkage(centroids, method="average", metric="cosine")
    return fcluster(tree, t=k, criterion="maxclust").astype(np.int64) - 1
