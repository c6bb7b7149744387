import { createHash } from 'node:crypto';
import { Random } from '../seed/random.js';

/** How one simulated partner bookstore behaves; generated from the seed, changeable through the admin API. */
export interface StoreProfile {
  slug: string;
  name: string;
  /** Share of all ISBNs the store carries. */
  coverage: number;
  /** The store's price level against the book's reference price (0.8 = 20 % cheaper). */
  priceLevel: number;
  /** How often the store reprices one book, on average (a Poisson process per book). */
  repricesPerDay: number;
  /** Mean size of one repricing, as a share of the price (each change is drawn around it). */
  changeSize: number;
  /** How often one book goes on sale at this store (a cut of 15–40 % for 2–24 hours). */
  salesPerMonth: number;
  /** Median response time and the spread of its log-normal distribution. */
  latencyMs: number;
  latencySigma: number;
  /** Share of requests answered with a 500. */
  errorRate: number;
  /** Requests per second the store accepts; more get 429 with Retry-After. */
  rateLimitPerSecond: number;
  burst: number;
  supportsBatch: boolean;
  shippingFeeCents: number;
  /** Orders of at least this much ship free; null: never free. */
  freeShippingOverCents: number | null;
  /** Who carries the store's parcels, and the working days from order to door it promises. */
  carrier: string;
  deliveryDays: number;
  /** A daily outage window, in minutes after midnight UTC (null: none). */
  outage: { startMinute: number; minutes: number } | null;
  down: boolean;
  /** The next this many requests are answered with a 500 (a fault set through the admin API). */
  failNext: number;
}

const NAME_PARTS = {
  first: ['Paper', 'Quill', 'Lantern', 'Harbor', 'Ink', 'Page', 'Chapter', 'Folio', 'Spine', 'Margin', 'Story', 'Atlas', 'Ember', 'Willow', 'Cedar', 'Meadow'],
  second: ['Books', 'Bookshop', 'Booksellers', 'Reads', 'Pages', 'Library', 'Books & Co', 'Book Barn', 'Bookhouse', 'Press Shop'],
  place: [
    'Portland',
    'Austin',
    'Leeds',
    'Dublin',
    'Boston',
    'Oxford',
    'Denver',
    'Bristol',
    'Seattle',
    'Chicago',
    'York',
    'Toronto',
    'Melbourne',
    'Cork',
    'Bath',
  ],
};

export function generateStores(seed: number, count: number): StoreProfile[] {
  const random = new Random(seed ^ 0x5707e5);
  const used = new Set<string>();
  return Array.from({ length: count }, (_, index) => {
    let name = `${random.pick(NAME_PARTS.first)} ${random.pick(NAME_PARTS.second)}`;
    if (used.has(name)) name = `${name} ${random.pick(NAME_PARTS.place)}`;
    if (used.has(name)) name = `${name} ${index}`;
    used.add(name);
    const rate = random.pick([2, 3, 5, 5, 8, 10, 10, 15, 20]);
    const freeOver = random.chance(0.6) ? random.pick([2500, 3500, 4900, 5000]) : null;
    return {
      slug: slugify(name),
      name,
      coverage: 0.3 + random.next() * 0.6,
      priceLevel: 0.78 + random.next() * 0.3,
      changeSize: 0.01 + random.next() * 0.07,
      ...repricing(seed, slugify(name)),
      ...delivery(seed, slugify(name)),
      latencyMs: Math.round(random.logNormal(80, 0.6)),
      latencySigma: 0.3 + random.next() * 0.5,
      errorRate: random.chance(0.7) ? random.next() * 0.01 : random.next() * 0.05,
      rateLimitPerSecond: rate,
      burst: rate * 2,
      supportsBatch: random.chance(0.4),
      shippingFeeCents: random.pick([0, 299, 399, 499, 599]),
      freeShippingOverCents: freeOver,
      outage: random.chance(0.2) ? { startMinute: random.int(0, 1439), minutes: random.int(1, 10) } : null,
      down: false,
      failNext: 0,
    };
  });
}

/**
 * How busy a store's repricing is: a fifth are marketplace repricers (3–8 changes per book a day), two
 * fifths chains (0.5–2 a day), the rest small shops (about once a week to twice a week). Drawn from the
 * store's own hash, so adding these did not move any other generated property.
 */
function repricing(seed: number, slug: string): Pick<StoreProfile, 'repricesPerDay' | 'salesPerMonth'> {
  const kind = hashUnit(seed, 'repricer', slug);
  const within = hashUnit(seed, 'repricer-rate', slug);
  const repricesPerDay = kind < 0.2 ? 3 + within * 5 : kind < 0.6 ? 0.5 + within * 1.5 : (1 + within) / 7;
  return { repricesPerDay, salesPerMonth: 0.1 + hashUnit(seed, 'sales', slug) * 0.5 };
}

const CARRIERS = ['USPS', 'UPS', 'FedEx', 'DHL eCommerce', 'OnTrac'];

/** The store's carrier and promised delivery (2–7 working days), from its hash like `repricing`. */
function delivery(seed: number, slug: string): Pick<StoreProfile, 'carrier' | 'deliveryDays'> {
  return {
    carrier: CARRIERS[Math.floor(hashUnit(seed, 'carrier', slug) * CARRIERS.length)]!,
    deliveryDays: 2 + Math.floor(hashUnit(seed, 'delivery', slug) * 6),
  };
}

function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** A number in [0, 1) fixed by its inputs: what a store carries and prices never depends on call order. */
export function hashUnit(...parts: (string | number)[]): number {
  const digest = createHash('sha1').update(parts.join('|')).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/** The book's reference price: deterministic per ISBN, $4.99 to about $45, like a list price. */
export function referencePriceCents(isbn13: string): number {
  const unit = hashUnit('reference', isbn13);
  return Math.round((499 + unit * unit * 4000) / 100) * 100 - 1;
}

export function inOutage(store: StoreProfile, now: Date): boolean {
  if (store.down) return true;
  if (!store.outage) return false;
  const minute = now.getUTCHours() * 60 + now.getUTCMinutes();
  const end = store.outage.startMinute + store.outage.minutes;
  return minute >= store.outage.startMinute && minute < end;
}

export function shippingCents(store: StoreProfile, priceCents: number): number {
  return store.freeShippingOverCents !== null && priceCents >= store.freeShippingOverCents ? 0 : store.shippingFeeCents;
}

/** Most ISBNs one batch look-up may ask for. */
export const MAX_BATCH = 50;

/** What a partner publishes about itself: its limits, batch support and shipping terms. */
export function publicProfile(profile: StoreProfile) {
  return {
    slug: profile.slug,
    name: profile.name,
    rateLimitPerSecond: profile.rateLimitPerSecond,
    burst: profile.burst,
    supportsBatch: profile.supportsBatch,
    maxBatch: profile.supportsBatch ? MAX_BATCH : 1,
    shipping: { feeCents: profile.shippingFeeCents, freeOverCents: profile.freeShippingOverCents },
  };
}
