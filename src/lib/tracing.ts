import { type Attributes, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/**
 * OpenTelemetry tracing: a span per GraphQL operation (envelop's plugin), with the SQL statements and
 * partner calls it made as children. Off unless an exporter is configured; then the OpenTelemetry API is a
 * no-op and spans cost nothing.
 */
export const tracer = trace.getTracer('folio');

let provider: NodeTracerProvider | null = null;

export interface TracingOptions {
  serviceName: string;
  /** OTLP over HTTP (e.g. http://collector:4318/v1/traces), batched. */
  otlpEndpoint?: string;
  /** Any other exporter, each span as it ends (tests use an in-memory one). */
  exporter?: SpanExporter;
}

/** Starts tracing for this process when an exporter is configured; returns whether it did. */
export function startTracing(options: TracingOptions): boolean {
  if (provider || (!options.otlpEndpoint && !options.exporter)) return provider !== null;
  provider = new NodeTracerProvider({ resource: new Resource({ 'service.name': options.serviceName }) });
  if (options.otlpEndpoint) provider.addSpanProcessor(new BatchSpanProcessor(new OTLPTraceExporter({ url: options.otlpEndpoint })));
  if (options.exporter) provider.addSpanProcessor(new SimpleSpanProcessor(options.exporter));
  provider.register();
  return true;
}

export function tracingStarted(): boolean {
  return provider !== null;
}

/** Sends what is still buffered (at shutdown). */
export async function stopTracing(): Promise<void> {
  await provider?.shutdown();
  provider = null;
}

/** A span's name and attributes, built only when something is being traced (these run on hot paths). */
export type SpanDescription = () => { name: string; attributes: Attributes };

/** Runs `work` in a child span of the active one; outside a traced operation it just runs it. */
export async function inSpan<T>(describe: SpanDescription, work: () => Promise<T>): Promise<T> {
  if (!trace.getActiveSpan()) return work();
  const { name, attributes } = describe();
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work();
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** A span for work already done and timed (a SQL statement, as Kysely reports it), under the active span. */
export function recordSpan(describe: SpanDescription, durationMs: number, failed = false): void {
  if (!trace.getActiveSpan()) return;
  const { name, attributes } = describe();
  const end = Date.now();
  const span = tracer.startSpan(name, { startTime: end - durationMs, attributes });
  if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end(end);
}

/** Tracing as configured (OTEL_EXPORTER_OTLP_ENDPOINT, the collector's base address): on when it is set. */
export function startConfiguredTracing(config: { OTEL_EXPORTER_OTLP_ENDPOINT?: string; OTEL_SERVICE_NAME: string }): boolean {
  const base = config.OTEL_EXPORTER_OTLP_ENDPOINT;
  return startTracing({ serviceName: config.OTEL_SERVICE_NAME, otlpEndpoint: base && `${base.replace(/\/$/, '')}/v1/traces` });
}
