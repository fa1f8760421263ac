"""A person speaking *to* an outlet is the source; the outlet is where it was said (issue 14 leftover).

"sagte Anna Berger der Wochenzeitung" (dative: to the paper) names Anna Berger, a person, not an
organisation "Anna Berger der Wochenzeitung". After a role or with an article the same "der" is a
genitive that belongs to the source ("Ermittler der Polizei", "die Sprecherin der Stadt"), and inside a
name it is a particle ("Van der Bellen"). Sentences written for this test.
"""

from __future__ import annotations

import pytest

from lint.document.sources import source_of
from lint.pack.loader import load_pack
from lint.pack.source_words import SourceLexicon


@pytest.fixture(scope="module")
def lexicons() -> dict[str, SourceLexicon]:
    pack = load_pack([])
    return {code: profile.sources for code, profile in pack.profiles.items()}


def _source(sentence: str, cue: str, lexicon: SourceLexicon) -> tuple[str, str]:
    start = sentence.index(cue)
    found = source_of(sentence, (0, len(sentence)), (start, start + len(cue)), False, lexicon)
    return found.name, found.kind


# sentence -> (source phrase, kind) of its "sagte"/"sagten"
GERMAN = {
    "Die Brücke bleibe bis Mai gesperrt, sagte Anna Berger der Wochenzeitung.": ("Anna Berger", "person"),
    "Der Plan sei längst fertig, sagte Olsen dem Regionalsender.": ("Olsen", "person"),
    "Man rechne mit Verzögerungen, sagte Bauleiter Jonas Feld der Lokalzeitung Kurier.": (
        "Bauleiter Jonas Feld",
        "person",
    ),
    # the genitive of a role or after an article stays part of the source
    "Die Spuren seien eindeutig, sagten Ermittler der Polizei.": ("Ermittler der Polizei", "organisation"),
    "Das Fest finde statt, sagte die Sprecherin der Stadt.": ("die Sprecherin der Stadt", "organisation"),
    # a particle inside a name is no addressee
    "Das Amt verlange viel, sagte Van der Bellen am Abend.": ("Van der Bellen", "person"),
}


@pytest.mark.parametrize("sentence", list(GERMAN))
def test_german_addressee_is_not_the_source(lexicons: dict[str, SourceLexicon], sentence: str) -> None:
    cue = "sagten" if "sagten " in sentence else "sagte"
    assert _source(sentence, cue, lexicons["de"]) == GERMAN[sentence]


def test_english_told_names_the_speaker(lexicons: dict[str, SourceLexicon]) -> None:
    sentence = "The ferry will resume service in June, Maria Lund told the Harbour Gazette."
    assert _source(sentence, "told", lexicons["en"]) == ("Maria Lund", "person")
