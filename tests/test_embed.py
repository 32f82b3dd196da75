import numpy as np
import pytest

from textmine.embed import (
    CachedEmbedder,
    EmbeddingCache,
    HashingEmbedder,
    USEEmbedder,
    directory_digest,
    make_embedder,
)
from textmine.errors import ConfigError


def test_hashing_embedder_is_deterministic_and_unit_length(hashing_embedder):
    a = hashing_embedder.encode(["late delivery", "late delivery", "friendly support"])
    assert a.shape == (3, hashing_embedder.dim) and a.dtype == np.float32
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0)
    assert np.array_equal(a[0], a[1])
    assert a[0] @ a[2] < 0.5


class CountingEmbedder(HashingEmbedder):
    def __init__(self):
        super().__init__()
        self.seen: list[str] = []

    def encode(self, texts, languages=None):
        self.seen.extend(texts)
        return super().encode(texts, languages)


def test_cache_embeds_only_new_text(tmp_path):
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, EmbeddingCache(tmp_path))
    first = cached.encode(["a b c", "d e f", "a b c"])
    assert inner.seen == ["a b c", "d e f"] and cached.last_new == 2
    second = cached.encode(["d e f", "g h i"])
    assert inner.seen == ["a b c", "d e f", "g h i"] and cached.last_new == 1
    assert np.array_equal(first[1], second[0])
    # a fresh process sees the same vectors on disk
    again = CachedEmbedder(HashingEmbedder(), EmbeddingCache(tmp_path)).encode(["a b c"])
    assert np.array_equal(again[0], first[0])


def test_cache_does_not_serve_vectors_of_other_weights(tmp_path):
    """Same model name, new fingerprint (an upgraded package, retrained files): embed again."""
    old, new = CountingEmbedder(), CountingEmbedder()
    new.fingerprint = "retrained"
    CachedEmbedder(old, EmbeddingCache(tmp_path)).encode(["a b c"])
    cached = CachedEmbedder(new, EmbeddingCache(tmp_path))
    cached.encode(["a b c"])
    assert new.seen == ["a b c"] and cached.last_new == 1
    assert cached.cache_model == f"{old.name}@retrained"


def test_directory_digest_sees_changed_weights(tmp_path):
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text("{}")
    (model / "weights.bin").write_bytes(bytes(3 << 20))
    before = directory_digest(model)
    assert directory_digest(model) == before
    weights = bytearray(3 << 20)
    weights[-1] = 1  # a change in the last MiB of a large file
    (model / "weights.bin").write_bytes(bytes(weights))
    assert directory_digest(model) != before


def test_unknown_backend_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown embedding.backend"):
        make_embedder("bert-from-the-internet")
    with pytest.raises(ConfigError, match="model_path"):
        make_embedder("sentence-transformers")


def test_use_embeds_translations_close_together():
    use = USEEmbedder()
    vectors = use.encode(
        [
            "The delivery was late",
            "Die Lieferung kam zu spät",
            "快递来晚了",
            "I love the new colours",
        ]
    )
    assert vectors.shape == (4, 512)
    assert vectors[0] @ vectors[1] > 0.7 and vectors[0] @ vectors[2] > 0.5
    assert vectors[0] @ vectors[3] < 0.4


def test_multilingual_embedder_routes_languages_use_does_not_know():
    from textmine.embed import MultilingualEmbedder, takes_e5_route

    routed = MultilingualEmbedder()
    texts = [
        "The delivery was late",
        "Leveransen var sen",
        "Die Lieferung war spät",
        "Toimitus myöhästyi",
    ]
    vectors = routed.encode(texts, ["en", "sv", "de", "fi"])
    plain = USEEmbedder().encode(texts)
    assert np.allclose(vectors[[0, 2]], plain[[0, 2]], atol=1e-6)
    assert not np.allclose(vectors[1], plain[1], atol=1e-3)
    assert not np.allclose(vectors[3], plain[3], atol=1e-3)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert routed.name.startswith("use-multilingual-v3+scand-e5map-")
    assert [takes_e5_route(c) for c in ("sv", "nb", "fi", "cs", "zh-TW", "id", "und", None)] == [
        True,
        True,
        True,
        True,
        False,
        False,
        False,
        False,
    ]


def _top1(vectors: np.ndarray, english: np.ndarray, gold: np.ndarray) -> float:
    """Share of sentences whose nearest English sentence (both centred) is their source."""
    from textmine.embed import l2_normalise

    centred = l2_normalise(vectors - vectors.mean(axis=0))
    sims = centred @ l2_normalise(english - english.mean(axis=0)).T
    return float((sims.argmax(axis=1) == gold).mean())


@pytest.mark.slow
def test_languages_outside_use_find_their_english_translation_better_routed():
    """xSID Lithuanian, Serbian and Kazakh (USE never saw them): the e5 route finds the English
    source sentence far more often than plain USE (measured 0.60/0.75/0.72 vs 0.41/0.55/0.48)."""
    import importlib.util
    from pathlib import Path

    from textmine.embed import MultilingualEmbedder

    from .conftest import shared

    shared("xsid", "data", "xSID-0.7", "lt.valid.conll")
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "datasets.py"
    spec = importlib.util.spec_from_file_location("textmine_bench_datasets", path)
    datasets = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(datasets)
    frame = datasets.xsid(("en", "lt", "sr", "kk"))
    routed = MultilingualEmbedder()
    english = frame[frame["language"] == "en"].reset_index(drop=True)
    en = routed.encode(english["text"].tolist(), ["en"] * len(english))
    position = {key: i for i, key in enumerate(english["key"])}
    for language in ("lt", "sr", "kk"):
        part = frame[(frame["language"] == language) & frame["key"].isin(position)]
        gold = part["key"].map(position).to_numpy()
        texts = part["text"].tolist()
        routed_top1 = _top1(routed.encode(texts, [language] * len(texts)), en, gold)
        assert routed_top1 > _top1(USEEmbedder().encode(texts), en, gold) + 0.1


@pytest.mark.slow
def test_swedish_sentences_find_their_english_translation():
    import sys
    from pathlib import Path

    from textmine.embed import MultilingualEmbedder

    from .conftest import shared

    shared("tatoeba_eng_swe", "test.txt")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks" / "embedders"))
    from evalcommon import tatoeba_splits

    pairs = tatoeba_splits()["test"][:300:3]  # held out: the map never saw these
    routed = MultilingualEmbedder()
    english = routed.encode([e for e, _ in pairs], ["en"] * len(pairs))
    swedish = routed.encode([s for _, s in pairs], ["sv"] * len(pairs))
    top1 = (swedish @ english.T).argmax(axis=1) == np.arange(len(pairs))
    assert top1.mean() >= 0.8
    plain = USEEmbedder().encode([s for _, s in pairs])
    assert ((plain @ english.T).argmax(axis=1) == np.arange(len(pairs))).mean() < 0.5
