"""Metrics for the embedder evaluation (all inputs are L2-normalised rows)."""

from __future__ import annotations

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import normalized_mutual_info_score

SEEDS = (0, 1, 2, 3, 4)


def retrieval_top1(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Top-1 accuracy a->b and b->a where row i of a and b are translations."""
    s = a @ b.T
    gold = np.arange(len(a))
    return float((s.argmax(1) == gold).mean()), float((s.argmax(0) == gold).mean())


def _km(x: np.ndarray, k: int, seed: int) -> np.ndarray:
    return KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(x)


def nmi(x: np.ndarray, labels: list[str], seeds: tuple[int, ...] = SEEDS) -> float:
    """Mean NMI of k-means (k = #gold intents) against the gold intents."""
    k = len(set(labels))
    return float(np.mean([normalized_mutual_info_score(labels, _km(x, k, s)) for s in seeds]))


def cross_same_cluster(
    en: np.ndarray, other: np.ndarray, k: int, seeds: tuple[int, ...] = SEEDS
) -> float:
    """Share of parallel pairs (row i of en, row i of other) that k-means on the
    union puts into the same cluster (mean over seeds)."""
    n = len(en)
    u = np.vstack([en, other])
    return float(np.mean([(lambda c: (c[:n] == c[n:]).mean())(_km(u, k, s)) for s in seeds]))


def union_nmi(
    en: np.ndarray, other: np.ndarray, labels: list[str], seeds: tuple[int, ...] = SEEDS
) -> float:
    """NMI vs gold intent of k-means on the en+other union (themes across languages)."""
    return nmi(np.vstack([en, other]), list(labels) + list(labels), seeds)
