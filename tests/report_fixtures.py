"""Small real runs for the report tests, with driver-like tables added in a few lines of pandas.

The drivers stage (issue 7) writes ``drivers``, ``key_drivers``, ``trends``, ``theme_changes``,
``segment_metrics`` and ``at_risk`` into ``result.extra``. These fixtures build tables of that
shape from the run's own responses, so every report section can be exercised; the figures are
simple (impact = score(all) - score(without)) and are not what the drivers stage computes.
"""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest

from textmine import Config, analyze
from textmine.metrics import memberships
from textmine.result import RunResult
from textmine.schema import UNCLASSIFIED
from textmine.testing import make_feedback

PAYLOADS = [
    "<script>window.__pwned = 1</script>",
    '<img src=x onerror="window.__pwned = 2">',
    '"><svg onload="window.__pwned = 3">',
    '=HYPERLINK("http://evil.example","x")',
]
LABEL_PAYLOAD = '<img src=x onerror="window.__pwned = 4">Delivery'


def base_result(n: int = 160, seed: int = 6) -> RunResult:
    """analyze() on planted feedback in four languages with the hashing embedder."""
    data = make_feedback(n, languages=("en", "de", "sv", "zh"), seed=seed)
    for i, payload in enumerate(PAYLOADS):
        data.loc[i, "answer"] = f"The delivery was late {payload} delivery late again"
    data.loc[4, "nps"] = 11  # quarantined: outside the 0-10 scale
    data.loc[5, "answer"] = "   "  # quarantined: empty answer
    data["nps"] = data["nps"].astype(object)
    data.loc[6, "nps"] = PAYLOADS[1]  # quarantined: not a number, shown in data quality
    data.loc[7, "answer"] = PAYLOADS[3] + " delivery was late"  # a formula for spreadsheets
    config = Config.from_dict(
        {
            "embedding": {"backend": "hashing", "cache": False},
            "sentiment": {"backend": "none"},
            "themes": {"reducer": "pca"},
        }
    )
    result = analyze(
        data,
        config,
        text="answer",
        nps="nps",
        csat="csat",
        ces="ces",
        date="submitted_at",
        language="language",
        segments=["country"],
    )
    result.extra = {}  # like a run saved before the drivers stage existed
    return result


@pytest.fixture(scope="session")
def report_base() -> RunResult:
    """A real run without driver tables (like an older run)."""
    return base_result()


@pytest.fixture(scope="session")
def report_rich(report_base) -> RunResult:
    """The same run with driver-like tables, sentiment and hostile labels."""
    return with_driver_tables(report_base)


def _nps(values: pd.Series) -> float:
    values = values.dropna()
    return 100.0 * ((values >= 9).mean() - (values <= 6).mean())


def _top_box(values: pd.Series) -> float:
    return 100.0 * (values.dropna() >= 4).mean()


def with_driver_tables(result: RunResult) -> RunResult:
    """A copy of ``result`` with sentiment, a renamed theme and driver-like extra tables."""
    result = copy.deepcopy(result)
    responses = result.responses
    ok = responses["status"] == "analysed"
    # Sentiment from the score, so the sentiment chart has data without a model.
    responses["sentiment_score"] = np.where(ok, (responses["nps"] - 6) / 4, np.nan).clip(-1, 1)
    bins, names = [-1.01, -0.2, 0.2, 1.01], ["negative", "neutral", "positive"]
    responses["sentiment_label"] = pd.cut(responses["sentiment_score"], bins, labels=names)
    responses["sentiment_label"] = responses["sentiment_label"].astype(object)
    # A user-renamed theme whose label is hostile markup.
    for table in (result.themes, result.theme_metrics):
        table.loc[table["theme_id"] == 0, "label"] = LABEL_PAYLOAD
    labels = dict(zip(result.themes["theme_id"], result.themes["label"], strict=True))
    analysed = responses[ok]
    links = memberships(responses)
    links = links[links["theme_id"] != UNCLASSIFIED]
    result.extra = {
        "drivers": _drivers(analysed, links, labels),
        "key_drivers": _key_drivers(analysed, links, labels),
        "trends": _trends(analysed, links, labels),
        "theme_changes": pd.DataFrame(
            {
                "theme_id": [0, 1],
                "label": [labels[0], labels[1]],
                "period": ["2025-06", "2025-06"],
                "change": [0.12, -0.08],
                "p_value": [0.004, 0.02],
                "status": ["emerging", "fading"],
            }
        ),
        "segment_metrics": _segment_metrics(analysed, links, labels),
        "at_risk": pd.DataFrame(
            {"customer_id": ["C1", PAYLOADS[1]], "rule": ["detractor", "3 low CSAT"]}
            | {"themes": [[labels[0]], [labels[1], labels[2]]]}
        ),
        "subthemes": pd.DataFrame(
            {"theme_id": [0, 0], "label": ["courier / tracking", PAYLOADS[2]]}
            | {"n_responses": [9, 4]}
        ),
    }
    return result


def _drivers(analysed: pd.DataFrame, links: pd.DataFrame, labels: dict) -> pd.DataFrame:
    rows = []
    for metric, column, score in (("nps", "nps", _nps), ("csat", "csat", _top_box)):
        everyone = score(analysed[column])
        for theme_id, group in links.groupby("theme_id"):
            has = analysed["response_id"].isin(group["response_id"])
            impact = everyone - score(analysed.loc[~has, column])
            rows.append(
                {
                    "theme_id": theme_id,
                    "label": labels[theme_id],
                    "metric": metric,
                    "n_with": int(has.sum()),
                    "n_without": int((~has).sum()),
                    "score_all": everyone,
                    "score_with": score(analysed.loc[has, column]),
                    "score_without": score(analysed.loc[~has, column]),
                    "impact": impact,
                    "impact_ci_low": impact - 3,
                    "impact_ci_high": impact + 3,
                    "p_value": 0.001 if abs(impact) > 3 else 0.4,
                    "q_value": 0.003 if abs(impact) > 3 else 0.5,
                    "significant": abs(impact) > 3,
                    "too_small": int(has.sum()) < 10,
                }
            )
    table = pd.DataFrame(rows)
    judged = table["significant"] & ~table["too_small"]
    table["direction"] = np.where(
        judged, np.where(table["impact"] > 0, "positive", "negative"), "none"
    )
    strength = table["impact"].abs().where(table["direction"] != "none")
    table["rank"] = strength.groupby([table["metric"], table["direction"]]).rank(
        ascending=False, method="first"
    )
    return table


def _key_drivers(analysed: pd.DataFrame, links: pd.DataFrame, labels: dict) -> pd.DataFrame:
    drivers = _drivers(analysed, links, labels)
    table = drivers[["theme_id", "label", "metric"]].copy()
    table["coefficient"] = drivers["score_with"] - drivers["score_without"]
    weight = table["coefficient"].abs()
    table["relative_importance"] = weight / weight.groupby(table["metric"]).transform("sum")
    sentiment = pd.DataFrame(
        {"theme_id": [pd.NA], "label": ["sentiment"], "metric": ["nps"]}
        | {"coefficient": [40.0], "relative_importance": [0.05]}
    )
    return pd.concat([table, sentiment], ignore_index=True).astype({"theme_id": "Int64"})


def _trends(analysed: pd.DataFrame, links: pd.DataFrame, labels: dict) -> pd.DataFrame:
    period = analysed.set_index("response_id")["date"].dt.to_period("M").astype(str)
    sizes = period.value_counts()
    joined = links.assign(period=links["response_id"].map(period))
    nps = analysed.set_index("response_id")["nps"]
    rows = [
        {"period": month, "theme_id": pd.NA, "label": "All responses", "n_responses": n}
        | {"share": 1.0, "nps": _nps(nps.loc[period.index[period == month]])}
        for month, n in sizes.sort_index().items()
    ]
    for (month, theme_id), group in joined.groupby(["period", "theme_id"]):
        rows.append(
            {
                "period": month,
                "theme_id": theme_id,
                "label": labels[theme_id],
                "n_responses": len(group),
                "share": len(group) / sizes[month],
                "nps": _nps(nps.loc[group["response_id"]]),
            }
        )
    table = pd.DataFrame(rows)
    return table.astype({"theme_id": "Int64"})


def _segment_metrics(analysed: pd.DataFrame, links: pd.DataFrame, labels: dict) -> pd.DataFrame:
    country = analysed.set_index("response_id")["country"]
    sizes = country.value_counts()
    joined = links.assign(segment_value=links["response_id"].map(country))
    counts = joined.groupby(["segment_value", "theme_id"]).size().rename("n_responses")
    counts = counts.reset_index()
    counts["share"] = counts["n_responses"] / counts["segment_value"].map(sizes)
    counts["label"] = counts["theme_id"].map(labels)
    everyone = pd.DataFrame(
        {"segment_value": sizes.index, "theme_id": pd.NA, "n_responses": sizes.values}
        | {"share": 1.0, "label": "All responses"}
    )
    table = pd.concat([everyone, counts], ignore_index=True).astype({"theme_id": "Int64"})
    return table.assign(segment="country")
