"""Normalise text and redact personal data before anything else sees it.

Redaction is irreversible: placeholders replace the values, so reports, quotes and exports
never carry them. Detectors are validated where a checksum exists (Luhn for cards, mod-97 for
IBANs) to keep false positives low.
"""

from __future__ import annotations

import html
import re
import unicodedata

URL = "[URL]"
EMAIL = "[EMAIL]"
PHONE = "[PHONE]"
CARD = "[CARD]"
IBAN = "[IBAN]"
HANDLE = "@user"
PLACEHOLDERS = (URL, EMAIL, PHONE, CARD, IBAN, HANDLE)

_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}")
_URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
_HANDLE_RE = re.compile(r"(?<![\w@])@\w{1,30}")
_IBAN_RE = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b")
_CARD_RE = re.compile(r"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)")
_PHONE_RE = re.compile(
    r"(?<![\w+])(?:\+|00)?\d{1,3}?[ .\-/]?(?:\(\d{1,4}\)[ .\-/]?)?\d{2,4}(?:[ .\-/]?\d{2,4}){2,4}(?!\w)"
)
_CONTROL_RE = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200d\ufeff]")
_SPACE_RE = re.compile(r"\s+")
_TAG_RE = re.compile(r"<[^>]{1,200}>")


def normalize_text(text: str, redact_pii: bool = True, redact_handles: bool = False) -> str:
    """NFC, HTML entities and tags, control characters, whitespace, then PII placeholders."""
    text = unicodedata.normalize("NFC", html.unescape(text))
    text = _TAG_RE.sub(" ", text)
    text = _CONTROL_RE.sub("", text)
    text = _SPACE_RE.sub(" ", text).strip()
    if redact_pii:
        text = redact(text, handles=redact_handles)
    return text


def redact(text: str, handles: bool = False) -> str:
    """Replace e-mails, URLs, IBANs, card numbers and phone numbers with placeholders."""
    text = _EMAIL_RE.sub(EMAIL, text)
    text = _URL_RE.sub(URL, text)
    text = _IBAN_RE.sub(lambda m: IBAN if _iban_ok(m.group()) else m.group(), text)
    text = _CARD_RE.sub(lambda m: CARD if _luhn_ok(m.group()) else m.group(), text)
    text = _PHONE_RE.sub(lambda m: PHONE if _looks_like_phone(m.group()) else m.group(), text)
    if handles:
        text = _HANDLE_RE.sub(HANDLE, text)
    return text


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def _luhn_ok(value: str) -> bool:
    digits = [int(d) for d in _digits(value)]
    if not 13 <= len(digits) <= 19:
        return False
    total = 0
    for i, digit in enumerate(reversed(digits)):
        if i % 2 == 1:
            digit *= 2
            digit -= 9 if digit > 9 else 0
        total += digit
    return total % 10 == 0


def _iban_ok(value: str) -> bool:
    compact = value.replace(" ", "")
    if not 15 <= len(compact) <= 34:
        return False
    rearranged = compact[4:] + compact[:4]
    numeric = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(numeric) % 97 == 1


def _looks_like_phone(value: str) -> bool:
    """At least 8 digits, and either an international prefix or separators between groups.

    Plain runs of digits (order numbers, amounts) and dates are left alone.
    """
    digits = _digits(value)
    if not 8 <= len(digits) <= 15:
        return False
    if re.fullmatch(r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}", value.strip()):
        return False
    stripped = value.strip()
    return stripped.startswith(("+", "00", "(")) or bool(re.search(r"\d[ .\-/]\d", stripped))
