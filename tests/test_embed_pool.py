import functools

import numpy as np

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
