"""Labelled theme benchmark sets from ../shared/data (gold intents stand in for gold themes).

Each loader returns a DataFrame with columns text, language, gold and (xsid) key, the English
source sentence that links parallel translations.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd


def _shared_data() -> Path:
    """``$TEXTMINE_SHARED_DATA``, else the ``shared/data`` folder beside the checkout (how CI
    lays it out: ``../shared`` next to the repository)."""
    if os.environ.get("TEXTMINE_SHARED_DATA"):
        return Path(os.environ["TEXTMINE_SHARED_DATA"])
    here = Path(__file__).resolve()
    found = (p / "shared" / "data" for p in here.parents if (p / "shared" / "data").is_dir())
    return next(found, here.parents[2] / "shared" / "data")


SHARED = _shared_data()
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


# Coarse gold (6-18 classes, like xsid's 15 intents): the same kind of text labelled at a
# higher level, so a theme-count rule that splits too finely shows up on development data.
# MASSIVE's intent ids index the HF AmazonScience/massive label order (massive_de/SOURCE.md);
# the scenario is the name's first part ("alarm_set" -> "alarm"), 18 scenarios.
MASSIVE_INTENTS = [
    "datetime_query",
    "iot_hue_lightchange",
    "transport_ticket",
    "takeaway_query",
    "qa_stock",
    "general_greet",
    "recommendation_events",
    "music_dislikeness",
    "iot_wemo_off",
    "cooking_recipe",
    "qa_currency",
    "transport_traffic",
    "general_quirky",
    "weather_query",
    "audio_volume_up",
    "email_addcontact",
    "takeaway_order",
    "email_querycontact",
    "iot_hue_lightup",
    "recommendation_locations",
    "play_audiobook",
    "lists_createoradd",
    "news_query",
    "alarm_query",
    "iot_wemo_on",
    "general_joke",
    "qa_definition",
    "social_query",
    "music_settings",
    "audio_volume_other",
    "calendar_remove",
    "iot_hue_lightdim",
    "calendar_query",
    "email_sendemail",
    "iot_cleaning",
    "audio_volume_down",
    "play_radio",
    "cooking_query",
    "datetime_convert",
    "qa_maths",
    "iot_hue_lightoff",
    "iot_hue_lighton",
    "transport_query",
    "music_likeness",
    "email_query",
    "play_music",
    "audio_volume_mute",
    "social_post",
    "alarm_set",
    "qa_factoid",
    "calendar_set",
    "play_game",
    "alarm_remove",
    "lists_remove",
    "transport_taxi",
    "recommendation_movies",
    "iot_coffee",
    "music_query",
    "play_podcasts",
    "lists_query",
]


def massive_scenarios(frame: pd.DataFrame) -> pd.DataFrame:
    """The same rows with gold = MASSIVE scenario instead of intent id."""
    names = [MASSIVE_INTENTS[int(i)] for i in frame["gold"]]
    return frame.assign(gold=[name.split("_")[0] for name in names])


def massive_de_dev_scenarios() -> pd.DataFrame:
    """MASSIVE German dev split, gold = one of 18 scenarios."""
    return massive_scenarios(massive_de_dev())


def massive_de_train_scenarios(n: int = 3000) -> pd.DataFrame:
    """A seeded sample of MASSIVE German train, gold = scenario (more rows than dev)."""
    path = SHARED / "massive_de" / "data" / "Massive" / "Intents" / "train.txt"
    frame = pd.read_csv(path, sep="\t", header=None, names=["text", "gold"], quoting=3)
    frame = frame.sample(n, random_state=0)
    return massive_scenarios(frame.assign(language="de")[["text", "language", "gold"]])


def multidogo_dev_domains(n: int = 3000) -> pd.DataFrame:
    """The MultiDoGO dev sample, gold = its domain (6) instead of domain:intent."""
    frame = multidogo_dev(n)
    return frame.assign(gold=frame["gold"].str.split(":").str[0])


GENERIC_TURNS = ("contentonly", "confirmation", "rejection", "openinggreeting", "closinggreeting")
GENERIC_TURNS += ("thankyou", "outofdomain")


def multidogo_dev_specific(n: int = 2000) -> pd.DataFrame:
    """MultiDoGO dev turns with a domain-specific intent (no greetings, thanks, yes/no or
    out-of-domain), gold = domain:intent: distinct intents, unlike the generic turns."""
    frame = multidogo_dev(10_000)
    intent = frame["gold"].str.split(":").str[1]
    frame = frame[~intent.isin(GENERIC_TURNS)]
    return frame.sample(min(n, len(frame)), random_state=0).reset_index(drop=True)


def multidogo_dev_specific_domains(n: int = 2000) -> pd.DataFrame:
    """The same turns, gold = domain (6): coarse gold over well-separated text, where every
    extra split costs NMI (like xsid's 15 intents)."""
    frame = multidogo_dev_specific(n)
    return frame.assign(gold=frame["gold"].str.split(":").str[0])


def massive_de_train_distinct(n: int = 1500) -> pd.DataFrame:
    """MASSIVE German train rows of the largest intent of each scenario (18 distinct intents),
    a seeded sample: few, well-separated themes."""
    path = SHARED / "massive_de" / "data" / "Massive" / "Intents" / "train.txt"
    frame = pd.read_csv(path, sep="\t", header=None, names=["text", "gold"], quoting=3)
    scenario = frame["gold"].map(lambda i: MASSIVE_INTENTS[int(i)].split("_")[0])
    largest = frame.groupby(scenario)["gold"].agg(lambda g: g.value_counts().idxmax())
    frame = frame[frame["gold"].isin(largest)].sample(n, random_state=0)
    return frame.assign(language="de").reset_index(drop=True)


def dev_mixed_coarse() -> pd.DataFrame:
    """MASSIVE German train sample by scenario and MultiDoGO by domain together (de + en)."""
    parts = [
        massive_de_train_scenarios(2000).assign(gold=lambda f: "massive:" + f["gold"]),
        multidogo_dev_domains(2000).assign(gold=lambda f: "multidogo:" + f["gold"]),
    ]
    return pd.concat(parts, ignore_index=True)


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
    "massive_de_dev_scenarios": massive_de_dev_scenarios,
    "massive_de_train_scenarios": massive_de_train_scenarios,
    "multidogo_dev_domains": multidogo_dev_domains,
    "dev_mixed_coarse": dev_mixed_coarse,
    "multidogo_dev_specific": multidogo_dev_specific,
    "multidogo_dev_specific_domains": multidogo_dev_specific_domains,
    "massive_de_train_distinct": massive_de_train_distinct,
}
COARSE_DEV_SETS = (
    "massive_de_dev_scenarios",
    "massive_de_train_scenarios",
    "multidogo_dev_domains",
    "dev_mixed_coarse",
    "multidogo_dev_specific_domains",
    "massive_de_train_distinct",
)
