import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import type { LoadResult } from './load.js';

/** CPU time (clock ticks) used so far: by the whole machine, and by each process. */
interface CpuSnapshot {
  busy: number;
  total: number;
  processes: Map<number, { parent: number; ticks: number; command: string }>;
}

function snapshot(): CpuSnapshot | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    const total = fields.reduce((sum, value) => sum + value, 0);
    const processes = new Map<number, { parent: number; ticks: number; command: string }>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const close = stat.lastIndexOf(')');
        const rest = stat.slice(close + 2).split(' ');
        const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
        processes.set(Number(entry), { parent: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]), command });
      } catch {
        // the process ended while being read
      }
    }
    return { busy: total - idle, total, processes };
  } catch {
    return null; // not Linux: no /proc
  }
}

/** Where the CPU went while something was measured: seconds of CPU by party, and the share others took. */
export interface CpuUse<T> {
  result: T;
  /** Share of the whole machine used by processes outside the benchmark (null without /proc). */
  othersShare: number | null;
  /** CPU seconds of the process `serverPid` (with its children), and of the benchmark's PostgreSQL. */
  serverSeconds: number | null;
  postgresSeconds: number | null;
}

const TICKS_PER_SECOND = 100; // USER_HZ: what /proc/<pid>/stat counts in on Linux

/** The pids of `roots` and of their descendants, however deep (servers spawned by the runner, backends of a postmaster). */
function withDescendants(processes: CpuSnapshot['processes'], roots: number[]): Set<number> {
  const ours = new Set(roots);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, p] of processes) {
      if (ours.has(pid) || !ours.has(p.parent)) continue;
      ours.add(pid);
      grew = true;
    }
  }
  return ours;
}

function ticksOf(pids: Set<number>, before: CpuSnapshot, after: CpuSnapshot): number {
  let ticks = 0;
  for (const pid of pids) ticks += (after.processes.get(pid)?.ticks ?? 0) - (before.processes.get(pid)?.ticks ?? 0);
  return ticks;
}

/**
 * The CPU used while `measure` ran: by the server under test (`serverPid`), by the benchmark's
 * PostgreSQL (the server whose command line names `dataDir`, and its backends), and the share that
 * processes outside the benchmark (this process and its children, and that PostgreSQL) took.
 */
export async function cpuDuring<T>(dataDir: string, measure: () => Promise<T>, serverPid?: number): Promise<CpuUse<T>> {
  const before = snapshot();
  const result = await measure();
  const after = snapshot();
  if (!before || !after || after.total <= before.total) return { result, othersShare: null, serverSeconds: null, postgresSeconds: null };
  const postmasters = [...after.processes.entries()].filter(([, p]) => p.command.includes(dataDir)).map(([pid]) => pid);
  const postgres = withDescendants(after.processes, postmasters);
  const ours = withDescendants(after.processes, [process.pid, ...postmasters]);
  const busy = after.busy - before.busy;
  // /proc/stat counts every core; a process's ticks are per core too, so both are in the same unit.
  return {
    result,
    othersShare: Math.max(0, busy - ticksOf(ours, before, after)) / (after.total - before.total),
    serverSeconds: serverPid === undefined ? null : ticksOf(withDescendants(after.processes, [serverPid]), before, after) / TICKS_PER_SECOND,
    postgresSeconds: ticksOf(postgres, before, after) / TICKS_PER_SECOND,
  };
}

/**
 * A load's result with the CPU its server (`serverPid`) and PostgreSQL used per request beside it
 * (`cpuMs`), and the share of the machine that processes outside the benchmark took meanwhile.
 */
export async function loadWithCpu(
  dataDir: string,
  measure: () => Promise<LoadResult>,
  serverPid: number,
): Promise<{ result: LoadResult; othersShare: number | null }> {
  const use = await cpuDuring(dataDir, measure, serverPid);
  const result = use.result;
  if (use.serverSeconds === null || use.postgresSeconds === null || result.requests === 0) return { result, othersShare: use.othersShare };
  const perRequest = (seconds: number) => Math.round((seconds * 1000 * 100) / result.requests) / 100;
  return { result: { ...result, cpuMs: { server: perRequest(use.serverSeconds), postgres: perRequest(use.postgresSeconds) } }, othersShare: use.othersShare };
}

export const CPU_COUNT = os.cpus().length;
