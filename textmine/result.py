"""RunResult: the tables of one analysis plus its provenance; saved as Parquet + JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from textmine.errors import TextmineError
from textmine.themes import ThemeModel

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler

TABLES = ("responses", "segments", "themes", "theme_metrics", "quarantine")
RUN_FILE = "run.json"
MODEL_DIR = "model"


@dataclass
class RunResult:
    """Every table is a pandas DataFrame; ``run`` holds config, versions, seed, timings, counts."""

    responses: pd.DataFrame
    segments: pd.DataFrame
    themes: pd.DataFrame
    theme_metrics: pd.DataFrame
    quarantine: pd.DataFrame
    run: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, pd.DataFrame] = field(default_factory=dict)
    theme_model: ThemeModel | None = None

    @property
    def overall(self) -> dict[str, Any]:
        return self.run.get("overall", {})

    @property
    def unclassified_share(self) -> float:
        return float(self.run.get("counts", {}).get("unclassified_share", float("nan")))

    @property
    def drivers(self) -> pd.DataFrame:
        """Impact of each theme on each score (docs/drivers.md)."""
        return self.extra.get("drivers", pd.DataFrame())

    @property
    def key_drivers(self) -> pd.DataFrame:
        """Regression coefficients and LMG relative importance per theme and score."""
        return self.extra.get("key_drivers", pd.DataFrame())

    @property
    def nps_groups(self) -> pd.DataFrame:
        """Theme shares among promoters, passives and detractors, with a test."""
        return self.extra.get("nps_groups", pd.DataFrame())

    @property
    def trends(self) -> pd.DataFrame:
        """Per period: volume, share, sentiment, scores and impact of every theme."""
        return self.extra.get("trends", pd.DataFrame())

    @property
    def theme_changes(self) -> pd.DataFrame:
        """Emerging and fading themes, tested against each theme's own history."""
        return self.extra.get("theme_changes", pd.DataFrame())

    @property
    def segment_metrics(self) -> pd.DataFrame:
        return self.extra.get("segment_metrics", pd.DataFrame())

    @property
    def at_risk(self) -> pd.DataFrame:
        """Customers flagged by the at-risk rules, with the themes they raised."""
        return self.extra.get("at_risk", pd.DataFrame())

    def tables(self) -> dict[str, pd.DataFrame]:
        return {name: getattr(self, name) for name in TABLES} | self.extra

    def save(self, directory: str | Path) -> Path:
        """Write ``<table>.parquet`` for each table and ``run.json``; returns the directory."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        for name, table in self.tables().items():
            table.to_parquet(directory / f"{name}.parquet", index=False)
        if self.theme_model is not None:
            self.theme_model.save(directory / MODEL_DIR)
            self.themes.to_parquet(directory / MODEL_DIR / "themes.parquet", index=False)
        (directory / RUN_FILE).write_text(
            json.dumps(self.run, indent=2, default=str, ensure_ascii=False), encoding="utf-8"
        )
        return directory

    @staticmethod
    def load_run_info(directory: str | Path) -> dict[str, Any]:
        """The ``run.json`` of a saved run (config, counts, provenance) without its tables."""
        directory = Path(directory)
        if not (directory / RUN_FILE).exists():
            raise TextmineError(f"{directory}: no {RUN_FILE}; is this a textmine output folder?")
        return json.loads((directory / RUN_FILE).read_text(encoding="utf-8"))

    @classmethod
    def load(cls, directory: str | Path) -> RunResult:
        directory = Path(directory)
        run = cls.load_run_info(directory)
        tables = {name: pd.read_parquet(directory / f"{name}.parquet") for name in TABLES}
        extra = {
            path.stem: pd.read_parquet(path)
            for path in sorted(directory.glob("*.parquet"))
            if path.stem not in TABLES
        }
        model_dir = directory / MODEL_DIR
        model = ThemeModel.load(model_dir) if model_dir.exists() else None
        return cls(**tables, run=run, extra=extra, theme_model=model)

    def theme_table(self) -> Styler:
        """The theme table as a styled pandas ``Styler`` (share bars, coloured scores)."""
        from textmine.report.notebook import theme_table

        return theme_table(self)

    def _repr_html_(self) -> str:
        from textmine.report.notebook import summary_html

        return summary_html(self)

    def __repr__(self) -> str:
        counts = self.run.get("counts", {})
        return (
            f"RunResult(rows={counts.get('input_rows')}, analysed={counts.get('analysed')}, "
            f"themes={counts.get('themes')}, unclassified_share={self.unclassified_share:.3f})"
        )
