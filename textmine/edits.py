"""Edit a fitted theme taxonomy without re-clustering: rename, merge, split, drop.

An edits file is YAML (or JSON); every id is a theme or sub-theme id of the model *before* the
edits (as shown in the report and in ``themes.parquet`` / ``subthemes.parquet``)::

    rename:
      3: Delivery speed
    merge:
      - themes: [2, 5]          # 5's sub-themes move into 2
        name: Delivery          # optional; without it the label is recomputed
    split:
      - theme: 4                # every sub-theme but the first becomes its own theme
      - theme: 6
        into:                   # or name the new themes and pick their sub-themes
          ATM fees: [14]
    drop: [7]                   # its segments become unclassified

Edits only change which theme each sub-theme belongs to and the names, so prototypes, sub-theme
ids and the ids of untouched themes stay; new themes from a split get ids after the largest.
"""

from __future__ import annotations

import copy
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from textmine.errors import ConfigError
from textmine.schema import UNCLASSIFIED
from textmine.settings_io import read_yaml, validate_as
from textmine.themes import ThemeModel


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Merge(_Strict):
    themes: list[int] = Field(min_length=2)
    name: str | None = None


class Split(_Strict):
    theme: int
    into: dict[str, list[int]] = Field(default_factory=dict)


class Edits(_Strict):
    rename: dict[int, str] = Field(default_factory=dict)
    merge: list[Merge] = Field(default_factory=list)
    split: list[Split] = Field(default_factory=list)
    drop: list[int] = Field(default_factory=list)


def load_edits(path: str | Path) -> Edits:
    """Read an edits file; errors name the file and the offending entry."""
    data = read_yaml(path, "edits") or {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: an edits file holds rename/merge/split/drop sections")
    return validate_as(Edits, data, path, "edits")


def apply_edits(model: ThemeModel, edits: Edits, source: str = "edits") -> ThemeModel:
    """A copy of ``model`` with the edits applied (the original is left unchanged)."""
    _check(model, edits, source)
    edited = copy.deepcopy(model)
    for theme_id, name in edits.rename.items():
        edited.themes[theme_id] |= {"label": name, "named": True}
    for merge in edits.merge:
        _merge(edited, merge)
    for split in edits.split:
        _split(edited, split)
    for theme_id in edits.drop:
        _move(edited, theme_id, UNCLASSIFIED)
        del edited.themes[theme_id]
    return edited


def _check(model: ThemeModel, edits: Edits, source: str) -> None:
    """Every id exists and each theme is touched by one structural edit at most."""
    seen: dict[int, str] = {}
    touched = (
        [(t, "rename") for t in edits.rename]
        + [(t, "merge") for m in edits.merge for t in m.themes]
        + [(s.theme, "split") for s in edits.split]
        + [(t, "drop") for t in edits.drop]
    )
    for theme_id, action in touched:
        if theme_id not in model.themes:
            known = ", ".join(f"{t} ({i.get('label', '?')})" for t, i in model.themes.items())
            raise ConfigError(f"{source}: {action}: no theme {theme_id}; themes are {known}")
        if theme_id in seen:
            raise ConfigError(
                f"{source}: theme {theme_id} is in both {seen[theme_id]} and {action}; "
                "name merged or split themes inside the merge/split entry instead"
            )
        seen[theme_id] = action
    for split in edits.split:
        own = _subthemes_of(model, split.theme)
        for name, subs in split.into.items():
            stray = sorted(set(subs) - set(own))
            if stray:
                raise ConfigError(
                    f"{source}: split {split.theme} into {name!r}: sub-theme(s) {stray} are not "
                    f"in theme {split.theme} (its sub-themes: {own})"
                )
        if not split.into and len(own) < 2:
            raise ConfigError(
                f"{source}: split {split.theme}: the theme has a single sub-theme, so it cannot "
                "be split without re-clustering; re-run analyze with more themes instead"
            )


def _subthemes_of(model: ThemeModel, theme_id: int) -> list[int]:
    return sorted(s for s, info in model.subthemes.items() if info["theme_id"] == theme_id)


def _move(model: ThemeModel, old: int, new: int, subs: list[int] | None = None) -> None:
    for sub in subs if subs is not None else _subthemes_of(model, old):
        model.subthemes[sub]["theme_id"] = new


def _merge(model: ThemeModel, merge: Merge) -> None:
    target, *others = merge.themes
    sources = {model.themes[t].get("source", "discovered") for t in merge.themes}
    for other in others:
        _move(model, other, target)
        del model.themes[other]
    info = model.themes[target]
    info["source"] = "codebook" if "codebook" in sources else "discovered"
    if merge.name:
        info |= {"label": merge.name, "named": True}
    else:
        info["named"] = False


def _split(model: ThemeModel, split: Split) -> None:
    own = _subthemes_of(model, split.theme)
    groups = list(split.into.items()) or [(None, [s]) for s in own[1:]]
    for name, subs in groups:
        new_id = max(model.themes) + 1
        _move(model, split.theme, new_id, subs)
        label = name or model.subthemes[subs[0]].get("label")
        model.themes[new_id] = {"source": "discovered", "label": label, "named": bool(name)}
    if not _subthemes_of(model, split.theme):  # every sub-theme moved out
        del model.themes[split.theme]
