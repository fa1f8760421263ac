"""The ASGI application: routes, bearer token, body limit, JSON errors, metrics, access log, the desk page.

Starlette is imported here and only here (and by lint/server/cli.py when `serve` runs), so the core
install stays as light as it was. The application never lints: it moves request bodies to the checking
workers (lint/server/pool.py) and their JSON answers back.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from lint.server import protocol
from lint.server.limits import RETRY_AFTER, Limits
from lint.server.metrics import CONTENT_TYPE as METRICS_TYPE
from lint.server.metrics import Metrics
from lint.server.pool import Pool, Saturated, StartupError, TimedOut, WorkerLost
from lint.server.schemas import openapi

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

access_log = logging.getLogger("editorial_lint.access")
log = logging.getLogger("editorial_lint.server")

# Endpoint labels for metrics and the log: the route, never the raw path (bounded label values).
ENDPOINTS = {
    "/": "page",
    "/static/desk.js": "page",
    "/static/desk.css": "page",
    "/v1/check": "check",
    "/v1/check/batch": "batch",
    "/v1/rules": "rules",
    "/healthz": "healthz",
    "/metrics": "metrics",
    "/openapi.json": "openapi",
}
PROTECTED = {"check", "batch", "rules", "metrics"}  # the token guards these; the page asks for it
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}
ASSETS = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/static/desk.js": ("desk.js", "text/javascript; charset=utf-8"),
    "/static/desk.css": ("desk.css", "text/css; charset=utf-8"),
}


class ApiError(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message, "status": status}, status_code=status, headers=headers)


def busy_response() -> JSONResponse:
    return error_response(503, f"the service is busy; retry after {RETRY_AFTER} s", {"Retry-After": str(RETRY_AFTER)})


def load_assets() -> dict[str, tuple[bytes, str]]:
    folder = resources.files("lint.server") / "static"
    return {route: ((folder / name).read_bytes(), kind) for route, (name, kind) in ASSETS.items()}


class Guard:
    """Pure ASGI middleware: bearer token on the protected endpoints, metrics and one access-log line
    per request (method, route, status, sizes, time — never the article)."""

    def __init__(self, app: ASGIApp, token: str | None, metrics: Metrics, max_active: int) -> None:
        self.app, self.token, self.metrics = app, token, metrics
        self.expected = f"Bearer {token}".encode() if token else None
        self.counter = 0
        # Check requests still sending their bodies count too: their memory is bounded, not only the
        # admitted checks (lint/server/pool.py).
        self.max_active = max_active
        self.active = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        self.counter += 1
        endpoint = ENDPOINTS.get(scope["path"], "other")
        answer = {"status": 500, "bytes": 0}

        async def observed(message: Message) -> None:
            if message["type"] == "http.response.start":
                answer["status"] = message["status"]
            elif message["type"] == "http.response.body":
                answer["bytes"] += len(message.get("body", b""))
            await send(message)

        headers = dict(scope.get("headers") or [])
        checking = endpoint in ("check", "batch")
        if checking:
            self.active += 1
        try:
            if (
                self.expected is not None
                and endpoint in PROTECTED
                and scope["method"] != "OPTIONS"
                and not hmac.compare_digest(headers.get(b"authorization", b""), self.expected)
            ):
                problem = "wrong bearer token" if b"authorization" in headers else "a bearer token is required"
                response = error_response(401, problem, {"WWW-Authenticate": 'Bearer realm="editorial-lint"'})
                await response(scope, receive, observed)
            elif checking and self.active > self.max_active:
                await busy_response()(scope, receive, observed)
            else:
                await self.app(scope, receive, observed)
        finally:
            if checking:
                self.active -= 1
            seconds = time.perf_counter() - started
            declared = headers.get(b"content-length", b"0")
            self.metrics.observe(endpoint, scope["method"], answer["status"], seconds)
            client = scope.get("client")
            access_log.info(
                "request",
                extra={
                    "event": "request",
                    "id": self.counter,
                    "method": scope["method"],
                    "endpoint": endpoint,
                    "path": scope["path"][:200] if endpoint != "other" else "(other)",
                    "status": answer["status"],
                    "bytes_in": int(declared) if declared.isdigit() else None,
                    "bytes_out": answer["bytes"],
                    "ms": round(seconds * 1000, 2),
                    "client": client[0] if client else None,
                },
            )


def create_app(
    worker_options: dict[str, Any],
    limits: Limits,
    rules_body: bytes,
    token: str | None = None,
    on_ready: Callable[[], None] | None = None,
) -> Starlette:
    pool = Pool(worker_options, limits.workers, limits.queue, limits.timeout)
    metrics = Metrics(lambda: len(pool.workers), lambda: pool.admitted)
    assets = load_assets()
    document = json.dumps(openapi(limits, bool(token)), ensure_ascii=False).encode()

    async def read_body(request: Request) -> bytes:
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind != "application/json":
            raise ApiError(415, f"send the request as application/json, not {kind or 'without a Content-Type'}")
        declared = request.headers.get("content-length")
        too_big = f"request body over the limit of {limits.max_body} bytes (max-file-size)"
        if declared is not None and declared.isdigit() and int(declared) > limits.max_body:
            raise ApiError(413, too_big)
        if pool.admitted >= pool.capacity:  # refuse before taking the body in
            raise ApiError(503, busy_message(), {"Retry-After": str(RETRY_AFTER)})
        chunks, total = [], 0
        try:
            async with asyncio.timeout(limits.timeout):
                async for chunk in request.stream():
                    total += len(chunk)
                    if total > limits.max_body:
                        raise ApiError(413, too_big)
                    chunks.append(chunk)
        except TimeoutError:
            raise ApiError(408, f"the request body did not arrive within {limits.timeout:g} s") from None
        return b"".join(chunks)

    def busy_message() -> str:
        return f"the service is busy ({pool.capacity} checks running or waiting); retry after {RETRY_AFTER} s"

    async def dispatch(operation: int, body: bytes) -> Response:
        try:
            status, data = await pool.run(operation, body)
        except Saturated:
            raise ApiError(503, busy_message(), {"Retry-After": str(RETRY_AFTER)}) from None
        except TimedOut:
            raise ApiError(
                504, f"the check took longer than the time limit of {limits.timeout:g} s and was stopped"
            ) from None
        except WorkerLost:
            raise ApiError(500, "the checking worker stopped unexpectedly; it has been replaced, retry") from None
        return Response(data, status_code=status, media_type="application/json")

    async def check(request: Request) -> Response:
        return await dispatch(protocol.CHECK, await read_body(request))

    async def check_batch(request: Request) -> Response:
        return await dispatch(protocol.BATCH, await read_body(request))

    async def rules(request: Request) -> Response:
        return Response(rules_body, media_type="application/json")

    async def healthz(request: Request) -> Response:
        stats = pool.stats()
        body = {
            "status": "ok" if stats.ready else "unavailable",
            "workers": stats.size,
            "workers_ready": stats.ready,
            "busy": stats.busy,
            "admitted": stats.admitted,
            "capacity": stats.capacity,
        }
        return JSONResponse(body, status_code=200 if stats.ready else 503)

    async def metrics_endpoint(request: Request) -> Response:
        return Response(metrics.render(), media_type=METRICS_TYPE)

    async def openapi_endpoint(request: Request) -> Response:
        return Response(document, media_type="application/json")

    async def asset(request: Request) -> Response:
        data, kind = assets[request.url.path]
        return Response(data, media_type=kind, headers=PAGE_HEADERS)

    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return error_response(exc.status, exc.message, exc.headers)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        messages = {
            404: f"no such endpoint: {request.url.path[:200]}",
            405: f"method {request.method} not allowed here",
        }
        return error_response(exc.status_code, messages.get(exc.status_code, str(exc.detail)), dict(exc.headers or {}))

    async def internal_error(request: Request, exc: Exception) -> Response:
        log.exception("internal error", exc_info=exc, extra={"event": "internal-error"})
        return error_response(500, "internal error (the server log has the details)")

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            await pool.start()
        except StartupError as exc:
            log.error("%s", exc, extra={"event": "startup-failed"})
            raise
        if on_ready is not None:
            on_ready()
        try:
            yield
        finally:
            log.info("stopping the checking workers", extra={"event": "shutdown"})
            await pool.close()

    routes = [
        Route("/", asset, methods=["GET"]),
        Route("/static/desk.js", asset, methods=["GET"]),
        Route("/static/desk.css", asset, methods=["GET"]),
        Route("/v1/check", check, methods=["POST"]),
        Route("/v1/check/batch", check_batch, methods=["POST"]),
        Route("/v1/rules", rules, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/metrics", metrics_endpoint, methods=["GET"]),
        Route("/openapi.json", openapi_endpoint, methods=["GET"]),
    ]
    middleware = []
    if limits.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(limits.cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Authorization", "Content-Type"],
                max_age=600,
            )
        )
    middleware.append(Middleware(Guard, token=token, metrics=metrics, max_active=4 * pool.capacity + 16))
    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={ApiError: api_error, HTTPException: http_error, Exception: internal_error},
        lifespan=lifespan,
    )
    app.state.pool = pool
    return app
