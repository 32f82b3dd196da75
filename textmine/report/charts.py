"""Plotly figure specs (plain dicts) for the HTML report, one function per chart.

Each function returns a :class:`Chart` or ``None`` when its data is absent, so the page leaves
the chart out. Every string that may come from feedback (theme labels are keywords of customer
text) is HTML-escaped, because plotly reads a subset of HTML in labels and hover text.
"""

from __future__ import annotations

import html

import pandas as pd

from textmine.report.chartkit import (
    ACCENT,
    NEG,
    NEUTRAL,
    PALETTE,
    POS,
    Chart,
    axis_style,
    chart_height,
    escaped,
    finite_values,
    metric_switch,
)
from textmine.report.data import finite, metric_name


# ---------------------------------------------------------------- charts
def priority_matrix(drivers: pd.DataFrame | None) -> Chart | None:
    """Impact on the score (y) against how many responses mention the theme (x)."""
    if drivers is None or not {"n_with", "n_without"} <= set(drivers.columns):
        return None
    drivers = drivers.assign(
        _volume=100 * drivers["n_with"] / (drivers["n_with"] + drivers["n_without"]).clip(lower=1)
    )
    panels = []
    for metric, table in drivers.groupby("metric", sort=False):
        clear = table["significant"].fillna(False).astype(bool) if "significant" in table else True
        colour = table["direction"].where(clear).map({"positive": POS, "negative": NEG})
        colour = colour.fillna(NEUTRAL)
        small = table.get("too_small", pd.Series(False, index=table.index)).fillna(False)
        x = table["_volume"]
        low = table.get("impact_ci_low", table["impact"])
        high = table.get("impact_ci_high", table["impact"])
        trace = {
            "type": "scatter",
            "mode": "markers+text",
            "x": finite_values(x),
            "y": finite_values(table["impact"]),
            # Labels on the dots only for themes big enough to judge; every dot has hover text.
            "text": [("" if s else t) for s, t in zip(small, escaped(table["label"]), strict=True)],
            "hovertext": escaped(table["label"]),
            "textposition": "top center",
            "textfont": {"size": 10},
            "cliponaxis": False,
            "error_y": {
                "type": "data",
                "symmetric": False,
                "array": finite_values(high - table["impact"]),
                "arrayminus": finite_values(table["impact"] - low),
                "color": "#b7c0cc",
                "thickness": 1,
            },
            "marker": {
                "size": 12,
                "color": list(colour),
                "symbol": ["circle-open" if s else "circle" for s in small],
                "line": {"width": 1, "color": "#ffffff"},
            },
            "customdata": [[finite(a), finite(b)] for a, b in zip(low, high, strict=True)],
            "hovertemplate": "<b>%{hovertext}</b><br>mentioned by %{x:.1f}% of responses"
            "<br>impact %{y:+.2f} (95% CI %{customdata[0]:+.2f} to %{customdata[1]:+.2f})"
            "<extra></extra>",
        }
        name = metric_name(str(metric))
        title = f"impact on {name} (points)"
        axis = {"yaxis": axis_style(title, zeroline=True, zerolinecolor="#5b6675")}
        panels.append((name, [trace], axis))
    top = finite(drivers["_volume"].max()) or 1.0
    xaxis = axis_style("% of responses mentioning the theme", range=[0, 1.12 * top])
    data, layout = metric_switch(panels, {"height": 480, "showlegend": False, "xaxis": xaxis})
    return Chart(
        "chart-priority",
        "Priority matrix: impact against volume",
        "Each dot is a theme. Right = many customers mention it; below zero = it pulls the "
        "score down (red), above = it lifts it (green); grey = no clear effect, open dot = too "
        "few responses to judge. Bars are 95% confidence intervals. Big red dots at the bottom "
        "right are the first to fix.",
        data,
        layout,
    )


def scores_by_theme(levels: pd.DataFrame, overall: dict[str, tuple]) -> Chart | None:
    """Each theme's score with its 95% CI, against the overall score (dashed line)."""
    if levels.empty:
        return None
    panels = []
    for metric, table in levels.groupby("metric", sort=False):
        table = table.sort_values("score", kind="stable")
        trace = {
            "type": "scatter",
            "mode": "markers",
            "y": escaped(table["label"]),
            "x": finite_values(table["score"]),
            "error_x": {
                "type": "data",
                "symmetric": False,
                "array": finite_values(table["ci_high"] - table["score"]),
                "arrayminus": finite_values(table["score"] - table["ci_low"]),
                "color": "#9aa6b5",
            },
            "marker": {"size": 10, "color": ACCENT},
            "customdata": finite_values(table["n"]),
            "hovertemplate": "<b>%{y}</b><br>%{x:.1f} (n=%{customdata})<extra></extra>",
        }
        total = overall.get(str(metric), (None,))[0]
        shapes = []
        if finite(total) is not None:
            shapes = [
                {"type": "line", "xref": "x", "yref": "paper", "x0": total, "x1": total}
                | {"y0": 0, "y1": 1, "line": {"dash": "dash", "color": "#5b6675", "width": 1}}
            ]
        name = metric_name(str(metric))
        panels.append(
            (
                name,
                [trace],
                {"xaxis": axis_style(f"{name} (dashed: all responses)"), "shapes": shapes},
            )
        )
    n_themes = levels["theme_id"].nunique()
    data, layout = metric_switch(
        panels, {"height": chart_height(n_themes), "showlegend": False, "yaxis": axis_style("")}
    )
    return Chart(
        "chart-scores",
        "Score by theme",
        "Score among the customers who mention each theme, with its 95% confidence interval "
        "(NPS: adjusted Wald; CSAT: Wilson; CES: normal). Overlapping bars mean the difference "
        "may be chance.",
        data,
        layout,
    )


def sentiment_by_theme(mix: pd.DataFrame | None) -> Chart | None:
    if mix is None or mix.empty:
        return None
    mix = mix.sort_values("negative", kind="stable")
    colours = {"negative": NEG, "neutral": NEUTRAL, "positive": POS}
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "name": name,
            "y": escaped(mix["label"]),
            "x": finite_values(mix[name]),
            "marker": {"color": colour},
            "hovertemplate": "<b>%{y}</b><br>%{x:.0f}% " + name + "<extra></extra>",
        }
        for name, colour in colours.items()
    ]
    layout = {
        "barmode": "stack",
        "height": chart_height(len(mix)),
        "xaxis": axis_style("% of responses", range=[0, 100]),
        "yaxis": axis_style(""),
    }
    return Chart(
        "chart-sentiment",
        "Sentiment by theme",
        "How the customers who mention a theme feel, in % of those responses.",
        data,
        layout,
    )


def theme_trends(trends: pd.DataFrame | None, changes: pd.DataFrame | None, top: int = 8):
    """Share of responses per period for the largest themes; buttons for the other metrics."""
    if trends is None or trends["period"].nunique() < 2:
        return None
    volume = trends.groupby("theme_id")["n_responses" if "n_responses" in trends else "share"]
    keep = volume.sum().sort_values(ascending=False).head(top).index
    status = {}
    if changes is not None:
        latest = changes.sort_values("period") if "period" in changes else changes
        status = latest.drop_duplicates("theme_id", keep="last").set_index("theme_id")["status"]
    mark = {"emerging": " ▲ emerging", "fading": " ▼ fading"}
    panels = []
    metrics = [("share", "share of responses (%)", 100.0)] + [
        (c, metric_name(n), 1.0)
        for c, n in (("nps", "nps"), ("sentiment_mean", "sentiment"), ("csat_top_box", "csat"))
        if c in trends and trends[c].notna().any()
    ]
    for column, title, factor in metrics:
        traces = []
        for i, theme_id in enumerate(keep):
            rows = trends[trends["theme_id"] == theme_id].sort_values("period")
            name = str(rows["label"].iloc[0]) + mark.get(status.get(theme_id, ""), "")
            traces.append(
                {
                    "type": "scatter",
                    "mode": "lines+markers",
                    "name": html.escape(name, quote=False),
                    "x": [str(p) for p in rows["period"]],
                    "y": finite_values(factor * rows[column].astype(float)),
                    "line": {"color": PALETTE[i % len(PALETTE)], "width": 2},
                    "hovertemplate": "%{x}: %{y:.1f}<extra>%{fullData.name}</extra>",
                }
            )
        panels.append((title, traces, {"yaxis": axis_style(title)}))
    data, layout = metric_switch(
        panels, {"height": 420, "xaxis": axis_style("period", type="category"), "showlegend": True}
    )
    layout["legend"] = {"orientation": "h", "y": -0.25}
    return Chart(
        "chart-trends",
        "Theme trends over time",
        f"The {len(keep)} largest themes per period. ▲/▼ mark themes the drivers stage found "
        "emerging or fading (a statistical test, not just a change).",
        data,
        layout,
    )


def share_by_segment(shares: pd.DataFrame | None, top: int = 12) -> Chart | None:
    """Theme (rows) by segment value (columns): dot size and colour = % of the value's responses."""
    if shares is None or shares.empty:
        return None
    panels = []
    n_rows = 0
    for segment, table in shares.groupby("segment", sort=False):
        values = table.groupby("value")["share"].size().sort_values(ascending=False).head(top).index
        table = table[table["value"].isin(values)]
        n_rows = max(n_rows, table["theme_id"].nunique())
        share = table["share"].astype(float)
        trace = {
            "type": "scatter",
            "mode": "markers",
            "x": escaped(table["value"]),
            "y": escaped(table["label"]),
            "marker": {
                "size": finite_values(6 + 34 * (share / max(1.0, share.max())) ** 0.5),
                "color": finite_values(share),
                "colorscale": "Blues",
                "reversescale": True,
                "cmin": 0,
                "showscale": True,
                "colorbar": {"title": {"text": "%"}, "thickness": 10},
                "line": {"width": 1, "color": "#5b6675"},
            },
            "customdata": finite_values(share),
            "hovertemplate": "<b>%{y}</b><br>%{x}: %{customdata:.1f}% of responses<extra></extra>",
        }
        title = html.escape(str(segment), quote=False)
        panels.append((str(segment), [trace], {"xaxis": axis_style(title, type="category")}))
    data, layout = metric_switch(
        panels, {"height": chart_height(n_rows, 30), "showlegend": False, "yaxis": axis_style("")}
    )
    return Chart(
        "chart-segments",
        "Theme share by segment",
        "Share of each segment's responses that mention the theme; bigger and darker = more.",
        data,
        layout,
    )


def promoters_vs_detractors(groups: pd.DataFrame | None) -> Chart | None:
    """Dumbbell: each theme's share among detractors and among promoters."""
    if groups is None or groups.empty:
        return None
    # plotly draws the first category at the bottom: detractor-heavy themes end up on top.
    groups = groups.sort_values("difference", ascending=False, kind="stable")
    labels = escaped(groups["label"])
    if "significant" in groups:
        labels = [
            f"{lab} *" if sig else lab
            for lab, sig in zip(labels, groups["significant"], strict=True)
        ]
    lines_x: list[float | None] = []
    lines_y: list[str | None] = []
    for label, a, b in zip(
        labels, groups["detractors_share"], groups["promoters_share"], strict=True
    ):
        lines_x += [finite(a), finite(b), None]
        lines_y += [label, label, None]
    data = [
        {"type": "scatter", "mode": "lines", "x": lines_x, "y": lines_y, "hoverinfo": "skip"}
        | {"line": {"color": "#c8d0da", "width": 3}, "showlegend": False},
    ]
    for name, column, colour in (
        ("detractors (0-6)", "detractors_share", NEG),
        ("promoters (9-10)", "promoters_share", POS),
    ):
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": name,
                "x": finite_values(groups[column]),
                "y": labels,
                "marker": {"size": 11, "color": colour},
                "hovertemplate": "<b>%{y}</b><br>%{x:.1f}% of " + name + "<extra></extra>",
            }
        )
    layout = {
        "height": chart_height(len(groups)),
        "xaxis": axis_style("% of the group who mention the theme"),
        "yaxis": axis_style(""),
    }
    n_p, n_d = groups.attrs.get("n_promoters", "?"), groups.attrs.get("n_detractors", "?")
    star = (
        " * = significant difference (drivers stage, BH-corrected)."
        if "significant" in groups
        else ""
    )
    return Chart(
        "chart-nps-groups",
        "Promoters vs detractors",
        f"What {n_p} promoters and {n_d} detractors talk about: share of each group mentioning "
        f"the theme. Themes at the top are raised mostly by detractors.{star}",
        data,
        layout,
    )


def language_mix_chart(languages: pd.Series) -> Chart | None:
    if languages.empty:
        return None
    languages = languages.sort_values()
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "y": escaped(languages.index),
            "x": finite_values(languages.values),
            "marker": {"color": ACCENT},
            "hovertemplate": "%{y}: %{x} responses<extra></extra>",
        }
    ]
    layout = {
        "height": chart_height(len(languages), 22, 90),
        "xaxis": axis_style("analysed responses"),
        "yaxis": axis_style("", type="category"),
        "bargap": 0.35,
    }
    note = "Analysed responses per detected language."
    return Chart("chart-languages", "Language mix", note, data, layout)
