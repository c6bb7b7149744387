import type { PubSub } from 'graphql-yoga';
import { deleteMany, getMany, type RedisClient, setMany } from '../../lib/redis.js';
import type { Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { Database } from '../../db/database.js';
import { offerCacheLookups } from '../../lib/metrics.js';
import type { FolioEvents, OfferEvent } from '../../lib/events.js';
import { groupByKeys } from '../batch.js';
import { findOffersOfBooks, offerFromJson, type OfferRow } from './offer-repository.js';

const LOCAL_TTL_MS = 60_000;
const SHARED_TTL_SECONDS = 300;
/** A reader that fetched just before a write committed may put the old rows back; a second delete clears them. */
const SECOND_DELETE_MS = 500;

/**
 * Offers of hot books are read far more often than they change: in-process LRU first, then Redis
 * (shared by every instance), then Postgres. Writers invalidate after commit; other processes drop
 * their local copies when the offersChanged event reaches them.
 */
export class OfferCache {
  private readonly local = new LRUCache<number, OfferRow[]>({ max: 50_000, ttl: LOCAL_TTL_MS });
  hits = { local: 0, shared: 0, database: 0 };

  constructor(
    private readonly db: Kysely<Database>,
    private readonly redis: RedisClient | null,
    private readonly events: PubSub<FolioEvents>,
    private readonly enabled = true,
    private readonly redisPrefix: string,
  ) {
    if (enabled) void this.followInvalidations();
  }

  async load(bookIds: readonly number[]): Promise<OfferRow[][]> {
    if (!this.enabled) {
      this.count('database', bookIds.length);
      return groupByKeys(bookIds, await findOffersOfBooks(this.db, bookIds), (row) => row.bookId);
    }
    const found = new Map<number, OfferRow[]>();
    for (const id of bookIds) {
      const offers = this.local.get(id);
      if (offers) found.set(id, offers);
    }
    this.count('local', found.size);
    let missing = bookIds.filter((id) => !found.has(id));
    if (missing.length > 0 && this.redis) {
      const shared = await this.readShared(missing);
      for (const [id, offers] of shared) {
        found.set(id, offers);
        this.local.set(id, offers);
      }
      this.count('shared', shared.size);
      missing = missing.filter((id) => !found.has(id));
    }
    if (missing.length > 0) {
      const rows = await findOffersOfBooks(this.db, missing);
      const groups = groupByKeys(missing, rows, (row) => row.bookId);
      missing.forEach((id, index) => {
        found.set(id, groups[index]!);
        this.local.set(id, groups[index]!);
      });
      this.count('database', missing.length);
      await this.writeShared(missing.map((id, index) => [id, groups[index]!]));
    }
    return bookIds.map((id) => found.get(id) ?? []);
  }

  private count(tier: keyof OfferCache['hits'], books: number): void {
    this.hits[tier] += books;
    if (books > 0) offerCacheLookups.inc({ tier }, books);
  }

  /** After a write has committed: drop every copy, here, in Redis and in the other processes. */
  async invalidate(bookIds: readonly number[]): Promise<void> {
    await this.drop(bookIds);
    this.events.publish('offersChanged', { bookIds: [...bookIds] });
    setTimeout(() => void this.drop(bookIds), SECOND_DELETE_MS).unref();
  }

  private async drop(bookIds: readonly number[]): Promise<void> {
    for (const id of bookIds) this.local.delete(id);
    if (!this.redis || bookIds.length === 0) return;
    await deleteMany(
      this.redis,
      bookIds.map((id) => this.key(id)),
    ).catch(() => undefined);
  }

  private async followInvalidations(): Promise<void> {
    try {
      for await (const event of this.events.subscribe('offersChanged')) {
        for (const id of event.bookIds) this.local.delete(id);
      }
    } catch {
      // the event bus closed: the process is stopping
    }
  }

  private key(bookId: number): string {
    return `${this.redisPrefix}:offers:${bookId}`;
  }

  private async readShared(bookIds: readonly number[]): Promise<Map<number, OfferRow[]>> {
    const result = new Map<number, OfferRow[]>();
    try {
      const values = await getMany(
        this.redis!,
        bookIds.map((id) => this.key(id)),
      );
      values.forEach((value, index) => {
        if (value !== null) result.set(bookIds[index]!, (JSON.parse(value) as OfferEvent[]).map(offerFromJson));
      });
    } catch {
      // Redis unavailable: Postgres answers instead
    }
    return result;
  }

  private async writeShared(entries: [number, OfferRow[]][]): Promise<void> {
    if (!this.redis || entries.length === 0) return;
    await setMany(
      this.redis,
      entries.map(([id, offers]) => [this.key(id), JSON.stringify(offers)] as [string, string]),
      SHARED_TTL_SECONDS,
    ).catch(() => undefined);
  }
}
