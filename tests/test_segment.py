import pandas as pd

from textmine.segment import segment_responses, split_text


def test_contrastive_clause_becomes_its_own_segment():
    assert split_text("Delivery was late, but support was great.", "en") == [
        "Delivery was late",
        "but support was great.",
    ]
    assert split_text("Die Lieferung war schnell, aber der Service hat nie geantwortet.", "de") == [
        "Die Lieferung war schnell",
        "aber der Service hat nie geantwortet.",
    ]


def test_sentences_split_and_short_fragments_merge():
    assert split_text("Great app. Thanks! The checkout keeps crashing on iOS.", "en") == [
        "Great app. Thanks!",
        "The checkout keeps crashing on iOS.",
    ]


def test_chinese_needs_no_spaces():
    assert split_text("送货太慢了。客服态度很好，但是价格太贵。", "zh") == [
        "送货太慢了。",
        "客服态度很好",
        "但是价格太贵。",
    ]


def test_segment_table_keeps_response_ids_and_languages():
    responses = pd.DataFrame(
        {
            "response_id": [0, 1],
            "text_clean": ["Fast delivery. Rude staff at the store.", "ok"],
            "language": ["en", "und"],
        }
    )
    segs = segment_responses(responses)
    assert segs["response_id"].tolist() == [0, 0, 1]
    assert segs["segment_id"].tolist() == [0, 1, 0]
    assert segs["language"].tolist() == ["en", "en", "und"]
