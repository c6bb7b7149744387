import { mkdirSync } from 'node:fs';
import { sql } from 'kysely';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

async function newShopper(email: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.goto(`${base}/sign-in?next=/`);
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
    await page.getByLabel('Full name').fill('Ada Reader');
    await page.getByLabel('Address').fill('1 Library Lane');
    await page.getByLabel('City').fill('Springfield');
    await page.getByLabel('Postal code').fill('12345');
    await page.getByRole('button', { name: 'Buy at the best price' }).click();
    await page.getByText(/Bought for \$13\.99/).waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: 'See the order' }).click();
    await page.getByTestId('order-status').waitFor();
    await page.screenshot({ path: `${SHOTS}/4-bought-at-the-best-price.png`, fullPage: true });
  });

  it('cart → checkout with tok_visa → the order page follows the status to DELIVERED live', { timeout: 90_000 }, async () => {
    const book = await createBook(shop.t.app.db, { title: 'The Cartographer of Small Rooms', priceCents: 1_450, stock: { onHand: 3 } });
    const page = await newShopper('browser-cart@example.com');
    await page.goto(`${base}/books/${book.isbn13}`);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByText('Added to your cart.').waitFor();
    await page.getByRole('link', { name: 'Go to cart' }).click();

    await page.getByRole('heading', { name: 'Your cart' }).waitFor();
    await page.getByLabel('Full name').fill('Ada Reader');
    await page.getByLabel('Address').fill('1 Library Lane');
    await page.getByLabel('City').fill('Springfield');
    await page.getByLabel('Postal code').fill('12345');
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
    const stock = await shop.t.app.db.selectFrom('inventory').select(['sold']).where('bookId', '=', book.id).executeTakeFirstOrThrow();
    expect(stock.sold).toBe(1);
  });

  it('GraphiQL loads from Folio alone (every other host blocked) and runs the first query', { timeout: 60_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
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
});
