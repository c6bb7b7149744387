import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../src/db/database.js';
import type { LoadResult } from './load.js';

const FILE = new URL('../../BENCHMARKS.md', import.meta.url);
const HEADER = `# Folio benchmarks

Written by \`npm run bench\`; each section is replaced when its benchmark runs again. Latencies are
measured by the load generator over loopback on the same machine (so they include HTTP and JSON),
with a fixed number of requests in flight. Ratios compare against a baseline measured in the same run.
`;

export function machineDescription(postgresVersion: string): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}, ${postgresVersion}`;
}

/** "the 1,000,000-book database": the catalogue a run measured, counted rather than assumed. */
export async function catalogueDescription(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ books: number }>`SELECT count(*)::int AS books FROM books`.execute(db);
  return `the ${(rows[0]?.books ?? 0).toLocaleString('en-US')}-book database`;
}

export function resultTable(results: LoadResult[], baseline?: LoadResult): string {
  // Medians of several rounds show the spread of those rounds beside them.
  const spread = results.some((r) => r.spread);
  // CPU per request explains a throughput: it moves far less with the machine's pace than req/s do.
  const cpu = results.some((r) => r.cpuMs);
  const range = ([low, high]: [number, number]) => `${low}–${high}`;
  const rows = results.map((r) => {
    const ratio = baseline ? `${Math.round((r.throughput / baseline.throughput) * 100)} %` : '';
    const spreads = spread ? ` ${r.spread ? range(r.spread.throughput) : ''} | ${r.spread ? range(r.spread.p95) : ''} |` : '';
    const cpuCells = cpu ? ` ${r.cpuMs ? `${r.cpuMs.server} + ${r.cpuMs.postgres}` : ''} |` : '';
    return `| ${r.name} | ${r.requests} | ${r.errors} | ${r.throughput} | ${r.p50} | ${r.p95} | ${r.p99} |${spreads}${cpuCells} ${ratio} |`;
  });
  return [
    `| scenario | requests | errors | req/s | p50 ms | p95 ms | p99 ms |${spread ? ' req/s, rounds min–max | p95 ms, rounds min–max |' : ''}${cpu ? ' CPU ms/request (Folio + PostgreSQL) |' : ''} throughput vs baseline |`,
    `|---|---:|---:|---:|---:|---:|---:|${spread ? '---:|---:|' : ''}${cpu ? '---:|' : ''}---:|`,
    ...rows,
  ].join('\n');
}

/** Replaces (or appends) the section between this benchmark's markers, keeping every other section. */
export function writeSection(id: string, markdown: string): void {
  const current = existsSync(FILE) ? readFileSync(FILE, 'utf8') : HEADER;
  const start = `<!-- ${id}:start -->`;
  const end = `<!-- ${id}:end -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const pattern = new RegExp(`${start}[\\s\\S]*?${end}`);
  const next = pattern.test(current) ? current.replace(pattern, block) : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(FILE, next);
}
