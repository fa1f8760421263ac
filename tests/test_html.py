"""The HTML reader: article text, figures and credits, bylines and fields, and positions in the source."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from lint.checks.finding import FileResult
from lint.document.html_text import declared_charset
from lint.pack.ruleset import RulePack
from lint.run.linter import Linter, Settings, select_rules
from tests.conftest import rules_of, run_cli, shared_path

FIXTURES = Path(__file__).parent / "fixtures" / "html"
Lint = Callable[..., FileResult]


def lint_fixture(lint_text: Lint, name: str) -> tuple[str, FileResult]:
    source = (FIXTURES / name).read_text(encoding="utf-8")
    return source, lint_text(source, name)


def assert_positions(source: str, result: FileResult) -> None:
    """Each finding's excerpt is the source text at its line and column (end exclusive)."""
    lines = source.split("\n")

    def offset(line: int, column: int) -> int:
        return sum(len(x) + 1 for x in lines[: line - 1]) + column - 1

    for finding in result.findings:
        start, end = offset(finding.line, finding.column), offset(finding.end_line, finding.end_column)
        assert source[start:end] == finding.excerpt, finding


def test_agency_article_with_teaser_image(lint_text: Lint) -> None:
    source, result = lint_fixture(lint_text, "agency_teaser.html")
    assert not result.errors
    facts = result.facts
    assert facts["agency_credits"] == ["dpa"]  # dateline "Köln (dpa) -", closing "(dpa/lnw)"
    assert facts["image_credits"] == ["Anna Beispiel/dpa"]  # from the figcaption, not the logo
    assert facts["title"] == "Stadtrat beschließt Haushalt"
    assert facts["byline"] is None and facts["authors"] == []  # JSON-LD names an agency, never a byline
    assert (facts["date"], facts["section"], facts["type"]) == ("2024-03-05T10:15:00+01:00", "Lokales", "news")
    assert result.language == "de"
    # The hearsay paragraph after the attributed quotation is a claim of its own (issue 14: only reported
    # speech runs on over a paragraph break).
    assert rules_of(result) == ["anonymous-source", "unattributed-claim"]
    finding = result.findings[0]
    assert finding.excerpt == "aus Kreisen der"
    assert_positions(source, result)
    # Neither the script's "<p>" nor the footer's "©" became article text or an image credit.
    assert "Kein Artikeltext" not in str(facts)


def test_gallery_credits_from_credit_element_data_attribute_and_caption(lint_text: Lint) -> None:
    source, result = lint_fixture(lint_text, "gallery.html")
    assert result.facts["image_credits"] == ["Maria Muster", "Lee Example", "AP Photo/Sam Sample"]
    assert rules_of(result) == ["image-credit"]
    finding = result.findings[0]
    assert finding.excerpt == '<img src="/photos/crowd.jpg" alt="The crowd">'
    assert (finding.line, finding.column) == (25, 7)
    assert result.facts["byline"] == "By Jane Example and John Sample"
    assert result.facts["authors"] == ["Jane Example", "John Sample"]
    assert result.facts["date"] == "2024-04-20T09:00:00Z"
    assert_positions(source, result)


def test_social_embed_and_logo_are_not_article_content(lint_text: Lint) -> None:
    source, result = lint_fixture(lint_text, "social_embed.html")
    # The tweet's quotation is the embed's own; the logo, share icon and tracking pixel are no photos.
    assert rules_of(result) == ["unattributed-quote"]
    assert result.findings[0].excerpt.startswith('"This will cost the taxpayers')
    assert result.facts["image_credits"] == []
    assert result.facts["byline"] == "By Alex Example"
    assert_positions(source, result)


def test_cookie_banner_and_related_teasers_are_skipped(lint_text: Lint) -> None:
    source, result = lint_fixture(lint_text, "cookie_related.html")
    # The teasers' uncredited images and unattributed quotation are not the article's.
    assert rules_of(result) == ["unattributed-claim", "vague-attribution", "agency-credit"]
    claim, vague, credit = result.findings
    assert claim.excerpt == "reportedly"
    assert vague.excerpt == "Officials said"  # a role with no named body (issue 14)
    # The missing credit belongs after the last paragraph of the story, not after the related box.
    assert source.split("\n")[credit.line - 1][: credit.column - 1].endswith("four years ago.")
    assert_positions(source, result)


def test_entities_are_decoded_for_rules_but_positions_stay_in_the_source(lint_text: Lint) -> None:
    source = (
        "<html lang='en'><body><article><h1>Vote</h1>\n<p>By Jo Example</p>\n"
        "<p>The mayor spoke &amp; left.</p>\n"
        "<p>&quot;This is a disgrace for the whole city and its people.&quot;</p>\n"
        "<p>&ldquo;We will never accept this decision, not now and not later,&rdquo; the paper wrote.</p>"
        "</article></body></html>"
    )
    result = lint_text(source, "entities.html")
    assert rules_of(result) == ["unattributed-quote"]
    finding = result.findings[0]
    assert finding.excerpt.startswith("&quot;This is a disgrace") and finding.excerpt.endswith(".&quot;")
    assert result.facts["quotes"] == 2
    assert result.facts["byline"] == "By Jo Example"
    assert_positions(source, result)


def test_rules_read_html_as_they_read_text(lint_text: Lint) -> None:
    paragraphs = [
        "Berlin - Die Gespräche dauerten Stunden.",
        "Medienberichten zufolge soll der Minister zurückgetreten sein.",
        "„Wir werden das nicht hinnehmen und weiter kämpfen“, sagte ein Sprecher, der anonym bleiben wollte.",
        "Die Regierung habe alles versucht.",
    ]
    text = "\n\n".join(paragraphs) + "\n"
    page = "<!doctype html><html lang=de><body><main>" + "".join(f"<p>{p}</p>\n" for p in paragraphs) + "</main>"
    from_text, from_html = lint_text(text, "a.txt"), lint_text(page, "a.html")
    assert rules_of(from_html) == rules_of(from_text)
    assert [f.excerpt for f in from_html.findings if f.excerpt] == [f.excerpt for f in from_text.findings if f.excerpt]
    assert from_html.facts["quotes"] == from_text.facts["quotes"]
    assert_positions(page, from_html)


def test_credit_paragraph_after_an_image_in_rich_text(lint_text: Lint) -> None:
    body = (
        '<p>Die Brücke ist fertig.</p>\n<p><img src="bruecke.jpg"></p>\n<p>Foto: Max Muster</p>\n'
        '<p><img src="zweite.jpg" alt="Die Brücke (Foto: Erika Beispiel)"></p>\n<p><img src="dritte.jpg"></p>\n'
        "<p>Sie kostete zwei Millionen Euro. (dpa)</p>"
    )
    result = lint_text(body, "rich.html", language="de")
    assert result.facts["image_credits"] == ["Max Muster", "Erika Beispiel"]
    assert rules_of(result) == ["image-credit"]
    assert result.findings[0].excerpt == '<img src="dritte.jpg">'
    assert result.facts["agency_credits"] == ["dpa"]


def test_broken_markup_never_raises(lint_text: Lint) -> None:
    for source in [
        "",
        "<",
        "<p",
        "<p>unclosed <b>bold",
        "</div></p>text",
        "<!-- never closed",
        "<script>var a = '<p>'",
        '<img src="x.jpg',
        "<p>a<table><tr><td>b</p>c</td></table>",
        "<svg><p>drawn</p>",
        "&#xFFFFFFFF; &#0; &bogus; &amp",
        "<p>" * 5000 + "deep",
    ]:
        result = lint_text(source, "broken.html", language="en")
        assert not result.errors, source[:40]


@pytest.mark.slow
def test_every_corpus_page_is_read(pack: RulePack) -> None:
    folder = shared_path("corpus", "html")
    pages = sorted(folder.glob("*.htm*"))
    assert len(pages) > 50
    settings = Settings()
    linter = Linter(pack, select_rules(pack, settings), settings)
    titled = 0
    for page in pages:
        result = linter.lint_file(page)
        assert not result.errors, (page, result.errors)
        titled += bool(result.facts.get("title"))
        data = page.read_bytes()
        try:
            source = data.decode("utf-8")
        except UnicodeDecodeError:
            source = data.decode(declared_charset(data) or "latin-1")
        assert_positions(source.replace("\r\n", "\n").replace("\r", "\n"), result)
    assert titled >= 0.9 * len(pages)


@pytest.mark.parametrize("name", ["agency_teaser.html", "gallery.html"])
def test_cli_reads_html_by_extension(name: str) -> None:
    completed = run_cli("--isolated", "--format", "json", str(FIXTURES / name))
    assert completed.returncode in (0, 1), completed.stderr
    assert '"image_credits"' in completed.stdout and completed.stderr == ""


def test_words_written_with_entities_stay_whole(lint_text: Lint) -> None:
    source = (
        "<html lang='de'><body><article><h1>Rat</h1>\n"
        "<p>Der B&uuml;rgermeister erkl&auml;rte am Montag: &bdquo;Wir sind bereit, alles f&uuml;r "
        "die Stadt zu tun.&ldquo;</p>\n"
        "<p>Die Sitzung dauerte bis Mitternacht.</p>\n"
        "<p>Der K&auml;mmerer soll Geld angenommen haben.</p>\n"
        "<p>Er soll die Beh&ouml;rde get&auml;uscht haben.</p>\n"
        "<p>(dpa)</p></article></body></html>"
    )
    result = lint_text(source, "entity-words.html")
    assert "unattributed-quote" not in rules_of(result)  # "erkl&auml;rte" is read as the speech verb it is
    claims = [f for f in result.findings if f.rule == "unattributed-claim"]
    assert [f.excerpt for f in claims] == ["soll Geld angenommen haben", "soll die Beh&ouml;rde get&auml;uscht haben"]
    for finding in claims:
        line_start = sum(len(x) + 1 for x in source.split("\n")[: finding.line - 1])
        assert source[line_start + finding.column - 1 :].startswith(finding.excerpt)
