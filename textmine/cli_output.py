"""What the command line prints: run summaries, validation findings and trend lines."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import typer

MAX_REASONS = 3


def validation_summary(checked) -> list[str]:
    """What `textmine validate` found: file, encoding, units, row accounting, columns."""
    attrs = checked.attrs or {}
    responses = checked.responses
    status = responses["status"].value_counts()
    lines = [
        f"file: {checked.file or '<data>'}",
        f"source: {attrs.get('source', checked.config.source)}"
        + (f" ({attrs['format']})" if attrs.get("format") else ""),
        f"encoding: {attrs.get('encoding') or '-'}"
        + (f"; delimiter: {attrs['delimiter']!r}" if attrs.get("delimiter") else ""),
        f"units: {len(responses)} ({status.get('analysed', 0)} would be analysed, "
        f"{status.get('quarantined', 0)} quarantined)",
        *quarantine_reasons(checked.quarantine),
    ]
    if attrs.get("header_rows"):
        lines.append(f"  skipped {attrs['header_rows']}")
    if checked.rows is not None:
        by = checked.rows["status"].value_counts()
        lines.append(
            f"input rows: {len(checked.rows)} ({by.get('analysed', 0)} analysed, "
            f"{by.get('excluded', 0)} excluded, {by.get('quarantined', 0)} quarantined)"
        )
        excluded = checked.rows.loc[checked.rows["status"] == "excluded", "reason"]
        reasons = excluded.str.replace(r"response \d+", "response N", regex=True)
        lines += [f"  excluded: {n} x {r}" for r, n in reasons.value_counts().items()]
    roles = checked.columns.model_dump()
    lines.append(
        "columns: " + ", ".join(f"{role}={name!r}" for role, name in roles.items() if name)
    )
    return lines


def quarantine_reasons(quarantine: pd.DataFrame) -> list[str]:
    """The most common reasons rows were quarantined, values replaced by an example, so a
    wrong column guess ("NPS_RATING: 'Promoter' is not a number" on 2,353 rows) shows at once."""
    if quarantine is None or quarantine.empty:
        return []
    kinds = quarantine["reason"].str.replace(r"'[^']*'", "'…'", regex=True)
    lines = []
    for kind, n in kinds.value_counts().head(MAX_REASONS).items():
        example = quarantine["reason"][kinds == kind].iloc[0]
        shown = kind if example == kind else f"{kind} (e.g. {_quoted(example)})"
        lines.append(f"  quarantined: {n} x {shown}")
    if kinds.nunique() > MAX_REASONS:
        lines.append("  (all reasons, with file, row and column: quarantine.parquet)")
    return lines


def _quoted(reason: str) -> str:
    found = re.search(r"'[^']*'", reason)
    return found.group(0) if found else reason


def slug(name: str) -> str:
    """A folder name for one open question of a wide survey export."""
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in str(name)).strip("_")


def print_trends(trends, changes) -> None:
    """Overall volume and NPS per period, then the themes that emerged or faded."""
    overall = trends[trends["theme_id"].isna()]
    for row in overall.itertuples():
        nps = f", NPS {row.nps:+.1f}" if "nps" in overall and row.nps == row.nps else ""
        typer.echo(f"{row.period}: {row.n_responses} responses{nps}")
    moving = changes[changes["status"] != "stable"] if len(changes) else changes
    for row in moving.itertuples():
        typer.echo(
            f"  {row.period} {row.status}: {row.label} "
            f"({100 * row.share:.1f}% vs {100 * row.history_share:.1f}%, q={row.q_value:.3f})"
        )
    if not len(moving):
        typer.echo("no theme emerged or faded significantly")


def print_summary(result, out: Path, written: list[Path]) -> None:
    """Rows, themes, coverage and NPS of a run, and where its files are."""
    counts = result.run["counts"]
    overall = result.overall
    typer.echo(
        f"{counts['input_rows']} rows: {counts['analysed']} analysed, "
        f"{counts['quarantined']} quarantined; {counts['themes']} themes, "
        f"{100 * counts['unclassified_share']:.1f}% unclassified"
    )
    for line in quarantine_reasons(result.quarantine):
        typer.echo(line)
    if result.run.get("header_rows"):
        typer.echo(f"  skipped {result.run['header_rows']}")
    if "source_rows" in counts:
        typer.echo(
            f"{counts['source_rows']} input rows: {counts['source_rows_analysed']} analysed, "
            f"{counts['source_rows_excluded']} excluded, "
            f"{counts['source_rows_quarantined']} quarantined"
        )
    if overall.get("n_nps"):
        typer.echo(
            f"NPS {overall['nps']:+.1f} (95% CI {overall['nps_ci_low']:+.1f} to "
            f"{overall['nps_ci_high']:+.1f}, n={overall['n_nps']})"
        )
    typer.echo(f"results in {out}/ ({', '.join(p.name for p in written)})")


def fail(error: Exception) -> None:
    """One red line on stderr and exit code 2: a clear error instead of a traceback."""
    typer.secho(f"error: {error}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code=2)
