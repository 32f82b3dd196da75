import pytest

from textmine.normalize import normalize_text, redact


def test_unicode_whitespace_and_html_are_normalised():
    assert (
        normalize_text("Cafe\u0301  <b>great</b>\t service &amp; more")
        == "Café great service & more"
    )


def test_line_breaks_survive_as_single_newlines_for_the_segmenter():
    assert normalize_text("first turn \r\n\r\n\t second\u2028third ") == (
        "first turn\nsecond\nthird"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail me at anna.svensson@example.com please", "mail me at [EMAIL] please"),
        ("see https://shop.example.com/o?token=abc123", "see [URL]"),
        ("ring +46 70 123 45 67 tack", "ring [PHONE] tack"),
        ("Tel. 0049 (30) 1234 5678", "Tel. [PHONE]"),
        ("card 4111 1111 1111 1111 was charged", "card [CARD] was charged"),
        ("IBAN DE89 3704 0044 0532 0130 00 bitte", "IBAN [IBAN] bitte"),
    ],
)
def test_pii_is_replaced_by_placeholders(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "order 123456 arrived",
        "paid 1299.00 on 2025-03-14",
        "card 4111 1111 1111 1112 fails Luhn",
        "room 12, floor 3",
    ],
)
def test_numbers_that_are_not_pii_are_left_alone(text):
    assert redact(text) == text


def test_handles_only_on_request():
    assert redact("thanks @AppleSupport") == "thanks @AppleSupport"
    assert redact("thanks @AppleSupport", handles=True) == "thanks @user"
