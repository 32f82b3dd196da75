import json

import pandas as pd
import pytest

from textmine.errors import InputError
from textmine.ingest import iter_table, read_table
from textmine.ingest.stream import MIXED, detect_encoding
from textmine.ingest.survey import stack_questions


def test_chunks_keep_a_continuous_source_row_and_cap_their_size(tmp_path):
    path = tmp_path / "big.csv"
    lines = ["id,answer"] + [f'{i},"answer {i}\nsecond line"' for i in range(1, 251)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    chunks = list(iter_table(path, chunk_rows=100))
    assert [len(c) for c in chunks] == [100, 100, 50]
    rows = pd.concat(chunks)["source_row"].tolist()
    assert rows == list(range(2, 252))
    assert chunks[2]["answer"].iloc[-1] == "answer 250\nsecond line"
    assert chunks[0].attrs == {"file": str(path), "encoding": "utf-8", "delimiter": ","}


def test_chunked_utf16_and_cp1252_decode_across_block_boundaries(tmp_path):
    text = "id;answer\n" + "".join(f"{i};Grüße aus Malmö, {i} €\n" for i in range(30_000))
    for encoding in ("utf-16", "cp1252"):
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes(text.encode(encoding))
        frame = pd.concat(iter_table(path, chunk_rows=7_000))
        assert frame.attrs["encoding"] == encoding
        assert len(frame) == 30_000
        assert frame["answer"].iloc[-1] == "Grüße aus Malmö, 29999 €"


def test_utf16_without_bom_is_detected(tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes("id,answer\n1,slow delivery again\n2,friendly support\n".encode("utf-16-le"))
    frame = read_table(path)
    assert frame.attrs["encoding"] == "utf-16-le"
    assert frame["answer"].tolist() == ["slow delivery again", "friendly support"]


def test_mixed_utf8_and_cp1252_lines_are_both_decoded(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        "id,answer\n1,Grüße\n".encode() + "2,Größe falsch\n".encode("cp1252") + b"3,ok\n"
    )
    assert detect_encoding(path) == MIXED
    frame = read_table(path)
    assert frame.attrs["encoding"] == MIXED
    assert frame["answer"].tolist() == ["Grüße", "Größe falsch", "ok"]


def test_bytes_that_are_not_cp1252_fall_back_to_latin1(tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes(b"id,answer\n1,caf\xe9 \x81\n")
    frame = read_table(path)
    assert frame.attrs["encoding"] == "latin-1"
    assert frame["answer"].tolist() == ["café \x81"]


def test_declared_delimiter_and_encoding_win_over_detection(tmp_path):
    path = tmp_path / "f.txt"
    path.write_bytes("a|b\n1|x,y\n".encode("latin-1"))
    frame = read_table(path, delimiter="|", encoding="latin-1")
    assert frame["b"].tolist() == ["x,y"]
    with pytest.raises(InputError, match="unknown encoding 'utf9'"):
        read_table(path, encoding="utf9")


def test_nul_bytes_after_the_first_block_are_a_clear_error(tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes(b"id,answer\n" + b"1,fine\n" * 300_000 + b"2,\x00\x00bad\n")
    with pytest.raises(InputError, match=r"f\.csv: NUL byte"):
        read_table(path)


def test_jsonl_chunks_and_bad_lines(tmp_path):
    path = tmp_path / "f.jsonl"
    records = [{"id": i, "answer": f"text {i}", "tags": ["a", "b"]} for i in range(5)]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n\n", encoding="utf-8")
    chunks = list(iter_table(path, chunk_rows=2))
    assert [len(c) for c in chunks] == [2, 2, 1]
    assert chunks[0]["tags"].iloc[0] == '["a", "b"]'
    path.write_text('{"id": 1}\n{"id": 2,}\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 2 is not valid JSON"):
        read_table(path)
    path.write_text("[1, 2]\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 1 is not a JSON object"):
        read_table(path)


def test_parquet_chunks(tmp_path):
    path = tmp_path / "f.parquet"
    pd.DataFrame({"id": range(10), "answer": [f"t{i}" for i in range(10)]}).to_parquet(path)
    chunks = list(iter_table(path, chunk_rows=4))
    assert [len(c) for c in chunks] == [4, 4, 2]
    assert chunks[2]["source_row"].tolist() == [10, 11]
    assert chunks[2]["id"].tolist() == ["8", "9"]


def test_progress_bar_only_when_asked_or_on_a_terminal(tmp_path, capsys):
    path = tmp_path / "f.csv"
    path.write_text("id,answer\n1,x\n", encoding="utf-8")
    read_table(path)  # pytest's stderr is not a terminal
    assert capsys.readouterr().err == ""
    read_table(path, progress=True)
    assert "reading f.csv" in capsys.readouterr().err


def test_huge_cell_survives(tmp_path):
    cell = "lång text " * 200_000  # 2 MB in one cell
    path = tmp_path / "f.csv"
    pd.DataFrame({"id": [1, 2], "answer": [cell, "short"]}).to_csv(path, index=False)
    assert read_table(path)["answer"].tolist() == [cell, "short"]


def test_header_only_file_gives_zero_rows_and_broken_quoting_a_clear_error(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("id,answer\n", encoding="utf-8")
    assert len(read_table(path)) == 0
    path.write_text('id,answer\n1,"never closed\n2,next\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"f\.csv: cannot read file"):
        read_table(path)


def test_stacked_questions_keep_rows_and_scores():
    wide = pd.DataFrame(
        {
            "source_row": [2, 3],
            "id": ["r1", "r2"],
            "nps": ["9", "3"],
            "q_like": ["fast delivery", None],
            "q_improve": ["cheaper shipping", "better app"],
        }
    )
    stacked = stack_questions(wide, ["q_like", "q_improve"])
    assert stacked[["source_row", "question", "answer", "nps"]].values.tolist() == [
        [2, "q_like", "fast delivery", "9"],
        [2, "q_improve", "cheaper shipping", "9"],
        [3, "q_like", None, "3"],
        [3, "q_improve", "better app", "3"],
    ]
    with pytest.raises(InputError, match="'q_missing'"):
        stack_questions(wide, ["q_missing"])
