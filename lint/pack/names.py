"""Names the rule schema fixes: severities and scopes (shared by rule validation, checks and reports)."""

from __future__ import annotations

import re

SEVERITIES = ("info", "warning", "error")
SCOPES = (
    "document",
    "body",
    "title",
    "kicker",
    "headings",
    "lead",
    "opening",
    "tail",
    "captions",
    "images",
    "image-text",
    "quotes",
    "front-matter",
)
IMAGE_SCOPES = ("images", "captions", "image-text")


_ABSOLUTE_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+$")  # a scheme, then no blanks (RFC 3986)


def is_absolute_uri(value: object) -> bool:
    """A rule's ``help-uri``: an absolute URL, so every reporter can link it as it stands."""
    return isinstance(value, str) and _ABSOLUTE_URI.match(value) is not None
