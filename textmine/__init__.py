"""textmine: themes, sentiment and score drivers from multilingual customer feedback.

>>> from textmine import analyze
>>> result = analyze(df, text="answer", nps="nps")     # doctest: +SKIP
>>> result.theme_metrics                               # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"

from textmine.config import Config  # noqa: E402
from textmine.errors import ConfigError, InputError, TextmineError  # noqa: E402
from textmine.ingest import read_table as load_feedback  # noqa: E402
from textmine.pipeline import analyze, apply_model  # noqa: E402
from textmine.result import RunResult  # noqa: E402
from textmine.themes import ThemeModel  # noqa: E402

__all__ = [
    "Config",
    "ConfigError",
    "InputError",
    "RunResult",
    "TextmineError",
    "ThemeModel",
    "analyze",
    "apply_model",
    "load_feedback",
]
