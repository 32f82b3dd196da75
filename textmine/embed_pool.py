"""Embedding on several cores: a pool of worker processes, each with its own model.

The built-in encoders run single-threaded (USE multiplies micro-batches too small for BLAS
threads to pay off; docs/scaling.md), so on a machine with several cores the embedding stage,
the largest of a cold run, uses one of them. :class:`PooledEmbedder` splits the texts into
fixed chunks and embeds them in worker processes. The chunks are the same whether one
process or eight do the work, and each chunk is one ``encode`` call, so the vectors are
identical for any number of workers (batch composition shifts vectors by ~1e-7, which is
enough to move a UMAP layout).

The workers are fresh interpreters started by loky (joblib's executor, which scikit-learn
already installs), not forks: a forked child of a process that has run OpenMP code
(scikit-learn's k-means, e5's engine) can deadlock, and ``multiprocessing``'s spawn re-runs
the caller's script in each worker unless it has an ``if __name__ == "__main__":`` guard.
"""

from __future__ import annotations

import os
import time
import weakref
from collections.abc import Callable, Iterator, Sequence

import numpy as np
from joblib.externals.loky import ProcessPoolExecutor

from textmine.embed import Embedder

CHUNK = 1024  # texts per task: a multiple of the encoders' own batch sizes (256, 128)
# Fewer new texts are embedded in-process unless the pool already runs: starting a worker (a
# fresh interpreter that imports textmine and loads its model) costs a few seconds.
MIN_PARALLEL = 4 * CHUNK


def available_cores() -> int:
    """Cores this process may run on (respects CPU affinity, e.g. in containers and CI)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def resolve_workers(workers: int | str) -> int:
    """``auto`` = one worker per available core, at most 8 (each holds a model, ~0.3 GB)."""
    if workers == "auto":
        return max(1, min(8, available_cores()))
    return max(1, int(workers))


_WORKER_EMBEDDER: Embedder | None = None


def _start_worker(build: Callable[[], Embedder], workers: int) -> None:
    global _WORKER_EMBEDDER
    _WORKER_EMBEDDER = build()
    if hasattr(_WORKER_EMBEDDER, "threads"):  # e5's thread pool: share the cores, not each
        _WORKER_EMBEDDER.threads = max(1, available_cores() // workers)


_WORKER_CPU_SECONDS = [0.0]  # CPU time the workers spent on this process's chunks


def worker_cpu_seconds() -> float:
    """CPU seconds the embedding workers have spent for this process so far: the profile and
    the benchmarks add it to the process's own CPU time, which does not see the workers."""
    return _WORKER_CPU_SECONDS[0]


_WORKER_CPU_REPORTED = [0.0]  # in a worker: its CPU seconds already sent back


def _encode_in_worker(texts: list[str], languages: list[str] | None) -> tuple[np.ndarray, float]:
    """Vectors of one chunk, and the worker's CPU seconds since its last answer: the first
    answer includes the worker's start-up (interpreter, imports, model), which is part of
    what the pool costs."""
    assert _WORKER_EMBEDDER is not None, "worker started without an embedder"
    vectors = _WORKER_EMBEDDER.encode(texts, languages)
    spent = time.process_time()
    cpu, _WORKER_CPU_REPORTED[0] = spent - _WORKER_CPU_REPORTED[0], spent
    return vectors, cpu


class PooledEmbedder:
    """Wraps an embedder; large ``encode`` calls run in ``workers`` processes.

    ``build`` makes the same embedder in a worker; it must be picklable (a module-level
    function or a ``functools.partial`` of one). The pool starts on the first call with at
    least ``MIN_PARALLEL`` texts, then serves every call, and stops with this object or at exit.
    """

    def __init__(self, inner: Embedder, build: Callable[[], Embedder], workers: int) -> None:
        self.inner = inner
        self.build = build
        self.workers = workers
        self.name = inner.name
        self.dim = inner.dim
        self.language_aware = bool(getattr(inner, "language_aware", False))
        fingerprint = getattr(inner, "fingerprint", None)
        if fingerprint:
            self.fingerprint = fingerprint
        self._pool: ProcessPoolExecutor | None = None

    def encode(self, texts: Sequence[str], languages: Sequence[str] | None = None) -> np.ndarray:
        if len(texts) == 0:
            return self.inner.encode([], [])
        chunks = list(_chunks(list(texts), list(languages) if languages is not None else None))
        if self.workers > 1 and (self._pool is not None or len(texts) >= MIN_PARALLEL):
            parts = []
            for vectors, cpu in self._executor().map(_encode_in_worker, *zip(*chunks, strict=True)):
                parts.append(vectors)
                _WORKER_CPU_SECONDS[0] += cpu
        else:
            parts = [self.inner.encode(t, lang) for t, lang in chunks]
        return np.vstack(parts).astype(np.float32, copy=False)

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                initializer=_start_worker,
                initargs=(self.build, self.workers),
            )
            weakref.finalize(self, self._pool.shutdown, wait=False, kill_workers=True)
        return self._pool

    def close(self) -> None:
        """Stop the worker processes (they also stop when this object is collected)."""
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None


def _chunks(
    texts: list[str], languages: list[str] | None
) -> Iterator[tuple[list[str], list[str] | None]]:
    for start in range(0, len(texts), CHUNK):
        end = start + CHUNK
        yield texts[start:end], (languages[start:end] if languages is not None else None)
