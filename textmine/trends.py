"""Scores and themes over time and across segments, emerging/fading themes, at-risk customers.

Pure functions on plain tables (like :mod:`textmine.drivers`, whose impact math they reuse):
the pipeline hands in per-response outcomes (see :func:`textmine.drivers.outcomes`), a
responses x themes indicator matrix and a period or segment label per response.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from textmine import scores
from textmine.drivers import METRICS, benjamini_hochberg, level, theme_impact, two_sided_p
from textmine.frames import lists_by

ALL_LABEL = "All responses"
PERIODS = ("day", "week", "month", "quarter", "year")


# ---------------------------------------------------------------- periods
def choose_period(dates: pd.Series) -> str:
    """A period that gives a readable number of points: day up to two weeks of data, week up
    to four months, month up to three years, quarter beyond."""
    dates = pd.to_datetime(dates).dropna()
    if dates.empty:
        return "month"
    span = (dates.max() - dates.min()).days
    if span <= 14:
        return "day"
    if span <= 120:
        return "week"
    return "month" if span <= 3 * 366 else "quarter"


def period_labels(dates: pd.Series, period: str) -> pd.Series:
    """Sortable labels: 2025-03-07 (day), 2025-W10 (ISO week), 2025-03, 2025Q1, 2025."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}, got {period!r}")
    dates = pd.to_datetime(pd.Series(dates))
    formats = {"day": "%Y-%m-%d", "week": "%G-W%V", "month": "%Y-%m", "year": "%Y"}
    if period == "quarter":
        labels = (
            dates.dt.year.astype("Int64").astype(str)
            + "Q"
            + dates.dt.quarter.astype("Int64").astype(str)
        )
    else:
        labels = dates.dt.strftime(formats[period])
    return labels.astype(object).where(dates.notna(), None)


def wave_order(waves: pd.Series, dates: pd.Series | None = None) -> list[str]:
    """Waves in time order: by their earliest date when dates exist, else by first appearance."""
    present = waves.dropna()
    if dates is not None and pd.to_datetime(dates).notna().any():
        first = pd.to_datetime(dates)[present.index].groupby(present.astype(str)).min()
        return first.sort_values(kind="stable").index.tolist()
    return list(dict.fromkeys(present.astype(str)))


# ---------------------------------------------------------------- breakdowns
def breakdown(
    outcome_frame: pd.DataFrame,
    theme_matrix: pd.DataFrame,
    labels: Mapping[int, str],
    groups: pd.Series,
    sentiment: pd.Series | None = None,
    *,
    order: list[str] | None = None,
    min_n: int = 30,
    name: str = "period",
) -> pd.DataFrame:
    """One row per (group, theme) plus an "All responses" row per group (``theme_id`` <NA>).

    Columns: n_responses, share (of the group's responses), sentiment_mean, each metric's level
    and interval (``nps``, ``csat_top_box``, ``ces_mean``, ...) and the theme's impact on it
    within the group (``impact_nps`` ...). ``too_small`` marks themes with fewer than ``min_n``
    responses in the group. Themes absent from a group still get a row (n_responses 0).
    """
    keys = np.array([None if pd.isna(k) else str(k) for k in groups], dtype=object)
    order = order if order is not None else sorted({k for k in keys if k is not None})
    senti = sentiment if sentiment is not None else pd.Series(np.nan, index=groups.index)
    senti = senti.to_numpy(dtype=float)
    outcomes = {m: outcome_frame[m].to_numpy(dtype=float) for m in outcome_frame.columns}
    matrix = theme_matrix.to_numpy(dtype=bool)
    rows = []
    for value in order:
        mask = keys == str(value)
        n_group = int(mask.sum())
        rows.append(
            {name: value, "theme_id": pd.NA, "label": ALL_LABEL, "n_responses": n_group}
            | {"share": 1.0 if n_group else np.nan}
            | _levels(outcomes, senti, mask)
        )
        for j, theme_id in enumerate(theme_matrix.columns):
            has = matrix[:, j] & mask
            row = {name: value, "theme_id": theme_id, "label": labels.get(theme_id, str(theme_id))}
            row["n_responses"] = int(has.sum())
            row["share"] = has.sum() / n_group if n_group else np.nan
            row |= _levels(outcomes, senti, has)
            for metric, values in outcomes.items():
                imp = theme_impact(values[mask], matrix[mask, j], metric)
                row[f"impact_{metric}"] = imp.impact
                row[f"impact_{metric}_ci_low"] = imp.impact_ci_low
                row[f"impact_{metric}_ci_high"] = imp.impact_ci_high
            rows.append(row)
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    table["theme_id"] = table["theme_id"].astype("Int64")
    table["too_small"] = table["theme_id"].notna() & (table["n_responses"] < min_n)
    return table


def _levels(outcomes: dict[str, np.ndarray], sentiment: np.ndarray, mask: np.ndarray) -> dict:
    s = sentiment[mask]
    out = {"sentiment_mean": float(np.nanmean(s)) if np.isfinite(s).any() else np.nan}
    for metric, all_values in outcomes.items():
        column = METRICS[metric][2]
        values = all_values[mask]
        score, low, high = level(values, metric)
        out |= {
            column: score,
            f"{column}_ci_low": low,
            f"{column}_ci_high": high,
            f"n_{metric}": int(np.isfinite(values).sum()),
        }
    return out


def segment_metrics(
    outcome_frame: pd.DataFrame,
    theme_matrix: pd.DataFrame,
    labels: Mapping[int, str],
    segments: pd.DataFrame,
    sentiment: pd.Series | None = None,
    *,
    min_n: int = 30,
) -> pd.DataFrame:
    """:func:`breakdown` for every segment column, stacked: ``segment`` names the column and
    ``segment_value`` the group."""
    frames = [
        breakdown(
            outcome_frame, theme_matrix, labels, segments[column], sentiment,
            min_n=min_n, name="segment_value",
        ).assign(segment=column)
        for column in segments.columns
    ]  # fmt: skip
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame()
    table = pd.concat(frames, ignore_index=True)
    return table[["segment", *[c for c in table.columns if c != "segment"]]]


# ---------------------------------------------------------------- emerging / fading
def theme_changes(
    trends: pd.DataFrame,
    order: list[str],
    *,
    history: int = 6,
    min_history: int = 1,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Is a theme's share in a period unusual for *its own* history?

    For each theme and each period with at least ``min_history`` earlier periods, the share in
    the period is compared with the pooled share of up to ``history`` earlier periods by a
    two-proportion z-test whose variance is inflated by the theme's own period-to-period
    dispersion (Pearson chi^2 / df of the history, at least 1: a quasi-binomial test). So a
    theme that always swings a lot needs a bigger jump than a steady one. BH across themes per
    period; status: emerging (significant rise), fading (significant fall) or stable.
    """
    themes = trends[trends["theme_id"].notna()]
    totals = trends[trends["theme_id"].isna()].set_index("period")["n_responses"]
    n = totals.reindex(order).fillna(0).to_numpy(dtype=float)
    rows = []
    for (theme_id, label), group in themes.groupby(["theme_id", "label"], sort=True):
        x = group.set_index("period")["n_responses"].reindex(order).fillna(0).to_numpy(float)
        for i in range(min_history, len(order)):
            start = max(0, i - history) if history > 0 else 0
            rows.append(
                {"theme_id": theme_id, "label": label, "period": order[i]}
                | _change_test(x[i], n[i], x[start:i], n[start:i])
            )
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    table["q_value"] = np.nan
    for _, index in table.groupby("period").groups.items():
        table.loc[index, "q_value"] = benjamini_hochberg(table.loc[index, "p_value"].to_numpy())
    significant = table["q_value"] <= alpha
    table["status"] = np.where(
        significant & (table["change"] > 0),
        "emerging",
        np.where(significant & (table["change"] < 0), "fading", "stable"),
    )
    table["theme_id"] = table["theme_id"].astype("Int64")
    return table


def _change_test(x: float, n: float, x_hist: np.ndarray, n_hist: np.ndarray) -> dict:
    nan = math.nan
    total_x, total_n = float(x_hist.sum()), float(n_hist.sum())
    out = {"share": x / n if n else nan, "history_share": total_x / total_n if total_n else nan}
    out |= {"change": out["share"] - out["history_share"], "history_periods": int(len(n_hist))}
    out |= {"dispersion": nan, "z": nan, "p_value": nan}
    if n == 0 or total_n == 0:
        return out
    p_hist = total_x / total_n
    used = n_hist > 0
    k = int(used.sum())
    dispersion = 1.0
    if k >= 2 and 0 < p_hist < 1:
        expected = n_hist[used] * p_hist
        chi2 = float((((x_hist[used] - expected) ** 2) / (expected * (1 - p_hist))).sum())
        dispersion = max(1.0, chi2 / (k - 1))
    pooled = (x + total_x) / (n + total_n)
    var = dispersion * pooled * (1 - pooled) * (1 / n + 1 / total_n)
    out["dispersion"] = dispersion
    if var > 0:
        out["z"] = out["change"] / math.sqrt(var)
        out["p_value"] = two_sided_p(out["z"])
    return out


# ---------------------------------------------------------------- at-risk customers
def csat_negative_cut(scale: int) -> int:
    """Highest CSAT answer that counts as negative: the mirror of the top box (1-2 of 1-5,
    1-3 of 1-7, 1-2 of 1-10, 1 of 1-3)."""
    return scale + 1 - scores.CSAT_TOP_BOX[scale]


def at_risk(
    responses: pd.DataFrame,
    labels: Mapping[int, str],
    *,
    csat_streak: int = 3,
    csat_negative_at_most: float | None = None,
    csat_scale: int | None = 5,
    nps_detractor: bool = True,
    scope: str = "latest",
) -> pd.DataFrame:
    """Customers to call back, one row per (customer, rule) with the themes they raised.

    ``responses`` needs ``customer_id``, ``response_id`` and ``themes`` (theme-id lists), plus
    ``csat``/``nps`` and optionally ``date`` (answers are ordered by date, then input order).
    Rules: ``csat_streak`` negative CSAT answers in a row (0 turns it off) and an NPS detractor
    answer. With ``scope="latest"`` only the customer's current state counts (the last CSAT
    answers form the streak; the last NPS answer is a detractor); ``"any"`` flags any time.
    """
    frame = responses.dropna(subset=["customer_id"]).copy()
    frame["date_key"] = pd.to_datetime(frame["date"]) if "date" in frame else pd.NaT
    frame = frame.sort_values(["customer_id", "date_key", "response_id"], kind="stable")
    found = []
    if csat_streak > 0 and "csat" in frame and csat_scale is not None:
        cut = (
            csat_negative_at_most
            if csat_negative_at_most is not None
            else csat_negative_cut(csat_scale)
        )
        answered = frame[frame["csat"].notna()]
        found.append(_streaks(answered, answered["csat"] <= cut, csat_streak, scope, "csat"))
    if nps_detractor and "nps" in frame:
        answered = frame[frame["nps"].notna()]
        found.append(_streaks(answered, answered["nps"] < 7, 1, scope, "nps"))
    columns = ["customer_id", "rule", "date", "n_answers", "scores", "response_ids"]
    hits = pd.concat([f for f in found if not f.empty] or [pd.DataFrame(columns=columns)])
    hits = hits[columns].reset_index(drop=True)
    return _with_themes(hits, frame, labels)


def _streaks(frame: pd.DataFrame, bad: pd.Series, length: int, scope: str, score: str):
    """Last run of >= ``length`` bad answers per customer (the final run only for "latest")."""
    customer = frame["customer_id"]
    run = (~bad).groupby(customer).cumsum()
    keyed = frame.assign(run_no=run, run_len=bad.groupby([customer, run]).cumsum())
    ends = keyed[bad & (keyed["run_len"] >= length)]
    if scope == "latest":
        ends = ends[ends.index.isin(frame.groupby("customer_id").tail(1).index)]
    ends = ends.groupby("customer_id").tail(1)[["customer_id", "run_no"]]
    members = keyed[bad].merge(ends, on=["customer_id", "run_no"])
    if members.empty:
        return pd.DataFrame()
    table = members.groupby("customer_id", sort=False).agg(
        date=("date_key", "last"), n_answers=("response_id", "size")
    )
    answers = lists_by(members["customer_id"], members[score].map("{:g}".format))
    response_ids = lists_by(members["customer_id"], members["response_id"])
    table["scores"] = [", ".join(answers[customer]) for customer in table.index]
    table["response_ids"] = [response_ids[customer] for customer in table.index]
    rule = "csat_negative_streak" if score == "csat" else "nps_detractor"
    return table.reset_index().assign(rule=rule)


def _with_themes(hits: pd.DataFrame, frame: pd.DataFrame, labels: Mapping[int, str]):
    themes_of = dict(zip(frame["response_id"], frame["themes"], strict=True))
    theme_ids = [
        sorted({t for rid in rids for t in themes_of.get(rid, []) if t in labels})
        for rids in hits["response_ids"]
    ]
    hits = hits.assign(
        theme_ids=theme_ids, themes=["; ".join(labels[t] for t in ids) for ids in theme_ids]
    )
    return hits.sort_values(["date", "customer_id"], ascending=[False, True]).reset_index(drop=True)
