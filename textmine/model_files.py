"""The on-disk format of a theme model: ``theme_model.json`` + ``prototypes.npy`` (+
``language_means.npy``), no pickle, so a model loads in any later textmine that reads its
format version. Kept apart from :mod:`textmine.themes`, which holds the algorithm."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from textmine.errors import TextmineError

MODEL_FILE = "theme_model.json"
FORMAT_VERSION = 2


def write(model: Any, directory: str | Path) -> None:
    """Write ``model`` (a :class:`textmine.themes.ThemeModel`) into ``directory``."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    np.save(directory / "prototypes.npy", model.prototypes, allow_pickle=False)
    codes = sorted(model.language_means)
    if codes:
        means = np.vstack([model.language_means[c] for c in codes]).astype(np.float32)
        np.save(directory / "language_means.npy", means, allow_pickle=False)
    meta = {
        "format_version": FORMAT_VERSION,
        "embedder": model.embedder,
        "params": asdict(model.params),
        "threshold": model.threshold,
        "prototype_subtheme": model.prototype_subtheme.tolist(),
        "themes": {str(k): v for k, v in model.themes.items()},
        "subthemes": {str(k): v for k, v in model.subthemes.items()},
        "language_means": codes,
        "lexical_weight": model.lexical_weight,
    }
    text = json.dumps(meta, indent=2, ensure_ascii=False, default=_json_default)
    (directory / MODEL_FILE).write_text(text, encoding="utf-8")


def read(directory: str | Path) -> dict[str, Any]:
    """The fields of the model saved in ``directory`` (or in a run folder's ``model/``), as
    keyword arguments for ``ThemeModel``; ``params`` stays the saved dict."""
    directory = Path(directory)
    if not (directory / MODEL_FILE).exists() and (directory / "model" / MODEL_FILE).exists():
        directory = directory / "model"  # a run folder: its model lives in model/
    path = directory / MODEL_FILE
    if not path.exists():
        raise TextmineError(f"{directory}: no {MODEL_FILE}; is this a saved theme model?")
    meta = json.loads(path.read_text(encoding="utf-8"))
    version = meta.get("format_version", 0)
    if version != FORMAT_VERSION:
        raise TextmineError(
            f"{path}: theme model format {version}, this textmine reads {FORMAT_VERSION}; "
            "re-run `textmine analyze` to build a new model"
        )
    return {
        "params": meta["params"],
        "embedder": meta["embedder"],
        "prototypes": np.load(directory / "prototypes.npy", allow_pickle=False),
        "prototype_subtheme": np.asarray(meta["prototype_subtheme"], dtype=np.int64),
        "themes": {int(k): v for k, v in meta["themes"].items()},
        "subthemes": {int(k): v for k, v in meta["subthemes"].items()},
        "threshold": float(meta["threshold"]),
        "language_means": _read_means(directory, meta.get("language_means", [])),
        "lexical_weight": float(meta.get("lexical_weight", 0.0)),
    }


def _read_means(directory: Path, codes: list[str]) -> dict[str, np.ndarray]:
    if not codes:
        return {}
    means = np.load(directory / "language_means.npy", allow_pickle=False)
    return dict(zip(codes, means, strict=True))


def _json_default(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"cannot store {type(value).__name__} in a theme model")
