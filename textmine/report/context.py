"""What a report shows, computed once from a RunResult and shared by the HTML and Markdown views.

Plain dicts, lists and pre-formatted strings only, so templates stay free of logic. Sections
whose tables are absent come out as ``None`` or empty lists and the views leave them out.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pandas as pd

from textmine.report import charts, data
from textmine.result import RunResult
from textmine.schema import UNCLASSIFIED


def _num(value: Any, digits: int = 1, signed: bool = False) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    try:
        value = float(value)
    except (TypeError, ValueError):
        return str(value)
    return f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"


def _ci(low: Any, high: Any, digits: int = 1, signed: bool = False) -> str:
    return f"{_num(low, digits, signed)} to {_num(high, digits, signed)}"


def report_context(result: RunResult, title: str = "Customer feedback themes") -> dict[str, Any]:
    counts = result.run.get("counts", {})
    drivers = data.optional_table(result, "drivers")
    return {
        "title": title,
        "file": result.run.get("file") or "DataFrame",
        "counts": counts,
        "coverage_pct": _num(100 * (1 - counts.get("unclassified_share", math.nan))),
        "unclassified_pct": _num(100 * counts.get("unclassified_share", math.nan)),
        "languages": data.language_mix(result).astype(int).to_dict(),
        "segment_mix": data.segment_mix(result),
        "kpis": _kpis(result),
        "top_drivers": _top_drivers(drivers),
        "themes": _themes(result, drivers),
        "drivers": _driver_rows(drivers),
        "key_drivers": _key_drivers(data.optional_table(result, "key_drivers")),
        "changes": _changes(data.optional_table(result, "theme_changes")),
        "at_risk": _at_risk(data.optional_table(result, "at_risk")),
        "language_coverage": [
            {
                "language": r["language"],
                "n": int(r["n"]),
                "unclassified": _num(r["unclassified_pct"]),
            }
            for r in data.language_coverage(result).to_dict("records")
        ],
        "quarantine_reasons": _quarantine_reasons(result.quarantine),
        "quarantine_rows": result.quarantine.head(50).astype(str).to_dict("records"),
        "embedder": result.run.get("embedder", ""),
        "version": result.run.get("textmine_version", ""),
        "seed": result.run.get("seed"),
        "scales": _scales(result.run.get("scales", {})),
        "has_sentiment": result.theme_metrics.get("sentiment_mean", pd.Series()).notna().any(),
    }


def chart_specs(result: RunResult) -> list[charts.Chart]:
    """The charts this run has data for, in reading order."""
    found = [
        charts.priority_matrix(data.optional_table(result, "drivers")),
        charts.scores_by_theme(data.theme_scores(result), data.overall_levels(result)),
        charts.promoters_vs_detractors(data.nps_group_shares(result)),
        charts.sentiment_by_theme(data.sentiment_mix(result)),
        charts.theme_trends(
            data.optional_table(result, "trends"), data.optional_table(result, "theme_changes")
        ),
        charts.share_by_segment(data.segment_shares(result)),
        charts.language_mix_chart(data.language_mix(result)),
    ]
    return [chart for chart in found if chart is not None]


def _scales(scales: dict[str, Any]) -> str:
    parts = []
    if scales.get("csat"):
        parts.append(f"CSAT 1–{scales['csat']}")
    if scales.get("ces"):
        easy = "high" if scales.get("ces_high_is_easy", True) else "low"
        parts.append(f"CES 1–{scales['ces']} ({easy} = easy)")
    return ", ".join(parts)


def _kpis(result: RunResult) -> list[dict[str, str]]:
    """Overall scores with their 95% intervals, for the overview tiles."""
    levels = data.overall_levels(result)
    scales = result.run.get("scales", {})
    overall = result.overall
    out = []
    if "nps" in levels:
        score, low, high, n = levels["nps"]
        detail = f"95% CI {_ci(low, high, 1, True)} · n={n}"
        out.append({"value": _num(score, 1, True), "label": "NPS", "detail": detail})
    if "csat" in levels:
        score, low, high, n = levels["csat"]
        detail = (
            f"95% CI {_ci(low, high)} · mean {_num(overall.get('csat_mean'), 2)}"
            f" of 1–{scales.get('csat')} · n={n}"
        )
        out.append({"value": f"{_num(score)}%", "label": "CSAT top-box", "detail": detail})
    if "ces" in levels:
        score, low, high, n = levels["ces"]
        detail = f"95% CI {_ci(low, high, 2)} · {_num(overall.get('ces_agree'))}% agree · n={n}"
        label = f"CES mean (1–{scales.get('ces', 7)})"
        out.append({"value": _num(score, 2), "label": label, "detail": detail})
    sentiment = data.finite(overall.get("sentiment_mean"))
    if sentiment is not None:
        value = _num(sentiment, 2, True)
        out.append({"value": value, "label": "sentiment", "detail": "mean, −1 to +1"})
    return out


def _top_drivers(drivers: pd.DataFrame | None) -> dict[str, Any] | None:
    if drivers is None:
        return None
    metric = data.primary_metric(drivers)
    top = data.top_drivers(drivers, metric)
    return {
        "metric": data.metric_name(metric),
        "positive": [_driver_summary(r) for r in top["positive"]],
        "negative": [_driver_summary(r) for r in top["negative"]],
    }


def _driver_summary(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "label": row["label"],
        "impact": _num(row["impact"], 1, True),
        "ci": _ci(row.get("impact_ci_low"), row.get("impact_ci_high"), 1, True),
        "significant": bool(row.get("significant", False)),
    }


def _driver_rows(drivers: pd.DataFrame | None) -> list[dict[str, Any]]:
    """Per metric: every theme's score with / without and its impact, strongest first."""
    if drivers is None:
        return []
    out = []
    for metric, table in drivers.groupby("metric", sort=False):
        table = table.assign(_o=-table["impact"].abs()).sort_values("_o", kind="stable")
        rows = [
            {
                "label": r["label"],
                "n_with": r.get("n_with", ""),
                "with": _num(r.get("score_with")),
                "without": _num(r.get("score_without")),
                "impact": _num(r["impact"], 2, True),
                "ci": _ci(r.get("impact_ci_low"), r.get("impact_ci_high"), 2, True),
                "q": _num(r.get("q_value"), 3),
                "direction": r["direction"],
                "significant": bool(r.get("significant", False)),
                "too_small": bool(r.get("too_small", False)),
            }
            for r in table.to_dict("records")
        ]
        out.append({"metric": data.metric_name(str(metric)), "rows": rows})
    return out


def _key_drivers(table: pd.DataFrame | None) -> list[dict[str, Any]]:
    if table is None:
        return []
    out = []
    for metric, part in table.groupby("metric", sort=False):
        part = part.sort_values("relative_importance", ascending=False, kind="stable")
        top = max(part["relative_importance"].max(), 1e-12)
        rows = [
            {
                "label": r["label"],
                "coefficient": _num(r.get("coefficient"), 2, True),
                "importance": _num(100 * r["relative_importance"]),
                "width": round(120 * r["relative_importance"] / top),
            }
            for r in part.to_dict("records")
        ]
        out.append({"metric": data.metric_name(str(metric)), "rows": rows})
    return out


def _changes(table: pd.DataFrame | None) -> list[dict[str, str]]:
    if table is None:
        return []
    moving = table[table["status"].isin(["emerging", "fading"])]
    return [
        {
            "label": r["label"],
            "status": r["status"],
            "period": str(r.get("period", "")),
            "change": _num(r.get("change"), 2, True),
            "p": _num(r.get("p_value"), 3),
        }
        for r in moving.to_dict("records")
    ]


def _at_risk(table: pd.DataFrame | None, limit: int = 25) -> dict[str, Any] | None:
    """The first rows of the at-risk table, without internal id lists."""
    if table is None:
        return None
    shown = table.drop(columns=[c for c in table.columns if c.endswith("_ids")]).head(limit)
    shown = shown.copy()
    for column in shown.columns:
        shown[column] = shown[column].map(_cell)
    return {"n": len(table), "columns": list(shown.columns), "rows": shown.values.tolist()}


def _cell(value: Any) -> str:
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d" if value == value.normalize() else "%Y-%m-%d %H:%M")
    if isinstance(value, list | tuple) or hasattr(value, "tolist"):
        return ", ".join(map(str, list(value)))
    if isinstance(value, float):
        return _num(value, 2)
    return "" if value is None else str(value)


def _quarantine_reasons(quarantine: pd.DataFrame) -> dict[str, int]:
    if quarantine.empty:
        return {}
    reasons = quarantine["reason"].str.replace(r"'.*'", "…", regex=True)
    return {str(k): int(v) for k, v in reasons.value_counts().items()}


def _themes(result: RunResult, drivers: pd.DataFrame | None) -> list[dict[str, Any]]:
    """One dict per theme for the table and its card."""
    metrics = result.theme_metrics.set_index("theme_id")
    quote_language = _quote_languages(result.segments)
    subthemes = data.optional_table(result, "subthemes")
    changes = data.optional_table(result, "theme_changes")
    status = {}
    if changes is not None:
        ordered = changes.sort_values("period") if "period" in changes else changes
        status = ordered.drop_duplicates("theme_id", keep="last").set_index("theme_id")["status"]
    impact = {}
    if drivers is not None:
        primary = drivers[drivers["metric"] == data.primary_metric(drivers)]
        name = data.metric_name(data.primary_metric(drivers))
        impact = primary.set_index("theme_id")[["impact", "direction"]].to_dict("index")
        impact = {k: v | {"metric": name} for k, v in impact.items()}
    guided = "source" in result.themes and (result.themes["source"] == "codebook").any()
    themes = []
    for row in result.themes.itertuples(index=False):
        m = metrics.loc[row.theme_id] if row.theme_id in metrics.index else pd.Series(dtype=float)
        theme_impact = impact.get(row.theme_id)
        themes.append(
            {
                "id": int(row.theme_id),
                "label": row.label,
                "unclassified": row.theme_id == UNCLASSIFIED,
                "keywords_by_language": json.loads(row.keywords_by_language),
                "n_responses": int(row.n_responses),
                "n_segments": int(getattr(row, "n_segments", 0)),
                "share_pct": _num(100 * row.share),
                "share": float(row.share),
                "nps": _num(m.get("nps"), 0, signed=True),
                "nps_value": data.finite(m.get("nps")),
                "nps_ci": _ci(m.get("nps_ci_low"), m.get("nps_ci_high"), 0, True),
                "csat": _num(m.get("csat_top_box"), 0),
                "ces": _num(m.get("ces_mean"), 2),
                "sentiment": _num(m.get("sentiment_mean"), 2, signed=True),
                "negative_pct": _num(m.get("negative_pct"), 0),
                "impact": None
                if theme_impact is None
                else {
                    "value": _num(theme_impact["impact"], 1, True),
                    "direction": theme_impact["direction"],
                    "metric": theme_impact["metric"],
                },
                "status": status.get(row.theme_id) if len(status) else None,
                "subthemes": _subthemes(subthemes, row.theme_id),
                "origin": _origin(getattr(row, "source", None), guided),
                "description": getattr(row, "description", "") or "",
                "quotes": [
                    {"text": q, "language": quote_language.get((int(row.theme_id), q), "")}
                    for q in row.quotes
                ],
            }
        )
    return themes


def _quote_languages(segments: pd.DataFrame) -> dict[tuple[int, str], str]:
    if not {"theme_id", "text", "language"} <= set(segments.columns):
        return {}
    pairs = segments.drop_duplicates(["theme_id", "text"])
    return {
        (int(t), text): str(lang)
        for t, text, lang in zip(pairs["theme_id"], pairs["text"], pairs["language"], strict=True)
    }


def _origin(source: str | None, guided: bool) -> str | None:
    """With a codebook, each theme is marked as the researcher's (codebook) or as new."""
    if not guided or source is None:
        return None
    return "codebook" if source == "codebook" else "new"


def _subthemes(table: pd.DataFrame | None, theme_id: int) -> list[dict[str, Any]]:
    if table is None:
        return []
    part = table[table["theme_id"] == theme_id]
    size = next((c for c in ("n_responses", "n_segments") if c in part), None)
    return [
        {"label": r["label"], "n": int(r[size]) if size else None} for r in part.to_dict("records")
    ]
