"""One pass over HTML source: elements, text runs and images, each with its offsets into the source.

A regex tokenizer walks the markup once; a small stack (with the implied end tags that matter for
text: ``<p>`` closed by a block, ``<li>`` by ``<li>``) gives every text run and image the roles of
its ancestors as bit flags. No tree is built and nothing is decoded here; ``lint.document.html``
decides what is article text. Broken markup never raises: an unmatched end tag is ignored, an
unclosed element ends at the end of the file, a ``<`` that starts no tag is text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import regex

from lint.document.html_roles import _NEVER, Element, _classify, _names, _Open
from lint.document.html_words import HtmlWords
from lint.pack.lazyre import lazy

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


_NOSCRIPT_IMAGE = lazy(r"""<img\b((?:[^>"']++|"[^"]*+"|'[^']*+')*+)>""", regex.IGNORECASE)


def _context(top: _Open) -> tuple[int, int, int, int, tuple[int, ...]]:
    """Where an image stands: the flags, element, container, special element and soft ancestors around it."""
    return top.flags, top.index, top.container, top.special, top.soft


def scan(text: str, words: HtmlWords) -> Scan:
    """Tokenize ``text`` once and record what the reader needs, with source offsets (``words``: the class words of each role)."""
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
            elif name == "noscript" and not never:
                # The picture of a lazy-loading page often stands only here (<noscript><img src=…>).
                top = stack[-1]
                for img in _NOSCRIPT_IMAGE.finditer(text, *match.span("rbody")):
                    attrs, spans = parse_attrs(text, img.start(1), img.end(1), spans=True)
                    out.images.append(ImageTag(img.start(), img.end(), attrs, spans, *_context(top)))
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
            entry = _classify(name, attrs, parent, index, words)
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
