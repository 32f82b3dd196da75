"""Self-contained HTML report: inline CSS, no external requests, every text escaped."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from textmine.report.context import report_context
from textmine.result import RunResult

REPORT_FILE = "report.html"


def _environment() -> Environment:
    # Autoescape is on for every template: feedback text is untrusted input.
    return Environment(
        loader=PackageLoader("textmine.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(result: RunResult, title: str | None = None) -> str:
    context = report_context(
        result,
        title
        or result.run.get("config", {}).get("report", {}).get("title", "Customer feedback themes"),
    )
    return _environment().get_template("report.html.j2").render(**context)


def write_html(result: RunResult, out: Path) -> Path:
    path = Path(out) / REPORT_FILE
    path.write_text(render_html(result), encoding="utf-8")
    return path
