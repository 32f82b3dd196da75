"""Default offline sentiment: small heads over the shared embeddings + hashed n-gram models.

Heads over the vectors the pipeline already computed for clustering (default ``multilingual``
embedder: USE, Scandinavian text mapped into the USE space), plus a hashed character
and word n-gram model (language-agnostic: catches spelling cues USE never saw, and Chinese needs
no spaces), stacked and temperature-calibrated. Weights are ``weights.npz`` + ``model.json``
written by ``pipelines/sentiment/train_sentiment.py``; no pickle, so loading never runs code.
A per-class offset fitted on validation data (customer feedback and tweets) corrects the class
priors the training mix leaves behind. Measured quality per language:
``models/sentiment/MODEL_CARD.md``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from textmine.sentiment import frame_from_probabilities


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


_URL = re.compile(r"https?://\S+|www\.\S+")
_USER = re.compile(r"@\w+")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower-case, mask URLs/handles, squeeze spaces, cap repeats (training = inference)."""
    t = _URL.sub(" http ", text.lower())
    t = _USER.sub(" @user ", t)
    t = re.sub(r"(.)\1{3,}", r"\1\1\1", t)
    return _SPACE.sub(" ", t).strip()


_TOKEN = r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]|\w+|[^\w\s]"  # CJK chars one by one


class HashedTfidf:
    """Hashed char n-grams (within words) + word uni/bigrams, sublinear TF-IDF, L2 per block.

    sklearn's murmurhash makes training and inference share one definition; the model stores only
    IDF vectors, not a vocabulary. CJK characters are single tokens, so Chinese needs no spaces.
    """

    def __init__(
        self,
        cfg: Mapping[str, Any],
        idf_char: np.ndarray | None = None,
        idf_word: np.ndarray | None = None,
    ) -> None:
        from sklearn.feature_extraction.text import HashingVectorizer

        self.cfg = dict(cfg)
        common = dict(
            alternate_sign=False,
            norm=None,
            lowercase=False,
            preprocessor=normalise,
            dtype=np.float32,
        )
        self.char = HashingVectorizer(
            analyzer="char_wb",
            n_features=cfg["char_features"],
            ngram_range=tuple(cfg["char_ngrams"]),
            **common,
        )
        self.word = HashingVectorizer(
            analyzer="word",
            n_features=cfg["word_features"],
            ngram_range=tuple(cfg["word_ngrams"]),
            token_pattern=_TOKEN,
            **common,
        )
        self.idf = [idf_char, idf_word]

    @property
    def n_features(self) -> int:
        return int(self.cfg["char_features"] + self.cfg["word_features"])

    def fit(self, texts: Sequence[str]) -> HashedTfidf:
        for k, vec in enumerate((self.char, self.word)):
            c = vec.transform(list(texts)).tocsr()
            df = np.bincount(c.indices, minlength=c.shape[1]).astype(np.float64)
            self.idf[k] = (np.log((1 + c.shape[0]) / (1 + df)) + 1).astype(np.float32)
        return self

    def transform(self, texts: Sequence[str]) -> Any:
        import scipy.sparse as sp
        from sklearn.preprocessing import normalize

        blocks = []
        for vec, idf in zip((self.char, self.word), self.idf, strict=True):
            c = vec.transform(list(texts)).tocsr()
            c.data = np.log1p(c.data) * idf[c.indices]
            blocks.append(normalize(c, norm="l2", copy=False))
        return (sp.hstack(blocks, format="csr") * np.float32(np.sqrt(0.5))).astype(np.float32)


def log_softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=1, keepdims=True))


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def cjk_flag(texts: Sequence[str]) -> np.ndarray:
    """1.0 where most letters are CJK: lets the stacker trust n-grams more for Chinese/Japanese."""
    out = np.zeros(len(texts))
    for i, t in enumerate(texts):
        letters = sum(ch.isalpha() for ch in t)
        out[i] = float(letters > 0 and len(_CJK.findall(t)) / letters > 0.5)
    return out


def stack_features(logprobs: Sequence[np.ndarray], texts: Sequence[str]) -> np.ndarray:
    """Stacker input: component log-probabilities, the same again times the CJK flag, the flag."""
    s = np.hstack(list(logprobs))
    c = cjk_flag(texts)[:, None]
    return np.hstack([s, s * c, c])


# Layout of the 1.x artefacts, whose model.json has no "heads" list.
V1_HEADS = [
    {"name": "use_lr", "kind": "lr", "input": "embedding"},
    {"name": "use_mlp", "kind": "mlp", "input": "embedding"},
    {"name": "ngram_lr", "kind": "lr", "input": "ngrams"},
    {"name": "bin_use", "kind": "lr", "input": "embedding"},
    {"name": "bin_ngram", "kind": "lr", "input": "ngrams"},
]


def head_logits(
    head: Mapping[str, str], w: Mapping[str, np.ndarray], emb: np.ndarray, xs: Any
) -> np.ndarray:
    """Logits of one base model: a linear model or a one-hidden-layer ReLU MLP."""
    name, x = head["name"], (emb if head["input"] == "embedding" else xs)
    if head["kind"] == "mlp":
        hidden = np.maximum(x @ w[f"{name}_W1"] + w[f"{name}_b1"], 0.0)
        return hidden @ w[f"{name}_W2"] + w[f"{name}_b2"]
    return np.asarray(x @ w[f"{name}_W"]) + w[f"{name}_b"]


class HeadSentiment:
    """Offline sentiment: embedding heads + hashed n-gram models, stacked, calibrated
    (temperature, then a per-class offset).

    Uses the caller's L2-normalised embeddings when given (the pipeline already computed them
    with its default ``multilingual`` embedder, which the heads were trained on) and embeds with
    that embedder only when ``embeddings`` is None.
    """

    # Vectors from embedders whose name starts with this (plain USE, or USE with the
    # Scandinavian route) can be reused; any other embedder's vectors are not in this space.
    embedding_space = "use-multilingual-v3"

    def __init__(self, model_dir: str | Path | None = None, threads: int = 2) -> None:
        d = Path(model_dir) if model_dir else default_model_dir()
        config_bytes = (d / "model.json").read_bytes()
        self.config: dict[str, Any] = json.loads(config_bytes.decode("utf-8"))
        # Identifies these exact weights (the pipeline's sentiment cache is keyed by it).
        weights = hashlib.sha256(config_bytes + (d / "weights.npz").read_bytes())
        self.fingerprint = f"{self.config['version']}-{weights.hexdigest()[:16]}"
        with np.load(d / "weights.npz", allow_pickle=False) as w:
            self.w = {k: w[k].astype(np.float32) for k in w.files}
        self.name = f"textmine-sentiment-{self.config['version']}"
        self.heads: list[dict[str, str]] = self.config.get("heads", V1_HEADS)
        self.ngrams = HashedTfidf(
            self.config["ngram_features"], self.w["idf_char"], self.w["idf_word"]
        )
        self.temperature = float(self.config["temperature"])
        # Per-class offsets fitted on validation data after the temperature (0 before 2.1.0).
        self.class_bias = np.asarray(self.config.get("class_bias", [0.0, 0.0, 0.0]), np.float64)
        self.threads = threads
        self._embedder: Any = None

    def _embed(self, texts: Sequence[str], languages: Sequence[str] | None) -> np.ndarray:
        if self._embedder is None:
            from textmine.embed import MultilingualEmbedder

            self._embedder = MultilingualEmbedder(threads=self.threads)
        return self._embedder.encode(list(texts), None if languages is None else list(languages))

    def component_logits(self, texts: Sequence[str], emb: np.ndarray) -> dict[str, np.ndarray]:
        """Raw logits of each base model (the stacker's inputs)."""
        xs = self.ngrams.transform(texts)
        return {h["name"]: head_logits(h, self.w, emb, xs) for h in self.heads}

    def predict_proba(
        self,
        texts: Sequence[str],
        embeddings: np.ndarray | None = None,
        languages: Sequence[str] | None = None,
    ) -> np.ndarray:
        if len(texts) == 0:
            return np.zeros((0, 3))
        texts = ["" if t is None else str(t) for t in texts]
        emb = (
            self._embed(texts, languages)
            if embeddings is None
            else np.asarray(embeddings, dtype=np.float32)
        )
        if emb.shape != (len(texts), 512):
            raise ValueError(f"embeddings must be ({len(texts)}, 512), got {emb.shape}")
        comp = self.component_logits(texts, emb)
        s = stack_features(
            [log_softmax(comp[h["name"]].astype(np.float64)) for h in self.heads], texts
        )
        z = s @ self.w["stack_W"] + self.w["stack_b"]
        return _softmax(z / self.temperature + self.class_bias)

    def predict(
        self, texts: Sequence[str], languages: Sequence[str], embeddings: np.ndarray | None = None
    ) -> pd.DataFrame:
        """``languages`` only routes embedding (Swedish/Danish/Norwegian) when none are given;
        the heads themselves are language-agnostic."""
        return frame_from_probabilities(self.predict_proba(texts, embeddings, languages))


def default_model_dir() -> Path:
    """``models/sentiment`` (installed as ``textmine.models``)."""
    from importlib.resources import files

    return Path(str(files("textmine.models"))) / "sentiment"
