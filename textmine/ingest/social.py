"""Social mentions: retweets and near-identical posts collapse into one unit with a count.

A copy is never dropped: the ``posts`` table keeps every input row, and a copy is ``excluded``
with the reason "duplicate of response N" (or "retweet of response N"). Authors are replaced
by a keyed hash (HMAC-SHA256) unless ``social.pseudonymise_authors`` is off; the raw handle never
reaches an output. Near-duplicates: Jaccard similarity of character 5-gram sets, candidates
found with MinHash LSH so the cost stays linear in the number of posts.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import zlib
from pathlib import Path

import numpy as np
import pandas as pd

from textmine.config import ReadSettings, SocialSettings
from textmine.errors import InputError
from textmine.ingest.base import ANALYSED, EXCLUDED, ROW_COLUMNS, Ingested, find_column, to_frame
from textmine.ingest.stream import SOURCE_ROW

SALT_ENV = "TEXTMINE_PSEUDONYM_SALT"
TEXT_ALIASES = ("text", "message", "content", "post", "tweet", "full_text", "body", "mention")
AUTHOR_ALIASES = ("author", "user", "username", "screen_name", "handle", "author_id", "user_name")
PLATFORM_ALIASES = ("platform", "network", "source", "site", "channel")
_RETWEET_RE = re.compile(r"^\s*RT\s+@\w{1,30}:?\s*", re.IGNORECASE)
_URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_HANDLE_RE = re.compile(r"(?<![\w@])@\w{1,30}")
_HASHTAG_RE = re.compile(r"(?<![\w#])#(\w{1,100})")
_NON_WORD_RE = re.compile(r"[\W_]+")
_SHINGLE = 5
_BANDS, _ROWS = 16, 4
_MAX_LEADERS = 20


def read_social(
    data: pd.DataFrame | str | Path, settings: SocialSettings, read: ReadSettings
) -> Ingested:
    """Unique posts (with ``n_posts``/``n_authors``) plus a ``posts`` table of every input row."""
    frame = to_frame(data, read)
    text_col = find_column(frame, settings.text, TEXT_ALIASES)
    if text_col is None:
        raise InputError(
            "no text column in the social export",
            file=frame.attrs.get("file"),
            column=settings.text,
            hint="set social.text; columns in the file: "
            + ", ".join(repr(c) for c in frame.columns if c != SOURCE_ROW),
        )
    author_col = find_column(frame, settings.author, AUTHOR_ALIASES)
    platform_col = find_column(frame, settings.platform, PLATFORM_ALIASES)
    texts = frame[text_col].astype(object).fillna("").astype(str)
    retweet = texts.str.match(_RETWEET_RE)
    keys = [dedupe_key(t) for t in texts]
    group = duplicate_groups(keys, settings.dedupe, settings.near_threshold)
    authors, salt_source = _authors(frame, author_col, settings)
    units = sorted(set(group))
    response_of = {g: i for i, g in enumerate(units)}
    response_id = np.array([response_of[g] for g in group])
    first = pd.Series(range(len(frame))).isin(units).to_numpy()
    out = frame[first].drop(columns=[text_col]).reset_index(drop=True)
    out.insert(1, "text", texts[first].str.replace(_RETWEET_RE, "", regex=True).to_numpy())
    if author_col is not None:
        out[author_col] = authors[first]
    out["hashtags"] = [" ".join(sorted(set(_hashtags(t)))) or None for t in out["text"]]
    copies = pd.Series(response_id)
    out["n_posts"] = copies.value_counts().sort_index().to_numpy()
    if authors is not None:
        n_authors = pd.Series(authors).groupby(response_id).nunique()
        out["n_authors"] = n_authors.to_numpy()
    rows = _posts_table(frame, response_id, first, retweet, authors, platform_col)
    keep = [c for c in (author_col, "n_posts", "n_authors", "hashtags") if c in out]
    columns = {"text": "text", "keep": keep}
    if platform_col:
        columns["segments"] = [platform_col]
    attrs = {
        **frame.attrs,
        "posts": len(frame),
        "unique_posts": len(out),
        "duplicates": int((~first).sum()),
        "retweets": int(retweet.sum()),
        "pseudonym_salt": salt_source,
    }
    return Ingested(out, columns, rows, attrs=attrs, rows_name="posts")


def _posts_table(frame, response_id, first, retweet, authors, platform_col) -> pd.DataFrame:
    status = np.where(first, ANALYSED, EXCLUDED)
    kind = np.where(retweet, "retweet", "duplicate")
    reason = [
        None if keep else f"{k} of response {rid}"
        for keep, k, rid in zip(first, kind, response_id, strict=True)
    ]
    rows = pd.DataFrame(
        {
            SOURCE_ROW: frame[SOURCE_ROW].to_numpy(),
            "response_id": pd.array(response_id, dtype="Int64"),
            "status": status,
            "reason": reason,
            "is_retweet": retweet.to_numpy(),
        }
    )
    if authors is not None:
        rows["author"] = authors
    if platform_col is not None:
        rows["platform"] = frame[platform_col].to_numpy()
    return rows[ROW_COLUMNS + [c for c in rows.columns if c not in ROW_COLUMNS]]


def _hashtags(text: str) -> list[str]:
    return [tag.lower() for tag in _HASHTAG_RE.findall(text or "")]


def dedupe_key(text: str) -> str:
    """What stays when retweet prefixes, URLs, @handles, emoji, punctuation and case go."""
    text = _RETWEET_RE.sub("", text or "")
    text = _HANDLE_RE.sub(" ", _URL_RE.sub(" ", text))
    return _NON_WORD_RE.sub(" ", text.lower()).strip()


def duplicate_groups(keys: list[str], mode: str = "near", threshold: float = 0.85) -> list[int]:
    """For each post, the index of the first post it duplicates (itself if none).

    ``exact`` compares normalised keys; ``near`` also joins posts whose 5-gram Jaccard
    similarity is at least ``threshold``. Empty keys (emoji-only posts) are never grouped.
    """
    parent = list(range(len(keys)))
    if mode == "none":
        return parent
    first_of: dict[str, int] = {}
    for i, key in enumerate(keys):
        if key:
            parent[i] = first_of.setdefault(key, i)
    if mode == "near":
        unique = sorted(set(first_of.values()))
        for a, b in _near_pairs([keys[i] for i in unique], threshold):
            _union(parent, unique[a], unique[b])
    return [_find(parent, i) for i in range(len(keys))]


def _near_pairs(keys: list[str], threshold: float):
    """Candidate pairs from MinHash LSH buckets, confirmed by the exact Jaccard similarity.

    Within a bucket each key is compared with at most ``_MAX_LEADERS`` earlier keys that were
    not themselves duplicates, so thousands of template posts stay linear.
    """
    shingles = [_shingles(k) for k in keys]
    signatures = _minhash(shingles)
    for band in range(_BANDS):
        block = signatures[:, band * _ROWS : (band + 1) * _ROWS]
        buckets: dict[bytes, list[int]] = {}
        for i in range(len(keys)):
            buckets.setdefault(block[i].tobytes(), []).append(i)
        for members in buckets.values():
            leaders: list[int] = []
            for i in members:
                match = next(
                    (j for j in leaders if _jaccard(shingles[i], shingles[j]) >= threshold), None
                )
                if match is None:
                    if len(leaders) < _MAX_LEADERS:
                        leaders.append(i)
                else:
                    yield match, i


def _shingles(key: str) -> np.ndarray:
    grams = {key[i : i + _SHINGLE] for i in range(max(1, len(key) - _SHINGLE + 1))}
    return np.array(sorted(zlib.crc32(g.encode()) for g in grams), dtype=np.uint64)


def _minhash(shingles: list[np.ndarray]) -> np.ndarray:
    rng = np.random.default_rng(20240521)  # fixed: signatures must not depend on the run seed
    prime = np.uint64((1 << 61) - 1)
    a = rng.integers(1, 1 << 31, _BANDS * _ROWS, dtype=np.uint64)
    b = rng.integers(0, 1 << 31, _BANDS * _ROWS, dtype=np.uint64)
    out = np.empty((len(shingles), _BANDS * _ROWS), dtype=np.uint64)
    for i, values in enumerate(shingles):
        out[i] = ((values[:, None] * a + b) % prime).min(axis=0)
    return out


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter)


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _union(parent: list[int], a: int, b: int) -> None:
    ra, rb = _find(parent, a), _find(parent, b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)  # the earliest post stays the representative


def _authors(frame, author_col, settings: SocialSettings) -> tuple[np.ndarray | None, str]:
    if author_col is None:
        return None, "no author column"
    values = frame[author_col]
    if not settings.pseudonymise_authors:
        return values.to_numpy(), "off (authors kept as they are)"
    salt, source = _salt(settings)
    return values.map(lambda a: pseudonym(a, salt) if a else None).to_numpy(), source


def _salt(settings: SocialSettings) -> tuple[bytes, str]:
    if settings.pseudonym_salt:
        return settings.pseudonym_salt.encode(), "configured"
    if os.environ.get(SALT_ENV):
        return os.environ[SALT_ENV].encode(), f"${SALT_ENV}"
    return secrets.token_bytes(32), "per run (random, not stored)"


def pseudonym(author: str, salt: bytes) -> str:
    """Keyed hash: stable for one salt, not reversible without it (unlike a plain hash of a
    handle, which anyone can recompute)."""
    normalised = author.strip().lstrip("@").lower()
    return "u_" + hmac.new(salt, normalised.encode(), hashlib.sha256).hexdigest()[:16]
