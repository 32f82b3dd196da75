"""Quality cost of fitting themes on a sample: NMI/ARI against gold intents and a full fit.

banking77 train+test (13,083 English queries, 77 intents), USE embeddings (cached). The model is
fitted on all rows and on seeded samples of several sizes; every row is then assigned with
``ThemeModel.predict``, exactly as ``scale.fit_sample`` does in the pipeline.

    TEXTMINE_CACHE=... python benchmarks/sample_fit_quality.py 2000 5000 10000
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from textmine.config import default_cache_dir
from textmine.embed import make_embedder
from textmine.sampling import fit_rows
from textmine.themes import ThemeModel, ThemeParams

sys.path.insert(0, str(Path(__file__).resolve().parent))
from datasets import SHARED  # noqa: E402

DATA = SHARED / "banking77" / "banking_data"


def main(sizes: list[int]) -> None:
    frame = pd.concat(pd.read_csv(DATA / f"{s}.csv") for s in ("train", "test"))
    texts, gold = frame["text"].tolist(), frame["category"].to_numpy()
    vectors = make_embedder("use", cache_dir=default_cache_dir()).encode(texts)
    languages = np.full(len(texts), "en")
    rows = []
    full = None
    for size in [None, *sizes]:
        start = time.perf_counter()
        sample = fit_rows(languages, size, seed=42)
        model = ThemeModel(ThemeParams(seed=42))
        fit_texts = texts if sample is None else [texts[i] for i in sample]
        model.fit(vectors if sample is None else vectors[sample], texts=fit_texts)
        ids = model.predict(vectors).theme_id
        seconds = time.perf_counter() - start
        full = ids if size is None else full
        known = ids >= 0
        rows.append(
            {
                "fit on": "all" if size is None else f"{size:,}",
                "themes": len(set(ids[known].tolist())),
                "unclassified": f"{(~known).mean():.1%}",
                "NMI gold": round(normalized_mutual_info_score(gold, ids), 3),
                "ARI gold": round(adjusted_rand_score(gold, ids), 3),
                "NMI vs full fit": round(normalized_mutual_info_score(full, ids), 3),
                "ARI vs full fit": round(adjusted_rand_score(full, ids), 3),
                "fit + assign (s)": round(seconds, 1),
            }
        )
        print(rows[-1], flush=True)
    print(_markdown(rows))


def _markdown(rows: list[dict]) -> str:
    """A Markdown table without the optional ``tabulate`` dependency of ``to_markdown``."""
    head = list(rows[0])
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(str(r[k]) for k in head) + " |" for r in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [2000, 5000, 10000])
