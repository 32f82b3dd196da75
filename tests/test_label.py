import json
import subprocess
import sys

import numpy as np
import pandas as pd

from textmine.keywords import class_tfidf
from textmine.label import describe_themes, segment_tokens, stop_words, tokenize


def test_tokens_are_lemmas_without_stop_words_or_placeholders():
    assert tokenize("The deliveries were late and [EMAIL] never answered", "en") == [
        "delivery",
        "late",
        "answer",
    ]
    assert tokenize("Die Lieferungen waren leider viel zu spät", "de") == ["lieferung", "spät"]


def test_stop_words_stay_out_when_their_lemma_is_a_content_word():
    """Lookup lemmas turn some stop words into content words ("does" -> "doe")."""
    assert tokenize("It does the job", "en") == ["job"]
    assert tokenize("Vad ska man säga, appen kraschar", "sv") == ["app", "krascha"]


def test_chinese_is_segmented_without_spaces():
    tokens = tokenize("快递太慢了，客服态度很差", "zh")
    assert "快递" in tokens and "客服" in tokens
    assert not set(tokens) & stop_words("zh")


def test_class_tfidf_prefers_distinctive_terms():
    docs = [["delivery", "late"], ["delivery", "slow"], ["support", "kind"], ["support", "helpful"]]
    top = class_tfidf(docs, [0, 0, 1, 1], top_n=2)
    assert top[0][0][0] == "delivery" and top[1][0][0] == "support"


def test_describe_themes_labels_and_quotes():
    segments = pd.DataFrame(
        {
            "response_id": [0, 1, 2, 3],
            "theme_id": [0, 0, 1, 1],
            "text": [
                "The delivery was late",
                "Late delivery again",
                "Support was kind",
                "Kind support staff",
            ],
            "language": ["en"] * 4,
        }
    )
    vectors = np.eye(4, dtype=np.float32)
    themes = describe_themes(segments, vectors, n_keywords=5, n_quotes=2)
    assert themes["label"].str.contains("delivery").tolist() == [True, False]
    assert themes.loc[1, "keywords"][0] in {"support", "kind"}
    assert len(themes.loc[0, "quotes"]) == 2
    for keywords in themes["keywords"]:
        assert not set(keywords) & stop_words("en")


def test_cross_lingual_theme_has_keywords_and_quotes_per_language():
    segments = pd.DataFrame(
        {
            "response_id": [0, 1, 2, 3],
            "theme_id": [0, 0, 0, 0],
            "text": [
                "The delivery was late",
                "Die Lieferung kam zu spät",
                "快递太慢了",
                "Late delivery again",
            ],
            "language": ["en", "de", "zh", "en"],
        }
    )
    vectors = np.eye(4, dtype=np.float32)
    theme = describe_themes(segments, vectors, n_keywords=3, n_quotes=2).iloc[0]
    quotes = json.loads(theme["quotes_by_language"])
    assert quotes["de"] == ["Die Lieferung kam zu spät"] and quotes["zh"] == ["快递太慢了"]
    assert len(quotes["en"]) == 2
    keywords = json.loads(theme["keywords_by_language"])
    assert "lieferung" in keywords["de"] and "delivery" in keywords["en"]


def test_undetermined_short_answers_are_read_as_the_main_language():
    # "stop" is in spaCy's French stop list, so the all-language list would leave an opt-out
    # theme ("Stop", "STOP") without a single keyword.
    texts = ["The delivery was late"] * 3 + ["Stop", "STOP"]
    segments = pd.DataFrame({"text": texts, "language": ["en"] * 3 + ["und"] * 2})
    assert segment_tokens(segments)[3:] == [["stop"], ["stop"]]
    mixed = segments.assign(language=["en", "de", "fr", "und", "und"])  # no main language
    assert segment_tokens(mixed)[3:] == [[], []]


def test_lookup_lemmas_equal_spacys_lookup_lemmatizer():
    """textmine reads spacy-lookups-data's table itself instead of building spaCy's
    lemmatizer pipe (seconds per language); the tokens must be the same."""
    import random

    import spacy

    from textmine.label import _lemmas, _spacy

    for language in ("en", "fr"):  # fr: the table holds a list of lemmas per form
        nlp = spacy.blank(language)
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
        table = _lemmas(language)
        words = random.Random(0).sample(sorted(table), 2000)
        text = " ".join(words) + " The deliveries were late, weren't they? Les hôtels étaient"
        expected = [(t.lemma_ or t.text).lower() for t in nlp(text)]
        got = [(table.get(t.text) or t.text).lower() for t in _spacy(language)(text)]
        assert got == expected
    assert _lemmas("fi") == {}  # no table: surface forms, as spaCy's pipe gave


def _tokenise_chinese_in_new_process(cache_dir: str) -> None:
    script = (
        "import sys, pandas as pd\n"
        "from textmine.label import segment_tokens\n"
        "from textmine.textcache import text_cache\n"
        "folder = None if sys.argv[1] == '-' else sys.argv[1]\n"
        "frame = pd.DataFrame({'text': ['快递太慢了，客服很好'], 'language': ['zh']})\n"
        "print(segment_tokens(frame, text_cache(folder)))\n"
    )
    subprocess.run([sys.executable, "-c", script, cache_dir], check=True, capture_output=True)


def test_jieba_dictionary_follows_the_cache_setting(tmp_path, monkeypatch):
    """jieba's prefix dictionary goes to the run's cache folder, and not to the default cache
    folder when caching is off (fresh processes: jieba reads it once per process)."""
    run_cache, default_cache = tmp_path / "run", tmp_path / "default"
    monkeypatch.setenv("TEXTMINE_CACHE", str(default_cache))
    _tokenise_chinese_in_new_process(str(run_cache))
    _tokenise_chinese_in_new_process("-")
    assert (run_cache / "jieba.cache").is_file()
    assert not (default_cache / "jieba.cache").exists()


def test_function_words_missing_from_spacys_lists_are_stop_words_too():
    """spaCy's Swedish list lacks "är" (is), the seventh most common Swedish word."""
    assert tokenize("Appen är dålig och denna leverans är sen", "sv")[:1] == ["app"]
    assert "är" not in tokenize("Appen är dålig och denna leverans är sen", "sv")
    assert "denna" not in tokenize("Appen är dålig och denna leverans är sen", "sv")
    assert "hos" not in tokenize("Kundeservice hos jer er dårlig", "da")


def test_social_media_artefacts_are_not_keywords():
    assert tokenize("RT @user Die Antenne ist kaputt http", "de") == ["antenne", "kaputt"]
