import { useEffect, useState } from 'preact/hooks';
import { execute, type RequestError } from '../graphql';
import { money } from '../format';
import type { BookSort, SearchBooksQuery } from '../gql/graphql';
import { SearchBooks } from '../operations';
import { Cover } from '../components/cover';
import { DealShelves } from '../components/deal-shelves';
import { navigate } from '../router';
import { ErrorMessage } from '../components/error-message';

type Results = SearchBooksQuery['searchBooks'];
const PAGE = 20;

const SORTS: { value: BookSort; label: string }[] = [
  { value: 'RELEVANCE', label: 'Best match' },
  { value: 'PRICE_ASC', label: 'Price, low to high' },
  { value: 'PRICE_DESC', label: 'Price, high to low' },
  { value: 'NEWEST', label: 'Newest' },
  { value: 'TITLE', label: 'Title, A to Z' },
];

function sortOf(url: URL): BookSort {
  const asked = url.searchParams.get('sort');
  return SORTS.find((sort) => sort.value === asked)?.value ?? 'RELEVANCE';
}

function withParam(url: URL, name: string, value: string | null): string {
  const next = new URL(url);
  if (value === null) next.searchParams.delete(name);
  else next.searchParams.set(name, value);
  return next.pathname + next.search;
}

const FILTER_PARAMS = ['category', 'language', 'price', 'inStock'];
const chosenFilters = (url: URL) => FILTER_PARAMS.reduce((count, name) => count + url.searchParams.getAll(name).length, 0);

function withoutFilters(url: URL): string {
  const next = new URL(url);
  for (const name of FILTER_PARAMS) next.searchParams.delete(name);
  return next.pathname + next.search;
}

/** The filters a search URL carries: ?q=…&category=…&language=…&price=1000-1999&inStock=1 */
function filterOf(url: URL) {
  const price = url.searchParams.get('price');
  const [min, max] = price ? price.split('-') : [];
  return {
    categoryIds: url.searchParams.getAll('category'),
    languages: url.searchParams.getAll('language'),
    minPriceCents: min ? Number(min) : undefined,
    maxPriceCents: max ? Number(max) : undefined,
    inStockOnly: url.searchParams.get('inStock') === '1' || undefined,
  };
}

function toggled(url: URL, name: string, value: string, single = false): string {
  const next = new URL(url);
  const values = next.searchParams.getAll(name);
  next.searchParams.delete(name);
  if (!values.includes(value)) (single ? [value] : [...values, value]).forEach((v) => next.searchParams.append(name, v));
  else if (!single) values.filter((v) => v !== value).forEach((v) => next.searchParams.append(name, v));
  return next.pathname + next.search;
}

function Facet({
  title,
  name,
  url,
  counts,
  single,
}: {
  title: string;
  name: string;
  url: URL;
  counts: { value: string; label: string; count: number }[];
  single?: boolean;
}) {
  const chosen = url.searchParams.getAll(name);
  const shown = counts.filter((facet) => facet.count > 0 || chosen.includes(facet.value));
  if (shown.length === 0) return null;
  return (
    <fieldset class="facet">
      <legend>{title}</legend>
      {shown.map((facet) => (
        <label key={facet.value}>
          <input type="checkbox" checked={chosen.includes(facet.value)} onChange={() => navigate(toggled(url, name, facet.value, single))} />
          {facet.label} <span class="muted">({facet.count.toLocaleString()})</span>
        </label>
      ))}
    </fieldset>
  );
}

/** Search results with facets (category, language, price, in stock) and more pages on demand. */
export function SearchPage({ url }: { url: URL }) {
  const query = url.searchParams.get('q') ?? '';
  const [results, setResults] = useState<Results | null>(null);
  const [more, setMore] = useState<Results['edges']>([]);
  const [error, setError] = useState<string | null>(null);
  const key = url.search;

  useEffect(() => {
    setError(null);
    setMore([]);
    execute(SearchBooks, { query: query || null, filter: filterOf(url), sort: sortOf(url), first: PAGE }).then(
      (data) => setResults(data.searchBooks),
      (e: RequestError) => setError(e.message),
    );
  }, [key]);

  const loadMore = async (after: string) => {
    const next = await execute(SearchBooks, { query: query || null, filter: filterOf(url), sort: sortOf(url), first: PAGE, after });
    setMore([...more, ...next.searchBooks.edges]);
    setResults({ ...results!, pageInfo: next.searchBooks.pageInfo });
  };

  if (error) return <ErrorMessage error={error} />;
  if (!results)
    return (
      <p class="muted" aria-live="polite">
        Searching…
      </p>
    );
  const books = [...results.edges, ...more].map((edge) => edge.node);
  const filters = chosenFilters(url);
  return (
    <>
      {query ? null : <Welcome />}
      {url.search === '' ? <DealShelves /> : null}
      <div class="search-page">
        <details class="filters" open={!isPhone()}>
          <summary>Filters{filters ? ` (${filters} chosen)` : ''}</summary>
          <aside aria-label="Filters">
            <Facet title="Category" name="category" url={url} counts={results.facets.categories} />
            <Facet title="Language" name="language" url={url} counts={results.facets.languages} />
            <Facet title="Price" name="price" url={url} counts={results.facets.priceRanges} single />
            <fieldset class="facet">
              <legend>Availability</legend>
              <label>
                <input type="checkbox" checked={url.searchParams.get('inStock') === '1'} onChange={() => navigate(toggled(url, 'inStock', '1', true))} />
                In stock now <span class="muted">({results.facets.inStock.toLocaleString()})</span>
              </label>
            </fieldset>
          </aside>
        </details>
        <section aria-labelledby="results-heading">
          <div class="results-head">
            {query ? <h1 id="results-heading">Results for “{query}”</h1> : <h2 id="results-heading">Popular books</h2>}
            <label class="inline sort">
              Sort by
              <select value={sortOf(url)} onChange={(e) => navigate(withParam(url, 'sort', (e.target as HTMLSelectElement).value))}>
                {SORTS.map((sort) => (
                  <option key={sort.value} value={sort.value}>
                    {sort.label}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <p class="muted" aria-live="polite">
            {results.totalCount.toLocaleString()} {results.totalCount === 1 ? 'book' : 'books'}
            {results.mode === 'CORRECTED' && results.correctedQuery ? (
              <>
                {' '}
                · nothing matched “{query}”, so these are for “<a href={`/?q=${encodeURIComponent(results.correctedQuery)}`}>{results.correctedQuery}</a>”
              </>
            ) : null}
          </p>
          {results.mode === 'FUZZY' && books.length > 0 ? (
            <p class="notice">No book matches “{query}” word for word. These only look similar: check the spelling, or search by author or ISBN.</p>
          ) : null}
          {books.length === 0 ? <NoResults query={query} url={url} filters={filters} /> : null}
          <ol class="results">
            {books.map((book) => (
              <li key={book.id}>
                <Cover title={book.title} author={book.authors[0]?.name ?? ''} size="small" />
                <div>
                  <a href={`/books/${book.isbn13}`} class="title">
                    {book.title}
                  </a>
                  {book.subtitle ? <span class="muted"> — {book.subtitle}</span> : null}
                  <div class="muted">
                    {book.authors.map((a) => a.name).join(', ')} · {book.format.toLowerCase()}
                    {book.publishedYear ? ` · ${book.publishedYear}` : ''}
                  </div>
                  <div>
                    {book.lowestOffer ? (
                      <>
                        from <strong>{money(book.lowestOffer.total)}</strong>
                      </>
                    ) : book.listPrice ? (
                      <>list {money(book.listPrice)}</>
                    ) : null}
                  </div>
                </div>
              </li>
            ))}
          </ol>
          {results.pageInfo.hasNextPage && results.pageInfo.endCursor ? (
            <button type="button" onClick={() => void loadMore(results.pageInfo.endCursor!)}>
              More books
            </button>
          ) : null}
        </section>
      </div>
    </>
  );
}

const isPhone = () => matchMedia('(max-width: 720px)').matches;

/** What Folio is, for someone who just arrived. */
function Welcome() {
  return (
    <section class="welcome" aria-labelledby="welcome-heading">
      <h1 id="welcome-heading">Every bookstore's price for your book, side by side</h1>
      <p>
        Folio compares partner bookstores by what you really pay (price plus shipping), buys from the cheapest at or below the price you name, or keeps watching
        and tells you, or buys, the moment a store drops to it. Search by title, author or ISBN to start.
      </p>
    </section>
  );
}

function NoResults({ query, url, filters }: { query: string; url: URL; filters: number }) {
  return (
    <div class="card empty">
      <h2>No books found{query ? <> for “{query}”</> : null}</h2>
      <ul>
        {filters ? (
          <li>
            Your filters may be too narrow: <a href={withoutFilters(url)}>search without them</a>.
          </li>
        ) : null}
        <li>Check the spelling, or try fewer or other words (an author's surname often finds it).</li>
        <li>Have the ISBN? Type it in: Folio asks the partner stores for books it does not list yet.</li>
      </ul>
    </div>
  );
}
