"""Sentence segmentation and quotation detection for German and English."""

from __future__ import annotations

import pytest

from lint.document.model import Span
from lint.document.quotes import find_quotes
from lint.document.segment import split_sentences
from lint.pack.ruleset import RulePack


def _sentences(pack: RulePack, text: str, language: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, 0, len(text), pack.profiles[language])]


@pytest.mark.parametrize(
    "text",
    [
        "Das gilt z. B. für Dr. Müller und Nr. 5 bzw. für die u. a. genannten Fälle.",
        "Sie kamen am 13. September nach Berlin.",
        "Der 2. Weltkrieg endete 1945.",
        "Am 13.9.2023 stieg der Kurs um 3.5 Prozent.",
        "Die Firma Meier & Co. KG meldete Gewinne.",
        "Der Präsident J. F. Kennedy reiste nach Berlin.",
        '"Sind wir bereit?" fragte er die Runde.',
    ],
)
def test_german_sentences_that_must_not_split(pack: RulePack, text: str) -> None:
    assert _sentences(pack, text, "de") == [text]


def test_german_sentences_split_after_quotation_that_ends_a_sentence(pack: RulePack) -> None:
    text = 'Er sagte: "Wir werden über alles sprechen, ohne Eile. Wir haben genug Zeit." Danach ging er.'
    assert _sentences(pack, text, "de") == [
        'Er sagte: "Wir werden über alles sprechen, ohne Eile.',
        'Wir haben genug Zeit."',
        "Danach ging er.",
    ]


def test_german_year_at_sentence_end_splits(pack: RulePack) -> None:
    assert _sentences(pack, "Das war im Jahr 2019. Dann kam die Krise.", "de") == [
        "Das war im Jahr 2019.",
        "Dann kam die Krise.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Smith went to Washington, D.C. on Monday.",
        "The U.S. economy grew 2.5 percent in the third quarter.",
        "Shares of Acme Inc. rose on Tuesday.",
    ],
)
def test_english_sentences_that_must_not_split(pack: RulePack, text: str) -> None:
    assert _sentences(pack, text, "en") == [text]


def test_english_sentences_split(pack: RulePack) -> None:
    assert _sentences(pack, "It rained. Then it stopped! Why? Nobody knows.", "en") == [
        "It rained.",
        "Then it stopped!",
        "Why?",
        "Nobody knows.",
    ]


def _quotes(pack: RulePack, text: str, language: str = "de") -> list[tuple[str, bool]]:
    found = find_quotes(text, 0, len(text), 0, pack.profiles[language])
    return [(text[q.span.start : q.span.end], q.speech) for q in found]


def test_speech_and_terms(pack: RulePack) -> None:
    text = 'Sie sprachen über "Handelsbeziehungen" und „So arbeitet die Redaktion“. „Wir sind bereit, alles zu tun“, sagte er.'
    assert _quotes(pack, text) == [
        ('"Handelsbeziehungen"', False),
        ("„So arbeitet die Redaktion“", False),
        ("„Wir sind bereit, alles zu tun“", True),
    ]


def test_short_quote_with_sentence_punctuation_is_speech(pack: RulePack) -> None:
    assert _quotes(pack, "Er rief: »Nein!« und ging.") == [("»Nein!«", True)]


def test_nested_single_quotes_stay_inside(pack: RulePack) -> None:
    text = "„Er nannte das ‚unverantwortlich‘ und ging sofort nach Hause“, sagte sie."
    assert _quotes(pack, text) == [("„Er nannte das ‚unverantwortlich‘ und ging sofort nach Hause“", True)]


def test_abbreviation_is_not_sentence_punctuation(pack: RulePack) -> None:
    assert _quotes(pack, "Er gründete die „Maschinenbau Jüdel & Co.“ in Braunschweig.") == [
        ("„Maschinenbau Jüdel & Co.“", False)
    ]


def test_english_title_case_quote_is_a_title(pack: RulePack) -> None:
    text = 'The band played "Takin\' It to the Streets." at the end.'
    assert _quotes(pack, text, "en") == [('"Takin\' It to the Streets."', False)]


def test_unclosed_quote_is_dropped_unless_the_next_paragraph_continues_it(pack: RulePack) -> None:
    text = '"We will win this. We always do.'
    profile = pack.profiles["en"]
    assert find_quotes(text, 0, len(text), 0, profile) == []
    continued = find_quotes(text, 0, len(text), 0, profile, continued=True)
    assert [(q.span, q.speech) for q in continued] == [(Span(0, len(text)), True)]


def test_straight_quotes_pair_by_the_word_they_touch(pack: RulePack) -> None:
    text = 'He said "yes" and " then she left.'
    assert _quotes(pack, text, "en") == [('"yes"', False)]
