import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBook } from '../factories/catalog.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { refreshSearchTermsTask } from '../../src/jobs/catalog/refresh-search-terms.js';
import { enqueue } from '../../src/jobs/kit.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ runWorker: true });
});
afterAll(() => t.close());

describe('refresh_search_terms job', () => {
  it('builds the spelling dictionary from the catalogue when the worker runs it', async () => {
    await createBook(t.app.db, { title: 'Lighthouse Keepers', authors: ['Ines Moreau'] });
    await enqueue(t.app.db, refreshSearchTermsTask, {}, { jobKey: 'refresh_search_terms' });
    let terms: string[] = [];
    for (let attempt = 0; attempt < 100 && terms.length === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      terms = (await t.app.db.selectFrom('searchTerms').select('term').execute()).map((row) => row.term);
    }
    expect(terms).toEqual(expect.arrayContaining(['lighthouse', 'keepers', 'ines', 'moreau']));
  });
});
