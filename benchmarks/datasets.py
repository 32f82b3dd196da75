"""Labelled theme benchmark sets from ../shared/data (gold intents stand in for gold themes).

Each loader returns a DataFrame with columns text, language, gold and (xsid) key, the English
source sentence that links parallel translations.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

SHARED = Path(os.environ.get("TEXTMINE_SHARED_DATA", "/work/shared/data"))
XSID_LANGUAGES = ("en", "de", "zh", "da")


def banking77() -> pd.DataFrame:
    frame = pd.read_csv(SHARED / "banking77" / "banking_data" / "test.csv")
    return pd.DataFrame({"text": frame["text"], "language": "en", "gold": frame["category"]})


def massive_de() -> pd.DataFrame:
    path = SHARED / "massive_de" / "data" / "Massive" / "Intents" / "test.txt"
    frame = pd.read_csv(path, sep="\t", header=None, names=["text", "gold"], quoting=3)
    return pd.DataFrame({"text": frame["text"], "language": "de", "gold": frame["gold"]})


def _read_conll(path: Path) -> list[dict]:
    rows, current = [], {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text-en = "):
            current["key"] = line[len("# text-en = ") :].strip()
        elif line.startswith("# text = "):
            current["text"] = line[len("# text = ") :].strip()
        elif line.startswith("# intent = "):
            current["gold"] = line[len("# intent = ") :].strip()
        elif not line.strip() and current:
            rows.append(current)
            current = {}
    if current:
        rows.append(current)
    return rows


def xsid(languages: tuple[str, ...] = XSID_LANGUAGES, split: str = "valid") -> pd.DataFrame:
    frames = []
    for language in languages:
        rows = _read_conll(SHARED / "xsid" / "data" / "xSID-0.7" / f"{language}.{split}.conll")
        frame = pd.DataFrame(rows)
        if "key" not in frame:  # the English file is the source: its text is the key
            frame["key"] = frame["text"]
        frame["key"] = frame["key"].fillna(frame["text"])
        frame["language"] = language
        frames.append(frame[["text", "language", "gold", "key"]])
    return pd.concat(frames, ignore_index=True)


def mixed() -> pd.DataFrame:
    """All three sets together; gold labels are prefixed by their set so intents never collide."""
    parts = []
    for name, frame in (("banking77", banking77()), ("massive_de", massive_de()), ("xsid", xsid())):
        parts.append(frame.assign(gold=name + ":" + frame["gold"].astype(str)))
    return pd.concat(parts, ignore_index=True)


SETS = {"banking77": banking77, "massive_de": massive_de, "xsid": xsid, "mixed": mixed}


# Development data: labelled rows that are *not* in the benchmark above, for tuning the theme
# model without looking at the benchmark (benchmarks/themes_dev.py).
MULTIDOGO = SHARED / "multidogo" / "data" / "paper_splits" / "splits_annotated_at_turn_level"


def banking77_train(n: int = 3000) -> pd.DataFrame:
    """A seeded sample of banking77's train split (the benchmark uses its test split)."""
    frame = pd.read_csv(SHARED / "banking77" / "banking_data" / "train.csv").sample(
        n, random_state=0
    )
    return pd.DataFrame({"text": frame["text"], "language": "en", "gold": frame["category"]})


def massive_de_dev() -> pd.DataFrame:
    """MASSIVE German dev split (the benchmark uses test)."""
    path = SHARED / "massive_de" / "data" / "Massive" / "Intents" / "dev.txt"
    frame = pd.read_csv(path, sep="\t", header=None, names=["text", "gold"], quoting=3)
    return pd.DataFrame({"text": frame["text"], "language": "de", "gold": frame["gold"]})


def multidogo_dev(n: int = 3000) -> pd.DataFrame:
    """MultiDoGO dev turns of all six domains (en), gold = domain:intent; turns labelled
    'contentonly' (no intent) are left out. A few malformed lines in the files are skipped."""
    parts = []
    for domain in sorted(p for p in MULTIDOGO.iterdir() if p.is_dir()):
        frame = pd.read_csv(domain / "dev.tsv", sep="\t", quoting=3, on_bad_lines="skip")
        frame = frame.dropna(subset=["utterance", "intent"])
        parts.append(
            pd.DataFrame({"text": frame["utterance"], "gold": domain.name + ":" + frame["intent"]})
        )
    frame = pd.concat(parts).sample(n, random_state=0)
    frame = frame[~frame["gold"].str.endswith(":contentonly")]
    return frame.assign(language="en").reset_index(drop=True)


def dev_mixed() -> pd.DataFrame:
    """Half the banking77 train sample, massive_de dev and half the MultiDoGO sample together."""
    parts = []
    for name, frame in (
        ("banking77", banking77_train(1500)),
        ("massive_de", massive_de_dev()),
        ("multidogo", multidogo_dev(1500)),
    ):
        parts.append(frame.assign(gold=name + ":" + frame["gold"].astype(str)))
    return pd.concat(parts, ignore_index=True)


DEV_SETS = {
    "banking77_train": banking77_train,
    "massive_de_dev": massive_de_dev,
    "multidogo_dev": multidogo_dev,
    "dev_mixed": dev_mixed,
}
