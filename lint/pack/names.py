"""Names the rule schema fixes: severities and scopes (shared by rule validation, checks and reports)."""

from __future__ import annotations

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
