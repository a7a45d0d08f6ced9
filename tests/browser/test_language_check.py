"""The language check used on every page the browser tests visit can fail, and fails for the
right reasons (no browser needed)."""

from __future__ import annotations

import pytest

from .language import english_runs, script_share


def runs(*texts, lang=""):
    return [{"text": t, "lang": lang} for t in texts]


@pytest.mark.parametrize("page_lang, text", [
    ("tl", "Do you still have to finish your sentence for this conviction?"),
    ("es", "You can ask the court to dismiss and seal this conviction."),
    ("vi", "What was this conviction for?"),
    ("zh-Hant", "Your papers are ready to file with the court."),
    ("ko", "Check your record with the court clerk."),
])
def test_english_left_in_a_translated_page_is_found(page_lang, text):
    assert english_runs(runs(text), page_lang) == [text]


@pytest.mark.parametrize("page_lang, text", [
    ("tl", "Tinatapos pa ba ninyo ang inyong sentensiya para sa hatol na ito?"),
    ("es", "Puede pedirle al tribunal que desestime (anule) y selle esta condena."),
    ("vi", "Quý vị có thể xin tòa hủy bỏ và niêm phong bản án này."),
    ("zh-Hant", "您可以請求法院撤銷並封存這項定罪（HS § 11361.8）。"),
    ("ko", "법원에 이 유죄 판결을 취소하고 봉인해 달라고 요청할 수 있습니다."),
    ("es", "HS § 11359(b)"),
])
def test_text_in_the_page_language_passes(page_lang, text):
    assert english_runs(runs(text), page_lang) == []


def test_names_marked_as_english_are_left_alone():
    marked = runs("Superior Court of California, County of San Francisco", lang="en")
    assert english_runs(marked, "es") == []
    assert english_runs(runs("Superior Court of California, County of San Francisco"), "es")


def test_english_pages_are_not_checked():
    assert english_runs(runs("You can ask the court to dismiss it."), "en") == []


def test_a_chinese_page_in_latin_letters_is_found():
    assert script_share(runs("Clear my cannabis record", "清除我的大麻記錄"), "zh-Hant") < 0.5
    assert script_share(runs("清除我的大麻定罪記錄"), "zh-Hant") == 1.0
