"""Keyword scoring: class-based TF-IDF over a run's tokens, and a KeyBERT-style re-ranking of a
theme's top candidates by how close each word's embedding is to the theme's centroid.

c-TF-IDF alone over-rewards words of small themes that a few segments happen to share ("way /
decision / die"); the embedding brings in the meaning of the whole theme, every language's
segments included, at the cost of embedding each candidate word once (cached like any text).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from textmine.embed import Embedder

# Weight of the c-TF-IDF rank against the similarity rank when candidates are re-ranked
# (docs/benchmarks.md, "Theme labels"): 0.7 beat 0.3, 0.5, 0.6 and pure similarity (0.0).
RERANK_WEIGHT = 0.7
# Candidates re-ranked per label: the c-TF-IDF top 8 (10 gave the same hit rates and costs a
# quarter more word embeddings: Swedish and Danish words go through e5 at ~20 ms each).
RERANK_CANDIDATES = 8


@dataclass(frozen=True)
class TermCounts:
    """Sparse document x term counts of a run's tokens, built once and shared by every c-TF-IDF
    of it (pooled, per language, themes and sub-themes): 2-5x faster than a Counter per class."""

    matrix: sparse.csr_matrix
    terms: np.ndarray  # term of each column
    rank: np.ndarray  # alphabetical rank of each term, to break ties


def term_counts(tokens: Sequence[list[str]]) -> TermCounts:
    """One row per document, one column per distinct term (columns in order of first use)."""
    vocabulary: dict[str, int] = {}
    indptr, indices = [0], []
    for doc in tokens:
        indices.extend(vocabulary.setdefault(term, len(vocabulary)) for term in doc)
        indptr.append(len(indices))
    matrix = sparse.csr_matrix(
        (np.ones(len(indices)), indices, indptr), shape=(len(tokens), len(vocabulary))
    )
    matrix.sum_duplicates()
    terms = np.array(list(vocabulary), dtype=object)
    rank = np.empty(len(terms), dtype=np.int64)
    rank[np.argsort(terms, kind="stable")] = np.arange(len(terms))
    return TermCounts(matrix, terms, rank)


def class_tfidf(tokens: Sequence[list[str]], classes: Sequence[int], top_n: int = 10) -> dict:
    """BERTopic-style c-TF-IDF: tf(t, c) / |c| * log(1 + A / f(t)); top terms per class.

    A is the average number of tokens per class and f(t) the term's frequency over all classes.
    Ties are broken alphabetically so keywords are deterministic.
    """
    counts = term_counts(tokens)
    return class_tfidf_of(counts, counts.matrix, np.asarray(classes), top_n)


def class_tfidf_of(counts: TermCounts, docs: sparse.csr_matrix, classes: np.ndarray, top_n: int):
    """:func:`class_tfidf` of the rows ``docs`` of ``counts.matrix``."""
    labels, inverse = np.unique(classes, return_inverse=True)
    member = sparse.csr_matrix(
        (np.ones(len(classes)), (inverse, np.arange(len(classes)))),
        shape=(len(labels), len(classes)),
    )
    per_class = (member @ docs).tocsr()
    per_class.sort_indices()
    total = np.asarray(per_class.sum(axis=0)).ravel()
    if not total.any():
        return {int(cls): [] for cls in labels}
    idf = np.log1p(total.sum() / max(1, len(labels)) / np.where(total > 0, total, 1.0))
    result = {}
    for row, cls in enumerate(labels):
        span = slice(per_class.indptr[row], per_class.indptr[row + 1])
        terms, n = per_class.indices[span], per_class.data[span]
        scores = (n / (n.sum() or 1)) * idf[terms]
        best = np.lexsort((counts.rank[terms], -scores))[:top_n]
        result[int(cls)] = [(counts.terms[terms[i]], float(scores[i])) for i in best]
    return result


def rerank(
    candidates: dict[int, tuple[str, list[str]]],
    centroids: dict[int, np.ndarray],
    embedder: Embedder,
    weight: float = RERANK_WEIGHT,
    n_candidates: int = RERANK_CANDIDATES,
) -> dict[int, list[str]]:
    """Each theme's (language, words), best first, with the first ``n_candidates`` re-ordered
    by ``weight`` x their c-TF-IDF rank + (1 - ``weight``) x their rank by cosine to the
    theme's centroid (ties: c-TF-IDF order); the rest stay behind them as they were. Ranks,
    not scores, are blended: cosines of single words sit in a narrow band.

    All words are embedded in one call, each (word, language) once, in sorted order."""
    heads = {
        theme: (lang, list(words[:n_candidates])) for theme, (lang, words) in candidates.items()
    }
    pairs = sorted({(lang, w) for lang, words in heads.values() for w in words})
    vectors = embedder.encode([w for _, w in pairs], [lang for lang, _ in pairs]) if pairs else None
    row = {pair: i for i, pair in enumerate(pairs)}
    out = {}
    for theme, (lang, words) in heads.items():
        if words:
            similarity = _cosine(vectors[[row[(lang, w)] for w in words]], centroids[theme])
            own = np.arange(len(words))
            by_similarity = np.empty(len(words))
            by_similarity[np.argsort(-similarity, kind="stable")] = own
            words = [
                words[i] for i in np.lexsort((own, weight * own + (1 - weight) * by_similarity))
            ]
        out[theme] = words + list(candidates[theme][1][n_candidates:])
    return out


def _cosine(vectors: np.ndarray, target: np.ndarray) -> np.ndarray:
    norms = np.maximum(np.linalg.norm(vectors, axis=1), 1e-12) * (np.linalg.norm(target) or 1.0)
    return vectors @ target / norms
