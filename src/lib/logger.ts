import { trace } from '@opentelemetry/api';
import { type DestinationStream, pino, type Logger } from 'pino';
import { currentRequestId } from './request-scope.js';

export type { Logger };

/**
 * JSON lines on stdout; one logger per process, children carry job ids. A line written while serving a
 * request carries its `requestId` (also the X-Request-Id response header) and, when traced, its `traceId`.
 */
export function createLogger(level: string, name = 'folio', destination?: DestinationStream): Logger {
  return pino({ name, level, base: { pid: process.pid }, mixin: requestFields }, destination);
}

function requestFields(): Record<string, string> {
  const requestId = currentRequestId();
  const traceId = trace.getActiveSpan()?.spanContext().traceId;
  return { ...(requestId && { requestId }), ...(traceId && { traceId }) };
}
