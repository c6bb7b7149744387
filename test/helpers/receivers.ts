import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface WebhookReceiver {
  url: string;
  /** Every request received, with the status it was answered with. */
  received: { body: string; signature: string; headers: Record<string, string>; answered: number }[];
  close(): Promise<void>;
}

/** An HTTP endpoint that answers the first `failures` requests with 503, then 204. */
export async function startWebhookReceiver(failures = 0): Promise<WebhookReceiver> {
  const received: WebhookReceiver['received'] = [];
  let failuresLeft = failures;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answered = failuresLeft-- > 0 ? 503 : 204;
      const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
      received.push({ body: Buffer.concat(chunks).toString(), signature: String(request.headers['folio-signature']), headers, answered });
      response.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/folio`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface SmtpSink {
  url: string;
  /** Every message accepted: envelope recipients and raw content. */
  inbox: { to: string[]; raw: string }[];
  close(): Promise<void>;
}

/** A local SMTP server that accepts every message and keeps it for the test to read. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const inbox: SmtpSink['inbox'] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        inbox.push({ to: session.envelope.rcptTo.map((address) => address.address), raw: Buffer.concat(chunks).toString() });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    inbox,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Polls until `done()` or about ten seconds have passed. */
export async function eventually(done: () => boolean | Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 100 && !(await done()); attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
}

/** Checks a Folio-Signature header the way a receiver would. */
export function signatureHolds(secret: string, body: string, header: string): boolean {
  const [, timestamp, digest] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header) ?? [];
  if (!timestamp || !digest || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex') === digest;
}

/**
 * A graphql-ws subscription is active some time after `subscribe` returns (later still on a busy
 * machine). Publishes a probe until one arrives, so a test never triggers its real event too early.
 */
export async function untilSubscribed(publishProbe: () => void, probesSeen: () => number): Promise<void> {
  await eventually(() => {
    if (probesSeen() > 0) return true;
    publishProbe();
    return false;
  });
  if (probesSeen() === 0) throw new Error('the subscription never became active');
}
