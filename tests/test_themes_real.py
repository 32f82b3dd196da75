"""Themes on a real parallel multilingual set (xSID): cross-lingual agreement and coverage."""

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import normalized_mutual_info_score

from tests.conftest import shared
from textmine.config import default_cache_dir
from textmine.embed import make_embedder
from textmine.themes import ThemeModel, ThemeParams

pytestmark = pytest.mark.slow


def _xsid(language: str) -> pd.DataFrame:
    path = shared("xsid", "data", "xSID-0.7", f"{language}.valid.conll")
    rows, row = [], {}
    for line in path.read_text(encoding="utf-8").splitlines():
        for key in ("text-en", "text", "intent"):
            if line.startswith(f"# {key} = "):
                row[key] = line.split(" = ", 1)[1].strip()
        if not line.strip() and row:
            rows.append(row)
            row = {}
    frame = pd.DataFrame(rows)
    frame["key"] = frame["text-en"] if "text-en" in frame else frame["text"]
    return frame.assign(language=language)


def test_parallel_translations_share_a_theme_and_coverage_is_near_complete():
    data = pd.concat([_xsid(lang) for lang in ("en", "de", "zh")], ignore_index=True)
    embedder = make_embedder("multilingual", cache_dir=default_cache_dir())
    vectors = embedder.encode(data["text"].tolist(), data["language"].tolist())
    labels = ThemeModel(ThemeParams(seed=42)).fit(vectors, languages=data["language"].tolist())
    data["theme"] = labels
    assert (labels == -1).mean() <= 0.05
    assert normalized_mutual_info_score(data["intent"], labels) >= 0.6
    wide = data.drop_duplicates(["key", "language"]).pivot(
        index="key", columns="language", values="theme"
    )
    # The target is 85% for every pair; on this three-language subset de-zh sits near
    # it (docs/benchmarks.md, "Themes vs BERTopic", for the measured figures); the bars below
    # catch regressions from there.
    agreement = []
    for a, b in (("en", "de"), ("en", "zh"), ("de", "zh")):
        both = wide[[a, b]].dropna()
        same = (both[a] == both[b]) & (both[a] != -1)
        assert same.mean() >= 0.83, (a, b, same.mean())
        agreement.append(same.mean())
    assert np.mean(agreement) >= 0.85
    assert np.unique(labels[labels >= 0]).size >= 5
