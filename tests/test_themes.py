import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from textmine.codebook import Seeds
from textmine.errors import TextmineError
from textmine.schema import UNCLASSIFIED
from textmine.themes import ThemeModel, ThemeParams


def _blobs(n_per=60, k=4, dim=32, seed=0, spread=0.25):
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(k, dim))
    points = np.vstack([c + spread * rng.normal(size=(n_per, dim)) for c in centres])
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    return points.astype(np.float32), np.repeat(np.arange(k), n_per)


def test_fit_recovers_separated_groups_and_predict_agrees():
    x, y = _blobs()
    model = ThemeModel(ThemeParams(reducer="pca"))
    labels = model.fit(x)
    assert normalized_mutual_info_score(y, labels) > 0.95
    assigned = model.predict(x)
    assert np.array_equal(assigned.theme_id, labels)
    assert assigned.similarity.shape == (len(x),)


def test_predict_on_slightly_changed_training_text_agrees_for_95_percent():
    x, _ = _blobs(k=5, spread=0.35)
    model = ThemeModel(ThemeParams())
    labels = model.fit(x)
    noisy = x + 0.01 * np.random.default_rng(1).normal(size=x.shape).astype(np.float32)
    noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
    assert (model.predict(noisy).theme_id == labels).mean() >= 0.95


def test_every_sub_theme_lies_inside_its_theme():
    x, _ = _blobs(n_per=80, k=5)
    model = ThemeModel(ThemeParams(reducer="pca", n_themes=3))
    model.fit(x)
    assigned = model.predict(x)
    classified = assigned.theme_id >= 0
    parents = np.array([model.subthemes[s]["theme_id"] for s in assigned.sub_theme_id[classified]])
    assert np.array_equal(parents, assigned.theme_id[classified])
    assert len(model.subthemes) > len(model.themes)  # merged blobs show up as sub-themes


def test_themes_are_numbered_by_size():
    x, _ = _blobs()
    x = np.vstack([x, x[:30] + 0.001])  # group 0 becomes the largest
    labels = ThemeModel(ThemeParams(reducer="pca")).fit(x)
    sizes = np.bincount(labels[labels >= 0])
    assert list(sizes) == sorted(sizes, reverse=True)


def test_auto_threshold_leaves_only_rare_outliers_unclassified():
    x, _ = _blobs(n_per=100)
    model = ThemeModel(ThemeParams(reducer="pca"))
    labels = model.fit(x)
    assert (labels == UNCLASSIFIED).mean() <= 0.01  # at most the 1% least typical
    stranger = -x[:1]  # the opposite direction is less similar than any training segment
    assert model.predict(stranger).theme_id[0] == UNCLASSIFIED


def test_auto_threshold_flags_the_least_typical_one_percent_when_they_are_outliers():
    x, _ = _blobs(n_per=99, k=4, spread=0.1)
    rng = np.random.default_rng(3)
    noise = rng.normal(size=(4, x.shape[1])).astype(np.float32)
    noise /= np.linalg.norm(noise, axis=1, keepdims=True)
    model = ThemeModel(ThemeParams(reducer="pca", n_themes=4))
    labels = model.fit(np.vstack([x, noise]))
    assert (labels[-4:] == UNCLASSIFIED).all()
    assert (labels[:-4] == UNCLASSIFIED).sum() == 0


def test_save_and_load_give_identical_predictions_and_labels(tmp_path):
    x, _ = _blobs()
    model = ThemeModel(ThemeParams(reducer="pca"))
    model.fit(x, embedder="test-embedder")
    model.remember_labels([{"theme_id": 0, "label": "delivery", "keywords": ["late"]}], [])
    model.save(tmp_path / "m")
    loaded = ThemeModel.load(tmp_path / "m")
    assert loaded.embedder == "test-embedder"
    assert loaded.themes[0]["label"] == "delivery"
    assert loaded.subthemes == model.subthemes
    assert np.array_equal(loaded.predict(x).sub_theme_id, model.predict(x).sub_theme_id)
    assert sorted(p.name for p in (tmp_path / "m").iterdir()) == [
        "prototypes.npy",
        "theme_model.json",
    ]


def test_fitting_nothing_gives_an_empty_model():
    model = ThemeModel()
    assert model.fit(np.zeros((0, 8), dtype=np.float32)).shape == (0,)
    assert model.predict(np.ones((2, 8), dtype=np.float32)).theme_id.tolist() == [-1, -1]


def test_loading_something_else_says_what_is_wrong(tmp_path):
    with pytest.raises(TextmineError, match="no theme_model.json"):
        ThemeModel.load(tmp_path)


@pytest.mark.parametrize("reducer", ["pca", "umap"])
def test_same_seed_same_themes(reducer):
    x, _ = _blobs(seed=3)
    a = ThemeModel(ThemeParams(reducer=reducer, seed=7)).fit(x)
    b = ThemeModel(ThemeParams(reducer=reducer, seed=7)).fit(x)
    assert np.array_equal(a, b)


def test_other_seeds_give_nearly_the_same_themes():
    x, _ = _blobs(k=5, seed=4)
    a = ThemeModel(ThemeParams(seed=1)).fit(x)
    b = ThemeModel(ThemeParams(seed=2)).fit(x)
    assert adjusted_rand_score(a, b) > 0.9


def test_fixed_number_of_themes():
    x, _ = _blobs(k=6)
    model = ThemeModel(ThemeParams(reducer="pca", n_themes=3))
    model.fit(x)
    assert len(model.theme_ids) == 3


def _seeds_for(x, y, groups, names):
    vectors = np.vstack([x[y == g][:3].mean(axis=0) for g in groups])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return Seeds(names=names, descriptions=["" for _ in names], vectors=vectors)


def test_codebook_themes_come_first_and_discovered_ones_beside_them():
    x, y = _blobs(k=5)
    seeds = _seeds_for(x, y, [3, 1], ["Billing", "Delivery"])
    model = ThemeModel(ThemeParams(reducer="pca"))
    labels = model.fit(x, seeds=seeds)
    assert [model.themes[t]["label"] for t in (0, 1)] == ["Billing", "Delivery"]
    assert [model.themes[t]["source"] for t in model.theme_ids] == ["codebook"] * 2 + [
        "discovered"
    ] * 3
    assert (labels[y == 3] == 0).mean() > 0.95
    assert (labels[y == 1] == 1).mean() > 0.95
    assert set(labels[(y != 1) & (y != 3)].tolist()) - {UNCLASSIFIED} == {2, 3, 4}


def test_a_codebook_theme_nobody_mentions_is_kept_with_its_name():
    x, y = _blobs(k=3)
    far = np.zeros((1, x.shape[1]), dtype=np.float32)
    far[0, 0] = 1.0
    seeds = Seeds(names=["Unused"], descriptions=["never said"], vectors=far)
    model = ThemeModel(ThemeParams(reducer="pca"))
    labels = model.fit(x, seeds=seeds)
    assert model.themes[0]["label"] == "Unused"
    assert model.themes[0]["source"] == "codebook"
    assert not (labels == 0).any()  # discovered themes never share the codebook's ids
    assert normalized_mutual_info_score(y, labels) > 0.95


def _two_languages():
    """The same three topics in two 'languages': language b sits at a constant offset."""
    x, y = _blobs(n_per=40, k=3, seed=5, spread=0.2)
    offset = np.random.default_rng(9).normal(size=x.shape[1]).astype(np.float32)
    b = x + 1.5 * offset / np.linalg.norm(offset)
    b /= np.linalg.norm(b, axis=1, keepdims=True)
    return np.vstack([x, b]), np.concatenate([y, y]), ["a"] * len(x) + ["b"] * len(x)


def test_language_centring_puts_translations_in_the_same_theme(tmp_path):
    x, y, languages = _two_languages()
    half = len(x) // 2
    plain = ThemeModel(ThemeParams(reducer="pca", n_themes=3, center_languages=False)).fit(x)
    assert normalized_mutual_info_score(languages, plain) > 0.5  # split by language
    model = ThemeModel(ThemeParams(reducer="pca", n_themes=3))
    centred = model.fit(x, languages=languages)
    assert normalized_mutual_info_score(y, centred) > 0.95
    assert (centred[:half] == centred[half:]).mean() > 0.95
    model.save(tmp_path / "m")
    loaded = ThemeModel.load(tmp_path / "m")
    assert np.array_equal(loaded.predict(x, languages).theme_id, centred)


def test_single_language_data_is_not_centred():
    x, _ = _blobs()
    model = ThemeModel(ThemeParams(reducer="pca"))
    model.fit(x, languages=["en"] * len(x))
    assert model.language_means == {}


def test_exact_cosine_distances_match_umaps_metric():
    """Small data goes to UMAP as a precomputed matrix; it must equal the pairwise cosine
    distances UMAP would compute itself (float64), or layouts drift."""
    from sklearn.metrics.pairwise import cosine_distances

    from textmine.space import _cosine_distances

    x = np.random.default_rng(0).normal(size=(50, 16)).astype(np.float32)
    x[3] = 0.0
    expected = cosine_distances(x.astype(np.float64))
    np.fill_diagonal(expected, 0.0)
    got = _cosine_distances(x)
    assert got.dtype == np.float64
    np.testing.assert_allclose(
        got[np.arange(50) != 3][:, np.arange(50) != 3],
        expected[np.arange(50) != 3][:, np.arange(50) != 3],
        atol=1e-12,
    )


def test_exact_knn_matches_sklearn_and_puts_each_row_first():
    """Above 4,096 rows UMAP gets this graph instead of pynndescent's: it must be the exact
    cosine neighbourhood, whatever the chunk size, with each row itself at distance 0."""
    from sklearn.metrics.pairwise import cosine_distances
    from sklearn.neighbors import NearestNeighbors

    from textmine.space import cosine_knn

    x = np.random.default_rng(1).normal(size=(700, 24)).astype(np.float32)
    x[5] = x[6] = x[7]  # duplicates: all at distance 0 from each other
    x[9] *= 3.0  # length does not matter for cosine
    expected_d, expected_i = (
        NearestNeighbors(n_neighbors=10, metric="cosine", algorithm="brute").fit(x).kneighbors(x)
    )
    pairwise = cosine_distances(x.astype(np.float64))
    for chunk in (64, 1000):
        indices, distances = cosine_knn(x, 10, chunk=chunk)
        assert indices.dtype == np.int32 and distances.dtype == np.float32
        assert np.array_equal(indices[:, 0], np.arange(len(x)))
        # the k smallest distances, each the true distance of its pair; row 209 has the
        # duplicates 5, 6 and 7 tied for its 10th place
        np.testing.assert_allclose(distances, expected_d, atol=1e-6)
        true = np.take_along_axis(pairwise, indices.astype(np.int64), axis=1)
        np.testing.assert_allclose(distances[:, 1:], true[:, 1:], atol=1e-6)
        same = (np.sort(indices, axis=1) == np.sort(expected_i, axis=1)).all(axis=1)
        assert same.mean() > 0.99
        assert indices[209, -1] == 5 and not {6, 7} & set(indices[209].tolist())  # lowest wins
        assert set(indices[6, :3].tolist()) == {5, 6, 7}
        assert (np.diff(distances, axis=1) >= 0).all()


@pytest.mark.slow
def test_umap_on_the_exact_knn_path_is_seeded_and_fit_equals_predict():
    """4,200 rows take the large-data path (exact kNN graph, no pynndescent)."""
    x, y = _blobs(n_per=700, k=6, dim=48, seed=5, spread=0.3)
    params = ThemeParams(seed=3, n_themes=6)  # the count rule is not under test here
    a = ThemeModel(params)
    labels = a.fit(x)
    assert adjusted_rand_score(y, labels) > 0.9
    assert np.array_equal(a.predict(x).theme_id, labels)
    assert np.array_equal(ThemeModel(params).fit(x), labels)
