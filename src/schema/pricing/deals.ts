import { moneyOrNull } from '../../lib/money.js';
import { dealCursor, type DealBook, type DealKind } from '../../resolvers/pricing/deals.js';
import { BookRef } from '../catalog/book.js';
import { builder } from '../builder.js';
import { MoneyRef } from '../common/money.js';

const DealKindEnum = builder.enumType('DealKind', {
  values: {
    BIGGEST_DROPS: { description: "Today's biggest falls of a book's lowest landed total against yesterday's close, largest percentage first." },
    LOWEST_IN_30_DAYS: {
      description: 'Books at or below their lowest price of the last 30 days and under their 30-day average (at least 7 days of prices), furthest under first.',
    },
    RECENTLY_WATCHED: { description: 'Books shoppers most recently began watching for a price (an alert or an auto-buy), newest first.' },
  } satisfies Record<DealKind, unknown>,
});

builder.queryField('deals', (t) =>
  t.connection(
    {
      type: BookRef,
      description: 'Lists for discovery: drops, 30-day lows, recently watched. Each edge says why its book is there; pages are cached for a minute.',
      args: { kind: t.arg({ type: DealKindEnum, required: true }) },
      resolve: async (_root, args, context) => {
        const page = await context.services.deals.page(args.kind, args.after ?? null, args.first ?? 20);
        const edges = page.books.map((book) => ({ cursor: dealCursor(book.deal), node: book }));
        return {
          kind: args.kind,
          edges,
          pageInfo: {
            hasNextPage: page.hasNextPage,
            hasPreviousPage: Boolean(args.after),
            startCursor: edges[0]?.cursor ?? null,
            endCursor: edges.at(-1)?.cursor ?? null,
          },
        };
      },
    },
    {
      name: 'BookConnection',
      fields: (t) => ({
        totalCount: t.int({ resolve: (connection, _args, context) => context.services.deals.count((connection as unknown as { kind: DealKind }).kind) }),
      }),
    },
    {
      name: 'DealEdge',
      fields: (t) => ({
        price: t.field({
          type: MoneyRef,
          nullable: true,
          description: "The book's lowest in-stock landed total (price + shipping) as the list last saw it.",
          resolve: (edge) => moneyOrNull((edge.node as DealBook).deal.currentCents),
        }),
        was: t.field({
          type: MoneyRef,
          nullable: true,
          description: "What the price is compared with: yesterday's close (BIGGEST_DROPS) or the 30-day average (LOWEST_IN_30_DAYS).",
          resolve: (edge) => moneyOrNull((edge.node as DealBook).deal.referenceCents),
        }),
        percentOff: t.float({
          nullable: true,
          description: 'How far under `was` the price is, in percent (one decimal).',
          resolve: (edge) => {
            const basisPoints = (edge.node as DealBook).deal.basisPoints;
            return basisPoints === null ? null : Math.round(basisPoints / 10) / 10;
          },
        }),
        since: t.field({
          type: 'DateTime',
          description: 'When the price last changed; for RECENTLY_WATCHED, when shoppers began watching the book.',
          resolve: (edge) => (edge.node as DealBook).deal.since,
        }),
      }),
    },
  ),
);
