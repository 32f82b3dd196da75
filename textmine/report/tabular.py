"""Markdown and XLSX exports of the same content as the HTML report."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from textmine.report.context import report_context
from textmine.result import RunResult

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: object) -> object:
    """Prefix cells that a spreadsheet would run as a formula (CSV/XLSX injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(
                lambda v: neutralise_formula(
                    ", ".join(map(str, v)) if isinstance(v, list | tuple) else v
                )
            )
    return out


def write_xlsx(result: RunResult, out: Path) -> Path:
    """One sheet per table; list cells joined; formula-like cells neutralised."""
    path = Path(out) / "report.xlsx"
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, table in result.tables().items():
            frame = table.copy()
            for column in frame.columns:
                if (
                    frame[column]
                    .map(lambda v: hasattr(v, "__len__") and not isinstance(v, str))
                    .any()
                ):
                    frame[column] = frame[column].map(lambda v: list(v) if v is not None else v)
            _safe_frame(frame).to_excel(writer, sheet_name=name[:31], index=False)
    return path


def _md_escape(text: str) -> str:
    return (
        str(text).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ")
    )


def write_markdown(result: RunResult, out: Path) -> Path:
    ctx = report_context(result)
    lines = [
        f"# {ctx['title']}",
        "",
        f"{ctx['file']} · {ctx['counts'].get('input_rows')} responses",
        "",
    ]
    o = ctx["overall"]
    lines += [
        f"- Analysed: {ctx['counts'].get('analysed')} · quarantined: {ctx['counts'].get('quarantined')}"
        f" · unclassified: {ctx['unclassified_pct']}%",
        f"- NPS: {o['nps']} (95% CI {o['nps_ci']}, n={o['n_nps']})",
        f"- CSAT top-box: {o['csat']}% (mean {o['csat_mean']}) · CES mean: {o['ces']}"
        f" ({o['ces_agree']}% agree) · sentiment: {o['sentiment']}",
        "",
        "## Themes",
        "",
        "| Theme | Responses | Share % | NPS (95% CI) | CSAT % | CES | Sentiment |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for t in ctx["themes"]:
        lines.append(
            f"| {_md_escape(t['label'])} | {t['n_responses']} | {t['share_pct']} | {t['nps']} ({t['nps_ci']})"
            f" | {t['csat']} | {t['ces']} | {t['sentiment']} |"
        )
    lines += ["", "## What customers say", ""]
    for t in ctx["themes"]:
        lines += [f"### {_md_escape(t['label'])}", ""]
        for lang, words in t["keywords_by_language"].items():
            lines.append(f"- **{lang}**: {', '.join(_md_escape(w) for w in words[:8])}")
        lines += [""] + [f"> {_md_escape(q)}" for q in t["quotes"]] + [""]
    path = Path(out) / "report.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
