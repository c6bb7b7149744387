import type { WorkRow } from '../../resolvers/catalog/catalog-repository.js';
import { builder } from '../builder.js';
import { nodeId } from '../common/ids.js';
import { requireAll } from '../common/loaders.js';
import { BookRef } from './book.js';

export const WorkRef = builder.loadableNode('Work', {
  description: 'One work in all its editions (hardcover, paperback, e-book, audiobook), each with its own ISBN.',
  id: { resolve: (work: WorkRow) => work.id, parse: nodeId },
  load: (ids: number[], context) => context.services.catalog.worksByIds(ids),
  fields: (t) => ({
    title: t.exposeString('title'),
    description: t.exposeString('description', { nullable: true, description: 'A blurb shared by every edition.' }),
    editions: t.loadableList({
      type: BookRef,
      load: (workIds: number[], context) => context.services.catalog.editionsOfWorks(workIds),
      resolve: (work) => work.id,
    }),
  }),
});

builder.objectField(BookRef, 'work', (t) =>
  t.loadable({
    type: WorkRef,
    load: (ids: number[], context) => context.services.catalog.worksByIds(ids).then(requireAll<WorkRow>('Work')),
    resolve: (book) => book.workId,
  }),
);

builder.objectField(BookRef, 'description', (t) =>
  t.string({
    nullable: true,
    description: "The work's blurb (every edition shares it); null when the catalogue has none.",
    resolve: async (book, _args, context) => (await context.services.catalog.worksByIds([book.workId]))[0]?.description ?? null,
  }),
);
