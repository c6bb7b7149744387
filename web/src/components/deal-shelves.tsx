import { useEffect, useState } from 'preact/hooks';
import { execute } from '../graphql';
import { money } from '../format';
import type { DealShelfFragment, HomeDealsQuery } from '../gql/graphql';
import { HomeDeals } from '../operations';
import { Cover } from './cover';

const PER_SHELF = 5;

/** The home page's three lists: today's drops, 30-day lows, what shoppers began watching. */
export function DealShelves() {
  const [deals, setDeals] = useState<HomeDealsQuery | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    execute(HomeDeals, { first: PER_SHELF }).then(setDeals, () => setFailed(true));
  }, []);
  // The lists are a bonus on the way to a search: when they cannot load, the page goes on without them.
  if (failed) return null;
  return (
    <div class="shelves">
      <Shelf
        id="drops"
        title="Biggest drops today"
        was="yesterday's"
        shelf={deals?.drops}
        empty="No price has fallen yet today. Stores reprice all day; drops appear here as Folio sees them."
      />
      <Shelf
        id="lows"
        title="At their 30-day low"
        was="its 30-day average of"
        shelf={deals?.lows}
        empty="No book is at its lowest price of the month right now."
      />
      <Shelf
        id="watched"
        title="Recently watched"
        shelf={deals?.watched}
        empty="No one is watching a price yet. Open any book and choose “Tell me when it drops”."
      />
    </div>
  );
}

/** `was` says what a deal's earlier price is ("yesterday's"), for lists that compare with one. */
function Shelf({ id, title, was, shelf, empty }: { id: string; title: string; was?: string; shelf: DealShelfFragment | undefined; empty: string }) {
  return (
    <section class="shelf card" aria-labelledby={`${id}-heading`} aria-busy={shelf ? undefined : 'true'}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {!shelf ? (
        <p class="muted">Loading…</p>
      ) : shelf.edges.length === 0 ? (
        <p class="muted">{empty}</p>
      ) : (
        <ol class="shelf-books">
          {shelf.edges.map((edge) => (
            <li key={edge.node.id}>
              <Cover title={edge.node.title} author={edge.node.authors[0]?.name ?? ''} size="small" />
              <div>
                <a href={`/books/${edge.node.isbn13}`} class="title">
                  {edge.node.title}
                </a>
                <div class="muted">
                  {edge.node.authors.map((author) => author.name).join(', ')} · {edge.node.format.toLowerCase()}
                </div>
                <div>
                  {edge.price ? <strong>{money(edge.price)}</strong> : <span class="muted">not in stock now</span>}
                  {edge.was && edge.percentOff !== null ? (
                    <>
                      {' '}
                      · <span class="deal">{Math.round(edge.percentOff)}% below</span> {was} {money(edge.was)}
                    </>
                  ) : null}
                </div>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
