"""Small pandas helpers shared by several stages."""

from __future__ import annotations

import pandas as pd


def lists_by(keys: pd.Series, values: pd.Series) -> dict:
    """``{key: [values in row order]}``: what ``groupby(keys).agg(list)`` gives, in a plain loop
    that is ~20x faster than pandas' per-group Python aggregation with 50,000 groups."""
    lists: dict = {}
    for key, value in zip(keys.tolist(), values.tolist(), strict=True):
        lists.setdefault(key, []).append(value)
    return lists
