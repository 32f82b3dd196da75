"""One evaluation pass for a 'route': route(texts, lang) -> L2-normalised (n, d)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from evalcommon import tatoeba_splits, xsid
from metrics import cross_same_cluster, nmi, retrieval_top1, union_nmi

Route = Callable[[Sequence[str], str], np.ndarray]
XLANGS = ("de", "zh", "da")


def evaluate(route: Route, no_variants: Sequence[str] | None = None) -> dict[str, float]:
    out: dict[str, float] = {}
    test = tatoeba_splits()["test"]
    en_t = route([p[0] for p in test], "en")
    sv_t = route([p[1] for p in test], "sv")
    out["tat_en2sv"], out["tat_sv2en"] = retrieval_top1(en_t, sv_t)

    rows = {lang: xsid(lang) for lang in ("en", *XLANGS, "no")}
    emb = {lang: route([r["text"] for r in rs], lang) for lang, rs in rows.items()}
    en_by_sid = {r["sid"]: i for i, r in enumerate(rows["en"])}
    labels_en = [r["intent"] for r in rows["en"]]
    k = len(set(labels_en))
    for lang in ("en", *XLANGS):
        out[f"nmi_{lang}"] = nmi(emb[lang], [r["intent"] for r in rows[lang]])
    for lang in XLANGS:
        idx = [en_by_sid[r["sid"]] for r in rows[lang]]
        e, x = emb["en"][idx], emb[lang]
        out[f"same_{lang}"] = cross_same_cluster(e, x, k)
        out[f"unmi_{lang}"] = union_nmi(e, x, [labels_en[i] for i in idx])
        out[f"ret_{lang}"] = float(np.mean(retrieval_top1(e, x)))
    # Norwegian: 300 sentences x 11 transcriptions (B = Bokmaal, 1..10 dialects)
    groups: dict[str, list[int]] = {}
    for i, r in enumerate(rows["no"]):
        groups.setdefault(r["id"].split("/")[1], []).append(i)
    variants = list(no_variants) if no_variants else sorted(groups)
    same, ret = [], []
    for v in variants:
        ii = groups[v]
        idx = [en_by_sid[rows["no"][i]["sid"]] for i in ii]
        e, x = emb["en"][idx], emb["no"][ii]
        s = cross_same_cluster(e, x, k, seeds=(0,)) if v != "B" else cross_same_cluster(e, x, k)
        r = float(np.mean(retrieval_top1(e, x)))
        if v == "B":
            out["nmi_nb"] = nmi(x, [rows["no"][i]["intent"] for i in ii])
            out["same_nb"], out["ret_nb"] = s, r
        same.append(s)
        ret.append(r)
    out["same_no_all"] = float(np.mean(same))
    out["ret_no_all"] = float(np.mean(ret))
    return out


COLS = [
    "tat_en2sv",
    "tat_sv2en",
    "nmi_en",
    "nmi_de",
    "nmi_zh",
    "nmi_da",
    "nmi_nb",
    "same_de",
    "same_zh",
    "same_da",
    "same_nb",
    "same_no_all",
    "unmi_de",
    "unmi_zh",
    "unmi_da",
    "ret_de",
    "ret_zh",
    "ret_da",
    "ret_nb",
    "ret_no_all",
]


def fmt_row(name: str, res: dict[str, float]) -> str:
    return "| " + name + " | " + " | ".join(f"{res.get(c, float('nan')):.3f}" for c in COLS) + " |"


def header() -> str:
    return "| route | " + " | ".join(COLS) + " |\n|---" * 1 + "|---" * len(COLS) + "|"
