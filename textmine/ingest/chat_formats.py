"""Readers for real chat exports, each producing the long turn format of :mod:`chat`.

- ``stc3``: NTCIR-14 STC-3 helpdesk dialogues (Weibo, zh/en): ``[{id, turns: [{sender,
  utterances}], annotations: [{quality: {A, S, E}}]}]``. The annotators' mean satisfaction S
  (-2..2) becomes ``csat`` on 1-5 (``round(S) + 3``); the means of S, A and E are kept.
- ``abcd``: ASAPP ABCD ``[{convo_id, scenario: {flow, subflow, ...}, original: [[speaker, text]]}]``
  (or ``{split: [...]}``). ``action`` turns are system events. Scenario personal data is never read.
- ``multidogo``: Amazon MultiDoGO TSV (customer turns only); the folder name is the domain.
- ``twcs``: Customer Support on Twitter CSV; threads rebuilt from reply ids, inbound = customer,
  the brand answering is kept as ``brand``. Author ids are not carried.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from textmine.errors import InputError
from textmine.ingest.stream import SOURCE_ROW

COLUMNS = [SOURCE_ROW, "conversation_id", "turn", "speaker", "text", "time"]


def json_format(document: Any) -> str:
    """Recognise a JSON chat export by its record shape; ``long`` for plain records."""
    records = _records(document)
    first = records[0] if records and isinstance(records[0], dict) else {}
    if "turns" in first:
        return "stc3"
    if "original" in first:
        return "abcd"
    return "long"


def table_format(frame: pd.DataFrame) -> str:
    columns = set(frame.columns)
    if {"conversationId", "turnNumber", "utterance"} <= columns:
        return "multidogo"
    if {"tweet_id", "inbound", "in_response_to_tweet_id"} <= columns:
        return "twcs"
    return "long"


def _records(document: Any) -> list:
    if isinstance(document, dict):  # abcd full release: {"train": [...], "dev": [...], ...}
        lists = [v for v in document.values() if isinstance(v, list)]
        return [r for part in lists for r in part]
    return document if isinstance(document, list) else []


def stc3_turns(document: Any, path: Path) -> pd.DataFrame:
    """One row per turn; ``source_row`` is the dialogue's position in the file (1-based)."""
    language = "zh" if "_cn" in path.name else "en" if "_en" in path.name else None
    rows = []
    for number, dialogue in enumerate(_require_list(document, path), start=1):
        if not isinstance(dialogue, dict):
            raise InputError("dialogue is not a JSON object", file=str(path), row=number)
        scores = _stc3_scores(dialogue.get("annotations") or [])
        for turn, item in enumerate(dialogue.get("turns") or []):
            utterances = [u for u in (item.get("utterances") or []) if u and u.strip()]
            rows.append(
                {
                    SOURCE_ROW: number,
                    "conversation_id": str(dialogue.get("id", number)),
                    "turn": turn,
                    "speaker": item.get("sender"),
                    "text": "\n".join(utterances),
                    "time": None,
                    "language": language,
                    **scores,
                }
            )
    return pd.DataFrame(rows)


def _stc3_scores(annotations: list) -> dict[str, str | None]:
    quality = [a.get("quality", {}) for a in annotations if isinstance(a, dict)]
    means = {
        key: float(np.mean(values)) if (values := [q[key] for q in quality if key in q]) else None
        for key in ("S", "A", "E")
    }
    s = means["S"]
    return {
        "csat": None if s is None else str(int(np.floor(s + 0.5)) + 3),
        "satisfaction_mean": None if s is None else f"{s:.3f}",
        "accomplishment_mean": None if means["A"] is None else f"{means['A']:.3f}",
        "effectiveness_mean": None if means["E"] is None else f"{means['E']:.3f}",
    }


def abcd_turns(document: Any, path: Path) -> pd.DataFrame:
    rows = []
    splits = document.items() if isinstance(document, dict) else [(None, document)]
    number = 0
    for split, records in splits:
        for convo in _require_list(records, path):
            number += 1
            scenario = convo.get("scenario") or {}
            for turn, pair in enumerate(convo.get("original") or []):
                speaker, text = (list(pair) + [None, None])[:2]
                rows.append(
                    {
                        SOURCE_ROW: number,
                        "conversation_id": str(convo.get("convo_id", number)),
                        "turn": turn,
                        "speaker": speaker,
                        "text": text,
                        "time": None,
                        "flow": scenario.get("flow"),
                        "subflow": scenario.get("subflow"),
                        **({"split": split} if split else {}),
                    }
                )
    return pd.DataFrame(rows)


def _require_list(document: Any, path: Path) -> list:
    if not isinstance(document, list):
        raise InputError("expected a JSON list of conversations", file=str(path))
    return document


def multidogo_turns(frame: pd.DataFrame) -> pd.DataFrame:
    file = frame.attrs.get("file")
    out = pd.DataFrame(
        {
            SOURCE_ROW: frame[SOURCE_ROW],
            "conversation_id": frame["conversationId"],
            "turn": frame["turnNumber"],
            "speaker": "customer",
            "text": frame["utterance"],
            "time": None,
        }
    )
    if file:
        out["domain"] = Path(file).parent.name
    return out


def twcs_turns(frame: pd.DataFrame) -> pd.DataFrame:
    """Rebuild threads: a thread is named by its top-most tweet in the file (or by the
    missing tweet it answers, so replies to the same absent tweet stay together)."""
    ids = frame["tweet_id"].tolist()
    parent_of = dict(zip(ids, frame["in_response_to_tweet_id"], strict=True))
    thread = [_thread_root(tweet, parent_of) for tweet in ids]
    inbound = frame["inbound"].fillna("").str.strip().str.lower().eq("true")
    time = pd.to_datetime(frame["created_at"], errors="coerce", format="mixed", utc=True)
    out = pd.DataFrame(
        {
            SOURCE_ROW: frame[SOURCE_ROW],
            "conversation_id": thread,
            "speaker": np.where(inbound, "customer", "agent"),
            "text": frame["text"],
            "time": frame["created_at"],
            "_t": time,
        }
    )
    out = out.sort_values(["_t", SOURCE_ROW], kind="stable", na_position="last")
    out["turn"] = out.groupby("conversation_id", sort=False).cumcount()
    agents = out[~inbound.reindex(out.index)].assign(brand=frame["author_id"])
    brand = agents.groupby("conversation_id", sort=False)["brand"].first()
    out["brand"] = out["conversation_id"].map(brand)
    return out.sort_index().drop(columns="_t")[COLUMNS + ["brand"]]


def _thread_root(tweet: str, parent_of: dict[str, str | None]) -> str:
    seen = {tweet}
    current = tweet
    while True:
        parent = parent_of.get(current)
        if not parent:
            return current
        if parent not in parent_of:
            return parent
        if parent in seen:  # a reply cycle in broken exports: stop where it closes
            return min(seen)
        seen.add(parent)
        current = parent


JSON_READERS = {"stc3": stc3_turns, "abcd": abcd_turns}
TABLE_READERS = {"multidogo": multidogo_turns, "twcs": twcs_turns}
