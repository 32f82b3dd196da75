"""Find and replace personal data with placeholders, irreversibly.

Detectors are validated wherever a checksum or a fixed structure exists (Luhn for cards and
Swedish personnummer, mod-97 for IBANs, ISO 7064 for German tax ids and Chinese resident ids,
reserved ranges for US SSNs), so order numbers, amounts and dates are left alone. Measured
recall and false-positive rates are in docs/privacy.md.
"""

from __future__ import annotations

import re
from datetime import date

URL = "[URL]"
EMAIL = "[EMAIL]"
PHONE = "[PHONE]"
CARD = "[CARD]"
IBAN = "[IBAN]"
ID = "[ID]"
HANDLE = "@user"
PLACEHOLDERS = (URL, EMAIL, PHONE, CARD, IBAN, ID, HANDLE)

# ASCII local parts and domains: \w would also swallow the Chinese words around an address.
_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_URL_CHARS = r"[^\s<>\"'\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
_URL_RE = re.compile(
    rf"(?:https?://|www\.){_URL_CHARS}+"  # scheme or www.
    rf"|(?<![A-Za-z0-9.@-])(?:[a-z0-9-]+\.)+[a-z]{{2,}}/{_URL_CHARS}*[?#=]{_URL_CHARS}*",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?)]}'\""
_DIGIT_RE = re.compile(r"\d")  # the same (Unicode) digits the patterns below match
_HANDLE_RE = re.compile(r"(?<![\w@])@\w{1,30}")
# Boundaries are ASCII: Chinese characters count as \w, and numbers sit right next to them.
_B, _A = r"(?<![A-Za-z0-9_])", r"(?![A-Za-z0-9_])"
_IBAN_RE = re.compile(
    rf"{_B}[A-Z]{{2}}\d{{2}}(?:[ ]?[A-Z0-9]{{4}}){{2,7}}(?:[ ]?[A-Z0-9]{{1,3}})?{_A}"
)
_CARD_RE = re.compile(r"(?<![\d+])(?:\d[ -]?){12,18}\d(?!\d)")
_SE_PNR_RE = re.compile(r"(?<![\d-])(?:(?:19|20)\d{6}[-+]?|\d{6}[-+])\d{4}(?![\d-])")
_CN_ID_RE = re.compile(r"(?<![\dA-Za-z])\d{6}(?:19|20)\d{9}[\dXx](?![\dA-Za-z])")
_DE_TAX_RE = re.compile(r"(?<![\d-])[1-9]\d(?: ?\d{3}){3}(?![\d-])")
_US_SSN_RE = re.compile(r"(?<![\d-])(\d{3})-(\d{2})-(\d{4})(?![\d-])")
_PHONE_RE = re.compile(
    r"(?<![A-Za-z0-9_+])(?:(?:\+|00)\d{1,3}[ .\-/]?)?(?:\(\d{1,4}\)[ .\-/]?)?\d{1,4}"
    r"(?:[ .\-/]?\d{2,4}){1,4}(?![A-Za-z0-9_]|:\d)"  # not the hour of a time
)
# Mobile numbers written without separators, by prefixes no order number system uses widely:
# CN 1[3-9]x (11 digits), SE 07x (10), UK 07x (11), DE 015x-017x (11-12).
_PLAIN_MOBILE_RE = re.compile(r"(?<![\d.,])(?:1[3-9]\d{9}|07\d{8,9}|01[5-7]\d{8,9})(?![\d.,]\d)")


def redact(text: str, handles: bool = False, ids: bool = True) -> str:
    """Replace e-mails, URLs, IBANs, national ids, cards and phone numbers with placeholders.

    Order matters: the most specific, checksum-validated patterns run first so a
    personnummer is not taken for a phone number.
    """
    if "@" in text:
        text = _EMAIL_RE.sub(EMAIL, text)
    text = _URL_RE.sub(_url, text)
    if _DIGIT_RE.search(text):  # every pattern below needs a digit; most answers have none
        text = _IBAN_RE.sub(_iban, text)
        if ids:
            text = redact_ids(text)
        text = _CARD_RE.sub(lambda m: CARD if luhn_ok(m.group()) else m.group(), text)
        text = _PHONE_RE.sub(lambda m: PHONE if looks_like_phone(m.group()) else m.group(), text)
        text = _PLAIN_MOBILE_RE.sub(PHONE, text)
    if handles and "@" in text:
        text = _HANDLE_RE.sub(HANDLE, text)
    return text


def _iban(match: re.Match) -> str:
    """The pattern may run on into a following word ("... 1704 ABOUT"): drop trailing groups
    until the mod-97 check passes."""
    parts = match.group().split(" ")
    for end in range(len(parts), 0, -1):
        if iban_ok(" ".join(parts[:end])):
            return " ".join([IBAN, *parts[end:]])
    return match.group()


def _url(match: re.Match) -> str:
    """Sentence punctuation right after a URL belongs to the sentence, not the URL."""
    url = match.group()
    kept = url.rstrip(_TRAILING)
    return URL + url[len(kept) :]


def redact_ids(text: str) -> str:
    """National ids whose format is reliable: SE personnummer, CN resident id, DE tax id, US SSN."""
    text = _CN_ID_RE.sub(lambda m: ID if cn_id_ok(m.group()) else m.group(), text)
    text = _SE_PNR_RE.sub(lambda m: ID if personnummer_ok(m.group()) else m.group(), text)
    text = _DE_TAX_RE.sub(lambda m: ID if de_tax_id_ok(m.group()) else m.group(), text)
    return _US_SSN_RE.sub(lambda m: ID if ssn_ok(*m.groups()) else m.group(), text)


def digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def luhn_sum_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        digit = int(ch)
        if i % 2 == 1:
            digit *= 2
            digit -= 9 if digit > 9 else 0
        total += digit
    return total % 10 == 0


def luhn_ok(value: str) -> bool:
    number = digits(value)
    return 13 <= len(number) <= 19 and luhn_sum_ok(number)


def iban_ok(value: str) -> bool:
    compact = value.replace(" ", "").upper()
    if not 15 <= len(compact) <= 34:
        return False
    rearranged = compact[4:] + compact[:4]
    numeric = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(numeric) % 97 == 1


def personnummer_ok(value: str) -> bool:
    """YYMMDD-NNNN or YYYYMMDD-NNNN; a real date (day + 60 for samordningsnummer) and Luhn."""
    number = digits(value)[-10:]
    if len(number) != 10:
        return False
    month, day = int(number[2:4]), int(number[4:6])
    day = day - 60 if day > 60 else day
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return False
    return luhn_sum_ok(number)


def cn_id_ok(value: str) -> bool:
    """18-character resident id: a valid birth date and the ISO 7064 MOD 11-2 check character."""
    value = value.upper()
    try:
        date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(value[:17], weights, strict=True))
    return "10X98765432"[total % 11] == value[17]


def de_tax_id_ok(value: str) -> bool:
    """Steuerliche Identifikationsnummer: 11 digits, one digit repeated in the first ten
    (twice or three times), and the ISO 7064 MOD 11,10 check digit."""
    number = digits(value)
    if len(number) != 11 or number[0] == "0":
        return False
    counts = sorted((number[:10].count(d) for d in set(number[:10])), reverse=True)
    if counts[0] not in (2, 3) or (len(counts) > 1 and counts[1] > 1):
        return False
    product = 10
    for ch in number[:10]:
        total = (int(ch) + product) % 10 or 10
        product = (total * 2) % 11
    return (11 - product) % 10 == int(number[10])


def ssn_ok(area: str, group: str, serial: str) -> bool:
    """AAA-GG-SSSS outside the ranges never issued (000, 666, 9xx; 00; 0000)."""
    return area not in ("000", "666") and area[0] != "9" and group != "00" and serial != "0000"


def looks_like_phone(value: str) -> bool:
    """8-15 digits, and either an international prefix or separators between groups.

    Plain runs of digits (order numbers, amounts) and dates are left alone.
    """
    number = digits(value)
    if not 8 <= len(number) <= 15:
        return False
    stripped = value.strip()
    if stripped.startswith("00") and len(number) < 11:  # 00 + country code + >= 7 digits
        return False
    if re.match(r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}(?!\d)", stripped):  # a date (and time)
        return False
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", stripped):  # 1.234.567 is an amount
        return False
    if re.fullmatch(r"\(?(?:(?:1\d|20)\d\d[ ,/–-]*)+\)?", stripped):  # years, (1744-1803)
        return False
    return stripped.startswith(("+", "00", "(")) or bool(re.search(r"\d[ .\-/]\d", stripped))
