"""Report cost: render time and file size of the HTML/MD/XLSX reports of a saved run.

Peer: the same chart specs written the way plotly's Python package writes a self-contained
page (``plotly.io.to_html(..., include_plotlyjs=True)``: its full 4.8 MB bundle, once per page),
so the size ratio shows what the vendored basic bundle saves.

    python benchmarks/report.py RUN_DIR        # a folder written by `textmine analyze`
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from textmine.report import write_reports
from textmine.report.context import chart_specs
from textmine.result import RunResult


def _timed(fn, *args):
    start = time.perf_counter()
    value = fn(*args)
    return value, time.perf_counter() - start


def main(run_dir: str) -> None:
    result = RunResult.load(run_dir)
    out = Path(tempfile.mkdtemp(prefix="textmine-report-bench-"))
    print(f"run: {run_dir} ({result.run['counts']['input_rows']} rows, {sorted(result.extra)})")
    for fmt in ("html", "md", "xlsx"):
        write_reports(result, out, [fmt])  # warm-up: imports, template compilation
        (path,), seconds = _timed(write_reports, result, out, [fmt])
        print(f"{fmt:5s} {seconds:6.2f} s  {path.stat().st_size / 1e6:6.2f} MB")
    try:
        import plotly.graph_objects as go
        import plotly.io as pio
    except ImportError:
        print("plotly not installed: no peer")
        return
    charts = chart_specs(result)
    peer = "".join(
        pio.to_html(
            go.Figure(data=c.spec()["data"], layout=c.spec()["layout"]),
            include_plotlyjs=(i == 0),
            full_html=(i == 0),
        )
        for i, c in enumerate(charts)
    )
    ours = (out / "report.html").stat().st_size
    size = len(peer.encode())
    print(
        f"charts: {len(charts)}; plotly.io page with the same charts: {size / 1e6:.2f} MB"
        f" (charts only); textmine report / peer size = {ours / size:.2f}"
    )


if __name__ == "__main__":
    main(sys.argv[1])
