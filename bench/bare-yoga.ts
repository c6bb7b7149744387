import { createServer } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';

/**
 * The baseline: graphql-yoga with a one-field schema, answering `{ __typename }`. BARE_BODY_LIMIT=false
 * turns off Yoga's own body-size limit, as Folio does (its HTTP server checks the size itself).
 */
const yoga = createYoga({
  maxRequestBodySize: process.env.BARE_BODY_LIMIT === 'false' ? false : undefined,
  schema: createSchema({ typeDefs: 'type Query { ok: Boolean }', resolvers: { Query: { ok: () => true } } }),
  logging: false,
  healthCheckEndpoint: '/health',
});
createServer(yoga).listen(Number(process.env.PORT ?? 4502), '127.0.0.1');
