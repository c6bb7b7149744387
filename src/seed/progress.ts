import { SingleBar } from 'cli-progress';

/** A progress bar on a terminal; a line every few seconds elsewhere (CI logs, pipes). */
export function progressReporter(label: string): { update(done: number, total: number): void; stop(): void } {
  if (process.stdout.isTTY) {
    const bar = new SingleBar({ format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta}s left`, hideCursor: true });
    let started = false;
    return {
      update(done, total) {
        if (!started) {
          bar.start(total, 0);
          started = true;
        }
        bar.update(Math.min(done, total));
      },
      stop: () => bar.stop(),
    };
  }
  let last = 0;
  return {
    update(done, total) {
      if (Date.now() - last < 5_000 && done < total) return;
      last = Date.now();
      console.log(`${label}: ${done}/${total} (${Math.round((done / total) * 100)}%)`);
    },
    stop: () => undefined,
  };
}
