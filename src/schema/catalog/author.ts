import type { AuthorRow } from '../../resolvers/catalog/catalog-repository.js';
import { builder } from '../builder.js';
import { nodeId } from '../common/ids.js';

export const AuthorRef = builder.loadableNode('Author', {
  id: { resolve: (author: AuthorRow) => author.id, parse: nodeId },
  load: (ids: number[], context) => context.services.catalog.authorsByIds(ids),
  fields: (t) => ({
    name: t.exposeString('name'),
  }),
});
