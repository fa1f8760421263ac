"""HTML roles: what an element's name, class and attributes say it is (caption, credit, byline, story paragraph …), as flags inherited down the tree."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from lint.pack.lazyre import lazy


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Page-level elements whose classes describe the page ("author-4326", "single-post"), not a role.
_STRUCTURAL = _names("html body main article section")


_NEVER = 1 << 30  # flag of an open never-text element


# Role flags carried by text runs and images (inherited from ancestors).
HEADING, LIST, QUOTE, CAPTION, CREDIT, BYLINE, KICKER, PARA, IN_ARTICLE, TIME, H1, EMBED = (1 << i for i in range(12))


HIDDEN_IN_STORY = CAPTION | CREDIT | BYLINE | KICKER | TIME  # not story text; kept in plain


# "non-paywall", "no-ads", "no_caption", "without-credit": a negated role word names what the element is
# not, so it carries no role (one look-behind for every role class below).
_NOT_NEGATED = r"(?<!(?:non|no|not|without)[-_])"

_SOFT_EXCLUDE = lazy(
    r"(?<![a-z0-9])"
    + _NOT_NEGATED
    + r"(?:nav|navbar|navigation|menu|breadcrumbs?|share|sharing|shares|social(?:-?media|-?bar)?|"
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
    _NOT_NEGATED + r"(?:credit|copyright|photographer|fotograf|bildnachweis|bildquelle|rights|attribution|"
    r"(?:image|img|photo|media|picture)[-_]?source)",
    regex.IGNORECASE,
)


_SOURCE_WORD = lazy(r"(?<![a-z0-9])(?:source|quelle|via)(?![a-z0-9])", regex.IGNORECASE)


_CAPTION_CLASS = lazy(_NOT_NEGATED + r"(?:caption|bildunterschrift|bildtext|legend)", regex.IGNORECASE)


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
        if (
            _CREDIT_CLASS.search(classes)
            or itemprop in ("copyrightholder", "credittext", "copyrightnotice")
            or ((container >= 0 or flags & CAPTION) and _SOURCE_WORD.search(classes))  # a caption's "source"
        ):
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
