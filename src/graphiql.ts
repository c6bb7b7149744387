import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { GraphiQLOptions } from 'graphql-yoga';

const DEMO_ISBN = '0-306-40615-2';

/** The README's first query, with a welcome: a book by ISBN-10 and a search with facets. */
const FIRST_QUERY = `# Welcome to Folio: compare bookstores, buy at
# the best price, watch prices drop.
# Press the run button (or Ctrl-Enter). The other
# tabs compare prices, chart a price, correct a
# search and follow offers live. The Docs button
# (top left) lists every type and field.
query Welcome {
  book(isbn: "${DEMO_ISBN}") {
    title isbn13 isbn10 format stock
    authors { name }
    listPrice { amount currency }
    work { editions { isbn13 format } }
  }
  searchBooks(query: "pride", first: 5) {
    totalCount
    edges { node { title authors { name } } }
    facets { categories { label count } languages { label count } priceRanges { label count } inStock }
  }
}
`;

export const EXAMPLES = [
  FIRST_QUERY,
  `# Every partner store's price for one book,
# cheapest total (price + shipping) first.
query ComparePrices {
  book(isbn: "${DEMO_ISBN}") {
    title
    offers { store { name } price { amount } shipping { amount } total { amount } inStock ageSeconds }
  }
}
`,
  `# A year of weekly lows, and whether today's
# price is a good deal.
query PriceHistory {
  book(isbn: "${DEMO_ISBN}") {
    priceHistory(granularity: WEEK) {
      current { amount } lowest30d { amount } allTimeLow { amount } isGoodDeal
      points { bucket low { amount } high { amount } }
    }
  }
}
`,
  `# Misspelt searches are corrected against the
# catalogue's own words.
query CorrectedSearch {
  searchBooks(query: "hary poter", first: 5) {
    mode correctedQuery totalCount
    edges { node { title authors { name } lowestOffer { total { amount } store { name } } } }
  }
}
`,
  `# Live: each store's new offer as it is heard
# (run it, then run ComparePrices in another tab).
subscription LiveOffers {
  offersUpdated(isbn: "${DEMO_ISBN}") { store { name } total { amount } inStock }
}
`,
];

/** GraphiQL from the project's own packages (no CDN: it works offline), opening on the examples. */
export const graphiql = {
  options: {
    title: 'Folio GraphiQL',
    subscriptionsProtocol: 'WS',
    defaultQuery: FIRST_QUERY,
    defaultTabs: EXAMPLES.map((query) => ({ query })),
  } satisfies GraphiQLOptions,
  render: renderGraphiQL,
};
