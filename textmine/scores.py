"""NPS, CSAT and CES math as pure functions (imports nothing from the rest of textmine).

Conventions (see docs/scores.md and RESEARCH notes):
- NPS: 0-10; promoters 9-10, passives 7-8, detractors 0-6; NPS = 100 * (p - d).
- CSAT: top-box % = share in the top box(es) of the scale (3 of 1-3, 4-5 of 1-5, 5-7 of 1-7,
  9-10 of 1-10), plus the mean.
- CES 2.0: 1-7 agreement with "easy to handle my issue"; % agree = share 5-7, plus the mean.
Missing values (NaN) are ignored; every function says how many values it used.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

NPS_RANGE = (0, 10)
CSAT_SCALES = (3, 5, 7, 10)
CSAT_TOP_BOX = {3: 3, 5: 4, 7: 5, 10: 9}
CES_SCALES = (5, 7)
CES_AGREE_CUT = {7: 5, 5: 4}
Z95 = 1.959963984540054


def _valid(values: Iterable[float]) -> np.ndarray:
    arr = np.asarray(list(values) if not isinstance(values, np.ndarray) else values, dtype=float)
    return arr[~np.isnan(arr)]


def nps_group(score: float) -> str | None:
    """'promoter' (9-10), 'passive' (7-8), 'detractor' (0-6) or None for a missing score."""
    if score is None or (isinstance(score, float) and math.isnan(score)):
        return None
    if score >= 9:
        return "promoter"
    if score >= 7:
        return "passive"
    return "detractor"


@dataclass(frozen=True)
class NPSCounts:
    promoters: int
    passives: int
    detractors: int

    @property
    def n(self) -> int:
        return self.promoters + self.passives + self.detractors


def nps_counts(scores: Iterable[float]) -> NPSCounts:
    arr = _valid(scores)
    return NPSCounts(
        promoters=int((arr >= 9).sum()),
        passives=int(((arr >= 7) & (arr < 9)).sum()),
        detractors=int((arr < 7).sum()),
    )


def nps(scores: Iterable[float]) -> float:
    """Net Promoter Score in [-100, 100]; NaN when there are no valid scores."""
    counts = nps_counts(scores)
    if counts.n == 0:
        return float("nan")
    return 100.0 * (counts.promoters - counts.detractors) / counts.n


def nps_interval(scores: Iterable[float], z: float = Z95) -> tuple[float, float]:
    """Adjusted-Wald interval (MeasuringU) of the NPS of raw 0-10 scores; see
    :func:`nps_interval_from_counts`."""
    return nps_interval_from_counts(nps_counts(scores), z)


def nps_interval_from_counts(counts: NPSCounts, z: float = Z95) -> tuple[float, float]:
    """Adjusted-Wald interval (MeasuringU): add 3/4 to promoters and detractors, 3 to n.

    SE = sqrt((p + d - (p - d)^2) / n) on the adjusted shares; bounds clipped to [-100, 100].
    """
    if counts.n == 0:
        return (float("nan"), float("nan"))
    n_adj = counts.n + 3
    p = (counts.promoters + 0.75) / n_adj
    d = (counts.detractors + 0.75) / n_adj
    centre = p - d
    se = math.sqrt(max(p + d - centre**2, 0.0) / n_adj)
    return (max(-100.0, 100 * (centre - z * se)), min(100.0, 100 * (centre + z * se)))


def infer_csat_scale(values: Iterable[float]) -> int:
    """Smallest standard scale (3, 5, 7, 10) that holds every observed value."""
    arr = _valid(values)
    if arr.size == 0:
        return 5
    top = arr.max()
    for scale in CSAT_SCALES:
        if top <= scale:
            return scale
    raise ValueError(f"CSAT value {top:g} is above every supported scale (max 10)")


def csat_top_box(values: Iterable[float], scale: int) -> float:
    """Share (0-100) answering in the top box(es) of the scale; NaN with no valid values."""
    if scale not in CSAT_TOP_BOX:
        raise ValueError(f"CSAT scale must be one of {CSAT_SCALES}, got {scale}")
    arr = _valid(values)
    if arr.size == 0:
        return float("nan")
    return 100.0 * float((arr >= CSAT_TOP_BOX[scale]).mean())


def mean(values: Iterable[float]) -> float:
    arr = _valid(values)
    return float(arr.mean()) if arr.size else float("nan")


def ces_agree(values: Iterable[float], scale: int = 7, high_is_easy: bool = True) -> float:
    """Share (0-100) who found it easy: 5-7 of a 1-7 agreement scale (4-5 of 1-5).

    For legacy low-is-easy scales the easy end is 1-2 (1-5) or 1-3 (1-7).
    """
    if scale not in CES_SCALES:
        raise ValueError(f"CES scale must be one of {CES_SCALES}, got {scale}")
    arr = _valid(values)
    if arr.size == 0:
        return float("nan")
    return 100.0 * float(ces_easy(arr, scale, high_is_easy).mean())


def ces_easy(values: np.ndarray, scale: int = 7, high_is_easy: bool = True) -> np.ndarray:
    """Boolean mask of answers on the easy side of the scale (the "% agree" boxes)."""
    cut = CES_AGREE_CUT[scale]
    return values >= cut if high_is_easy else values <= scale + 1 - cut


def mean_interval(values: Iterable[float], z: float = Z95) -> tuple[float, float]:
    """Normal-approximation interval for a mean (t would differ below ~30 values)."""
    arr = _valid(values)
    if arr.size < 2:
        return (float("nan"), float("nan"))
    se = float(arr.std(ddof=1)) / math.sqrt(arr.size)
    centre = float(arr.mean())
    return (centre - z * se, centre + z * se)


def proportion_interval(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a share, in percent."""
    if n == 0:
        return (float("nan"), float("nan"))
    p = successes / n
    denom = 1 + z**2 / n
    centre = (p + z**2 / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
    return (100 * (centre - half), 100 * (centre + half))


def out_of_range(values: Iterable[float], low: float, high: float) -> np.ndarray:
    """Boolean mask of present values outside [low, high] or not whole numbers."""
    arr = np.asarray(list(values) if not isinstance(values, np.ndarray) else values, dtype=float)
    present = ~np.isnan(arr)
    bad = (arr < low) | (arr > high) | (np.round(arr) != arr)
    return present & bad
