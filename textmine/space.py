"""The space themes are found in: per-language centring and UMAP (or PCA) reduction."""

from __future__ import annotations

import os
import sys
import warnings

import numpy as np

from textmine.config import default_cache_dir

_UMAP_EXACT_BELOW = 4096  # umap-learn's own switch from exact distances to neighbour descent


def language_means(x: np.ndarray, languages: list[str], min_count: int) -> dict[str, np.ndarray]:
    """Mean vector of each language with at least ``min_count`` segments, plus '*' (all
    segments); empty when fewer than two languages are that frequent (nothing to align)."""
    rows = np.asarray(languages, dtype=str)
    codes, counts = np.unique(rows, return_counts=True)
    frequent = [c for c, n in zip(codes, counts, strict=True) if n >= min_count and c != "*"]
    if len(frequent) < 2:
        return {}
    means = {code: x[rows == code].mean(axis=0) for code in frequent}
    return means | {"*": x.mean(axis=0)}


def reduce(x: np.ndarray, reducer: str, n_components: int, n_neighbors: int, seed: int):
    """Seeded UMAP (cosine, min_dist 0) to ``n_components`` dimensions; PCA when asked or
    when there are too few rows for a neighbour graph.

    UMAP starts from a PCA layout, not its default spectral one: the spectral layout comes
    from ARPACK (scipy's ``eigsh``), whose restart vectors are drawn from a random state kept
    inside the Fortran library for the whole process. On graphs with several components or
    repeated eigenvalues (duplicate answers make both common) the second fit in a process got
    flipped eigenvectors, so the same data and seed gave different themes. PCA (sign-fixed
    SVD, seeded) is reproducible and is UMAP's other documented initialisation."""
    n = len(x)
    dims = min(n_components, max(2, n - 2), x.shape[1])
    if reducer == "pca" or n <= max(dims + 2, n_neighbors):
        from sklearn.decomposition import PCA

        return PCA(n_components=dims, random_state=seed).fit_transform(x)
    umap = _import_umap()
    k = min(n_neighbors, n - 1)
    # Below 4,096 rows UMAP computes all distances through sklearn with its numba metric as a
    # Python callable, one call per pair (minutes for 3,000 rows). For unit rows the cosine
    # distance matrix is one BLAS product, and UMAP then does exactly the same. Above, UMAP
    # would search neighbours with pynndescent, whose ~20-30 s of numba code numba cannot
    # cache; the exact graph from BLAS (``cosine_knn``) costs a few seconds at 20,000 rows.
    small = n < _UMAP_EXACT_BELOW
    model = umap.UMAP(
        n_components=dims,
        n_neighbors=k,
        min_dist=0.0,
        metric="precomputed" if small else "cosine",
        random_state=seed,
        low_memory=True,
        n_jobs=1,
        init="pca",
        precomputed_knn=(None, None, None) if small else cosine_knn(x, k),
    )
    with warnings.catch_warnings():  # "no inverse_transform / transform" (we use neither)
        warnings.filterwarnings("ignore", message="using precomputed metric")
        warnings.filterwarnings("ignore", message=r"precomputed_knn\[2\]")
        return model.fit_transform(_cosine_distances(x) if small else x)


def cosine_knn(x: np.ndarray, k: int, chunk: int = 1024) -> tuple[np.ndarray, np.ndarray]:
    """Exact ``k`` nearest neighbours of every row by cosine distance, each row itself first:
    (indices int32, distances float32), the layout pynndescent gives UMAP.

    Candidates come from float32 products in chunks of ``chunk`` rows (memory ``chunk * n``);
    their distances are recomputed in float64, and ties (duplicate answers are common) go to
    the lower row index, so the graph is a function of the data alone, not of the selection
    algorithm: the theme count reacts even to which of several equal neighbours is kept."""
    unit = _unit(x)
    unit32, n = unit.astype(np.float32), len(x)
    k = min(k, n)
    indices = np.empty((n, k), dtype=np.int32)
    distances = np.empty((n, k), dtype=np.float32)
    for start in range(0, n, chunk):
        rows = np.arange(start, min(start + chunk, n))
        sims = unit32[rows] @ unit32.T
        sims[np.arange(len(rows)), rows] = np.inf  # itself first, even among duplicates
        best = _top_k(sims, unit, rows, k)
        exact = np.einsum("ij,ikj->ik", unit[rows], unit[best])
        own = best == rows[:, None]
        order = np.argsort(np.where(own, -np.inf, -exact), axis=1, kind="stable")
        indices[rows] = np.take_along_axis(best, order, axis=1)
        found = np.where(own, 1.0, exact)
        distances[rows] = np.maximum(1.0 - np.take_along_axis(found, order, axis=1), 0.0)
    return indices, distances


def _top_k(sims: np.ndarray, unit: np.ndarray, rows: np.ndarray, k: int) -> np.ndarray:
    """Columns of the ``k`` largest ``sims`` per row, sorted by index; where several columns
    tie for the last place, the most similar in float64, then the lowest index, win."""
    n = sims.shape[1]
    best = np.sort(np.argpartition(sims, n - k, axis=1)[:, n - k :], axis=1)
    kth = np.take_along_axis(sims, best, axis=1).min(axis=1)
    for i in np.flatnonzero((sims >= kth[:, None]).sum(axis=1) > k):
        tied = np.flatnonzero(sims[i] >= kth[i])
        exact = unit[tied] @ unit[rows[i]]
        exact[tied == rows[i]] = np.inf
        best[i] = np.sort(tied[np.lexsort((tied, -exact))[:k]])
    return best


def _unit(x: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1 in float64 (zero rows stay zero)."""
    rows = x.astype(np.float64)
    norms = np.sqrt(np.einsum("ij,ij->i", rows, rows))
    norms[norms == 0] = 1.0
    return rows / norms[:, None]


def _cosine_distances(x: np.ndarray) -> np.ndarray:
    """All cosine distances in float64, as UMAP's own metric computes them (same layout)."""
    rows = x.astype(np.float64)
    norms = np.sqrt(np.einsum("ij,ij->i", rows, rows))
    norms[norms == 0] = 1.0
    distances = 1.0 - (rows @ rows.T) / np.outer(norms, norms)
    np.fill_diagonal(distances, 0.0)
    return np.maximum(distances, 0.0, out=distances)


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
