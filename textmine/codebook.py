"""Guided themes: a researcher's codebook seeds themes; discovery finds the rest.

A codebook is YAML (or JSON)::

    themes:
      - name: Delivery delays
        description: Parcels that arrive late or not at all
        examples:
          - the parcel came a week late
          - Lieferung kam viel zu spät
          - 快递太慢了

Examples may be in any language the embedder knows. Each theme's examples (or, without
examples, its name and description) are embedded and averaged into a seed vector; micro-clusters
close enough to a seed join that theme, the rest are clustered into discovered themes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, field_validator

from textmine.errors import ConfigError
from textmine.settings_io import read_yaml, validate_as


class CodebookTheme(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    description: str = ""
    examples: list[str] = Field(default_factory=list)

    @field_validator("examples")
    @classmethod
    def _non_empty(cls, examples: list[str]) -> list[str]:
        return [e.strip() for e in examples if e and e.strip()]

    def texts(self) -> list[str]:
        """What gets embedded: the examples, else the name and description."""
        return self.examples or [f"{self.name}. {self.description}".strip(" .")]


class Codebook(BaseModel):
    model_config = ConfigDict(extra="forbid")

    themes: list[CodebookTheme] = Field(min_length=1)

    @field_validator("themes")
    @classmethod
    def _unique_names(cls, themes: list[CodebookTheme]) -> list[CodebookTheme]:
        seen: set[str] = set()
        for theme in themes:
            key = theme.name.casefold()
            if key in seen:
                raise ValueError(f"theme name {theme.name!r} appears twice")
            seen.add(key)
        return themes


def load_codebook(path: str | Path) -> Codebook:
    """Read a codebook file; errors name the file and the offending entry."""
    data = read_yaml(path, "codebook")
    if isinstance(data, list):  # a bare list of themes is accepted too
        data = {"themes": data}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: a codebook holds 'themes:' with a list of themes")
    return validate_as(Codebook, data, path, "codebook")


@dataclass(frozen=True)
class Seeds:
    """Codebook themes ready for :meth:`ThemeModel.fit`: one unit seed vector per theme."""

    names: list[str]
    descriptions: list[str]
    vectors: np.ndarray


def embed_codebook(
    codebook: Codebook, embedder, detect: Callable[[list[str]], list[str]] | None = None
) -> Seeds:
    """Seed vector of each theme: the normalised mean of its embedded examples.

    ``embedder`` is any :class:`textmine.embed.Embedder`; ``detect`` gives the examples'
    languages for language-routed embedders (examples may mix languages).
    """
    vectors = []
    for theme in codebook.themes:
        texts = theme.texts()
        encoded = embedder.encode(texts, detect(texts) if detect else None)
        mean = np.asarray(encoded, dtype=np.float64).mean(axis=0)
        vectors.append(mean / (np.linalg.norm(mean) or 1.0))
    return Seeds(
        names=[t.name for t in codebook.themes],
        descriptions=[t.description for t in codebook.themes],
        vectors=np.vstack(vectors).astype(np.float32),
    )
