import numpy as np
import pytest

from textmine.schema import UNCLASSIFIED
from textmine.themes import ThemeModel, ThemeParams


def _blobs(n_per=60, k=4, dim=32, seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(k, dim))
    points = np.vstack([c + 0.25 * rng.normal(size=(n_per, dim)) for c in centres])
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    return points.astype(np.float32), np.repeat(np.arange(k), n_per)


def test_fit_recovers_separated_groups_and_predict_agrees():
    from sklearn.metrics import normalized_mutual_info_score

    x, y = _blobs()
    model = ThemeModel(ThemeParams(reducer="pca"))
    labels = model.fit(x)
    assert normalized_mutual_info_score(y, labels) > 0.95
    predicted, similarity = model.predict(x)
    assert np.array_equal(predicted, labels)
    assert similarity.shape == (len(x),)


def test_themes_are_numbered_by_size():
    x, _ = _blobs()
    x = np.vstack([x, x[:30] + 0.001])  # group 0 becomes the largest
    labels = ThemeModel(ThemeParams(reducer="pca")).fit(x)
    sizes = np.bincount(labels[labels >= 0])
    assert list(sizes) == sorted(sizes, reverse=True)


def test_far_away_points_stay_unclassified():
    x, _ = _blobs()
    model = ThemeModel(ThemeParams(reducer="pca", outlier_threshold=0.5))
    model.fit(x)
    stranger = np.zeros((1, x.shape[1]), dtype=np.float32)
    stranger[0, 0] = 1.0
    assert model.predict(stranger)[0][0] == UNCLASSIFIED or model.predict(stranger)[1][0] >= 0.5


def test_save_and_load_give_identical_predictions(tmp_path):
    x, _ = _blobs()
    model = ThemeModel(ThemeParams(reducer="pca"))
    model.fit(x, embedder="test-embedder")
    model.save(tmp_path / "m")
    loaded = ThemeModel.load(tmp_path / "m")
    assert loaded.embedder == "test-embedder"
    assert np.array_equal(loaded.predict(x)[0], model.predict(x)[0])
    assert not any(p.suffix == ".pkl" for p in (tmp_path / "m").iterdir())


@pytest.mark.parametrize("reducer", ["pca", "umap"])
def test_same_seed_same_themes(reducer):
    x, _ = _blobs(seed=3)
    a = ThemeModel(ThemeParams(reducer=reducer, seed=7)).fit(x)
    b = ThemeModel(ThemeParams(reducer=reducer, seed=7)).fit(x)
    assert np.array_equal(a, b)


def test_fixed_number_of_themes():
    x, _ = _blobs(k=6)
    model = ThemeModel(ThemeParams(reducer="pca", n_themes=3))
    model.fit(x)
    assert len(model.theme_ids) == 3
