"""The tables behind the report's charts and sections, as tidy DataFrames.

Driver, trend and segment tables come from the drivers stage (``result.extra``); a section whose
table is absent (an older run, no dates, no scores) is simply left out. The few descriptive
figures that need no statistics of their own (score intervals per theme, sentiment mix,
theme share by NPS group or segment) are computed here from ``responses`` with
:mod:`textmine.scores`, so the charts show them for every run.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from textmine import scores
from textmine.metrics import memberships
from textmine.result import RunResult
from textmine.schema import UNCLASSIFIED

METRIC_NAMES = {
    "nps": "NPS",
    "csat": "CSAT top-box %",
    "csat_mean": "CSAT mean",
    "ces": "CES mean",
    "ces_agree": "CES % agree",
}
# The columns each optional table must have for its section to be drawn.
OPTIONAL_TABLES = {
    "drivers": ("theme_id", "label", "metric", "impact", "direction"),
    "key_drivers": ("theme_id", "label", "metric", "relative_importance"),
    "trends": ("period", "theme_id", "label", "share"),
    "theme_changes": ("theme_id", "label", "status"),
    "segment_metrics": ("segment", "segment_value", "theme_id", "share"),
    "nps_groups": ("theme_id", "significant"),
    "subthemes": ("theme_id", "label"),
    "at_risk": (),
}


def metric_name(metric: str) -> str:
    return METRIC_NAMES.get(metric, metric)


def optional_table(result: RunResult, name: str) -> pd.DataFrame | None:
    """``result.extra[name]`` when present, non-empty and with the columns the report needs.

    Rows without a theme (the drivers stage's "All responses" rows of ``trends`` and
    ``segment_metrics``, the sentiment predictor of ``key_drivers``) are kept only where the
    report shows them: in ``key_drivers``.
    """
    table = result.extra.get(name)
    if table is None or table.empty:
        return None
    if not set(OPTIONAL_TABLES.get(name, ())) <= set(table.columns):
        return None
    if "theme_id" in table and name != "key_drivers":
        table = table[table["theme_id"].notna()]
        table = table.astype({"theme_id": "int64"})
    return table if len(table) else None


def analysed(result: RunResult) -> pd.DataFrame:
    return result.responses[result.responses["status"] == "analysed"]


def _score_column(frame: pd.DataFrame, column: str) -> pd.Series | None:
    if column not in frame or frame[column].notna().sum() == 0:
        return None
    return frame[column].astype(float)


def score_levels(group: pd.DataFrame, scales: dict[str, Any]) -> dict[str, tuple]:
    """(score, ci_low, ci_high, n) per score present: NPS (adjusted Wald), CSAT top-box %
    (Wilson) and CES mean (normal interval), the methods of :mod:`textmine.scores`."""
    out: dict[str, tuple] = {}
    nps = _score_column(group, "nps")
    if nps is not None:
        out["nps"] = (scores.nps(nps), *scores.nps_interval(nps), int(nps.notna().sum()))
    csat = _score_column(group, "csat")
    if csat is not None and scales.get("csat"):
        valid = csat.dropna()
        top = int((valid >= scores.CSAT_TOP_BOX[scales["csat"]]).sum())
        out["csat"] = (
            scores.csat_top_box(valid, scales["csat"]),
            *scores.proportion_interval(top, len(valid)),
            len(valid),
        )
    ces = _score_column(group, "ces")
    if ces is not None:
        out["ces"] = (scores.mean(ces), *scores.mean_interval(ces), int(ces.notna().sum()))
    return out


def overall_levels(result: RunResult) -> dict[str, tuple]:
    return score_levels(analysed(result), result.run.get("scales", {}))


def theme_members(result: RunResult) -> dict[int, pd.DataFrame]:
    """Analysed responses per classified theme (a response counts once in each of its themes)."""
    rows = analysed(result).set_index("response_id")
    links = memberships(result.responses)
    links = links[links["theme_id"] != UNCLASSIFIED]
    return {
        int(theme): rows.loc[group["response_id"]]
        for theme, group in links.groupby("theme_id", sort=True)
    }


def classified_themes(result: RunResult) -> pd.DataFrame:
    """theme_id, label, n_responses, share of every classified theme, largest first."""
    themes = result.themes[result.themes["theme_id"] != UNCLASSIFIED]
    return themes[["theme_id", "label", "n_responses", "share"]].reset_index(drop=True)


def theme_scores(result: RunResult) -> pd.DataFrame:
    """Long table: theme_id, label, metric, score, ci_low, ci_high, n."""
    scales = result.run.get("scales", {})
    members = theme_members(result)
    rows = []
    for theme_id, label in classified_themes(result)[["theme_id", "label"]].itertuples(False):
        group = members.get(int(theme_id))
        if group is None:
            continue
        for metric, (score, low, high, n) in score_levels(group, scales).items():
            rows.append(
                {"theme_id": theme_id, "label": label, "metric": metric, "score": score}
                | {"ci_low": low, "ci_high": high, "n": n}
            )
    return pd.DataFrame(
        rows, columns=["theme_id", "label", "metric", "score", "ci_low", "ci_high", "n"]
    )


def sentiment_mix(result: RunResult) -> pd.DataFrame | None:
    """% negative / neutral / positive responses per theme; None when sentiment is off."""
    if (
        "sentiment_label" not in result.responses
        or not analysed(result)["sentiment_label"].notna().any()
    ):
        return None
    rows = []
    members = theme_members(result)
    for theme_id, label in classified_themes(result)[["theme_id", "label"]].itertuples(False):
        labels = members.get(int(theme_id), pd.DataFrame({"sentiment_label": []}))
        labels = labels["sentiment_label"].dropna()
        shares = {
            k: 100 * float((labels == k).mean()) if len(labels) else math.nan
            for k in ("negative", "neutral", "positive")
        }
        rows.append({"theme_id": theme_id, "label": label, "n": len(labels)} | shares)
    return pd.DataFrame(rows)


def nps_group_shares(result: RunResult) -> pd.DataFrame | None:
    """Share (%) of promoters and of detractors who mention each theme; None without NPS.

    Where the drivers stage saved its promoter/detractor test (``nps_groups``), its
    ``significant`` flag is joined on.
    """
    frame = analysed(result)
    nps = _score_column(frame, "nps")
    if nps is None:
        return None
    groups = nps.map(scores.nps_group)
    sizes = groups.value_counts()
    n_prom, n_det = int(sizes.get("promoter", 0)), int(sizes.get("detractor", 0))
    if not n_prom or not n_det:
        return None
    group_of = dict(zip(frame["response_id"], groups, strict=True))
    links = memberships(result.responses)
    links["group"] = links["response_id"].map(group_of)
    counts = links.groupby(["theme_id", "group"]).size().unstack(fill_value=0)
    out = classified_themes(result)[["theme_id", "label"]].copy()
    for name, n in (("promoter", n_prom), ("detractor", n_det)):
        column = counts[name] if name in counts else pd.Series(dtype=float)
        out[f"{name}s_share"] = 100 * out["theme_id"].map(column).fillna(0) / n
    out["difference"] = out["promoters_share"] - out["detractors_share"]
    tested = optional_table(result, "nps_groups")
    if tested is not None:
        flags = dict(zip(tested["theme_id"], tested["significant"].astype(bool), strict=True))
        out["significant"] = out["theme_id"].map(flags).fillna(False).astype(bool)
    out.attrs |= {"n_promoters": n_prom, "n_detractors": n_det}
    return out.sort_values("difference", kind="stable").reset_index(drop=True)


def segment_shares(result: RunResult) -> pd.DataFrame | None:
    """segment, value, theme_id, label, share (%), n_responses of the value.

    From ``segment_metrics`` when the drivers stage saved it, else counted from responses
    for each segment column of the run; None when the run has no segment column.
    """
    labels = dict(zip(result.themes["theme_id"], result.themes["label"], strict=True))
    table = optional_table(result, "segment_metrics")
    if table is not None:
        out = table[["segment", "segment_value", "theme_id", "share"]].copy()
        out = out.rename(columns={"segment_value": "value"})
        out["share"] = 100 * out["share"].astype(float)
        out["label"] = out["theme_id"].map(labels).fillna(out.get("label"))
        return out[out["theme_id"] != UNCLASSIFIED].reset_index(drop=True)
    columns = [
        c for c in result.run.get("columns", {}).get("segments", []) if c in result.responses
    ]
    frame = analysed(result)
    if not columns or frame.empty:
        return None
    links = memberships(result.responses)
    links = links[links["theme_id"] != UNCLASSIFIED]
    rows = []
    for column in columns:
        value_of = dict(zip(frame["response_id"], frame[column].astype("string"), strict=True))
        sizes = frame[column].astype("string").value_counts(dropna=True)
        counts = links.assign(value=links["response_id"].map(value_of)).dropna(subset=["value"])
        counts = counts.groupby(["value", "theme_id"]).size()
        for (value, theme_id), n in counts.items():
            rows.append(
                {"segment": column, "value": value, "theme_id": theme_id}
                | {"share": 100 * n / sizes[value], "label": labels.get(theme_id)}
            )
    return pd.DataFrame(rows) if rows else None


def top_drivers(drivers: pd.DataFrame, metric: str, n: int = 3) -> dict[str, list[dict]]:
    """The ``n`` strongest positive and negative drivers of one metric, by the stage's rank."""
    table = drivers[drivers["metric"] == metric]
    out = {}
    for direction in ("positive", "negative"):
        part = table[table["direction"] == direction]
        order = part["rank"] if "rank" in part else -part["impact"].abs()
        out[direction] = part.assign(_o=order).sort_values("_o").head(n).to_dict("records")
    return out


def primary_metric(drivers: pd.DataFrame) -> str:
    """NPS when the run has it, else the first metric of the table."""
    metrics = list(dict.fromkeys(drivers["metric"]))
    return "nps" if "nps" in metrics else metrics[0]


def language_mix(result: RunResult) -> pd.Series:
    languages = result.run.get("counts", {}).get("languages") or (
        analysed(result)["language"].value_counts().to_dict()
    )
    return pd.Series(languages, dtype=float).sort_values(ascending=False)


def language_coverage(result: RunResult) -> pd.DataFrame:
    """Per language: analysed responses and the share (%) that fit no theme."""
    frame = analysed(result)
    if frame.empty or "language" not in frame:
        return pd.DataFrame(columns=["language", "n", "unclassified_pct"])
    unclassified = frame["themes"].map(lambda t: list(t) == [UNCLASSIFIED])
    table = (
        frame.assign(_u=unclassified)
        .groupby(frame["language"].fillna("?"))["_u"]
        .agg(n="size", unclassified_pct="mean")
        .reset_index()
        .sort_values(["n", "language"], ascending=[False, True])
    )
    table["unclassified_pct"] *= 100
    return table.reset_index(drop=True)


def segment_mix(result: RunResult, top: int = 8) -> dict[str, list[tuple[str, int]]]:
    """Response counts per value of each segment column (channel, country, ...)."""
    frame = analysed(result)
    out = {}
    for column in result.run.get("columns", {}).get("segments", []):
        if column in frame:
            counts = frame[column].astype("string").value_counts().head(top)
            out[column] = [(str(k), int(v)) for k, v in counts.items()]
    return out


def finite(value: Any) -> float | None:
    """A float, or None for missing/NaN values (JSON and templates prefer None)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) or np.isinf(number) else number
