import pandas as pd
import pytest

from textmine import Config, analyze
from textmine.config import ReadSettings, SocialSettings
from textmine.ingest.social import dedupe_key, duplicate_groups, pseudonym, read_social

POSTS = pd.DataFrame(
    {
        "text": [
            "Love the new app update! https://t.co/abc #happy",
            "RT @anna: Love the new app update! https://t.co/abc #happy",
            "love the new app update!!! 😍 https://t.co/xyz #happy",
            "Delivery is late again @shop",
            "Something else entirely",
            "😡😡😡",
            "😡😡😡",
        ],
        "author": ["@anna", "@bob", "@carl", "@dan", "@eve", "@fay", "@gus"],
        "platform": ["twitter", "twitter", "instagram", "twitter", "facebook", "x", "x"],
    }
)


def _read(**settings):
    return read_social(POSTS, SocialSettings(pseudonym_salt="k", **settings), ReadSettings())


def test_retweets_and_near_copies_collapse_with_counts_and_reasons():
    result = _read()
    assert result.frame["text"].tolist() == [
        "Love the new app update! https://t.co/abc #happy",
        "Delivery is late again @shop",
        "Something else entirely",
        "😡😡😡",
        "😡😡😡",
    ]
    assert result.frame["n_posts"].tolist() == [3, 1, 1, 1, 1]
    assert result.frame["n_authors"].tolist() == [3, 1, 1, 1, 1]
    assert result.frame["hashtags"].tolist()[0] == "happy"
    reasons = result.rows["reason"].fillna("-").tolist()
    assert reasons == ["-", "retweet of response 0", "duplicate of response 0", "-", "-", "-", "-"]
    assert result.attrs["duplicates"] == 2 and result.attrs["retweets"] == 1


def test_exact_mode_only_joins_identical_keys_and_none_keeps_all():
    assert duplicate_groups(["a b", "a b", "a c", ""], "exact") == [0, 0, 2, 3]
    assert duplicate_groups(["a b", "a b"], "none") == [0, 1]
    assert dedupe_key("RT @x: Hello, WORLD!! https://t.co/1 @y") == "hello world"


def test_near_duplicates_need_the_threshold():
    base = "the delivery was late and the driver was rude to my mother"
    similar = base + " again"
    different = "the app crashes every single time I try to pay with my card"
    keys = [dedupe_key(t) for t in (base, similar, different)]
    assert duplicate_groups(keys, "near", 0.85) == [0, 0, 2]
    assert duplicate_groups(keys, "near", 0.99) == [0, 1, 2]


def test_lsh_finds_the_same_groups_as_comparing_every_pair():
    import random

    from textmine.ingest.social import _jaccard, _shingles

    variants = [
        "enter the giveaway now and win a brand new phone",
        "enter the giveaway now and win a brand new phone today",
        "enter the giveaway now to win a brand new phone",
        "my order never arrived and support does not answer",
        "my order never arrived and support does not answer at all",
        "completely unrelated post about the weather in malmo",
    ]
    rng = random.Random(3)
    posts = [f"@u{i} {rng.choice(variants)} https://t.co/{i}" for i in range(3000)]
    groups = duplicate_groups([dedupe_key(p) for p in posts], "near", 0.8)
    # brute force over the distinct texts
    shingles = [_shingles(v) for v in variants]
    parent = list(range(len(variants)))
    for a in range(len(variants)):
        for b in range(a + 1, len(variants)):
            if _jaccard(shingles[a], shingles[b]) >= 0.8:
                parent[b] = parent[a]
    expected = {variant: parent[i] for i, variant in enumerate(variants)}
    found: dict[int, set[int]] = {}
    for post, group in zip(posts, groups, strict=True):
        variant = next(v for v in variants if f" {v} " in post)
        found.setdefault(group, set()).add(expected[variant])
    assert len(set(groups)) == len(set(expected.values()))
    assert all(len(classes) == 1 for classes in found.values())


def test_authors_are_keyed_hashes_never_raw_handles():
    result = _read()
    authors = set(result.rows["author"])
    assert not any("@" in a or a in {"anna", "bob"} for a in authors)
    assert result.rows["author"].iloc[0] == pseudonym("@anna", b"k") == pseudonym("ANNA", b"k")
    assert pseudonym("@anna", b"k") != pseudonym("@anna", b"other")
    assert _read(pseudonymise_authors=False).rows["author"].iloc[0] == "@anna"


def test_per_run_salt_when_none_is_configured(monkeypatch):
    monkeypatch.delenv("TEXTMINE_PSEUDONYM_SALT", raising=False)
    one = read_social(POSTS, SocialSettings(), ReadSettings())
    two = read_social(POSTS, SocialSettings(), ReadSettings())
    assert one.attrs["pseudonym_salt"] == "per run (random, not stored)"
    assert one.rows["author"].iloc[0] != two.rows["author"].iloc[0]
    monkeypatch.setenv("TEXTMINE_PSEUDONYM_SALT", "team-secret")
    three = read_social(POSTS, SocialSettings(), ReadSettings())
    assert three.rows["author"].iloc[0] == pseudonym("anna", b"team-secret")


def test_social_run_accounts_for_every_post():
    posts = pd.concat([POSTS] * 6, ignore_index=True)
    posts["text"] = [f"{t} {i // 7}" if i % 7 > 3 else t for i, t in enumerate(posts["text"])]
    config = Config.from_dict(
        {
            "source": "social",
            "social": {"pseudonym_salt": "k"},
            "normalize": {"redact_handles": True},
            "embedding": {"backend": "hashing", "cache": False},
            "themes": {"reducer": "pca"},
        }
    )
    result = analyze(posts, config)
    counts = result.run["counts"]
    assert counts["source_rows"] == len(posts)
    by_status = result.extra["posts"]["status"].value_counts().to_dict()
    assert by_status == {"excluded": 33, "quarantined": 6, "analysed": 3}  # 😡-only: no letters
    assert counts["source_rows_excluded"] == 33
    assert result.responses["n_posts"].sum() == len(posts)  # counts kept on the units
    assert result.responses["author"].str.startswith("u_").all()
    assert "@shop" not in " ".join(result.responses["text"].dropna())
    assert set(result.responses["platform"]) <= {"twitter", "instagram", "facebook", "x"}
    assert "posts" in result.extra
    assert not any("@anna" in str(v) for v in result.extra["posts"]["author"])


def test_missing_text_column_is_a_clear_error():
    from textmine.errors import InputError

    with pytest.raises(InputError, match="no text column.*'author'"):
        read_social(POSTS[["author"]], SocialSettings(), ReadSettings())
