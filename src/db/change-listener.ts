import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';
import type { Logger } from '../lib/logger.js';

/** Something kept in step with the database by the notices its triggers send (the search index, the stock cache). */
export interface ChangeFollower {
  /** A notice on the follower's channel, in commit order. */
  notice(payload: string): void;
  /** Notices may have been missed (the connection was lost, or is back): whatever was derived from them is in doubt. */
  reset(): void;
  /** Resolves once every notice delivered so far has been taken in (a follower that applies them later). */
  settled?(): Promise<void>;
}

const BARRIER_CHANNEL = 'folio_barrier';
/** A statement that writes a table whose changes are followed (books for search, inventory and holds for stock). */
const FOLLOWED_WRITE =
  /\b(?:insert\s+into|update|delete\s+from|truncate(?:\s+table)?)\s+(?:only\s+)?(?:"?public"?\.)?"?(?:books|inventory|reservations)"?(?=[\s(;]|$)/i;
const RECONNECT_MS = 1_000;
/** A reader waits at most this long for the notices to catch up, then answers from what it has. */
const BARRIER_TIMEOUT_MS = 2_000;

/**
 * One LISTEN connection per process for every follower. Besides passing notices on, it answers "has
 * everything committed before now been taken in?" with a barrier: a notice sent through the pool comes
 * back after every notice committed before it (PostgreSQL delivers them in commit order).
 */
export class ChangeListener {
  private client: pg.Client | null = null;
  private starting: Promise<void> | null = null;
  private readonly followers = new Map<string, ChangeFollower[]>();
  private readonly barriers = new Map<string, (arrived: boolean) => void>();
  private nextBarrier: Promise<boolean> | null = null;
  /** Bumped by writes made in this process; a barrier sent after the last one settles them. */
  private writes = 0;
  private settledWrites = 0;
  private closed = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly connectionString: string,
    private readonly logger: Logger | undefined,
  ) {}

  /** Followers join before `start`; their channels are listened to from then on. */
  follow(channel: string, follower: ChangeFollower): void {
    this.followers.set(channel, [...(this.followers.get(channel) ?? []), follower]);
  }

  /** Connects and listens (once; later calls share the first). */
  start(): Promise<void> {
    this.starting ??= this.listen().catch((error: unknown) => {
      this.starting = null;
      throw error;
    });
    return this.starting;
  }

  /** Whether notices are arriving now: while they are not, followers must not trust what they derived. */
  get listening(): boolean {
    return this.client !== null;
  }

  /**
   * Resolves true once every change committed before this call has been taken in by every follower; false
   * when that could not be known (no connection, or the barrier did not come back in time, after which the
   * connection is treated as dead and made again).
   */
  caughtUp(): Promise<boolean> {
    if (!this.client) return Promise.resolve(false);
    // Concurrent callers share one round trip.
    this.nextBarrier ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      this.nextBarrier = null;
      return this.barrier();
    });
    return this.nextBarrier;
  }

  /** This process changed what followers follow: its next readers wait for the change to come back (read your own writes). */
  wrote(): void {
    this.writes++;
  }

  /** How many writes this process has counted so far (a caller compares two readings to learn whether it wrote). */
  get writeCount(): number {
    return this.writes;
  }

  /** Every statement this process runs passes here: writes to followed tables count as its own writes. */
  noteStatement(statement: string): void {
    if (FOLLOWED_WRITE.test(statement)) this.writes++;
  }

  /** Whether a write of this process's own may not have come back yet (ownWritesSeen would wait for it). */
  get ownWritesPending(): boolean {
    return this.settledWrites !== this.writes;
  }

  /**
   * Resolves at once unless this process wrote since its last barrier, then after one: true when this
   * process's writes so far have come back, false when that could not be known (see caughtUp).
   */
  async ownWritesSeen(): Promise<boolean> {
    if (!this.ownWritesPending) return true;
    const writes = this.writes;
    if (!(await this.caughtUp())) return false;
    this.settledWrites = Math.max(this.settledWrites, writes);
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.releaseBarriers();
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }

  /** Barriers waiting on a connection that is gone will not come back: they answer "not caught up". */
  private releaseBarriers(): void {
    for (const release of this.barriers.values()) release(false);
  }

  private async barrier(): Promise<boolean> {
    const token = randomUUID();
    const client = this.client;
    let timer: NodeJS.Timeout | undefined;
    const arrived = new Promise<boolean>((resolve) => {
      this.barriers.set(token, resolve);
      timer = setTimeout(() => resolve(false), BARRIER_TIMEOUT_MS);
    });
    try {
      await sql`SELECT pg_notify(${BARRIER_CHANNEL}, ${token})`.execute(this.db);
      if (!(await arrived)) {
        // A notice sent through the pool did not come back: the listening connection may be silently dead.
        if (client && this.client === client) void client.end().catch(() => undefined);
        return false;
      }
      await Promise.all([...this.followers.values()].flat().map((follower) => follower.settled?.()));
      return true;
    } finally {
      clearTimeout(timer);
      this.barriers.delete(token);
    }
  }

  private async listen(): Promise<void> {
    // Keep-alive, so a connection that silently died is noticed and replaced (notices would stop meanwhile).
    const client = new pg.Client({
      connectionString: this.connectionString,
      application_name: 'folio-change-listener',
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    client.on('notification', (message) => this.receive(message.channel, message.payload ?? ''));
    const lost = () => {
      if (this.client !== client) return;
      this.client = null;
      client.end().catch(() => undefined);
      this.releaseBarriers();
      this.resetFollowers();
      if (!this.closed) setTimeout(() => void this.reconnect(), RECONNECT_MS);
    };
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      for (const channel of [BARRIER_CHANNEL, ...this.followers.keys()]) await client.query(`LISTEN ${channel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    // Closed while connecting: this connection is not wanted any more.
    if (this.closed) return void (await client.end().catch(() => undefined));
    this.client = client;
  }

  private async reconnect(): Promise<void> {
    if (this.closed) return;
    try {
      await this.listen();
      this.resetFollowers();
    } catch (error) {
      this.logger?.warn({ err: error }, 'could not listen for database changes, trying again');
      setTimeout(() => void this.reconnect(), RECONNECT_MS);
    }
  }

  private resetFollowers(): void {
    for (const follower of [...this.followers.values()].flat()) follower.reset();
  }

  private receive(channel: string, payload: string): void {
    if (channel === BARRIER_CHANNEL) this.barriers.get(payload)?.(true);
    else for (const follower of this.followers.get(channel) ?? []) follower.notice(payload);
  }
}
