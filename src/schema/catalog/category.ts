import type { CategoryRow } from '../../resolvers/catalog/catalog-repository.js';
import { builder } from '../builder.js';
import { nodeId } from '../common/ids.js';

export const CategoryRef = builder.loadableNode('Category', {
  id: { resolve: (category: CategoryRow) => category.id, parse: nodeId },
  load: (ids: number[], context) => context.services.catalog.categoriesByIds(ids),
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
  }),
});

builder.queryField('categories', (t) =>
  t.field({
    type: [CategoryRef],
    description: 'Every category, by name.',
    resolve: (_root, _args, context) => context.services.catalog.categories(),
  }),
);
