"""The HTML reader's class and label words come from vocabularies: a pack can extend them without Python."""

from __future__ import annotations

from lint.document.credits import CreditReader
from lint.document.html_words import HtmlWords
from lint.pack.loader import load_pack
from lint.pack.vocab import Vocabulary


def _shipped() -> CreditReader:
    return CreditReader.build(load_pack([]).vocabularies)


def test_shipped_role_words_and_their_negation() -> None:
    words = _shipped().html
    assert words.caption_class.search("article-bildunterschrift")
    assert not words.caption_class.search("no-caption")  # a negated role word names what the element is not
    assert words.kicker_class.search("teaser__dachzeile")
    assert words.furniture.search("related-stories") and not words.furniture.search("shadow")


def test_a_house_vocabulary_adds_a_class_word() -> None:
    legend = Vocabulary("html_caption_classes", "house.yaml", {"any": ("legenda",)})
    words = HtmlWords({"html_caption_classes": legend})
    assert words.caption_class.search("foto-legenda") and not words.caption_class.search("caption")
    assert not HtmlWords({}).caption_class.search("caption")  # a list the pack lacks matches nothing


def test_byline_labels_and_caption_credit_openers() -> None:
    reader = _shipped()
    assert reader.html.byline_prefix.sub("", "Text  von Anna Muster", count=1) == "Anna Muster"
    assert reader.html.date_tail.split("Anna Muster Aktualisiert am 3. Mai", maxsplit=1)[0] == "Anna Muster"
    found = reader.caption_credit.search("Ein Kran am Hafen. Image source, Jane Doe / Example Agency")
    assert found is not None and found.group("holder") == "Jane Doe / Example Agency"
