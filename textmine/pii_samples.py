"""Synthetic personal data with valid checksums, in en/de/sv/zh sentences, to measure redaction.

``make_pii_samples`` embeds one value per sentence; ``make_clean_samples`` writes sentences
full of numbers that are *not* personal data (order numbers, amounts, dates, versions). Recall
is the share of values that no longer appear in the redacted text; the false-positive rate is
the share of clean sentences that redaction changed. Numbers: docs/privacy.md.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import pandas as pd

from textmine.pii import luhn_sum_ok

LANGUAGES = ("en", "de", "sv", "zh")
_TEMPLATES = {
    "en": [
        "Please contact me at {v} about the refund.",
        "My {n} is {v}, I already told your colleague.",
        "{v} - that is the {n} you asked for.",
        "Why do you need my {n} ({v}) again?",
    ],
    "de": [
        "Bitte kontaktieren Sie mich unter {v} wegen der Erstattung.",
        "Meine {n} ist {v}, das habe ich schon gesagt.",
        "{v} – das ist die {n}, nach der Sie gefragt haben.",
        "Warum brauchen Sie meine {n} ({v}) noch einmal?",
    ],
    "sv": [
        "Kontakta mig på {v} angående återbetalningen.",
        "Mitt {n} är {v}, jag har redan sagt det.",
        "{v} – det är {n} ni frågade efter.",
        "Varför behöver ni mitt {n} ({v}) igen?",
    ],
    "zh": [
        "请通过{v}联系我处理退款。",
        "我的{n}是{v}，我已经告诉过你们了。",
        "{v}，这就是你们要的{n}。",
        "为什么又要我的{n}（{v}）？",
    ],
}
_NOUNS = {
    "en": "details",
    "de": "Angabe",
    "sv": "uppgift",
    "zh": "信息",
}
_CLEAN = {
    "en": [
        "Order {o} arrived on {d} but cost {a}.",
        "I updated to version {ver} and waited {m} minutes at {t}.",
        "Parcel {o} is still missing after {m} days, {p}% of my orders are late.",
        "We bought {m} items in {y} for {a} in total.",
    ],
    "de": [
        "Bestellung {o} kam am {d} an, kostete aber {a}.",
        "Ich habe auf Version {ver} aktualisiert und um {t} Uhr {m} Minuten gewartet.",
        "Paket {o} fehlt nach {m} Tagen immer noch, {p} % meiner Bestellungen sind spät.",
        "Wir haben {y} {m} Artikel für insgesamt {a} gekauft.",
    ],
    "sv": [
        "Order {o} kom den {d} men kostade {a}.",
        "Jag uppdaterade till version {ver} och väntade {m} minuter kl {t}.",
        "Paket {o} saknas fortfarande efter {m} dagar, {p} % av mina ordrar är sena.",
        "Vi köpte {m} varor {y} för totalt {a}.",
    ],
    "zh": [
        "订单{o}在{d}到货，但花了{a}。",
        "我更新到{ver}版本后在{t}等了{m}分钟。",
        "包裹{o}过了{m}天还没到，{p}%的订单都晚了。",
        "我们{y}年买了{m}件商品，一共{a}。",
    ],
}


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _luhn_complete(rng: random.Random, prefix: str, length: int) -> str:
    body = prefix + _digits(rng, length - len(prefix) - 1)
    return body + next(d for d in "0123456789" if luhn_sum_ok(body + d))


def _group(value: str, size: int, sep: str) -> str:
    return sep.join(value[i : i + size] for i in range(0, len(value), size))


def email(rng: random.Random) -> str:
    user = rng.choice(["anna.svensson", "max_mueller", "zhang.wei88", "j.doe", "lisa+shop"])
    domain = rng.choice(["example.com", "mail.de", "qq.com", "telia.se", "company.co.uk"])
    return f"{user}{rng.randint(1, 99)}@{domain}"


def phone(rng: random.Random) -> str:
    n = lambda k: _digits(rng, k)  # noqa: E731
    return rng.choice(
        [
            f"+46 70 {n(3)} {n(2)} {n(2)}",
            f"070-{n(3)} {n(2)} {n(2)}",
            f"07{rng.choice('0236')}{n(7)}",
            f"+49 30 {n(8)}",
            f"0171 {n(7)}",
            f"+49 (0)171 {n(7)}",
            f"030/{n(7)}",
            f"+1 (555) {n(3)}-{n(4)}",
            f"(212) {n(3)}-{n(4)}",
            f"+44 20 {n(4)} {n(4)}",
            f"07700 {n(6)}",
            f"1{rng.choice('3578')}{n(9)}",
            f"+86 138 {n(4)} {n(4)}",
            f"010-{n(8)}",
            # less common ways of writing numbers
            f"+4670{n(7)}",
            f"0049-171-{n(7)}",
            f"08-{n(3)} {n(3)} {n(2)}",
            f"(030) {n(7)}",
            f"555.{n(3)}.{n(4)}",
            f"1-800-{n(3)}-{n(4)}",
            f"138 {n(4)} {n(4)}",
        ]
    )


def card(rng: random.Random) -> str:
    if rng.random() < 0.2:  # American Express: 15 digits grouped 4-6-5
        number = _luhn_complete(rng, rng.choice(["34", "37"]), 15)
        return rng.choice([f"{number[:4]} {number[4:10]} {number[10:]}", number])
    number = rng.choice(
        [_luhn_complete(rng, "4", 16), _luhn_complete(rng, "5" + rng.choice("12345"), 16)]
    )
    return rng.choice([_group(number, 4, " "), _group(number, 4, "-"), number])


def iban(rng: random.Random) -> str:
    country, length = rng.choice([("DE", 18), ("SE", 20), ("GB", 18), ("FR", 23)])
    bban = ("NWBK" + _digits(rng, length - 4)) if country == "GB" else _digits(rng, length)
    numeric = "".join(str(int(ch, 36)) for ch in bban + country + "00")
    value = f"{country}{98 - int(numeric) % 97:02d}{bban}"
    return rng.choice([_group(value, 4, " "), value])


def personnummer(rng: random.Random) -> str:
    year, month, day = rng.randint(1940, 2005), rng.randint(1, 12), rng.randint(1, 28)
    body = f"{year % 100:02d}{month:02d}{day:02d}{_digits(rng, 3)}"
    full = body + next(d for d in "0123456789" if luhn_sum_ok(body + d))
    century = year // 100
    forms = [f"{full[:6]}-{full[6:]}", f"{century}{full}", f"{century}{full[:6]}-{full[6:]}"]
    return rng.choice(forms)


def de_tax_id(rng: random.Random) -> str:
    digits = rng.sample("123456789", 1) + rng.sample("0123456789", 9)
    while len(set(digits)) != 9 or digits[0] == "0":  # ten digits, exactly one repeated
        digits = rng.sample("123456789", 1) + rng.sample("0123456789", 8)
        digits.append(rng.choice(digits[1:]))
        rng.shuffle(digits[1:])
    product = 10
    for ch in digits:
        total = (int(ch) + product) % 10 or 10
        product = (total * 2) % 11
    value = "".join(digits) + str((11 - product) % 10)
    return rng.choice([value, f"{value[:2]} {value[2:5]} {value[5:8]} {value[8:]}"])


def cn_id(rng: random.Random) -> str:
    region = rng.choice(["110105", "310101", "440305", "510104", "330106"])
    born = f"{rng.randint(1950, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    body = region + born + _digits(rng, 3)
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]


def ssn(rng: random.Random) -> str:
    area = rng.choice([a for a in range(1, 900) if a != 666])
    return f"{area:03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"


def url_token(rng: random.Random) -> str:
    token = "".join(rng.choice("abcdef0123456789") for _ in range(16))
    return rng.choice(
        [
            f"https://shop.example.com/reset?token={token}",
            f"www.example.de/konto?session={token}",
            f"example.se/order/{_digits(rng, 6)}?key={token}",
        ]
    )


GENERATORS: dict[str, Callable[[random.Random], str]] = {
    "email": email,
    "phone": phone,
    "card": card,
    "iban": iban,
    "personnummer": personnummer,
    "de_tax_id": de_tax_id,
    "cn_id": cn_id,
    "us_ssn": ssn,
    "url_token": url_token,
}


def make_pii_samples(n_per_cell: int = 50, seed: int = 0) -> pd.DataFrame:
    """``n_per_cell`` sentences per (kind, language): columns language, kind, value, text."""
    rng = random.Random(seed)
    rows = []
    for kind, generate in GENERATORS.items():
        for language in LANGUAGES:
            for _ in range(n_per_cell):
                value = generate(rng)
                template = rng.choice(_TEMPLATES[language])
                text = template.format(v=value, n=_NOUNS[language])
                rows.append({"language": language, "kind": kind, "value": value, "text": text})
    return pd.DataFrame(rows)


def make_clean_samples(n_per_language: int = 200, seed: int = 0) -> pd.DataFrame:
    """Sentences with order numbers, amounts, dates, times, versions and years; no PII."""
    rng = random.Random(seed)
    rows = []
    for language in LANGUAGES:
        for _ in range(n_per_language):
            slots = {
                "o": rng.choice([_digits(rng, rng.randint(5, 10)), f"A{_digits(rng, 8)}"]),
                "d": rng.choice(["14.03.2025", "2025-03-14", "3/14/2025", "2024年5月1日"]),
                "a": rng.choice(["1.299,00 €", "$1,299.99", "12 345 kr", "¥3,200", "49,90 EUR"]),
                "ver": f"{rng.randint(1, 20)}.{rng.randint(0, 9)}.{rng.randint(0, 20)}",
                "m": str(rng.randint(2, 120)),
                "t": f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
                "p": str(rng.randint(1, 99)),
                "y": str(rng.randint(2015, 2025)),
            }
            text = rng.choice(_CLEAN[language]).format(**slots)
            rows.append({"language": language, "text": text})
    return pd.DataFrame(rows)


def _compact(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum()).lower()


def leaked(value: str, redacted: str) -> bool:
    """The value (with or without its separators) is still readable in the output."""
    return value in redacted or _compact(value) in _compact(redacted)


def measure(redact: Callable[[str], str], samples: pd.DataFrame) -> pd.DataFrame:
    """Recall per kind and language: share of values that no longer appear."""
    out = samples.assign(redacted=[redact(t) for t in samples["text"]])
    out["found"] = [not leaked(v, r) for v, r in zip(out["value"], out["redacted"], strict=True)]
    return out


def false_positive_rate(redact: Callable[[str], str], texts: list[str]) -> float:
    """Share of PII-free texts that redaction changed."""
    return sum(redact(t) != t for t in texts) / max(1, len(texts))
