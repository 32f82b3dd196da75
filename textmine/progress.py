"""Progress bars and a per-stage profile (wall time and peak memory).

Bars show rate and ETA on an interactive terminal and stay silent in pipes, logs and CI
(``CI`` set), so captured output and test logs stay clean. The profile measures peak resident
memory per stage by sampling RSS in a background thread: ``tracemalloc`` would slow the run
several-fold and miss memory held by numpy/BLAS, while the process high-water mark
(``ru_maxrss``) cannot be reset between stages.

>>> stages = Stages(profile=True)                      # doctest: +SKIP
>>> with stages.stage("embed", total=len(texts)) as bar:
...     for batch in batches:
...         bar.update(len(batch))
>>> print(stages.table())
"""

from __future__ import annotations

import os
import resource
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

_SAMPLE_S = 0.05


def cpu_clock() -> float:
    """CPU seconds of this process (all threads) plus its embedding worker processes."""
    from textmine.embed_pool import worker_cpu_seconds

    return time.process_time() + worker_cpu_seconds()


def progress_enabled(progress: bool | None = None) -> bool:
    """``None`` means: bars on an interactive terminal, none in CI, pipes or notebooks' logs."""
    if progress is not None:
        return progress
    return sys.stderr.isatty() and not os.environ.get("CI")


class _Silent:
    """Stand-in for a bar when progress is off: the same calls, no output."""

    def update(self, n: int = 1) -> None:
        pass

    def set_postfix_str(self, text: str) -> None:
        pass

    def close(self) -> None:
        pass


SILENT = _Silent()


def bar(total: int | None, desc: str, unit: str = "it", enabled: bool | None = None) -> Any:
    """A tqdm bar (rate + ETA) or a silent stand-in with the same ``update``/``close``."""
    if not progress_enabled(enabled):
        return _Silent()
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit=unit, unit_scale=True, leave=False, file=sys.stderr)


def rss_bytes() -> int:
    """Resident memory of this process now (psutil if present, else /proc, else the peak)."""
    try:
        import psutil

        return int(psutil.Process().memory_info().rss)
    except ImportError:
        pass
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return peak_rss_bytes()


def peak_rss_bytes() -> int:
    """High-water mark of resident memory of this process since it started."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak if sys.platform == "darwin" else peak * 1024)


class _PeakSampler:
    """Samples RSS every 50 ms in a daemon thread; ``peak`` is the largest value seen."""

    def __init__(self) -> None:
        self.peak = rss_bytes()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(_SAMPLE_S):
            self.peak = max(self.peak, rss_bytes())

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_bytes())
        return self.peak


@dataclass
class StageRecord:
    seconds: float
    peak_rss: int | None = None
    items: int | None = None
    cpu_seconds: float = 0.0  # all threads of the process; hardly moved by other jobs


@dataclass
class Stages:
    """Times every stage of a run; with ``profile`` also its peak RSS; shows bars if enabled."""

    progress: bool | None = None
    profile: bool = False
    records: dict[str, StageRecord] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str, total: int | None = None, unit: str = "it") -> Iterator[Any]:
        """Time a stage; yields a bar to ``update`` (silent when progress is off).

        A stage entered twice (e.g. once per chunk) accumulates its time and keeps the
        highest peak.
        """
        sampler = _PeakSampler() if self.profile else None
        shown = bar(total, name, unit, self.progress)
        start, cpu_start = time.perf_counter(), cpu_clock()
        try:
            yield shown
        finally:
            elapsed, cpu = time.perf_counter() - start, cpu_clock() - cpu_start
            shown.close()
            peak = sampler.stop() if sampler else None
            self._record(name, StageRecord(elapsed, peak, total, cpu))

    def _record(self, name: str, new: StageRecord) -> None:
        old = self.records.get(name)
        if old is not None:
            new.seconds += old.seconds
            new.cpu_seconds += old.cpu_seconds
            new.peak_rss = max(new.peak_rss or 0, old.peak_rss or 0) or None
            new.items = (new.items or 0) + (old.items or 0) or None
        self.records[name] = new

    @property
    def seconds(self) -> dict[str, float]:
        return {name: round(r.seconds, 3) for name, r in self.records.items()}

    def as_dict(self) -> dict[str, dict[str, float | int | None]]:
        return {
            name: {
                "seconds": round(r.seconds, 3),
                "cpu_seconds": round(r.cpu_seconds, 3),
                "peak_rss_mb": _mb(r.peak_rss),
                "items": r.items,
            }
            for name, r in self.records.items()
        }

    def table(self) -> str:
        """A plain-text table: stage, seconds, share of the total, CPU seconds, peak RSS,
        items/s. CPU seconds above the wall seconds mean several cores worked; far below, that
        the stage waited (for disk, or for other jobs on a shared machine)."""
        total = sum(r.seconds for r in self.records.values()) or 1e-9
        cpu_total = sum(r.cpu_seconds for r in self.records.values())
        header = f"{'stage':<12} {'seconds':>9} {'share':>6} {'CPU s':>8} {'peak RSS':>10}"
        lines = [f"{header} {'items/s':>9}"]
        for name, r in self.records.items():
            peak = f"{_mb(r.peak_rss):,.0f} MB" if r.peak_rss else "-"
            rate = f"{r.items / r.seconds:,.0f}" if r.items and r.seconds > 0 else "-"
            share = 100 * r.seconds / total
            lines.append(
                f"{name:<12} {r.seconds:>9.2f} {share:>5.1f}% {r.cpu_seconds:>8.2f} {peak:>10} "
                f"{rate:>9}"
            )
        lines.append(
            f"{'total':<12} {total:>9.2f}   100% {cpu_total:>8.2f}"
            + (f" {_mb(peak_rss_bytes()):>7,.0f} MB (process peak)" if self.profile else "")
        )
        return "\n".join(lines)


def _mb(value: int | None) -> float | None:
    return None if value is None else round(value / 2**20, 1)
