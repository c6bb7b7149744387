import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBook } from '../factories/catalog.js';
import type { Shop } from '../helpers/shop.js';
import { setPrice } from '../helpers/simulator.js';
import { type BrowserShop, expectAccessible, fillAddress, openBrowserShop, orderPage, SHOTS, within390 } from './browser-kit.js';

// Buying in the web app: at the best price from an alert, from the cart (signed in and as a guest), from
// a store's row, on a phone; checkout's errors and the address book.
let b: BrowserShop;
let shop: Shop;
let base: string;
let openPage: BrowserShop['openPage'];
let newShopper: BrowserShop['newShopper'];

beforeAll(async () => {
  b = await openBrowserShop(307);
  ({ shop, base, openPage, newShopper } = b);
}, 120_000);
afterAll(() => b?.close());

describe('buying in the web app, in Chromium', () => {
  it('search → book → create alert → the price drop shows live → buy at the best price', { timeout: 90_000 }, async () => {
    const book = await createBook(shop.t.app.db, { title: 'Lanterns Over Quiet Water' });
    await shop.priceEverywhere(book.isbn13, 2_000);
    const page = await newShopper('browser-alerts@example.com');

    const search = page.getByRole('combobox', { name: /search books/i });
    await search.fill('Lanterns Quiet');
    await page.getByRole('option', { name: /Lanterns Over Quiet Water/ }).waitFor();
    await page.screenshot({ path: `${SHOTS}/1-type-ahead.png` });
    await search.press('Enter');
    await page.getByRole('link', { name: 'Lanterns Over Quiet Water' }).click();

    await page.getByRole('heading', { level: 1, name: 'Lanterns Over Quiet Water' }).waitFor();
    const offers = page.getByRole('table').first();
    await expect.poll(() => offers.getByRole('row').count(), { timeout: 15_000 }).toBe(3); // header + two stores
    await page.getByRole('heading', { name: 'Price history' }).waitFor();
    await page.locator('figure.chart svg').waitFor();

    await page.getByLabel('Alert me at or below ($)').fill('15.00');
    await page.getByRole('button', { name: 'Set alert' }).click();
    await page.getByText('Alert set').waitFor();
    await page.screenshot({ path: `${SHOTS}/2-book-with-alert.png`, fullPage: true });

    // $10.00 + $3.99 shipping: the alert's $15.00 is on the total.
    for (const profile of shop.sim.simulator.profiles()) await setPrice(shop.sim, profile.slug, book.isbn13, 1_000);
    await page.getByRole('button', { name: 'Ask every store now' }).click();
    await page
      .getByText(/Price drop: Lanterns Over Quiet Water is now \$/)
      .first()
      .waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${SHOTS}/3-price-drop-live.png`, fullPage: true });

    // And buy it at the best price, at most $20.00 with shipping, with the test card.
    await page.getByLabel('My highest price, shipping included ($)').fill('20.00');
    await fillAddress(page);
    await page.getByRole('button', { name: 'Buy at the best price' }).click();
    await page.getByText(/Bought for \$13\.99/).waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: 'See the order' }).click();
    await page.getByTestId('order-status').waitFor();
    await page.screenshot({ path: `${SHOTS}/4-bought-at-the-best-price.png`, fullPage: true });
  });

  it('cart → checkout with tok_visa → the order page follows the status to DELIVERED live', { timeout: 90_000 }, async () => {
    const book = await createBook(shop.t.app.db, { title: 'The Cartographer of Small Rooms', priceCents: 1_450, stock: { onHand: 3 } });
    await shop.priceEverywhere(book.isbn13, 3_000); // the partners dearer: Folio's own copy is the best offer
    const page = await newShopper('browser-cart@example.com');
    await page.goto(`${base}/books/${book.isbn13}`);
    await page.getByRole('button', { name: 'Add to cart', exact: true }).click();
    await page.getByText('Added to your cart from Folio (our own stock).').waitFor();
    await page.getByRole('link', { name: 'Go to cart' }).click();

    await page.getByRole('heading', { name: 'Your cart' }).waitFor();
    await fillAddress(page);
    await page.screenshot({ path: `${SHOTS}/5-cart.png`, fullPage: true });
    await page.getByRole('button', { name: 'Place order' }).click();

    const status = page.getByTestId('order-status');
    await status.waitFor({ timeout: 15_000 });
    try {
      await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe('DELIVERED');
    } catch (error) {
      const orders = await shop.t.app.db.selectFrom('orders').select(['id', 'status']).execute();
      const jobs =
        await sql`SELECT t.identifier, payload, attempts, last_error, run_at, locked_by FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id`.execute(
          shop.t.app.db,
        );
      throw new Error(`${String(error)}; orders ${JSON.stringify(orders)}; jobs ${JSON.stringify(jobs.rows)}`);
    }
    await page.screenshot({ path: `${SHOTS}/6-order-delivered.png`, fullPage: true });
    const desktop = page.viewportSize();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/6-order-delivered-phone.png`, fullPage: true });
    if (desktop) await page.setViewportSize(desktop);
    await page.getByRole('link', { name: 'Orders' }).click();
    await page.getByText(/delivered · \$14\.50/).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: `${SHOTS}/7-orders.png`, fullPage: true });
    await expectAccessible(page, 'orders');
    const stock = await shop.t.app.db.selectFrom('inventory').select(['sold']).where('bookId', '=', book.id).executeTakeFirstOrThrow();
    expect(stock.sold).toBe(1);
  });

  it('a guest adds the best offer, checks out with an e-mail and follows the order by its access token', { timeout: 90_000 }, async () => {
    const book = await createBook(shop.t.app.db, { title: 'A Guest at the Lighthouse', priceCents: 1_250, stock: { onHand: 2 } });
    await shop.priceEverywhere(book.isbn13, 3_000); // the partners dearer: Folio's own copy is the best offer
    const page = await openPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${base}/books/${book.isbn13}`);
    await page.getByRole('heading', { level: 1, name: 'A Guest at the Lighthouse' }).waitFor();
    await page.getByText('Best price now').waitFor({ timeout: 15_000 });
    await expectAccessible(page, 'book page (guest)');
    await page.screenshot({ path: `${SHOTS}/9-guest-book.png`, fullPage: true });
    await page.getByRole('button', { name: 'Add to cart', exact: true }).click();
    await page.getByText('Added to your cart from Folio (our own stock).').waitFor();
    await expect.poll(() => page.evaluate(() => localStorage.getItem('folio.cartToken'))).not.toBeNull();
    await page.getByRole('link', { name: 'Go to cart' }).first().click();

    await page.getByRole('heading', { name: 'Your cart' }).waitFor();
    await page.getByLabel('E-mail').fill('lighthouse-guest@example.com');
    await fillAddress(page);
    await expectAccessible(page, 'cart (guest)');
    await page.getByRole('button', { name: 'Place order' }).click();
    const status = page.getByTestId('order-status');
    await status.waitFor({ timeout: 15_000 });
    await page.getByText('Checked out as a guest').waitFor();
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe('DELIVERED');
    await expectAccessible(page, 'order page (guest)');
    await page.screenshot({ path: `${SHOTS}/10-guest-order.png`, fullPage: true });

    // The order is the guest's by its access token alone: another browser without it is not let in.
    const stranger = await openPage();
    await stranger.goto(page.url());
    await stranger.getByText(/not among yours/).waitFor();
  });

  it("buy here: a partner store's row puts that store's copy in the cart", { timeout: 60_000 }, async () => {
    const book = await createBook(shop.t.app.db, { title: 'Rows of Quiet Shelves', priceCents: 2_400, stock: { onHand: 1 } });
    await shop.priceEverywhere(book.isbn13, 900);
    const partner = shop.sim.simulator.profiles()[0]!;
    const page = await newShopper('browser-buy-here@example.com');
    await page.goto(`${base}/books/${book.isbn13}`);
    const row = page.getByRole('row').filter({ hasText: partner.name });
    await row.getByRole('button', { name: /Buy here/ }).click();
    await page.getByRole('heading', { name: 'Your cart' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'Rows of Quiet Shelves' }).filter({ hasText: partner.name }).waitFor();
  });

  it('on a phone: the offers show as cards with their totals, and every cart control is on screen', { timeout: 60_000 }, async () => {
    const book = await createBook(shop.t.app.db, { title: 'Small Screens, Long Books', priceCents: 1_100, stock: { onHand: 1 } });
    await shop.priceEverywhere(book.isbn13, 1_500);
    // The second store runs out at a lower price: its row goes below every store that can sell.
    const [inStock, soldOut] = shop.sim.simulator.profiles();
    await setPrice(shop.sim, soldOut!.slug, book.isbn13, 900, false);
    await shop.t.execute(`{ book(isbn: "${book.isbn13}") { offers(maxAgeSeconds: 0) { inStock } } }`);
    const page = await openPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(`${base}/books/${book.isbn13}`);
    await expect
      .poll(() => page.locator('table.offers tbody th').allTextContents(), { timeout: 15_000 })
      .toEqual(['Folio (our own stock)', inStock!.name, soldOut!.name]);
    const total = page
      .getByRole('row')
      .filter({ hasText: shop.sim.simulator.profiles()[0]!.name })
      .getByText(/^\$\d+\.\d\d$/)
      .last();
    await total.waitFor({ timeout: 15_000 });
    expect(await within390(total)).toBe(true);
    await expectAccessible(page, 'book page (phone)');
    await page.screenshot({ path: `${SHOTS}/11-phone-book.png`, fullPage: true });
    await page.getByRole('button', { name: 'Add to cart', exact: true }).click();
    await page.getByRole('link', { name: 'Go to cart' }).first().click();
    const remove = page.getByRole('button', { name: 'Remove' });
    await remove.waitFor();
    expect(await within390(remove)).toBe(true);
    await expectAccessible(page, 'cart (phone)');
    await page.screenshot({ path: `${SHOTS}/12-phone-cart.png`, fullPage: true });
  });

  it(
    'checkout says every missing part of the address at once, beside its field, and sends nothing; a bad quantity is refused at the line',
    { timeout: 60_000 },
    async () => {
      const book = await createBook(shop.t.app.db, { title: 'Forms Filled Twice', priceCents: 900, stock: { onHand: 5 } });
      await shop.priceEverywhere(book.isbn13, 3_000);
      const page = await openPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`${base}/books/${book.isbn13}`);
      await page.getByRole('button', { name: 'Buy now' }).click();
      await page.getByRole('heading', { name: 'Your cart' }).waitFor();
      await page.getByLabel('Full name').fill('Ada Reader');
      await page.getByRole('button', { name: 'Place order' }).click();
      await expect
        .poll(() => page.locator('.field-error').allTextContents())
        .toEqual(['Enter your e-mail address, like ada@example.com.', 'Enter the street and number.', 'Enter the town or city.', 'Enter the postal code.']);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('checkout-email');
      expect(await page.getByLabel('City').getAttribute('aria-describedby')).toBe('address-city-error');
      await expectAccessible(page, 'checkout with errors');
      await page.screenshot({ path: `${SHOTS}/15-checkout-errors.png`, fullPage: true });
      const checkouts = await shop.t.app.db.selectFrom('checkouts').select('id').execute();
      const placedBefore = checkouts.length;

      await page.getByLabel('Quantity of Forms Filled Twice').fill('150');
      await page.getByLabel('Quantity of Forms Filled Twice').press('Tab');
      await page.getByText('Choose from 1 to 99 copies').waitFor();
      expect(await page.getByText(/quantity must be/).count()).toBe(0);
      expect((await shop.t.app.db.selectFrom('checkouts').select('id').execute()).length).toBe(placedBefore);
    },
  );

  it('an address typed at checkout is saved and offered, already chosen, the next time', { timeout: 60_000 }, async () => {
    const first = await createBook(shop.t.app.db, { title: 'Addressed Once', priceCents: 800, stock: { onHand: 2 } });
    const second = await createBook(shop.t.app.db, { title: 'Addressed Twice', priceCents: 850, stock: { onHand: 2 } });
    for (const book of [first, second]) await shop.priceEverywhere(book.isbn13, 3_000);
    const page = await newShopper('browser-address-book@example.com');
    await page.goto(`${base}/books/${first.isbn13}`);
    await page.getByRole('button', { name: 'Buy now' }).click();
    await page.getByRole('heading', { name: 'Your cart' }).waitFor(); // the book page has address fields too
    await fillAddress(page);
    await page.getByRole('button', { name: 'Place order' }).click();
    await orderPage(page, 'address-first');

    await page.goto(`${base}/books/${second.isbn13}`);
    await page.getByRole('button', { name: 'Buy now' }).click();
    await page.getByRole('heading', { name: 'Your cart' }).waitFor();
    const saved = page.getByRole('radio', { name: /Ada Reader, 1 Library Lane, Springfield, 12345, US/ });
    await saved.waitFor();
    expect(await saved.isChecked()).toBe(true);
    expect(await page.getByLabel('Postal code').count()).toBe(0); // nothing to type
    await expectAccessible(page, 'cart with a saved address');
    await page.getByRole('button', { name: 'Place order' }).click();
    await orderPage(page, 'address-second');
    await page.getByText(/Ships to Ada Reader, 1 Library Lane/).waitFor();

    // The address book: add a second address, make it the default, remove the first.
    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByText(/Ada Reader, 1 Library Lane.* · default/).waitFor();
    await page.getByLabel('Full name').fill('Grace Hopper');
    await page.getByLabel('Address', { exact: true }).fill('2 Compiler Court');
    await page.getByLabel('City').fill('Arlington');
    await page.getByLabel('Postal code').fill('22201');
    await page.getByRole('button', { name: 'Save address' }).click();
    const grace = page.getByRole('listitem').filter({ hasText: 'Grace Hopper' });
    await grace.getByRole('button', { name: 'Make default' }).click();
    await grace.getByText('· default').waitFor();
    await page.getByRole('button', { name: /Remove Ada Reader/ }).click();
    await expect.poll(() => page.getByRole('listitem').filter({ hasText: 'Ada Reader' }).count()).toBe(0);
    await expectAccessible(page, 'account');
    await page.screenshot({ path: `${SHOTS}/16-account.png`, fullPage: true });
  });
});
