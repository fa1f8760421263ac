"""Prometheus metrics of the service process: requests by endpoint and status, latency, workers, load."""

from __future__ import annotations

from collections.abc import Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, disable_created_metrics, generate_latest
from prometheus_client.process_collector import ProcessCollector

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class Metrics:
    def __init__(self, workers_ready: Callable[[], int], admitted: Callable[[], int]) -> None:
        disable_created_metrics()  # no *_created series: they only double what a scrape shows
        self.registry = CollectorRegistry()
        ProcessCollector(registry=self.registry)
        self.requests = Counter(
            "editorial_lint_requests",
            "HTTP requests answered, by endpoint, method and status",
            ["endpoint", "method", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "editorial_lint_request_duration_seconds",
            "Time from request to response, by endpoint",
            ["endpoint"],
            buckets=BUCKETS,
            registry=self.registry,
        )
        ready = Gauge("editorial_lint_workers_ready", "Checking workers ready", registry=self.registry)
        ready.set_function(lambda: float(workers_ready()))
        load = Gauge("editorial_lint_checks_admitted", "Checks running or waiting for a worker", registry=self.registry)
        load.set_function(lambda: float(admitted()))

    def observe(self, endpoint: str, method: str, status: int, seconds: float) -> None:
        self.requests.labels(endpoint, method, str(status)).inc()
        self.latency.labels(endpoint).observe(seconds)

    def render(self) -> bytes:
        return generate_latest(self.registry)
