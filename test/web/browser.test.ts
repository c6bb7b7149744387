import { mkdirSync } from 'node:fs';
import { sql } from 'kysely';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordObservations } from '../../src/resolvers/pricing/offer-repository.js';
import { createBook } from '../factories/catalog.js';
import { openShop, type Shop } from '../helpers/shop.js';
import { setPrice } from '../helpers/simulator.js';

// The web app in a real Chromium against a real Folio (API, worker, simulated stores): a shopper finds
// a book, sets an alert and sees the drop arrive live; then buys from the cart and watches the order
// reach DELIVERED. Screenshots of each step are kept in test-results/web/.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = 'test-results/web';
let shop: Shop;
let browser: Browser;
let base: string;

beforeAll(async () => {
  await build({ configFile: 'web/vite.config.ts', logLevel: 'warn' });
  shop = await openShop({ seed: 307, stores: 2, runWorker: true, environment: { FULFILMENT_STEP_SECONDS: '0.3' } });
  base = `http://127.0.0.1:${await shop.t.app.http.listen(0, '127.0.0.1')}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await shop?.close();
});

/** A page in a context of its own (its own storage, as a separate browser would have). */
async function openPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
  return (await browser.newContext(options)).newPage();
}

/** axe-core's WCAG 2.x A/AA rules on the page as it is now: no violation allowed. */
async function expectAccessible(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((violation) => `${what}: ${violation.id} (${violation.nodes.length}) ${violation.help}`)).toEqual([]);
}

/** Waits for the order page, or fails with what the page said instead (and a screenshot of it). */
async function orderPage(page: Page, shot: string): Promise<void> {
  try {
    await page.getByTestId('order-status').waitFor({ timeout: 15_000 });
  } catch (error) {
    await page.screenshot({ path: `${SHOTS}/${shot}-failed.png`, fullPage: true });
    throw new Error(`no order page: ${(await page.locator('.error, .field-error, [role=alert]').allTextContents()).join(' | ')}`, { cause: error });
  }
}

async function fillAddress(page: Page): Promise<void> {
  await page.getByLabel('Full name').fill('Ada Reader');
  await page.getByLabel('Address', { exact: true }).fill('1 Library Lane');
  await page.getByLabel('City').fill('Springfield');
  await page.getByLabel('Postal code').fill('12345');
}

async function newShopper(email: string): Promise<Page> {
  const page = await openPage({ viewport: { width: 1200, height: 900 } });
  await page.goto(`${base}/sign-in?next=/`);
  await expectAccessible(page, 'sign-in');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('link', { name: 'Alerts' }).waitFor();
  await expect.poll(() => page.evaluate(() => localStorage.getItem('folio.email'))).toBe(email);
  return page;
}

describe('the web app in Chromium', () => {
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
    await page.getByText(/Price drop: Lanterns Over Quiet Water is now \$/).first().waitFor({ timeout: 30_000 });
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
      const jobs = await sql`SELECT t.identifier, payload, attempts, last_error, run_at, locked_by FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id`.execute(shop.t.app.db);
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

  it('GraphiQL loads from Folio alone (every other host blocked) and runs the first query', { timeout: 60_000 }, async () => {
    const page = await openPage({ viewport: { width: 1280, height: 800 } });
    const outside: string[] = [];
    await page.route('**/*', (route) => {
      const { hostname } = new URL(route.request().url());
      if (hostname === '127.0.0.1' || hostname === 'localhost') return route.continue();
      outside.push(route.request().url());
      return route.abort();
    });
    await page.goto(`${base}/graphql`);
    await page.getByText('Welcome to Folio').first().waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: /Execute query/ }).click();
    await expect.poll(() => page.locator('.graphiql-response').textContent(), { timeout: 20_000 }).toContain('searchBooks');
    await page.screenshot({ path: `${SHOTS}/8-graphiql-offline.png` });
    expect(outside).toEqual([]);
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

  it('shows the alerts the shopper set on a book, also after coming back', { timeout: 60_000 }, async () => {
    const book = await createBook(shop.t.app.db, { title: 'Watched From Afar' });
    await shop.priceEverywhere(book.isbn13, 2_000);
    const page = await newShopper('browser-alert-state@example.com');
    await page.goto(`${base}/books/${book.isbn13}`);
    await page.getByLabel('Alert me at or below ($)').fill('12.00');
    await page.getByRole('button', { name: 'Set alert' }).click();
    const mine = page.getByRole('list', { name: 'Your alerts on this book' });
    await mine.getByText('Alert at or below $12.00: watching').waitFor();
    await page.reload();
    await mine.getByText('Alert at or below $12.00: watching').waitFor();
    await expectAccessible(page, 'book page (signed in, with an alert)');
    await page.goto(`${base}/alerts`);
    await page.getByText('Watched From Afar').waitFor();
    await expectAccessible(page, 'alerts');
  });

  it('on a phone: the offers show as cards with their totals, and every cart control is on screen', { timeout: 60_000 }, async () => {
    const book = await createBook(shop.t.app.db, { title: 'Small Screens, Long Books', priceCents: 1_100, stock: { onHand: 1 } });
    await shop.priceEverywhere(book.isbn13, 1_500);
    const page = await openPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(`${base}/books/${book.isbn13}`);
    const total = page.getByRole('row').filter({ hasText: shop.sim.simulator.profiles()[0]!.name }).getByText(/^\$\d+\.\d\d$/).last();
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

  it('search: one type-ahead row per title, closed by Enter; a sort control; a helpful empty state; filters behind a button on a phone', { timeout: 60_000 }, async () => {
    const first = await createBook(shop.t.app.db, { title: 'Marginalia of the Tides', authors: ['Iris Vane'], format: 'PAPERBACK' });
    for (const format of ['HARDCOVER', 'EBOOK'] as const) await createBook(shop.t.app.db, { title: 'Marginalia of the Tides', authors: ['Iris Vane'], format, workId: first.workId });
    const page = await openPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(base);
    await page.getByRole('heading', { level: 1, name: /Every bookstore's price/ }).waitFor();
    const search = page.getByRole('combobox', { name: /search books/i });
    await search.fill('Marginalia Tides');
    const options = page.getByRole('option', { name: /Marginalia of the Tides/ });
    await expect.poll(() => options.count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => options.textContent()).toContain('+2 more editions');
    await search.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Results for “Marginalia Tides”' }).waitFor();
    await page.waitForTimeout(500); // a suggestion request still on its way must not reopen the list
    expect(await page.getByRole('listbox').isVisible()).toBe(false);
    await page.getByLabel('Sort by').selectOption('TITLE');
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('TITLE');
    await expectAccessible(page, 'search results');

    await search.fill('zzqqxx');
    await search.press('Enter');
    await page.getByRole('heading', { name: 'No books found for “zzqqxx”' }).waitFor();
    await page.getByText('Check the spelling').waitFor();
    await expectAccessible(page, 'no results');

    const phone = await openPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.goto(`${base}/?q=Marginalia`);
    await phone.getByRole('link', { name: 'Marginalia of the Tides' }).first().waitFor();
    expect(await phone.getByRole('group', { name: 'Availability' }).isVisible()).toBe(false);
    const firstBook = await phone.getByRole('link', { name: 'Marginalia of the Tides' }).first().boundingBox();
    expect(firstBook!.y).toBeLessThan(844); // the first book is on the first screen
    await phone.getByText('Filters', { exact: true }).click();
    await phone.getByRole('group', { name: 'Availability' }).waitFor();
    await phone.screenshot({ path: `${SHOTS}/13-phone-search.png`, fullPage: true });
  });

  it('the price chart reads out the point under the pointer, marks the low and the high, and keeps its range across granularities', { timeout: 60_000 }, async () => {
    const book = await createBook(shop.t.app.db, { title: 'Forty Days of Prices' });
    const [store] = await shop.t.app.services.stores.storesByIds([(await shop.t.app.db.selectFrom('stores').select('id').where('kind', '=', 'PARTNER').executeTakeFirstOrThrow()).id]);
    const days = Array.from({ length: 40 }, (_, i) => i);
    for (const i of days) {
      await shop.t.app.db.transaction().execute((trx) => recordObservations(trx, book.id, [{
        storeId: store!.id, priceCents: 1_500 + ((i * 37) % 11) * 50, shippingCents: 0, currency: 'USD', inStock: true,
        observedAt: new Date(Date.now() - (40 - i) * 86_400_000), source: 'CRAWL',
      }]));
    }
    await shop.priceEverywhere(book.isbn13, 5_000); // today's answers all dearer than the history's low
    const page = await openPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${base}/books/${book.isbn13}`);
    const chart = page.locator('figure.chart svg');
    await chart.waitFor();
    // Today's point holds what the stores answer as the page opens (all dearer), so only the low is fixed.
    await expect.poll(() => page.locator('.mark-label').allTextContents(), { timeout: 15_000 }).toEqual(['low $15.00', expect.stringMatching(/^high \$\d+\.\d\d$/)]);
    const box = (await chart.boundingBox())!;
    await chart.hover({ position: { x: box.width * 0.6, y: box.height / 2 } });
    await expect.poll(() => page.locator('.chart-readout').textContent()).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}: \$\d+\.\d\d \(low/);
    await page.screenshot({ path: `${SHOTS}/14-chart-hover.png` });

    await page.getByRole('button', { name: 'week' }).click();
    expect(await page.getByLabel('Range').inputValue()).toBe('90');
    await page.getByLabel('Range').selectOption('7');
    await page.getByRole('button', { name: 'hour' }).click();
    await page.getByLabel('Range').selectOption('365');
    await page.getByRole('button', { name: 'day', pressed: true }).waitFor(); // a year has no hourly points: the next coarser
    await page.getByRole('button', { name: 'month' }).click();
    await page.getByText('Show the numbers').click();
    await expect.poll(() => page.locator('figure.chart table tbody tr td').first().textContent()).toMatch(/^[A-Z][a-z]+ \d{4}$/); // "June 2026"
  });

  it('checkout says every missing part of the address at once, beside its field, and sends nothing; a bad quantity is refused at the line', { timeout: 60_000 }, async () => {
    const book = await createBook(shop.t.app.db, { title: 'Forms Filled Twice', priceCents: 900, stock: { onHand: 5 } });
    await shop.priceEverywhere(book.isbn13, 3_000);
    const page = await openPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${base}/books/${book.isbn13}`);
    await page.getByRole('button', { name: 'Buy now' }).click();
    await page.getByRole('heading', { name: 'Your cart' }).waitFor();
    await page.getByLabel('Full name').fill('Ada Reader');
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect.poll(() => page.locator('.field-error').allTextContents())
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
  });

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

  it('unknown addresses and malformed ISBNs get a "not found" page with status 404', { timeout: 30_000 }, async () => {
    expect((await fetch(`${base}/no-such-page`)).status).toBe(404);
    expect((await fetch(`${base}/books/123`)).status).toBe(404);
    expect((await fetch(`${base}/books/978-0-306-40615-7`)).status).toBe(200);
    expect((await fetch(`${base}/cart`)).status).toBe(200);
    const page = await openPage();
    await page.goto(`${base}/no-such-page`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await expectAccessible(page, 'not found');
  });
});

/** Whether the element lies within a 390 px wide screen (nothing cut off at the right). */
async function within390(locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  return box !== null && box.x >= 0 && box.x + box.width <= 390;
}
