import json

import numpy as np
import pandas as pd

from textmine.keywords import rerank
from textmine.label import describe_themes, label_language, make_label, tokenize
from textmine.testing import HashingEmbedder


def test_rerank_by_similarity_alone_puts_the_closest_word_first():
    embedder = HashingEmbedder()
    centroid = embedder.encode(["delivery delivery late"])[0]
    words = ["zebra", "quartz", "delivery", "violin"]
    out = rerank({0: ("en", words)}, {0: centroid}, embedder, weight=0.0)
    assert out[0][0] == "delivery"
    assert sorted(out[0]) == sorted(words)


def test_rerank_keeps_the_ctfidf_order_when_similarity_cannot_tell():
    """Equal similarities (a centroid orthogonal to every word): c-TF-IDF order wins."""
    embedder = HashingEmbedder()
    words = ["zebra", "quartz", "delivery"]
    centroid = np.zeros(embedder.encode(["x"]).shape[1], dtype=np.float32)
    assert rerank({3: ("en", words)}, {3: centroid}, embedder)[3] == words


def test_rerank_blends_ranks_and_is_deterministic():
    """Weight 0.7: the word with the best similarity moves up from last of five, but a word
    far from the centroid stays ahead of it only when c-TF-IDF ranked it much higher."""
    embedder = HashingEmbedder()
    centroid = embedder.encode(["delivery"])[0]
    words = ["zebra", "quartz", "violin", "mango", "delivery"]
    first = rerank({0: ("en", words)}, {0: centroid}, embedder)[0]
    assert first.index("delivery") < 4
    assert first == rerank({0: ("en", list(words))}, {0: centroid.copy()}, embedder)[0]


def _planted(generic: str) -> pd.DataFrame:
    """Three themes of six segments; ``generic`` occurs in every segment of every theme."""
    topics = {
        0: ["delivery late", "courier late delivery", "parcel delivery slow"],
        1: ["refund missing", "refund never arrived", "waiting for refund money"],
        2: ["app crashes", "app login error", "the app freezes on login"],
    }
    texts, themes = [], []
    for theme, phrases in topics.items():
        for phrase in phrases * 2:
            texts.append(f"{phrase} {generic}")
            themes.append(theme)
    return pd.DataFrame(
        {"text": texts, "theme_id": themes, "language": "en", "response_id": range(len(texts))}
    )


def test_a_word_of_every_theme_is_never_a_label_word():
    segments = _planted("product")
    embedder = HashingEmbedder()
    vectors = embedder.encode(segments["text"].tolist())
    themes = describe_themes(segments, vectors, n_keywords=5, n_quotes=1, embedder=embedder)
    labels = themes["label"].tolist()
    assert all("product" not in label.split(" / ") for label in labels)
    assert [label.split(" / ")[0] in {"delivery", "refund", "app"} for label in labels] == [
        True
    ] * 3


def test_reranking_changes_only_the_label_language_list():
    segments = _planted("product")
    segments.loc[0, ["text", "language"]] = ["Lieferung zu spät", "de"]
    embedder = HashingEmbedder()
    vectors = embedder.encode(segments["text"].tolist())
    plain = describe_themes(segments, vectors, n_keywords=5, n_quotes=1)
    ranked = describe_themes(segments, vectors, n_keywords=5, n_quotes=1, embedder=embedder)
    assert plain["keywords"].tolist() == ranked["keywords"].tolist()  # pooled: c-TF-IDF
    before = json.loads(plain.loc[0, "keywords_by_language"])
    after = json.loads(ranked.loc[0, "keywords_by_language"])
    assert after["de"] == before["de"] and sorted(after["en"]) == sorted(before["en"])


def test_label_language_prefers_english_from_15_percent():
    per_language = {"de": ["lieferung"], "en": ["delivery"]}
    assert label_language(per_language, pd.Series({"de": 85, "en": 15})) == "en"
    assert label_language(per_language, pd.Series({"de": 86, "en": 14})) == "de"
    assert label_language({"de": ["lieferung"], "en": []}, pd.Series({"de": 5, "en": 5})) == "de"
    assert make_label({}, pd.Series({"en": 3}), ["pooled"]) == "pooled"


def test_capitalised_words_are_lemmatised():
    """Sentence starts are capitalised; the lookup tables hold lower-case forms."""
    assert tokenize("Feels like a scam. Prices went up", "en") == ["feel", "like", "scam", "price"]
    assert tokenize("Lieferungen kommen nie", "de")[0] == "lieferung"


def test_only_the_first_candidates_are_reranked():
    embedder = HashingEmbedder()
    centroid = embedder.encode(["delivery"])[0]
    words = ["zebra", "quartz", "violin", "delivery"]
    out = rerank({0: ("en", words)}, {0: centroid}, embedder, weight=0.0, n_candidates=2)
    assert out[0][2:] == ["violin", "delivery"] and sorted(out[0][:2]) == ["quartz", "zebra"]
