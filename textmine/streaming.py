"""Streaming engine: analyse a file of any length with bounded memory.

Two passes over the file, chunk by chunk (``ingest.iter_table``):

1. **fit**: a seeded uniform sample of ``scale.fit_sample`` rows is kept while reading (a
   reservoir: every row gets a random key, the smallest keys stay) and analysed as usual. That
   gives the theme model, the theme labels, quotes and the resolved score scales. With
   ``model_dir`` (a saved run's ``model/``) the themes of that run are used instead.
2. **assign**: each chunk is validated, normalised, detected, segmented, embedded, themed with
   ``ThemeModel.predict`` and scored for sentiment (``pipeline.assign``), then appended to
   ``responses.parquet``, ``segments.parquet`` and ``quarantine.parquet``. Only a slim copy
   of each response (no text) stays in memory for the theme metrics and drivers at the end.

Memory is O(chunk) for text and vectors plus O(rows) for the slim table (about 1.7 KB a
row, measured in docs/benchmarks.md). The output folder has the layout of ``RunResult.save``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from textmine.config import Config, Scales
from textmine.errors import ConfigError
from textmine.ingest import iter_table
from textmine.ingest.exports import without_export_header
from textmine.pipeline import _make_embedder, _resolve_config, analyze, assign, summarise
from textmine.progress import Stages
from textmine.result import MODEL_DIR, RUN_FILE
from textmine.sampling import count_members
from textmine.schema import RESPONSE_ID
from textmine.theme_pipeline import theme_counts
from textmine.themes import ThemeModel

_KEY = "_textmine_sample_key"
SLIM_SEGMENTS = [RESPONSE_ID, "theme_id", "sub_theme_id"]  # kept per segment for the counts


def reservoir_sample(path: str | Path, size: int, seed: int, chunk_rows: int) -> pd.DataFrame:
    """A seeded uniform sample of ``size`` rows of a file, read in chunks (file order kept)."""
    rng = np.random.default_rng(seed)
    kept: pd.DataFrame | None = None
    attrs: dict[str, Any] = {}
    for chunk in without_export_header(iter_table(path, chunk_rows, progress=False)):
        attrs = dict(chunk.attrs)
        chunk[_KEY] = rng.random(len(chunk))
        both = chunk if kept is None else pd.concat([kept, chunk], ignore_index=True)
        kept = both.nsmallest(size, _KEY, keep="first")
    if kept is None:
        return pd.DataFrame()
    sample = kept.sort_values("source_row").drop(columns=_KEY).reset_index(drop=True)
    sample.attrs = attrs
    return sample


def as_survey_table(config: Config, engine: str) -> Config:
    """The chunked engines read survey tables: chat, social and e-mail readers group rows
    across the whole file (turns into conversations, copies into posts), so reading those
    chunk by chunk would silently analyse turns as answers. ``auto`` is pinned to survey, so
    the fit sample is read the same way as the chunks it is applied to."""
    if config.source not in ("auto", "survey"):
        raise ConfigError(
            f"the {engine} engine reads survey tables; source {config.source!r} needs the "
            "local engine (--engine local)"
        )
    return config.with_overrides({"source": "survey"})


def analyze_stream(
    path: str | Path,
    out: str | Path,
    config: Config | None = None,
    *,
    model_dir: str | Path | None = None,
    embedder=None,
    progress: bool | None = None,
    profile: bool = False,
    **columns: str | None,
) -> dict[str, Any]:
    """Analyse ``path`` (CSV/TSV/JSONL/Parquet) chunk by chunk into the folder ``out``.

    Returns the run information also written to ``out/run.json``. Survey tables only (chat,
    social and e-mail readers group rows across the file and are not streamed).
    """
    config = _resolve_config(config, columns, None, None)
    config = as_survey_table(config, "stream")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    stages = Stages(progress, profile)
    embedder = embedder or _make_embedder(config)
    with stages.stage("fit"):
        fitted = _fit(path, config, model_dir, embedder)
    model, themes = fitted.theme_model, fitted.themes
    config = config.with_overrides(
        {"scales.csat": fitted.run["scales"]["csat"], **_columns(fitted.run["columns"])}
    )
    writers = _Writers(out)
    slim, theme_of = [], []
    next_id = 0
    with stages.stage("assign", unit="row") as shown:
        chunks = iter_table(path, config.scale.chunk_rows, progress=False)
        for chunk in without_export_header(chunks):
            responses, segs, quarantine = assign(chunk, config, model, themes, embedder, next_id)
            next_id += len(chunk)
            writers.write(responses=responses, segments=segs, quarantine=quarantine)
            slim.append(responses.drop(columns=["text"]))
            theme_of.append(segs[SLIM_SEGMENTS])
            shown.update(len(chunk))
    writers.close()
    with stages.stage("metrics"):
        responses = pd.concat(slim, ignore_index=True)
        segs = pd.concat(theme_of, ignore_index=True)
        themes, subthemes = recount(themes, fitted.extra["subthemes"], segs)
        scales = Scales.model_validate(fitted.run["scales"])
        metrics, overall, extra = summarise(responses, themes, scales, config)
    run = _run_info(fitted, config, responses, segs, themes, overall)
    run["timings_s"] = stages.seconds
    if profile:
        run["profile"] = stages.as_dict()
        print(stages.table())
    _save_tables(out, themes, metrics, extra | {"subthemes": subthemes}, model, run)
    return run


def recount(themes: pd.DataFrame, subthemes: pd.DataFrame, segs: pd.DataFrame):
    """Theme and sub-theme sizes over every assigned segment (labels came from the fit)."""
    return count_members(themes, segs), count_members(subthemes, segs, by="sub_theme_id")


def _fit(path, config: Config, model_dir, embedder):
    """The fitted run: on a sample of the file, or a saved model applied to that sample."""
    size = config.scale.fit_sample or 20_000
    sample = reservoir_sample(path, size, config.seed, config.scale.chunk_rows)
    if model_dir is None:
        return analyze(sample, config, embedder=embedder, progress=False)
    return analyze(sample, config, embedder=embedder, theme_model=ThemeModel.load(model_dir))


def _columns(resolved: dict[str, Any]) -> dict[str, Any]:
    """The sample's resolved column roles, so every chunk maps columns the same way."""
    return {f"columns.{role}": name for role, name in resolved.items() if name}


def arrow_table(frame: pd.DataFrame, schema=None):
    """A pandas table as Arrow; columns that are all missing become text, not ``null``, so
    chunks and partitions share one schema."""
    import pyarrow as pa

    if schema is not None:
        return pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
    table = pa.Table.from_pandas(frame, preserve_index=False)
    fields = [f.with_type(pa.string()) if pa.types.is_null(f.type) else f for f in table.schema]
    return table.cast(pa.schema(fields))


class _Writers:
    """One Parquet writer per table; the first chunk fixes the schema (null columns: text)."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.writers: dict[str, Any] = {}

    def write(self, **tables: pd.DataFrame) -> None:
        import pyarrow.parquet as pq

        for name, frame in tables.items():
            writer = self.writers.get(name)
            if writer is None:
                first = arrow_table(frame)
                writer = self.writers[name] = pq.ParquetWriter(
                    self.out / f"{name}.parquet", first.schema
                )
                writer.write_table(first)
            else:
                writer.write_table(arrow_table(frame, writer.schema))

    def close(self) -> None:
        for writer in self.writers.values():
            writer.close()


def _run_info(fitted, config, responses, segs, themes, overall) -> dict[str, Any]:
    """run.json of an engine run: the fit's provenance, counts over every row."""
    analysed = responses["status"] == "analysed"
    run = {k: v for k, v in fitted.run.items() if k not in ("counts", "overall", "timings_s")}
    run["config"] = config.model_dump()
    run["engine"] = {
        "kind": "streaming",
        "chunk_rows": config.scale.chunk_rows,
        "fit_rows": int(fitted.run["counts"]["input_rows"]),
    }
    run["counts"] = {
        "input_rows": int(len(responses)),
        "analysed": int(analysed.sum()),
        "quarantined": int((~analysed).sum()),
        "segments": int(len(segs)),
        **theme_counts(responses, segs, themes),
        "languages": responses.loc[analysed, "language"].value_counts().to_dict(),
    }
    run["overall"] = overall
    return run


def _save_tables(out: Path, themes, metrics, extra, model: ThemeModel, run: dict) -> None:
    themes.to_parquet(out / "themes.parquet", index=False)
    metrics.to_parquet(out / "theme_metrics.parquet", index=False)
    for name, table in extra.items():
        table.to_parquet(out / f"{name}.parquet", index=False)
    model.save(out / MODEL_DIR)
    themes.to_parquet(out / MODEL_DIR / "themes.parquet", index=False)
    (out / RUN_FILE).write_text(
        json.dumps(run, indent=2, default=str, ensure_ascii=False), encoding="utf-8"
    )
