"""What a report shows, computed once from a RunResult and shared by the HTML and Markdown views."""

from __future__ import annotations

import json
import math
from typing import Any

import pandas as pd

from textmine.result import RunResult
from textmine.schema import UNCLASSIFIED


def _num(value: Any, digits: int = 1, signed: bool = False) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"


def report_context(result: RunResult, title: str = "Customer feedback themes") -> dict[str, Any]:
    """Plain dicts and strings only, so templates stay free of logic."""
    counts = result.run.get("counts", {})
    overall = result.overall
    metrics = result.theme_metrics.set_index("theme_id")
    themes = []
    for row in result.themes.itertuples(index=False):
        m = metrics.loc[row.theme_id] if row.theme_id in metrics.index else pd.Series(dtype=float)
        themes.append(
            {
                "id": int(row.theme_id),
                "label": row.label,
                "unclassified": row.theme_id == UNCLASSIFIED,
                "keywords": list(row.keywords),
                "keywords_by_language": json.loads(row.keywords_by_language),
                "languages": json.loads(row.languages),
                "n_responses": int(row.n_responses),
                "share_pct": _num(100 * row.share),
                "share": float(row.share),
                "nps": _num(m.get("nps"), 0, signed=True),
                "nps_value": _float(m.get("nps")),
                "nps_ci": f"{_num(m.get('nps_ci_low'), 0, True)} to {_num(m.get('nps_ci_high'), 0, True)}",
                "csat": _num(m.get("csat_top_box"), 0),
                "ces": _num(m.get("ces_mean"), 2),
                "ces_agree": _num(m.get("ces_agree"), 0),
                "sentiment": _num(m.get("sentiment_mean"), 2, signed=True),
                "negative_pct": _num(m.get("negative_pct"), 0),
                "quotes": list(row.quotes),
            }
        )
    quarantine_reasons = (
        result.quarantine["reason"].str.replace(r"'.*'", "…", regex=True).value_counts().to_dict()
        if len(result.quarantine)
        else {}
    )
    return {
        "title": title,
        "file": result.run.get("file") or "DataFrame",
        "counts": counts,
        "unclassified_pct": _num(100 * counts.get("unclassified_share", float("nan"))),
        "languages": counts.get("languages", {}),
        "overall": {
            "nps": _num(overall.get("nps"), 1, True),
            "nps_ci": f"{_num(overall.get('nps_ci_low'), 1, True)} to {_num(overall.get('nps_ci_high'), 1, True)}",
            "n_nps": overall.get("n_nps", 0),
            "csat": _num(overall.get("csat_top_box")),
            "csat_mean": _num(overall.get("csat_mean"), 2),
            "n_csat": overall.get("n_csat", 0),
            "ces": _num(overall.get("ces_mean"), 2),
            "ces_agree": _num(overall.get("ces_agree")),
            "n_ces": overall.get("n_ces", 0),
            "sentiment": _num(overall.get("sentiment_mean"), 2, True),
        },
        "themes": themes,
        "quarantine_reasons": quarantine_reasons,
        "quarantine_rows": result.quarantine.head(50).to_dict("records"),
        "embedder": result.run.get("embedder", ""),
        "version": result.run.get("textmine_version", ""),
        "seed": result.run.get("seed"),
        "scales": result.run.get("scales", {}),
    }


def _float(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number
