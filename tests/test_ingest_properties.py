"""Property-based: whatever bytes arrive, ingestion returns rows or one clear InputError."""

import csv
import io
import json
import re

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from textmine.config import ChatSettings, ReadSettings, SocialSettings
from textmine.errors import InputError
from textmine.ingest import read_table
from textmine.ingest.chat import from_turns
from textmine.ingest.social import read_social

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Any text a user might type (no surrogates; NUL is covered by the binary test).
CELL = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=40,
)


def _csv(rows: list[list[str]], delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(["id", "answer", "score"])
    writer.writerows(rows)
    return out.getvalue()


@SETTINGS
@given(
    rows=st.lists(st.lists(CELL, min_size=3, max_size=3), min_size=1, max_size=20),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_any_unicode_round_trips_with_every_row_kept(tmp_path, rows, delimiter, encoding):
    path = tmp_path / "f.csv"
    path.write_bytes(_csv(rows, delimiter).encode(encoding))
    frame = read_table(path, delimiter=delimiter)
    assert len(frame) == len(rows)
    expected = [[cell if cell != "" else None for cell in row] for row in rows]
    got = frame[["id", "answer", "score"]].values.tolist()
    assert got == expected


@SETTINGS
@given(
    rows=st.lists(st.lists(CELL, min_size=3, max_size=3), min_size=1, max_size=20),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
)
def test_sniffed_delimiter_keeps_rows_or_fails_clearly(tmp_path, rows, delimiter):
    path = tmp_path / "f.csv"
    path.write_text(_csv(rows, delimiter), encoding="utf-8")
    try:
        frame = read_table(path)
    except InputError:
        return
    assert len(frame) == len(rows)


@SETTINGS
@given(text=st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0xFF), max_size=200))
def test_legacy_encodings_keep_every_row(tmp_path, text):
    rows = [[str(i), text[i::3], str(i)] for i in range(3)]
    path = tmp_path / "f.csv"
    path.write_bytes(_csv(rows, ";").encode("latin-1"))
    frame = read_table(path, delimiter=";")
    assert len(frame) == 3
    assert frame.attrs["encoding"] in {"utf-8", "cp1252", "latin-1", "utf-8+cp1252"}


@SETTINGS
@given(data=st.binary(max_size=2_000), suffix=st.sampled_from([".csv", ".tsv", ".jsonl", ".json"]))
def test_binary_garbage_is_rows_or_one_input_error(tmp_path, data, suffix):
    path = tmp_path / f"f{suffix}"
    path.write_bytes(data)
    try:
        frame = read_table(path)
    except InputError as error:
        assert str(path) in str(error)
        return
    assert "source_row" in frame.columns


@SETTINGS
@given(lines=st.lists(st.text(alphabet="ab,;\"\n\r '", max_size=30), min_size=1, max_size=15))
def test_broken_quoting_never_crashes(tmp_path, lines):
    path = tmp_path / "f.csv"
    path.write_text("id,answer\n" + "\n".join(lines), encoding="utf-8")
    try:
        frame = read_table(path)
    except InputError:
        return
    assert frame["source_row"].tolist() == list(range(2, len(frame) + 2))


@SETTINGS
@given(records=st.lists(st.dictionaries(st.sampled_from(["id", "answer", "x"]), CELL), max_size=15))
def test_jsonl_keeps_every_record(tmp_path, records):
    path = tmp_path / "f.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    try:
        frame = read_table(path)
    except InputError as error:
        assert "empty" in str(error) and not records
        return
    assert len(frame) == len(records)


ROLE = st.sampled_from(["customer", "agent", "bot", "Customer ", "robot", None, "action"])


@SETTINGS
@given(
    turns=st.lists(
        st.tuples(st.sampled_from(["c1", "c2", "c3", "", None]), ROLE, CELL, st.integers(0, 5)),
        max_size=30,
    )
)
def test_every_chat_turn_is_accounted_for(turns):
    frame = pd.DataFrame(turns, columns=["conversation_id", "speaker", "text", "turn"])
    frame.insert(0, "source_row", range(2, len(frame) + 2))
    frame["time"] = None
    frame = frame.astype(object).where(frame.notna(), None)
    result = from_turns(frame, ChatSettings(), [], "f.csv")
    rows = result.rows
    assert sorted(rows["source_row"]) == list(range(2, len(frame) + 2))
    assert set(rows["status"]) <= {"analysed", "excluded", "quarantined"}
    assert rows.loc[rows["status"] != "analysed", "reason"].notna().all()
    linked = rows["response_id"].dropna().astype(int)
    assert linked.between(0, len(result.frame) - 1).all()


@SETTINGS
@given(
    posts=st.lists(
        st.sampled_from(["Great app!", "great app!!", "RT @a: Great app!", "Slow", ""]) | CELL,
        max_size=30,
    )
)
def test_every_social_post_is_one_unit_or_a_counted_copy(posts):
    frame = pd.DataFrame({"text": posts, "author": [f"@u{i % 4}" for i in range(len(posts))]})
    result = read_social(frame, SocialSettings(pseudonym_salt="k"), ReadSettings())
    assert len(result.rows) == len(posts)
    assert result.frame["n_posts"].astype(int).sum() == len(posts)
    copies = result.rows[result.rows["status"] == "excluded"]
    assert all(re.match(r"(duplicate|retweet) of response \d+$", r) for r in copies["reason"])
