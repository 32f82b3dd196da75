"""Peak memory and speed of chunked reading (iter_table) against whole-file peers.

Writes a synthetic CSV (cp1252, quoted newlines, semicolons) of about --mb megabytes, then
reads it three ways in one process and prints peak traced memory and wall time:
iter_table (chunks consumed one at a time), read_table (whole file) and plain pandas.read_csv.

    .venv/bin/python benchmarks/ingest_memory.py [--mb 50] [--chunk-rows 50000]
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
import time
import tracemalloc
from pathlib import Path

import pandas as pd

from textmine.ingest import iter_table, read_table

WORDS = ["Lieferung", "spät", "freundlich", "kraschar", "leverans", "快递", "太慢", "slow", "great"]


def write_csv(path: Path, megabytes: int) -> int:
    rng = random.Random(0)
    rows = 0
    with path.open("w", encoding="cp1252", errors="replace", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["id", "answer", "nps", "country"])
        while handle.tell() < megabytes * 1_000_000:
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 40)))
            if rng.random() < 0.1:
                text += "\nsecond line; with a semicolon"
            writer.writerow(
                [f"R{rows}", text, rng.randint(0, 10), rng.choice(["DE", "SE", "CN", "UK"])]
            )
            rows += 1
    return rows


def measure(label: str, fn) -> tuple[float, float]:
    """Wall time of an untraced run, then peak traced memory of a second run (tracemalloc
    slows Python-heavy code several-fold, so the two are not taken together)."""
    start = time.perf_counter()
    rows = fn()
    seconds = time.perf_counter() - start
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    print(f"{label:<28} rows={rows:>9,} peak={peak:8.1f} MB  time={seconds:6.2f} s")
    return peak, seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=50)
    parser.add_argument("--chunk-rows", type=int, default=50_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.csv"
        n = write_csv(path, args.mb)
        print(f"{path.stat().st_size / 1e6:.0f} MB, {n:,} rows (cp1252, ';', quoted newlines)")
        chunked = measure(
            "iter_table (chunks)",
            lambda: sum(len(c) for c in iter_table(path, args.chunk_rows, progress=False)),
        )
        whole = measure("read_table (whole file)", lambda: len(read_table(path, progress=False)))
        peer = measure(
            "pandas.read_csv (peer)",
            lambda: len(pd.read_csv(path, sep=";", encoding="cp1252", dtype=str)),
        )
    print(
        f"peak memory ratio iter_table / pandas.read_csv: {chunked[0] / peer[0]:.2f}; "
        f"time ratio: {chunked[1] / peer[1]:.2f}; "
        f"read_table / pandas.read_csv time: {whole[1] / peer[1]:.2f}"
    )


if __name__ == "__main__":
    main()
