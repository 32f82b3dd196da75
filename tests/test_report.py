"""HTML, Markdown and XLSX reports on real runs (fixtures in report_fixtures.py)."""

import copy
import json
import re
from html import unescape

import pandas as pd
import pytest

from textmine import Config, analyze
from textmine.report import data, write_reports
from textmine.report.context import chart_specs, report_context
from textmine.report.html import json_for_script, render_html, script_hash
from textmine.report.tabular import _sheet_name, markdown_report, neutralise_formula
from textmine.testing import make_feedback

from .report_fixtures import LABEL_PAYLOAD

ALL_CHARTS = {
    "chart-priority",
    "chart-scores",
    "chart-nps-groups",
    "chart-sentiment",
    "chart-trends",
    "chart-segments",
    "chart-languages",
}


def _chart_data(html: str) -> list[dict]:
    block = re.search(r'<script type="application/json" id="chart-data">(.*?)</script>', html)
    return json.loads(block.group(1))


# ---------------------------------------------------------------- safety
def test_feedback_markup_is_escaped_everywhere(report_rich):
    html = render_html(report_rich)
    for raw in ("<img src=x", "<svg onload", 'onerror="window', "<script>window"):
        assert raw not in html
    # The hostile theme label is shown as text: escaped in the page ...
    assert "&lt;img src=x onerror=&#34;window.__pwned = 4&#34;&gt;Delivery" in html
    # ... and HTML-escaped inside the chart data, which plotly decodes back to text.
    labels = [
        y for chart in _chart_data(html) for trace in chart["data"] for y in trace.get("y", [])
    ]
    assert '&lt;img src=x onerror="window.__pwned = 4"&gt;Delivery' in labels


def test_only_our_scripts_exist_and_the_policy_allows_only_them(report_rich):
    html = render_html(report_rich)
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    assert [attrs for attrs, _ in scripts] == [' type="application/json" id="chart-data"', "", ""]
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    csp = unescape(csp)
    assert csp.startswith("default-src 'none';")
    script_src = re.search(r"script-src ([^;]+);", csp).group(1).split()
    assert script_src == [script_hash(body) for attrs, body in scripts if not attrs]
    assert "unsafe" not in " ".join(script_src)
    # No link or resource of the page itself points outside it (the vendored plotly bundle
    # mentions its home page in code; the policy above blocks any request it could make).
    page = re.sub(r"<script[^>]*>.*?</script>", "", html, flags=re.S)
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)


def test_json_for_script_cannot_close_the_element():
    text = json_for_script({"label": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"label": "</script><script>alert(1)</script> & <!--"}


# ---------------------------------------------------------------- sections present / absent
def test_every_section_renders_from_driver_tables(report_rich):
    html = render_html(report_rich)
    assert {c.id for c in chart_specs(report_rich)} == ALL_CHARTS
    for anchor in ("drivers", "trends", "segments", "at-risk", "theme-cards", "data-quality"):
        assert f'<section id="{anchor}">' in html
    assert "Key-driver analysis" in html and "Sub-themes:" in html
    assert 'class="tag emerging">emerging' in html and 'class="tag fading">fading' in html


def test_top_drivers_follow_the_drivers_table(report_rich):
    drivers = report_rich.extra["drivers"]
    nps = drivers[drivers["metric"] == "nps"]
    best = nps[(nps["direction"] == "positive") & (nps["rank"] == 1)].iloc[0]
    top = report_context(report_rich)["top_drivers"]
    assert top["metric"] == "NPS"
    assert top["positive"][0]["label"] == best["label"]
    assert top["positive"][0]["impact"] == f"{best['impact']:+.1f}"
    assert top["positive"][0]["ci"] == (
        f"{best['impact_ci_low']:+.1f} to {best['impact_ci_high']:+.1f}"
    )
    assert len(top["negative"]) == (nps["direction"] == "negative").sum()


def test_sections_without_tables_are_left_out(report_base):
    html = render_html(report_base)
    ids = {c.id for c in chart_specs(report_base)}
    assert ids == {"chart-scores", "chart-nps-groups", "chart-segments", "chart-languages"}
    for anchor in ("drivers", "trends", "at-risk"):
        assert f'<section id="{anchor}">' not in html
    assert "What lifts" not in html and "Sub-themes:" not in html


def test_run_without_scores_has_no_score_charts():
    frame = make_feedback(60, seed=3)[["answer"]]
    config = Config.from_dict(
        {"embedding": {"backend": "hashing", "cache": False}, "themes": {"reducer": "pca"}}
    )
    result = analyze(frame, config, text="answer", language=None)
    html = render_html(result)
    assert {c.id for c in chart_specs(result)} == {"chart-languages", "chart-sentiment"}
    assert [k["label"] for k in report_context(result)["kpis"]] == ["sentiment"]
    assert "NPS" not in re.sub(r"<th[^>]*>NPS \(95% CI\)</th>", "", html.split("<main>")[1])


# ---------------------------------------------------------------- figures
def test_overall_kpis_match_the_score_functions(report_rich):
    from textmine import scores

    answered = data.analysed(report_rich)
    low, high = scores.nps_interval(answered["nps"])
    kpis = {k["label"]: k for k in report_context(report_rich)["kpis"]}
    assert kpis["NPS"]["value"] == f"{scores.nps(answered['nps']):+.1f}"
    assert kpis["NPS"]["detail"].startswith(f"95% CI {low:+.1f} to {high:+.1f}")
    top = int((answered["csat"] >= 4).sum())
    c_low, c_high = scores.proportion_interval(top, answered["csat"].notna().sum())
    assert kpis["CSAT top-box"]["detail"].startswith(f"95% CI {c_low:.1f} to {c_high:.1f}")
    assert kpis["CES mean (1–7)"]["value"] == f"{answered['ces'].mean():.2f}"


def test_score_chart_uses_the_theme_metrics(report_rich):
    levels = data.theme_scores(report_rich)
    nps = levels[levels["metric"] == "nps"].set_index("theme_id")
    metrics = report_rich.theme_metrics.set_index("theme_id")
    for theme_id, row in nps.iterrows():
        assert row["score"] == pytest.approx(metrics.loc[theme_id, "nps"])
        assert row["ci_low"] == pytest.approx(metrics.loc[theme_id, "nps_ci_low"])
        assert row["n"] == metrics.loc[theme_id, "n_nps"]


def test_promoter_and_detractor_shares_by_hand(report_rich):
    groups = data.nps_group_shares(report_rich).set_index("theme_id")
    answered = data.analysed(report_rich)
    promoters = answered[answered["nps"] >= 9]
    detractors = answered[answered["nps"] <= 6]

    def mentions(frame: pd.DataFrame, theme_id: int) -> float:
        return 100 * frame["themes"].map(lambda t: theme_id in list(t)).mean()

    for theme_id in groups.index:
        assert groups.loc[theme_id, "promoters_share"] == pytest.approx(
            mentions(promoters, theme_id)
        )
        assert groups.loc[theme_id, "detractors_share"] == pytest.approx(
            mentions(detractors, theme_id)
        )
    assert groups.attrs["n_promoters"] == len(promoters)


def test_sentiment_mix_adds_up(report_rich):
    mix = data.sentiment_mix(report_rich)
    totals = mix[["negative", "neutral", "positive"]].sum(axis=1)
    assert totals.to_list() == pytest.approx([100.0] * len(mix))
    without = copy.copy(report_rich)
    without.responses = report_rich.responses.assign(sentiment_label=None)
    assert data.sentiment_mix(without) is None


def test_segment_shares_counted_from_responses_match_the_segment_table(report_rich):
    from_table = data.segment_shares(report_rich)
    plain = copy.copy(report_rich)
    plain.extra = {}
    counted = data.segment_shares(plain)
    key = ["segment", "value", "theme_id"]
    merged = from_table.merge(counted, on=key, suffixes=("_table", "_counted"), validate="1:1")
    assert len(merged) == len(from_table) == len(counted)
    assert merged["share_table"].to_list() == pytest.approx(merged["share_counted"].to_list())


def test_cards_show_quotes_with_their_language(report_rich):
    cards = {t["id"]: t for t in report_context(report_rich)["themes"]}
    segments = report_rich.segments
    for theme_id, card in cards.items():
        for quote in card["quotes"]:
            languages = segments.loc[
                (segments["theme_id"] == theme_id) & (segments["text"] == quote["text"]), "language"
            ]
            assert quote["language"] == languages.iloc[0]
    assert [s["label"] for s in cards[0]["subthemes"]][0] == "courier / tracking"
    assert cards[0]["label"] == LABEL_PAYLOAD


def test_codebook_themes_and_new_themes_are_marked(report_rich):
    guided = copy.copy(report_rich)
    themes = report_rich.themes.copy()
    themes["source"] = ["codebook" if t == 0 else "discovered" for t in themes["theme_id"]]
    themes["description"] = [
        "Parcels that arrive late" if t == 0 else "" for t in themes["theme_id"]
    ]
    guided.themes = themes
    cards = {t["id"]: t for t in report_context(guided)["themes"]}
    assert cards[0]["origin"] == "codebook" and cards[1]["origin"] == "new"
    html = render_html(guided)
    assert html.count('<span class="tag codebook">codebook</span>') == 2  # table row + card
    assert "Parcels that arrive late" in html
    assert "(codebook)" in markdown_report(guided)
    # Without a codebook nothing is marked: every theme is discovered.
    assert all(t["origin"] is None for t in report_context(report_rich)["themes"])


def test_data_quality_counts_every_row(report_rich):
    ctx = report_context(report_rich)
    assert sum(ctx["quarantine_reasons"].values()) == len(report_rich.quarantine) == 3
    coverage = data.language_coverage(report_rich)
    assert coverage["n"].sum() == ctx["counts"]["analysed"]
    unclassified = (coverage["n"] * coverage["unclassified_pct"] / 100).sum()
    assert unclassified == pytest.approx(ctx["counts"]["unclassified_share"] * coverage["n"].sum())


# ---------------------------------------------------------------- exports
def test_markdown_has_the_same_sections(report_rich):
    text = markdown_report(report_rich)
    headings = [line for line in text.splitlines() if line.startswith("#")]
    for heading in (
        "## Overview",
        "## Themes",
        "## Drivers",
        "### NPS",
        "### Key drivers: NPS",
        "## Theme share by period (%)",
        "## Emerging and fading themes",
        "## Theme share by country (%)",
        "## What customers say",
        "## Data quality",
    ):
        assert heading in headings
    assert "<img" not in text and "<svg" not in text and "<script" not in text
    table_rows = [line for line in text.splitlines() if line.startswith("|")]
    widths = {line.count(" | ") - line.count("\\|") for line in table_rows if "---" not in line}
    assert all(w >= 1 for w in widths)


def test_xlsx_has_a_sheet_per_table_and_no_formulas(report_rich, tmp_path):
    from openpyxl import load_workbook

    paths = write_reports(report_rich, tmp_path, ["html", "md", "xlsx"])
    assert [p.name for p in paths] == ["report.html", "report.md", "report.xlsx"]
    book = load_workbook(tmp_path / "report.xlsx")
    expected = ["overview", *report_rich.tables()]
    assert book.sheetnames == expected
    cells = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row]
    strings = [v for v in cells if isinstance(v, str)]
    assert not [v for v in strings if v.lstrip(" ").startswith(("=", "+", "-", "@"))]
    assert any(v.startswith("'=HYPERLINK") for v in strings)
    drivers = pd.read_excel(tmp_path / "report.xlsx", sheet_name="drivers")
    assert len(drivers) == len(report_rich.extra["drivers"])


def test_formula_neutralising_and_sheet_names():
    assert neutralise_formula(" =1+1") == "' =1+1"
    assert neutralise_formula("-2") == "'-2"
    assert neutralise_formula("fine = ok") == "fine = ok"
    assert neutralise_formula(-2) == -2
    taken: set[str] = set()
    assert _sheet_name("a" * 40, taken) == "a" * 31
    assert _sheet_name("a" * 40, taken) == "a" * 29 + "_2"
    assert _sheet_name("x/y:z", taken) == "x_y_z"


def test_cli_report_rebuilds_every_format_from_a_saved_run(report_rich, tmp_path):
    from typer.testing import CliRunner

    from textmine.cli import app

    report_rich.save(tmp_path)
    outcome = CliRunner().invoke(app, ["report", str(tmp_path), "--format", "html,md,xlsx"])
    assert outcome.exit_code == 0, outcome.output
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert '<section id="drivers">' in html and '<section id="trends">' in html
    assert {c["id"] for c in _chart_data(html)} == ALL_CHARTS
