import { createDatabase } from '../src/db/connect.js';
import { createSearchService } from '../src/resolvers/catalog/search-service.js';
import { searchMix } from './catalog.js';
const url = 'postgres://postgres@127.0.0.1:5432/folio_bench';
const { db } = createDatabase({ connectionString: url, poolSize: 4 });
const search = createSearchService(db);
const next = await searchMix(url);
const rows: { v: string; page: number; summary: number; total: number; mode: string }[] = [];
for (let i = 0; i < 400; i++) {
  const body = JSON.parse(next());
  const v = body.variables;
  const t0 = performance.now();
  const r = await search.searchBooks({ query: v.query, filter: v.filter?.categoryIds ? { ...v.filter, categoryIds: v.filter.categoryIds.map((id: string) => Number(Buffer.from(id, 'base64').toString().split(':')[1])) } : v.filter, sort: v.sort ?? 'RELEVANCE', first: 20 });
  const t1 = performance.now();
  const s = await r.summary();
  const t2 = performance.now();
  rows.push({ v: JSON.stringify(v), page: t1 - t0, summary: t2 - t1, total: s.totalCount, mode: r.mode });
}
const q = (xs: number[], p: number) => xs.sort((a, b) => a - b)[Math.floor(p * xs.length)]!.toFixed(1);
console.log('page p50/p95', q(rows.map((r) => r.page), 0.5), q(rows.map((r) => r.page), 0.95), 'summary p50/p95', q(rows.map((r) => r.summary), 0.5), q(rows.map((r) => r.summary), 0.95));
for (const r of rows.sort((a, b) => b.page + b.summary - a.page - a.summary).slice(0, 20)) console.log(r.page.toFixed(0), r.summary.toFixed(0), r.total, r.mode, r.v);
await db.destroy();
