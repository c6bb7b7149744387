import { readFileSync } from 'node:fs';

/** The parts of V8's `.cpuprofile` format (written by `node --cpu-prof`) a self-time summary needs. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  /** `function (where:line)` or `(garbage collector)` and V8's other pseudo-frames. */
  name: string;
  /** Share of the busy samples (idle excluded), 0–1. */
  share: number;
}

export interface ProfileSummary {
  /** Time the process was busy over the profile, in ms (idle excluded). */
  busyMs: number;
  functions: SelfTime[];
  /** The same self time summed by package (`graphql`, `pg`, `@envelop/core`, …), by Folio folder, or by Node's internals. */
  packages: SelfTime[];
}

/** Where a frame's code lives: a package name, a folder of Folio's own code, `node` for Node's internals. */
function ownerOf(url: string): string {
  if (url === '') return '(V8)';
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage) return inPackage[1]!;
  if (url.startsWith('node:')) return 'node';
  const own = /\/(src|bench)\/(.*)\/[^/]+$/.exec(url) ?? /\/(src|bench)\/[^/]+$/.exec(url);
  if (own) return own[2] ? `${own[1]}/${own[2]}` : own[1]!;
  return url;
}

function shortUrl(url: string): string {
  const inPackage = /node_modules\/(.*)$/.exec(url);
  if (inPackage) return inPackage[1]!;
  const own = /\/((?:src|bench)\/.*)$/.exec(url);
  return own ? own[1]! : url.replace(/^node:/, 'node:');
}

function ranked(totals: Map<string, number>, busy: number, limit: number): SelfTime[] {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, time]) => ({ name, share: time / busy }));
}

/** The frames of the profiler's own work (stopping and serialising the profile), which the load did not cause. */
function profilersOwn(profile: CpuProfile): Set<number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const own = new Set<number>();
  const mark = (id: number) => {
    own.add(id);
    for (const child of byId.get(id)?.children ?? []) mark(child);
  };
  for (const node of profile.nodes) if (node.callFrame.url.endsWith('profile-on-signal.ts')) mark(node.id);
  return own;
}

/** Self time per function and per package over the whole profile, largest first. */
export function summarizeProfile(file: string, limit = 12): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const profiler = profilersOwn(profile);
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((nodeId, i) => {
    const frame = frames.get(nodeId)!;
    if (frame.functionName === '(idle)' || profiler.has(nodeId)) return;
    const time = profile.timeDeltas[i] ?? 0;
    busy += time;
    // Code compiled on load (tsx) reports line 0 for everything: no line then, rather than a wrong one.
    const line = frame.lineNumber > 0 ? `:${frame.lineNumber + 1}` : '';
    const name = frame.url ? `${frame.functionName || '(anonymous)'} (${shortUrl(frame.url)}${line})` : frame.functionName;
    byFunction.set(name, (byFunction.get(name) ?? 0) + time);
    const owner = frame.url ? ownerOf(frame.url) : frame.functionName;
    byPackage.set(owner, (byPackage.get(owner) ?? 0) + time);
  });
  return { busyMs: busy / 1000, functions: ranked(byFunction, busy, limit), packages: ranked(byPackage, busy, limit) };
}

/**
 * A summary as Markdown, in CPU time per request (comparable across scenarios and servers, unlike shares):
 * the packages on one line, then the top functions as a list.
 */
export function profileMarkdown(summary: ProfileSummary, requests: number, functions = 8): string {
  const perRequest = (share: number) => `${Math.round((share * summary.busyMs * 1000) / requests)} µs`;
  const packages = summary.packages.map((entry) => `${entry.name} ${perRequest(entry.share)}`).join(', ');
  const top = summary.functions.slice(0, functions).map((entry) => `  - ${perRequest(entry.share)} \`${entry.name}\``);
  return [`CPU per request: **${perRequest(1)}** (${requests} requests).`, `By package: ${packages}.`, 'Top functions by self time, per request:', ...top].join(
    '\n',
  );
}
