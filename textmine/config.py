"""Run configuration: pydantic models with offline defaults; unknown keys are an error.

A config file (YAML or JSON) has the same shape as :class:`Config`; CLI flags override it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from textmine.errors import ConfigError
from textmine.settings_io import read_yaml, validate_as


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Columns(_Strict):
    """Which input column plays which role. ``None`` means "auto-detect or absent"."""

    text: str | None = None
    nps: str | None = None
    csat: str | None = None
    ces: str | None = None
    id: str | None = None
    date: str | None = None
    date_format: str | None = Field(
        None, description="strftime format, e.g. '%d/%m/%Y %H:%M'; default: inferred per file"
    )
    segments: list[str] = Field(default_factory=list, description="columns to break metrics by")
    language: str | None = Field(None, description="column with a known language code")
    wave: str | None = Field(None, description="column with a survey wave / period label")


class Scales(_Strict):
    """Score scales. CSAT is inferred from the data when not declared."""

    csat: Literal[3, 5, 7, 10] | None = None
    ces: Literal[5, 7] = 7
    ces_high_is_easy: bool = Field(
        True, description="CES 2.0 (1-7 agreement, 7 = easy). Set false for 1-5 low-is-easy."
    )


# Languages the default detector chooses from: the common languages of customer feedback.
# Restricting lingua to them is ~5x faster and more accurate than all 75 (docs/benchmarks.md).
DEFAULT_LANGUAGES = [
    "en",
    "de",
    "sv",
    "da",
    "nb",
    "nl",
    "fr",
    "es",
    "it",
    "pt",
    "fi",
    "pl",
    "cs",
    "hu",
    "ro",
    "el",
    "tr",
    "ru",
    "uk",
    "ar",
    "he",
    "hi",
    "zh",
    "ja",
    "ko",
    "th",
    "vi",
    "id",
    "ms",
]


class LanguageSettings(_Strict):
    backend: Literal["lingua", "langdetect"] = "lingua"
    min_chars: int = Field(12, ge=1, description="shorter texts get 'und' unless a script tells")
    allowed: list[str] = Field(
        default_factory=lambda: list(DEFAULT_LANGUAGES),
        description="ISO 639-1 codes the detector may answer; [] = every language it knows",
    )


class NormalizeSettings(_Strict):
    redact_pii: bool = True
    redact_handles: bool = False
    redact_ids: bool = Field(True, description="national ids with a checksum or a fixed format")


class ReadSettings(_Strict):
    """How files are read, for every source. ``None`` = detect."""

    encoding: str | None = Field(None, description="e.g. utf-8, cp1252; default: detect")
    delimiter: str | None = Field(None, description="CSV delimiter; default: sniff , ; tab |")
    sheet: str | int | None = Field(None, description="XLSX sheet name or index; default: first")
    progress: bool | None = Field(None, description="progress bar; default: only on a terminal")


class SurveySettings(_Strict):
    questions: list[str] = Field(
        default_factory=list, description="several open-question columns of a wide export"
    )
    questions_mode: Literal["stacked", "separate"] = Field(
        "stacked",
        description="stacked: one analysis, question as a column; separate: one run per question",
    )


class ChatRoles(_Strict):
    """Speaker labels (case-insensitive) per role; unknown labels are quarantined."""

    customer: list[str] = Field(
        default_factory=lambda: ["customer", "user", "client", "visitor", "kunde", "kund", "客户"]
    )
    agent: list[str] = Field(
        default_factory=lambda: ["agent", "helpdesk", "support", "operator", "staff", "客服"]
    )
    bot: list[str] = Field(default_factory=lambda: ["bot", "assistant", "virtual agent"])
    system: list[str] = Field(default_factory=lambda: ["system", "action", "event", "note"])


class ChatSettings(_Strict):
    format: Literal["auto", "long", "stc3", "multidogo", "abcd", "twcs"] = "auto"
    analyse_roles: list[Literal["customer", "agent", "bot"]] = Field(
        default_factory=lambda: ["customer"], description="roles whose turns are themed"
    )
    roles: ChatRoles = Field(default_factory=ChatRoles)
    conversation: str | None = Field(None, description="long format: conversation id column")
    turn: str | None = Field(None, description="long format: turn number column")
    role: str | None = Field(None, description="long format: role/speaker column")
    text: str | None = Field(None, description="long format: message text column")
    time: str | None = Field(None, description="long format: timestamp column")


class SocialSettings(_Strict):
    dedupe: Literal["near", "exact", "none"] = "near"
    near_threshold: float = Field(
        0.85, ge=0.5, le=1.0, description="Jaccard of character 5-grams to call posts duplicates"
    )
    pseudonymise_authors: bool = True
    pseudonym_salt: str | None = Field(
        None, description="keeps pseudonyms stable across runs; default: env or a per-run salt"
    )
    text: str | None = None
    author: str | None = None
    platform: str | None = None


class EmailSettings(_Strict):
    strip_quotes: bool = True
    strip_signatures: bool = True
    strip_disclaimers: bool = True
    include_subject: bool = False
    text: str | None = Field(None, description="column with the message body")
    subject: str | None = None


class SegmentSettings(_Strict):
    mode: Literal["sentence", "none"] = "sentence"
    min_chars: int = Field(12, ge=1, description="shorter segments are merged into a neighbour")


class EmbeddingSettings(_Strict):
    backend: str = Field(
        "multilingual",
        description="multilingual (USE + Scandinavian route), use, sentence-transformers, hashing",
    )
    model_path: str | None = Field(
        None, description="sentence-transformers model folder, or the Scandinavian map (.npz)"
    )
    cache_dir: str | None = Field(None, description="default: $TEXTMINE_CACHE or ~/.cache/textmine")
    cache: bool = True
    workers: int | Literal["auto"] = Field(
        "auto",
        description="processes that embed new text (from 4,096 texts on); auto = one per core, "
        "at most 8; 1 = in-process. Vectors are identical for any number.",
    )

    def cache_directory(self) -> Path | None:
        """Where embeddings (and theme fits) are cached; ``None`` when caching is off."""
        if not self.cache:
            return None
        return Path(self.cache_dir) if self.cache_dir else default_cache_dir()


class ThemeSettings(_Strict):
    min_theme_size: int | Literal["auto"] = Field(
        "auto", description="smallest theme/sub-theme in segments; auto = max(5, sqrt(n)/4)"
    )
    n_themes: int | Literal["auto"] = Field(
        "auto",
        description="number of themes; auto = the most whose silhouette is within 0.015 of the "
        "best, in sqrt(n)/4..1.5 sqrt(n)",
    )
    max_themes: int = Field(80, ge=2, description="cap on the automatic number of themes")
    subthemes_per_theme: int = Field(3, ge=1, description="sub-themes under each theme (at most)")
    cache: bool = Field(
        True,
        description="reuse a fitted model when vectors, settings and seed are unchanged "
        "(kept beside the embedding cache; off when embedding.cache is off)",
    )
    reducer: Literal["umap", "pca"] = "umap"
    n_components: int = Field(5, ge=2)
    n_neighbors: int = Field(15, ge=2)
    outlier_threshold: float | Literal["auto"] = Field(
        "auto",
        description="min cosine to the nearest prototype; auto = the outlier_quantile of the "
        "training similarities, but no higher than 1 - 3 x the median distance (docs/themes.md)",
    )
    outlier_quantile: float = Field(0.01, ge=0, lt=1)
    codebook: str | None = Field(None, description="YAML codebook that seeds themes")
    guided_threshold: float = Field(
        0.7, ge=-1, le=1, description="min cosine of a micro-cluster to a codebook seed to join it"
    )
    center_languages: bool = Field(
        True, description="remove each language's mean vector before clustering (multilingual)"
    )
    lexical_weight: Annotated[float, Field(ge=0, le=1)] | Literal["auto"] = Field(
        "auto",
        description="weight of character n-grams beside the embeddings when themes are "
        "discovered; auto = 0.3 when one language has 90%+ of the segments, fading to 0 at 60%",
    )
    n_keywords: int = Field(10, ge=1)
    n_quotes: int = Field(5, ge=1)


class SentimentSettings(_Strict):
    backend: str = Field("builtin", description="builtin, transformers or none")
    model_path: str | None = Field(
        None, description="model folder: a local Hugging Face model for 'transformers'"
    )


class DriverSettings(_Strict):
    """Theme impact on the scores (docs/drivers.md)."""

    metrics: list[Literal["nps", "csat", "csat_mean", "ces", "ces_agree"]] = Field(
        default_factory=lambda: ["nps", "csat", "ces"],
        description="scores to explain: csat = top-box %, ces = mean; the rest as named",
    )
    min_n: int = Field(
        30, ge=1, description="themes with fewer scored responses (with or without) are too small"
    )
    alpha: float = Field(0.05, gt=0, lt=1, description="false discovery rate for significance")
    ci_method: Literal["delta", "bootstrap"] = "delta"
    n_bootstrap: int = Field(1000, ge=100)
    key_drivers: bool = True
    lmg_exact_max: int = Field(
        12, ge=1, le=16, description="exact LMG up to this many predictors, sampled beyond"
    )
    lmg_orders: int = Field(500, ge=10, description="sampled predictor orders beyond the limit")


class AtRiskSettings(_Strict):
    """Rules that flag customers (needs an id column; dates order the answers)."""

    csat_streak: int = Field(3, ge=0, description="negative CSAT answers in a row; 0 = off")
    csat_negative_at_most: float | None = Field(
        None, description="highest negative CSAT answer; default mirrors the top box (2 of 1-5)"
    )
    nps_detractor: bool = True
    scope: Literal["latest", "any"] = Field(
        "latest", description="latest = the customer's current answers; any = at any time"
    )


class TrendSettings(_Strict):
    """Metrics by period, emerging/fading themes, at-risk customers (docs/drivers.md)."""

    period: Literal["auto", "day", "week", "month", "quarter", "year", "wave", "none"] = "auto"
    history: int = Field(6, ge=0, description="earlier periods a theme is compared with; 0 = all")
    min_history: int = Field(1, ge=1, description="periods of history before a test is made")
    at_risk: AtRiskSettings = Field(default_factory=AtRiskSettings)


class StoreSettings(_Strict):
    """Longitudinal store: each run is appended to an embedded DuckDB file."""

    path: str | None = Field(None, description="DuckDB file to append runs to; None = off")
    wave_name: str | None = Field(
        None, description="name of this run in the store (same name = replaced); default: file"
    )


class ScaleSettings(_Strict):
    """Large data: sample fitting, batch sizes and the optional distributed engine
    (docs/scaling.md)."""

    fit_sample: int | None = Field(
        20_000,
        ge=100,
        description="fit themes on a seeded sample of this many segments when "
        "there are more, then assign all; null = always fit on everything",
    )
    label_sample: int | None = Field(
        2_000,
        ge=10,
        description="keywords and quotes from at most this many segments per "
        "theme (sizes count all); null = all",
    )
    batch_size: int = Field(
        4_096, ge=1, description="texts per embedding/detection/sentiment call (progress step)"
    )
    chunk_rows: int = Field(
        50_000, ge=1, description="rows per chunk for streaming and distributed runs"
    )
    scheduler: str | None = Field(
        None,
        description="Dask scheduler address (tcp://host:8786) for engine='dask'; "
        "null = a local cluster",
    )


class ReportSettings(_Strict):
    formats: list[Literal["html", "md", "xlsx"]] = Field(default_factory=lambda: ["html"])
    title: str = "Customer feedback themes"


SOURCES = ("auto", "survey", "chat", "social", "email")


class Config(_Strict):
    """Everything that shapes a run. Same input + same config (incl. seed) = same result."""

    source: Literal["auto", "survey", "chat", "social", "email"] = "auto"
    read: ReadSettings = Field(default_factory=ReadSettings)
    survey: SurveySettings = Field(default_factory=SurveySettings)
    chat: ChatSettings = Field(default_factory=ChatSettings)
    social: SocialSettings = Field(default_factory=SocialSettings)
    email: EmailSettings = Field(default_factory=EmailSettings)
    columns: Columns = Field(default_factory=Columns)
    scales: Scales = Field(default_factory=Scales)
    language: LanguageSettings = Field(default_factory=LanguageSettings)
    normalize: NormalizeSettings = Field(default_factory=NormalizeSettings)
    segment: SegmentSettings = Field(default_factory=SegmentSettings)
    embedding: EmbeddingSettings = Field(default_factory=EmbeddingSettings)
    themes: ThemeSettings = Field(default_factory=ThemeSettings)
    sentiment: SentimentSettings = Field(default_factory=SentimentSettings)
    drivers: DriverSettings = Field(default_factory=DriverSettings)
    trends: TrendSettings = Field(default_factory=TrendSettings)
    store: StoreSettings = Field(default_factory=StoreSettings)
    report: ReportSettings = Field(default_factory=ReportSettings)
    scale: ScaleSettings = Field(default_factory=ScaleSettings)
    seed: int = 42

    @field_validator("seed")
    @classmethod
    def _non_negative(cls, value: int) -> int:
        if value < 0:
            raise ValueError("seed must be >= 0")
        return value

    @classmethod
    def from_file(cls, path: str | Path) -> Config:
        """Load a YAML or JSON config; errors name the file and the offending key."""
        data = read_yaml(path, "config") or {}
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: a config file must hold a mapping at the top level")
        return cls.from_dict(data, source=str(path))

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "config") -> Config:
        return validate_as(cls, data, source, "configuration")

    def with_overrides(self, overrides: dict[str, Any]) -> Config:
        """Return a copy with dotted keys replaced, e.g. ``{"columns.text": "answer"}``."""
        data = self.model_dump()
        for dotted, value in overrides.items():
            if value is None:
                continue
            node = data
            *parents, leaf = dotted.split(".")
            for key in parents:
                node = node[key]
            node[leaf] = value
        return Config.from_dict(data, source="options")


def default_cache_dir() -> Path:
    """``$TEXTMINE_CACHE`` or ``$XDG_CACHE_HOME/textmine`` (``~/.cache/textmine``)."""
    if os.environ.get("TEXTMINE_CACHE"):
        return Path(os.environ["TEXTMINE_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "textmine"
