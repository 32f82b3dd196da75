import pytest

from textmine.config import EmailSettings, ReadSettings
from textmine.ingest.email import clean_message, read_email

CASES = {
    "en": (
        "Hi,\n\nmy parcel never arrived and nobody answers.\n\nBest regards,\nAnna Svensson\n"
        "Acme AB\n\nOn Tue, 5 Mar 2024 at 10:00, Support <support@shop.com> wrote:\n"
        "> Thanks for contacting us.\n",
        "Hi,\n\nmy parcel never arrived and nobody answers.",
    ),
    "de": (
        "Hallo,\ndie Rechnung ist falsch.\n\nMit freundlichen Grüßen\nMax Mustermann\n\n"
        "Von meinem iPhone gesendet\n\nAm 05.03.2024 um 10:00 schrieb Shop <s@shop.de>:\n> Hallo",
        "Hallo,\ndie Rechnung ist falsch.",
    ),
    "sv": (
        "Hej!\nAppen kraschar när jag loggar in.\nMvh\nLisa\n-----Ursprungligt meddelande-----\n"
        "Från: Support\nSkickat: den 5 mars 2024\nÄmne: Ärende",
        "Hej!\nAppen kraschar när jag loggar in.",
    ),
    "zh": (
        "你好，退款到现在还没到账。\n谢谢\n张三\n\n"
        "在 2024年3月5日 10:00，客服 <kf@shop.cn> 写道：\n> 您好",
        "你好，退款到现在还没到账。",
    ),
    "outlook": (
        "The replacement works, thanks.\n\n________________________________\nFrom: Shop\n"
        "Sent: Monday\nTo: me",
        "The replacement works, thanks.",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_quotes_and_signatures_are_cut(case):
    raw, expected = CASES[case]
    cleaned = clean_message(raw)
    assert cleaned.text == expected
    assert cleaned.quote


@pytest.mark.parametrize(
    "disclaimer",
    [
        "This email and any attachments are confidential and may be privileged.",
        "Diese E-Mail enthält vertrauliche Informationen. Wenn Sie nicht der Empfänger sind ...",
        "Detta e-postmeddelande kan innehålla konfidentiell information.",
        "本邮件及其附件含有保密信息，仅限于发送给上面地址中列出的个人或群组。",
    ],
)
def test_disclaimers_are_cut(disclaimer):
    cleaned = clean_message(f"The product is great.\n\n{disclaimer}\nMore legal text.")
    assert cleaned.text == "The product is great." and cleaned.disclaimer


def test_a_long_message_after_a_thanks_line_is_kept():
    body = "Thanks for the reply.\nThanks\n" + "but the app still crashes on settings. " * 20
    assert clean_message(body).text == body.strip()
    assert clean_message("Thanks").text == "Thanks"  # a sign-off alone is the message


def test_stripping_can_be_switched_off():
    raw = CASES["en"][0]
    assert clean_message(raw, quotes=False, signatures=False).text == raw.strip()


def test_table_export_with_sms_and_email_bodies(tmp_path):
    path = tmp_path / "inbox.csv"
    path.write_text(
        'subject,body\n"Refund","Where is my refund?\n\n-- \nAnna\n070 123 45 67"\n'
        ',"Sent from my iPhone"\n',
        encoding="utf-8",
    )
    result = read_email(path, EmailSettings(include_subject=True), ReadSettings())
    assert result.frame["text"].tolist() == ["Refund\nWhere is my refund?", "Sent from my iPhone"]
    assert result.attrs["signatures_removed"] == 1


def test_eml_and_mbox_files(tmp_path):
    eml = (
        "From: anna@example.com\nSubject: Broken\nDate: Tue, 5 Mar 2024 10:00:00 +0000\n"
        "Content-Type: text/plain; charset=utf-8\n\nThe lid broke after a day.\n\n"
        "Kind regards\nAnna\n"
    )
    (tmp_path / "one.eml").write_text(eml, encoding="utf-8")
    result = read_email(tmp_path / "one.eml", EmailSettings(), ReadSettings())
    assert result.frame[["subject", "text"]].values.tolist() == [
        ["Broken", "The lid broke after a day."]
    ]
    assert "anna@example.com" not in result.frame.to_string()  # senders are not read
    (tmp_path / "box.mbox").write_text(
        "From anna@example.com Tue Mar  5 10:00:00 2024\n" + eml + "\n"
        "From bo@example.com Tue Mar  5 11:00:00 2024\n" + eml.replace("lid", "handle"),
        encoding="utf-8",
    )
    frame = read_email(tmp_path / "box.mbox", EmailSettings(), ReadSettings()).frame
    assert frame["text"].tolist() == ["The lid broke after a day.", "The handle broke after a day."]
    assert frame["source_row"].tolist() == [1, 2]
