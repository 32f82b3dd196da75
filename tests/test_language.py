import pytest

from textmine.config import Config
from textmine.language import UNDETERMINED, make_detector, script_language


@pytest.fixture(scope="module", params=["lingua", "langdetect"])
def detector(request):
    return make_detector(request.param, allowed=Config().language.allowed)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The delivery arrived two weeks late and nobody answered my emails", "en"),
        ("Die Lieferung kam zwei Wochen zu spät und niemand hat geantwortet", "de"),
        ("Leveransen kom två veckor för sent och ingen svarade på mina mejl", "sv"),
        ("快递晚了两个星期才到，客服也不回复", "zh"),
    ],
)
def test_detects_supported_languages(detector, text, expected):
    assert detector.detect([text]) == [expected]


def test_short_text_is_undetermined_unless_the_script_tells(detector):
    assert detector.detect(["ok", "gut", "很好"]) == [UNDETERMINED, UNDETERMINED, "zh"]


def test_script_language():
    assert script_language("это хорошо") == "ru"
    assert script_language("plain latin") is None


def test_detection_is_repeatable(detector):
    texts = ["Bra men dyrt", "Service war ok aber teuer", "good but pricey"] * 3
    assert detector.detect(texts) == detector.detect(texts)


def test_batch_detection_equals_one_text_at_a_time(detector):
    """Deduplication and lingua's parallel batch call give the same answers as single calls."""
    texts = [
        "The delivery arrived two weeks late",
        "ok",
        "Die Lieferung kam zwei Wochen zu spät",
        "快递晚了两个星期才到",
        "The delivery arrived two weeks late",
        "Leveransen kom två veckor för sent",
        "こんにちは、配達が遅れました",
    ]
    one_by_one = [detector.detect([t])[0] for t in texts]
    assert detector.detect(texts) == one_by_one
    assert one_by_one[0] == one_by_one[4] == "en"
    assert one_by_one[-1] == "ja"
