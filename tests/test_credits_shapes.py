"""Credits as real pages print them (issue 13): credit shapes as classes, agency-credit still firing where it
should, image credit holders, article images only in HTML, and ``facts.images``. Every text is written here."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from lint.checks.finding import FileResult

ROOT = Path(__file__).resolve().parent.parent
SHARED_DEV = ROOT.parent / "shared" / "eval" / "dev"

# --- agency credits that must be found -------------------------------------------------------------

CREDITED = [
    ("de", "Bonn (KNA) Der Bischof weihte am Sonntag die neue Kirche. Viele Gläubige kamen.", ["kna"]),
    ("de", "Eilmeldung 14:02 Uhr --- HALLE (dpa) - Der Zug fiel am Morgen aus. Pendler warteten lange.", ["dpa"]),
    ("de", "Liveblog\n\n09:10 Uhr\n\nErfurt (dpa/lth) - Die Landesregierung tagt. Es geht um Schulen.", ["dpa"]),
    ("de", "LEIPZIG/DRESDEN dpa/epd | Die Kirchen laden zum Gespräch. Der Termin steht fest.", ["dpa", "epd"]),
    ("en", "Flood alert\n\nThe Associated Press\n\nRivers rose across the region on Sunday night.", ["ap"]),
    ("en", "Budget vote\n\nPA\n\nThe council approved the budget after a long debate on Tuesday.", ["pa"]),
    ("en", "By Ann Smith, Reuters\n\nThe bank held its key rate on Thursday, as most had expected.", ["reuters"]),
    ("de", "Der Rat beschloss den Haushalt. Die Opposition stimmte dagegen.\n\nQuelle:\nAB/dpa", ["dpa"]),
    ("de", "Die Fähre fährt wieder. Die Reederei entschuldigte sich.dpa/xy", ["dpa"]),
    ("en", "The port handled more containers than ever, officials said.\n\n(C) 2024 Xinhua", ["xinhua"]),
    ("en", "Smoke over the hills. Ann Smith / ANN SMITH\n/ Source: AFP\n\nA wildfire spread on Sunday.", ["afp"]),
]


@pytest.mark.parametrize(("lang", "text", "agencies"), CREDITED)
def test_credit_shapes_are_found_and_satisfy_agency_credit(
    lint_text: Callable[..., FileResult], lang: str, text: str, agencies: list[str]
) -> None:
    result = lint_text(text, language=lang)
    assert result.facts["agency_credits"] == agencies
    assert "agency-credit" not in [f.rule for f in result.findings]


# --- agency-credit keeps its error (ten own fixtures) -----------------------------------------------

UNCREDITED = [
    # own reporting without a byline
    ("de", "Der Stadtrat hat den Haushalt beschlossen. Die Opposition stimmte dagegen."),
    # agency copy whose credit was cut
    ("en", "Oil prices rose on Monday as supplies tightened. Brent gained two percent in London trading."),
    # an agency only quoted in the story
    ("de", "Die Bahn erhöht die Preise, berichtete Reuters am Montag. Fahrgastverbände sind empört."),
    ("en", "The airline cut 300 jobs, the company told Reuters on Monday. Unions were angry."),
    # an agency only in a photo credit
    ("de", "Die Feuerwehr löschte den Brand. Verletzt wurde niemand.\n\nFoto: © dpa - Picture-Alliance"),
    ("en", "Floods hit the valley. Residents stayed indoors.\n\nPhoto: AFP/Ann Smith"),
    # a satire tag imitating an agency credit
    ("de", "Der Kanzler erklärte das Wetter zur Chefsache. Ab Montag scheint die Sonne. (dpo)"),
    # a press-release distributor tag
    ("de", "Die Firma eröffnet ein Werk in Sachsen. Dort entstehen 200 Arbeitsplätze.\n\n(ots)"),
    # a subheading that looks like a byline
    ("de", "Vieles hat sich verändert. Manche Regeln gelten noch.\n\nVon Risiken und Nebenwirkungen\n\nÄrzte warnen."),
    # a source line under an uncredited caption is that picture's credit
    ("de", "Preise im Vergleich\nQuelle: AFP\nDie Verbraucherzentrale verglich die Preise in zwölf Märkten genau."),
    # an agency named in the lead ("laut dpa") is a source, not a credit
    ("de", "Laut dpa will die Regierung das Gesetz vor dem Sommer beschließen. Die Opposition ist dagegen."),
]


@pytest.mark.parametrize(("lang", "text"), UNCREDITED)
def test_agency_credit_still_fires_where_no_text_credit_is(
    lint_text: Callable[..., FileResult], lang: str, text: str
) -> None:
    result = lint_text(text, language=lang)
    assert result.facts["agency_credits"] == []
    assert "agency-credit" in [f.rule for f in result.findings]


def test_a_subheading_is_no_byline(lint_text: Callable[..., FileResult]) -> None:
    text = "Erster Absatz mit einem ganzen Satz.\n\nVon Risiken und Nebenwirkungen\n\nZweiter Absatz mit Satz."
    result = lint_text(text, language="de")
    assert result.facts["byline"] is None
    assert result.facts["authors"] == []


def test_a_byline_keeps_its_names_and_an_agency_in_it_is_a_credit(lint_text: Callable[..., FileResult]) -> None:
    result = lint_text("By Ann Smith and Brand Studio\n\nThe council met on Tuesday evening.", language="en")
    assert result.facts["authors"] == ["Ann Smith", "Brand Studio"]
    result = lint_text("Von Max Muster, dpa\n\nDie Stadt baut ein neues Bad.", language="de")
    assert result.facts["authors"] == ["Max Muster"]
    assert result.facts["agency_credits"] == ["dpa"]


# --- image credit holders ------------------------------------------------------------------------

IMAGE_CREDITS = [
    ("de", "Der Hafen bei Nacht.\n\n(Foto: imago/Max Muster)\n\nDie Stadt plant ein Terminal für Schiffe.", "imago"),
    (
        "de",
        "Kanzleramt am Abend Bild © bundesregierung.de\n\nDie Koalition hat sich auf den Haushalt geeinigt.",
        "bund",
    ),
    ("en", "Protesters outside Image copyright Ann Smith\n\nThe trial opened on Monday and will last weeks.", "Ann"),
    ("en", "Workers search the rubble. REUTERS/Ann Smith\n\nThe death toll rose to forty, officials said.", "REUTERS"),
    ("de", "APA/AFP/MAX MUSTER Der Minister\n\nDer Minister kündigte neue Hilfen an, die ab Juli gelten.", "APA/AFP"),
    ("en", "Volunteers load a truck.Ann Smith / ANN SMITH\n\nThe food bank served more families than ever.", "Ann"),
    ("en", "Crowds at the finish. Twitter/@annsmith\n\nThe race was stopped after the second lap, they said.", "@ann"),
    (
        "de",
        "Der Marktplatz\n\n© Stadt Musterhausen\n\nDer Marktplatz ist nach zwei Jahren Bauzeit wieder offen.",
        "Stadt",
    ),
    ("de", "Ein Polizeiwagen am Hafen Quelle: dpa/Max Muster\n\nDie Polizei sperrte das Gelände am Morgen ab.", "dpa/"),
]


@pytest.mark.parametrize(("lang", "text", "holder"), IMAGE_CREDITS)
def test_image_credit_shapes_are_found(lint_text: Callable[..., FileResult], lang: str, text: str, holder: str) -> None:
    result = lint_text(text, language=lang)
    assert any(holder in credit for credit in result.facts["image_credits"]), result.facts["image_credits"]
    assert "image-credit" not in [f.rule for f in result.findings]
    assert result.facts["agency_credits"] == []  # a photo credit is never the text's credit


@pytest.mark.parametrize(
    "credit", ["Foto: Hersteller", "Photo: Supplied", "Bild: PR", "Photo: public domain", "Foto: gemeinfrei"]
)
def test_accepted_holders_and_licence_statements(lint_text: Callable[..., FileResult], credit: str) -> None:
    result = lint_text(f"Ein Bild zum Text mit zwei Sätzen. Hier ist der zweite.\n\n{credit}", language="de")
    assert "image-credit" not in [f.rule for f in result.findings]


def test_facts_images_and_the_finding_points_at_the_image(lint_text: Callable[..., FileResult]) -> None:
    text = '# Brücke\n\nDie Brücke ist offen.\n\n![Die Brücke](bruecke.jpg)\n\n![Der Fluss](fluss.jpg "Foto: Max Muster")\n'
    result = lint_text(text, "a.md", language="de")
    assert result.facts["images"] == [
        {"line": 5, "column": 1, "src": "bruecke.jpg", "caption": "Die Brücke", "credit": None},
        {"line": 7, "column": 1, "src": "fluss.jpg", "caption": "Der Fluss", "credit": "Max Muster"},
    ]
    assert result.facts["image_credits"] == ["Max Muster"]
    [finding] = [f for f in result.findings if f.rule == "image-credit"]
    assert (finding.line, finding.column) == (5, 1)


# --- HTML: credits in markup, article images only -------------------------------------------------

PAGE = """<html><head>{head}</head><body><header><img src="/logo.png" alt="Logo"></header>
<article><h1>Der Hafen</h1>
{figure}
<p>Der Hafen wird ausgebaut. Die Arbeiten beginnen im Mai und dauern zwei Jahre.</p>
<p><img src="/stern.gif" alt="rating"> <img src="/px.gif" width="1" height="1">
<a href="/andere-geschichte"><img src="/teaser.jpg" alt="Eine andere Geschichte"></a></p>
<p>Die Stadt zahlt einen Teil. Der Bund gibt den Rest dazu, teilte das Ministerium mit.</p>
</article></body></html>
"""


def _page(figure: str, head: str = "") -> str:
    return PAGE.format(figure=figure, head=head)


@pytest.mark.parametrize(
    ("figure", "holder"),
    [
        (
            '<figure><img src="h.jpg" alt="Kräne"><figcaption><span itemprop="caption">Kräne am Kai.</span>'
            '<span itemprop="copyrightHolder">© Max Muster/\u200bAFP</span></figcaption></figure>',
            "Max Muster/AFP",
        ),
        (
            '<figure><img src="h.jpg" alt=""><figcaption>Kräne am Kai. <span class="bu-autor">'
            "Foto:&nbsp;Max&nbsp;Muster</span></figcaption></figure>",
            "Max Muster",
        ),
        (
            '<figure><img src="h.jpg" alt=""><figcaption><p class="caption">Kräne am Kai.</p>'
            '<p class="source">(Bild: Hersteller)</p></figcaption></figure>',
            "Hersteller",
        ),
        ('<figure><img src="h.jpg" alt="Kräne am Kai [File: Reuters]"></figure>', "Reuters"),
        ('<noscript><img src="h.jpg" alt="Kräne am Kai | KYODO"></noscript>', "KYODO"),
    ],
)
def test_html_credits_in_markup(lint_text: Callable[..., FileResult], figure: str, holder: str) -> None:
    result = lint_text(_page(figure), "page.html", language="de")
    images = result.facts["images"]
    assert [image["credit"] for image in images] == [holder]  # logo, stars, pixel and teaser are no article images
    assert "image-credit" not in [f.rule for f in result.findings]


def test_html_json_ld_image_object_credit(lint_text: Callable[..., FileResult]) -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Der Hafen", "image": '
        '{"@type": "ImageObject", "url": "https://example.org/h.jpg", "copyrightNotice": "Max Muster/dpa"}}</script>'
    )
    figure = '<figure><img src="h.jpg" alt="Kräne"><figcaption>Kräne am Kai.</figcaption></figure>'
    result = lint_text(_page(figure, head), "page.html", language="de")
    assert result.facts["image_credits"] == ["Max Muster/dpa"]  # the page's image credit serves its image


def test_html_uncredited_article_image_keeps_its_error_at_the_tag(lint_text: Callable[..., FileResult]) -> None:
    text = _page('<figure><img src="h.jpg" alt="Kräne"><figcaption>Kräne am Kai.</figcaption></figure>')
    result = lint_text(text, "page.html", language="de")
    [finding] = [f for f in result.findings if f.rule == "image-credit"]
    line = text.split("\n")[finding.line - 1]
    assert line[finding.column - 1 :].startswith('<img src="h.jpg"')


def test_report_with_images_validates_against_the_schema(tmp_path: Path) -> None:
    import jsonschema

    from tests.conftest import run_cli

    (tmp_path / "a.md").write_text("Die Brücke ist offen. (dpa)\n\n![Die Brücke](b.jpg)\n", encoding="utf-8")
    proc = run_cli("--format", "json", "--isolated", "a.md", cwd=tmp_path)
    report = json.loads(proc.stdout)
    schema = json.loads((ROOT / "lint" / "schemas" / "report-v1.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, schema)
    assert report["files"][0]["facts"]["images"][0]["src"] == "b.jpg"


# --- real copy ---------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED_DEV / "labels.yaml").is_file(), reason="needs ../shared/eval/dev (not in a clone)")
def test_no_agency_credit_error_on_credited_real_articles() -> None:
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    import accuracy

    result = accuracy.score_real(SHARED_DEV)
    assert result.false_credit_errors == []
    tp, fp, fn = result.counts["credit"]
    assert tp / (tp + fp) >= 0.97 and tp / (tp + fn) >= 0.95
    tp, fp, fn = result.counts["image"]
    assert tp / (tp + fp) >= 0.95 and tp / (tp + fn) >= 0.90
