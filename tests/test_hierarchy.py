import numpy as np
import pytest
from scipy.cluster.hierarchy import linkage
from sklearn.metrics import pairwise_distances, silhouette_score

from textmine import hierarchy as H


def test_weighted_ward_with_unit_weights_equals_scipy_ward():
    points = np.random.default_rng(0).normal(size=(12, 3))
    ours = H.weighted_ward(points, np.ones(12))
    theirs = linkage(points, method="ward")
    assert np.allclose(ours[:, 2], theirs[:, 2])
    assert np.array_equal(ours[:, 3], theirs[:, 3])


def test_weighted_ward_counts_a_heavy_point_as_many():
    # Two points at 0 and 1 with weights 3 and 1: cost 3*1/4 * 1 = 0.75, height sqrt(1.5).
    tree = H.weighted_ward(np.array([[0.0], [1.0]]), np.array([3.0, 1.0]))
    assert tree[0, 2] == pytest.approx(np.sqrt(1.5))
    # Same as Ward on the expanded points' last merge: {0,0,0} with {1}.
    expanded = linkage(np.array([[0.0], [0.0], [0.0], [1.0]]), method="ward")
    assert tree[0, 2] == pytest.approx(expanded[-1, 2])


def test_cut_gives_nested_clusters_in_order_of_first_leaf():
    points = np.array([[0.0], [0.1], [5.0], [5.1], [10.0]])
    tree = H.weighted_ward(points, np.ones(5))
    assert H.cut(tree, 5, 3).tolist() == [0, 0, 1, 1, 2]
    assert H.cut(tree, 5, 2).tolist() in ([0, 0, 1, 1, 1], [0, 0, 0, 0, 1])
    assert H.cut(tree, 5, 5).tolist() == [0, 1, 2, 3, 4]


def test_silhouette_from_micro_cluster_sums_equals_sklearn():
    rng = np.random.default_rng(1)
    points = rng.normal(size=(60, 4))
    labels = rng.integers(0, 5, 60)
    labels[0] = 5  # a singleton scores 0, as in sklearn
    distances = pairwise_distances(points)
    onehot = H._onehot(labels, 6)
    ours = H._silhouette(distances @ onehot, onehot.sum(axis=0), labels)
    assert ours == pytest.approx(silhouette_score(distances, labels, metric="precomputed"))


def test_merge_small_folds_the_small_cluster_into_the_nearest():
    centres = np.array([[0.0], [1.0], [10.0], [10.5]])
    weights = np.array([10.0, 10.0, 10.0, 2.0])
    labels = np.array([0, 1, 2, 3])
    assert H.merge_small(labels, centres, weights, 5).tolist() == [0, 1, 2, 2]


@pytest.mark.parametrize(
    ("n", "window"), [(16, (2, 6)), (600, (6, 37)), (3_000, (14, 80)), (100_000, (79, 80))]
)
def test_theme_window_grows_with_sqrt_n_and_is_capped(n, window):
    assert H.theme_window(n, 80) == window


def test_choose_k_finds_the_planted_number_of_groups():
    rng = np.random.default_rng(2)
    points = np.vstack([rng.normal(c, 0.1, size=(40, 2)) for c in ((0, 0), (5, 0), (0, 5))])
    micro = H.micro_clusters(points, 30, seed=0)
    centres = np.vstack([points[micro == i].mean(axis=0) for i in range(30)])
    tree = H.weighted_ward(centres, np.bincount(micro).astype(float))
    assert H.choose_k(points, micro, tree, (2, 10), seed=0) == 3


def _nested_pairs(gap: float) -> np.ndarray:
    """Six tight blobs (sd 0.15) in three pairs: pairs 8 apart, the blobs of a pair ``gap``."""
    rng = np.random.default_rng(0)
    pairs = ((0, 0), (8, 0), (0, 8))
    return np.vstack(
        [
            rng.normal((x + dx, y), 0.15, size=(30, 2))
            for x, y in pairs
            for dx in (-gap / 2, gap / 2)
        ]
    )


def _choose(points: np.ndarray, **kwargs) -> int:
    micro = H.micro_clusters(points, 40, seed=0)
    centres = np.vstack([points[micro == i].mean(axis=0) for i in range(micro.max() + 1)])
    tree = H.weighted_ward(centres, np.bincount(micro).astype(float))
    return H.choose_k(points, micro, tree, (2, 12), seed=0, **kwargs)


def test_choose_k_takes_the_finest_count_that_scores_practically_as_well():
    # Blobs 1.8 apart (12 sd) are separate groups, yet the silhouette of the 3 pairs is a
    # little higher than that of the 6 blobs: the best score alone would merge each pair.
    points = _nested_pairs(1.8)
    assert _choose(points, tolerance=0.0) == 3
    assert _choose(points) == 6


def test_choose_k_keeps_pairs_whose_blobs_overlap_together():
    # Blobs 0.6 apart (4 sd) nearly touch: six themes score far worse, so three stay.
    assert _choose(_nested_pairs(0.6)) == 3
