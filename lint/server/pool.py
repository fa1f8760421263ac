"""The checking workers and the bounded way requests reach them.

N worker processes, each holding one loaded pack. A request is admitted only while fewer than
``workers + queue`` are admitted; otherwise it is refused at once (503, Retry-After) — there is never an
unbounded queue. An admitted request waits at most the time limit for a free worker. A worker that does not
answer within the time limit is killed (so a runaway check cannot hold a core) and replaced.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import sys
from dataclasses import dataclass
from typing import Any

from lint.server import protocol

log = logging.getLogger("editorial_lint.server")


class Saturated(Exception):
    """Every worker is busy and the bounded queue is full (or the wait for a worker ran out)."""


class TimedOut(Exception):
    """The check took longer than the time limit; its worker was stopped."""


class WorkerLost(Exception):
    """The worker stopped while checking (it is replaced)."""


class StartupError(Exception):
    pass


class Worker:
    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process

    @classmethod
    async def start(cls, options: dict[str, Any], timeout: float) -> Worker:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "lint.server.worker",
            json.dumps(options),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            limit=1 << 20,
        )
        worker = cls(process)
        try:
            status, data = await asyncio.wait_for(worker._reply(), timeout)
        except (TimeoutError, asyncio.IncompleteReadError) as exc:
            worker.kill()
            raise StartupError(f"a checking worker did not start ({type(exc).__name__})") from None
        if status != 200:
            worker.kill()
            raise StartupError(json.loads(data).get("error", "a checking worker did not start"))
        return worker

    async def _reply(self) -> tuple[int, bytes]:
        assert self.process.stdout is not None
        header = await self.process.stdout.readexactly(protocol.REPLY.size)
        status, size = protocol.REPLY.unpack(header)
        return status, await self.process.stdout.readexactly(size)

    async def call(self, operation: int, body: bytes) -> tuple[int, bytes]:
        assert self.process.stdin is not None
        self.process.stdin.write(protocol.REQUEST.pack(operation, len(body)) + body)
        await self.process.stdin.drain()
        return await self._reply()

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            self.process.kill()

    async def close(self, grace: float) -> None:
        """EOF on stdin ends the worker; one that does not end within ``grace`` seconds is killed."""
        if self.process.stdin is not None:
            with contextlib.suppress(Exception):
                self.process.stdin.close()
        try:
            await asyncio.wait_for(self.process.wait(), grace)
        except TimeoutError:
            self.kill()
            await self.process.wait()


@dataclass
class PoolStats:
    size: int
    ready: int
    busy: int
    admitted: int
    capacity: int


class Pool:
    def __init__(self, options: dict[str, Any], size: int, queue: int, timeout: float) -> None:
        self.options = options
        self.size = size
        self.capacity = size + queue
        self.timeout = timeout
        self.idle: asyncio.Queue[Worker] = asyncio.Queue()
        self.workers: set[Worker] = set()
        self.admitted = 0
        self.busy = 0
        self.closing = False
        self._replacing: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        started = await asyncio.gather(
            *(Worker.start(self.options, self.start_timeout) for _ in range(self.size)), return_exceptions=True
        )
        problems = [w for w in started if isinstance(w, BaseException)]
        for worker in started:
            if isinstance(worker, Worker):
                self.workers.add(worker)
                self.idle.put_nowait(worker)
        if problems:
            await self.close()
            raise StartupError(str(problems[0]))

    @property
    def start_timeout(self) -> float:
        return 120.0

    def stats(self) -> PoolStats:
        return PoolStats(self.size, len(self.workers), self.busy, self.admitted, self.capacity)

    async def run(self, operation: int, body: bytes) -> tuple[int, bytes]:
        if self.closing or self.admitted >= self.capacity:
            raise Saturated
        self.admitted += 1
        try:
            try:
                worker = await asyncio.wait_for(self.idle.get(), self.timeout)
            except TimeoutError:
                raise Saturated from None
            self.busy += 1
            try:
                reply = await asyncio.wait_for(worker.call(operation, body), self.timeout)
            except TimeoutError:
                self._replace(worker, "stopped after the time limit")
                raise TimedOut from None
            except (asyncio.IncompleteReadError, BrokenPipeError, ConnectionResetError):
                self._replace(worker, "stopped unexpectedly")
                raise WorkerLost from None
            except asyncio.CancelledError:  # the reply is half-read: the worker cannot be trusted again
                self._replace(worker, "was interrupted mid-request")
                raise
            finally:
                self.busy -= 1
            self.idle.put_nowait(worker)
            return reply
        finally:
            self.admitted -= 1

    def _replace(self, worker: Worker, why: str) -> None:
        worker.kill()
        self.workers.discard(worker)
        log.warning("a checking worker %s; starting a new one", why, extra={"event": "worker-replaced"})
        if self.closing:
            return
        task = asyncio.get_running_loop().create_task(self._respawn())
        self._replacing.add(task)
        task.add_done_callback(self._replacing.discard)

    async def _respawn(self) -> None:
        delay = 0.5
        for _attempt in range(20):  # bounded: a worker that can never start again leaves the pool smaller
            try:
                worker = await Worker.start(self.options, self.start_timeout)
            except StartupError as exc:
                log.error("a replacement worker did not start: %s", exc, extra={"event": "worker-start-failed"})
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)
                continue
            if self.closing:
                await worker.close(1.0)
                return
            self.workers.add(worker)
            self.idle.put_nowait(worker)
            return

    async def close(self, grace: float = 5.0) -> None:
        self.closing = True
        for task in list(self._replacing):
            task.cancel()
        await asyncio.gather(*(worker.close(grace) for worker in list(self.workers)), return_exceptions=True)
        self.workers.clear()
