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
