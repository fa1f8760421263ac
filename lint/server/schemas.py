"""The OpenAPI 3.1 document of the service (served at /openapi.json), built from the shipped report schema
so the per-file record it promises is the JSON report's, plus the findings' offsets."""

from __future__ import annotations

import copy
import json
from importlib import resources
from typing import Any

from lint import __version__
from lint.server.limits import Limits
from lint.server.requests import CHECK_FIELDS, FORMATS, MAX_PATH_LENGTH

OFFSETS = {
    "start": {"type": "integer", "minimum": 0, "description": "code-point offset of the span in the submitted text"},
    "end": {"type": "integer", "minimum": 0, "description": "code-point offset after the span (exclusive)"},
    "start_utf16": {"type": "integer", "minimum": 0, "description": "the same in UTF-16 code units (JavaScript)"},
    "end_utf16": {"type": "integer", "minimum": 0, "description": "the same in UTF-16 code units (JavaScript)"},
}


def report_schema() -> dict[str, Any]:
    text = (resources.files("lint") / "schemas" / "report-v1.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def _record(report: dict[str, Any]) -> dict[str, Any]:
    record = copy.deepcopy(report["properties"]["files"]["items"])
    finding = record["properties"]["findings"]["items"]
    finding["properties"].update(OFFSETS)
    finding["required"] = [*finding.get("required", []), *OFFSETS]
    record["properties"]["errors"] = copy.deepcopy(report["properties"]["errors"])
    return record


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def openapi(limits: Limits, token: bool) -> dict[str, Any]:
    report = report_schema()
    record = _record(report)
    batch_report = copy.deepcopy(report)
    batch_report.pop("$schema", None)
    batch_report.pop("$id", None)
    batch_report["properties"]["files"]["items"] = {"$ref": "#/components/schemas/Record"}
    check_request: dict[str, Any] = {
        "type": "object",
        "required": ["text"],
        "additionalProperties": False,
        "properties": {
            "text": {"type": "string", "description": "the article as the CMS holds it"},
            "format": {"enum": list(FORMATS), "description": "how to read it (default: by path, else text)"},
            "lang": {"type": "string", "description": "the code of any language of the pack, or auto"},
            "path": {
                "type": "string",
                "maxLength": MAX_PATH_LENGTH,
                "description": "a name only: per-path configuration and format by extension; never read",
            },
            "front_matter": {"type": "object", "description": "fields beside the text (title, author, source …)"},
        },
    }
    assert set(check_request["properties"]) == set(CHECK_FIELDS)
    common_errors = {
        "400": _error("the request is not a valid check request"),
        "408": _error(f"the request body did not arrive within {limits.timeout:g} s"),
        "413": _error(f"the body is over {limits.max_body} bytes (max-file-size)"),
        "415": _error("the body is not sent as application/json"),
        "503": _error("saturated: retry after the Retry-After header's seconds"),
        "422": _error("the article could not be read at all"),
        "504": _error(f"the check took longer than {limits.timeout:g} s and was stopped"),
    }
    if token:
        common_errors["401"] = _error("bearer token missing or wrong")
    security: list[dict[str, list[str]]] = [{"bearer": []}] if token else []
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "editorial-lint checking service",
            "version": __version__,
            "description": "Checks news articles for agency and image credits, attribution and labels. "
            "See docs/service.md.",
        },
        "paths": {
            "/v1/check": {
                "post": {
                    "summary": "Check one article",
                    "security": security,
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CheckRequest"}}},
                    },
                    "responses": {
                        "200": {
                            "description": "the JSON report's record of the article, findings with offsets",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Record"}}},
                        },
                        **common_errors,
                    },
                }
            },
            "/v1/check/batch": {
                "post": {
                    "summary": f"Check up to {limits.max_batch} articles",
                    "security": security,
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["articles"],
                                    "additionalProperties": False,
                                    "properties": {
                                        "articles": {
                                            "type": "array",
                                            "minItems": 1,
                                            "maxItems": limits.max_batch,
                                            "items": {"$ref": "#/components/schemas/CheckRequest"},
                                        }
                                    },
                                }
                            }
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "a JSON report (report-v1) over the articles, in request order",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/BatchReport"}}},
                        },
                        **common_errors,
                    },
                }
            },
            "/v1/rules": {
                "get": {
                    "summary": "The loaded rules: message, rationale, reference, examples, help URI",
                    "security": security,
                    "responses": {"200": {"description": "the rules", "content": {"application/json": {}}}},
                }
            },
            "/healthz": {
                "get": {
                    "summary": "Liveness and workers ready",
                    "responses": {"200": {"description": "ok"}, "503": {"description": "no worker ready"}},
                }
            },
            "/metrics": {
                "get": {
                    "summary": "Prometheus metrics",
                    "security": security,
                    "responses": {"200": {"description": "Prometheus text format"}},
                }
            },
            "/openapi.json": {
                "get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI 3.1"}}}
            },
            "/": {
                "get": {"summary": "The standards desk's checking page", "responses": {"200": {"description": "HTML"}}}
            },
        },
        "components": {
            "schemas": {
                "CheckRequest": check_request,
                "Record": record,
                "BatchReport": batch_report,
                "Error": {
                    "type": "object",
                    "required": ["error", "status"],
                    "properties": {"error": {"type": "string"}, "status": {"type": "integer"}},
                },
            },
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
