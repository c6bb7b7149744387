import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../src/simulator/server.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let first: RunningSimulator;
let second: RunningSimulator;

beforeAll(async () => {
  [first, second] = await Promise.all([startSimulator({ seed: 61, stores: 3 }), startSimulator({ seed: 62, stores: 2 })]);
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
  await Promise.all([first.close(), second.close()]);
});

describe('store registry', () => {
  it('follows the partner network: stores it no longer lists are no longer asked, and come back when listed again', async () => {
    await t.app.services.stores.syncFromNetwork(first.url);
    const slugs = async () => (await t.app.services.stores.partners()).map((store) => store.slug).sort();
    expect(await slugs()).toEqual(
      first.simulator
        .profiles()
        .map((profile) => profile.slug)
        .sort(),
    );
    await t.app.services.stores.syncFromNetwork(second.url);
    expect(await slugs()).toEqual(
      second.simulator
        .profiles()
        .map((profile) => profile.slug)
        .sort(),
    );
    await t.app.services.stores.syncFromNetwork(first.url);
    expect(await slugs()).toEqual(
      first.simulator
        .profiles()
        .map((profile) => profile.slug)
        .sort(),
    );
  });
});
