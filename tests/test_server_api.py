"""`editorial-lint serve` against a real server process on an ephemeral loopback port: every endpoint,
bad requests, the body limit, time limits, saturation, the token, CORS, graceful shutdown, the log."""

from __future__ import annotations

import http.client
import json
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from serve_process import ROOT, Served, require_server_extra

pytestmark = pytest.mark.slow

FIXTURE = ROOT / "tests" / "fixtures" / "en_unattributed.txt"
MARKER = "Quittenmarmeladenglas"  # a word that must never reach the access log
SLOW_RULE = """\
id: slow-pattern
type: forbid
severity: warning
languages: [any]
scope: body
pattern: '(a|aa)+$'
message: A test rule whose pattern backtracks.
rationale: Exercises the service's time limits.
reference: tests only
examples:
  pass: ["nothing here"]
  fail: ["aa"]
"""
SLOW_TEXT = "Ein Satz über " + "a" * 42 + "b und mehr."  # the slow rule's search backtracks on it


def report_schema() -> dict[str, Any]:
    return json.loads((ROOT / "lint" / "schemas" / "report-v1.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("serve")
    (folder / "config.yaml").write_text(
        'overrides:\n  - files: "archive/**"\n    ignore: [agency-credit]\n', encoding="utf-8"
    )
    (folder / "slowpack").mkdir()
    (folder / "slowpack" / "slow-pattern.yaml").write_text(SLOW_RULE, encoding="utf-8")
    token = folder / "token"
    token.write_text("s3cret-token-for-tests\n", encoding="utf-8")
    token.chmod(0o600)
    return folder


@pytest.fixture(scope="module")
def server(folder: Path) -> Iterator[Served]:
    with Served(
        "--workers",
        "1",
        "--config",
        str(folder / "config.yaml"),
        "--max-file-size",
        "4000",
        "--max-batch",
        "3",
        "--cors-origin",
        "https://cms.example",
    ) as served:
        yield served


def check(server: Served, body: Any) -> tuple[int, Any]:
    return server.json("POST", "/v1/check", body)


# --- the check endpoint ---------------------------------------------------------------------------


def test_check_returns_the_report_record_with_offsets(server: Served) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    text = FIXTURE.read_text(encoding="utf-8")
    status, record = check(server, {"text": text, "path": "news/mayor.txt"})
    assert status == 200
    jsonschema.validate(record, report_schema()["properties"]["files"]["items"])
    _, document = server.json("GET", "/openapi.json")
    jsonschema.validate(record, document["components"]["schemas"]["Record"])
    assert record["path"] == "news/mayor.txt" and record["language"] == "en"
    assert record["facts"]["quotes"] == 1 and record["errors"] == []
    rules = {f["rule"] for f in record["findings"]}
    assert {"unattributed-quote", "unattributed-claim", "anonymous-source", "agency-credit"} <= rules
    for finding in record["findings"]:
        assert text[finding["start"] : finding["end"]] == finding["excerpt"] or not finding["excerpt"]
    # The same article through the command line gives the same findings (one engine, one schema).
    cli = subprocess.run(
        [sys.executable, "-m", "lint", "--format", "json", "--isolated", str(FIXTURE)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    expected = json.loads(cli.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["line"], f["column"]) for f in record["findings"]] == [
        (f["rule"], f["line"], f["column"]) for f in expected
    ]


def test_offsets_count_in_the_submitted_text_with_crlf_bom_and_astral_characters(server: Served) -> None:
    text = "\ufeffTitle line 😀 here\r\n\r\nThe mayor reportedly resigned on Friday.\r\n"
    status, record = check(server, {"text": text, "lang": "en"})
    assert status == 200
    claim = next(f for f in record["findings"] if f["rule"] == "unattributed-claim")
    assert text[claim["start"] : claim["end"]] == "reportedly"
    as_utf16 = text.encode("utf-16-le")
    assert as_utf16[2 * claim["start_utf16"] : 2 * claim["end_utf16"]].decode("utf-16-le") == "reportedly"
    assert claim["start_utf16"] == claim["start"] + 1  # the emoji is two UTF-16 code units


def test_format_lang_front_matter_and_per_path_configuration(server: Served) -> None:
    markdown = "---\ntitle: Ein Titel\n---\n\n# Rat tagt\n\nDer Rat hat getagt. Er soll zugestimmt haben.\n"
    status, record = check(server, {"text": markdown, "format": "markdown"})
    assert status == 200 and record["facts"]["title"] == "Ein Titel" and record["language"] == "de"
    status, record = check(server, {"text": "Der Rat hat getagt.", "lang": "en", "front_matter": {"title": "Given"}})
    assert status == 200 and record["language"] == "en" and record["facts"]["title"] == "Given"
    html = "<html><body><article><p>The council met on Monday.</p></article></body></html>"
    status, record = check(server, {"text": html, "path": "page.html"})  # the format by the name's extension
    assert status == 200 and record["language"] == "en"
    news = check(server, {"text": "The council met on Monday.", "path": "news/a.txt"})[1]
    archive = check(server, {"text": "The council met on Monday.", "path": "archive/a.txt"})[1]
    assert "agency-credit" in {f["rule"] for f in news["findings"]}
    assert "agency-credit" not in {f["rule"] for f in archive["findings"]}  # the config's override


def test_a_path_is_only_a_name(server: Served) -> None:
    status, record = check(server, {"text": "The council met.", "path": "/etc/passwd"})
    assert status == 200 and record["path"] == "/etc/passwd"
    assert "root:" not in json.dumps(record)
    for field in ("rules", "config", "select", "file"):
        status, error = check(server, {"text": "x", field: "anything"})
        assert status == 400 and error["error"].startswith(f"{field}: unknown field")


@pytest.mark.parametrize(
    ("raw", "content_type", "status", "words"),
    [
        (b"{not json", "application/json", 400, "not valid JSON"),
        (b"[1, 2]", "application/json", 400, "must be a JSON object"),
        (b'{"format": "text"}', "application/json", 400, "text: required"),
        (b'{"text": 5}', "application/json", 400, "text: required, a string, not a number"),
        (b'{"text": "x", "format": "pdf"}', "application/json", 400, "unknown format 'pdf'"),
        (b'{"text": "x", "lang": "xx"}', "application/json", 400, "unknown language 'xx'"),
        (b'{"text": "x", "front_matter": []}', "application/json", 400, "front_matter: must be an object"),
        (b'{"text": "a\\u0000b"}', "application/json", 400, "NUL"),
        (b"\xff\xfe", "application/json", 400, "not valid UTF-8"),
        (b'{"text": "x"}', "text/plain", 415, "application/json"),
        (b'{"text": "x"}', "", 415, "application/json"),
    ],
)
def test_bad_requests_get_a_json_error(server: Served, raw: bytes, content_type: str, status: int, words: str) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    answer, _, payload = server.request("POST", "/v1/check", raw=raw, headers=headers)
    error = json.loads(payload)
    assert answer == status and error["status"] == status and words in error["error"]
    assert "Traceback" not in error["error"]


def test_oversize_bodies_get_413(server: Served) -> None:
    big = {"text": "Der Rat tagte. " * 400}  # about 6,000 bytes, over --max-file-size 4000
    status, _, payload = server.request("POST", "/v1/check", big)
    assert status == 413 and "4000 bytes" in json.loads(payload)["error"]
    # Without a Content-Length (chunked), the limit holds while the body streams in.
    connection = http.client.HTTPConnection(server.host, server.port, timeout=30)
    chunks = (json.dumps(big).encode()[i : i + 1000] for i in range(0, 7000, 1000))
    connection.request(
        "POST", "/v1/check", body=chunks, headers={"Content-Type": "application/json"}, encode_chunked=True
    )
    response = connection.getresponse()
    assert response.status == 413 and json.loads(response.read())["status"] == 413
    connection.close()
    assert check(server, {"text": "Der Rat tagte. " * 100})[0] == 200  # under the limit


def test_batch_is_a_json_report_in_request_order(server: Served) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    articles = [
        {"text": FIXTURE.read_text(encoding="utf-8"), "path": "one.txt"},
        {"text": "Der Rat hat am Montag getagt. (dpa)", "path": "two.txt"},
        {"text": "# Title\n\nThe council met.", "format": "markdown"},
    ]
    status, report = server.json("POST", "/v1/check/batch", {"articles": articles})
    assert status == 200
    jsonschema.validate(report, report_schema())
    assert [f["path"] for f in report["files"]] == ["one.txt", "two.txt", "<text>"]
    assert report["files"][1]["facts"]["agency_credits"] == ["dpa"]
    assert report["summary"]["files"] == 3
    assert all("start" in f for record in report["files"] for f in record["findings"])
    status, error = server.json("POST", "/v1/check/batch", {"articles": articles + articles[:1]})
    assert status == 400 and "limit of 3" in error["error"]
    status, error = server.json("POST", "/v1/check/batch", {"articles": [articles[0], {"text": "x", "format": "doc"}]})
    assert status == 400 and error["error"].startswith("articles[1].format: unknown format")
    assert server.json("POST", "/v1/check/batch", {"articles": []})[0] == 400


# --- the other endpoints --------------------------------------------------------------------------


def test_rules_healthz_openapi_metrics_and_unknown_routes(server: Served) -> None:
    status, rules = server.json("GET", "/v1/rules")
    assert status == 200 and set(rules["languages"]) >= {"de", "en"}
    agency = next(r for r in rules["rules"] if r["id"] == "agency-credit")
    assert agency["message"] and agency["rationale"] and agency["reference"] and "help_uri" in agency
    assert {e["kind"] for e in agency["examples"]} >= {"pass", "fail"}
    status, health = server.json("GET", "/healthz")
    assert status == 200 and health["status"] == "ok" and health["workers_ready"] == 1
    status, document = server.json("GET", "/openapi.json")
    assert status == 200 and document["openapi"].startswith("3.1")
    assert {"/v1/check", "/v1/check/batch", "/v1/rules", "/healthz", "/metrics"} <= set(document["paths"])
    check(server, {"text": "The council met."})
    status, headers, payload = server.request("GET", "/metrics")
    metrics = payload.decode()
    assert status == 200 and headers["content-type"].startswith("text/plain")
    assert 'editorial_lint_requests_total{endpoint="check",method="POST",status="200"}' in metrics
    assert 'editorial_lint_request_duration_seconds_bucket{endpoint="check",le="0.1"}' in metrics
    assert "editorial_lint_workers_ready 1.0" in metrics
    status, error = server.json("GET", "/v1/nothing")
    assert status == 404 and error["status"] == 404
    status, error = server.json("GET", "/v1/check")
    assert status == 405 and "GET" in error["error"]
    status, headers, page = server.request("GET", "/")
    assert status == 200 and b"/static/desk.js" in page and "script-src 'self'" in headers["content-security-policy"]
    for asset in ("/static/desk.js", "/static/desk.css"):
        assert server.request("GET", asset)[0] == 200
    assert b"http" not in page.replace(b'"http-equiv', b"")  # no external asset


def test_cors_for_the_configured_origin_only(server: Served) -> None:
    preflight = {
        "Origin": "https://cms.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type,authorization",
    }
    status, headers, _ = server.request("OPTIONS", "/v1/check", headers=preflight)
    assert status == 200 and headers["access-control-allow-origin"] == "https://cms.example"
    status, headers, _ = server.request("OPTIONS", "/v1/check", headers={**preflight, "Origin": "https://evil.example"})
    assert status == 400 and "access-control-allow-origin" not in headers
    status, headers, _ = server.request("POST", "/v1/check", {"text": "x"}, headers={"Origin": "https://cms.example"})
    assert status == 200 and headers["access-control-allow-origin"] == "https://cms.example"


def test_access_log_is_structured_and_holds_no_article_text(server: Served) -> None:
    check(server, {"text": f"The {MARKER} was sold on Friday, officials said.", "path": "news/x.txt"})
    time.sleep(0.3)
    entries = [json.loads(line) for line in server.lines if line.startswith("{")]
    requests = [e for e in entries if e.get("event") == "request"]
    assert any(e["endpoint"] == "check" and e["status"] == 200 and e["bytes_in"] > 0 for e in requests)
    assert {"ts", "method", "status", "ms", "bytes_out"} <= set(requests[-1])
    assert not any(MARKER in line for line in server.lines)


# --- token, time limits, saturation, shutdown, start-up -----------------------------------------


def test_token_required_and_wrong(folder: Path) -> None:
    with Served("--workers", "1", "--isolated", "--token-file", str(folder / "token")) as served:
        body = {"text": "The council met."}
        status, headers, payload = served.request("POST", "/v1/check", body)
        assert (
            status == 401
            and "required" in json.loads(payload)["error"]
            and "bearer" in headers["www-authenticate"].lower()
        )
        status, _, payload = served.request("POST", "/v1/check", body, headers={"Authorization": "Bearer nope"})
        assert status == 401 and "wrong" in json.loads(payload)["error"]
        good = {"Authorization": "Bearer s3cret-token-for-tests"}
        assert served.request("POST", "/v1/check", body, headers=good)[0] == 200
        assert served.request("GET", "/v1/rules")[0] == 401 and served.request("GET", "/metrics")[0] == 401
        assert served.request("GET", "/v1/rules", headers=good)[0] == 200
        assert served.request("GET", "/healthz")[0] == 200  # load balancers probe without a token
        assert served.request("GET", "/")[0] == 200  # the page asks for the token itself


def test_beyond_loopback_needs_a_token_and_setup_errors_stop_before_listening(folder: Path) -> None:
    require_server_extra()

    def serve(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "lint", "serve", *args], capture_output=True, text=True, cwd=ROOT, timeout=60
        )

    done = serve("--host", "0.0.0.0", "--port", "0", "--isolated")
    assert done.returncode == 2 and "--token-file" in done.stderr and "Traceback" not in done.stderr
    done = serve("--port", "0", "--rules", str(folder / "missing-pack"))
    assert done.returncode == 2 and "missing-pack: no such rule file or folder" in done.stderr
    done = serve("--port", "0", "--token-file", str(folder / "no-token-here"))
    assert done.returncode == 2 and "no-token-here: cannot read the token file" in done.stderr
    done = serve("--workers", "x")
    assert done.returncode == 2 and "--workers" in done.stderr


def test_time_limit_stops_the_check_and_saturation_gives_503(folder: Path) -> None:
    with Served(
        "--workers",
        "1",
        "--queue",
        "0",
        "--timeout",
        "1.5",
        "--isolated",
        "--rules",
        str(folder / "slowpack"),
        env={"EDITORIAL_LINT_PATTERN_TIMEOUT": "20"},
    ) as served:
        # A body that never finishes arriving is given up after the time limit too (408).
        with socket.create_connection((served.host, served.port), timeout=30) as raw:
            raw.sendall(
                b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b'Content-Length: 100\r\n\r\n{"text": "The'
            )
            answer = ""
            while not answer.endswith("}"):
                chunk = raw.recv(65536).decode()
                if not chunk:
                    break
                answer += chunk
        assert answer.startswith("HTTP/1.1 408") and "did not arrive within 1.5 s" in answer
        outcome: dict[str, Any] = {}

        def slow() -> None:
            started = time.monotonic()
            outcome["status"], outcome["body"] = served.json("POST", "/v1/check", {"text": SLOW_TEXT})
            outcome["seconds"] = time.monotonic() - started

        thread = threading.Thread(target=slow)
        thread.start()
        wait = time.monotonic() + 10
        while served.json("GET", "/healthz")[1]["busy"] == 0 and time.monotonic() < wait:
            time.sleep(0.05)
        status, headers, payload = served.request("POST", "/v1/check", {"text": "The council met."})
        assert status == 503 and headers["retry-after"] == "1" and json.loads(payload)["status"] == 503
        thread.join(30)
        assert outcome["status"] == 504 and "time limit of 1.5 s" in outcome["body"]["error"]
        assert outcome["seconds"] < 5
        # The stopped worker is replaced: the service checks again.
        deadline = time.monotonic() + 60
        while served.json("GET", "/healthz")[1]["workers_ready"] < 1 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert served.json("POST", "/v1/check", {"text": "The council met."})[0] == 200
        metrics = served.request("GET", "/metrics")[2].decode()
        assert 'status="503"' in metrics and 'status="504"' in metrics


def test_pattern_timeouts_apply_and_shutdown_finishes_in_flight_requests(folder: Path) -> None:
    served = Served(
        "--workers",
        "1",
        "--timeout",
        "20",
        "--isolated",
        "--rules",
        str(folder / "slowpack"),
        env={"EDITORIAL_LINT_PATTERN_TIMEOUT": "1.5"},
    )
    try:
        outcome: dict[str, Any] = {}

        def slow() -> None:
            outcome["status"], outcome["body"] = served.json("POST", "/v1/check", {"text": SLOW_TEXT})

        thread = threading.Thread(target=slow)
        thread.start()
        deadline = time.monotonic() + 10
        while served.json("GET", "/healthz")[1]["busy"] == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        code = served.stop(signal.SIGTERM)
        thread.join(30)
    finally:
        served.stop(signal.SIGKILL)
    assert outcome["status"] == 200, outcome
    assert "pattern timed out after 1.5 s" in outcome["body"]["errors"][0]["message"]
    assert code == 0
    assert any('"event": "shutdown"' in line for line in served.lines)


def test_the_documented_python_client_works(server: Served) -> None:
    import re

    document = (ROOT / "docs" / "service.md").read_text(encoding="utf-8")
    code = re.search(r"### From Python \(standard library only\)\n\n```python\n(.*?)```", document, re.S)
    assert code is not None
    definitions = code.group(1).split("\nrecord = check(")[0]
    namespace: dict[str, Any] = {}
    exec(compile(definitions, "docs/service.md", "exec"), namespace)
    record = namespace["check"]("The mayor reportedly resigned on Friday.", "news/mayor.txt", url=server.url)
    assert {"unattributed-claim", "agency-credit"} <= {f["rule"] for f in record["findings"]}
