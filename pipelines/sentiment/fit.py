"""Fitting the parts of the builtin sentiment model: base heads, stacker, temperature.

Plain numpy + scikit-learn, seeded, so a training run is reproducible. Every head is stored as
arrays named ``{head}_W``/``{head}_b`` (``_W1/_b1/_W2/_b2`` for the MLP) that
``textmine.sentiment.head.head_logits`` reads back; the stacker input is built by the same
``stack_features`` the product uses, so training and inference cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from scipy.optimize import minimize_scalar
from sklearn.linear_model import LogisticRegression

from textmine.sentiment.head import _softmax, head_logits, log_softmax, stack_features

MLP = {"hidden": 256, "epochs": 12, "batch": 256, "lr": 1e-3, "weight_decay": 1e-4}


def train_mlp(x: np.ndarray, y: np.ndarray, sw: np.ndarray, seed: int) -> dict[str, np.ndarray]:
    """512->256 ReLU->3 MLP, weighted cross-entropy, Adam; plain numpy so it is reproducible."""
    rng = np.random.default_rng(seed)
    d, h = x.shape[1], MLP["hidden"]
    p = {
        "W1": rng.normal(0, np.sqrt(2 / d), (d, h)).astype(np.float32),
        "b1": np.zeros(h, np.float32),
        "W2": rng.normal(0, np.sqrt(1 / h), (h, 3)).astype(np.float32),
        "b2": np.zeros(3, np.float32),
    }
    m = {k: np.zeros_like(v) for k, v in p.items()}
    v = {k: np.zeros_like(v) for k, v in p.items()}
    b1, b2, step = 0.9, 0.999, 0
    sw = (sw / sw.mean()).astype(np.float32)
    onehot = np.eye(3, dtype=np.float32)[y]
    for _ in range(MLP["epochs"]):
        order = rng.permutation(len(x))
        for s in range(0, len(x), MLP["batch"]):
            i = order[s : s + MLP["batch"]]
            xb, wb = x[i], sw[i][:, None]
            hid = np.maximum(xb @ p["W1"] + p["b1"], 0)
            g = (_softmax(hid @ p["W2"] + p["b2"]).astype(np.float32) - onehot[i]) * wb / len(i)
            gh = (g @ p["W2"].T) * (hid > 0)
            grads = {"W2": hid.T @ g, "b2": g.sum(0), "W1": xb.T @ gh, "b1": gh.sum(0)}
            step += 1
            for k in p:
                gk = grads[k] + (MLP["weight_decay"] * p[k] if k.startswith("W") else 0)
                m[k] = b1 * m[k] + (1 - b1) * gk
                v[k] = b2 * v[k] + (1 - b2) * gk * gk
                p[k] -= (
                    MLP["lr"] * (m[k] / (1 - b1**step)) / (np.sqrt(v[k] / (1 - b2**step)) + 1e-8)
                )
    return p


def _lr(x: Any, y: np.ndarray, sw: np.ndarray, C: float, seed: int) -> LogisticRegression:
    sparse = not isinstance(x, np.ndarray)
    kw = (
        {"solver": "saga", "max_iter": 60, "tol": 1e-3, "random_state": seed}
        if sparse
        else {"max_iter": 3000}
    )
    return LogisticRegression(C=C, **kw).fit(x, y, sample_weight=sw)


def fit_head(
    head: Mapping[str, Any], x: Any, y: np.ndarray, sw: np.ndarray, seed: int
) -> dict[str, np.ndarray]:
    """One base model as named arrays. Binary heads (target 'polar') are stored as 2-column
    logits [0, margin] so every head enters the stacker as log-probabilities."""
    name = head["name"]
    if head["kind"] == "mlp":
        return {f"{name}_{k}": v for k, v in train_mlp(x, y, sw, seed).items()}
    if head["target"] == "polar":
        m = _lr(x, (y == 2).astype(int), sw, head["C"], seed)
        W = np.zeros((x.shape[1], 2), np.float32)
        W[:, 1] = m.coef_[0]
        return {f"{name}_W": W, f"{name}_b": np.array([0.0, m.intercept_[0]], np.float32)}
    m = _lr(x, y, sw, head["C"], seed)
    return {f"{name}_W": m.coef_.T.astype(np.float32), f"{name}_b": m.intercept_.astype(np.float32)}


def head_rows(head: Mapping[str, Any], y: np.ndarray, src: np.ndarray) -> np.ndarray:
    """Which training rows a head learns from: 3-class heads only from sources with a real
    neutral class (binary reviews would erase 'neutral'), polar heads from every polar row."""
    if head["target"] == "polar":
        return y != 1
    return np.isin(src, list(head["sources"]))


def fit_bases(
    heads: Sequence[Mapping[str, Any]],
    emb: np.ndarray,
    xs: Any,
    y: np.ndarray,
    src: np.ndarray,
    sw: np.ndarray,
    seed: int,
) -> dict[str, np.ndarray]:
    weights: dict[str, np.ndarray] = {}
    for h in heads:
        rows = head_rows(h, y, src)
        x = emb if h["input"] == "embedding" else xs
        weights |= fit_head(h, x[rows], y[rows], sw[rows], seed)
    return weights


def stack_input(
    heads: Sequence[Mapping[str, Any]], w: Mapping[str, np.ndarray], emb, xs, texts: list[str]
) -> np.ndarray:
    """Stacker input, exactly as HeadSentiment computes it."""
    logits = [head_logits(h, w, emb, xs).astype(np.float64) for h in heads]
    return stack_features([log_softmax(z) for z in logits], texts)


def fit_stacker(
    s: np.ndarray, y: np.ndarray, sw: np.ndarray, polar_only: np.ndarray, C: float
) -> dict[str, np.ndarray]:
    """Multinomial logistic stacker, L2 penalty 1/(2C) as in scikit-learn (sum of weights = n).

    Rows with ``polar_only`` (binary review corpora) enter as log P(y | not neutral): they say
    which of negative/positive, nothing about how often text is neutral. Fitted as plain
    3-class rows they taught the stacker that review-like (and CJK) text is never neutral, so
    Chinese neutral feedback was read as polar (CX val zh neutral recall 0.11).
    """
    from scipy.optimize import minimize

    x = np.hstack([s, np.ones((len(y), 1))])
    onehot = np.eye(3)[y]
    w = sw * len(y) / sw.sum()
    mask = np.where(polar_only[:, None], np.array([0.0, -np.inf, 0.0]), 0.0)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        W = theta.reshape(x.shape[1], 3)
        lp = log_softmax(x @ W + mask)
        lp = np.where(np.isfinite(lp), lp, 0.0)
        g = x.T @ ((np.exp(lp) * (mask == 0) - onehot) * w[:, None])
        g[:-1] += W[:-1] / C
        val = -(w * (lp * onehot).sum(1)).sum() + (W[:-1] ** 2).sum() / (2 * C)
        return float(val), g.ravel()

    opt = minimize(loss, np.zeros(x.shape[1] * 3), jac=True, method="L-BFGS-B",
                   options={"maxiter": 5000})  # fmt: skip
    W = opt.x.reshape(x.shape[1], 3)
    return {"stack_W": W[:-1].astype(np.float32), "stack_b": W[-1].astype(np.float32)}


def fit_temperature(z: np.ndarray, y: np.ndarray, sw: np.ndarray) -> tuple[float, float, float]:
    """One temperature minimising the weighted NLL of held-out logits: (T, NLL at 1, NLL at T)."""

    def nll(t: float) -> float:
        lp = log_softmax(z / t)
        return float(-(lp[np.arange(len(y)), y] * sw).sum() / sw.sum())

    t = float(minimize_scalar(nll, bounds=(0.2, 5.0), method="bounded").x)
    return t, nll(1.0), nll(t)


def fit_class_bias(z: np.ndarray, y: np.ndarray, sw: np.ndarray, reg: float = 0.1) -> np.ndarray:
    """Per-class offsets b (sum 0) minimising the weighted NLL of softmax(z + b) on held-out rows.

    Why: the stacker learns class priors from the training mix (tweets, binary reviews), which
    are not those of customer feedback; fitted on validation rows of the target domain, b moves
    the decision boundaries back without touching what the heads learned. ``reg`` (L2 on b)
    keeps a small validation set from pushing the offsets far.
    """
    from scipy.optimize import minimize

    def loss(b2: np.ndarray) -> tuple[float, np.ndarray]:
        b = np.array([b2[0], b2[1], -b2[0] - b2[1]])
        lp = log_softmax(z + b)
        p = np.exp(lp)
        w = sw / sw.sum()
        g = (p - np.eye(3)[y]) * w[:, None]
        grad3 = g.sum(0) + 2 * reg * b
        val = -(lp[np.arange(len(y)), y] * w).sum() + reg * (b @ b)
        return float(val), np.array([grad3[0] - grad3[2], grad3[1] - grad3[2]])

    b2 = minimize(loss, np.zeros(2), jac=True, method="L-BFGS-B").x
    return np.array([b2[0], b2[1], -b2[0] - b2[1]])
