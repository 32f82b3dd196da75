"""Cold-start cost of single stages, each in a fresh process: theme fit, keyword tokens, language
detection. Inputs come from a finished run (``scale.py`` child or ``textmine analyze``): its
``segments.parquet`` and the embedding cache it filled, so no stage pays for embedding.

    NUMBA_CACHE_DIR=... python benchmarks/cold_stages.py fit RUN_DIR CACHE_DIR
    python benchmarks/cold_stages.py tokens RUN_DIR
    python benchmarks/cold_stages.py language FILE.csv

Prints wall and CPU seconds (user + system, all threads) of the stage, start-up included
(imports, models, numba cache loads), and a digest of its output to compare code versions.
"""

from __future__ import annotations

import hashlib
import json
import resource
import sys
import time
from pathlib import Path


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _digest(value) -> str:
    return hashlib.sha256(json.dumps(value).encode()).hexdigest()[:12]


def fit(run_dir: str, cache_dir: str) -> dict:
    import numpy as np
    import pandas as pd

    from textmine.embed import EmbeddingCache, text_key
    from textmine.themes import ThemeModel, ThemeParams

    segments = pd.read_parquet(f"{run_dir}/segments.parquet")
    cache = EmbeddingCache(cache_dir)
    name = json.loads(Path(run_dir, "run.json").read_text())["embedder"]
    keys = [text_key(t, lang) for t, lang in zip(segments.text, segments.language, strict=True)]
    found = cache.get_many(name, list(dict.fromkeys(keys)), 512)
    vectors = np.vstack([found[k] for k in keys])
    start, cpu = time.perf_counter(), _cpu()
    model = ThemeModel(ThemeParams(seed=42))
    ids = model.fit(vectors, languages=segments.language.tolist(), texts=segments.text.tolist())
    return {
        "stage_wall": time.perf_counter() - start,
        "stage_cpu": _cpu() - cpu,
        "themes": len(model.themes),
        "digest": _digest(ids.tolist()),
    }


def tokens(run_dir: str) -> dict:
    import pandas as pd

    from textmine.label import segment_tokens

    segments = pd.read_parquet(f"{run_dir}/segments.parquet")
    start, cpu = time.perf_counter(), _cpu()
    out = segment_tokens(segments)
    return {
        "stage_wall": time.perf_counter() - start,
        "stage_cpu": _cpu() - cpu,
        "tokens": sum(map(len, out)),
        "digest": _digest(out),
    }


def language(file: str) -> dict:
    import pandas as pd

    from textmine.config import Config
    from textmine.language import make_detector

    texts = pd.read_csv(file)["text"].dropna().astype(str).tolist()
    settings = Config().language
    start, cpu = time.perf_counter(), _cpu()
    out = make_detector(settings.backend, settings.min_chars, tuple(settings.allowed)).detect(texts)
    return {
        "stage_wall": time.perf_counter() - start,
        "stage_cpu": _cpu() - cpu,
        "digest": _digest(out),
    }


if __name__ == "__main__":
    stage, *args = sys.argv[1:]
    row = {"fit": fit, "tokens": tokens, "language": language}[stage](*args)
    row |= {
        "process_cpu": _cpu(),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    print(json.dumps({k: round(v, 2) if isinstance(v, float) else v for k, v in row.items()}))
