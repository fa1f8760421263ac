"""Article fields from an HTML page's head: meta tags, ``<html lang>``, ``<title>`` and JSON-LD.

The result uses the pack's front-matter field names (title, author, date, section, lang, type, image,
image_credit); the raw meta tags and the JSON-LD article stay available as ``meta`` and ``jsonld``, so a
``front-matter-keys`` mapping such as ``author: meta.parsely-author`` reaches any of them.
"""

from __future__ import annotations

import html
import json
from typing import Any

from lint.document.html_scan import Scan

ARTICLE_TYPES = {
    "NewsArticle": "news",
    "ReportageNewsArticle": "news",
    "Article": None,
    "BlogPosting": None,
    "LiveBlogPosting": "news",
    "OpinionNewsArticle": "opinion",
    "AnalysisNewsArticle": "analysis",
    "BackgroundNewsArticle": "analysis",
    "ReviewNewsArticle": "opinion",
    "AskPublicNewsArticle": "news",
    "AdvertiserContentArticle": "advertorial",
    "SatiricalArticle": None,
    "Report": None,
}
_AUTHOR_META = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl", "twitter:creator")
_DATE_META = (
    "article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date",
    "dc.date.issued",
    "parsely-pub-date",
    "sailthru.date",
    "og:article:published_time",
)
_SECTION_META = ("article:section", "section", "parsely-section", "og:article:section")
_TITLE_META = ("og:title", "twitter:title", "dc.title")


def meta_map(scan: Scan) -> dict[str, str]:
    """name/property/itemprop/http-equiv (lower-case) → decoded content; the first tag of a name wins."""
    found: dict[str, str] = {}
    for attrs, _ in scan.metas:
        content = attrs.get("content")
        if content is None:
            continue
        for key in ("name", "property", "itemprop", "http-equiv"):
            name = attrs.get(key)
            if name:
                found.setdefault(name.strip().lower(), " ".join(html.unescape(content).split()))
    return found


def meta_span(scan: Scan, names: tuple[str, ...]) -> tuple[int, int] | None:
    """The source offsets of the ``content`` value of the first meta tag with one of ``names``."""
    for attrs, spans in scan.metas:
        for key in ("name", "property", "itemprop"):
            if attrs.get(key, "").strip().lower() in names and "content" in spans:
                return spans["content"]
    return None


def json_ld_article(text: str, scan: Scan) -> dict[str, Any] | None:
    """The first schema.org article object in the page's JSON-LD; malformed blocks are skipped."""
    for start, end in scan.json_ld:
        try:
            data = json.loads(text[start:end], strict=False)
        except (ValueError, RecursionError):
            continue  # real pages ship broken JSON-LD; the rest of the page still counts
        found = _find_article(data, 0)
        if found is not None:
            return found
    return None


def _find_article(data: Any, depth: int) -> dict[str, Any] | None:
    if depth > 4:
        return None
    if isinstance(data, list):
        for item in data:
            found = _find_article(item, depth + 1)
            if found is not None:
                return found
        return None
    if not isinstance(data, dict):
        return None
    kinds = data.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if any(isinstance(kind, str) and kind in ARTICLE_TYPES for kind in kinds):
        return data
    for key in ("@graph", "mainEntity", "mainEntityOfPage"):
        if key in data:
            found = _find_article(data[key], depth + 1)
            if found is not None:
                return found
    return None


def _names(value: Any, person_only: bool = False) -> list[str]:
    """Author names from a JSON-LD author: a string, a Person/Organization, or a list of them."""
    if isinstance(value, str):
        return [value.strip()] if value.strip() and not value.startswith(("http:", "https:")) else []
    if isinstance(value, dict):
        if value.get("@type") == "Organization" and person_only:
            return []  # "BBC News", "dpa" as the author are publishers or agencies, not a byline
        return _names(value.get("name"))
    if isinstance(value, list):
        return [name for item in value for name in _names(item, person_only)]
    return []


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _image_credit(image: Any) -> str | None:
    image = _first(image)
    if not isinstance(image, dict):
        return None
    for key in ("creditText", "copyrightHolder", "copyrightNotice", "creator", "author"):
        names = _names(image.get(key))
        if names:
            return ", ".join(names)
    return None


def _text(value: Any) -> str | None:
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("url") or value.get("@id") or value.get("name")
    if isinstance(value, (str, int, float)) and str(value).strip():
        return " ".join(html.unescape(str(value)).split())
    return None


def head_fields(text: str, scan: Scan) -> dict[str, Any]:
    """Front-matter fields from the head and JSON-LD (visible markup is read by the caller)."""
    meta = meta_map(scan)
    article = json_ld_article(text, scan) or {}
    fields: dict[str, Any] = {"meta": meta, "jsonld": article}
    authors = _names(article.get("author"), person_only=True)
    if not authors:
        for name in _AUTHOR_META:
            value = meta.get(name, "")
            if value and not value.startswith(("http:", "https:", "@")):
                authors = [value]
                break
    if authors:
        fields["author"] = authors
    fields["date"] = _text(article.get("datePublished")) or _pick(meta, _DATE_META)
    fields["date_modified"] = _text(article.get("dateModified")) or meta.get("article:modified_time")
    fields["section"] = _text(article.get("articleSection")) or _pick(meta, _SECTION_META)
    lang = (
        scan.html_attrs.get("lang")
        or scan.html_attrs.get("xml:lang")
        or meta.get("content-language")
        or _text(article.get("inLanguage"))
        or meta.get("language")
        or meta.get("og:locale")
    )
    if lang:
        fields["lang"] = lang.strip().replace("_", "-")
    fields["image"] = _text(article.get("image")) or meta.get("og:image")
    fields["image_credit"] = _image_credit(article.get("image"))
    kinds = article.get("@type")
    for kind in kinds if isinstance(kinds, list) else [kinds]:
        if isinstance(kind, str) and ARTICLE_TYPES.get(kind):
            fields["type"] = ARTICLE_TYPES[kind]
            break
    fields["headline"] = _pick(meta, _TITLE_META) or _text(article.get("headline"))
    return {key: value for key, value in fields.items() if value not in (None, "", [])}


def _pick(meta: dict[str, str], names: tuple[str, ...]) -> str | None:
    for name in names:
        if meta.get(name):
            return meta[name]
    return None
