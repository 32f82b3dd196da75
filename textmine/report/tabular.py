"""Markdown and XLSX exports of the same content as the HTML report.

Markdown follows the page section by section (charts become tables). XLSX holds an ``overview``
sheet and one sheet per table of the run, driver and trend tables included; cells a spreadsheet
would run as a formula are neutralised.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd

from textmine.report import data
from textmine.report.context import report_context
from textmine.result import RunResult

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def neutralise_formula(value: object) -> object:
    """Prefix cells that a spreadsheet would run as a formula (CSV/XLSX injection, OWASP)."""
    if isinstance(value, str) and value.lstrip(" ").startswith(_FORMULA_START):
        return "'" + value
    return value


def _plain(value: object) -> object:
    """Lists and arrays (keywords, quotes, theme ids) as one comma-separated string."""
    if isinstance(value, list | tuple) or (hasattr(value, "tolist") and not isinstance(value, str)):
        items = value.tolist() if hasattr(value, "tolist") else value
        if isinstance(items, list):
            return ", ".join(map(str, items))
    return value


def _safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(lambda v: neutralise_formula(_plain(v)))
        elif isinstance(out[column].dtype, pd.DatetimeTZDtype):
            out[column] = out[column].dt.tz_localize(None)
    return out


def _sheet_name(name: str, taken: set[str]) -> str:
    base = _SHEET_BAD.sub("_", name)[:31] or "sheet"
    candidate, i = base, 2
    while candidate.lower() in taken:
        candidate = f"{base[: 31 - len(str(i)) - 1]}_{i}"
        i += 1
    taken.add(candidate.lower())
    return candidate


def overview_table(result: RunResult) -> pd.DataFrame:
    """The overview tiles as rows: figure, value, detail."""
    ctx = report_context(result)
    counts = ctx["counts"]
    rows = [
        ("input rows", counts.get("input_rows"), ""),
        ("analysed", counts.get("analysed"), ""),
        ("quarantined", counts.get("quarantined"), "; ".join(ctx["quarantine_reasons"])),
        ("coverage %", ctx["coverage_pct"], f"{ctx['unclassified_pct']}% unclassified"),
        ("themes", counts.get("themes"), ""),
        ("languages", "", ", ".join(f"{k} {v}" for k, v in ctx["languages"].items())),
    ]
    rows += [(k["label"], k["value"], k["detail"]) for k in ctx["kpis"]]
    return pd.DataFrame(rows, columns=["figure", "value", "detail"])


def write_xlsx(result: RunResult, out: Path) -> Path:
    """An overview sheet, then one sheet per table; list cells joined; formulas neutralised."""
    path = Path(out) / "report.xlsx"
    taken: set[str] = set()
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        sheets = {"overview": overview_table(result)} | result.tables()
        for name, table in sheets.items():
            sheet = _sheet_name(name, taken)
            _safe_frame(table).to_excel(writer, sheet_name=sheet, index=False)
            writer.sheets[sheet].freeze_panes = "A2"
    return path


# ---------------------------------------------------------------- markdown
def _md(text: Any) -> str:
    """Table-safe Markdown text: no pipes, no raw HTML, no line breaks."""
    text = str(text).replace("\\", "\\\\").replace("|", "\\|")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\s+", " ", text).strip()


def _table(header: list[str], rows: list[list[Any]], right: int = 1) -> list[str]:
    """A Markdown table; columns from index ``right`` on are right-aligned numbers."""
    align = ["---" if i < right else "---:" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(_md(v) for v in row) + " |" for row in rows]
    return lines + [""]


def markdown_report(result: RunResult) -> str:
    ctx = report_context(result)
    counts = ctx["counts"]
    lines = [
        f"# {_md(ctx['title'])}",
        "",
        f"{_md(ctx['file'])} · {counts.get('input_rows')} responses · textmine {ctx['version']}",
        "",
        "## Overview",
        "",
        f"- Analysed: {counts.get('analysed')} · quarantined: {counts.get('quarantined')}"
        f" · coverage: {ctx['coverage_pct']}% ({ctx['unclassified_pct']}% unclassified)",
        "- Languages: " + ", ".join(f"{_md(k)} {v}" for k, v in ctx["languages"].items()),
    ]
    lines += [
        f"- {_md(col)}: " + ", ".join(f"{_md(v)} {n}" for v, n in values)
        for col, values in ctx["segment_mix"].items()
    ]
    lines += [f"- {k['label']}: **{k['value']}** ({k['detail']})" for k in ctx["kpis"]] + [""]
    if ctx["top_drivers"]:
        top = ctx["top_drivers"]
        for direction, verb in (("positive", "lifts"), ("negative", "pulls down")):
            items = [f"{_md(d['label'])} ({d['impact']})" for d in top[direction]] or ["none"]
            lines.append(f"- What {verb} {top['metric']}: " + "; ".join(items))
        lines.append("")
    lines += _theme_lines(ctx) + _driver_lines(ctx) + _trend_lines(result, ctx)
    lines += _card_lines(ctx) + _quality_lines(ctx)
    return "\n".join(lines)


def _theme_lines(ctx: dict) -> list[str]:
    header = ["Theme", "Responses", "Share %", "NPS (95% CI)", "CSAT %", "CES", "Sentiment"]
    rows = [
        [t["label"], t["n_responses"], t["share_pct"], f"{t['nps']} ({t['nps_ci']})"]
        + [t["csat"], t["ces"], t["sentiment"]]
        for t in ctx["themes"]
    ]
    return ["## Themes", ""] + _table(header, rows)


def _driver_lines(ctx: dict) -> list[str]:
    lines = ["## Drivers", ""] if ctx["drivers"] else []
    for block in ctx["drivers"]:
        header = ["Theme", "n with", "with", "without", "impact", "95% CI", "q", "verdict"]
        rows = [
            [r["label"], r["n_with"], r["with"], r["without"], r["impact"], r["ci"], r["q"]]
            + ["too small" if r["too_small"] else r["direction"]]
            for r in block["rows"]
        ]
        lines += [f"### {block['metric']}", ""] + _table(header, rows)
    for block in ctx["key_drivers"]:
        rows = [[r["label"], r["coefficient"], r["importance"]] for r in block["rows"]]
        lines += [f"### Key drivers: {block['metric']}", ""]
        lines += _table(["Theme", "coefficient", "relative importance %"], rows)
    return lines


def _trend_lines(result: RunResult, ctx: dict) -> list[str]:
    trends = data.optional_table(result, "trends")
    lines = []
    if trends is not None:
        share = trends.pivot_table(index="label", columns="period", values="share", sort=False)
        rows = [[label, *(f"{100 * v:.1f}" for v in values)] for label, values in share.iterrows()]
        lines += ["## Theme share by period (%)", ""]
        lines += _table(["Theme", *map(str, share.columns)], rows)
    if ctx["changes"]:
        rows = [[c["label"], c["status"], c["period"], c["change"], c["p"]] for c in ctx["changes"]]
        lines += ["## Emerging and fading themes", ""]
        lines += _table(["Theme", "status", "period", "change", "p"], rows, right=3)
    shares = data.segment_shares(result)
    if shares is not None:
        for segment, part in shares.groupby("segment", sort=False):
            table = part.pivot_table(index="label", columns="value", values="share", sort=False)
            rows = [[label, *(f"{v:.1f}" for v in values)] for label, values in table.iterrows()]
            lines += [f"## Theme share by {_md(segment)} (%)", ""]
            lines += _table(["Theme", *map(str, table.columns)], rows)
    return lines


def _card_lines(ctx: dict) -> list[str]:
    lines = ["## What customers say", ""]
    for t in ctx["themes"]:
        origin = f" ({t['origin']})" if t.get("origin") else ""
        lines += [f"### {_md(t['label'])}{origin}", ""]
        if t.get("description"):
            lines += [_md(t["description"]), ""]
        lines += [f"{t['n_responses']} responses ({t['share_pct']}%)", ""]
        for lang, words in t["keywords_by_language"].items():
            lines.append(f"- **{_md(lang)}**: {', '.join(_md(w) for w in words[:8])}")
        if t["subthemes"]:
            lines.append("- Sub-themes: " + "; ".join(_md(s["label"]) for s in t["subthemes"]))
        lines += [""] + [f"> [{q['language']}] {_md(q['text'])}" for q in t["quotes"]] + [""]
    return lines


def _quality_lines(ctx: dict) -> list[str]:
    counts = ctx["counts"]
    lines = [
        "## Data quality",
        "",
        f"{counts.get('input_rows')} rows read: {counts.get('analysed')} analysed, "
        f"{counts.get('quarantined')} quarantined; {ctx['unclassified_pct']}% unclassified.",
        "",
    ]
    if ctx["quarantine_reasons"]:
        lines += _table(
            ["Quarantine reason", "Rows"], list(map(list, ctx["quarantine_reasons"].items()))
        )
    return lines


def write_markdown(result: RunResult, out: Path) -> Path:
    path = Path(out) / "report.md"
    path.write_text(markdown_report(result), encoding="utf-8")
    return path
