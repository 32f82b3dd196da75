"""The HTML report in a real browser: headless Chromium loads it offline, draws every chart,
logs no error (CSP violations included) and runs none of the planted payloads."""

import base64
import os
import re
import shutil
from pathlib import Path

from textmine.report import write_reports
from textmine.report.context import chart_specs

from .browser import chromium, console_errors, full_page_screenshot, open_page

DRAWN = """
return Array.from(document.querySelectorAll('.plot')).map(function (el) {
  var marks = '.scatterlayer .point, .barlayer .point, .scatterlayer .trace path';
  return [el.id, el.querySelectorAll('.main-svg').length, el.querySelectorAll(marks).length];
});
"""


def _check_page(driver, expected_charts: set[str]) -> None:
    assert console_errors(driver) == []
    drawn = {chart: (svgs, marks) for chart, svgs, marks in driver.execute_script(DRAWN)}
    assert set(drawn) == expected_charts
    assert all(svgs >= 1 and marks >= 1 for svgs, marks in drawn.values()), drawn
    assert driver.execute_script("return window.__pwned === undefined")
    assert driver.execute_script("return document.querySelectorAll('img, svg[onload]').length") == 0


def test_report_draws_every_chart_in_chromium(report_rich, report_base, tmp_path):
    write_reports(report_rich, tmp_path / "rich", ["html"])
    write_reports(report_base, tmp_path / "base", ["html"])
    with chromium() as driver:
        open_page(driver, tmp_path / "rich" / "report.html")
        _check_page(driver, {c.id for c in chart_specs(report_rich)})
        # The metric buttons switch the priority matrix to CSAT.
        driver.execute_script(
            "document.querySelectorAll('#chart-priority .updatemenu-button')[1]"
            ".dispatchEvent(new MouseEvent('click', {bubbles: true}))"
        )
        title = driver.execute_script(
            "return document.getElementById('chart-priority').layout.yaxis.title.text"
        )
        assert title == "impact on CSAT top-box % (points)"
        assert console_errors(driver) == []
        shot = full_page_screenshot(driver, tmp_path / "report.png")
        assert shot.stat().st_size > 50_000
        if os.environ.get("TEXTMINE_SCREENSHOT"):
            shutil.copy(shot, Path(os.environ["TEXTMINE_SCREENSHOT"]))
        # Printing (to PDF) works and lays the long page out over several pages.
        from selenium.webdriver.common.print_page_options import PrintOptions

        pdf = base64.b64decode(driver.print_page(PrintOptions()))
        assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 3
        open_page(driver, tmp_path / "base" / "report.html")
        _check_page(driver, {c.id for c in chart_specs(report_base)})
