import type { TaskList } from 'graphile-worker';
import { refreshSearchTermsTask } from './catalog/refresh-search-terms.js';
import type { DefinedTask, JobContext } from './kit.js';
import { refreshOffersTask } from './pricing/refresh-offers.js';
import { scheduleRefreshesTask } from './pricing/schedule-refreshes.js';

/** Every task the worker runs; each lives in its own file under src/jobs/<domain>/. */
const tasks: DefinedTask[] = [refreshSearchTermsTask, scheduleRefreshesTask, refreshOffersTask];

/** Recurring tasks, in graphile-worker's crontab format (job keys keep one of each queued). */
export const crontab = [
  '17 * * * * refresh_search_terms ?jobKey=refresh_search_terms&max=1',
  '* * * * * schedule_refreshes ?jobKey=schedule_refreshes&max=1',
].join('\n');

export function buildTaskList(context: JobContext): TaskList {
  return Object.fromEntries(tasks.map((task) => [task.name, task.toTask(context)]));
}
