"""Longitudinal store: runs appended to one embedded DuckDB file, so waves can be compared.

Why DuckDB: a single file, no server, SQL for analysts, and fast enough to hold every
response of every wave. We store only analysed responses (scores, date, customer id,
sentiment), their theme memberships, each run's themes and driver table, and the run's
provenance. Theme ids are comparable only between runs made with the same theme model
(``model_id``, a fingerprint of the saved prototypes): ``textmine apply`` keeps it.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from textmine.config import Config, Scales, StoreSettings
from textmine.errors import TextmineError
from textmine.insights import assign_periods
from textmine.result import RunResult
from textmine.schema import UNCLASSIFIED
from textmine.themes import ThemeModel

SCHEMA = {
    "runs": "run_id VARCHAR, wave VARCHAR, created_at TIMESTAMP, file VARCHAR, model_id VARCHAR, "
    "embedder VARCHAR, textmine_version VARCHAR, n_analysed BIGINT, csat_scale INTEGER, "
    "ces_scale INTEGER, ces_high_is_easy BOOLEAN, config VARCHAR",
    "responses": "run_id VARCHAR, response_id BIGINT, customer_id VARCHAR, date TIMESTAMP, "
    "nps DOUBLE, csat DOUBLE, ces DOUBLE, sentiment_score DOUBLE",
    "memberships": "run_id VARCHAR, response_id BIGINT, theme_id BIGINT",
    "themes": "run_id VARCHAR, model_id VARCHAR, theme_id BIGINT, label VARCHAR, "
    "n_responses BIGINT, share DOUBLE",
    "drivers": "run_id VARCHAR, theme_id BIGINT, label VARCHAR, metric VARCHAR, n_with BIGINT, "
    "n_without BIGINT, score_with DOUBLE, score_without DOUBLE, impact DOUBLE, "
    "impact_ci_low DOUBLE, impact_ci_high DOUBLE, q_value DOUBLE, significant BOOLEAN, "
    "too_small BOOLEAN, direction VARCHAR",
}


def _connect(path: str | Path, read_only: bool = False):
    try:
        import duckdb
    except ImportError as exc:  # pragma: no cover - duckdb is a dependency
        raise TextmineError("the longitudinal store needs duckdb: pip install duckdb") from exc
    if read_only and not Path(path).exists():
        raise TextmineError(f"{path}: no such store; runs are added with store.path/--store")
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        raise TextmineError(f"{path}: cannot open the DuckDB store: {exc}") from exc
    for table, columns in SCHEMA.items():
        if not read_only:
            con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({columns})")
    return con


def model_id(model: ThemeModel | None) -> str:
    """Fingerprint of a theme model: same prototypes and threshold = same theme ids."""
    if model is None:
        return "none"
    digest = hashlib.sha1(model.prototypes.tobytes())
    digest.update(json.dumps([model.prototype_theme.tolist(), model.embedder]).encode())
    digest.update(str(model.threshold).encode())
    return digest.hexdigest()[:12]


def append_run(settings: StoreSettings, result: RunResult) -> str:
    """Add a run to the store (replacing an earlier run of the same wave name); its run id."""
    wave = settings.wave_name or Path(result.run.get("file") or "dataframe").stem
    run_id = uuid.uuid4().hex[:12]
    tables = _run_tables(result, run_id, wave)
    con = _connect(settings.path)
    try:
        con.execute("BEGIN TRANSACTION")
        old = [
            r[0] for r in con.execute("SELECT run_id FROM runs WHERE wave = ?", [wave]).fetchall()
        ]
        for table in SCHEMA:
            for previous in old:
                con.execute(f"DELETE FROM {table} WHERE run_id = ?", [previous])
            names = _columns(table)
            frame = tables[table][names]  # noqa: F841 - read by DuckDB's replacement scan
            listed = ", ".join(names)
            con.execute(f"INSERT INTO {table} ({listed}) SELECT {listed} FROM frame")
        con.execute("COMMIT")
    finally:
        con.close()
    return run_id


def _columns(table: str) -> list[str]:
    return [column.split()[0] for column in SCHEMA[table].split(", ")]


def _run_tables(result: RunResult, run_id: str, wave: str) -> dict[str, pd.DataFrame]:
    analysed = result.responses[result.responses["status"] == "analysed"]
    scales = result.run.get("scales", {})
    mid = model_id(result.theme_model)
    responses = pd.DataFrame(
        {
            "run_id": run_id,
            "response_id": analysed["response_id"].astype("int64"),
            "customer_id": analysed["id"].astype(str).where(analysed["id"].notna(), None)
            if "id" in analysed
            else None,
            "date": pd.to_datetime(analysed["date"]) if "date" in analysed else pd.NaT,
        }
    )
    for column in ("nps", "csat", "ces", "sentiment_score"):
        responses[column] = analysed[column].astype(float) if column in analysed else float("nan")
    memberships = analysed[["response_id", "themes"]].explode("themes").dropna()
    memberships = memberships.rename(columns={"themes": "theme_id"}).astype("int64")
    themes = result.themes.assign(run_id=run_id, model_id=mid)
    drivers = (
        result.drivers if not result.drivers.empty else pd.DataFrame(columns=_columns("drivers"))
    )
    runs = pd.DataFrame(
        [
            {
                "wave": wave,
                "created_at": datetime.now(UTC).replace(tzinfo=None),
                "file": result.run.get("file"),
                "model_id": mid,
                "embedder": result.run.get("embedder"),
                "textmine_version": result.run.get("textmine_version"),
                "n_analysed": len(analysed),
                "csat_scale": scales.get("csat"),
                "ces_scale": scales.get("ces", 7),
                "ces_high_is_easy": scales.get("ces_high_is_easy", True),
                "config": json.dumps(result.run.get("config", {}), default=str),
            }
        ]
    )
    return {
        "runs": runs.assign(run_id=run_id),
        "responses": responses,
        "memberships": memberships.assign(run_id=run_id),
        "themes": themes,
        "drivers": drivers.assign(run_id=run_id),
    }


def read_store(path: str | Path) -> dict[str, pd.DataFrame]:
    """Every table of the store as a DataFrame."""
    con = _connect(path, read_only=True)
    try:
        return {table: con.execute(f"SELECT * FROM {table}").df() for table in SCHEMA}
    finally:
        con.close()


def store_trends(
    path: str | Path, config: Config | None = None, period: str = "wave", model: str | None = None
) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """Trend tables over the stored runs that share a theme model (default: the latest run's).

    Returns ({"trends", "theme_changes", "runs"}, notes). Figures are computed by the same
    functions as a single run's ``trends`` table, with each stored run as one wave (or the
    responses' dates cut into ``period``).
    """
    from textmine import drivers, trends

    config = config or Config()
    data = read_store(path)
    runs = data["runs"].sort_values("created_at")
    if runs.empty:
        raise TextmineError(f"{path}: the store holds no runs yet")
    model = model or runs["model_id"].iloc[-1]
    notes = []
    other = runs[runs["model_id"] != model]
    if len(other):
        notes.append(
            f"{len(other)} run(s) made with another theme model left out (theme ids differ): "
            + ", ".join(other["wave"])
        )
    runs = runs[runs["model_id"] == model]
    if runs.empty:
        raise TextmineError(f"{path}: no run with theme model {model!r}")
    responses, outcome = _stored_responses(data, runs, config)
    rank = {run_id: i for i, run_id in enumerate(runs["run_id"])}
    known = data["themes"][data["themes"]["run_id"].isin(rank)]
    known = known.assign(_order=known["run_id"].map(rank)).sort_values(["_order", "theme_id"])
    known = known.drop_duplicates("theme_id", keep="last").sort_values("theme_id")
    labels = dict(zip(known["theme_id"], known["label"], strict=True))  # latest label wins
    theme_ids = [t for t in known["theme_id"] if t != UNCLASSIFIED]
    matrix = drivers.indicators(responses["themes"], theme_ids)
    periods, order = assign_periods(responses, period)
    if period == "wave":
        order = runs["wave"].tolist()
    table = trends.breakdown(
        outcome, matrix, labels, periods, responses["sentiment_score"], order=order,
        min_n=config.drivers.min_n,
    )  # fmt: skip
    changes = trends.theme_changes(
        table, order, history=config.trends.history, min_history=config.trends.min_history,
        alpha=config.drivers.alpha,
    )  # fmt: skip
    return {"trends": table, "theme_changes": changes, "runs": runs}, notes


def _stored_responses(data, runs, config) -> tuple[pd.DataFrame, pd.DataFrame]:
    from textmine.drivers import outcomes

    frames, coded = [], []
    members = data["memberships"].groupby(["run_id", "response_id"])["theme_id"].agg(list)
    for run in runs.itertuples():
        rows = data["responses"][data["responses"]["run_id"] == run.run_id].copy()
        keys = list(zip(rows["run_id"], rows["response_id"], strict=True))
        rows["themes"] = [members.get(k, []) for k in keys]
        rows["wave"] = run.wave
        rows["status"] = "analysed"
        rows = rows.rename(columns={"customer_id": "id"})
        scales = Scales(
            csat=None if pd.isna(run.csat_scale) else int(run.csat_scale),
            ces=int(run.ces_scale),
            ces_high_is_easy=bool(run.ces_high_is_easy),
        )
        coded.append(
            outcomes(
                rows, config.drivers.metrics, csat_scale=scales.csat, ces_scale=scales.ces,
                ces_high_is_easy=scales.ces_high_is_easy,
            )
        )  # fmt: skip
        frames.append(rows)
    responses = pd.concat(frames, ignore_index=True)
    return responses, pd.concat(coded, ignore_index=True)
