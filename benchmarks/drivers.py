"""Cost of the driver/trend tables next to the per-theme metrics they extend (same process).

    .venv/bin/python benchmarks/drivers.py [--sizes 2000 20000 100000] [--themes 12 40]

Synthetic responses (no text: these stages only see theme lists and scores). Prints seconds and
the ratio to ``metrics.theme_metrics`` on the same table, the peer every run already pays for.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from textmine import drivers, keydrivers, trends
from textmine.config import Config, Scales
from textmine.insights import insight_tables
from textmine.metrics import theme_metrics


def responses(n: int, k: int, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    member = rng.random((n, k)) < rng.uniform(0.02, 0.2, k)
    effect = rng.normal(0, 1.5, k)
    latent = 7 + member @ effect + rng.normal(0, 2, n)
    frame = pd.DataFrame(
        {
            "response_id": np.arange(n),
            "status": "analysed",
            "themes": [list(np.flatnonzero(row)) or [-1] for row in member],
            "nps": np.clip(np.round(latent), 0, 10),
            "csat": np.clip(np.round(latent / 2), 1, 5),
            "ces": np.clip(np.round(latent * 0.7), 1, 7),
            "sentiment_score": np.tanh(rng.normal(0, 1, n)),
            "sentiment_label": "neutral",
            "date": pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 365, n), "D"),
            "id": rng.integers(0, n // 3, n).astype(str),
        }
    )
    themes = pd.DataFrame({"theme_id": range(k), "label": [f"theme {t}" for t in range(k)]})
    return frame, themes


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def stages(frame: pd.DataFrame, themes: pd.DataFrame, scales: Scales) -> dict:
    """The timed calls for one table; the first is the peer the others are compared with."""
    k = len(themes)
    matrix = drivers.indicators(frame["themes"], list(range(k)))
    outcome = drivers.outcomes(frame, ["nps", "csat", "ces"], csat_scale=5)
    periods = trends.period_labels(frame["date"], "month")
    sentiment = frame["sentiment_score"]
    return {
        "theme_metrics (peer)": lambda: theme_metrics(frame, themes, scales),
        "drivers_table (delta CI)": lambda: drivers.drivers_table(outcome, matrix, {}),
        "drivers_table (bootstrap 1000)": lambda: drivers.drivers_table(
            outcome, matrix, {}, ci_method="bootstrap"
        ),
        "key_drivers (LMG)": lambda: keydrivers.key_drivers(outcome, matrix, {}, sentiment),
        "trends by month": lambda: trends.breakdown(outcome, matrix, {}, periods),
        "insight_tables (all, defaults)": lambda: insight_tables(frame, themes, scales, Config()),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000, 100000])
    parser.add_argument("--themes", type=int, nargs="+", default=[12, 40])
    args = parser.parse_args()
    print("n\tthemes\tstage\tseconds\tratio_to_theme_metrics")
    for n in args.sizes:
        for k in args.themes:
            frame, themes = responses(n, k)
            peer = None
            for name, call in stages(frame, themes, Scales(csat=5)).items():
                seconds = timed(call)
                peer = peer or seconds
                print(f"{n}\t{k}\t{name}\t{seconds:.2f}\t{seconds / peer:.2f}", flush=True)


if __name__ == "__main__":
    main()
