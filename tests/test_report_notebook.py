"""Notebook views: RunResult._repr_html_ and the styled theme table."""

import pytest

from textmine.report.notebook import theme_frame

from .report_fixtures import LABEL_PAYLOAD


def test_repr_html_summarises_the_run_and_escapes_labels(report_rich):
    page = report_rich._repr_html_()
    assert "<img" not in page
    assert "&lt;img src=x onerror=" in page
    counts = report_rich.run["counts"]
    assert f"{counts['input_rows']} rows: {counts['analysed']} analysed" in page
    assert "What lifts NPS:" in page and "more tables: drivers" in page
    assert page.split("<tbody>")[1].count("<tr") == len(report_rich.theme_metrics)


def test_theme_frame_adds_the_impact_and_readable_columns(report_rich, report_base):
    frame = theme_frame(report_rich)
    drivers = report_rich.extra["drivers"]
    nps = drivers[drivers["metric"] == "nps"].set_index("theme_id")["impact"]
    assert frame.loc[0, "theme"] == LABEL_PAYLOAD
    assert frame.loc[0, "NPS impact"] == pytest.approx(nps.loc[0])
    assert frame.loc[0, "share %"] == pytest.approx(
        100 * report_rich.theme_metrics["share"].iloc[0]
    )
    assert "NPS impact" not in theme_frame(report_base)
    assert list(theme_frame(report_base).columns[:4]) == ["theme", "responses", "share %", "NPS"]
