import numpy as np
import pytest
from sklearn.metrics import normalized_mutual_info_score

from textmine.errors import TextmineError
from textmine.lexical import LEXICAL_WEIGHT, discovery_space, lexical_vectors, lexical_weight
from textmine.themes import ThemeModel, ThemeParams

WORDS = {
    0: ["refund", "money back", "reimbursed"],
    1: ["courier", "parcel", "tracking number"],
    2: ["password", "login", "two-factor code"],
}


def _texts(n_per: int = 40, seed: int = 0) -> tuple[list[str], np.ndarray]:
    """Texts whose only signal is the words of their group (fillers are shared by all)."""
    rng = np.random.default_rng(seed)
    fillers = ["today", "again", "please help", "this week", "as usual", "at last"]
    texts, groups = [], []
    for group, words in WORDS.items():
        for _ in range(n_per):
            picked = rng.choice(words, size=2)
            texts.append(f"{picked[0]} {rng.choice(fillers)} {picked[1]} {rng.choice(fillers)}")
            groups.append(group)
    return texts, np.asarray(groups)


def test_weight_is_full_on_one_language_and_fades_with_the_mix():
    assert lexical_weight(["de"] * 100) == pytest.approx(LEXICAL_WEIGHT)
    assert lexical_weight(["de"] * 90 + ["en"] * 10) == pytest.approx(LEXICAL_WEIGHT)
    assert lexical_weight(["de"] * 75 + ["en"] * 25) == pytest.approx(LEXICAL_WEIGHT / 2)
    assert lexical_weight(["en"] * 57 + ["de"] * 28 + ["zh"] * 15) == 0.0
    # too short to detect is no evidence of another language
    assert lexical_weight(["sv"] * 60 + ["und"] * 40) == pytest.approx(LEXICAL_WEIGHT)
    assert lexical_weight([]) == pytest.approx(LEXICAL_WEIGHT)


def test_lexical_vectors_are_unit_seeded_and_survive_texts_sharing_nothing():
    texts, _ = _texts()
    first, again = lexical_vectors(texts, seed=3), lexical_vectors(texts, seed=3)
    assert np.array_equal(first, again)
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)
    assert first.shape[1] <= 100
    assert not lexical_vectors(["ab", "cd"], seed=0).any()  # no n-gram in two texts


def test_discovery_space_is_the_embeddings_when_the_weight_is_zero():
    x = np.eye(3, dtype=np.float32)
    assert discovery_space(x, ["a", "b", "c"], 0.0, seed=0) is x


def test_shared_words_find_themes_the_embeddings_cannot_see():
    """Random embeddings carry no grouping; the texts' n-grams do, and only ``fit`` sees them.
    Assignment stays in the embedding space, so ``predict`` still equals ``fit``."""
    texts, groups = _texts()
    rng = np.random.default_rng(1)
    x = rng.normal(size=(len(texts), 32)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    blind = ThemeModel(ThemeParams(n_themes=3)).fit(x)
    model = ThemeModel(ThemeParams(n_themes=3, lexical_weight=1.0))
    seeing = model.fit(x, texts=texts)
    assert normalized_mutual_info_score(groups, blind) < 0.1  # measured 0.01-0.03
    assert normalized_mutual_info_score(groups, seeing) > 0.6  # measured 0.72-0.78
    assert np.array_equal(model.predict(x).theme_id, seeing)


def test_auto_weight_ignores_the_texts_of_evenly_mixed_languages():
    texts, _ = _texts()
    rng = np.random.default_rng(2)
    x = rng.normal(size=(len(texts), 16)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    languages = ["en", "de", "zh"] * (len(texts) // 3)
    params = ThemeParams(reducer="pca", n_themes=3, center_languages=False)
    with_texts = ThemeModel(params).fit(x, languages=languages, texts=texts)
    without = ThemeModel(params).fit(x, languages=languages)
    assert np.array_equal(with_texts, without)


def test_texts_must_match_the_embeddings():
    x = np.eye(10, dtype=np.float32)
    with pytest.raises(TextmineError, match="9 texts for 10 embeddings"):
        ThemeModel(ThemeParams(reducer="pca")).fit(x, texts=["a"] * 9)


def test_the_weight_used_is_saved_with_the_model(tmp_path):
    texts, _ = _texts()
    x = np.random.default_rng(4).normal(size=(len(texts), 16)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    model = ThemeModel(ThemeParams(reducer="pca", n_themes=3))
    model.fit(x, languages=["de"] * len(texts), texts=texts)
    assert model.lexical_weight == pytest.approx(LEXICAL_WEIGHT)
    model.save(tmp_path)
    assert ThemeModel.load(tmp_path).lexical_weight == pytest.approx(LEXICAL_WEIGHT)
    model.fit(x)  # no texts: embeddings alone
    assert model.lexical_weight == 0.0


def test_duplicate_answers_raise_no_warnings():
    """ "ok", "ok", "ok" is common feedback: nothing to explain is not worth a warning."""
    import warnings

    from textmine import hierarchy as H

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        vectors = lexical_vectors(["ok", "ok", "ok", "Delivery late", "Delivery late"], seed=0)
        labels = H.micro_clusters(np.zeros((12, 2)), 3, seed=0)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert set(labels.tolist()) == {0}
