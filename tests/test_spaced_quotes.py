"""Quotation marks set apart from their words (French « … » with a space, a no-break space or a narrow
no-break space inside) pair when the profile's pair lists those spaces as its third item — data, not code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lint.document.quotes import find_quotes
from lint.pack.profiles import load_profile
from lint.pack.yamlio import YamlError

from conftest import run_cli

NBSP, NNBSP = "\u00a0", "\u202f"

PROFILE = """\
language: fr
name: Français
source: Written for this test.
function-words: [le, la, les, des, du, un, une, et, est, dans, que, qui, pour, pas, sur, au, avec, il, elle,
  ce, cette, son, sa, ses, par, plus, selon, nous, ne]
quotes:
  - ["«", "»", "\\u00a0\\u202f "]
  - ["“", "”"]
"""

RULE = """\
id: citation-sans-source
type: attribution
claim: quote
languages: [fr]
severity: info
source: '\\b(?:selon|a\\s+déclaré|a\\s+indiqué)\\b'
message: 'Citation sans source : {match}'
rationale: Une citation dit qui parle.
reference: Written for this test
examples:
  pass:
    - text: "« Nous rouvrirons la bibliothèque du quartier en septembre », a déclaré l'adjointe."
      lang: fr
  fail:
    - text: "La séance a été levée. « Aucun habitant ne paiera davantage pour ce chantier. »"
      lang: fr
      expect: [{line: 1, column: 24}]
"""


def _profile(tmp_path: Path, text: str = PROFILE) -> Path:
    path = tmp_path / "fr.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("space", [" ", NBSP, NNBSP])
def test_guillemets_with_a_space_inside_pair(tmp_path: Path, space: str) -> None:
    profile = load_profile(_profile(tmp_path))
    text = (
        f"Elle a prévenu : «{space}Le marché couvert fermera ses portes pour trois mois{space}», puis elle est partie."
    )
    (quote,) = find_quotes(text, 0, len(text), 0, profile)
    assert text[quote.span.start : quote.span.end].startswith("«") and text[quote.span.end - 1] == "»"
    assert quote.speech


def test_a_pair_without_spaces_still_needs_touching_marks(tmp_path: Path) -> None:
    profile = load_profile(_profile(tmp_path, PROFILE.replace(', "\\u00a0\\u202f "', "")))
    text = f"Elle a prévenu : «{NNBSP}Le marché couvert fermera ses portes pour trois mois{NNBSP}», puis rien."
    assert find_quotes(text, 0, len(text), 0, profile) == []
    touching = "Elle a prévenu : «Le marché couvert fermera ses portes pour trois mois», puis rien."
    assert len(find_quotes(touching, 0, len(touching), 0, profile)) == 1


def test_a_mark_standing_alone_opens_nothing(tmp_path: Path) -> None:
    profile = load_profile(_profile(tmp_path))
    text = "Le prix passe de 3 € « » à 4 € selon la grille."  # two spaces around nothing: no word to quote
    assert find_quotes(text, 0, len(text), 0, profile) == []


def test_the_third_item_must_be_spaces(tmp_path: Path) -> None:
    path = _profile(tmp_path, PROFILE.replace('"\\u00a0\\u202f "', '"x"'))
    with pytest.raises(YamlError) as raised:
        load_profile(path)
    assert "third item" in raised.value.message and str(path) in raised.value.path


def test_an_attribution_rule_reads_spaced_guillemets(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    (pack / "languages").mkdir(parents=True)
    (pack / "languages" / "fr.yaml").write_text(PROFILE, encoding="utf-8")
    (pack / "citation-sans-source.yaml").write_text(RULE, encoding="utf-8")
    done = run_cli("test-rules", str(pack))
    assert done.returncode == 0, done.stdout + done.stderr
    article = tmp_path / "article.txt"
    article.write_text(
        "Le conseil municipal a voté mardi soir le budget de la ville pour les deux prochaines années.\n\n"
        f"Le ton est monté dans la salle.{NBSP}«{NNBSP}Personne ne pourra payer ces nouvelles taxes{NNBSP}»\n\n"
        f"«{NNBSP}Nous investirons dans les écoles et dans les transports{NNBSP}», a déclaré la maire.\n",
        encoding="utf-8",
    )
    done = run_cli("check", "--isolated", "--no-default-rules", "--format", "json", "--rules", str(pack), str(article))
    (entry,) = json.loads(done.stdout)["files"]
    assert entry["language"] == "fr"
    assert [(f["rule"], f["line"]) for f in entry["findings"]] == [("citation-sans-source", 3)]
