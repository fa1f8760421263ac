"""Engine features the labelling rules need, each tested on a small rule of its own (not the default pack)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.checks.finding import FileResult
from lint.pack.loader import load_pack
from lint.pack.ruleset import RuleError
from lint.run.linter import Linter, Settings

BASE = """id: demo
severity: warning
languages: [de]
message: {de: 'Fund: {match}'}
rationale: r
reference: r
examples: {pass: ["x"], fail: ["y"]}
"""


def lint(tmp_path: Path, rule: str, text: str, fmt: str = "text") -> FileResult:
    folder = tmp_path / "pack"
    folder.mkdir(exist_ok=True)
    (folder / "demo.yaml").write_text(BASE + rule, encoding="utf-8")
    pack = load_pack([folder])
    return Linter(pack, [pack.rules["demo"]], Settings(language="de")).lint_text(
        text, "a.md" if fmt == "markdown" else "a.txt", fmt
    )


def test_outside_quotes_skips_speech_quotations(tmp_path: Path) -> None:
    rule = "type: forbid\nscope: body\noutside-quotes: true\npattern: '\\bleider\\b'\n"
    text = "„Das ist leider ein schwarzer Tag für uns alle“, sagte sie. Leider regnete es auch."
    found = lint(tmp_path, rule, text).findings
    assert [f.excerpt for f in found] == ["Leider"]
    without = lint(tmp_path, rule.replace("outside-quotes: true\n", ""), text).findings
    assert len(without) == 2


def test_also_adds_a_check_under_the_same_id_with_its_own_message(tmp_path: Path) -> None:
    rule = """type: forbid
scope: body
pattern: '\\bleider\\b'
also:
  - type: conditional
    then: {match: 'Kommentar', scope: opening}
    message: {de: 'kein Label'}
"""
    found = lint(tmp_path, rule, "Leider regnete es am Sonntag in der ganzen Stadt.").findings
    assert sorted(f.message for f in found) == ["Fund: Leider", "kein Label"]
    assert {f.rule for f in found} == {"demo"}
    labelled = lint(tmp_path, rule, "Kommentar\n\nLeider regnete es am Sonntag in der ganzen Stadt.").findings
    assert [f.message for f in labelled] == ["Fund: Leider"]


def test_also_cannot_change_severity(tmp_path: Path) -> None:
    with pytest.raises(RuleError) as exc:
        lint(tmp_path, "type: forbid\npattern: x\nalso: [{severity: error, type: forbid, pattern: y}]\n", "x")
    assert "also[0]" in exc.value.problems[0][2]


def test_opening_scope_ends_with_the_first_paragraph(tmp_path: Path) -> None:
    rule = "type: require\nscope: opening\npattern: '^Anzeige$'\n"
    assert not lint(tmp_path, rule, "Anzeige\n\nDie Wärmepumpe spart Geld. Sie kostet wenig.").findings
    late = "Die Wärmepumpe spart Geld. Sie kostet wenig.\n\nZweiter Absatz mit mehr Text darin.\n\nAnzeige"
    assert len(lint(tmp_path, rule, late).findings) == 1


def test_per_image_condition_checks_only_symbolic_images(tmp_path: Path) -> None:
    rule = "type: require\nscope: image-text\nper: image\nwhen: {image-symbolic: true}\npattern: Symbolbild\n"
    head = "---\nimage: a.jpg\nimage_symbolic: {flag}\nimage_credit: '{credit}'\n---\n"
    body = 'Die Polizei ermittelt.\n\n![Ein Streifenwagen](b.jpg "Foto: Jan Muster/dpa")\n'
    unlabelled = head.format(flag="true", credit="Jan Muster/dpa") + body
    found = lint(tmp_path, rule, unlabelled, "markdown").findings
    assert [(f.line, f.rule) for f in found] == [(4, "demo")]  # the teaser's credit line; not the body image
    labelled = head.format(flag="true", credit="Symbolbild: Jan Muster/dpa") + body
    assert not lint(tmp_path, rule, labelled, "markdown").findings
    assert not lint(tmp_path, rule, head.format(flag="false", credit="Jan Muster/dpa") + body, "markdown").findings


def test_paragraph_condition_reads_the_whole_note(tmp_path: Path) -> None:
    rule = "type: forbid\nscope: document\npattern: 'Korrektur:'\nunless: {paragraph: '\\d{1,2}\\.\\s?Mai'}\n"
    same = "Der Rat tagte.\n\nKorrektur: Der Name war falsch. Korrigiert am 3. Mai."
    assert not lint(tmp_path, rule, same).findings
    other = "Der Rat tagte am 3. Mai.\n\nKorrektur: Der Name war falsch."
    assert [f.line for f in lint(tmp_path, rule, other).findings] == [3]


def test_anchor_when_points_at_the_cue(tmp_path: Path) -> None:
    rule = "type: conditional\nanchor: when\nwhen: {match: 'Umfrage', scope: body}\nthen: {match: Forsa}\n"
    found = lint(tmp_path, rule, "Die Lage ist ernst.\n\nEiner Umfrage zufolge sind viele unzufrieden.").findings
    assert [(f.line, f.column, f.excerpt) for f in found] == [(3, 7, "Umfrage")]
    assert not lint(tmp_path, rule, "Einer Umfrage von Forsa zufolge sind viele unzufrieden.").findings
