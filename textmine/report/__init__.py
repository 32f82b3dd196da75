"""Reports of a run: a self-contained HTML page, Markdown and XLSX exports."""

from __future__ import annotations

from pathlib import Path

from textmine.errors import ConfigError
from textmine.report.html import write_html
from textmine.report.tabular import write_markdown, write_xlsx
from textmine.result import RunResult

WRITERS = {"html": write_html, "md": write_markdown, "xlsx": write_xlsx}


def write_reports(result: RunResult, out: str | Path, formats: list[str]) -> list[Path]:
    """Write each requested format into ``out``; returns the written paths."""
    unknown = [f for f in formats if f not in WRITERS]
    if unknown:
        raise ConfigError(f"unknown report format(s) {unknown}; choose from {sorted(WRITERS)}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    return [WRITERS[fmt](result, out) for fmt in formats]


__all__ = ["write_reports", "write_html", "write_markdown", "write_xlsx"]
