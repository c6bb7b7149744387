import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What every log line written while serving a request carries. */
interface RequestScope {
  requestId: string;
}

const scope = new AsyncLocalStorage<RequestScope>();

/** The id of the request being served (null outside one: jobs, start-up). */
export function currentRequestId(): string | null {
  return scope.getStore()?.requestId ?? null;
}

/** Serves a request under its id: the caller's X-Request-Id when it is a sane one, else a new UUID. */
export function inRequestScope<T>(offered: string | string[] | undefined, serve: (requestId: string) => T): T {
  const requestId = typeof offered === 'string' && /^[\w.:-]{8,128}$/.test(offered) ? offered : randomUUID();
  return scope.run({ requestId }, () => serve(requestId));
}
