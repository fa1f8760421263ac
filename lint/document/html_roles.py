"""HTML roles: what an element's name, class and attributes say it is (caption, credit, byline, story paragraph …), as flags inherited down the tree."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from lint.document.html_words import HtmlWords


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Page-level elements whose classes describe the page ("author-4326", "single-post"), not a role.
_STRUCTURAL = _names("html body main article section")


_NEVER = 1 << 30  # flag of an open never-text element


# Role flags carried by text runs and images (inherited from ancestors).
HEADING, LIST, QUOTE, CAPTION, CREDIT, BYLINE, KICKER, PARA, IN_ARTICLE, TIME, H1, EMBED = (1 << i for i in range(12))


HIDDEN_IN_STORY = CAPTION | CREDIT | BYLINE | KICKER | TIME  # not story text; kept in plain


# The class words of each role are data (rules/vocabularies/html_*.yaml), compiled by html_words.HtmlWords;
# a negated role word ("no-caption", "without-credit") carries no role.

_SOFT_ROLES = _names("navigation banner complementary contentinfo search dialog alertdialog menu menubar toolbar")


@dataclass(slots=True)
class Element:
    name: str
    start: int
    end: int  # offset after the end tag (or where the element was implicitly closed)
    parent: int
    attrs: dict[str, str]
    soft: tuple[int, ...] = ()  # soft-excluded ancestors-or-self (nav-like classes, forms, asides)


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


def _classify(name: str, attrs: dict[str, str], parent: _Open, index: int, words: HtmlWords) -> _Open:
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
        if (
            words.credit_class.search(classes)
            or itemprop in ("copyrightholder", "credittext", "copyrightnotice")
            or ((container >= 0 or flags & CAPTION) and words.source_word.search(classes))  # a caption's "source"
        ):
            flags |= CREDIT
            special = index
        elif name != "figcaption" and (words.caption_class.search(classes) or itemprop == "caption"):
            flags |= CAPTION
            special = index
        elif (
            words.byline_class.search(classes)
            or itemprop == "author"
            or "author" in attrs.get("rel", "").lower()
            or (flags & BYLINE == 0 and words.byline_part.search(classes) and name in ("div", "span", "p", "a"))
        ):
            if container >= 0 or flags & CAPTION:
                flags |= CREDIT  # an "author" inside a figure is the photographer
            else:
                flags |= BYLINE
            special = index
        elif words.kicker_class.search(classes):
            flags |= KICKER
            special = index
        elif name not in ("figure", "figcaption") and words.container_class.search(classes) and not flags & CAPTION:
            container = index
        if words.embed.search(classes):
            flags |= EMBED
    if _soft_excluded(name, attrs, classes, flags, words):
        soft = (*soft, index)
    return _Open(name, index, flags, container, special, paragraph, soft)


def _soft_excluded(name: str, attrs: dict[str, str], classes: str, flags: int, words: HtmlWords) -> bool:
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
    return bool(classes) and words.furniture.search(classes) is not None and not words.article_body.search(classes)


def is_article_candidate(element: Element, words: HtmlWords) -> bool:
    """Elements that announce the article body: <article>, <main>, itemprop=articleBody, body-ish classes."""
    if element.name in ("article", "main"):
        return True
    attrs = element.attrs
    if not attrs:
        return False
    if attrs.get("itemprop", "").lower() == "articlebody" or attrs.get("role", "").lower() == "main":
        return True
    return words.article_body.search(_class_of(attrs)) is not None
