"""E-mail and SMS: keep what the customer wrote, not the thread, signature or legal footer.

Quoted replies ("On ... wrote:", "Am ... schrieb:", "Den ... skrev:", "在 ... 写道：", Outlook
headers, "> " lines), signatures ("-- ", sign-offs such as "Best regards" / "Mit freundlichen
Grüßen" / "Med vänliga hälsningar" / "此致" followed by a short block, "Sent from my iPhone")
and confidentiality disclaimers are cut before analysis. Reads tables (a body column) and
``.eml`` / ``.mbox`` files.
"""

from __future__ import annotations

import mailbox
import re
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pandas as pd

from textmine.config import EmailSettings, ReadSettings
from textmine.errors import InputError
from textmine.ingest.base import Ingested, find_column, to_frame
from textmine.ingest.stream import SOURCE_ROW

BODY_ALIASES = ("body", "text", "message", "content", "email_body", "sms", "sms_body", "msg")
SUBJECT_ALIASES = ("subject", "betreff", "ämne", "主题")
_M = re.MULTILINE
_QUOTE_HEADERS = [
    re.compile(r"^[ \t]*On\b[^\n]{0,300}(?:\n[^\n]{0,200})?\bwrote:[ \t]*$", _M),
    re.compile(r"^[ \t]*Am\b[^\n]{0,300}(?:\n[^\n]{0,200})?\bschrieb[^\n]{0,100}:[ \t]*$", _M),
    re.compile(
        r"^[ \t]*(?:Den|På)\b[^\n]{0,300}(?:\n[^\n]{0,200})?\bskrev[^\n]{0,100}:[ \t]*$", _M
    ),
    re.compile(r"^[ \t]*在[^\n]{0,300}写道[:：][ \t]*$", _M),
    re.compile(
        r"^[ \t]*-{2,}[ \t]*(?:Original Message|Forwarded message|Ursprüngliche Nachricht|"
        r"Weitergeleitete Nachricht|Originalmeddelande|Ursprungligt meddelande|"
        r"Vidarebefordrat meddelande|原始邮件|转发的邮件)[ \t]*-{2,}",
        _M | re.IGNORECASE,
    ),
    re.compile(
        r"^[ \t]*(?:From|Von|Från|发件人)[ \t]*[:：][^\n]*\n(?:[^\n]*\n){0,3}?"
        r"[ \t]*(?:Sent|Date|Gesendet|Datum|Skickat|Datum|发送时间|时间)[ \t]*[:：]",
        _M,
    ),
    re.compile(r"^_{10,}[ \t]*$", _M),
]
_QUOTED_LINE = re.compile(r"^[ \t]*>.*(?:\n|$)", _M)
_SIGNATURE_DELIMITER = re.compile(r"^-- ?$", _M)
_SENT_FROM = re.compile(
    r"^[ \t]*(?:Sent from my|Sent from Outlook|Get Outlook for|Von meinem [^\n]* gesendet|"
    r"Gesendet von meinem|Skickat från min|Skickat från Outlook|发自我的)",
    _M | re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"^[ \t]*(?:best regards|kind regards|warm regards|regards|best wishes|many thanks|thanks|"
    r"thank you|cheers|sincerely|yours sincerely|yours truly|best|br|"
    r"mit freundlichen grüßen|mit freundlichen grüssen|freundliche grüße|viele grüße|"
    r"beste grüße|liebe grüße|herzliche grüße|schöne grüße|grüße|gruß|mfg|lg|vg|"
    r"med vänliga hälsningar|vänliga hälsningar|med vänlig hälsning|vänlig hälsning|"
    r"hälsningar|mvh|tack på förhand|tack|"
    r"此致|此致敬礼|敬礼|祝好|顺祝商祺|祝商祺|谢谢|多谢|致谢)[ \t,.!！。，]*$",
    _M | re.IGNORECASE,
)
_DISCLAIMER = re.compile(
    r"this (?:e-?mail|message)(?: and any (?:files|attachments)[^.\n]{0,40})?"
    r" (?:is|may be|are|contains?|and its attachments)[^.\n]{0,40}(?:confidential|privileged)|"
    r"confidentiality notice|disclaimer:|"
    r"the information (?:contained )?in this (?:e-?mail|message)|"
    r"diese (?:e-?mail|nachricht)[^.\n]{0,60}vertraulich|der inhalt dieser e-?mail|"
    r"vertraulichkeitshinweis|haftungsausschluss|"
    r"detta (?:e-?post)?meddelande[^.\n]{0,80}konfidentiell|konfidentialitet|ansvarsfriskrivning|"
    r"本邮件[^。\n]{0,40}(?:保密|机密)|保密声明|免责声明|此邮件[^。\n]{0,30}(?:保密|机密)",
    re.IGNORECASE,
)
_SIGNATURE_MAX_LINES, _SIGNATURE_MAX_CHARS = 8, 400


@dataclass(frozen=True)
class Cleaned:
    text: str
    quote: bool
    signature: bool
    disclaimer: bool


def clean_message(
    text: str, quotes: bool = True, signatures: bool = True, disclaimers: bool = True
) -> Cleaned:
    """The customer's own words: quoted thread, disclaimer and signature removed."""
    original = text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    had_quote = had_disclaimer = had_signature = False
    if quotes:
        text = _cut_at_first(text, _QUOTE_HEADERS)
        text = _QUOTED_LINE.sub("", text)
        had_quote = text != original
    if disclaimers:
        match = _DISCLAIMER.search(text)
        if match:
            start = text.rfind("\n\n", 0, match.start())
            text, had_disclaimer = text[: max(start, 0)], True
    if signatures:
        before = text
        text = _cut_signature(text)
        had_signature = text != before
    return Cleaned(text.strip(), had_quote, had_signature, had_disclaimer)


def _cut_at_first(text: str, patterns: list[re.Pattern]) -> str:
    starts = [m.start() for p in patterns if (m := p.search(text))]
    return text[: min(starts)] if starts else text


def _cut_signature(text: str) -> str:
    for pattern in (_SIGNATURE_DELIMITER, _SENT_FROM):
        match = pattern.search(text)
        if match and match.start() > 0:
            text = text[: match.start()]
    for match in _SIGN_OFF.finditer(text):
        rest = text[match.end() :]
        short = rest.count("\n") <= _SIGNATURE_MAX_LINES and len(rest) <= _SIGNATURE_MAX_CHARS
        if match.start() > 0 and short:
            return text[: match.start()]
    return text


def read_email(
    data: pd.DataFrame | str | Path, settings: EmailSettings, read: ReadSettings
) -> Ingested:
    """One unit per message; the body is cleaned, counts of what was cut go in ``attrs``."""
    if not isinstance(data, pd.DataFrame) and Path(data).suffix.lower() in {".eml", ".mbox"}:
        frame = read_messages(Path(data))
    else:
        frame = to_frame(data, read)
    body = find_column(frame, settings.text, BODY_ALIASES)
    if body is None:
        raise InputError(
            "no message body column",
            file=frame.attrs.get("file"),
            column=settings.text,
            hint="set email.text; columns in the file: "
            + ", ".join(repr(c) for c in frame.columns if c != SOURCE_ROW),
        )
    subject = find_column(frame, settings.subject, SUBJECT_ALIASES)
    cleaned = [
        clean_message(
            b or "", settings.strip_quotes, settings.strip_signatures, settings.strip_disclaimers
        )
        for b in frame[body]
    ]
    out = frame.drop(columns=[body]).copy()
    texts = [c.text for c in cleaned]
    if settings.include_subject and subject is not None:
        texts = [f"{s}\n{t}" if s else t for s, t in zip(frame[subject], texts, strict=True)]
    out.insert(1, "text", texts)
    attrs = {
        **frame.attrs,
        "messages": len(frame),
        "quotes_removed": sum(c.quote for c in cleaned),
        "signatures_removed": sum(c.signature for c in cleaned),
        "disclaimers_removed": sum(c.disclaimer for c in cleaned),
    }
    return Ingested(out, {"text": "text"}, attrs=attrs)


def read_messages(path: Path) -> pd.DataFrame:
    """``.eml`` (one message) or ``.mbox`` -> subject, date, body; sender addresses are not read."""
    if not path.exists():
        raise InputError("file not found", file=str(path))
    try:
        if path.suffix.lower() == ".eml":
            messages = [BytesParser(policy=policy.default).parse(path.open("rb"))]
        else:
            box = mailbox.mbox(path, factory=lambda f: BytesParser(policy=policy.default).parse(f))
            messages = list(box)
    except Exception as exc:  # malformed mail raises many types
        raise InputError(f"cannot read messages: {exc}", file=str(path)) from exc
    rows = [
        {"subject": m["subject"], "date": m["date"], "body": _body(m)}
        for m in messages
        if isinstance(m, EmailMessage)
    ]
    frame = pd.DataFrame(rows, columns=["subject", "date", "body"]).astype(object)
    frame.insert(0, SOURCE_ROW, range(1, len(frame) + 1))
    frame.attrs.update(file=str(path), encoding="email")
    return frame


def _body(message: EmailMessage) -> str | None:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return None
    try:
        return part.get_content()
    except (LookupError, UnicodeError):
        return part.get_payload(decode=True).decode("utf-8", errors="replace")
