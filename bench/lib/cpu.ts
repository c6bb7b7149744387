import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

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

/**
 * The share of the machine's CPU that processes outside the benchmark used while `measure` ran: the
 * benchmark is this process and its children (servers under test, load generator) and the benchmark's
 * PostgreSQL (the server whose command line names `dataDir`, and its backends). Null where /proc is missing.
 */
export async function othersShare<T>(dataDir: string, measure: () => Promise<T>): Promise<{ result: T; othersShare: number | null }> {
  const before = snapshot();
  const result = await measure();
  const after = snapshot();
  if (!before || !after || after.total <= before.total) return { result, othersShare: null };
  const roots = [...after.processes.entries()].filter(([pid, p]) => pid === process.pid || p.command.includes(dataDir)).map(([pid]) => pid);
  const ours = new Set(roots);
  // Descendants of the roots, however deep (servers spawned by the runner, backends of the postmaster).
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, p] of after.processes) {
      if (ours.has(pid) || !ours.has(p.parent)) continue;
      ours.add(pid);
      grew = true;
    }
  }
  let ourTicks = 0;
  for (const pid of ours) ourTicks += (after.processes.get(pid)?.ticks ?? 0) - (before.processes.get(pid)?.ticks ?? 0);
  const busy = after.busy - before.busy;
  // /proc/stat counts every core; a process's ticks are per core too, so both are in the same unit.
  return { result, othersShare: Math.max(0, busy - ourTicks) / (after.total - before.total) };
}

export const CPU_COUNT = os.cpus().length;
