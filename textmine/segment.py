"""Split responses into segments (sentences and contrastive clauses) so each point gets a theme.

"Delivery was late, but support was great" raises two points; themed as one text it lands in
whichever theme dominates. We split on sentence ends (Latin and CJK punctuation) and before
contrastive conjunctions, then merge fragments too short to carry a theme into a neighbour.
"""

from __future__ import annotations

import re

import pandas as pd

from textmine.schema import RESPONSE_ID, SEGMENT_ID

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=\S)|(?<=[。！？；;\n])\s*(?=\S)|\n+")
# Contrast markers that usually start a new point; the marker stays with the new clause.
_CONTRAST = {
    "en": r"\b(?:but|however|although|though|whereas)\b",
    "de": r"\b(?:aber|jedoch|allerdings|obwohl|dafür)\b",
    "sv": r"\b(?:men|dock|fast|däremot|även om)\b",
    "da": r"\b(?:men|dog|selvom)\b",
    "no": r"\b(?:men|dog|selv om)\b",
    "nl": r"\b(?:maar|echter|hoewel)\b",
    "fr": r"\b(?:mais|cependant|pourtant|bien que)\b",
    "es": r"\b(?:pero|sin embargo|aunque)\b",
    "zh": r"(?:但是|但|不过|可是|然而)",
}
_CONTRAST_RE = {lang: re.compile(r"[,，]\s*(?=" + pat + ")") for lang, pat in _CONTRAST.items()}


def split_text(text: str, language: str = "und", min_chars: int = 12) -> list[str]:
    """Segments of one text, in order; never empty for a non-empty text."""
    pieces = [p.strip() for p in _SENTENCE_END.split(text) if p and p.strip()]
    contrast = _CONTRAST_RE.get(language)
    if contrast is not None:
        pieces = [c.strip() for p in pieces for c in contrast.split(p) if c.strip()]
    return _merge_short(pieces, min_chars) or [text.strip()]


def _merge_short(pieces: list[str], min_chars: int) -> list[str]:
    """Attach fragments shorter than ``min_chars`` letters to the previous (or next) segment."""
    merged: list[str] = []
    for piece in pieces:
        if merged and (_letters(piece) < min_chars or _letters(merged[-1]) < min_chars):
            merged[-1] = _join(merged[-1], piece)
        else:
            merged.append(piece)
    return merged


def _letters(text: str) -> int:
    # CJK characters carry a word's meaning each, so they count three times.
    cjk = len(re.findall(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]", text))
    return sum(ch.isalpha() for ch in text) + 2 * cjk


def _join(left: str, right: str) -> str:
    if re.search(r"[\u3000-\u30ff\u4e00-\u9fff]$", left):
        return left + right
    return f"{left} {right}"


def segment_responses(
    responses: pd.DataFrame, mode: str = "sentence", min_chars: int = 12
) -> pd.DataFrame:
    """One row per segment: response_id, segment_id, text, language."""
    rows = []
    for response_id, text, language in responses[
        [RESPONSE_ID, "text_clean", "language"]
    ].itertuples(index=False):
        parts = [text] if mode == "none" else split_text(text, language, min_chars)
        rows.extend(
            {RESPONSE_ID: response_id, SEGMENT_ID: i, "text": part, "language": language}
            for i, part in enumerate(parts)
        )
    return pd.DataFrame(rows, columns=[RESPONSE_ID, SEGMENT_ID, "text", "language"])
