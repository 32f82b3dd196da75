"""Rich notebook views of a RunResult: a summary card and a styled theme table.

Both escape every label (theme names come from customer text) and use only inline styles, so
they render the same in Jupyter, VS Code and a static nbconvert export.
"""

from __future__ import annotations

import html

import pandas as pd
from pandas.io.formats.style import Styler

from textmine.report import data
from textmine.report.context import report_context
from textmine.result import RunResult
from textmine.schema import UNCLASSIFIED

_COLUMNS = {
    "label": "theme",
    "n_responses": "responses",
    "share": "share %",
    "nps": "NPS",
    "nps_ci": "NPS 95% CI",
    "csat_top_box": "CSAT %",
    "ces_mean": "CES",
    "sentiment_mean": "sentiment",
}


def theme_frame(result: RunResult) -> pd.DataFrame:
    """Theme metrics with readable column names (and the NPS impact when drivers exist)."""
    metrics = result.theme_metrics
    frame = metrics[["theme_id"] + [c for c in _COLUMNS if c in metrics]].copy()
    frame["share"] = 100 * frame["share"]
    if {"nps_ci_low", "nps_ci_high"} <= set(metrics.columns):
        frame["nps_ci"] = [
            "" if pd.isna(lo) else f"{lo:+.0f} to {hi:+.0f}"
            for lo, hi in zip(metrics["nps_ci_low"], metrics["nps_ci_high"], strict=True)
        ]
    drivers = data.optional_table(result, "drivers")
    if drivers is not None:
        metric = data.primary_metric(drivers)
        impact = drivers[drivers["metric"] == metric].set_index("theme_id")["impact"]
        frame[f"{data.metric_name(metric)} impact"] = frame["theme_id"].map(impact)
    frame = frame.dropna(axis=1, how="all")
    order = ["theme_id", *[c for c in _COLUMNS if c in frame]]
    frame = frame[order + [c for c in frame.columns if c not in order]]
    return frame.rename(columns=_COLUMNS).set_index("theme_id")


def theme_table(result: RunResult) -> Styler:
    """The theme table as a pandas Styler: share bars, red/green scores, escaped labels."""
    frame = theme_frame(result)
    signed = [c for c in frame.columns if c in ("NPS", "sentiment") or "impact" in c]
    formats = {c: _formatter(c, frame[c], c in signed) for c in frame.columns}
    styler = frame.style.format(formats, na_rep="–")
    if "share %" in frame:
        styler = styler.bar(subset=["share %"], color="#c9d7ee", vmin=0)
    styler = styler.map(_sign_colour, subset=signed)
    unclassified = [i for i in frame.index if i == UNCLASSIFIED]
    if unclassified:
        styler = styler.map(lambda _: "color: #8a94a3", subset=pd.IndexSlice[unclassified, :])
    return styler.set_caption("Themes (a response counts once in each theme it mentions)")


def _formatter(name: str, column: pd.Series, signed: bool):
    """One formatter per column (pandas keeps only the last ``format`` call per column):
    text escaped, counts whole, other numbers to one decimal (two for sentiment and CES)."""
    if not pd.api.types.is_numeric_dtype(column):
        return lambda v: html.escape(str(v))
    if name == "responses":
        return "{:.0f}"
    digits = 2 if name in ("sentiment", "CES") else 1
    return f"{{:{'+' if signed else ''}.{digits}f}}"


def _sign_colour(value: object) -> str:
    if isinstance(value, int | float) and not pd.isna(value) and value != 0:
        return "color: #1e8449" if value > 0 else "color: #c0392b"
    return ""


def summary_html(result: RunResult) -> str:
    """What a notebook shows for ``result``: counts, overall scores with CIs, top drivers,
    then the theme table."""
    ctx = report_context(result)
    counts = ctx["counts"]
    esc = html.escape
    lines = [
        "<div>",
        f"<b>textmine RunResult</b> · {counts.get('input_rows', '?')} rows: "
        f"{counts.get('analysed', '?')} analysed, {counts.get('quarantined', '?')} quarantined · "
        f"{counts.get('themes', '?')} themes · coverage {ctx['coverage_pct']}%",
    ]
    kpis = " · ".join(
        f"{esc(k['label'])} <b>{esc(k['value'])}</b> <span style='color:#5b6675'>"
        f"({esc(k['detail'])})</span>"
        for k in ctx["kpis"]
    )
    if kpis:
        lines.append(f"<br>{kpis}")
    top = ctx["top_drivers"]
    if top:
        for direction, verb in (("positive", "lifts"), ("negative", "pulls down")):
            items = "; ".join(f"{esc(d['label'])} ({d['impact']})" for d in top[direction])
            lines.append(f"<br>What {verb} {esc(top['metric'])}: {items or 'none'}")
    extra = ", ".join(esc(name) for name in result.extra)
    if extra:
        lines.append(f"<br><span style='color:#5b6675'>more tables: {extra}</span>")
    lines.append("</div>")
    return "\n".join(lines) + theme_table(result).to_html()
