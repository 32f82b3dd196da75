"""Command line: a thin layer that parses options, calls the library and prints a summary."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from textmine.config import Config
from textmine.errors import TextmineError

app = typer.Typer(
    name="textmine",
    help="Themes, sentiment and NPS/CSAT/CES drivers from multilingual customer feedback.",
    no_args_is_help=True,
    add_completion=False,
)

ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", "-c", help="YAML/JSON config file (see docs/configuration.md)."),
]


def _fail(error: Exception) -> None:
    typer.secho(f"error: {error}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code=2)


def _load_config(path: Path | None, overrides: dict[str, Any]) -> Config:
    config = Config.from_file(path) if path else Config()
    return config.with_overrides(overrides)


@app.command()
def analyze(
    file: Annotated[
        Path, typer.Argument(help="Survey export: CSV, TSV, XLSX, Parquet, JSON or JSONL.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder (created if missing).")],
    config: ConfigOption = None,
    text: Annotated[
        str | None, typer.Option(help="Column with the open answer (auto-detected if omitted).")
    ] = None,
    nps: Annotated[
        str | None, typer.Option(help="Column with the 0-10 likelihood-to-recommend score.")
    ] = None,
    csat: Annotated[
        str | None, typer.Option(help="Column with the CSAT score (1-3, 1-5, 1-7 or 1-10).")
    ] = None,
    ces: Annotated[
        str | None, typer.Option(help="Column with the CES score (1-7 agreement by default).")
    ] = None,
    id: Annotated[
        str | None, typer.Option("--id", help="Column with the respondent/customer id.")
    ] = None,
    date: Annotated[str | None, typer.Option(help="Column with the response date/time.")] = None,
    language: Annotated[
        str | None, typer.Option(help="Column with a known language code (skips detection).")
    ] = None,
    segment: Annotated[
        list[str] | None, typer.Option(help="Column to break metrics down by; repeat for several.")
    ] = None,
    csat_scale: Annotated[
        int | None,
        typer.Option(help="Declare the CSAT scale (3, 5, 7, 10) instead of inferring it."),
    ] = None,
    seed: Annotated[
        int | None, typer.Option(help="Random seed; same input + config + seed = same themes.")
    ] = None,
    embedder: Annotated[
        str | None,
        typer.Option(help="Embedding backend: use (default), sentence-transformers, hashing."),
    ] = None,
    model_path: Annotated[
        str | None, typer.Option(help="Local model folder for the sentence-transformers backend.")
    ] = None,
    min_theme_size: Annotated[
        int | None, typer.Option(help="Smallest theme, in segments (default grows with the data).")
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Do not read or write the embedding cache.")
    ] = False,
    format: Annotated[
        str | None, typer.Option("--format", help="Report formats, comma-separated: html,md,xlsx.")
    ] = None,
) -> None:
    """Analyse a feedback file: themes, sentiment, and their NPS/CSAT/CES link."""
    from textmine.pipeline import analyze as run_analysis
    from textmine.report import write_reports

    overrides: dict[str, Any] = {
        "columns.text": text,
        "columns.nps": nps,
        "columns.csat": csat,
        "columns.ces": ces,
        "columns.id": id,
        "columns.date": date,
        "columns.language": language,
        "columns.segments": segment or None,
        "scales.csat": csat_scale,
        "seed": seed,
        "embedding.backend": embedder,
        "embedding.model_path": model_path,
        "themes.min_theme_size": min_theme_size,
        "embedding.cache": False if no_cache else None,
        "report.formats": format.split(",") if format else None,
    }
    try:
        cfg = _load_config(config, overrides)
        result = run_analysis(file, cfg)
        result.save(out)
        written = write_reports(result, out, cfg.report.formats)
    except TextmineError as error:
        _fail(error)
    _print_summary(result, out, written)


@app.command()
def report(
    run_dir: Annotated[
        Path, typer.Argument(help="Output folder of a previous `textmine analyze`.")
    ],
    format: Annotated[
        str, typer.Option("--format", help="Comma-separated: html,md,xlsx.")
    ] = "html",
) -> None:
    """Re-create the reports of a saved run without re-analysing."""
    from textmine.report import write_reports
    from textmine.result import RunResult

    try:
        written = write_reports(RunResult.load(run_dir), run_dir, format.split(","))
    except TextmineError as error:
        _fail(error)
    for path in written:
        typer.echo(f"wrote {path}")


@app.command()
def info() -> None:
    """Show versions and where the embedding cache lives."""
    from textmine import __version__
    from textmine.config import default_cache_dir

    typer.echo(f"textmine {__version__} (Python {sys.version.split()[0]})")
    typer.echo(f"embedding cache: {default_cache_dir()}")


def _print_summary(result, out: Path, written: list[Path]) -> None:
    counts = result.run["counts"]
    overall = result.overall
    typer.echo(
        f"{counts['input_rows']} rows: {counts['analysed']} analysed, "
        f"{counts['quarantined']} quarantined; {counts['themes']} themes, "
        f"{100 * counts['unclassified_share']:.1f}% unclassified"
    )
    if overall.get("n_nps"):
        typer.echo(
            f"NPS {overall['nps']:+.1f} (95% CI {overall['nps_ci_low']:+.1f} to "
            f"{overall['nps_ci_high']:+.1f}, n={overall['n_nps']})"
        )
    typer.echo(f"results in {out}/ ({', '.join(p.name for p in written)})")


def main() -> None:  # pragma: no cover - console entry point
    app()
