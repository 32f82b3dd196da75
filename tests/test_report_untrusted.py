"""Feedback text is data: payloads never execute in HTML and never run as spreadsheet formulas."""

import pandas as pd
from openpyxl import load_workbook

from textmine import Config, analyze
from textmine.report import write_reports
from textmine.report.html import render_html

PAYLOADS = [
    '"><svg onload=alert(1) x="',  # unclosed tag: survives tag stripping, must be escaped
    "<iframe src=javascript:alert(1)></iframe>",
    "javascript:alert(document.cookie)",
    "{{ 7*7 }} {% raw %}",
    "=cmd|' /C calc'!A0",
    "+SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)",
]


def _result():
    rows = []
    for i in range(48):
        payload = PAYLOADS[i % len(PAYLOADS)]
        text = payload if i < len(PAYLOADS) else f"the app crashes at checkout {payload} {i}"
        rows += [(f"c{i}", 1, "customer", text), (f"c{i}", 2, "agent", payload)]
    frame = pd.DataFrame(rows, columns=["conversation_id", "turn", "role", "text"])
    config = Config.from_dict(
        {
            "source": "chat",
            "embedding": {"backend": "hashing", "cache": False},
            "themes": {"reducer": "pca", "n_quotes": 10},
        }
    )
    return analyze(frame, config)


def test_html_never_contains_an_executable_payload():
    result = _result()
    result.themes.at[0, "quotes"] = PAYLOADS  # force every payload onto the first theme card
    result.themes.at[0, "label"] = PAYLOADS[1]
    html = render_html(result)
    # the inlined chart library contains "<svg" in its code; the payloads must not appear raw
    assert "<svg onload" not in html and "<iframe src" not in html
    assert "&lt;svg onload=alert(1)" in html and "&lt;iframe src=javascript" in html
    assert "{{ 7*7 }}" in html  # shown as text, never evaluated


def test_every_exported_cell_is_inert(tmp_path):
    result = _result()
    write_reports(result, tmp_path, ["xlsx", "md"])
    book = load_workbook(tmp_path / "report.xlsx")
    assert "turns" in book.sheetnames
    cells = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row]
    texts = [v for v in cells if isinstance(v, str)]
    assert not [v for v in texts if v.startswith(("=", "+", "-", "@"))]
    assert "'=cmd|' /C calc'!A0" in texts  # neutralised, not dropped
    markdown = (tmp_path / "report.md").read_text()
    assert "<svg" not in markdown and "<iframe" not in markdown
