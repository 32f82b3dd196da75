"""Readers for each feedback source. Each returns a string-typed DataFrame with ``source_row``.

:func:`load` picks the reader for ``config.source`` and returns an :class:`Ingested`: the units
of analysis plus, for chats, social posts and e-mails, a table accounting for every input row.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from textmine.config import Config
from textmine.ingest.base import Ingested, find_column, to_frame
from textmine.ingest.exports import strip_export_header
from textmine.ingest.stream import iter_table
from textmine.ingest.survey import QUESTION, read_table, read_text, stack_questions

__all__ = ["Ingested", "iter_table", "load", "read_table"]


def load(data: pd.DataFrame | str | Path, config: Config) -> Ingested:
    """Read ``data`` as ``config.source`` (survey, chat, social or email; ``auto`` picks one,
    see :func:`detect_source`); ``attrs["source"]`` says which one read it."""
    source, frame = config.source, None
    if source == "auto":
        source, frame = detect_source(data, config)
    loaded = _read(frame if frame is not None and source == "survey" else data, source, config)
    loaded.attrs["source"] = source
    return loaded


def detect_source(
    data: pd.DataFrame | str | Path, config: Config
) -> tuple[str, pd.DataFrame | None]:
    """``source: auto``: e-mail for .eml/.mbox files and tables with a subject and a body
    column, chat for known chat exports (STC-3 and ABCD JSON, MultiDoGO and Twitter-support
    tables) and for long tables with a conversation id, a speaker and a text column; survey
    otherwise. Returns the table when it had to be
    read to tell, so a survey is read once."""
    path = None if isinstance(data, pd.DataFrame) else Path(data)
    if path is not None and path.suffix.lower() in {".eml", ".mbox"}:
        return "email", None
    if path is not None and path.suffix.lower() == ".json":
        return ("chat" if _is_chat_json(path, config) else "survey"), None
    frame = to_frame(data, config.read)
    if _is_chat_table(frame):
        return "chat", frame
    return ("email" if _is_email_table(frame) else "survey"), frame


def _is_chat_json(path: Path, config: Config) -> bool:
    from textmine.ingest import chat_formats

    try:
        document = json.loads(read_text(path, config.read.encoding)[0])
    except (json.JSONDecodeError, UnicodeDecodeError):
        return False  # the survey reader reports what is wrong with the file
    return chat_formats.json_format(document) != "long"


def _is_chat_table(frame: pd.DataFrame) -> bool:
    from textmine.ingest import chat_formats
    from textmine.ingest.chat import ALIASES

    if chat_formats.table_format(frame) != "long":
        return True
    return all(
        find_column(frame, None, ALIASES[field]) is not None
        for field in ("conversation_id", "speaker", "text")
    )


def _is_email_table(frame: pd.DataFrame) -> bool:
    """An e-mail export: a subject and a body column (a plain "text" column is not enough)."""
    from textmine.ingest.email import SUBJECT_ALIASES

    has_body = find_column(frame, None, ("body", "email_body")) is not None
    return has_body and find_column(frame, None, SUBJECT_ALIASES) is not None


def _read(data: pd.DataFrame | str | Path, source: str, config: Config) -> Ingested:
    if source == "chat":
        from textmine.ingest.chat import read_chat

        return read_chat(data, config.chat, config.read, _declared(config))
    if source == "social":
        from textmine.ingest.social import read_social

        return read_social(data, config.social, config.read)
    if source == "email":
        from textmine.ingest.email import read_email

        return read_email(data, config.email, config.read)
    return _survey(data, config)


def _survey(data: pd.DataFrame | str | Path, config: Config) -> Ingested:
    frame, header = strip_export_header(to_frame(data, config.read))
    attrs = dict(frame.attrs)  # a streamed chunk brings its file's labels and note along
    attrs["column_labels"] = header.labels or attrs.get("column_labels") or {}
    attrs["header_rows"] = header.note() or attrs.get("header_rows")
    questions = config.survey.questions
    if questions and config.survey.questions_mode == "stacked":
        stacked = stack_questions(frame, questions)
        columns = {"text": "answer", "segments": [QUESTION]}
        return Ingested(stacked, columns, attrs=attrs)
    return Ingested(frame, attrs=attrs)


def _declared(config: Config) -> list[str]:
    c = config.columns
    named = [c.nps, c.csat, c.ces, c.date, c.language, *c.segments]
    return [name for name in named if name]
