import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordObservations } from '../../src/resolvers/pricing/offer-repository.js';
import { rebuildWatchedBooks } from '../../src/resolvers/pricing/watch/watch-repository.js';
import { createBook, createPastCloses } from '../factories/catalog.js';
import type { Shop } from '../helpers/shop.js';
import { type BrowserShop, expectAccessible, openBrowserShop, SHOTS, within390 } from './browser-kit.js';

// Finding and following books in the web app: the home page's deals, search, the book page's alerts and
// chart, GraphiQL offline, and "not found". Deal lists are read fresh (no minute-long cache) so each
// step sees the prices it set.
let b: BrowserShop;
let shop: Shop;
let base: string;
let openPage: BrowserShop['openPage'];
let newShopper: BrowserShop['newShopper'];

beforeAll(async () => {
  b = await openBrowserShop(308, { DEALS_CACHE_SECONDS: '0' });
  ({ shop, base, openPage, newShopper } = b);
}, 120_000);
afterAll(() => b?.close());

describe('discovery in the web app, in Chromium', () => {
  it("the home page says what Folio is and shows today's drops, 30-day lows and recently watched books", { timeout: 60_000 }, async () => {
    const fallen = await createBook(shop.t.app.db, { title: 'Almanac of Fallen Prices', description: 'A year of prices, told one fall at a time.' });
    await createPastCloses(shop.t.app.db, fallen.id, Array(30).fill(3_000)); // a month at $30.00 …
    await shop.priceEverywhere(fallen.isbn13, 1_800); // … then every store cuts it today
    const watched = await createBook(shop.t.app.db, { title: 'The Closely Watched Atlas' });
    await shop.priceEverywhere(watched.isbn13, 2_500);
    const token = await shop.shopper('browser-home@example.com');
    const alert = await shop.t.execute(
      `mutation ($isbn: String!) { createPriceAlert(input: { isbn: $isbn, rule: BELOW, thresholdCents: 1500, channels: [SUBSCRIPTION] }) { id } }`,
      { isbn: watched.isbn13 },
      token,
    );
    expect(alert.errors).toBeUndefined();
    await rebuildWatchedBooks(shop.t.app.db);

    for (const [size, viewport] of [
      ['desktop', { width: 1280, height: 800 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      const page = await openPage({ viewport, isMobile: size === 'phone' });
      const sent: string[] = [];
      page.on('request', (request) => void (request.url().endsWith('/graphql') && request.method() === 'POST' && sent.push(request.postData() ?? '')));
      await page.goto(base);
      await page.getByRole('heading', { level: 1, name: /Every bookstore's price/ }).waitFor();
      const drops = page.getByRole('region', { name: 'Biggest drops today' });
      await drops.getByRole('link', { name: 'Almanac of Fallen Prices' }).waitFor({ timeout: 10_000 });
      await drops.getByText(/\d+% below yesterday's \$30\.00/).waitFor();
      await page
        .getByRole('region', { name: 'At their 30-day low' })
        .getByText(/\d+% below its 30-day average of \$30\.00/)
        .waitFor();
      await page.getByRole('region', { name: 'Recently watched' }).getByRole('link', { name: 'The Closely Watched Atlas' }).waitFor();
      await expectAccessible(page, `home (${size})`);
      // Trusted documents: the built app names its operations by hash and never sends their text.
      expect(sent.length).toBeGreaterThan(0);
      for (const body of sent)
        expect(JSON.parse(body)).toMatchObject({ extensions: { persistedQuery: { version: 1, sha256Hash: expect.stringMatching(/^[0-9a-f]{64}$/) } } });
      expect(sent.some((body) => 'query' in JSON.parse(body))).toBe(false);
      await page.screenshot({ path: `${SHOTS}/0-home-${size}.png`, fullPage: true });
      if (size === 'phone') expect(await within390(drops)).toBe(true);
      else {
        await drops.getByRole('link', { name: 'Almanac of Fallen Prices' }).click();
        await page.getByRole('heading', { level: 1, name: 'Almanac of Fallen Prices' }).waitFor();
        await page.getByText('A year of prices, told one fall at a time.').waitFor();
      }
    }
  });

  it(
    'search: one type-ahead row per title, closed by Enter; a sort control; a helpful empty state; filters behind a button on a phone',
    { timeout: 60_000 },
    async () => {
      const first = await createBook(shop.t.app.db, { title: 'Marginalia of the Tides', authors: ['Iris Vane'], format: 'PAPERBACK' });
      for (const format of ['HARDCOVER', 'EBOOK'] as const)
        await createBook(shop.t.app.db, { title: 'Marginalia of the Tides', authors: ['Iris Vane'], format, workId: first.workId });
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

      // Too far from any word to correct, yet close to a title: shown, and said to be only similar.
      await search.fill('marginaliaoftids');
      await search.press('Enter');
      await page.getByRole('link', { name: 'Marginalia of the Tides' }).first().waitFor();
      await page.getByText(/No book matches “marginaliaoftids” word for word\. These only look similar/).waitFor();

      const phone = await openPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      await phone.goto(`${base}/?q=Marginalia`);
      await phone.getByRole('link', { name: 'Marginalia of the Tides' }).first().waitFor();
      expect(await phone.getByRole('group', { name: 'Availability' }).isVisible()).toBe(false);
      const firstBook = await phone.getByRole('link', { name: 'Marginalia of the Tides' }).first().boundingBox();
      expect(firstBook!.y).toBeLessThan(844); // the first book is on the first screen
      await phone.getByText('Filters', { exact: true }).click();
      await phone.getByRole('group', { name: 'Availability' }).waitFor();
      await phone.screenshot({ path: `${SHOTS}/13-phone-search.png`, fullPage: true });
    },
  );

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

  it(
    'the price chart reads out the point under the pointer, marks the low and the high, and keeps its range across granularities',
    { timeout: 60_000 },
    async () => {
      const book = await createBook(shop.t.app.db, { title: 'Forty Days of Prices' });
      const [store] = await shop.t.app.services.stores.storesByIds([
        (await shop.t.app.db.selectFrom('stores').select('id').where('kind', '=', 'PARTNER').executeTakeFirstOrThrow()).id,
      ]);
      const days = Array.from({ length: 40 }, (_, i) => i);
      for (const i of days) {
        await shop.t.app.db.transaction().execute((trx) =>
          recordObservations(trx, book.id, [
            {
              storeId: store!.id,
              priceCents: 1_500 + ((i * 37) % 11) * 50,
              shippingCents: 0,
              currency: 'USD',
              inStock: true,
              observedAt: new Date(Date.now() - (40 - i) * 86_400_000),
              source: 'CRAWL',
            },
          ]),
        );
      }
      await shop.priceEverywhere(book.isbn13, 5_000); // today's answers all dearer than the history's low
      const page = await openPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`${base}/books/${book.isbn13}`);
      const chart = page.locator('figure.chart svg');
      await chart.waitFor();
      // Today's point holds what the stores answer as the page opens (all dearer), so only the low is fixed.
      await expect
        .poll(() => page.locator('.mark-label').allTextContents(), { timeout: 15_000 })
        .toEqual(['low $15.00', expect.stringMatching(/^high \$\d+\.\d\d$/)]);
      const box = (await chart.boundingBox())!;
      await chart.hover({ position: { x: box.width * 0.6, y: box.height / 2 } });
      await expect.poll(() => page.locator('.chart-readout').textContent()).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}: \$\d+\.\d\d \(low/);
      await page.screenshot({ path: `${SHOTS}/14-chart-hover.png` });

      // A store's own line on demand, in the legend and in the read-out.
      await page.getByText("Compare with stores' own prices").click();
      await page.getByRole('checkbox', { name: store!.name }).check();
      await page.getByRole('list', { name: 'Lines' }).getByText(store!.name).waitFor();
      await expect.poll(() => page.locator('figure.chart .store-line').count()).toBe(1);
      await chart.hover({ position: { x: box.width * 0.6, y: box.height / 2 } });
      await expect.poll(() => page.locator('.chart-readout').textContent()).toContain(`· ${store!.name} $`);
      await expectAccessible(page, 'book page with a store line');
      await page.screenshot({ path: `${SHOTS}/14-chart-store-line.png`, fullPage: true });

      await page.getByRole('button', { name: 'week' }).click();
      expect(await page.getByLabel('Range').inputValue()).toBe('90');
      await page.getByLabel('Range').selectOption('7');
      await page.getByRole('button', { name: 'hour' }).click();
      await page.getByLabel('Range').selectOption('365');
      await page.getByRole('button', { name: 'day', pressed: true }).waitFor(); // a year has no hourly points: the next coarser
      await page.getByRole('button', { name: 'month' }).click();
      await page.getByText('Show the numbers').click();
      await expect.poll(() => page.locator('figure.chart table tbody tr td').first().textContent()).toMatch(/^[A-Z][a-z]+ \d{4}$/); // "June 2026"
    },
  );

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
