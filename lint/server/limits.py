"""The service's limits and switches, fixed at start-up (`editorial-lint serve` options)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field

DEFAULT_TIMEOUT = 10.0  # seconds per request; pattern searches have their own, shorter limit
DEFAULT_MAX_BATCH = 20
RETRY_AFTER = 1  # seconds a refused client is asked to wait


@dataclass(frozen=True)
class Limits:
    max_body: int  # bytes; the configuration's max-file-size
    timeout: float = DEFAULT_TIMEOUT
    max_batch: int = DEFAULT_MAX_BATCH
    workers: int = 1
    queue: int = 2
    cors_origins: tuple[str, ...] = field(default_factory=tuple)
    graceful_timeout: int = 30


def is_loopback(host: str) -> bool:
    """Whether binding ``host`` keeps the service on this machine (a token is optional only then)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
