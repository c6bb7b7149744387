import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

/**
 * Preloaded into a benchmarked server (`--import`): SIGUSR2 starts a CPU profile, the next SIGUSR2 writes it
 * to BENCH_PROFILE_FILE. Unlike `--cpu-prof` (start to exit), the profile then holds only the measured load,
 * not start-up (reading a million-book search index) or shutdown.
 */
const file = process.env.BENCH_PROFILE_FILE;
if (file) {
  const session = new Session();
  session.connect();
  let profiling = false;
  process.on('SIGUSR2', () => {
    if (!profiling) {
      profiling = true;
      session.post('Profiler.enable', () => session.post('Profiler.start'));
      return;
    }
    profiling = false;
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(file, JSON.stringify(result.profile));
    });
  });
}
