"""Command line: a thin layer that parses options, calls the library and prints a summary."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from textmine.cli_output import fail, print_summary, print_trends, slug, validation_summary
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


def _load_config(path: Path | None, overrides: dict[str, Any]) -> Config:
    config = Config.from_file(path) if path else Config()
    return config.with_overrides(overrides)


SourceOption = Annotated[
    str | None,
    typer.Option(
        "--source",
        help="What the file holds: auto (default: chat exports are recognised, else survey), "
        "survey, chat, social or email (see docs/sources.md).",
    ),
]
QuestionOption = Annotated[
    list[str] | None,
    typer.Option(
        "--question",
        help="Open-question column of a wide export; repeat for several (see --questions-mode).",
    ),
]
QuestionsModeOption = Annotated[
    str | None,
    typer.Option(
        "--questions-mode",
        help="stacked: one analysis with a question column; separate: one run per question.",
    ),
]


@app.command()
def analyze(
    file: Annotated[
        Path,
        typer.Argument(
            help="Feedback file: CSV, TSV, XLSX, Parquet, JSON or JSONL (chat: also stc3/abcd "
            "JSON; email: also .eml/.mbox)."
        ),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder (created if missing).")],
    config: ConfigOption = None,
    source: SourceOption = None,
    question: QuestionOption = None,
    questions_mode: QuestionsModeOption = None,
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
    codebook: Annotated[
        Path | None,
        typer.Option(help="YAML codebook of themes to look for (see docs/themes.md)."),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Do not read or write any cache (docs/scaling.md).")
    ] = False,
    format: Annotated[
        str | None, typer.Option("--format", help="Report formats, comma-separated: html,md,xlsx.")
    ] = None,
    fit_sample: Annotated[
        int | None,
        typer.Option(help="Fit themes on a sample of this many segments when there are more."),
    ] = None,
    profile: Annotated[
        bool, typer.Option("--profile", help="Print time and peak memory per stage.")
    ] = False,
    engine: Annotated[
        str,
        typer.Option(help="local (in memory), stream (chunks, bounded memory) or dask."),
    ] = "local",
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address for --engine dask.")
    ] = None,
) -> None:
    """Analyse a feedback file: themes, sentiment, and their NPS/CSAT/CES link."""
    from textmine.pipeline import analyze as run_analysis
    from textmine.pipeline import analyze_questions
    from textmine.progress import Stages
    from textmine.report import write_reports

    overrides: dict[str, Any] = {
        "source": source,
        "survey.questions": question or None,
        "survey.questions_mode": questions_mode,
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
        "themes.codebook": str(codebook) if codebook else None,
        "embedding.cache": False if no_cache else None,
        "report.formats": format.split(",") if format else None,
        "scale.fit_sample": fit_sample,
        "scale.scheduler": scheduler,
    }
    try:
        cfg = _load_config(config, overrides)
        if engine != "local":
            _analyze_large(file, out, cfg, engine, profile)
            return
        stages = Stages(profile=profile)
        if cfg.survey.questions and cfg.survey.questions_mode == "separate":
            results = analyze_questions(file, cfg, stages=stages)
        else:
            results = {None: run_analysis(file, cfg, stages=stages)}
        for name, result in results.items():
            folder = out / slug(name) if name is not None else out
            with stages.stage("save+report"):
                result.save(folder)
                written = write_reports(result, folder, cfg.report.formats)
            if name is not None:
                typer.echo(f"question {name!r}:")
            print_summary(result, folder, written)
        if profile:
            typer.echo(stages.table(), err=True)
    except TextmineError as error:
        fail(error)


def _analyze_large(file: Path, out: Path, cfg: Config, engine: str, profile: bool) -> None:
    """Streaming or Dask run: tables are written as they are produced (docs/scaling.md)."""
    from textmine.report import write_reports
    from textmine.result import RunResult

    if engine == "stream":
        from textmine.streaming import analyze_stream

        analyze_stream(file, out, cfg, profile=profile)
    elif engine == "dask":
        from textmine.distributed import analyze_dask

        analyze_dask(file, out, cfg)
    else:
        raise TextmineError(f"unknown --engine {engine!r}; choose local, stream or dask")
    result = RunResult.load(out)
    written = write_reports(result, out, cfg.report.formats) if cfg.report.formats else []
    print_summary(result, out, written)


@app.command()
def validate(
    file: Annotated[Path, typer.Argument(help="The file to check, as `analyze` would read it.")],
    config: ConfigOption = None,
    source: SourceOption = None,
    question: QuestionOption = None,
    text: Annotated[str | None, typer.Option(help="Column with the open answer.")] = None,
    max_problems: Annotated[
        int, typer.Option(help="Print at most this many problems (all are counted).")
    ] = 200,
) -> None:
    """Check a file without analysing it: rows, encoding, columns and every problem.

    Exit code 0: clean; 1: some rows would be quarantined; 2: the file cannot be used.
    """
    from textmine.intake import validate_input

    overrides = {
        "source": source,
        "survey.questions": question or None,
        "columns.text": text,
    }
    try:
        cfg = _load_config(config, overrides)
        if cfg.survey.questions_mode == "separate" and cfg.survey.questions:
            cfg = cfg.with_overrides({"survey.questions_mode": "stacked"})
        checked = validate_input(file, cfg)
    except TextmineError as error:
        fail(error)
    problems = checked.problems()
    for line in validation_summary(checked):
        typer.echo(line)
    for line in problems[:max_problems]:
        typer.echo(line)
    if len(problems) > max_problems:
        typer.echo(f"... and {len(problems) - max_problems} more problems")
    typer.echo(f"{len(problems)} problem(s)" if problems else "no problems found")
    raise typer.Exit(code=1 if problems else 0)


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
        fail(error)
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
    edits: Annotated[
        Path | None, typer.Option(help="YAML edits (rename/merge/split/drop) to apply first.")
    ] = None,
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
        result = apply_model(file, run_dir, cfg, edits=edits)
        result.save(out)
        written = write_reports(result, out, cfg.report.formats)
    except TextmineError as error:
        fail(error)
    print_summary(result, out, written)


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
        fail(error)
    for note in notes:
        typer.secho(f"note: {note}", fg=typer.colors.YELLOW)
    print_trends(tables["trends"], tables["theme_changes"])
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        for name in ("trends", "theme_changes"):
            tables[name].to_csv(out / f"{name}.csv", index=False)
            typer.echo(f"wrote {out / f'{name}.csv'}")


@app.command()
def edit(
    run_dir: Annotated[Path, typer.Argument(help="Output folder of `textmine analyze`.")],
    edits: Annotated[Path, typer.Argument(help="YAML edits: rename, merge, split, drop.")],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Output folder (default: RUN_DIR).")
    ] = None,
    format: Annotated[
        str | None, typer.Option("--format", help="Report formats, comma-separated: html,md,xlsx.")
    ] = None,
) -> None:
    """Rename, merge, split or drop themes of a saved run and recompute everything that
    depends on them (labels, quotes, metrics, reports) without re-clustering."""
    from textmine.edits import apply_edits, load_edits
    from textmine.pipeline import reapply
    from textmine.report import write_reports
    from textmine.result import RunResult

    out = out or run_dir
    try:
        result = RunResult.load(run_dir)
        if result.theme_model is None:
            raise TextmineError(f"{run_dir}: the run has no saved theme model to edit")
        model = apply_edits(result.theme_model, load_edits(edits), source=str(edits))
        edited = reapply(result, model)
        edited.save(out)
        formats = format.split(",") if format else edited.run["config"]["report"]["formats"]
        written = write_reports(edited, out, formats)
    except TextmineError as error:
        fail(error)
    print_summary(edited, out, written)


@app.command()
def info() -> None:
    """Show versions and where the embedding cache lives."""
    from textmine import __version__
    from textmine.config import default_cache_dir

    typer.echo(f"textmine {__version__} (Python {sys.version.split()[0]})")
    typer.echo(f"embedding cache: {default_cache_dir()}")


def main() -> None:  # pragma: no cover - console entry point
    app()
