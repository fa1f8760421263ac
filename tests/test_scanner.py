"""The literal prefilter: required literals read from regex sources, one scan per text, both scanner paths.

Every pattern and text here is written for these tests.
"""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.document.credits import Shape, Shapes
from lint.pack import scanner as scanner_module
from lint.pack.literals import required_literals
from lint.pack.patterns import PatternCompiler
from lint.pack.requirements import from_data, rows_from_data, rows_to_data, to_data
from lint.pack.scanner import Scanner
from lint.pack.vocab import Vocabulary

FLAGS = regex.VERSION0 | regex.MULTILINE | regex.IGNORECASE

# Patterns of the kinds rule files hold: vocabularies, look-arounds, optional parts, alternations, classes.
PATTERNS = [
    r"\bFoto:\s*\p{Lu}\w+",
    r"(?<!\bnicht\s)\b(?:heißt|hieß)\s+es\b",
    r"\bsources?\s+(?:close|familiar)\s+(?:to|with)\b",
    r"[Ll]aut\s+\L<bodies>",
    r"\w+/(?:dpa|AFP)\b",
    r"(?-i:\bAP\b)",
    r"\b\d+\s*(?:%|Prozent)\s+der\s+Befragten",
    r"(?:©|\(c\))\s*\w+",
    r"ab?c",
    r"colou?r",
    r"\bwie\s+(?:[\w.-]+\s+){1,3}?berichtet\b",
    r"x{2,}yz",
    r"(?i:straße)",
]
LISTS = {"bodies": ["Polizei", "Behörde", "Feuerwehr"]}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (r"\bFoto:\s", [["foto:"]]),
        (r"(?:Agence|AFP)\b", [["afp", "agence"]]),
        (r"[Ff]oto(?:grafie)?", [["foto", "fotografie"]]),
        (r"\p{Lu}\w+ sagte", [[" sagte"]]),
        (r"ab?c", [["abc", "ac"]]),
        (r"(?:a|b)(?:c|d)xy", [["acxy", "adxy", "bcxy", "bdxy"]]),
        (r"\x41bc", [["abc"]]),
        (r"[^a]bc", [["bc"]]),
        (r"(?i)laut\s+\L<bodies>", [["behörde", "feuerwehr", "polizei"], ["laut"]]),
        (r"\w+/\L<bodies>", [["/behörde", "/feuerwehr", "/polizei"]]),
        (r"STRASSE", [["strasse"]]),
        (r"Straße", [["strasse"]]),  # case-folded, as the text is: "STRASSE" in a text is let through
    ],
)
def test_required_literals(source: str, expected: list[list[str]]) -> None:
    assert to_data(required_literals(source, LISTS)) == expected


@pytest.mark.parametrize(
    "source",
    [
        r"dpa|\w+",  # one branch needs no literal
        r"a.?b",  # optional any character between: "ab" need not occur
        r"(?x) foo bar",  # verbose syntax is not modelled
        r"foo{e<=1}",  # fuzzy matching
        r"(\w+) \1",  # a backreference
        r"(?(1)a|b)",  # a conditional
        r"(?:foo)?",  # optional as a whole
        r"(?:abc)*",
        r"x",  # one letter filters nothing
        r"(?<=said )\w+",  # a look-behind's text is not part of the match
    ],
)
def test_patterns_that_always_run(source: str) -> None:
    assert required_literals(source, LISTS) is None


def test_unbalanced_or_unknown_syntax_always_runs() -> None:
    assert required_literals(r"abc)", {}) is None
    assert required_literals(r"\L<unknown>abc", {}) is None
    assert required_literals(r"abc\q", {}) is None


TEXTS = [
    "Laut Polizei brannte es. Foto: Maria Beispiel",
    "Die Feuerwehr kam, so hieß es. 40 Prozent der Befragten waren dafür.",
    "People familiar with the plan, sources close to him said. Name/dpa",
    "AP reported; a colour photo, © Beispielbild. Wie die Zeitung gestern berichtet, ...",
    "Die STRASSE war gesperrt; xxxyz und ac.",
    "Nothing here matches at all.",
]


def _matches(compiler: PatternCompiler, text: str) -> list[list[tuple[int, int]]]:
    found = []
    for source in PATTERNS:
        matcher = compiler.compile(source, "de")
        assert matcher is not None
        found.append([(m.start(), m.end()) for m in matcher.finditer(text)])
    return found


def _plain(text: str) -> list[list[tuple[int, int]]]:
    return [
        [(m.start(), m.end()) for m in _plain_regex(source).finditer(text) if m.end() > m.start()]
        for source in PATTERNS
    ]


def _plain_regex(source: str) -> regex.Pattern[str]:
    return regex.compile(source, FLAGS, ignore_unused=True, **LISTS)


def _compiler(pure: bool | None) -> PatternCompiler:
    bodies = Vocabulary("bodies", "bodies.yaml", {"any": tuple(LISTS["bodies"])})
    compiler = PatternCompiler({"bodies": bodies}, {}, {"de", "en"})
    if pure is not None:
        compiler.scanner = Scanner(pure=pure)
    return compiler


@pytest.mark.parametrize("text", TEXTS)
def test_both_scanner_paths_match_plain_regex(text: str) -> None:
    if scanner_module._ahocorasick is None:
        pytest.skip("pyahocorasick is not installed here: only the pure-Python path can run")
    expected = _plain(text)
    assert _matches(_compiler(pure=True), text) == expected
    assert _matches(_compiler(pure=False), text) == expected


@pytest.mark.parametrize("text", TEXTS)
def test_pure_path_matches_plain_regex(text: str) -> None:
    assert _matches(_compiler(pure=True), text) == _plain(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcxyzAPdpFoto:/ ©()%ßs\n", max_size=40))
def test_a_match_always_meets_its_requirement(text: str) -> None:
    """Soundness: wherever a pattern matches, the scanner says its literals are there (both paths)."""
    scanners = [Scanner(pure=True)] + ([Scanner(pure=False)] if scanner_module._ahocorasick else [])
    for scanner in scanners:
        for source in PATTERNS:
            need = scanner.register(required_literals(source, LISTS))
            if need is not None and _plain_regex(source).search(text):
                assert scanner.presence(text).meets(need), (source, text)


def test_a_pattern_whose_literals_are_absent_is_not_compiled() -> None:
    compiler = _compiler(pure=None)
    matcher = compiler.compile(r"\bBildquelle:\s*\w+", "de")
    assert matcher is not None
    (pattern,) = matcher.regexes
    assert list(matcher.finditer("Ein Text ohne die Angabe.")) == []
    assert pattern._compiled is None
    found = list(matcher.finditer("Bildquelle: Beispiel"))
    assert pattern._compiled is not None and [m.group(0) for m in found] == ["Bildquelle: Beispiel"]


def test_validation_still_compiles_every_pattern() -> None:
    from lint.pack.patterns import PatternError

    with pytest.raises(PatternError, match="bad regex"):
        _compiler(pure=None).check(r"Bildquelle(", "de")


def test_verify_mode_catches_a_wrong_requirement(monkeypatch: pytest.MonkeyPatch) -> None:
    import lint.pack.patterns as patterns

    compiler = _compiler(pure=True)
    monkeypatch.setattr(patterns, "required_literals", lambda source, named: (frozenset({"nirgends"}),))
    matcher = compiler.compile(r"\bFoto:", "de")
    assert matcher is not None
    assert list(matcher.finditer("Foto: X")) == []  # the wrong requirement skips it ...
    monkeypatch.setattr(patterns, "VERIFY", True)
    matcher._recent.clear()
    with pytest.raises(AssertionError, match="scanner skipped"):
        list(matcher.finditer("Foto: X"))  # ... which the development check reports


def test_credit_shapes_skip_texts_without_their_literals() -> None:
    scanner = Scanner(pure=True)
    source = r"(?<![\w])Bildnachweis:[ \t]*(?P<holder>\S+)"
    shape = Shape(source, {}, scanner.register(required_literals(source, {})))
    shapes = Shapes([shape], scanner)
    assert shapes.finditer("Kein Nachweis hier.") == []
    assert shape._compiled is None
    assert [m.group("holder") for m in shapes.finditer("Text.\nBildnachweis: Muster")] == ["Muster"]


def test_requirements_round_trip_as_plain_data() -> None:
    compiler = _compiler(pure=True)
    for source in PATTERNS:
        compiler.compile(source, "de")
    data = compiler.requirements_data()
    import json

    again = rows_from_data(json.loads(json.dumps(data)))
    fresh = _compiler(pure=True)
    fresh.load_requirements(data)
    assert rows_to_data(again) == data
    assert fresh.scanner.literals.keys() == compiler.scanner.literals.keys()
    for text in TEXTS:
        assert _matches(fresh, text) == _plain(text)


@pytest.mark.parametrize(
    "data",
    [
        {"a": 1},
        [["x", "de", "yes", None]],
        [["x", "de", True, []]],
        [["x", "de", True, [[""]]]],
        [["x", 3, True, None]],
    ],
)
def test_malformed_requirements_data_is_refused(data: object) -> None:
    with pytest.raises(ValueError):
        rows_from_data(data)


def test_requirement_data_keeps_null() -> None:
    assert from_data(None) is None and to_data(None) is None


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (r"^[ \t]*(?:Foto|Bild)[ \t]*:[ \t]*[^\n]{2,40}$", True),
        (r"(?<=[.!?]\s{0,3})\p{Lu}\w+/dpa", True),  # a look-behind may see the line before
        (r"Foto:\s+\w+", False),  # \s takes a line break
        (r"Foto:[^)]+", False),  # a negated class without \n
        (r"Foto:(?=\s*\n)", False),  # a look-ahead past the line's end
        (r"(?s)Foto:.+", False),
        (r"Foto:\P{L}", False),
        (r"Foto\Z", False),
        (r"[\x00-\x20]Foto", False),
    ],
)
def test_stays_on_one_line(source: str, expected: bool) -> None:
    from lint.pack.linelocal import stays_on_one_line

    assert stays_on_one_line(source, {}) is expected


@pytest.mark.parametrize("pure", [True, False])
def test_line_by_line_shapes_find_what_a_full_search_finds(pure: bool) -> None:
    if not pure and scanner_module._ahocorasick is None:
        pytest.skip("pyahocorasick is not installed here")
    from lint.pack.linelocal import stays_on_one_line

    source = r"(?:^|(?<=[.!?][ \t]{0,3}))(?P<holder>\p{Lu}\w+)[ \t]*/[ \t]*(?:dpa|Bildagentur)(?=[ \t]*$)"
    assert stays_on_one_line(source, {})
    text = "Ein Satz. Muster/dpa\nZweite Zeile ohne.\nNoch eine Zeile. Beispiel / Bildagentur\nBeispiel/dpa und mehr"
    for pos, endpos in [(0, len(text)), (5, len(text)), (0, 30), (12, 60)]:
        scanner = Scanner(pure=pure)
        need = scanner.register(required_literals(source, {}))
        assert need is not None
        shapes = Shapes([Shape(source, {}, need, line_local=True)], scanner)
        whole = Shapes([Shape(source, {}, None)], None)
        assert [m.span() for m in shapes.finditer(text, pos, endpos)] == [
            m.span() for m in whole.finditer(text, pos, endpos)
        ]


@pytest.mark.parametrize("case_sensitive", [False, True])
def test_term_sets_find_the_same_at_key_places_as_by_a_scan(
    case_sensitive: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    import lint.pack.patterns as patterns
    from lint.pack.patterns import TermSet

    terms = ["nach Angaben", "nach Angaben der Polizei", "Polizei", "U.S. officials", "AP"]
    text = "Nach  Angaben der\nPolizei kam es; nach Angaben. Polizeiauto, U.S. officials, AP und APA, xAP."
    results = []
    for few in (0, 1000):  # 0: always the scan; 1000: always the key places
        monkeypatch.setattr(patterns, "FEW_STARTS", few)
        term_set = TermSet(terms, case_sensitive)
        results.append([(m.start(), m.end()) for m in term_set.finditer(text, 0, len(text))])
        results.append([(m.start(), m.end()) for m in term_set.finditer(text, 10, 60)])
    assert results[0] and results[:2] == results[2:]


def test_credit_shape_requirements_round_trip_as_plain_data() -> None:
    import json

    from lint.document.credits import CreditReader

    agencies = Vocabulary("agencies", "agencies.yaml", {"any": ("dpa", "AFP")}, case_sensitive=True)
    shapes = Vocabulary(
        "credit_lines", "credit_lines.yaml", {}, {"any": (r"^[ \t]*\((?:\L<agencies>)\)[ \t]*$", r"Quelle:\s+\w+")}
    )
    vocabularies = {"agencies": agencies, "credit_lines": shapes}
    reader = CreditReader.build(vocabularies)
    data = json.loads(json.dumps(reader.requirements_data()))
    assert [row[2] for row in data] == [True, False]  # the second takes \s: searched over the whole range
    again = CreditReader.build(vocabularies)
    again.load_requirements(data)
    assert again.requirements_data() == data
    with pytest.raises(ValueError):
        again.load_requirements([["x", None]])
