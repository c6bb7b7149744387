import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON lines on stdout; one logger per process, children carry request and job ids. */
export function createLogger(level: string, name = 'folio'): Logger {
  return pino({ name, level, base: { pid: process.pid } });
}
