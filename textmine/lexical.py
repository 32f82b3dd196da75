"""Character n-grams that sharpen theme discovery on data in (mostly) one language.

Sentence encoders blur the domain words that tell themes apart (banking77's "top up" vs
"transfer", MASSIVE's "Wecker" vs "Timer"), while segments about one thing share those words.
``ThemeModel.fit`` therefore joins each (centred) segment vector with a weighted LSA vector of
its character n-grams before UMAP and the micro-clusters. Prototypes and every assignment stay
in the embedding space, so ``predict``, ``apply`` and saved models need no text.

Character n-grams inside word boundaries (3-5 characters) need no tokenizer and catch German
compounds, Turkish suffixes and Chinese alike. Across languages they share nothing, so with
several large languages they would pull each language into its own themes (the mixed benchmark
set: translations in one theme 85% -> 76%). The weight therefore fades from its full value when
one language holds 90% of the segments to nothing at 60%; segments too short to detect (``und``)
do not count. Measured on development data in docs/benchmarks.md ("Lexical sharpening").
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

LEXICAL_WEIGHT = 0.3  # of the n-gram block against the unit embedding (0.5 over-split coarse sets)
FULL_SHARE, NO_SHARE = 0.9, 0.6  # main language's share where the weight is full / zero
N_COMPONENTS = 100
NGRAMS = (3, 5)


def lexical_weight(languages: Sequence[str], weight: float = LEXICAL_WEIGHT) -> float:
    """``weight`` scaled by how much of the data is in its main language (``und`` ignored)."""
    known = [code for code in languages if code != "und"]
    if not known:
        return weight
    _, counts = np.unique(np.asarray(known, dtype=str), return_counts=True)
    share = counts.max() / len(known)
    return float(weight * np.clip((share - NO_SHARE) / (FULL_SHARE - NO_SHARE), 0.0, 1.0))


def resolve_weight(setting: float | str, languages: Sequence[str]) -> float:
    """The weight a fit uses: ``setting`` itself, or for ``"auto"`` :func:`lexical_weight`."""
    return lexical_weight(languages) if setting == "auto" else float(setting)


def lexical_vectors(texts: Sequence[str], seed: int) -> np.ndarray:
    """Unit LSA vectors (at most ``N_COMPONENTS`` wide) of each text's character n-grams:
    sublinear TF-IDF over n-grams found in at least two texts, then a seeded truncated SVD.
    All zeros when the texts share no n-gram (too few or too short)."""
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(
        analyzer="char_wb", ngram_range=NGRAMS, sublinear_tf=True, min_df=2, dtype=np.float32
    )
    try:
        counts = vectorizer.fit_transform([str(text) for text in texts])
    except ValueError:  # empty vocabulary: nothing is shared
        return np.zeros((len(texts), 1), dtype=np.float32)
    width = min(N_COMPONENTS, counts.shape[1] - 1, len(texts) - 1)
    if width < 1:
        return np.zeros((len(texts), 1), dtype=np.float32)
    with np.errstate(divide="ignore", invalid="ignore"):  # identical texts: no variance to explain
        lsa = TruncatedSVD(width, random_state=seed).fit_transform(counts)
    norms = np.linalg.norm(lsa, axis=1, keepdims=True)
    return (lsa / np.where(norms == 0, 1.0, norms)).astype(np.float32)


def discovery_space(x: np.ndarray, texts: Sequence[str], weight: float, seed: int) -> np.ndarray:
    """Unit rows of ``[x, weight * n-gram LSA]``: the space themes are discovered in."""
    if weight <= 0 or len(x) == 0:
        return x
    joined = np.hstack([x, weight * lexical_vectors(texts, seed)])
    norms = np.linalg.norm(joined, axis=1, keepdims=True)
    return (joined / np.where(norms == 0, 1.0, norms)).astype(np.float32)
