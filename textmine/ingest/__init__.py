"""Readers for each feedback source. Each returns a string-typed DataFrame with ``source_row``.

:func:`load` picks the reader for ``config.source`` and returns an :class:`Ingested`: the units
of analysis plus, for chats, social posts and e-mails, a table accounting for every input row.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from textmine.config import Config
from textmine.ingest.base import Ingested, to_frame
from textmine.ingest.stream import iter_table
from textmine.ingest.survey import QUESTION, read_table, stack_questions

__all__ = ["Ingested", "iter_table", "load", "read_table"]


def load(data: pd.DataFrame | str | Path, config: Config) -> Ingested:
    """Read ``data`` as ``config.source`` (survey, chat, social or email)."""
    if config.source == "chat":
        from textmine.ingest.chat import read_chat

        return read_chat(data, config.chat, config.read, _declared(config))
    if config.source == "social":
        from textmine.ingest.social import read_social

        return read_social(data, config.social, config.read)
    if config.source == "email":
        from textmine.ingest.email import read_email

        return read_email(data, config.email, config.read)
    return _survey(data, config)


def _survey(data: pd.DataFrame | str | Path, config: Config) -> Ingested:
    frame = to_frame(data, config.read)
    questions = config.survey.questions
    if questions and config.survey.questions_mode == "stacked":
        stacked = stack_questions(frame, questions)
        columns = {"text": "answer", "segments": [QUESTION]}
        return Ingested(stacked, columns, attrs=dict(frame.attrs))
    return Ingested(frame, attrs=dict(frame.attrs))


def _declared(config: Config) -> list[str]:
    c = config.columns
    named = [c.nps, c.csat, c.ces, c.date, c.language, *c.segments]
    return [name for name in named if name]
