"""Chat transcripts: one conversation = one unit of analysis, every turn accounted for.

The long format has one row per turn (see docs/sources.md)::

    conversation_id, turn, role, text, time, [conversation-level columns: csat, channel, ...]

Customer turns are joined (one line each) into the conversation's text, so a conversation
counts once per theme it raised and its score (post-chat CSAT, ...) is attached to each of
them. Agent, bot and system turns are excluded from theming but kept in the ``turns`` table
(with the reason), which is also the context for quotes: see :func:`transcript`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from textmine.config import ChatSettings, ReadSettings
from textmine.errors import InputError
from textmine.ingest import chat_formats
from textmine.ingest.base import (
    ANALYSED,
    EXCLUDED,
    QUARANTINED,
    ROW_COLUMNS,
    Ingested,
    find_column,
    issue,
    to_frame,
)
from textmine.ingest.stream import SOURCE_ROW
from textmine.ingest.survey import read_text

TURN_FIELDS = ["conversation_id", "turn", "speaker", "text", "time"]
TURN_TABLE_COLUMNS = ROW_COLUMNS + ["conversation_id", "turn", "role", "speaker", "text", "time"]
ALIASES = {
    "conversation_id": (
        "conversation_id",
        "conversation",
        "chat_id",
        "session_id",
        "ticket_id",
        "thread_id",
        "dialogue_id",
        "dialog_id",
    ),
    "turn": ("turn", "turn_number", "turn_id", "seq", "sequence", "position", "message_index"),
    "speaker": ("role", "speaker", "sender", "author_type", "participant", "from"),
    "text": ("text", "message", "utterance", "body", "content"),
    "time": ("time", "timestamp", "created_at", "sent_at", "datetime"),
}
_SCORE_LIKE = re.compile(r"nps|csat|ces|score|rating|satisf|effort", re.IGNORECASE)


def read_chat(
    data: pd.DataFrame | str | Path,
    settings: ChatSettings,
    read: ReadSettings,
    declared: list[str] | None = None,
) -> Ingested:
    """Read a chat export (long format, stc3, multidogo, abcd or twcs) into conversations.

    ``declared``: column names the config maps to roles (scores, segments); a conversation
    whose turns disagree on one of them is quarantined rather than silently picking one.
    """
    file = None if isinstance(data, pd.DataFrame) else str(data)
    turns, fmt, encoding = _turns(data, settings, read)
    result = from_turns(turns, settings, declared or [], file)
    result.attrs.update(file=file, encoding=encoding, format=fmt)
    return result


def _turns(data, settings: ChatSettings, read: ReadSettings) -> tuple[pd.DataFrame, str, str]:
    fmt = settings.format
    if not isinstance(data, pd.DataFrame) and Path(data).suffix.lower() == ".json":
        path = Path(data)
        text, encoding = read_text(path, read.encoding)
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"not valid JSON: {exc.msg} (line {exc.lineno})", file=str(path)
            ) from exc
        fmt = chat_formats.json_format(document) if fmt == "auto" else fmt
        if fmt in chat_formats.JSON_READERS:
            return chat_formats.JSON_READERS[fmt](document, path), fmt, encoding
    frame = to_frame(data, read)
    encoding = frame.attrs.get("encoding")
    fmt = chat_formats.table_format(frame) if fmt == "auto" else fmt
    if fmt in chat_formats.TABLE_READERS:
        return chat_formats.TABLE_READERS[fmt](frame), fmt, encoding
    if fmt != "long":
        raise InputError(f"chat format {fmt!r} needs a .json file", file=frame.attrs.get("file"))
    return long_turns(frame, settings), fmt, encoding


def long_turns(frame: pd.DataFrame, settings: ChatSettings) -> pd.DataFrame:
    """Map the long format's columns (declared or by common names) to the standard ones."""
    declared = {
        "conversation_id": settings.conversation,
        "turn": settings.turn,
        "speaker": settings.role,
        "text": settings.text,
        "time": settings.time,
    }
    found = {name: find_column(frame, declared[name], ALIASES[name]) for name in TURN_FIELDS}
    for name in ("conversation_id", "speaker", "text"):
        if found[name] is None:
            raise InputError(
                f"chat export has no {name} column",
                file=frame.attrs.get("file"),
                column=declared[name],
                hint="set chat.conversation / chat.role / chat.text; columns in the file: "
                + ", ".join(repr(c) for c in frame.columns if c != SOURCE_ROW),
            )
    renamed = frame.rename(columns={v: k for k, v in found.items() if v is not None})
    for name in TURN_FIELDS:
        if name not in renamed:
            renamed[name] = None
    return renamed


def from_turns(
    turns: pd.DataFrame, settings: ChatSettings, declared: list[str], file: str | None
) -> Ingested:
    """Turns (standard columns + conversation-level columns) -> conversations + turn table."""
    turns = turns.reset_index(drop=True)
    turns["role"] = turns["speaker"].map(_role_lookup(settings))
    status, reason = _turn_status(turns, settings)
    order = _turn_order(turns)
    turns = turns.iloc[order].reset_index(drop=True)
    status, reason = status[order], reason[order]
    has_id = turns["conversation_id"].notna() & (status != QUARANTINED)
    ids = pd.unique(turns.loc[has_id, "conversation_id"])
    response_of = {cid: i for i, cid in enumerate(ids)}
    turns["response_id"] = turns["conversation_id"].map(response_of).where(has_id)
    themed = turns[status == ANALYSED]
    frame = pd.DataFrame({"conversation_id": ids})
    frame.insert(0, SOURCE_ROW, turns[has_id].groupby("response_id")[SOURCE_ROW].min().to_numpy())
    frame["text"] = (
        themed.groupby("response_id")["text"].agg("\n".join).reindex(range(len(ids))).to_numpy()
    )
    frame["time"] = turns[has_id].groupby("response_id")["time"].first().to_numpy()
    frame, issues = _conversation_columns(frame, turns[has_id], declared, file)
    frame = frame.astype(object).where(frame.notna(), None)
    rows = turns.assign(status=status, reason=reason)
    rows["response_id"] = rows["response_id"].astype("Int64")
    columns = {"text": "text", "id": "conversation_id"}
    if frame["time"].notna().any():
        columns["date"] = "time"
    else:
        frame = frame.drop(columns="time")
    if "language" in frame and frame["language"].notna().all():
        columns["language"] = "language"
    if "csat" in frame:
        columns["csat"] = "csat"
    standard = {SOURCE_ROW, "conversation_id", "text", "time"}
    columns["keep"] = [c for c in frame.columns if c not in standard]
    attrs = {
        "conversations": len(ids),
        "turns_by_role": rows["role"].fillna("unknown").value_counts().to_dict(),
    }
    return Ingested(frame, columns, rows[TURN_TABLE_COLUMNS], issues, attrs, rows_name="turns")


def _role_lookup(settings: ChatSettings) -> Callable[[object], str | None]:
    lookup = {}
    for role in ("customer", "agent", "bot", "system"):
        lookup |= {label.strip().lower(): role for label in getattr(settings.roles, role)}
    return lambda speaker: lookup.get(str(speaker).strip().lower()) if speaker else None


def _turn_status(turns: pd.DataFrame, settings: ChatSettings) -> tuple[np.ndarray, np.ndarray]:
    status = np.full(len(turns), ANALYSED, dtype=object)
    reason = np.full(len(turns), None, dtype=object)
    empty = turns["text"].fillna("").str.strip().eq("").to_numpy()
    themed_role = turns["role"].isin(settings.analyse_roles).to_numpy()
    status[~themed_role] = EXCLUDED
    reason[~themed_role] = turns["role"][~themed_role].map(lambda r: f"{r} turn (not themed)")
    status[themed_role & empty] = EXCLUDED
    reason[themed_role & empty] = "empty turn"
    unknown = turns["role"].isna().to_numpy()
    status[unknown] = QUARANTINED
    reason[unknown] = turns["speaker"][unknown].map(
        lambda s: f"role: {s!r} is not a known speaker label (set chat.roles)"
    )
    no_id = turns["conversation_id"].fillna("").str.strip().eq("").to_numpy()
    status[no_id] = QUARANTINED
    reason[no_id] = "conversation_id: empty"
    return status, reason


def _turn_order(turns: pd.DataFrame) -> np.ndarray:
    """Conversations in order of first appearance; turns by turn number, then file order."""
    first = turns.groupby("conversation_id", sort=False, dropna=False).cumcount() == 0
    rank = {cid: i for i, cid in enumerate(turns.loc[first, "conversation_id"])}
    key = pd.DataFrame(
        {
            "conversation": turns["conversation_id"].map(rank).fillna(len(rank)),
            "turn": pd.to_numeric(turns["turn"], errors="coerce"),
            "position": np.arange(len(turns)),
        }
    )
    return key.sort_values(["conversation", "turn", "position"], kind="stable").index.to_numpy()


def _conversation_columns(
    frame: pd.DataFrame, turns: pd.DataFrame, declared: list[str], file: str | None
) -> tuple[pd.DataFrame, list[dict]]:
    """Columns with one value per conversation become conversation attributes.

    A column that varies within a conversation is turn-level and stays out of the frame,
    unless it holds a score or a declared column: then the conversation is quarantined.
    """
    issues: list[dict] = []
    standard = set(TURN_FIELDS) | {"role", "response_id", SOURCE_ROW}
    for column in [c for c in turns.columns if c not in standard]:
        distinct = turns[["response_id", column]].dropna().drop_duplicates()
        per_conversation = distinct.groupby("response_id")[column]
        n_values = per_conversation.size()
        conflicts = n_values[n_values > 1].index
        matters = column in declared or bool(_SCORE_LIKE.search(column))
        if len(conflicts) and not matters:
            continue
        first = per_conversation.first().where(n_values == 1)
        frame[column] = first.reindex(range(len(frame))).astype(object).to_numpy()
        for response_id in conflicts:
            seen = [str(v) for v in distinct.loc[distinct["response_id"] == response_id, column]]
            source_row = int(frame.loc[int(response_id), SOURCE_ROW])
            issues.append(
                issue(
                    int(response_id),
                    source_row,
                    file,
                    column,
                    " | ".join(seen),
                    f"{column}: conflicting values within the conversation ({', '.join(seen)})",
                )
            )
    return frame, issues


def transcript(turns: pd.DataFrame, response_id: int, themed_only: bool = False) -> pd.DataFrame:
    """All turns of one conversation in order (role, text): the context of a quote.

    ``turns`` is ``result.extra["turns"]``; its text is normalised and redacted like every
    other output.
    """
    rows = turns[turns["response_id"] == response_id]
    if themed_only:
        rows = rows[rows["status"] == ANALYSED]
    return rows[["turn", "role", "text", "status"]].reset_index(drop=True)
