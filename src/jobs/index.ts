import type { TaskList } from 'graphile-worker';
import type { DefinedTask, JobContext } from './kit.js';

/** Every task the worker runs; each lives in its own file under src/jobs/<domain>/. */
const tasks: DefinedTask[] = [];

/** Recurring tasks, in graphile-worker's crontab format. */
export const crontab = [].join('\n');

export function buildTaskList(context: JobContext): TaskList {
  return Object.fromEntries(tasks.map((task) => [task.name, task.toTask(context)]));
}
