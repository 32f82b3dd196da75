"""Build a run's driver, trend, segment and at-risk tables from its responses and themes.

Why a module of its own: the pipeline, ``textmine apply`` and the longitudinal store all need
the same tables from the same inputs (analysed responses with their theme lists and scores),
so they are computed in one place. The math lives in :mod:`textmine.drivers`,
:mod:`textmine.keydrivers` and :mod:`textmine.trends`.
"""

from __future__ import annotations

import pandas as pd

from textmine import drivers, keydrivers, trends
from textmine.config import Config, Scales
from textmine.errors import ConfigError
from textmine.schema import UNCLASSIFIED

TABLES = (
    "drivers",
    "key_drivers",
    "nps_groups",
    "trends",
    "theme_changes",
    "segment_metrics",
    "at_risk",
)


def insight_tables(
    responses: pd.DataFrame,
    themes: pd.DataFrame,
    scales: Scales,
    config: Config,
    segments: list[str] | None = None,
) -> tuple[dict[str, pd.DataFrame], pd.Series | None]:
    """Return ({table name: DataFrame}, period label per response or None).

    ``responses`` is the pipeline's table (status, themes lists, nps/csat/ces, optional id,
    date, wave, sentiment_score and segment columns). Only analysed responses count; the
    unclassified pseudo-theme is not a driver.
    """
    analysed = responses[responses["status"] == "analysed"]
    labels = dict(zip(themes["theme_id"].tolist(), themes["label"].tolist(), strict=True))
    theme_ids = [t for t in themes["theme_id"].tolist() if t != UNCLASSIFIED]
    matrix = drivers.indicators(analysed["themes"], theme_ids)
    outcome = drivers.outcomes(
        analysed,
        config.drivers.metrics,
        csat_scale=scales.csat,
        ces_scale=scales.ces,
        ces_high_is_easy=scales.ces_high_is_easy,
    )
    sentiment = analysed.get("sentiment_score")
    settings = config.drivers
    tables = {
        "drivers": drivers.drivers_table(
            outcome,
            matrix,
            labels,
            min_n=settings.min_n,
            alpha=settings.alpha,
            ci_method=settings.ci_method,
            n_boot=settings.n_bootstrap,
            seed=config.seed,
            lower_is_better=() if scales.ces_high_is_easy else ("ces",),
        )
    }
    if settings.key_drivers:
        tables["key_drivers"] = keydrivers.key_drivers(
            outcome,
            matrix,
            labels,
            sentiment,
            exact_max=settings.lmg_exact_max,
            n_orders=settings.lmg_orders,
            seed=config.seed,
        )
    if "nps" in analysed and analysed["nps"].notna().any():
        tables["nps_groups"] = drivers.nps_group_themes(
            analysed["nps"], matrix, labels, alpha=settings.alpha
        )
    periods, order = assign_periods(analysed, config.trends.period)
    if periods is not None:
        tables["trends"] = trends.breakdown(
            outcome, matrix, labels, periods, sentiment, order=order, min_n=settings.min_n
        )
        tables["theme_changes"] = trends.theme_changes(
            tables["trends"],
            order,
            history=config.trends.history,
            min_history=config.trends.min_history,
            alpha=settings.alpha,
        )
    if segments:
        tables["segment_metrics"] = trends.segment_metrics(
            outcome, matrix, labels, analysed[segments], sentiment, min_n=settings.min_n
        )
    if "id" in analysed and analysed["id"].notna().any():
        rules = config.trends.at_risk
        tables["at_risk"] = trends.at_risk(
            analysed.rename(columns={"id": "customer_id"}),
            labels,
            csat_streak=rules.csat_streak,
            csat_negative_at_most=rules.csat_negative_at_most,
            csat_scale=scales.csat,
            nps_detractor=rules.nps_detractor,
            scope=rules.scope,
        )
    return tables, periods


def assign_periods(analysed: pd.DataFrame, period: str) -> tuple[pd.Series | None, list[str]]:
    """Period label per analysed response and the periods in time order.

    ``auto`` uses the wave column when there is one, else picks day/week/month/quarter from
    the date span; with neither (or ``none``) there are no trend tables.
    """
    has_wave = "wave" in analysed and analysed["wave"].notna().any()
    has_date = "date" in analysed and analysed["date"].notna().any()
    if period == "auto":
        auto = trends.choose_period(analysed["date"]) if has_date else "none"
        period = "wave" if has_wave else auto
    if period == "none":
        return None, []
    if period == "wave" and not has_wave:
        raise ConfigError("trends.period is 'wave' but there is no wave column (columns.wave)")
    if period != "wave" and not has_date:
        raise ConfigError(f"trends.period is {period!r} but there is no date column")
    if period == "wave":
        waves = analysed["wave"].astype(object).where(analysed["wave"].notna(), None)
        waves = waves.map(lambda w: None if w is None else str(w))
        return waves, trends.wave_order(waves, analysed["date"] if has_date else None)
    labels = trends.period_labels(analysed["date"], period)
    return labels, sorted(labels.dropna().unique().tolist())
