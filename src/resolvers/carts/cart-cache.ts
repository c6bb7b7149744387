import { deleteMany, type RedisClient } from '../../lib/redis.js';
import type { CartItemRow, CartOwner, CartRow } from './cart-repository.js';

export interface CachedCart {
  cart: CartRow;
  items: CartItemRow[];
}

const TTL_SECONDS = 600;

/**
 * Cache-aside for cart reads when Redis is configured (carts are read far more often than changed):
 * a read tries Redis, falls back to Postgres and fills Redis; every change deletes the entry after it
 * commits. Redis being down is a miss, never an error. Without Redis, reads go to Postgres.
 */
export class CartCache {
  constructor(
    private readonly redis: RedisClient | null,
    private readonly prefix: string,
  ) {}

  private key(owner: CartOwner): string {
    return `${this.prefix}:cart:${'userId' in owner ? `user:${owner.userId}` : `guest:${owner.tokenHash}`}`;
  }

  async read(owner: CartOwner, load: () => Promise<CachedCart | null>): Promise<CachedCart | null> {
    const cached = await this.redis?.get(this.key(owner)).catch(() => null);
    if (cached) return revive(JSON.parse(cached) as CachedCart);
    const fresh = await load();
    if (fresh && this.redis) await this.redis.set(this.key(owner), JSON.stringify(fresh), 'EX', TTL_SECONDS).catch(() => undefined);
    return fresh;
  }

  async forget(owners: CartOwner[]): Promise<void> {
    if (!this.redis || owners.length === 0) return;
    await deleteMany(
      this.redis,
      owners.map((owner) => this.key(owner)),
    ).catch(() => undefined);
  }
}

function revive({ cart, items }: CachedCart): CachedCart {
  return {
    cart: { ...cart, createdAt: new Date(cart.createdAt), updatedAt: new Date(cart.updatedAt), expiresAt: new Date(cart.expiresAt) },
    items: items.map((item) => ({ ...item, addedAt: new Date(item.addedAt) })),
  };
}
