"""`editorial-lint serve`: options, start-up checks (rules, configuration, token, bind), then uvicorn.

Everything that can be wrong at start-up is reported before the port is opened, as `path[:line]: message`
lines on stderr and exit 2 (DESIGN.md, Exit codes): a rule pack that does not validate, a bad
configuration, a token file that cannot be read, binding beyond loopback without a token, a port in use.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import socket
import stat
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from lint.run.arguments import Parser, UsageError, number
from lint.run.outcome import EXIT_ERROR, EXIT_OK
from lint.server.limits import DEFAULT_MAX_BATCH, DEFAULT_TIMEOUT, Limits, is_loopback

INSTALL_HINT = "editorial-lint serve needs the server extra: pip install 'editorial-lint[server]'"


_count = number(int, "a whole number", low=0, bounds="0 or more")
_port = number(int, "a whole number", low=0, high=65535, bounds="a port from 0 to 65535")


_positive_int = number(int, "a positive number", positive=True)
_positive_float = number(float, "a positive number", positive=True)


def serve_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="editorial-lint serve",
        description="The checking service for CMSes and the standards desk's page (docs/service.md).",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=_port, default=8080, help="port (default 8080; 0 picks a free one)")
    parser.add_argument(
        "--workers", type=_count, default=0, metavar="N", help="checking worker processes (default 0: all cores)"
    )
    parser.add_argument(
        "--rules", action="append", default=[], metavar="PATH", help="a rule file or pack folder (repeatable)"
    )
    parser.add_argument("--no-default-rules", action="store_true", help="do not load the shipped rules")
    parser.add_argument("--config", metavar="FILE", help="configuration file (instead of discovery)")
    parser.add_argument("--isolated", action="store_true", help="ignore configuration files")
    parser.add_argument(
        "--token-file", metavar="FILE", help="clients must send 'Authorization: Bearer <the file's text>'"
    )
    parser.add_argument(
        "--max-file-size",
        type=_positive_int,
        metavar="BYTES",
        help="request body limit (default: max-file-size, 10 MB)",
    )
    parser.add_argument(
        "--timeout",
        type=_positive_float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"time limit of one request (default {DEFAULT_TIMEOUT:g}); a check over it is stopped",
    )
    parser.add_argument(
        "--queue", type=_count, metavar="N", help="requests that may wait for a busy worker (default 2 per worker)"
    )
    parser.add_argument(
        "--max-batch", type=_positive_int, default=DEFAULT_MAX_BATCH, metavar="N", help="articles per batch request"
    )
    parser.add_argument(
        "--cors-origin", action="append", default=[], metavar="ORIGIN", help="allow this origin (repeatable)"
    )
    parser.add_argument(
        "--graceful-timeout", type=_count, default=30, metavar="SECONDS", help="shutdown wait for in-flight requests"
    )
    return parser


class JsonLines(logging.Formatter):
    """One JSON object per log line (structured access log); extra fields are kept, article text never is."""

    STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "color_message"}

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({k: v for k, v in vars(record).items() if k not in self.STANDARD})
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def _logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    formatter = JsonLines()
    formatter.converter = time.gmtime
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    logging.getLogger("uvicorn.access").disabled = True  # our access log replaces it


def read_token(path: str) -> str:
    try:
        info = os.stat(path)
        with open(path, encoding="utf-8") as stream:
            token = stream.read().strip()
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the token file: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: the token file is not UTF-8 text") from None
    if not token or any(ch.isspace() for ch in token):
        raise UsageError(f"{path}: the token file must hold one token (no spaces), not be empty")
    if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        print(f"{path}: warning: the token file is readable by other users (chmod 600)", file=sys.stderr)
    return token


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP named explicitly: asyncio sets TCP_NODELAY only on sockets that say so, and without it
    # Nagle's algorithm and delayed ACKs add ~40 ms to every response written in two parts.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        sock.close()
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.listen(1024)
    sock.set_inheritable(True)
    return sock


def serve_command(argv: Sequence[str]) -> int:
    try:
        return _serve(serve_parser().parse_args(list(argv)))
    except UsageError as exc:
        print(f"editorial-lint serve: {exc}", file=sys.stderr)
        return EXIT_ERROR


def _serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from lint.server.app import create_app
    except ImportError as exc:
        print(f"{INSTALL_HINT} ({exc})", file=sys.stderr)
        return EXIT_ERROR
    token = read_token(args.token_file) if args.token_file else None
    if token is None and not is_loopback(args.host):
        raise UsageError(
            f"--host {args.host} reaches beyond this machine: give --token-file (clients then send a bearer token)"
        )
    from lint.server.engine import CheckerOptions, SetupError, open_checker

    options = CheckerOptions(
        rules=tuple(args.rules),
        no_default_rules=args.no_default_rules,
        config=args.config,
        isolated=args.isolated,
        max_file_size=args.max_file_size,
    )
    try:  # validate the setup once here, so a bad pack or config stops before the port opens
        checker = open_checker(options)
    except SetupError as exc:
        for line in exc.lines:
            print(line, file=sys.stderr)
        return EXIT_ERROR
    rules_body = json.dumps(
        {"rules": checker.rules(), "tool": checker.tool, "languages": checker.languages}, ensure_ascii=False
    ).encode()
    workers = args.workers or os.cpu_count() or 1
    limits = Limits(
        max_body=checker.max_file_size,
        timeout=args.timeout,
        max_batch=args.max_batch,
        workers=workers,
        queue=2 * workers if args.queue is None else args.queue,
        cors_origins=tuple(args.cors_origin),
        graceful_timeout=args.graceful_timeout,
    )
    config_path = checker.config_path
    del checker
    # Workers (and their replacements) read exactly what was validated here, wherever they start from.
    options = replace(
        options,
        rules=tuple(str(Path(p).resolve()) for p in options.rules),
        config=config_path if config_path and not options.isolated else None,
    )
    sock = bind(args.host, args.port)
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}"
    _logging()
    log = logging.getLogger("editorial_lint.server")

    def ready() -> None:
        log.info(
            "editorial-lint serve is ready on %s",
            url,
            extra={
                "event": "ready",
                "url": url,
                "workers": limits.workers,
                "queue": limits.queue,
                "token": token is not None,
                "config": config_path,
                "max_body": limits.max_body,
                "timeout": limits.timeout,
            },
        )

    worker_options = {"checker": options.as_json(), "max_batch": limits.max_batch}
    app = create_app(worker_options, limits, rules_body, token, ready)
    config = uvicorn.Config(
        app,
        log_config=None,
        access_log=False,
        lifespan="on",
        server_header=False,
        proxy_headers=False,
        timeout_graceful_shutdown=limits.graceful_timeout,
    )
    server = uvicorn.Server(config)
    # uvicorn re-raises the stopping signal after its graceful shutdown; these handlers take it, so a
    # requested stop (SIGTERM, as systemd sends) ends with exit 0 and Ctrl-C with 130.
    stopped_by: list[int] = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda number, _frame: stopped_by.append(number))
    server.run(sockets=[sock])
    sock.close()
    if not server.started:
        return EXIT_ERROR
    log.info("stopped", extra={"event": "stopped"})
    return 130 if signal.SIGINT in stopped_by else EXIT_OK
