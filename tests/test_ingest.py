import pandas as pd
import pytest

from textmine.errors import InputError
from textmine.ingest import read_table

ROWS = [["R1", "Schöne Grüße, alles gut", "9"], ["R2", "späte Lieferung", "3"]]


def _write(path, text, encoding="utf-8", bom=b""):
    path.write_bytes(bom + text.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("encoding", "bom", "expected"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
        ("utf-16", b"", "utf-16"),
        ("cp1252", b"", "cp1252"),
    ],
)
def test_csv_encodings_are_detected_and_reported(tmp_path, encoding, bom, expected):
    text = 'id,answer,nps\nR1,"Schöne Grüße, alles gut",9\nR2,späte Lieferung,3\n'
    frame = read_table(_write(tmp_path / "f.csv", text, encoding, bom))
    assert frame.attrs["encoding"] == expected
    assert frame["answer"].tolist() == ["Schöne Grüße, alles gut", "späte Lieferung"]
    assert frame.columns[0] == "source_row" and frame["source_row"].tolist() == [2, 3]


def test_semicolon_delimiter_and_quoted_newlines(tmp_path):
    text = 'id;answer;nps\nR1;"line one\nline two";9\nR2;"a; b";3\n'
    frame = read_table(_write(tmp_path / "f.csv", text))
    assert frame["answer"].tolist() == ["line one\nline two", "a; b"]
    assert frame["nps"].tolist() == ["9", "3"]


def test_values_stay_text_so_nothing_is_coerced(tmp_path):
    frame = read_table(_write(tmp_path / "f.csv", "id,nps\n007,9.0\n008,\n"))
    assert frame["id"].tolist() == ["007", "008"]
    assert frame["nps"].tolist() == ["9.0", None]


@pytest.mark.parametrize("suffix", [".xlsx", ".parquet", ".json", ".jsonl"])
def test_other_formats(tmp_path, suffix):
    frame = pd.DataFrame(ROWS, columns=["id", "answer", "nps"])
    path = tmp_path / f"f{suffix}"
    if suffix == ".xlsx":
        frame.to_excel(path, index=False)
    elif suffix == ".parquet":
        frame.to_parquet(path)
    else:
        frame.to_json(path, orient="records", lines=suffix == ".jsonl", force_ascii=False)
    read = read_table(path)
    assert read["answer"].tolist() == frame["answer"].tolist()
    assert read["nps"].tolist() == ["9", "3"]


def test_missing_empty_binary_and_unknown_files_give_one_clear_error(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        read_table(tmp_path / "nope.csv")
    with pytest.raises(InputError, match="empty"):
        read_table(_write(tmp_path / "e.csv", ""))
    (tmp_path / "b.csv").write_bytes(b"\x00\x01\x02binary\x00")
    with pytest.raises(InputError, match=r"b\.csv"):
        read_table(tmp_path / "b.csv")
    with pytest.raises(InputError, match="unsupported file type"):
        read_table(_write(tmp_path / "x.pdf", "%PDF"))


def test_plain_text_has_one_answer_per_line_and_a_txt_table_stays_a_table(tmp_path):
    lines = "Lieferung kam spät, leider\n\nGreat app, fast, cheap, love it\n快递太慢了\n"
    frame = read_table(_write(tmp_path / "answers.txt", lines))
    assert frame["text"].tolist() == [
        "Lieferung kam spät, leider",
        None,
        "Great app, fast, cheap, love it",
        "快递太慢了",
    ]
    assert frame["source_row"].tolist() == [1, 2, 3, 4]  # line numbers: no header line
    table = read_table(_write(tmp_path / "export.txt", "id\tanswer\nR1\tslow, late\nR2\tok\n"))
    assert table["answer"].tolist() == ["slow, late", "ok"]
    assert table["source_row"].tolist() == [2, 3]
