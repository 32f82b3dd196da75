"""ThemeModel: themes and sub-themes as prototype vectors; fit, predict, save, load.

``fit`` reduces the embeddings (joined with the texts' character n-grams on one-language data, see
:mod:`textmine.lexical`) with seeded UMAP, cuts them into micro-clusters, builds a Ward
tree over those and cuts it twice: into themes (the most themes whose silhouette is within
0.015 of the best, in a window that grows with sqrt(n)) and sub-themes (about three per theme).
Every micro-cluster's centroid in the *original* embedding space (lone segments excepted)
becomes a prototype of its sub-theme. A segment gets the sub-theme (and so the theme) of its
most similar prototype, or is unclassified when even that is less similar than
``outlier_threshold``. ``fit`` returns exactly what ``predict`` gives on the training data, a
saved model is JSON + one .npy, and a new wave keeps the theme ids.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from textmine import hierarchy as H
from textmine import lexical as L
from textmine import model_files
from textmine import space as S
from textmine.codebook import Seeds
from textmine.errors import TextmineError
from textmine.schema import UNCLASSIFIED

MIN_LANGUAGE_SEGMENTS = 20  # a language needs this many segments for its own mean
MIN_PROTOTYPE_SEGMENTS = 2  # a prototype stands for a group; a lone segment is not one


@dataclass
class ThemeParams:
    min_theme_size: int | str = "auto"
    n_themes: int | str = "auto"
    max_themes: int = 80
    subthemes_per_theme: int = 3
    reducer: str = "umap"
    n_components: int = 5
    n_neighbors: int = 15
    max_micro: int = 500
    outlier_threshold: float | str = "auto"
    outlier_quantile: float = 0.01
    guided_threshold: float = 0.7
    center_languages: bool = True
    lexical_weight: float | str = "auto"
    seed: int = 42


class Assignment(NamedTuple):
    """Per row: theme id, cosine similarity to the nearest prototype, sub-theme id."""

    theme_id: np.ndarray
    similarity: np.ndarray
    sub_theme_id: np.ndarray


@dataclass
class ThemeModel:
    """Themes as prototype vectors. ``fit`` discovers them; ``predict`` assigns new text.

    ``themes`` maps theme id -> {label, keywords, source, description, named}; ``subthemes``
    maps sub-theme id -> {theme_id, label, keywords}. Labels are filled in by the pipeline
    (see :mod:`textmine.label`) and saved with the model, so a new wave keeps its names.
    """

    params: ThemeParams = field(default_factory=ThemeParams)
    embedder: str = ""
    prototypes: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))
    prototype_subtheme: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    themes: dict[int, dict[str, Any]] = field(default_factory=dict)
    subthemes: dict[int, dict[str, Any]] = field(default_factory=dict)
    threshold: float = -1.0
    language_means: dict[str, np.ndarray] = field(default_factory=dict)
    lexical_weight: float = 0.0  # of the n-gram block in the last fit (0: embeddings alone)

    @property
    def theme_ids(self) -> list[int]:
        return sorted(self.themes)

    @property
    def prototype_theme(self) -> np.ndarray:
        """Theme of each prototype (-1 for dropped themes)."""
        if len(self.prototype_subtheme) == 0:
            return np.zeros(0, dtype=np.int64)
        return self._subtheme_parent()[self.prototype_subtheme]

    # ---------------------------------------------------------------- fit / predict
    def fit(
        self,
        embeddings: np.ndarray,
        embedder: str = "",
        seeds: Seeds | None = None,
        languages: Sequence[str] | None = None,
        texts: Sequence[str] | None = None,
    ) -> np.ndarray:
        """Discover themes in ``embeddings`` (unit rows); returns a theme id per row.

        With ``seeds`` (a codebook), micro-clusters whose centroid is at least
        ``guided_threshold`` similar to a seed join that codebook theme; the others are
        clustered into discovered themes, numbered after the codebook's. ``languages`` (one code
        per row) switches on per-language centring for multilingual data (see ``_centre``);
        ``texts`` (the segments' text) adds their character n-grams to the space themes are
        discovered in (see :mod:`textmine.lexical`), not to the one they are assigned in.
        """
        self.embedder = embedder or self.embedder
        self.threshold, self.lexical_weight = -1.0, 0.0
        x = np.asarray(embeddings, dtype=np.float32)
        self.language_means = {}
        if self.params.center_languages and languages is not None:
            self.language_means = S.language_means(x, list(languages), MIN_LANGUAGE_SEGMENTS)
        x = self._centre(x, languages)
        if seeds is not None and self.language_means:
            seeds = replace(seeds, vectors=self._centre(seeds.vectors, None))
        if len(x) == 0:
            self.prototypes, self.themes, self.subthemes = np.zeros((0, x.shape[-1])), {}, {}
            return np.zeros(0, dtype=np.int64)
        micro, reduced = self._micro(self._discovery_space(x, languages, texts))
        protos = H.normalise(
            np.vstack([x[micro == i].mean(axis=0) for i in range(micro.max() + 1)])
        )
        weights = np.bincount(micro).astype(np.float64)
        centres = np.vstack([reduced[micro == i].mean(axis=0) for i in range(len(weights))])
        guided = _guided(protos, seeds, self.params.guided_threshold)
        n_seeds = 0 if seeds is None else len(seeds.names)
        p, min_size = self.params, self.min_size(len(x))
        n_themes = None if p.n_themes == "auto" else int(p.n_themes)
        theme = H.cut_themes(
            reduced,
            micro,
            centres,
            weights,
            guided,
            n_seeds,
            n_themes,
            p.max_themes,
            min_size,
            p.seed,
        )
        sub = H.cut_subthemes(centres, weights, theme, p.subthemes_per_theme, min_size)
        self._set_prototypes(protos, weights, theme, sub, seeds)
        self._number(x, seeds)
        self.threshold = self._resolve_threshold(x)
        return self._assign(x).theme_id

    def predict(self, embeddings: np.ndarray, languages: Sequence[str] | None = None) -> Assignment:
        """Nearest prototype of each row -> (theme id, similarity, sub-theme id).

        Pass the rows' ``languages`` when the model was fitted with them, so each row is
        centred with its language's training mean."""
        return self._assign(self._centre(np.asarray(embeddings, dtype=np.float32), languages))

    def _centre(self, x: np.ndarray, languages: Sequence[str] | None) -> np.ndarray:
        """Subtract each row's language mean (from training) and re-normalise.

        Multilingual encoders place each language slightly apart (a constant offset per
        language); removing it makes translations land in the same theme more often
        (xSID en-de-zh: 85/93/84% -> 87/92/85%) and never changes single-language data.
        Languages unseen or rare in training use the mean of all training segments."""
        if not self.language_means or len(x) == 0:
            return x
        fallback = self.language_means["*"]
        codes = languages if languages is not None else ["*"] * len(x)
        means = np.vstack([self.language_means.get(code, fallback) for code in codes])
        return H.normalise(x - means).astype(np.float32)

    def _discovery_space(
        self, x: np.ndarray, languages: Sequence[str] | None, texts: Sequence[str] | None
    ) -> np.ndarray:
        """``x`` joined with the texts' n-gram vectors, weighted by ``lexical_weight``."""
        if texts is None:
            return x
        if len(texts) != len(x):
            raise TextmineError(f"fit: {len(texts)} texts for {len(x)} embeddings")
        self.lexical_weight = L.resolve_weight(
            self.params.lexical_weight, languages if languages is not None else []
        )
        return L.discovery_space(x, texts, self.lexical_weight, self.params.seed)

    def _assign(self, x: np.ndarray) -> Assignment:
        if len(self.prototypes) == 0 or len(x) == 0:
            empty = np.full(len(x), UNCLASSIFIED, dtype=np.int64)
            return Assignment(empty, np.zeros(len(x)), empty.copy())
        sims = x @ self.prototypes.T
        best = sims.argmax(axis=1)
        similarity = sims[np.arange(len(x)), best].astype(np.float64)
        sub = self.prototype_subtheme[best].copy()
        parent = self._subtheme_parent()
        theme = parent[sub]
        off = (similarity < self.threshold) | (theme == UNCLASSIFIED)
        theme[off], sub[off] = UNCLASSIFIED, UNCLASSIFIED
        return Assignment(theme.astype(np.int64), similarity, sub.astype(np.int64))

    def _subtheme_parent(self) -> np.ndarray:
        size = max(self.subthemes, default=-1) + 1
        parent = np.full(size, UNCLASSIFIED, dtype=np.int64)
        for sub, info in self.subthemes.items():
            parent[sub] = info["theme_id"]
        return parent

    def min_size(self, n: int) -> int:
        """Smallest theme or sub-theme, in segments: max(5, sqrt(n)/4) unless set."""
        if self.params.min_theme_size != "auto":
            return int(self.params.min_theme_size)
        return max(5, round(0.25 * math.sqrt(n)))

    # ---------------------------------------------------------------- discovery
    def _micro(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        n = len(x)
        if n < 8:
            return np.zeros(n, dtype=np.int64), np.zeros((n, 1))
        reduced = self._reduce(x)
        n_micro = min(self.params.max_micro, max(2, n // 4))
        return H.micro_clusters(reduced, n_micro, self.params.seed), reduced

    def _reduce(self, x: np.ndarray) -> np.ndarray:
        p = self.params
        return S.reduce(x, p.reducer, p.n_components, p.n_neighbors, p.seed)

    def _set_prototypes(self, protos, weights, theme, sub, seeds: Seeds | None) -> None:
        """Prototypes = centroids of micro-clusters with at least ``MIN_PROTOTYPE_SEGMENTS``
        segments, plus one seed vector per codebook theme.

        A lone segment's own vector would match it perfectly, so an outlier that k-means left
        on its own could never be unclassified; without it, that segment goes to the nearest
        real group's prototype if it is close enough, like any other segment."""
        keep = weights >= MIN_PROTOTYPE_SEGMENTS
        keep = keep if keep.any() else np.ones_like(keep)
        vectors, owners = [protos[keep]], list(sub[keep])
        parents = {int(s): int(t) for s, t in zip(sub, theme, strict=True)}
        if seeds is not None:
            for j, vector in enumerate(seeds.vectors):
                own = [s for s, t in parents.items() if t == j]
                if own:
                    owners.append(min(own))
                else:
                    parents[len(parents)] = j
                    owners.append(len(parents) - 1)
                vectors.append(vector[None, :])
        self.prototypes = np.vstack(vectors).astype(np.float32)
        self.prototype_subtheme = np.asarray(owners, dtype=np.int64)
        self.subthemes = {s: {"theme_id": t} for s, t in parents.items()}
        n_seeds = 0 if seeds is None else len(seeds.names)
        self.themes = {
            t: {"source": "codebook" if t < n_seeds else "discovered"}
            for t in sorted(set(parents.values()))
        }
        for j in range(n_seeds):
            self.themes[j] |= {
                "label": seeds.names[j],
                "description": seeds.descriptions[j],
                "named": True,
            }

    def _number(self, x: np.ndarray, seeds: Seeds | None) -> None:
        """Final ids: codebook themes keep their order; discovered themes by size (largest
        first); sub-themes by theme, then size. Ties break on the old id: deterministic."""
        n_seeds = 0 if seeds is None else len(seeds.names)
        self._drop_empty(self._assign(x), n_seeds)
        assigned = self._assign(x)
        theme_size = np.bincount(
            assigned.theme_id[assigned.theme_id >= 0], minlength=max(self.themes) + 1
        )
        order = sorted(
            self.themes, key=lambda t: (t >= n_seeds, 0 if t < n_seeds else -theme_size[t], t)
        )
        new_theme = {old: new for new, old in enumerate(order)}
        sub_size = np.bincount(
            assigned.sub_theme_id[assigned.sub_theme_id >= 0], minlength=max(self.subthemes) + 1
        )
        sub_order = sorted(
            self.subthemes,
            key=lambda s: (new_theme[self.subthemes[s]["theme_id"]], -sub_size[s], s),
        )
        new_sub = {old: new for new, old in enumerate(sub_order)}
        self.prototype_subtheme = np.asarray([new_sub[s] for s in self.prototype_subtheme.tolist()])
        self.subthemes = {
            new_sub[s]: {"theme_id": new_theme[info["theme_id"]]}
            for s, info in self.subthemes.items()
        }
        self.subthemes = dict(sorted(self.subthemes.items()))
        self.themes = {
            new_theme[t]: info
            for t, info in sorted(self.themes.items(), key=lambda i: new_theme[i[0]])
        }

    def _drop_empty(self, assigned: Assignment, n_seeds: int) -> None:
        """Forget sub-themes (and discovered themes) that no training segment ended up in:
        their prototypes never win, so removing them changes no assignment."""
        used = set(assigned.sub_theme_id.tolist())
        keep_sub = {
            s for s, info in self.subthemes.items() if s in used or info["theme_id"] < n_seeds
        }
        keep = np.isin(self.prototype_subtheme, sorted(keep_sub))
        self.prototypes, self.prototype_subtheme = (
            self.prototypes[keep],
            self.prototype_subtheme[keep],
        )
        self.subthemes = {s: i for s, i in self.subthemes.items() if s in keep_sub}
        parents = {i["theme_id"] for i in self.subthemes.values()}
        self.themes = {t: i for t, i in self.themes.items() if t in parents or t < n_seeds}

    def _resolve_threshold(self, x: np.ndarray) -> float:
        """``auto``: a training segment stays unclassified only when it is among the
        ``outlier_quantile`` (1%) least typical *and* more than three times as far (1 - cosine)
        from its nearest prototype as the median segment, so clean data loses nothing; new
        text is judged by the same yardstick, on any embedder's similarity scale."""
        if self.params.outlier_threshold != "auto":
            return float(self.params.outlier_threshold)
        self.threshold = -1.0
        similarity = self._assign(x).similarity
        if len(similarity) == 0:
            return -1.0
        far = 1.0 - 3.0 * float(np.median(1.0 - similarity))
        return min(float(np.quantile(similarity, self.params.outlier_quantile)), far)

    # ---------------------------------------------------------------- labels
    def remember_labels(self, themes: list[dict], subthemes: list[dict]) -> None:
        """Store labels and keywords computed from the data (rows with theme_id / sub_theme_id,
        label, keywords); names given by a codebook or an edit are kept."""
        for row in themes:
            info = self.themes.get(int(row["theme_id"]))
            if info is None:
                continue
            if not info.get("named"):
                info["label"] = row["label"]
            info["keywords"] = list(row["keywords"])
        for row in subthemes:
            info = self.subthemes.get(int(row["sub_theme_id"]))
            if info is not None:
                info["label"], info["keywords"] = row["label"], list(row["keywords"])

    # ---------------------------------------------------------------- persistence
    def save(self, directory: str | Path) -> None:
        """Write ``theme_model.json`` + ``prototypes.npy`` (no pickle; loads across versions)."""
        model_files.write(self, directory)

    @classmethod
    def load(cls, directory: str | Path) -> ThemeModel:
        saved = model_files.read(directory)
        return cls(**saved | {"params": _known_params(saved["params"])})


def _known_params(saved: dict) -> ThemeParams:
    """Params of a saved model; settings this version no longer has are ignored (they only
    shaped discovery, while prediction needs just the prototypes and the threshold)."""
    known = {f.name for f in fields(ThemeParams)}
    return ThemeParams(**{k: v for k, v in saved.items() if k in known})


def _guided(protos: np.ndarray, seeds: Seeds | None, threshold: float) -> np.ndarray:
    """Codebook theme (index) of each micro-cluster, or -1 when no seed is close enough."""
    out = np.full(len(protos), UNCLASSIFIED, dtype=np.int64)
    if seeds is None or len(seeds.vectors) == 0:
        return out
    sims = protos @ np.asarray(seeds.vectors, dtype=np.float32).T
    best = sims.argmax(axis=1)
    close = sims[np.arange(len(protos)), best] >= threshold
    out[close] = best[close]
    return out
