"""One pass over HTML source: elements, text runs and images, each with its offsets into the source.

A regex tokenizer walks the markup once; a small stack (with the implied end tags that matter for
text: ``<p>`` closed by a block, ``<li>`` by ``<li>``) gives every text run and image the roles of
its ancestors as bit flags. No tree is built and nothing is decoded here; ``lint.formats.html``
decides what is article text. Broken markup never raises: an unmatched end tag is ignored, an
unclosed element ends at the end of the file, a ``<`` that starts no tag is text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import regex

from lint.lazyre import lazy

# Markup tokens. Raw-text elements (script, style, …) are matched with their content in one go, so
# a "<p>" inside a script is never a tag. Attribute values are matched whole, so a ">" inside
# quotes does not end the tag; possessive quantifiers keep a broken tag from backtracking. Outside quotes
# a tag never spans a "<": every failed attempt stops at the next one, so a file of "<a href=",
# "<![CDATA[" or "</x" repeated is tokenized in linear time (unbounded classes made it quadratic).
_TOKEN = lazy(
    r"""<(?:
      !--.*?(?:--!?>|\Z)
    | (?P<raw>script|style|textarea|title|noscript|template|xmp|iframe|noembed|noframes)(?=[\s/>])
      (?P<rattrs>(?:[^<>"']++|"[^"]*+"|'[^']*+')*+)>(?P<rbody>.*?)(?:</(?P=raw)\s*>|\Z)
    | /(?P<end>[A-Za-z][^\s/<>]*+)[^<>]*+>
    | (?P<start>[A-Za-z][^\s/<>]*+)(?P<attrs>(?:[^<>"']++|"[^"]*+"|'[^']*+')*+)>
    | [!?][^<>]*+>
    )""",
    regex.DOTALL | regex.IGNORECASE | regex.VERBOSE,
)


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


_ATTR = lazy(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_NONSPACE = lazy(r"\S")

VOID = _names("area base br col embed hr img input link meta param source track wbr keygen amp-img")
# Elements whose start or end separates blocks of text.
BLOCK = _names(
    "address article aside blockquote body caption center dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav "
    "ol p pre section summary table tbody td tfoot th thead tr ul"
)
_CLOSES_P = BLOCK - _names("body html td th tr tbody thead tfoot caption dd dt li")
_CLOSES_SAME = {
    "li": ("li",),
    "dd": ("dd", "dt"),
    "dt": ("dd", "dt"),
    "td": ("td", "th"),
    "th": ("td", "th"),
    "tr": ("tr",),
    "option": ("option",),
}
# Never article text, whatever the page: scripts, forms' controls, graphics, the document head.
_NEVER_TEXT = _names("nav button select option datalist svg math object canvas audio video dialog head map label")
# Page-level elements whose classes describe the page ("author-4326", "single-post"), not a role.
_STRUCTURAL = _names("html body main article section")
_NEVER = 1 << 30  # flag of an open never-text element

# Role flags carried by text runs and images (inherited from ancestors).
HEADING, LIST, QUOTE, CAPTION, CREDIT, BYLINE, KICKER, PARA, IN_ARTICLE, TIME, H1, EMBED = (1 << i for i in range(12))
HIDDEN_IN_STORY = CAPTION | CREDIT | BYLINE | KICKER | TIME  # not story text; kept in plain

_SOFT_EXCLUDE = lazy(
    r"(?<![a-z0-9])(?:nav|navbar|navigation|menu|breadcrumbs?|share|sharing|shares|social(?:-?media|-?bar)?|"
    r"related(?:[-_]?(?:articles?|content|stories|news|posts|links))?|recommend\w*|newsletter|subscribe|subscription|"
    r"cookies?|cookie-?banner|consent|gdpr|cmp|ad|ads|advert\w*|ad[-_]?(?:slot|unit|container|wrapper|box|banner|label)|"
    r"adslot|dfp|sponsored|promo|comments?|disqus|sidebar|outbrain|taboola|paywall|popup|modal|"
    r"(?<![\w-])(?:is-)?hidden(?![\w-])|d-none|sr-only|visually-?hidden|screen-?reader-?text|off-?screen|"
    r"most-?(?:read|popular|viewed)|trending|more-?(?:stories|articles|news)|read-?more|tag-?list|tags|"
    r"skip-?link|teaser-?list|login|signup|paywall)(?![a-z0-9])",
    regex.IGNORECASE,
)
_EMBED = lazy(
    r"(?<![a-z0-9])(?:twitter-tweet|instagram-media|tiktok-embed|fb-post|bluesky-embed|"
    r"embed|social-embed|oembed)(?![a-z0-9])",
    regex.IGNORECASE,
)
_SOFT_ROLES = _names("navigation banner complementary contentinfo search dialog alertdialog menu menubar toolbar")
_CREDIT_CLASS = lazy(
    r"credit|copyright|photographer|fotograf|bildnachweis|bildquelle|rights|attribution|"
    r"(?:image|img|photo|media|picture)[-_]?source",
    regex.IGNORECASE,
)
_CAPTION_CLASS = lazy(r"caption|bildunterschrift|bildtext|legend", regex.IGNORECASE)
_BYLINE_CLASS = lazy(
    r"(?<![a-z0-9])(?:byline|by-line|authors?|author-?name|autor|autoren|autorin|"
    r"writer|contributor)(?![a-z0-9])",
    regex.IGNORECASE,
)
_BYLINE_PART = lazy(r"byline|author", regex.IGNORECASE)
_KICKER_CLASS = lazy(r"kicker|dachzeile|overline|topline|roofline|eyebrow|supertitle|spitzmarke", regex.IGNORECASE)
_CONTAINER_CLASS = lazy(
    r"(?<![a-z0-9])(?:figure|image|img|photo|picture|media|gallery-?item|slide|"
    r"wp-caption|bild|foto)(?![a-z0-9])",
    regex.IGNORECASE,
)
_ARTICLE_BODY = lazy(
    r"article[-_]?body|articlebody|story[-_]?body|article[-_]?content|story[-_]?content|entry[-_]?content|"
    r"post[-_]?content|article[-_]?text|story[-_]?text|body[-_]?text|text[-_]?body|rich-?text|content[-_]?body|"
    r"article__body|field-name-body|artikel",
    regex.IGNORECASE,
)


@dataclass(slots=True)
class Element:
    name: str
    start: int
    end: int  # offset after the end tag (or where the element was implicitly closed)
    parent: int
    attrs: dict[str, str]
    soft: tuple[int, ...] = ()  # soft-excluded ancestors-or-self (nav-like classes, forms, asides)


@dataclass(slots=True)
class Run:
    """A text run between tags that holds non-space characters."""

    start: int
    end: int
    flags: int
    element: int  # innermost element
    container: int  # innermost image container (figure, image wrapper) or -1
    special: int  # innermost caption/credit/byline/kicker/h1/time element or -1
    paragraph: int  # the enclosing <p> or -1
    epoch: int  # runs with the same epoch belong to one block
    break_before: bool  # a <br> separates it from the previous run
    soft: tuple[int, ...]


@dataclass(slots=True)
class ImageTag:
    start: int
    end: int
    attrs: dict[str, str]
    attr_spans: dict[str, tuple[int, int]]
    flags: int
    element: int
    container: int
    special: int
    soft: tuple[int, ...]


@dataclass
class Scan:
    elements: list[Element] = field(default_factory=list)
    runs: list[Run] = field(default_factory=list)
    images: list[ImageTag] = field(default_factory=list)
    metas: list[tuple[dict[str, str], dict[str, tuple[int, int]]]] = field(default_factory=list)
    title: tuple[int, int] | None = None  # the <title> element's content
    json_ld: list[tuple[int, int]] = field(default_factory=list)
    html_attrs: dict[str, str] = field(default_factory=dict)


Attrs = tuple[dict[str, str], dict[str, tuple[int, int]]]


def parse_attrs(text: str, start: int, end: int, spans: bool = False) -> Attrs:
    """Attribute names (lower-case, first one wins) and raw values; with ``spans`` also the value offsets."""
    attrs: dict[str, str] = {}
    where: dict[str, tuple[int, int]] = {}
    for match in _ATTR.finditer(text, start, end):
        name = match.group(1).lower()
        if name in attrs:
            continue
        for group in (2, 3, 4):
            if match.group(group) is not None:
                attrs[name] = match.group(group)
                if spans:
                    where[name] = match.span(group)
                break
        else:
            attrs[name] = ""
    return attrs, where


def _class_of(attrs: dict[str, str]) -> str:
    return f"{attrs.get('class', '')} {attrs.get('id', '')}".strip() if attrs else ""


@dataclass(slots=True)
class _Open:
    name: str
    index: int
    flags: int
    container: int
    special: int
    paragraph: int
    soft: tuple[int, ...]


def scan(text: str) -> Scan:
    """Tokenize ``text`` once and record what the reader needs, with source offsets."""
    out = Scan()
    elements = out.elements
    stack: list[_Open] = [_Open("#document", -1, 0, -1, -1, -1, ())]
    epoch = 0  # bumped at every block boundary: runs of one epoch form one block
    breaks = 0  # <br>s since the last text
    never = 0  # open never-text elements (svg, button, …)
    pos = 0

    def close_to(i: int, at: int) -> None:
        nonlocal never, epoch
        for entry in stack[i:]:
            elements[entry.index].end = at
            if entry.flags & _NEVER:
                never -= 1
            if entry.name in BLOCK or entry.special != stack[i - 1].special:
                epoch += 1
        del stack[i:]

    def text_run(start: int, end: int) -> None:
        nonlocal breaks
        if never or _NONSPACE.search(text, start, end) is None:
            return
        top = stack[-1]
        out.runs.append(
            Run(
                start, end, top.flags, top.index, top.container, top.special, top.paragraph, epoch, breaks > 0, top.soft
            )
        )
        breaks = 0

    for match in _TOKEN.finditer(text):
        if match.start() > pos:
            text_run(pos, match.start())
        pos = match.end()
        raw = match.group("raw")
        if raw is not None:
            name = raw.lower()
            if name == "title" and out.title is None and not never:
                out.title = match.span("rbody")
            elif name == "script":
                attrs, _ = parse_attrs(text, *match.span("rattrs"))
                if "ld+json" in attrs.get("type", "").lower():
                    out.json_ld.append(match.span("rbody"))
            continue
        name = match.group("start")
        if name is not None:
            name = name.lower()
            a_start, a_end = match.span("attrs")
            if name in VOID:
                if name in ("img", "amp-img"):
                    attrs, spans = parse_attrs(text, a_start, a_end, spans=True)
                    if not never:
                        top = stack[-1]
                        out.images.append(
                            ImageTag(
                                match.start(),
                                match.end(),
                                attrs,
                                spans,
                                top.flags,
                                top.index,
                                top.container,
                                top.special,
                                top.soft,
                            )
                        )
                elif name == "meta":
                    out.metas.append(parse_attrs(text, a_start, a_end, spans=True))
                elif name == "br":
                    if breaks:
                        epoch += 1  # <br><br> separates paragraphs in old CMS exports
                    breaks += 1
                elif name == "hr":
                    epoch += 1
                continue
            _implied_end(stack, name, close_to, match.start())
            attrs = parse_attrs(text, a_start, a_end)[0] if a_end > a_start else {}
            parent = stack[-1]
            index = len(elements)
            entry = _classify(name, attrs, parent, index)
            elements.append(Element(name, match.start(), len(text), parent.index, attrs, entry.soft))
            if name == "html" and not out.html_attrs:
                out.html_attrs = attrs
            if name in BLOCK or entry.special != parent.special:
                epoch += 1
            if a_end > a_start and text[a_end - 1] == "/":  # <div/>: honoured (XHTML exports, inline SVG)
                elements[index].end = match.end()
                continue
            if name in _NEVER_TEXT:
                never += 1
                entry.flags |= _NEVER
            stack.append(entry)
            continue
        name = match.group("end")
        if name is not None:
            name = name.lower()
            for i in range(len(stack) - 1, 0, -1):
                if stack[i].name == name:
                    close_to(i, match.end())
                    break
            else:
                if name == "br":  # </br> is read as <br> by browsers
                    breaks += 1
                elif name in BLOCK:
                    epoch += 1
        # comments, doctype, processing instructions: nothing to record
    if pos < len(text):
        text_run(pos, len(text))
    if len(stack) > 1:
        close_to(1, len(text))
    return out


_SCOPE_ENDS = _names("ul ol dl table tbody thead tfoot tr select menu")


def _implied_end(stack: list[_Open], name: str, close_to: Callable[[int, int], None], at: int) -> None:
    """A block start closes an open <p>; <li> closes the previous <li>, <td> the previous cell, and so on."""
    if name in _CLOSES_P:
        for i in range(len(stack) - 1, 0, -1):
            if stack[i].name == "p":
                close_to(i, at)
                return
            if stack[i].name in BLOCK:
                break
    targets = _CLOSES_SAME.get(name)
    if targets:
        for i in range(len(stack) - 1, 0, -1):
            current = stack[i].name
            if current in targets:
                close_to(i, at)
                return
            if current in _SCOPE_ENDS:
                return


def _classify(name: str, attrs: dict[str, str], parent: _Open, index: int) -> _Open:
    """The open-element record: inherited roles plus this element's own."""
    flags = parent.flags & ~_NEVER
    container, special, paragraph, soft = parent.container, parent.special, parent.paragraph, parent.soft
    classes = _class_of(attrs)
    itemprop = attrs.get("itemprop", "").lower() if attrs else ""
    if name == "p":
        flags |= PARA
        paragraph = index
    elif name in ("h1", "h2", "h3", "h4", "h5", "h6"):
        flags |= HEADING
        if name == "h1":
            flags |= H1
            special = index
    elif name in ("li", "dd", "dt"):
        flags |= LIST
    elif name == "blockquote":
        flags |= QUOTE
    elif name == "figcaption":
        flags |= CAPTION
        special = index
    elif name == "time":
        flags |= TIME
        special = index
    if name == "article" or itemprop == "articlebody" or "Article" in attrs.get("itemtype", ""):
        flags |= IN_ARTICLE
    if name == "figure":
        container = index
    if (classes or itemprop or attrs.get("rel")) and name not in _STRUCTURAL:
        if _CREDIT_CLASS.search(classes) or itemprop in ("copyrightholder", "creditText".lower()):
            flags |= CREDIT
            special = index
        elif name != "figcaption" and (_CAPTION_CLASS.search(classes) or itemprop == "caption"):
            flags |= CAPTION
            special = index
        elif (
            _BYLINE_CLASS.search(classes)
            or itemprop == "author"
            or "author" in attrs.get("rel", "").lower()
            or (flags & BYLINE == 0 and _BYLINE_PART.search(classes) and name in ("div", "span", "p", "a"))
        ):
            if container >= 0 or flags & CAPTION:
                flags |= CREDIT  # an "author" inside a figure is the photographer
            else:
                flags |= BYLINE
            special = index
        elif _KICKER_CLASS.search(classes):
            flags |= KICKER
            special = index
        elif name not in ("figure", "figcaption") and _CONTAINER_CLASS.search(classes) and not flags & CAPTION:
            container = index
        if _EMBED.search(classes):
            flags |= EMBED
    if _soft_excluded(name, attrs, classes, flags):
        soft = (*soft, index)
    return _Open(name, index, flags, container, special, paragraph, soft)


def _soft_excluded(name: str, attrs: dict[str, str], classes: str, flags: int) -> bool:
    """Page furniture: decided softly, since a wrapper of the whole page may carry such a class."""
    if name in ("html", "body", "main", "article"):
        return False
    if name in ("aside", "form") or (name in ("header", "footer") and not flags & IN_ARTICLE):
        return True
    if flags & EMBED:
        return True
    if not attrs:
        return False
    if attrs.get("role", "").lower() in _SOFT_ROLES or "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    style = attrs.get("style")
    if style and regex.search(r"display\s*:\s*none|visibility\s*:\s*hidden", style, regex.IGNORECASE):
        return True
    return bool(classes) and _SOFT_EXCLUDE.search(classes) is not None and not _ARTICLE_BODY.search(classes)


def is_article_candidate(element: Element) -> bool:
    """Elements that announce the article body: <article>, <main>, itemprop=articleBody, body-ish classes."""
    if element.name in ("article", "main"):
        return True
    attrs = element.attrs
    if not attrs:
        return False
    if attrs.get("itemprop", "").lower() == "articlebody" or attrs.get("role", "").lower() == "main":
        return True
    return _ARTICLE_BODY.search(_class_of(attrs)) is not None
