"""A real `editorial-lint serve` process on an ephemeral loopback port, for the service's tests."""

from __future__ import annotations

import http.client
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


def require_server_extra() -> None:
    for name in ("starlette", "uvicorn", "prometheus_client"):
        pytest.importorskip(name, reason="the 'server' extra is not installed (pip install -e '.[server]')")


class Served:
    """Starts the service with ``args`` and waits until it logs that it is ready."""

    def __init__(
        self, *args: str, env: dict[str, str] | None = None, cwd: Path | None = None, wait: bool = True
    ) -> None:
        require_server_extra()
        environment = {**os.environ, **(env or {})}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "lint", "serve", "--port", "0", *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=cwd or ROOT,
            env=environment,
        )
        self.lines: list[str] = []
        self._events: queue.Queue[dict[str, Any]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.url = ""
        self.host, self.port = "127.0.0.1", 0
        if wait:
            self._wait_ready()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line)
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if isinstance(entry, dict):
                self._events.put(entry)

    def _wait_ready(self, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                entry = self._events.get(timeout=0.2)
            except queue.Empty:
                stopped = self.process.poll() is not None
            else:
                stopped = False
                if entry.get("event") == "ready":
                    self.url = entry["url"]
                    self.host, port = self.url.removeprefix("http://").rsplit(":", 1)
                    self.port = int(port)
                    return
            if stopped:
                time.sleep(0.2)
                raise AssertionError("the server stopped before it was ready:\n" + "".join(self.lines))
        self.stop()
        raise AssertionError("the server did not get ready in time:\n" + "".join(self.lines))

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        headers: dict[str, str] | None = None,
        raw: bytes | None = None,
        timeout: float = 60.0,
    ) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        sent_headers = dict(headers or {})
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
            sent_headers.setdefault("Content-Type", "application/json")
        try:
            connection.request(method, path, body=data, headers=sent_headers)
            response = connection.getresponse()
            payload = response.read()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, payload
        finally:
            connection.close()

    def json(self, method: str, path: str, body: Any = None, **kwargs: Any) -> tuple[int, Any]:
        status, _, payload = self.request(method, path, body, **kwargs)
        return status, json.loads(payload)

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 60.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()

    def __enter__(self) -> Served:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
