import type { IncomingMessage, ServerResponse } from 'node:http';
import { tryParseIsbn } from '../lib/isbn.js';

/** An answer other than 200, with the JSON body and headers a partner API would send. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body.error ?? status));
  }
}

export function badRequest(message: string): HttpError {
  return new HttpError(400, { error: 'BAD_REQUEST', message });
}

export function isbnOf(raw: string): string {
  const isbn13 = tryParseIsbn(raw);
  if (!isbn13) throw new HttpError(400, { error: 'INVALID_ISBN', isbn: raw });
  return isbn13;
}

export async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 1_000_000) throw new HttpError(413, { error: 'BODY_TOO_LARGE' });
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw badRequest('body is not valid JSON');
  }
}

export function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (response.headersSent) return;
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}
