import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeIds } from '../helpers/reports.js';
import { openShop, type Shop } from '../helpers/shop.js';

let shop: Shop;

beforeAll(async () => {
  shop = await openShop({ seed: 137, stores: 2, environment: { ADMIN_EMAILS: 'ops@example.com' } });
});
afterAll(() => shop.close());

const SET = 'mutation ($id: ID!, $enabled: Boolean!) { setStoreEnabled(id: $id, enabled: $enabled) { slug enabled } }';

describe('operational mutations', () => {
  it('are refused to guests and to ordinary shoppers, and change nothing', async () => {
    const [slug, id] = [...(await storeIds(shop))].find(([slug]) => slug !== 'folio')!;
    expect((await shop.t.execute(SET, { id, enabled: false })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const shopper = await shop.shopper('ordinary@example.com');
    expect((await shop.t.execute(SET, { id, enabled: false }, shopper)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await shop.t.app.services.stores.partners()).map((store) => store.slug)).toContain(slug);
  });

  it('let an administrator take a partner out of comparison (a sync with the network does not undo it) and bring it back', async () => {
    const admin = await shop.shopper('ops@example.com');
    const [slug, id] = [...(await storeIds(shop))].find(([slug]) => slug !== 'folio')!;
    const off = await shop.t.execute<{ setStoreEnabled: { slug: string; enabled: boolean } }>(SET, { id, enabled: false }, admin);
    expect(off.data!.setStoreEnabled).toEqual({ slug, enabled: false });
    expect((await shop.t.app.services.stores.partners()).map((store) => store.slug)).not.toContain(slug);
    await shop.t.app.services.stores.syncFromNetwork(shop.sim.url); // as at the next start: the network still lists it
    expect((await shop.t.app.services.stores.partners()).map((store) => store.slug)).not.toContain(slug);
    const on = await shop.t.execute<{ setStoreEnabled: { enabled: boolean } }>(SET, { id, enabled: true }, admin);
    expect(on.data!.setStoreEnabled.enabled).toBe(true);
    await shop.t.app.services.stores.syncFromNetwork(shop.sim.url);
    expect((await shop.t.app.services.stores.partners()).map((store) => store.slug)).toContain(slug);
  });
});
