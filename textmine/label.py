"""Theme keywords, labels and quotes.

Keywords come from class-based TF-IDF (a theme is one "document", :mod:`textmine.keywords`)
over per-language tokens: spaCy blank tokenizers + lookup lemmas + stop words for Latin-script
languages, jieba for Chinese. Stop words, placeholders, numbers and one-letter tokens never
become keywords. A label's candidates are re-ranked by meaning when the run's embedder is given.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import json
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from textmine.embed import Embedder
from textmine.keywords import class_tfidf_of, rerank, term_counts
from textmine.normalize import PLACEHOLDERS
from textmine.schema import UNCLASSIFIED, UNCLASSIFIED_LABEL
from textmine.textcache import TextCache, key_of, memoised, package_versions, stage_kind

_UNDETERMINED = "und"  # language code of text too short to detect (see textmine.language)

_SPACY_LANGS = {"en", "de", "sv", "da", "nb", "nl", "fr", "es", "it", "pt", "pl", "fi", "ru", "tr"}
_ALIASES = {"no": "nb", "nn": "nb"}
_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]", re.UNICODE)
# Redaction placeholders, and web and social-media artefacts that name no topic: a retweet
# marker and the remains of cut-off links ("RT @user ... http").
_PLACEHOLDER_WORDS = {p.strip("[]@").lower() for p in PLACEHOLDERS} | {"user"}
_PLACEHOLDER_WORDS |= {"rt", "http", "https", "www", "com", "amp"}
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")


@functools.lru_cache(maxsize=32)
def _spacy(language: str):
    """spaCy's blank tokenizer of the language (no pipes: lemmas come from ``_lemmas``)."""
    import spacy

    return spacy.blank(language)


@functools.lru_cache(maxsize=32)
def _lemmas(language: str) -> dict[str, str]:
    """Lookup lemmas (spacy-lookups-data's ``lemma_lookup``), read as a plain dict.

    The same table and rule as spaCy's lookup lemmatizer (``table.get(text, text)``), without
    its pipeline: building spaCy's hashed ``Table`` took 5-10 s per language on a cold start,
    reading the JSON takes 0.05-2 s. Empty when the language has no table."""
    spec = importlib.util.find_spec("spacy_lookups_data")
    if spec is None:
        return {}
    path = Path(spec.submodule_search_locations[0]) / "data" / f"{language}_lemma_lookup.json.gz"
    if not path.exists():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        table = json.load(handle)
    if isinstance(next(iter(table.values()), ""), list):  # French: a list of lemmas per form
        table = {form: lemmas[0] for form, lemmas in table.items() if lemmas}
    return table


@functools.lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(60)
    return jieba


def _keep_jieba_dictionary_in(folder: Path | None) -> None:
    """Build jieba's prefix dictionary (~1-2 s) once per cache folder instead of once per
    temp folder: it goes where the run's other caches go, or to jieba's own default (the temp
    folder) when caching is off. Only the first tokenisation in a process reads it."""
    jieba = _jieba()
    if not jieba.dt.initialized:
        jieba.dt.tmp_dir = None if folder is None else str(folder)


@functools.lru_cache(maxsize=1)
def _all_stop_words() -> frozenset[str]:
    """Union of stop words of the common languages, for text of unknown language."""
    words: set[str] = set()
    for language in ("en", "de", "sv", "da", "nb", "nl", "fr", "es", "it", "pt"):
        words |= _spacy_stop_words(language)
    return frozenset(words)


# Function words spaCy's lists lack (compared with NLTK's lists): Swedish "är" (is) is the
# seventh most common Swedish word and turned up as a theme keyword.
_MISSING_FROM_SPACY: dict[str, set[str]] = {
    "sv": {"är", "icke", "ej", "ju", "denna", "dessa", "själv", "åt", "sådan", "sådant"}
    | {"sådana", "varje", "vars", "vilkas"},
    "da": {"sin", "sit", "sine", "når", "vor", "hos", "thi"},
}


@functools.lru_cache(maxsize=64)
def _spacy_stop_words(language: str) -> frozenset[str]:
    """spaCy's stop-word list, loaded from its file alone: importing the language package
    compiles its tokenizer exceptions, which costs ~10 s for French."""
    # found without importing spaCy (~4 s), which a run with cached tokens never needs
    spacy_dir = importlib.util.find_spec("spacy").submodule_search_locations[0]
    path = Path(spacy_dir) / "lang" / language / "stop_words.py"
    spec = importlib.util.spec_from_file_location(f"_textmine_stop_{language}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(w.lower() for w in module.STOP_WORDS) | _MISSING_FROM_SPACY.get(
        language, set()
    )


@functools.lru_cache(maxsize=64)
def stop_words(language: str) -> frozenset[str]:
    """The language's own stop words plus English ones (English turns up in feedback in every
    language); for other or unknown languages, those of all common languages together.

    Not always the union: one language's stop word is another's content word (English "stop"
    is a French stop word, English "hat" and "war" German ones)."""
    language = _ALIASES.get(language, language)
    if language in _SPACY_LANGS or language == "zh":
        return _spacy_stop_words("en") | _spacy_stop_words(language)
    return _all_stop_words()


def tokenize(text: str, language: str, lemmatize: bool = True) -> list[str]:
    """Content tokens (lemmas, lower case) of one text; never stop words or placeholders.

    ``lemmatize=False`` skips loading spaCy for the language (seconds per language), which
    is not worth it for a language with a handful of segments.
    """
    language = _ALIASES.get(language, language)
    stops = stop_words(language)
    if language in ("zh", "ja") or _HAN_RE.search(text):
        raw = [t.strip().lower() for t in _jieba().lcut(text)]
    elif language in _SPACY_LANGS and lemmatize:
        # A stop word stays one after lemmatising: lookup lemmas can turn it into a content
        # word (English "does" -> "doe", Swedish "ska" -> "skola", "man" -> "mana"). The
        # tables hold lower-case forms (and German nouns capitalised): a capitalised
        # sentence start ("Feels like...") is looked up in lower case too.
        lemmas = _lemmas(language)
        return [
            lemma
            for t in _spacy(language)(text)
            if t.lower_ not in stops
            and _is_content(lemma := _lemma(lemmas, t.text, t.lower_), stops)
        ]
    else:
        raw = [m.group().lower() for m in _WORD_RE.finditer(text)]
    return [t for t in raw if _is_content(t, stops)]


def _lemma(lemmas: dict[str, str], text: str, lower: str) -> str:
    return (lemmas.get(text) or lemmas.get(lower) or text).lower()


def _is_content(token: str, stops: frozenset[str]) -> bool:
    if len(token) < 2 and not _HAN_RE.match(token):
        return False
    if token in stops or token.strip("[]@") in _PLACEHOLDER_WORDS:
        return False
    return any(ch.isalpha() for ch in token)


def describe_themes(
    segments: pd.DataFrame,
    embeddings: np.ndarray,
    n_keywords: int = 10,
    n_quotes: int = 5,
    label_language: str = "en",
    by: str = "theme_id",
    tokens: list[list[str]] | None = None,
    embedder: Embedder | None = None,
) -> pd.DataFrame:
    """One row per theme: label, keywords (pooled and per language), sizes, quotes.

    ``segments`` needs ``by`` (theme_id, or sub_theme_id for sub-themes), text, language and
    response_id; ``embeddings`` is row-aligned. ``tokens`` (from :func:`segment_tokens`)
    saves tokenising twice when themes and sub-themes are described. With ``embedder`` (the
    run's), the keywords of each label's language are re-ranked (:func:`_rerank_labels`).
    """
    tokens = segment_tokens(segments) if tokens is None else tokens
    theme_ids = segments[by].to_numpy()
    counts = term_counts(tokens)
    pooled = class_tfidf_of(counts, counts.matrix, theme_ids, n_keywords)
    by_language: dict[int, dict[str, list[str]]] = {}
    for language, index in segments.groupby("language").indices.items():
        per_lang = class_tfidf_of(counts, counts.matrix[index], theme_ids[index], n_keywords)
        for theme, terms in per_lang.items():
            by_language.setdefault(theme, {})[language] = [t for t, _ in terms]
    rows = []
    n_responses = segments["response_id"].nunique()
    rows_of = segments.groupby(by).indices
    if embedder is not None:
        _rerank_labels(by_language, segments, embeddings, rows_of, embedder, label_language)
    for theme in sorted(rows_of, key=lambda t: (t == UNCLASSIFIED, t)):
        index = rows_of[theme]
        members = segments.iloc[index]
        languages = members["language"].value_counts()
        keywords = [t for t, _ in pooled.get(theme, [])]
        per_lang = by_language.get(theme, {})
        rows.append(
            {
                by: int(theme),
                "label": UNCLASSIFIED_LABEL
                if theme == UNCLASSIFIED
                else make_label(per_lang, languages, keywords, label_language),
                "keywords": keywords,
                "keywords_by_language": json.dumps(per_lang, ensure_ascii=False, sort_keys=True),
                "languages": json.dumps(languages.to_dict(), sort_keys=True),
                "n_segments": len(index),
                "n_responses": int(members["response_id"].nunique()),
                "share": float(members["response_id"].nunique() / max(1, n_responses)),
                "quotes": pick_quotes(members, embeddings[index], n_quotes),
                "quotes_by_language": _quotes_by_language(members, embeddings[index]),
            }
        )
    return pd.DataFrame(rows)


def segment_tokens(segments: pd.DataFrame, cache: TextCache | None = None) -> list[list[str]]:
    """Content tokens of every segment; lemmatised only for languages with enough text.

    Segments too short for language detection ("Stop", "Prices!") are read as the run's main
    language when one language has most of the segments: the stop words of every language
    together would also remove real content words (French lists "stop", German "hat").
    ``cache`` keeps the tokens of each (text, language, lemmatised) for the next run."""
    counts = segments["language"].value_counts()
    lemmatize = set(counts[counts >= max(20, 0.02 * len(segments))].index)
    known = counts.drop(_UNDETERMINED, errors="ignore")
    main = known.index[0] if len(known) and known.iloc[0] > 0.5 * len(segments) else None
    languages = [main if lang == _UNDETERMINED and main else lang for lang in segments["language"]]
    texts = segments["text"].tolist()
    keys = [
        key_of(text, f"{lang}:{lang in lemmatize}")
        for text, lang in zip(texts, languages, strict=True)
    ]

    def compute(rows: list[int]) -> list[list[str]]:
        _keep_jieba_dictionary_in(None if cache is None else cache.path.parent)
        return [tokenize(texts[i], languages[i], languages[i] in lemmatize) for i in rows]

    return memoised(cache, _tokens_kind(), keys, compute)


@functools.lru_cache(maxsize=1)
def _tokens_kind() -> str:
    packages = package_versions("spacy", "spacy-lookups-data", "jieba")
    return stage_kind("tokens", packages, sys.modules[__name__])


def _rerank_labels(
    by_language: dict[int, dict[str, list[str]]],
    segments: pd.DataFrame,
    embeddings: np.ndarray,
    rows_of: dict,
    embedder: Embedder,
    preferred: str,
) -> None:
    """Re-rank, in place, the keywords of each theme's label language by closeness to the
    theme's centroid (all its segments, every language): only the label's list, to keep the
    cost at one embedding per candidate word (cached)."""
    candidates, centroids = {}, {}
    for theme, index in rows_of.items():
        per_lang = by_language.get(theme, {})
        languages = segments["language"].iloc[index].value_counts()
        language = label_language(per_lang, languages, preferred)
        if theme != UNCLASSIFIED and language is not None:
            candidates[theme] = (language, per_lang[language])
            centroids[theme] = embeddings[index].mean(axis=0)
    for theme, words in rerank(candidates, centroids, embedder).items():
        by_language[theme][candidates[theme][0]] = words


def label_language(
    per_language: dict[str, list[str]], languages: pd.Series, preferred: str = "en"
) -> str | None:
    """The preferred language when it has >= 15% of the theme, else the theme's main language
    with keywords (``languages``: segment counts, largest first); None if none has any."""
    total = max(1, int(languages.sum()))
    if per_language.get(preferred) and languages.get(preferred, 0) / total >= 0.15:
        return preferred
    return next((lang for lang in languages.index if per_language.get(lang)), None)


def make_label(
    per_language: dict[str, list[str]],
    languages: pd.Series,
    pooled: list[str],
    preferred: str = "en",
    n_words: int = 3,
) -> str:
    """Top keywords of :func:`label_language`; pooled keywords as a last resort."""
    language = label_language(per_language, languages, preferred)
    words = (per_language[language] if language else []) or pooled
    return " / ".join(words[:n_words]) if words else "(no keywords)"


def _quotes_by_language(members: pd.DataFrame, vectors: np.ndarray, n: int = 2) -> str:
    """JSON: language -> up to ``n`` typical quotes in that language, so a cross-lingual theme
    shows what German or Chinese customers said in their own words."""
    out = {}
    for language, index in members.groupby("language").indices.items():
        out[language] = pick_quotes(members.iloc[index], vectors[index], n)
    return json.dumps(out, ensure_ascii=False, sort_keys=True)


def pick_quotes(members: pd.DataFrame, vectors: np.ndarray, n: int) -> list[str]:
    """Typical and diverse quotes: maximal marginal relevance around the theme centroid,
    one per response, so the card shows different customers saying the theme in their words."""
    if len(members) == 0:
        return []
    centroid = vectors.mean(axis=0)
    centroid /= np.linalg.norm(centroid) or 1.0
    relevance = vectors @ centroid
    texts = members["text"].tolist()
    responses = members["response_id"].tolist()
    chosen: list[int] = []
    candidates = list(np.argsort(-relevance, kind="stable")[: max(50, 5 * n)])
    while candidates and len(chosen) < n:
        if chosen:
            redundancy = (vectors[candidates] @ vectors[chosen].T).max(axis=1)
        else:
            redundancy = np.zeros(len(candidates))
        scores = relevance[candidates] - 0.5 * redundancy
        pick = candidates.pop(int(np.argmax(scores)))
        if responses[pick] not in {responses[c] for c in chosen} and texts[pick] not in {
            texts[c] for c in chosen
        }:
            chosen.append(pick)
    return [texts[i] for i in chosen]
