"""Normalise text and redact personal data before anything else sees it.

Redaction is irreversible: placeholders replace the values, so reports, quotes and exports
never carry them. The detectors live in :mod:`textmine.pii`. Line breaks survive (runs of them
collapse to one) because the segmenter treats a line as a unit: one chat turn, one bullet.
"""

from __future__ import annotations

import html
import re
import unicodedata

from textmine.pii import (  # noqa: F401  (re-exported: placeholders are part of the API)
    CARD,
    EMAIL,
    HANDLE,
    IBAN,
    ID,
    PHONE,
    PLACEHOLDERS,
    URL,
    redact,
)

_CONTROL_RE = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200d\ufeff]")
_NEWLINE_RE = re.compile(r"\r\n?|[\u2028\u2029\u0085]")
_SPACE_RE = re.compile(r"[^\S\n]+")
_LINES_RE = re.compile(r" ?\n[\s]*")
_TAG_RE = re.compile(r"<[^>]{1,200}>")


def normalize_text(
    text: str, redact_pii: bool = True, redact_handles: bool = False, redact_ids: bool = True
) -> str:
    """NFC, HTML entities and tags, control characters, whitespace, then PII placeholders."""
    text = unicodedata.normalize("NFC", html.unescape(text))
    text = _TAG_RE.sub(" ", text)
    text = _NEWLINE_RE.sub("\n", text)
    text = _CONTROL_RE.sub("", text)
    text = _SPACE_RE.sub(" ", text)
    text = _LINES_RE.sub("\n", text).strip()
    if redact_pii:
        text = redact(text, handles=redact_handles, ids=redact_ids)
    return text
