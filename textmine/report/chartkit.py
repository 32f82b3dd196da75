"""Building blocks of the report's plotly charts: colours, fonts, the :class:`Chart` container,
escaping and shared axis/layout helpers. The charts themselves are in :mod:`.charts`."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

from textmine.report.data import finite

POS, NEG, NEUTRAL, ACCENT = "#1e8449", "#c0392b", "#8a94a3", "#2458a6"
PALETTE = ["#2458a6", "#e67e22", "#16a085", "#8e44ad", "#c0392b", "#7f8c8d", "#d4ac0d", "#2e86c1"]
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", sans-serif'


@dataclass
class Chart:
    """One interactive chart: its element id, heading, explanation and plotly spec."""

    id: str
    title: str
    note: str
    data: list[dict[str, Any]]
    layout: dict[str, Any] = field(default_factory=dict)

    def spec(self) -> dict[str, Any]:
        layout = {
            "font": {"family": FONT, "size": 12, "color": "#1d2733"},
            "margin": {"l": 10, "r": 20, "t": 30, "b": 40},
            "paper_bgcolor": "#ffffff",
            "plot_bgcolor": "#ffffff",
            "hoverlabel": {"align": "left"},
            "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02}
            | {"yanchor": "bottom"},
        } | self.layout
        return {"id": self.id, "data": self.data, "layout": layout}


def escaped(values) -> list[str]:
    return [html.escape(str(v), quote=False) for v in values]


def finite_values(values) -> list[float | None]:
    return [finite(v) for v in values]


def chart_height(n_rows: int, per_row: int = 26, base: int = 110) -> int:
    return max(260, base + per_row * n_rows)


def axis_style(title: str, **extra: Any) -> dict[str, Any]:
    return {"title": {"text": title}, "automargin": True, "gridcolor": "#e8edf2"} | extra


def metric_switch(panels: list[tuple[str, list[dict], dict]], layout: dict) -> tuple[list, dict]:
    """Merge per-metric panels into one figure with buttons that show one panel at a time."""
    data: list[dict] = []
    owners: list[int] = []
    for index, (_, traces, _) in enumerate(panels):
        for trace in traces:
            data.append(trace | {"visible": index == 0})
            owners.append(index)
    first_layout = panels[0][2]
    layout = layout | first_layout
    if len(panels) > 1:
        buttons = [
            {
                "label": html.escape(name, quote=False),
                "method": "update",
                "args": [{"visible": [o == index for o in owners]}, extra],
            }
            for index, (name, _, extra) in enumerate(panels)
        ]
        layout["updatemenus"] = [
            {"type": "buttons", "direction": "right", "x": 0, "xanchor": "left", "y": 1.03}
            | {"yanchor": "bottom"}
            | {"buttons": buttons, "showactive": True, "pad": {"r": 4, "t": 0}}
        ]
        layout["margin"] = {"l": 10, "r": 20, "t": 50, "b": 40}
    return data, layout
