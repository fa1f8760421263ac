"""A checking worker: one process, one loaded rule pack, patterns compiled once; answers frames forever.

Started by the server (lint/server/pool.py) as ``python -m lint.server.worker OPTIONS_JSON``. It exits when
its stdin closes. SIGINT and SIGTERM are the server's to handle: a worker finishes the request it has, and
the server, shutting down gracefully, closes the pipe once no request is in flight.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from typing import Any, BinaryIO

from lint.server import protocol
from lint.server.requests import Article, RequestError, article, batch, parse_json


def _warm_up_texts(pack: Any, languages: tuple[str, ...]) -> dict[str, str]:
    """One short article per language of the pack: the first plain-text pass example written in it."""
    texts: dict[str, str] = {}
    for rule in pack.rules.values():
        for example in rule.examples:
            if example.kind == "pass" and example.lang in languages and example.format == "text":
                texts.setdefault(example.lang, example.text)
    return texts


def _encode(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class Handler:
    def __init__(self, options: dict[str, Any]) -> None:
        from lint.server.engine import CheckerOptions, open_checker

        self.max_batch = int(options.get("max_batch", 20))
        self.checker = open_checker(CheckerOptions.from_json(options["checker"]))
        for lang, text in _warm_up_texts(self.checker.pack, self.checker.languages).items():
            self.checker.check(Article(text=text, lang=lang))  # compile the patterns now, not on the first article

    def handle(self, operation: int, body: bytes) -> tuple[int, bytes]:
        checker = self.checker
        try:
            if operation == protocol.CHECK:
                record = checker.check(article(parse_json(body), checker.languages))
                if "facts" not in record:  # the article could not be read at all: nothing was checked
                    message = "; ".join(error["message"] for error in record["errors"])
                    return 422, _encode({"error": message, "status": 422, "errors": record["errors"]})
                return 200, _encode(record)
            if operation == protocol.BATCH:
                return 200, _encode(checker.check_many(batch(parse_json(body), checker.languages, self.max_batch)))
            if operation == protocol.RULES:
                return 200, _encode({"rules": checker.rules(), "tool": checker.tool, "languages": checker.languages})
        except RequestError as exc:
            return exc.status, _encode({"error": exc.message, "status": exc.status})
        except RecursionError:
            return 400, _encode({"error": "the article is nested too deeply to read", "status": 400})
        return 500, _encode({"error": f"unknown worker operation {operation}", "status": 500})


def _read_exactly(stream: BinaryIO, size: int) -> bytes | None:
    chunks = []
    while size:
        chunk = stream.read(size)
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def serve(stdin: BinaryIO, out: BinaryIO, options: dict[str, Any]) -> int:
    def reply(status: int, data: bytes) -> None:
        out.write(protocol.REPLY.pack(status, len(data)) + data)
        out.flush()

    started = time.perf_counter()
    try:
        handler = Handler(options)
    except Exception as exc:  # the setup error's lines go to the server, which prints them and stops
        lines = getattr(exc, "lines", None) or [f"{type(exc).__name__}: {exc}"]
        reply(500, _encode({"error": "\n".join(lines)}))
        return 2
    reply(200, _encode({"pid": os.getpid(), "seconds": round(time.perf_counter() - started, 3)}))
    while True:
        header = _read_exactly(stdin, protocol.REQUEST.size)
        if header is None:
            return 0
        operation, size = protocol.REQUEST.unpack(header)
        body = _read_exactly(stdin, size)
        if body is None:
            return 0
        try:
            status, data = handler.handle(operation, body)
        except Exception as exc:  # a bug: the client gets a JSON 500, the log gets the traceback
            import traceback

            traceback.print_exc(file=sys.stderr)
            status, data = 500, _encode({"error": f"internal error while checking ({type(exc).__name__})"})
        reply(status, data)


def main() -> int:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    # The frames own the real stdout; anything printed by mistake goes to stderr instead of corrupting them.
    out = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(2, 1)
    options = json.loads(sys.argv[1])
    return serve(sys.stdin.buffer, out, options)


if __name__ == "__main__":
    sys.exit(main())
