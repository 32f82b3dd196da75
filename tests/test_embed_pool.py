import functools
import subprocess
import sys

import numpy as np
import pytest

from textmine.embed import CachedEmbedder, EmbeddingCache, HashingEmbedder, build_embedder
from textmine.embed_pool import (
    CHUNK,
    MIN_PARALLEL,
    PooledEmbedder,
    resolve_workers,
    worker_cpu_seconds,
)


def _texts(n: int) -> list[str]:
    words = ["late", "delivery", "friendly", "support", "refund", "app", "crash", "price"]
    return [f"{words[i % 8]} {words[(i * 3) % 8]} order {i}" for i in range(n)]


def test_worker_processes_give_the_same_vectors_as_one_process(tmp_path):
    texts = _texts(MIN_PARALLEL + CHUNK // 2)  # large enough for the pool, a partial last chunk
    build = functools.partial(build_embedder, "hashing")
    pooled = PooledEmbedder(HashingEmbedder(), build, workers=2)
    try:
        cpu_before = worker_cpu_seconds()
        parallel = pooled.encode(texts)
        assert pooled._pool is not None  # the work really went to worker processes
        assert worker_cpu_seconds() > cpu_before  # and the profile sees their CPU time
    finally:
        pooled.close()
    serial = PooledEmbedder(HashingEmbedder(), build, workers=1).encode(texts)
    assert parallel.shape == (len(texts), 512) and parallel.dtype == np.float32
    assert np.array_equal(parallel, serial)
    assert np.array_equal(serial, HashingEmbedder().encode(texts))
    # behind the cache, the pooled embedder shares the plain embedder's cache entries
    cached = CachedEmbedder(PooledEmbedder(HashingEmbedder(), build, 1), EmbeddingCache(tmp_path))
    assert (
        cached.cache_model
        == CachedEmbedder(HashingEmbedder(), EmbeddingCache(tmp_path)).cache_model
    )


def test_small_calls_stay_in_process():
    pooled = PooledEmbedder(HashingEmbedder(), functools.partial(build_embedder, "hashing"), 4)
    vectors = pooled.encode(_texts(10))
    assert vectors.shape == (10, 512) and pooled._pool is None
    assert pooled.encode([]).shape == (0, 512)


def test_worker_count():
    assert resolve_workers(3) == 3 and resolve_workers(0) == 1
    assert 1 <= resolve_workers("auto") <= 8


SCRIPT_WITHOUT_MAIN_GUARD = """
import functools, numpy as np
from sklearn.cluster import KMeans
from textmine.embed import build_embedder
from textmine.embed_pool import MIN_PARALLEL, PooledEmbedder
print("top level ran", flush=True)
KMeans(3, n_init=2, random_state=0).fit(np.random.default_rng(0).random((3000, 5)))  # OpenMP
texts = [f"Leveransen kom {i} dagar för sent" for i in range(MIN_PARALLEL)]
pooled = PooledEmbedder(build_embedder("multilingual"),
                        functools.partial(build_embedder, "multilingual"), workers=2)
vectors = pooled.encode(texts, ["sv"] * len(texts))
serial = build_embedder("multilingual").encode(texts[:8], ["sv"] * 8)
print("ok", vectors.shape, float(np.abs(vectors[:8] - serial).max()), flush=True)
"""


@pytest.mark.slow
def test_pool_runs_from_an_unguarded_script_after_openmp(tmp_path):
    """Workers are fresh interpreters: a script without a main guard runs once, and a parent
    that already ran OpenMP code (k-means) does not hang its workers (e5 uses OpenMP)."""
    script = tmp_path / "analysis.py"
    script.write_text(SCRIPT_WITHOUT_MAIN_GUARD)
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=600, check=True
    )
    lines = done.stdout.splitlines()
    assert lines.count("top level ran") == 1
    shape, gap = lines[-1].removeprefix("ok ").rsplit(" ", 1)
    assert shape == f"({MIN_PARALLEL}, 512)"
    assert float(gap) < 1e-5  # the routed Swedish vectors are the in-process ones
