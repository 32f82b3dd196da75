"""Self-contained HTML report: inline CSS and scripts, no network, every text escaped.

Safety works in two layers. Jinja autoescapes every value and chart data travels as a JSON
block that cannot close its ``<script>`` element. On top, the Content-Security-Policy allows
only the two scripts we inline, by their SHA-256 hash: a script that slipped through the
escaping would still not run, and the page can make no request at all (``default-src 'none'``).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from textmine.report.context import chart_specs, report_context
from textmine.result import RunResult

REPORT_FILE = "report.html"
PLOTLY_FILE = "plotly-basic.min.js"
# Draws every chart from the JSON block; re-fits them to the page width before printing.
APP_JS = """(function () {
  var specs = JSON.parse(document.getElementById("chart-data").textContent);
  var config = {displaylogo: false, responsive: true,
    modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines"]};
  specs.forEach(function (s) {
    var el = document.getElementById(s.id);
    if (el) { Plotly.newPlot(el, s.data, s.layout, config); }
  });
  window.addEventListener("beforeprint", function () {
    specs.forEach(function (s) {
      var el = document.getElementById(s.id);
      if (el) { Plotly.Plots.resize(el); }
    });
  });
})();"""


def _environment() -> Environment:
    # Autoescape is on for every template: feedback text is untrusted input.
    return Environment(
        loader=PackageLoader("textmine.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


@functools.lru_cache(maxsize=1)
def plotly_js() -> str:
    """The plotly.js basic bundle (scatter, bar, pie; MIT) shipped in textmine/report/vendor."""
    return (files("textmine.report") / "vendor" / PLOTLY_FILE).read_text(encoding="utf-8")


def script_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def json_for_script(value: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``: no ``<``, ``>`` or
    ``&`` can end the element or open a comment, whatever the feedback contains."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def render_html(result: RunResult, title: str | None = None) -> str:
    context = report_context(
        result,
        title
        or result.run.get("config", {}).get("report", {}).get("title", "Customer feedback themes"),
    )
    charts = chart_specs(result)
    scripts = {}
    if charts:
        scripts = {"plotly_js": plotly_js(), "app_js": APP_JS}
    csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:;"
    if scripts:
        csp += " script-src " + " ".join(script_hash(s) for s in scripts.values()) + ";"
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            **context,
            charts=charts,
            chart_ids={c.id for c in charts},
            chart_json=Markup(json_for_script([c.spec() for c in charts])),
            csp=csp,
            **{name: Markup(source) for name, source in scripts.items()},
        )
    )


def write_html(result: RunResult, out: Path) -> Path:
    path = Path(out) / REPORT_FILE
    path.write_text(render_html(result), encoding="utf-8")
    return path
