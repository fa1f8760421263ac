"""The service's parts that need no server: offsets, request validation, the engine adapter, and that the
core install does not import the server stack."""

from __future__ import annotations

import subprocess
import sys

import pytest

from lint.server.offsets import OffsetMap
from lint.server.requests import Article, RequestError, article, batch, parse_json

LANGUAGES = ("de", "en")


def test_offsets_follow_lines_columns_line_ends_and_bom() -> None:
    text = "\ufeffab\r\ncd\rxy\nz"
    positions = OffsetMap(text)
    assert positions.offset(1, 1) == 1  # after the BOM, which positions do not count
    assert text[positions.offset(2, 1)] == "c"
    assert text[positions.offset(3, 2)] == "y"
    assert text[positions.offset(4, 1)] == "z"
    assert positions.offset(9, 1) == len(text) and positions.offset(4, 50) == len(text)


def test_utf16_offsets_count_astral_characters_twice() -> None:
    text = "a😀b😀c"
    positions = OffsetMap(text)
    finding = positions.annotate({"line": 1, "column": 5, "end_line": 1, "end_column": 6})
    assert text[finding["start"] : finding["end"]] == "c"
    assert finding["start_utf16"] == 6 and finding["end_utf16"] == 7


def test_request_validation_messages() -> None:
    assert article({"text": "x", "lang": "auto"}, LANGUAGES) == Article(text="x")
    parsed = article(
        {"text": "x", "format": "html", "lang": "de", "path": "a/b.html", "front_matter": {"k": 1}}, LANGUAGES
    )
    assert (parsed.format, parsed.lang, parsed.path, parsed.front_matter) == ("html", "de", "a/b.html", {"k": 1})
    cases = [
        ({"text": "x", "rules": ["r.yaml"]}, "rules: unknown field"),
        ({"text": "x", "format": "docx"}, "unknown format 'docx'"),
        ({"text": "x", "lang": "fr"}, "unknown language 'fr'"),
        ({"text": "x", "path": ""}, "path: a non-empty name"),
        ({"txt": "x"}, "txt: unknown field"),
        ({}, "text: required"),
        ("text", "must be a JSON object, not a string"),
    ]
    for data, words in cases:
        with pytest.raises(RequestError, match=words):
            article(data, LANGUAGES)
    with pytest.raises(RequestError, match=r"articles\[1\]\.format"):
        batch({"articles": [{"text": "a"}, {"text": "b", "format": "x"}]}, LANGUAGES, 5)
    with pytest.raises(RequestError, match="limit of 1"):
        batch({"articles": [{"text": "a"}, {"text": "b"}]}, LANGUAGES, 1)
    with pytest.raises(RequestError, match="line 1 column 2"):
        parse_json(b"{x")


def test_engine_adapter_lints_with_front_matter_and_language() -> None:
    from lint.server.engine import CheckerOptions, open_checker

    checker = open_checker(CheckerOptions(isolated=True))
    record = checker.check(Article(text="The mayor reportedly resigned.", lang="en", front_matter={"title": "T"}))
    assert record["language"] == "en" and record["facts"]["title"] == "T"
    claim = next(f for f in record["findings"] if f["rule"] == "unattributed-claim")
    assert (claim["start"], claim["end"]) == (10, 20)
    rules = {rule["id"]: rule for rule in checker.rules()}
    assert rules["agency-credit"]["examples"] and rules["agency-credit"]["selected"]


def test_the_core_does_not_import_the_server_stack() -> None:
    code = (
        "import sys, importlib, lint.api\n"
        "try:\n    importlib.import_module('lint.cli.main')\n"  # the command line, wherever it lives
        "except ImportError:\n    importlib.import_module('lint.cli')\n"
        "bad = [m for m in ('starlette', 'uvicorn', 'prometheus_client', 'lint.server.app') if m in sys.modules]\n"
        "print(bad)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr


def test_serve_without_the_extra_says_how_to_install_it() -> None:
    code = (
        "import sys\n"
        "import runpy\n"
        "sys.modules['uvicorn'] = None\n"  # as if the 'server' extra were not installed
        "sys.argv = ['editorial-lint', 'serve', '--port', '0']\n"
        "runpy.run_module('lint', run_name='__main__')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "pip install 'editorial-lint[server]'" in done.stderr and "Traceback" not in done.stderr


def test_the_listening_socket_is_tcp_so_responses_are_not_delayed() -> None:
    """asyncio sets TCP_NODELAY only on sockets created with IPPROTO_TCP; without it every two-part response
    waited for a delayed ACK (about 40 ms on loopback)."""
    import socket

    from lint.server.cli import bind

    sock = bind("127.0.0.1", 0)
    try:
        assert sock.proto == socket.IPPROTO_TCP
    finally:
        sock.close()
