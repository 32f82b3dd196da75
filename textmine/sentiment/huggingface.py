"""Sentiment from a local Hugging Face sequence-classification model (optional: torch)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from textmine.sentiment import frame_from_probabilities

# --------------------------------------------------------------------------------------------

_STAR = re.compile(r"^\s*([1-5])\s*star")


def map_labels(id2label: Mapping[int, str]) -> np.ndarray:
    """Map a model's class ids to 0=neg, 1=neu, 2=pos from its label names.

    Knows named labels (negative/neutral/positive and abbreviations), 1-5 star ratings
    (1-2 neg, 3 neu, 4-5 pos) and anonymous LABEL_k with 2 classes (neg, pos) or 3 (neg, neu, pos).
    """
    n = len(id2label)
    names = [str(id2label[i]).strip().lower() for i in range(n)]
    out: list[int] = []
    for name in names:
        m = _STAR.match(name)
        if m:
            out.append(0 if int(m.group(1)) <= 2 else (1 if m.group(1) == "3" else 2))
        elif name.startswith("neg"):
            out.append(0)
        elif name.startswith("neu") or name in ("none", "mixed", "objective"):
            out.append(1)
        elif name.startswith("pos"):
            out.append(2)
        else:
            out.append(-1)
    if -1 in out:
        if all(re.fullmatch(r"label_\d+", x) for x in names) and n in (2, 3):
            return np.array([0, 2] if n == 2 else [0, 1, 2])
        raise ValueError(f"cannot map labels {names} to negative/neutral/positive; pass label_map")
    return np.array(out)


class TransformersSentiment:
    """Any local HF sequence-classification sentiment model, on CPU, batched.

    2-class models give p_neutral = 0 unless `binary_neutral_band` > 0, in which case texts with
    |p_pos - p_neg| < band are labelled neutral (probabilities are left as the model gave them).
    """

    def __init__(
        self,
        model_dir: str | Path,
        batch_size: int = 32,
        max_length: int = 256,
        label_map: Mapping[int, str] | None = None,
        binary_neutral_band: float = 0.0,
        threads: int | None = None,
    ) -> None:
        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        if threads:
            torch.set_num_threads(threads)
        self._torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
        self.model = AutoModelForSequenceClassification.from_pretrained(str(model_dir)).eval()
        id2label = label_map or {int(k): v for k, v in self.model.config.id2label.items()}
        self.target = map_labels(id2label)
        self.batch_size = batch_size
        self.max_length = min(max_length, self._model_limit())
        self.binary_neutral_band = binary_neutral_band
        self.name = f"transformers:{Path(model_dir).name}"

    def _model_limit(self) -> int:
        """Longest input the model accepts (RoBERTa-style models reserve 2 positions)."""
        cfg = self.model.config
        limit = int(getattr(cfg, "max_position_embeddings", 512) or 512)
        if getattr(cfg, "model_type", "") in ("roberta", "xlm-roberta", "camembert", "bertweet"):
            limit -= 2
        tok_max = getattr(self.tokenizer, "model_max_length", None)
        if isinstance(tok_max, int) and 0 < tok_max < 100_000:
            limit = min(limit, tok_max)
        return limit

    def predict(
        self, texts: Sequence[str], languages: Sequence[str], embeddings: np.ndarray | None = None
    ) -> pd.DataFrame:
        """`languages` and `embeddings` are unused: the model reads raw text."""
        torch = self._torch
        texts = ["" if t is None else str(t) for t in texts]
        probs = np.zeros((len(texts), 3))
        for s in range(0, len(texts), self.batch_size):
            batch = texts[s : s + self.batch_size]
            enc = self.tokenizer(
                batch,
                padding=True,
                truncation=True,
                max_length=self.max_length,
                return_tensors="pt",
            )
            with torch.inference_mode():
                p = torch.softmax(self.model(**enc).logits.float(), dim=-1).numpy()
            for j, t in enumerate(self.target):  # sum fine-grained classes (stars) into 3
                probs[s : s + len(batch), t] += p[:, j]
        labels = None
        if self.binary_neutral_band > 0 and 1 not in set(self.target.tolist()):
            labels = np.where(probs[:, 2] >= probs[:, 0], 2, 0)
            labels[np.abs(probs[:, 2] - probs[:, 0]) < self.binary_neutral_band] = 1
        return frame_from_probabilities(probs, labels)
