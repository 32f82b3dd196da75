"""Scale benchmark: textmine end to end vs BERTopic (same embedder), wall time and peak memory.

For each size a mixed-language file is generated from the shared data (scale_data.py). Every
measurement runs in its own process, so peak RSS is that run's alone:

- textmine cold: empty embedding cache (the numba cache of UMAP is warm, as after the first run
  on a machine); read -> ... -> themes -> sentiment -> metrics -> save -> HTML report.
- textmine warm: the same file again with the cache the cold run filled.
- BERTopic: the same embedder on the responses (uncached; languages given, so it pays no
  detection), then ``BERTopic().fit_transform(docs, embeddings)`` with its defaults.

    python benchmarks/scale.py 10000 50000 --out /tmp/scale_bench.json
    python benchmarks/scale.py 200000 --skip-bertopic-embed   # BERTopic embedding extrapolated

Needs the ``bench`` extra (bertopic). Prints ratios textmine / BERTopic and the growth per size.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds() -> float:
    """CPU time of this process and its embedding workers (``progress.cpu_clock``): unlike
    wall time, it hardly moves when other jobs share the cores, so the growth curve is read
    from it."""
    from textmine.progress import cpu_clock

    return cpu_clock()


def child_textmine(file: str, out: str) -> dict:
    from textmine import Config, analyze
    from textmine.report import write_reports

    start = time.perf_counter()
    config = Config.from_dict({"report": {"formats": ["html"]}})
    result = analyze(
        file,
        config,
        text="text",
        nps="nps",
        date="date",
        id="id",
        segments=["channel"],
        profile=True,
        progress=False,
    )
    result.save(out)
    write_reports(result, out, ["html"])
    return {
        "seconds": time.perf_counter() - start,
        "cpu_seconds": _cpu_seconds(),
        "peak_mb": _peak_mb(),
        "stages": result.run["profile"],
        "segments": len(result.segments),
        "themes": int(result.run["counts"]["themes"]),
        "fit_sample": result.run.get("fit_sample"),
    }


EMBED_SAMPLE = 5_000  # documents embedded uncached when BERTopic's vectors come from the cache


def _docs(file: str) -> tuple[list[str], list[str]]:
    import pandas as pd

    frame = pd.read_csv(file).dropna(subset=["text"])  # empty answers: nothing to embed
    return frame["text"].astype(str).tolist(), frame["true_language"].tolist()


def child_bertopic_embed_sample(file: str) -> dict:
    """BERTopic's embedding time scaled from its first EMBED_SAMPLE documents (the file's rows
    are in random order, and embedding is linear in the number of documents)."""
    from textmine.embed import MultilingualEmbedder

    docs, languages = _docs(file)
    k = min(EMBED_SAMPLE, len(docs))
    embedder = MultilingualEmbedder()
    start = time.perf_counter()
    embedder.encode(docs[:k], languages[:k])
    seconds = time.perf_counter() - start
    return {"embed_sample": k, "embed_seconds_scaled": seconds * len(docs) / k}


def child_bertopic(file: str, embed: bool, cache: str | None) -> dict:
    """BERTopic on the same embedder as textmine, with the same embedding worker processes
    (``embedding.workers: auto``), so the ratio compares everything but the embedding code."""
    from textmine.embed import CachedEmbedder, EmbeddingCache, make_embedder
    from textmine.embed_pool import resolve_workers

    docs, languages = _docs(file)
    workers = resolve_workers("auto")
    embedder = make_embedder("multilingual", workers=workers)
    if not embed:  # vectors from the cache textmine filled; embedding time: a scaled sample
        embedder = CachedEmbedder(embedder, EmbeddingCache(cache))
    start, cpu_start = time.perf_counter(), _cpu_seconds()
    vectors = embedder.encode(docs, languages)
    embed_s, embed_cpu = time.perf_counter() - start, _cpu_seconds() - cpu_start
    start = time.perf_counter()
    from bertopic import BERTopic

    import_s = time.perf_counter() - start
    start, cpu_start = time.perf_counter(), _cpu_seconds()
    topics, _ = BERTopic(calculate_probabilities=False).fit_transform(docs, vectors)
    row = {
        "embed_workers": workers,
        "embed_seconds": embed_s if embed else None,
        "embed_cpu_seconds": embed_cpu if embed else None,
        "topics_cpu_seconds": _cpu_seconds() - cpu_start,
        "import_seconds": import_s,
        "topics_seconds": time.perf_counter() - start,
        "peak_mb": _peak_mb(),
        "topics": len(set(topics)) - (1 if -1 in topics else 0),
        "outlier_share": sum(t == -1 for t in topics) / len(topics),
    }
    return row if embed else row | child_bertopic_embed_sample(file)


def _run_child(*args: str, env: dict | None = None) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", *args]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_size(n: int, work: Path, skip_bertopic_embed: bool, skip_bertopic: bool) -> dict:
    sys.path.insert(0, str(HERE))
    from scale_data import make_responses

    file = work / f"feedback_{n}.csv"
    make_responses(n, seed=n).to_csv(file, index=False)
    cache = work / f"cache_{n}"
    env = dict(os.environ, TEXTMINE_CACHE=str(cache), CI="1")
    env.setdefault("NUMBA_CACHE_DIR", str(work / "numba"))
    row: dict = {"n": n}
    start = time.perf_counter()
    row["cold"] = _run_child("textmine", str(file), str(work / f"out_{n}_cold"), env=env)
    row["cold"]["wall"] = time.perf_counter() - start
    start = time.perf_counter()
    row["warm"] = _run_child("textmine", str(file), str(work / f"out_{n}_warm"), env=env)
    row["warm"]["wall"] = time.perf_counter() - start
    if not skip_bertopic:
        mode = "cached" if skip_bertopic_embed else "embed"
        start = time.perf_counter()
        row["bertopic"] = _run_child("bertopic", str(file), mode, str(cache), env=env)
        row["bertopic"]["wall"] = time.perf_counter() - start
    print(json.dumps(row), flush=True)
    return row


def summary(rows: list[dict]) -> str:
    """Table of times and ratios; BERTopic embedding time extrapolated linearly where absent."""
    measured = [r for r in rows if r.get("bertopic", {}).get("embed_seconds")]
    rate = (
        max(measured, key=lambda r: r["n"])["bertopic"]["embed_seconds"]
        / max(measured, key=lambda r: r["n"])["n"]
        if measured
        else None
    )
    lines = [
        "| n | textmine cold (s) | warm (s) | peak RSS cold | BERTopic embed (s) | BERTopic "
        "topics (s) | BERTopic total (s) | peak RSS BERTopic | textmine / BERTopic |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        cold, warm, bt = r["cold"], r["warm"], r.get("bertopic")
        cells = [
            f"{r['n']:,}",
            f"{cold['seconds']:.0f}",
            f"{warm['seconds']:.0f}",
            f"{cold['peak_mb'] / 1024:.2f} GB",
        ]
        if bt:
            embed, shown = _bertopic_embed(bt, rate, r["n"])
            total = embed + bt["topics_seconds"]
            cells += [
                shown,
                f"{bt['topics_seconds']:.0f}",
                f"{total:.0f}",
                f"{bt['peak_mb'] / 1024:.2f} GB",
                f"{cold['seconds'] / total:.2f}x",
            ]
        else:
            cells += ["-"] * 5
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n\n" + growth(rows)


def growth(rows: list[dict]) -> str:
    """CPU seconds at each size, and the marginal CPU seconds per 1,000 extra responses from the
    size before: constant marginal cost is linear growth (the total per 1k falls with size only
    because start-up -- imports, model loading, numba -- is paid once). CPU time, not wall time,
    because other jobs on a shared machine move wall time by 2x and more between runs."""
    lines = [
        "| n | textmine cold CPU s | marginal per 1k | BERTopic embed + topics CPU s "
        "| marginal per 1k |",
        "|---:|---:|---:|---:|---:|",
    ]
    previous: dict | None = None
    for r in rows:
        tm, bt = r["cold"].get("cpu_seconds"), _bertopic_cpu(r)
        if tm is None:
            continue
        cells = [f"{r['n']:,}", f"{tm:.0f}", "-", f"{bt:.0f}" if bt else "-", "-"]
        if previous is not None:
            extra = (r["n"] - previous["n"]) / 1000
            cells[2] = f"{(tm - previous['tm']) / extra:.1f}"
            if bt and previous["bt"]:
                cells[4] = f"{(bt - previous['bt']) / extra:.1f}"
        lines.append("| " + " | ".join(cells) + " |")
        previous = {"n": r["n"], "tm": tm, "bt": bt}
    return "\n".join(lines)


def _bertopic_cpu(row: dict) -> float | None:
    bt = row.get("bertopic", {})
    if not bt.get("embed_cpu_seconds"):
        return None
    return bt["embed_cpu_seconds"] + bt["topics_cpu_seconds"]


def _bertopic_embed(bt: dict, rate: float | None, n: int) -> tuple[float, str]:
    """BERTopic's embedding seconds and how they were obtained."""
    if bt.get("embed_seconds"):
        return bt["embed_seconds"], f"{bt['embed_seconds']:.0f}"
    if bt.get("embed_seconds_scaled"):
        seconds = bt["embed_seconds_scaled"]
        return seconds, f"~{seconds:.0f} ({bt['embed_sample']:,}-doc sample, scaled)"
    return rate * n, f"~{rate * n:.0f} (extrapolated from the largest measured size)"


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        kind, *args = sys.argv[2:]
        if kind == "textmine":
            print(json.dumps(child_textmine(*args)))
        elif kind == "bertopic-embed-sample":
            print(json.dumps(child_bertopic_embed_sample(*args)))
        else:
            print(json.dumps(child_bertopic(args[0], args[1] == "embed", args[2])))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--out", type=Path, default=Path("scale_bench.json"))
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--skip-bertopic-embed", action="store_true")
    parser.add_argument("--skip-bertopic", action="store_true")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="textmine_scale_"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"load: {os.getloadavg()}; work dir {work}", flush=True)
    rows = json.loads(args.out.read_text()) if args.out.exists() else []
    for n in args.sizes:
        rows = [r for r in rows if r["n"] != n]
        rows.append(bench_size(n, work, args.skip_bertopic_embed, args.skip_bertopic))
        rows.sort(key=lambda r: r["n"])
        args.out.write_text(json.dumps(rows, indent=1))
    print(summary(rows))


if __name__ == "__main__":
    main()
