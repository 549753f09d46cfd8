"""OpenTelemetry traces across HTTP and Kafka, off unless configured.

On when ``OTEL_EXPORTER_OTLP_ENDPOINT`` is set (spans go there over OTLP/HTTP, the standard ``OTEL_*`` variables
apply) or, in tests, ``TRACE_FILE`` (each span one JSON line appended to that file). Off, every helper here is a
no-op that costs a function call: the consumer and dispatcher hot paths do not pay for tracing nobody reads.

The context travels
- over HTTP: incoming requests (FastAPI) and outgoing httpx calls carry W3C ``traceparent``;
- through Kafka: ``UnitOfWork.emit`` records the current span's ``traceparent`` with the event, the outbox keeps
  it in its ``traceparent`` column, the relay sends it as a record header, and the consumer runs the handler in
  a span whose parent it is;
- through the database where a job, not a request, continues the work (the planner's dispatcher, the
  publisher's publish loop, the metrics poller): the row stores the ``traceparent`` of the span that created it
  and the job's span is its child (``span(name, parent=row.traceparent)``).
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext

from opentelemetry import trace
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

_PROPAGATOR = TraceContextTextMapPropagator()
_tracer: trace.Tracer | None = None  # set by ``setup`` when tracing is on
HEADER = "traceparent"


def enabled() -> bool:
    return _tracer is not None


def setup(service: str, *, trace_file: str | None) -> bool:
    """Install the process's tracer provider once; True when tracing is on."""
    global _tracer
    if _tracer is not None:
        return True
    endpoint = os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT") or os.environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
    if not endpoint and not trace_file:
        return False
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor

    provider = TracerProvider(resource=Resource.create({"service.name": service}))
    if endpoint:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    if trace_file:
        provider.add_span_processor(SimpleSpanProcessor(JsonLinesExporter(trace_file)))
    trace.set_tracer_provider(provider)
    HTTPXClientInstrumentor().instrument(tracer_provider=provider)
    _tracer = provider.get_tracer("smmkit")
    return True


def instrument_app(app) -> None:
    """Server spans for every request but the probes, continuing the caller's ``traceparent``."""
    if _tracer is None:
        return
    from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
    FastAPIInstrumentor.instrument_app(app, excluded_urls="healthz,readyz,metrics",
                                       tracer_provider=trace.get_tracer_provider())


def current_traceparent() -> str | None:
    """The W3C ``traceparent`` of the current span, to store or send; None when tracing is off or no span."""
    if _tracer is None:
        return None
    carrier: dict[str, str] = {}
    _PROPAGATOR.inject(carrier)
    return carrier.get(HEADER)


def span(name: str, *, parent: str | None = None, kind: trace.SpanKind = trace.SpanKind.INTERNAL,
         attributes: dict | None = None):
    """A span named ``name``, child of ``parent`` (a stored or received ``traceparent``) or of the current one."""
    if _tracer is None:
        return nullcontext()
    context = _PROPAGATOR.extract({HEADER: parent}) if parent else None
    return _tracer.start_as_current_span(name, context=context, kind=kind, attributes=attributes)


def header_value(headers: Sequence[tuple[str, bytes]] | None) -> str | None:
    """The ``traceparent`` of a Kafka record's headers."""
    for key, value in headers or ():
        if key == HEADER and value:
            return value.decode("ascii", "replace")
    return None


@contextmanager
def consume_span(topic: str, consumer: str, headers) -> Iterator[None]:
    """The handler of one consumed record, as a child of the span that wrote the event (its ``traceparent``)."""
    if _tracer is None:
        yield
        return
    with span(f"consume {topic}", parent=header_value(headers), kind=trace.SpanKind.CONSUMER,
              attributes={"messaging.system": "kafka", "messaging.destination.name": topic,
                          "messaging.consumer.group.name": consumer}):
        yield


class JsonLinesExporter:
    """Test exporter: each finished span as one JSON line appended to a file (several processes may share it)."""

    def __init__(self, path: str):
        self.path = path

    def export(self, spans) -> "SpanExportResult":
        from opentelemetry.sdk.trace.export import SpanExportResult
        lines = []
        for s in spans:
            parent = s.parent
            lines.append(json.dumps({
                "service": s.resource.attributes.get("service.name"), "name": s.name,
                "trace_id": format(s.context.trace_id, "032x"), "span_id": format(s.context.span_id, "016x"),
                "parent_span_id": format(parent.span_id, "016x") if parent else None,
                "kind": s.kind.name, "pid": os.getpid(), "attributes": {k: str(v) for k, v in s.attributes.items()},
            }) + "\n")
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, "".join(lines).encode())  # one append per batch: lines of processes do not interleave
        finally:
            os.close(fd)
        return SpanExportResult.SUCCESS

    def shutdown(self) -> None:
        pass

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return True
