import numpy as np
import pytest

from textmine.embed import (
    CachedEmbedder,
    EmbeddingCache,
    HashingEmbedder,
    USEEmbedder,
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
