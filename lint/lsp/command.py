"""`editorial-lint lsp`: run the language server on stdio (editors) or on a loopback TCP port (debugging).

pygls and lsprotocol (the optional extra `editorial-lint[lsp]`) are imported only here, when the server
starts, so the linter itself never needs them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from lint.run.arguments import Parser, UsageError, number
from lint.run.outcome import EXIT_ERROR, EXIT_OK

DEFAULT_DEBOUNCE_MS = 250.0
INSTALL_HINT = "the language server needs the optional extra: pip install 'editorial-lint[lsp]'"


_port = number(int, "a port number", low=1, high=65535, bounds="a port from 1 to 65535")
_milliseconds = number(float, "milliseconds", low=0, high=10_000, bounds="0 to 10000 milliseconds")


def parser() -> argparse.ArgumentParser:
    result = Parser(
        prog="editorial-lint lsp",
        description="Language server (LSP) for editors: findings while an article is written (docs/editors.md).",
    )
    result.add_argument("--stdio", action="store_true", help="talk LSP on stdin/stdout (the default)")
    result.add_argument("--tcp", type=_port, metavar="PORT", help="listen on 127.0.0.1:PORT instead (debugging)")
    result.add_argument(
        "--debounce",
        type=_milliseconds,
        default=DEFAULT_DEBOUNCE_MS,
        metavar="MS",
        help=f"lint a changed document after MS milliseconds without typing (default {DEFAULT_DEBOUNCE_MS:g})",
    )
    return result


def run(argv: Sequence[str]) -> int:
    """Serve until the client exits; exit 2 with a message for bad arguments or a missing extra."""
    try:
        args = parser().parse_args(list(argv))
    except UsageError as exc:
        print(f"editorial-lint lsp: {exc}", file=sys.stderr)
        return EXIT_ERROR
    if args.stdio and args.tcp is not None:
        print("editorial-lint lsp: --stdio and --tcp exclude each other", file=sys.stderr)
        return EXIT_ERROR
    try:
        from lint.lsp.server import serve
    except ImportError as exc:
        print(f"editorial-lint: {INSTALL_HINT} ({exc})", file=sys.stderr)
        return EXIT_ERROR
    serve(args.tcp, args.debounce / 1000)
    return EXIT_OK
