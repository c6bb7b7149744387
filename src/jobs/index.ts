import type { TaskList } from 'graphile-worker';
import { autoBuyTask } from './alerts/auto-buy.js';
import { deliverNotificationTask } from './alerts/deliver-notification.js';
import { evaluateAlertsTask } from './alerts/evaluate-alerts.js';
import { sweepCartsTask } from './carts/sweep-carts.js';
import { discoverBookTask } from './catalog/discover-book.js';
import { refreshSearchTermsTask } from './catalog/refresh-search-terms.js';
import { releaseReservationsTask } from './inventory/release-reservations.js';
import { advanceShipmentTask } from './orders/advance-shipment.js';
import { resumeFulfilmentTask } from './orders/resume-fulfilment.js';
import { settleSagasTask } from './orders/settle-sagas.js';
import { startFulfilmentTask } from './orders/start-fulfilment.js';
import type { DefinedTask, JobContext } from './kit.js';
import { ensurePartitionsTask } from './pricing/ensure-partitions.js';
import { refreshOffersTask } from './pricing/refresh-offers.js';
import { retierBooksTask } from './pricing/retier-books.js';
import { cancelPartnerOrderTask } from './purchases/cancel-partner-order.js';
import { sweepIdempotencyKeysTask } from './purchases/sweep-idempotency-keys.js';
import { scheduleRefreshesTask } from './pricing/schedule-refreshes.js';
import { verifyPriceTask } from './reports/verify-price.js';
import { recoverDeadWorkersTask } from './workers/recover-dead-workers.js';

/** Every task the worker runs; each lives in its own file under src/jobs/<domain>/. */
const tasks: DefinedTask[] = [
  refreshSearchTermsTask,
  scheduleRefreshesTask,
  refreshOffersTask,
  retierBooksTask,
  settleSagasTask,
  sweepIdempotencyKeysTask,
  cancelPartnerOrderTask,
  ensurePartitionsTask,
  evaluateAlertsTask,
  deliverNotificationTask,
  autoBuyTask,
  verifyPriceTask,
  sweepCartsTask,
  releaseReservationsTask,
  startFulfilmentTask,
  advanceShipmentTask,
  resumeFulfilmentTask,
  recoverDeadWorkersTask,
  discoverBookTask,
];

/**
 * Tasks that spend their time waiting on partner stores' budgets. They run in a runner of their own with
 * many slots, so hundreds of books can wait on slow stores without holding up alerts, orders or crons.
 */
const partnerBoundTasks = new Set([refreshOffersTask.name, discoverBookTask.name]);

/** Recurring tasks, in graphile-worker's crontab format (job keys keep one of each queued). */
export const crontab = [
  '17 * * * * refresh_search_terms ?jobKey=refresh_search_terms&max=1',
  '* * * * * schedule_refreshes ?jobKey=schedule_refreshes&max=1',
  '41 * * * * retier_books ?jobKey=retier_books&max=1',
  '* * * * * settle_sagas ?jobKey=settle_sagas&max=1',
  '23 * * * * sweep_idempotency_keys ?jobKey=sweep_idempotency_keys&max=1',
  '7 3 * * * ensure_observation_partitions ?jobKey=ensure_observation_partitions&max=1',
  '* * * * * release_expired_reservations ?jobKey=release_expired_reservations&max=1',
  '37 4 * * * sweep_carts ?jobKey=sweep_carts&max=1',
  '* * * * * resume_fulfilment ?jobKey=resume_fulfilment&max=1',
  '* * * * * recover_dead_workers ?jobKey=recover_dead_workers&max=1',
].join('\n');

export function buildTaskList(context: JobContext, kind: 'general' | 'partner-bound'): TaskList {
  const selected = tasks.filter((task) => partnerBoundTasks.has(task.name) === (kind === 'partner-bound'));
  return Object.fromEntries(selected.map((task) => [task.name, task.toTask(context)]));
}
