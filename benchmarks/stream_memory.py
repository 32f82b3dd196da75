"""Peak memory of the streaming engine vs file size (bounded memory check).

Generates N mixed-language responses (scale_data.py), then runs ``analyze_stream`` in a fresh
process and reports its wall time and peak RSS. The hashing embedder and given languages keep
the run short; models add a constant (USE ~0.3 GB, lingua ~0.6 GB), not a per-row cost.

    python benchmarks/stream_memory.py 250000 1000000
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def child(path: str, out: str) -> None:
    from textmine import Config
    from textmine.streaming import analyze_stream

    config = Config.from_dict(
        {
            "embedding": {"backend": "hashing", "cache": False},
            "sentiment": {"backend": "none"},
            "scale": {"chunk_rows": 50_000},
        }
    )
    start = time.perf_counter()
    run = analyze_stream(
        path, out, config, text="text", nps="nps", date="date", id="id", language="true_language"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "rows": run["counts"]["input_rows"],
                "segments": run["counts"]["segments"],
                "seconds": time.perf_counter() - start,
                "peak_mb": peak,
            }
        )
    )


def main(sizes: list[int], work: Path) -> None:
    sys.path.insert(0, str(HERE))
    from scale_data import load_pool, make_responses

    pool = load_pool()
    work.mkdir(parents=True, exist_ok=True)
    for n in sizes:
        path = work / f"stream_{n}.csv"
        if not path.exists():
            make_responses(n, seed=7, pool=pool).to_csv(path, index=False)
        cmd = [sys.executable, __file__, "--child", str(path), str(work / f"stream_out_{n}")]
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        print(done.stdout.strip().splitlines()[-1], flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
    else:
        main([int(a) for a in sys.argv[1:]], Path("/tmp/textmine_stream_bench"))
