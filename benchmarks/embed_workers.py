"""Embedding wall and CPU time with 1, 2, ... worker processes (textmine.embed_pool).

    python benchmarks/embed_workers.py RUN_DIR/segments.parquet 1 2

Embeds the segments of a finished run (text + detected language) with the default
`multilingual` embedder, without the cache, once per worker count, and checks that every
count gives the same vectors. CPU seconds include the workers'.
"""

from __future__ import annotations

import functools
import sys
import time

import numpy as np
import pandas as pd

from textmine.embed import build_embedder
from textmine.embed_pool import PooledEmbedder, worker_cpu_seconds


def main() -> None:
    segments = pd.read_parquet(sys.argv[1], columns=["text", "language"])
    texts, languages = segments["text"].tolist(), segments["language"].tolist()
    print(f"{len(texts):,} segments; languages: {segments['language'].value_counts().to_dict()}")
    reference = None
    for workers in (int(arg) for arg in sys.argv[2:]):
        build = functools.partial(build_embedder, "multilingual")
        embedder = PooledEmbedder(build(), build, workers)
        cpu, wall = time.process_time() + worker_cpu_seconds(), time.perf_counter()
        vectors = embedder.encode(texts, languages)
        wall, cpu = time.perf_counter() - wall, time.process_time() + worker_cpu_seconds() - cpu
        embedder.close()
        same = reference is None or np.array_equal(vectors, reference)
        reference = vectors if reference is None else reference
        print(f"{workers} workers: {wall:.1f} s wall, {cpu:.1f} CPU s, same vectors: {same}")


if __name__ == "__main__":
    main()
