"""A small synchronous LSP client over a subprocess's stdio: what the tests and bench/lsp_latency.py use
to drive `editorial-lint lsp` exactly as an editor does (framed JSON-RPC on stdin/stdout).

It needs nothing beyond the standard library. Requests the server sends (``client/registerCapability``,
``workspace/configuration``) are answered as a plain editor would; notifications are kept, with the
time they arrived, for ``wait_for``.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

Message = dict[str, Any]


class ClientError(Exception):
    pass


@dataclass
class Notification:
    method: str
    params: Any
    received: float  # time.perf_counter() when it was read


class LspClient:
    def __init__(self, command: Sequence[str], cwd: Path | str | None = None, stderr: IO[bytes] | None = None) -> None:
        self.process = subprocess.Popen(
            list(command),
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr if stderr is not None else subprocess.DEVNULL,
        )
        self._next_id = 0
        self._lock = threading.Condition()
        self._responses: dict[int, Message] = {}
        self.notifications: list[Notification] = []
        self.server_requests: list[Message] = []
        self._closed = False
        self._reader = threading.Thread(target=self._read_loop, daemon=True)
        self._reader.start()

    # --- framing -------------------------------------------------------------------------------

    def _send(self, message: Message) -> None:
        body = json.dumps(message).encode("ascii")  # \u escapes: lone surrogates survive, as editors send them
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body)
        stdin.flush()

    def _read_message(self, stream: IO[bytes]) -> Message | None:
        length = None
        while True:
            line = stream.readline()
            if not line:
                return None
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value.strip())
        if length is None:
            raise ClientError("a message without Content-Length")
        body = stream.read(length)
        return json.loads(body.decode("utf-8"))

    def _read_loop(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            try:
                message = self._read_message(stream)
            except (ValueError, ClientError, OSError):
                message = None
            if message is None:
                with self._lock:
                    self._closed = True
                    self._lock.notify_all()
                return
            if "id" in message and "method" in message:  # a request from the server
                self.server_requests.append(message)
                result: Any = [] if message["method"] == "workspace/configuration" else None
                with contextlib.suppress(OSError):
                    self._send({"jsonrpc": "2.0", "id": message["id"], "result": result})
                continue
            with self._lock:
                if "id" in message:
                    self._responses[message["id"]] = message
                else:
                    self.notifications.append(
                        Notification(message["method"], message.get("params"), time.perf_counter())
                    )
                self._lock.notify_all()

    # --- calls ---------------------------------------------------------------------------------

    def notify(self, method: str, params: Any) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float = 30.0) -> Any:
        with self._lock:
            self._next_id += 1
            ident = self._next_id
        self._send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        with self._lock:
            while ident not in self._responses:
                left = deadline - time.monotonic()
                if left <= 0 or self._closed:
                    raise ClientError(f"no answer to {method} within {timeout:g} s")
                self._lock.wait(left)
            response = self._responses.pop(ident)
        if "error" in response:
            raise ClientError(f"{method}: {response['error']}")
        return response.get("result")

    def wait_for(
        self, predicate: Callable[[Notification], bool], timeout: float = 30.0, after: int = 0
    ) -> Notification:
        """The first notification from index ``after`` on that satisfies ``predicate``."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                for note in self.notifications[after:]:
                    if predicate(note):
                        return note
                left = deadline - time.monotonic()
                if left <= 0 or self._closed:
                    raise ClientError(f"no matching notification within {timeout:g} s")
                self._lock.wait(left)

    def diagnostics(self, uri: str, version: int | None = None, timeout: float = 30.0, after: int = 0) -> list[Any]:
        """The next publishDiagnostics for ``uri`` (for ``version``, when given)."""
        note = self.wait_for(
            lambda n: (
                n.method == "textDocument/publishDiagnostics"
                and n.params["uri"] == uri
                and (version is None or n.params.get("version") == version)
            ),
            timeout,
            after,
        )
        return list(note.params["diagnostics"])

    # --- session -------------------------------------------------------------------------------

    def initialize(self, root: Path, capabilities: dict[str, Any] | None = None) -> Any:
        result = self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": root.resolve().as_uri(),
                "workspaceFolders": [{"uri": root.resolve().as_uri(), "name": root.name}],
                "capabilities": capabilities or {},
            },
        )
        self.notify("initialized", {})
        return result

    def open(self, path: Path, text: str, language_id: str = "markdown", version: int = 1) -> str:
        uri = path.resolve().as_uri()
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": language_id, "version": version, "text": text}},
        )
        return uri

    def change(self, uri: str, text: str, version: int) -> None:
        self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
        )

    def close(self, timeout: float = 10.0) -> int:
        """shutdown + exit, then wait for the process; killed if it does not stop in time."""
        try:
            if not self._closed:
                self.request("shutdown", None, timeout)
                self.notify("exit", None)
        except (ClientError, OSError):
            pass
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()
        finally:
            for stream in (self.process.stdin, self.process.stdout):
                if stream is not None:
                    stream.close()
