import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { build } from 'vite';
import { expect, inject } from 'vitest';
import { openShop, type Shop } from '../helpers/shop.js';

// The web app in a real Chromium against a real Folio (API, worker, simulated stores). Screenshots of
// each step are kept in test-results/web/.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = 'test-results/web';

export interface BrowserShop {
  shop: Shop;
  base: string;
  /** A page in a context of its own (its own storage, as a separate browser would have). */
  openPage(options?: Parameters<Browser['newContext']>[0]): Promise<Page>;
  /** A new shopper, signed up through the sign-in page, on a desktop-sized page. */
  newShopper(email: string): Promise<Page>;
  close(): Promise<void>;
}

export async function openBrowserShop(seed: number, environment: Record<string, string> = {}): Promise<BrowserShop> {
  await buildWebAppOnce();
  const shop = await openShop({ seed, stores: 2, runWorker: true, environment: { FULFILMENT_STEP_SECONDS: '0.3', ...environment } });
  const base = `http://127.0.0.1:${await shop.t.app.http.listen(0, '127.0.0.1')}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(SHOTS, { recursive: true });
  const openPage = async (options: Parameters<Browser['newContext']>[0] = {}) => (await browser.newContext(options)).newPage();
  return {
    shop,
    base,
    openPage,
    async newShopper(email) {
      const page = await openPage({ viewport: { width: 1200, height: 900 } });
      await page.goto(`${base}/sign-in?next=/`);
      await expectAccessible(page, 'sign-in');
      await page.getByText('At least 10 characters.').waitFor(); // the rule the API enforces
      await page.getByLabel('E-mail').fill(email);
      await page.getByLabel('Password').fill('correct horse battery');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByRole('link', { name: 'Alerts' }).waitFor();
      await expect.poll(() => page.evaluate(() => localStorage.getItem('folio.email'))).toBe(email);
      return page;
    },
    async close() {
      await browser.close();
      await shop.close();
    },
  };
}

/**
 * Builds web/dist once per test run: files run in parallel, and a build under a running server would
 * replace the assets it serves. The first file to claim the run's marker builds; the others wait for it.
 */
async function buildWebAppOnce(): Promise<void> {
  const marker = join(tmpdir(), `folio-web-build-${inject('templateDatabase')}`);
  const done = join(marker, 'done');
  try {
    mkdirSync(marker);
  } catch {
    for (let waited = 0; !existsSync(done); waited += 200) {
      if (waited > 180_000) throw new Error('the web app build of this run did not finish');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return;
  }
  await build({ configFile: 'web/vite.config.ts', logLevel: 'warn' });
  writeFileSync(done, '');
}

/** axe-core's WCAG 2.x A/AA rules on the page as it is now: no violation allowed. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((violation) => `${what}: ${violation.id} (${violation.nodes.length}) ${violation.help}`)).toEqual([]);
}

/** Waits for the order page, or fails with what the page said instead (and a screenshot of it). */
export async function orderPage(page: Page, shot: string): Promise<void> {
  try {
    await page.getByTestId('order-status').waitFor({ timeout: 15_000 });
  } catch (error) {
    await page.screenshot({ path: `${SHOTS}/${shot}-failed.png`, fullPage: true });
    throw new Error(`no order page: ${(await page.locator('.error, .field-error, [role=alert]').allTextContents()).join(' | ')}`, { cause: error });
  }
}

export async function fillAddress(page: Page): Promise<void> {
  await page.getByLabel('Full name').fill('Ada Reader');
  await page.getByLabel('Address', { exact: true }).fill('1 Library Lane');
  await page.getByLabel('City').fill('Springfield');
  await page.getByLabel('Postal code').fill('12345');
}

/** Whether the element lies within a 390 px wide screen (nothing cut off at the right). */
export async function within390(locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  return box !== null && box.x >= 0 && box.x + box.width <= 390;
}
