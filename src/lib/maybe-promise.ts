/** A value now, or later: what a read from an in-process cache gives (now on a hit, later on a miss). */
export type MaybePromise<T> = T | Promise<T>;

/**
 * `next` applied to the value: at once when it is there, after it arrives otherwise. A resolver that
 * returns a value rather than a promise lets GraphQL carry on without waiting a turn of the event loop.
 */
export function whenReady<T, R>(value: MaybePromise<T>, next: (value: T) => R): MaybePromise<R> {
  return value instanceof Promise ? value.then(next) : next(value);
}
