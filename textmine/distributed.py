"""Dask engine: the streaming engine's assign pass as partition-wise tasks on a cluster.

The driver (this process) reads a seeded sample of the partitions, fits the theme model on it
(or loads a saved one) and sends the model to the workers with each task. Every partition is
then validated, normalised, detected, segmented, embedded, themed, scored for sentiment and
written to ``<table>.parquet/part-NNNNN.parquet`` by a worker (``pipeline.assign``); only a
slim copy of each response (no text) comes back for the theme metrics and drivers. Needs the
``dask`` extra; see docs/scaling.md for pointing it at a real cluster.

    >>> analyze_dask("wave.csv", "out/", scheduler="tcp://10.0.0.5:8786")  # doctest: +SKIP
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from textmine.config import Config, Scales
from textmine.errors import ConfigError
from textmine.ingest.exports import strip_export_header
from textmine.pipeline import _make_embedder, _resolve_config, analyze, assign, summarise
from textmine.schema import SOURCE_ROW
from textmine.streaming import (
    SLIM_SEGMENTS,
    _columns,
    _run_info,
    _save_tables,
    arrow_table,
    as_survey_table,
    recount,
)
from textmine.themes import ThemeModel

TABLES = ("responses", "segments", "quarantine")


def analyze_dask(
    path: str | Path,
    out: str | Path,
    config: Config | None = None,
    *,
    model_dir: str | Path | None = None,
    scheduler: str | None = None,
    client: Any = None,
    **columns: str | None,
) -> dict[str, Any]:
    """Analyse a CSV or Parquet file (or glob) on a Dask cluster into the folder ``out``.

    ``client`` (a ``dask.distributed.Client``) wins over ``scheduler`` (an address) and over
    ``config.scale.scheduler``; with none of them a local cluster with one single-threaded
    worker process per core is started. ``out`` must be reachable by every worker (a shared
    file system or object store mounted at the same path).
    """
    dd, Client, LocalCluster = _dask()
    config = _resolve_config(config, columns, None, None)
    config = as_survey_table(config, "dask")
    _refuse_export_header(Path(path))
    address = scheduler or config.scale.scheduler
    own = client is None
    if own:
        client = (
            Client(address)
            if address
            else Client(LocalCluster(threads_per_worker=1, dashboard_address=":0"))
        )
    try:
        return _run(dd, client, Path(path), Path(out), config, model_dir)
    finally:
        if own:
            cluster = client.cluster
            client.close()
            if cluster is not None:
                cluster.close()


def _run(dd, client, path: Path, out: Path, config: Config, model_dir) -> dict[str, Any]:
    frame = _read(dd, path, config.scale.chunk_rows)
    lengths = frame.map_partitions(len).compute().tolist()
    offsets = [sum(lengths[:i]) for i in range(len(lengths))]
    fitted = _fit(frame, sum(lengths), offsets, config, model_dir)
    scales = fitted.run["scales"]
    config = config.with_overrides(
        {"scales.csat": scales["csat"], **_columns(fitted.run["columns"])}
    )
    for table in TABLES:
        (out / f"{table}.parquet").mkdir(parents=True, exist_ok=True)
    model, themes = fitted.theme_model, fitted.themes
    import dask

    settings = config.model_dump()
    tasks = [
        dask.delayed(_assign_partition)(part, i, offsets[i], settings, model, themes, str(out))
        for i, part in enumerate(frame.to_delayed())
    ]
    parts = client.gather(client.compute(tasks))
    responses = pd.concat([p[0] for p in parts], ignore_index=True)
    segs = pd.concat([p[1] for p in parts], ignore_index=True)
    themes, subthemes = recount(themes, fitted.extra["subthemes"], segs)
    metrics, overall, extra = summarise(responses, themes, Scales.model_validate(scales), config)
    run = _run_info(fitted, config, responses, segs, themes, overall)
    run["engine"] = {
        "kind": "dask",
        "partitions": len(lengths),
        "scheduler": client.scheduler.address,
    }
    _save_tables(out, themes, metrics, extra | {"subthemes": subthemes}, model, run)
    return run


def _dask():
    try:
        import dask.dataframe as dd
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on the optional extra
        raise ConfigError("the Dask engine needs: pip install 'textmine[dask]'") from exc
    return dd, Client, LocalCluster


def _read(dd, path: Path, chunk_rows: int):
    """String-typed partitions, as the local readers give them (missing cells: None)."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return dd.read_parquet(str(path)).astype(str)
    if suffix not in (".csv", ".tsv"):
        raise ConfigError(f"{path}: the Dask engine reads CSV, TSV or Parquet")
    sep = "\t" if suffix == ".tsv" else ","
    blocksize = max(4096, chunk_rows * 200)  # ~200 bytes a row
    return dd.read_csv(
        str(path), sep=sep, dtype=str, keep_default_na=False, na_values=[""], blocksize=blocksize
    )


def _refuse_export_header(path: Path) -> None:
    """Partitions are read independently, so extra header rows (Qualtrics, SurveyMonkey)
    cannot be taken off the first one only; say so instead of theming question texts."""
    if path.suffix.lower() not in (".csv", ".tsv"):
        return
    # the first rows only, read as the partitions are (not the whole-file encoding check)
    sep = "\t" if path.suffix.lower() == ".tsv" else ","
    head = pd.read_csv(path, sep=sep, nrows=3, dtype=str, encoding_errors="replace")
    head = head.astype(object).where(head.notna(), None)
    note = strip_export_header(head)[1].note()
    if note:
        raise ConfigError(
            f"{path}: {note}; the Dask engine cannot skip them: use --engine stream, or delete "
            "those rows"
        )


def _fit(frame, n_rows: int, offsets: list[int], config: Config, model_dir):
    """Fit on a seeded sample gathered to the driver (or apply a saved model to it)."""
    import dask

    fraction = min(1.0, (config.scale.fit_sample or 20_000) / max(1, n_rows))
    parts = [
        dask.delayed(_sample_partition)(part, offsets[i], fraction, config.seed + i)
        for i, part in enumerate(frame.to_delayed())
    ]
    sample = pd.concat(dask.compute(*parts), ignore_index=True)
    embedder = _embedder(config.model_dump_json())
    if model_dir is None:
        return analyze(sample, config, embedder=embedder, progress=False)
    model = ThemeModel.load(model_dir)
    return analyze(sample, config, embedder=embedder, theme_model=model, progress=False)


def _as_read(part: pd.DataFrame, offset: int) -> pd.DataFrame:
    """A partition as the local reader yields a chunk: object cells (None if missing) and the
    spreadsheet row number of each row."""
    part = part.reset_index(drop=True).astype(object)
    part = part.where(part.notna(), None)
    part.insert(0, SOURCE_ROW, range(offset + 2, offset + 2 + len(part)))
    return part


def _sample_partition(part: pd.DataFrame, offset: int, fraction: float, seed: int):
    part = _as_read(part, offset)
    if fraction >= 1.0:
        return part
    return part[np.random.default_rng(seed).random(len(part)) < fraction]


def _assign_partition(part, index: int, offset: int, config: dict, model, themes, out: str):
    """One task: assign a partition, write its tables, return the slim rows for metrics."""
    import pyarrow.parquet as pq

    config = Config.model_validate(config)
    embedder = _embedder(config.model_dump_json())
    tables = assign(_as_read(part, offset), config, model, themes, embedder, offset)
    for name, table in zip(TABLES, tables, strict=True):
        path = Path(out) / f"{name}.parquet" / f"part-{index:05d}.parquet"
        pq.write_table(arrow_table(table), path)
    responses, segs, _ = tables
    return responses.drop(columns=["text"]), segs[SLIM_SEGMENTS]


@functools.lru_cache(maxsize=2)
def _embedder(config_json: str):
    """One embedder per worker process (models load once, the cache is per node)."""
    return _make_embedder(Config.model_validate_json(config_json), workers=1)
