/**
 * Purchases and checkouts run as sagas that record their progress under a lease. When a process stops
 * renewing it, a settler takes the row over by setting this step; from then on only the settler moves
 * it, and the saga's own process, should it still be running, stops where it is.
 */
export const SETTLING = 'SETTLING';

/** A saga's own process found a settler at work on it. */
export class SettledElsewhereError extends Error {}
