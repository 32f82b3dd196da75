"""On-disk cache of fitted theme models, so a warm re-run does not re-cluster.

A fit is deterministic: the same segment vectors, languages, theme settings, seed, embedder
and codebook give the same model. The cache key is a hash of exactly those inputs (and the
textmine version and fitting code), so a hit returns the model the fit would have produced,
and changing any input (one more response, another seed, an edited codebook) misses. Models
are stored in the same JSON + .npy format as a run's ``model/`` folder, under
``<cache dir>/themes/<key>/``.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path

import numpy as np

from textmine import __version__, hierarchy, lexical, space, themes
from textmine.codebook import Seeds
from textmine.model_files import MODEL_FILE
from textmine.themes import ThemeModel, ThemeParams


def fit_key(
    vectors: np.ndarray,
    languages: Sequence[str],
    params: ThemeParams,
    embedder: str,
    seeds: Seeds | None,
    texts: Sequence[str] | None = None,
) -> str:
    """Hex digest of everything a fit depends on."""
    digest = hashlib.sha256()
    settings = {"version": __version__, "code": _fitting_code(), "embedder": embedder}
    settings["params"] = asdict(params)
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    digest.update(np.ascontiguousarray(vectors, dtype=np.float32).tobytes())
    digest.update("\x1f".join(languages).encode())
    if texts is not None:
        digest.update(b"\x1etexts\x1e" + "\x1f".join(texts).encode())
    if seeds is not None:
        digest.update(json.dumps([seeds.names, seeds.descriptions]).encode())
        digest.update(np.ascontiguousarray(seeds.vectors, dtype=np.float32).tobytes())
    return digest.hexdigest()[:32]


def _fitting_code() -> str:
    """Digest of the modules that fit a model, so a development build that changes the
    algorithm without a version bump never reads models fitted by the old code."""
    digest = hashlib.sha256()
    for module in (themes, hierarchy, space, lexical):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()


def cached_fit(directory: Path | None, key: str, fit: Callable[[], ThemeModel]) -> ThemeModel:
    """The model saved under ``key``, or ``fit()`` saved there (no cache: just ``fit()``)."""
    if directory is None:
        return fit()
    folder = directory / "themes" / key
    if (folder / MODEL_FILE).exists():
        return ThemeModel.load(folder)
    model = fit()
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=folder.parent))
    model.save(staging)
    try:
        os.replace(staging, folder)  # atomic: readers never see a half-written model
    except OSError:  # another process stored the same fit first
        for file in staging.iterdir():
            file.unlink()
        staging.rmdir()
    return ThemeModel.load(folder)
