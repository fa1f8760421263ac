"""HTML article images and the credit that serves each (issue 13, second round): credits in elements next to
the image rather than inside its caption, gallery copies, negated role classes, furniture by its wrapper.
Every page here is written for the test."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from lint.checks.finding import FileResult

PAGE = """<html><head><title>Harbour works</title></head><body>
{before}
<article class="story"><h1>The harbour grows</h1>
<div class="story-body">
{body}
<p>The harbour is being extended. Work starts in May and lasts two years, the port authority said.</p>
<p>The city pays one part. The state pays the rest, a ministry spokeswoman said on Monday.</p>
</div></article>
{after}
</body></html>
"""


def _page(body: str = "", before: str = "", after: str = "") -> str:
    return PAGE.format(body=body, before=before, after=after)


def _credits(result: FileResult) -> list[str | None]:
    return [image["credit"] for image in result.facts["images"]]


def _errors(result: FileResult) -> list[str]:
    return [f.rule for f in result.findings if f.rule == "image-credit"]


# A caption element standing right after the image's figure (a sibling, not inside it).
SIBLING_CAPTIONS = [
    (
        '<div class="hero"><figure><img src="/img/cranes-1200.jpg" alt="Cranes"></figure></div>'
        '<figcaption class="hero-text"><span>Cranes at the quay.</span><span>Jane Roe / Reuters</span></figcaption>',
        "Jane Roe / Reuters",
    ),
    (
        '<ul class="slides"><li><figure class="pic"><img src="/p/quay.jpg" alt=""></figure>'
        '<figcaption>Kräne am Kai. <span class="bu-autor">Foto:&nbsp;Max&nbsp;Muster</span></figcaption></li></ul>',
        "Max Muster",
    ),
    (
        '<figure><img src="/p/dock.webp" alt="A dock"></figure>\n  <p class="caption">The old dock. Photo: Ann Smith</p>',
        "Ann Smith",
    ),
]


@pytest.mark.parametrize(("body", "holder"), SIBLING_CAPTIONS)
def test_caption_element_right_after_the_figure_credits_it(
    lint_text: Callable[..., FileResult], body: str, holder: str
) -> None:
    result = lint_text(_page(body), "page.html")
    assert _credits(result) == [holder]
    assert _errors(result) == []


def test_hero_caption_above_the_article_region_credits_the_lead_image(lint_text: Callable[..., FileResult]) -> None:
    before = (
        '<section class="top"><h1>The harbour grows</h1><div><figure><img src="/img/hero.jpg" alt="Quay"></figure>'
        '</div><figcaption class="c1"><span>The quay at dawn.</span><span>Ann Smith / AP file</span></figcaption></section>'
    )
    page = _page(before=before).replace(
        '<h1>The harbour grows</h1>\n<div class="story-body">', '<div class="story-body">'
    )
    result = lint_text(page, "page.html")
    assert "Ann Smith / AP file" in _credits(result)


def test_a_following_figure_caption_is_not_borrowed(lint_text: Callable[..., FileResult]) -> None:
    body = (
        '<figure><img src="/p/a.jpg" alt="First"></figure>'
        '<figure><img src="/p/b.jpg" alt="Second"><figcaption>Second picture. Photo: Ann Smith</figcaption></figure>'
    )
    result = lint_text(_page(body), "page.html")
    assert _credits(result) == [None, "Ann Smith"]  # the first picture shows no credit: it keeps its error
    assert len(_errors(result)) == 1


# Another copy of the same picture inside a figure with a credited caption (a gallery set aside as furniture).
def test_gallery_copy_with_caption_credits_the_kept_copy(lint_text: Callable[..., FileResult]) -> None:
    body = '<div class="lead-pic"><img src="https://cdn.example.org/img/boats-7.jpg?width=960" alt="Boats"></div>'
    after = (
        '<div class="gallery-modal" hidden><figure><img src="https://cdn.example.org/img/boats-7.jpg?width=480" alt="Boats">'
        "<figcaption>Boats in the bay. Jane Roe via Getty Images</figcaption></figure></div>"
    )
    result = lint_text(_page(body, after=after), "page.html")
    assert _credits(result) == ["Jane Roe via Getty Images"]
    assert _errors(result) == []


def test_gallery_copy_without_credit_leaves_the_error(lint_text: Callable[..., FileResult]) -> None:
    body = '<div class="lead-pic"><img src="/img/boats-8.jpg?w=960" alt="Boats"></div>'
    after = (
        '<div class="gallery-modal" hidden><figure><img src="/img/boats-8.jpg?w=480" alt="Boats">'
        "<figcaption>Boats in the bay at noon.</figcaption></figure></div>"
    )
    assert _errors(lint_text(_page(body, after=after), "page.html")) == ["image-credit"]


# A "source" element inside a caption or image container; a negated role class carries no role.
@pytest.mark.parametrize(
    "body",
    [
        '<div class="item no_caption"><div class="pic-image"><img src="/p/c.jpg" alt=""></div>'
        '<p class="pic-caption"><span class="pic-source">Harbour Police</span></p></div>',
        '<div class="cell"><div class="cell_image_wrapper"><img src="/p/d.jpg" alt=""></div></div>'
        '<div class="cell_caption"><p class="cell_source_via">Instagram</p></div>',
        '<div class="photo"><img src="/p/e.jpg" alt=""><div class="photo-quelle">Stadtarchiv</div></div>',
    ],
)
def test_source_element_in_a_caption_or_image_container_is_the_credit(
    lint_text: Callable[..., FileResult], body: str
) -> None:
    result = lint_text(_page(body), "page.html")
    assert _credits(result) and None not in _credits(result), result.facts["images"]


@pytest.mark.parametrize("negated", ["non-paywall", "no-ads", "not_hidden"])
def test_negated_furniture_class_is_content(lint_text: Callable[..., FileResult], negated: str) -> None:
    body = f'<div class="{negated}"><figure><img src="/p/f.jpg" alt=""><figcaption>Kai. Foto: Max Muster</figcaption></figure></div>'
    assert _credits(lint_text(_page(body), "page.html")) == ["Max Muster"]


# Furniture told by the wrapper's class when the <img> itself is bare.
@pytest.mark.parametrize("wrapper", ["byline__author-img", "share-box", "site-logo"])
def test_image_in_a_furniture_wrapper_is_no_article_image(lint_text: Callable[..., FileResult], wrapper: str) -> None:
    body = f'<div class="{wrapper}"><img src="/p/g.jpg" alt="Ann Smith"></div>'
    result = lint_text(_page(body), "page.html")
    assert result.facts["images"] == []
    assert _errors(result) == []


# A field label ("Photo by:") whose value stands in the next element.
@pytest.mark.parametrize(
    ("label", "holder"),
    [("Photo by:", "The Associated Press"), ("Foto:", "Max Muster"), ("Credit:", "Harbour Board")],
)
def test_credit_label_and_value_in_separate_elements(
    lint_text: Callable[..., FileResult], label: str, holder: str
) -> None:
    body = (
        f'<div class="content"><img src="/p/h.jpg" width="960" height="540" alt="">'
        f'<div class="field"><h3 class="field-label">{label}&nbsp;</h3>'
        f'<div class="field-items"><div class="field-item">{holder}</div></div></div></div>'
    )
    result = lint_text(_page(body), "page.html")
    assert _credits(result) == [holder]


# A credit line away from the images ("Foto: <a>Name</a> / Agentur" closing the story) serves the page's one
# uncredited image; the holder may be a link to the photographer's page.
@pytest.mark.parametrize(
    ("line", "holder"),
    [
        ('Foto: <a href="https://pics.example.org/u/kai-7">Kai Sommer</a> / Bilderdienst (Symbolbild)', "Kai Sommer"),
        ('Photo: <a href="/people/ann-smith">Ann Smith</a>', "Ann Smith"),
        ("Bild: Max Muster", "Max Muster"),
    ],
)
def test_one_loose_credit_line_serves_the_one_uncredited_image(
    lint_text: Callable[..., FileResult], line: str, holder: str
) -> None:
    before = '<div class="featured-image"><img src="/up/quay-800x445.jpg" width="800" height="445" alt=""></div>'
    body = "<p>Die Arbeiten am Kai beginnen im Mai, teilte die Hafenverwaltung am Montag mit.</p>"
    page = _page(body=body, after="").replace("</div></article>", f"<p>xy/abc<br>{line}</p></div></article>")
    page = page.replace('<article class="story">', f'<article class="story">{before}')
    result = lint_text(page, "page.html")
    credits = _credits(result)
    assert len(credits) == 1 and credits[0] is not None and holder in credits[0], result.facts["images"]
    assert _errors(result) == []


def test_a_gallery_link_in_a_credit_line_is_still_no_credit(lint_text: Callable[..., FileResult]) -> None:
    body = (
        '<figure><img src="/p/k.jpg" alt=""></figure><p>(Graphic: the new quay in numbers - <a href="/g">here</a>)</p>'
    )
    assert _errors(lint_text(_page(body), "page.html")) == ["image-credit"]


def test_a_label_before_a_story_paragraph_is_no_credit(lint_text: Callable[..., FileResult]) -> None:
    body = (
        '<div class="content"><img src="/p/m.jpg" width="960" height="540" alt=""><h3>Foto:</h3>'
        "<p>Die Arbeiten am Kai beginnen im Mai und dauern nach Angaben der Verwaltung zwei Jahre lang, "
        "wie ein Sprecher am Montag in der Stadt mitteilte.</p></div>"
    )
    assert _errors(lint_text(_page(body), "page.html")) == ["image-credit"]


def test_a_sibling_caption_block_stops_at_the_next_image(lint_text: Callable[..., FileResult]) -> None:
    body = (
        '<div class="row"><div class="cell"><div class="cell_image_wrapper"><img src="/p/n1.jpg" alt=""></div></div>'
        '<div class="cell_caption"><p class="cell_source">Instagram</p></div>'
        '<div class="cell"><div class="cell_image_wrapper"><img src="/p/n2.jpg" alt=""></div></div>'
        '<div class="cell_caption"><p class="cell_source">Stadtarchiv</p></div></div>'
    )
    assert _credits(lint_text(_page(body), "page.html")) == ["Instagram", "Stadtarchiv"]
