import type { IncomingMessage } from 'node:http';

/** The caller's address: the socket's, or behind a trusted proxy the last X-Forwarded-For entry (the one it added). */
export function clientAddress(request: Request | undefined, req: IncomingMessage | undefined, trustProxy: boolean): string | null {
  const header = request?.headers.get('x-forwarded-for') ?? req?.headers['x-forwarded-for'];
  const forwarded = trustProxy
    ? (Array.isArray(header) ? header.join(',') : header)
        ?.split(',')
        .map((entry) => entry.trim())
        .filter(Boolean)
        .pop()
    : undefined;
  return forwarded ?? req?.socket.remoteAddress ?? null;
}
