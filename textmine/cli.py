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
    wave: Annotated[
        str | None, typer.Option(help="Column with a survey wave label (trends by wave).")
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(help="Trend period: auto, day, week, month, quarter, year, wave or none."),
    ] = None,
    store: Annotated[
        Path | None, typer.Option(help="DuckDB file to append this run to (longitudinal store).")
    ] = None,
    wave_name: Annotated[
        str | None, typer.Option(help="Name of this run in the store (default: the file name).")
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
        "columns.wave": wave,
        "trends.period": period,
        "store.path": str(store) if store else None,
        "store.wave_name": wave_name,
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


@app.command("apply")
def apply_command(
    run_dir: Annotated[
        Path, typer.Argument(help="Output folder of an earlier run (its model/ is reused).")
    ],
    file: Annotated[Path, typer.Argument(help="The new wave: same columns as the earlier run.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder (created if missing).")],
    store: Annotated[
        Path | None, typer.Option(help="DuckDB file to append this run to (longitudinal store).")
    ] = None,
    wave_name: Annotated[
        str | None, typer.Option(help="Name of this run in the store (default: the file name).")
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Analyse a new wave with an earlier run's themes, so theme ids stay comparable."""
    from textmine.pipeline import apply_model
    from textmine.report import write_reports
    from textmine.result import RunResult

    overrides = {"store.path": str(store) if store else None, "store.wave_name": wave_name}
    try:
        if config is not None:
            cfg = _load_config(config, overrides)
        else:
            saved = RunResult.load_run_info(run_dir)["config"]
            cfg = Config.from_dict(saved, source=str(run_dir)).with_overrides(overrides)
        result = apply_model(file, run_dir, cfg)
        result.save(out)
        written = write_reports(result, out, cfg.report.formats)
    except TextmineError as error:
        _fail(error)
    _print_summary(result, out, written)


@app.command("trends")
def trends_command(
    store: Annotated[Path, typer.Argument(help="DuckDB store that runs were appended to.")],
    period: Annotated[
        str, typer.Option(help="wave (one point per stored run) or day/week/month/quarter/year.")
    ] = "wave",
    model: Annotated[
        str | None, typer.Option(help="Theme model id to follow (default: the latest run's).")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Folder for trends/theme_changes CSVs.")
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Compare stored waves: scores per period, and themes that emerge or fade."""
    from textmine.store import store_trends

    try:
        tables, notes = store_trends(store, _load_config(config, {}), period, model)
    except TextmineError as error:
        _fail(error)
    for note in notes:
        typer.secho(f"note: {note}", fg=typer.colors.YELLOW)
    _print_trends(tables["trends"], tables["theme_changes"])
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        for name in ("trends", "theme_changes"):
            tables[name].to_csv(out / f"{name}.csv", index=False)
            typer.echo(f"wrote {out / f'{name}.csv'}")


def _print_trends(trends, changes) -> None:
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
