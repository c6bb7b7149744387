import { z } from 'zod';
import { defineTask } from '../kit.js';

/** An ISBN whose search outlived its request (or its process): asks the partners again until each has answered. */
export const discoverBookTask = defineTask({
  name: 'discover_book',
  schema: z.object({ isbn13: z.string().regex(/^97[89][0-9]{10}$/) }),
  run: async ({ isbn13 }, { services, logger }) => {
    const found = await services.discovery.discoverInBackground(isbn13);
    logger.info({ isbn13, status: found.status, asked: found.storesAsked, answered: found.storesAnswered }, 'ISBN searched at the partners');
  },
});
