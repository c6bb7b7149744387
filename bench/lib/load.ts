import http from 'node:http';

export interface LoadResult {
  name: string;
  requests: number;
  errors: number;
  seconds: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  /** Over the rounds a median was taken from: the lowest and highest of each. */
  spread?: { throughput: [number, number]; p95: [number, number] };
  /** CPU milliseconds per request: of the server under test, and of PostgreSQL (its backends). */
  cpuMs?: { server: number; postgres: number };
}

export interface LoadOptions {
  name: string;
  /** One endpoint, or several taken in turn (instances behind a round-robin balancer). */
  url: string | string[];
  concurrency: number;
  durationMs: number;
  /** Body of the next request (called once per request). */
  body: () => string;
  headers?: Record<string, string>;
  /** Whether an answer counts as a success (default: HTTP 200 without GraphQL errors). */
  check?: (text: string) => boolean;
}

/** Keeps `concurrency` requests in flight for the duration over keep-alive connections; exact percentiles. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const targets = (Array.isArray(options.url) ? options.url : [options.url]).map((url) => new URL(url));
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  let turn = 0;
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;

  const worker = async () => {
    while (performance.now() < deadline) {
      const begin = performance.now();
      const ok = await post(agent, targets[turn++ % targets.length]!, options.body(), options.headers ?? {}, options.check);
      latencies.push(performance.now() - begin);
      if (!ok) errors++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  agent.destroy();
  return summarize(options.name, latencies, (performance.now() - started) / 1000, errors);
}

/** Exact percentiles of the latencies (ms) of a run that took `seconds`. */
export function summarize(name: string, latencies: number[], seconds: number, errors: number): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return {
    name,
    requests: sorted.length,
    errors,
    seconds: round(seconds),
    throughput: round(sorted.length / seconds),
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
  };
}

function post(agent: http.Agent, url: URL, body: string, headers: Record<string, string>, check?: (text: string) => boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          resolve(response.statusCode === 200 && !text.includes('"errors"') && (check?.(text) ?? true));
        });
      },
    );
    request.on('error', () => resolve(false));
    request.end(body);
  });
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
