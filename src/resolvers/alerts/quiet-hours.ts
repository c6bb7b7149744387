import { InvalidInputError } from '../../lib/errors.js';

export interface QuietHours {
  /** "HH:MM" in the shopper's time zone; `from` later than `to` spans midnight. */
  from: string;
  to: string;
  timeZone: string;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function validateQuietHours(quiet: QuietHours): void {
  if (!HH_MM.test(quiet.from) || !HH_MM.test(quiet.to))
    throw new InvalidInputError('quietHours.from and .to must be times such as 22:00', { field: 'quietHours' });
  if (quiet.from === quiet.to) throw new InvalidInputError('quietHours.from and .to must differ', { field: 'quietHours' });
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: quiet.timeZone });
  } catch {
    throw new InvalidInputError(`Unknown time zone "${quiet.timeZone}" (use an IANA name such as Europe/Berlin)`, { field: 'quietHours.timeZone' });
  }
}

function minutes(hhmm: string): number {
  const [, hours, mins] = HH_MM.exec(hhmm)!;
  return Number(hours) * 60 + Number(mins);
}

/** The wall-clock minute of the day at `at` in the time zone. */
function localMinute(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return value('hour') * 60 + value('minute');
}

/**
 * When a delivery may go out: `at` itself outside quiet hours, else the moment they end (to the minute).
 * Subscriptions are not held (the shopper chose to be listening); webhooks and e-mails are.
 */
export function deliverableAt(at: Date, quiet: QuietHours | null): Date {
  if (!quiet) return at;
  const now = localMinute(at, quiet.timeZone);
  const from = minutes(quiet.from);
  const to = minutes(quiet.to);
  const inside = from < to ? now >= from && now < to : now >= from || now < to;
  if (!inside) return at;
  const wait = (to - now + 24 * 60) % (24 * 60);
  const next = new Date(at.getTime() + wait * 60_000);
  next.setUTCSeconds(0, 0);
  return next;
}
