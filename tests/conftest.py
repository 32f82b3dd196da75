"""Shared fixtures: small real inputs, the model-free embedder, and paths to shared data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from textmine.config import Config
from textmine.testing import HashingEmbedder

pytest_plugins = ["tests.report_fixtures"]  # real runs shared by the report and notebook tests

# ../shared/data next to the checkout (a worktree sits one level deeper, so look upwards).
SHARED_DATA = next(
    (
        p / "shared" / "data"
        for p in Path(__file__).resolve().parents
        if (p / "shared" / "data").is_dir()
    ),
    Path(__file__).resolve().parents[2] / "shared" / "data",
)
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "survey_multilingual.csv"


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory):
    """Each test session writes embeddings to its own cache, never to the user's.

    Session-scoped so that it is in place before module-scoped fixtures run their analyses:
    a function-scoped one let those read the user's cache, filled by an older version."""
    cache = os.environ.get("TEXTMINE_CACHE") or str(tmp_path_factory.getbasetemp() / "cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TEXTMINE_CACHE", cache)
        yield


@pytest.fixture
def hashing_embedder() -> HashingEmbedder:
    return HashingEmbedder()


@pytest.fixture
def fast_config() -> Config:
    """Defaults, but without the on-disk cache and sentiment so unit tests stay small."""
    return Config.from_dict({"embedding": {"cache": False}, "sentiment": {"backend": "none"}})


def shared(*parts: str) -> Path:
    """Path into ../shared/data; skips the test cleanly when the data set is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not available: {path}")
    return path
