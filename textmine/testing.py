"""Helpers for tests and demos: a model-free embedder and feedback with planted themes.

``make_feedback`` writes responses whose theme and scores we know, so a test can check that
textmine recovers the themes (NMI) and computes per-theme scores exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from textmine.embed import HashingEmbedder

__all__ = ["HashingEmbedder", "PlantedTheme", "PLANTED_THEMES", "expected_nps", "make_feedback"]


@dataclass(frozen=True)
class PlantedTheme:
    name: str
    phrases: dict[str, list[str]]
    nps_weights: tuple[float, float, float]  # P(detractor), P(passive), P(promoter)


PLANTED_THEMES: list[PlantedTheme] = [
    PlantedTheme(
        "late_delivery",
        {
            "en": [
                "the delivery arrived two weeks late",
                "my delivery was delayed again",
                "delivery took far too long",
                "the courier delivery came days late",
                "delivery was late and tracking never updated",
                "waited ages for the delivery to arrive",
            ],
            "de": [
                "die Lieferung kam zwei Wochen zu spät",
                "meine Lieferung war wieder verspätet",
                "die Lieferung hat viel zu lange gedauert",
                "die Lieferung kam Tage zu spät",
                "Lieferung verspätet und die Sendungsverfolgung stand still",
                "ewig auf die Lieferung gewartet",
            ],
            "sv": [
                "leveransen kom två veckor för sent",
                "min leverans var försenad igen",
                "leveransen tog alldeles för lång tid",
                "leveransen kom flera dagar för sent",
                "leveransen var sen och spårningen uppdaterades aldrig",
                "väntade en evighet på leveransen",
            ],
            "zh": [
                "快递晚了两个星期才到",
                "我的快递又延误了",
                "快递太慢了等了很久",
                "快递员晚了好几天才送到",
                "快递太慢而且物流信息一直不更新",
                "等快递等了好久",
            ],
        },
        (0.8, 0.15, 0.05),
    ),
    PlantedTheme(
        "friendly_support",
        {
            "en": [
                "the support agent was friendly and helpful",
                "support solved my problem quickly",
                "great help from the support team",
                "the support staff were very kind",
                "support answered within minutes and fixed it",
                "lovely support person",
            ],
            "de": [
                "der Support war freundlich und hilfsbereit",
                "der Support hat mein Problem schnell gelöst",
                "tolle Hilfe vom Support-Team",
                "die Support-Mitarbeiter waren sehr nett",
                "der Support hat in Minuten geantwortet und es behoben",
                "sehr netter Support",
            ],
            "sv": [
                "supporten var vänlig och hjälpsam",
                "supporten löste mitt problem snabbt",
                "bra hjälp från supportteamet",
                "supportpersonalen var väldigt trevliga",
                "supporten svarade inom några minuter och fixade det",
                "jättetrevlig support",
            ],
            "zh": [
                "客服态度很好很热情",
                "客服很快就解决了我的问题",
                "客服团队帮了大忙",
                "客服人员非常友好",
                "客服几分钟就回复并解决了",
                "客服小姐姐人很好",
            ],
        },
        (0.05, 0.15, 0.8),
    ),
    PlantedTheme(
        "high_price",
        {
            "en": [
                "the prices are far too high",
                "the price is too expensive compared to other shops",
                "the subscription price is way too much",
                "not worth the money at this price",
                "they raised the price again",
                "the price is a rip-off for what you get",
            ],
            "de": [
                "die Preise sind viel zu hoch",
                "der Preis ist zu teuer im Vergleich zu anderen Shops",
                "der Abo-Preis ist viel zu hoch",
                "das Geld nicht wert bei diesem Preis",
                "sie haben den Preis schon wieder erhöht",
                "der Preis ist überteuert für das, was man bekommt",
            ],
            "sv": [
                "priserna är alldeles för höga",
                "priset är för dyrt jämfört med andra butiker",
                "prenumerationens pris är alldeles för högt",
                "inte värt pengarna till det priset",
                "de har höjt priset igen",
                "priset är överdrivet för vad man får",
            ],
            "zh": [
                "价格太贵了",
                "价格比别的店贵太多",
                "会员价格太高了",
                "这个价格不值",
                "价格又涨了",
                "价格太高性价比太低",
            ],
        },
        (0.6, 0.3, 0.1),
    ),
    PlantedTheme(
        "app_crashes",
        {
            "en": [
                "the app keeps crashing when I log in",
                "the mobile app freezes at checkout",
                "app crashed three times today",
                "login in the app fails with an error",
                "the new app update is full of bugs",
                "the app is slow and crashes constantly",
            ],
            "de": [
                "die App stürzt beim Einloggen ständig ab",
                "die App friert an der Kasse ein",
                "die App ist heute dreimal abgestürzt",
                "die Anmeldung in der App schlägt mit Fehler fehl",
                "das neue App-Update ist voller Fehler",
                "die App ist langsam und stürzt dauernd ab",
            ],
            "sv": [
                "appen kraschar hela tiden när jag loggar in",
                "mobilappen fryser i kassan",
                "appen kraschade tre gånger idag",
                "inloggningen i appen misslyckas med ett fel",
                "den nya appuppdateringen är full av buggar",
                "appen är seg och kraschar konstant",
            ],
            "zh": [
                "应用登录时总是闪退",
                "手机应用结账时卡死",
                "应用今天崩溃了三次",
                "应用登录总是报错",
                "新版本应用全是bug",
                "应用又慢又经常崩溃",
            ],
        },
        (0.7, 0.2, 0.1),
    ),
    PlantedTheme(
        "product_quality",
        {
            "en": [
                "excellent product quality, very solid",
                "the sound quality of the headphones is amazing",
                "really good build quality and durable",
                "the quality of the material is superb",
                "product quality is perfect, very happy with it",
                "best quality I have had from any brand",
            ],
            "de": [
                "hervorragende Produktqualität, sehr solide",
                "die Klangqualität der Kopfhörer ist großartig",
                "wirklich gute Qualität und langlebig",
                "die Qualität des Materials ist erstklassig",
                "die Qualität ist perfekt, sehr zufrieden",
                "beste Qualität, die ich je hatte",
            ],
            "sv": [
                "utmärkt produktkvalitet, mycket gedigen",
                "ljudkvaliteten i hörlurarna är fantastisk",
                "riktigt bra kvalitet och hållbar",
                "materialets kvalitet är suverän",
                "kvaliteten är perfekt, mycket nöjd",
                "bästa kvaliteten jag har haft",
            ],
            "zh": [
                "产品质量非常好很结实",
                "耳机音质质量太棒了",
                "做工质量好很耐用",
                "材料质量一流",
                "产品质量完美非常满意",
                "用过质量最好的品牌",
            ],
        },
        (0.05, 0.25, 0.7),
    ),
    PlantedTheme(
        "refund_problems",
        {
            "en": [
                "still waiting for my refund after a month",
                "the refund process is a nightmare",
                "they refused to refund my money",
                "refund was never processed",
                "getting a refund was complicated and slow",
                "no refund even though I sent it back",
            ],
            "de": [
                "warte seit einem Monat auf meine Rückerstattung",
                "der Rückerstattungsprozess ist ein Albtraum",
                "sie haben die Erstattung verweigert",
                "die Rückerstattung wurde nie bearbeitet",
                "die Rückerstattung war kompliziert und langsam",
                "keine Rückerstattung obwohl ich es zurückgeschickt habe",
            ],
            "sv": [
                "väntar fortfarande på min återbetalning efter en månad",
                "återbetalningsprocessen är en mardröm",
                "de vägrade att betala tillbaka pengarna",
                "återbetalningen behandlades aldrig",
                "återbetalningen var krånglig och långsam",
                "ingen återbetalning trots att jag skickade tillbaka den",
            ],
            "zh": [
                "退款一个月了还没到账",
                "退款流程太麻烦了",
                "他们拒绝给我退款",
                "退款一直没有处理",
                "退款又复杂又慢",
                "寄回去了也没退钱",
            ],
        },
        (0.85, 0.1, 0.05),
    ),
]

_OPENERS = {
    "en": ["", "", "Honestly, ", "Well, ", "To be fair, ", "Overall "],
    "de": ["", "", "Ehrlich gesagt, ", "Also, ", "Insgesamt: ", "Naja, "],
    "sv": ["", "", "Ärligt talat, ", "Alltså, ", "Sammanfattningsvis: ", "Tja, "],
    "zh": ["", "", "说实话，", "总的来说，", "老实讲，", "嗯，"],
}
_SCORE_BINS = {"detractor": (0, 6), "passive": (7, 8), "promoter": (9, 10)}
_COUNTRY = {"en": "US", "de": "DE", "sv": "SE", "zh": "CN"}


def make_feedback(
    n: int = 600,
    languages: tuple[str, ...] = ("en",),
    n_themes: int = 6,
    multi_theme_rate: float = 0.0,
    seed: int = 0,
    nps_mix: dict[str, tuple[float, float, float]] | None = None,
) -> pd.DataFrame:
    """Survey-like responses with planted themes and scores drawn from each theme's NPS mix.

    Columns: respondent_id, submitted_at, country, language, answer, nps, csat, ces,
    planted_theme (the first theme) and planted_themes (all themes of the response).
    A response with two themes takes the scores of its first theme. ``nps_mix`` replaces
    the (detractor, passive, promoter) probabilities of named themes, e.g. to plant a driver
    of known effect; :func:`expected_nps` gives the resulting true NPS per theme.
    """
    rng = np.random.default_rng(seed)
    themes = _themes(n_themes, nps_mix)
    rows = []
    for i in range(n):
        language = languages[i % len(languages)]
        picked = [themes[int(rng.integers(len(themes)))]]
        if rng.random() < multi_theme_rate:
            others = [t for t in themes if t is not picked[0]]
            picked.append(others[int(rng.integers(len(others)))])
        parts = [_phrase(t, language, rng) for t in picked]
        glue = "，但是" if language == "zh" else ". "
        answer = glue.join(parts) + ("。" if language == "zh" else ".")
        nps = _nps(picked[0], rng)
        rows.append(
            {
                "respondent_id": f"R{i:05d}",
                "submitted_at": (
                    pd.Timestamp("2025-01-01") + pd.Timedelta(days=int(rng.integers(180)))
                )
                .date()
                .isoformat(),
                "country": _COUNTRY.get(language, language.upper()),
                "language": language,
                "answer": answer,
                "nps": nps,
                "csat": int(np.clip(round(1 + nps * 0.4 + rng.normal(0, 0.5)), 1, 5)),
                "ces": int(np.clip(round(1 + nps * 0.6 + rng.normal(0, 0.7)), 1, 7)),
                "planted_theme": picked[0].name,
                "planted_themes": [t.name for t in picked],
            }
        )
    return pd.DataFrame(rows)


def _themes(n_themes: int, nps_mix: dict | None) -> list[PlantedTheme]:
    themes = PLANTED_THEMES[:n_themes]
    unknown = set(nps_mix or {}) - {t.name for t in themes}
    if unknown:
        raise ValueError(f"nps_mix names themes that are not planted: {sorted(unknown)}")
    return [
        PlantedTheme(t.name, t.phrases, tuple(nps_mix[t.name])) if t.name in (nps_mix or {}) else t
        for t in themes
    ]


def expected_nps(n_themes: int = 6, nps_mix: dict | None = None) -> dict[str, float]:
    """True NPS of each planted theme's population (100 * (P(promoter) - P(detractor)))."""
    return {t.name: 100 * (t.nps_weights[2] - t.nps_weights[0]) for t in _themes(n_themes, nps_mix)}


def _phrase(theme: PlantedTheme, language: str, rng: np.random.Generator) -> str:
    options = theme.phrases[language]
    opener = _OPENERS[language][int(rng.integers(len(_OPENERS[language])))]
    text = opener + options[int(rng.integers(len(options)))]
    return text[0].upper() + text[1:] if text else text


def _nps(theme: PlantedTheme, rng: np.random.Generator) -> int:
    group = rng.choice(["detractor", "passive", "promoter"], p=theme.nps_weights)
    low, high = _SCORE_BINS[str(group)]
    return int(rng.integers(low, high + 1))
