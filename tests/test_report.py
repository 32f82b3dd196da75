import re

import pytest

from textmine import Config, analyze
from textmine.report import write_reports
from textmine.report.html import render_html
from textmine.testing import make_feedback

PAYLOADS = [
    '<script>alert("x")</script>',
    "<img src=x onerror=alert(1)>",
    '=HYPERLINK("http://evil")',
]


@pytest.fixture(scope="module")
def result():
    data = make_feedback(120, seed=6)
    for i, payload in enumerate(PAYLOADS):
        data.loc[i, "answer"] = f"The delivery was late {payload} delivery late again"
    config = Config.from_dict(
        {
            "embedding": {"backend": "hashing", "cache": False},
            "sentiment": {"backend": "none"},
            "themes": {"reducer": "pca"},
        }
    )
    return analyze(data, config, text="answer", nps="nps", csat="csat", ces="ces")


def test_html_is_self_contained_and_escapes_feedback(result):
    html = render_html(result)
    assert "<script" not in html.lower()
    assert "onerror=" not in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "Content-Security-Policy" in html


def test_exports_neutralise_formulas(result, tmp_path):
    from openpyxl import load_workbook

    paths = write_reports(result, tmp_path, ["html", "md", "xlsx"])
    assert [p.name for p in paths] == ["report.html", "report.md", "report.xlsx"]
    book = load_workbook(tmp_path / "report.xlsx")
    cells = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert not any(isinstance(v, str) and v.startswith("=") for v in cells)
    assert "<script" not in (tmp_path / "report.md").read_text()
