import { useEffect, useState } from 'preact/hooks';
import { execute, RequestError } from '../graphql';
import { money } from '../format';
import type { SearchBooksQuery } from '../gql/graphql';
import { SearchBooks } from '../operations';
import { navigate } from '../router';

type Results = SearchBooksQuery['searchBooks'];
const PAGE = 20;

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

function Facet({ title, name, url, counts, single }: { title: string; name: string; url: URL; counts: { value: string; label: string; count: number }[]; single?: boolean }) {
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
    execute(SearchBooks, { query: query || null, filter: filterOf(url), first: PAGE }).then((data) => setResults(data.searchBooks), (e: RequestError) => setError(e.message));
  }, [key]);

  const loadMore = async (after: string) => {
    const next = await execute(SearchBooks, { query: query || null, filter: filterOf(url), first: PAGE, after });
    setMore([...more, ...next.searchBooks.edges]);
    setResults({ ...results!, pageInfo: next.searchBooks.pageInfo });
  };

  if (error) return <p role="alert" class="error">{error}</p>;
  if (!results) return <p class="muted" aria-live="polite">Searching…</p>;
  const books = [...results.edges, ...more].map((edge) => edge.node);
  return (
    <div class="search-page">
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
      <section aria-labelledby="results-heading">
        <h1 id="results-heading">{query ? <>Results for “{query}”</> : 'Books'}</h1>
        <p class="muted" aria-live="polite">
          {results.totalCount.toLocaleString()} books
          {results.correctedQuery ? <> · showing results for <a href={`/?q=${encodeURIComponent(results.correctedQuery)}`}>{results.correctedQuery}</a></> : null}
        </p>
        <ol class="results">
          {books.map((book) => (
            <li key={book.id}>
              <a href={`/books/${book.isbn13}`} class="title">{book.title}</a>
              {book.subtitle ? <span class="muted"> — {book.subtitle}</span> : null}
              <div class="muted">{book.authors.map((a) => a.name).join(', ')} · {book.format.toLowerCase()}{book.publishedYear ? ` · ${book.publishedYear}` : ''}</div>
              <div>{book.lowestOffer ? <>from <strong>{money(book.lowestOffer.total)}</strong></> : book.listPrice ? <>list {money(book.listPrice)}</> : null}</div>
            </li>
          ))}
        </ol>
        {results.pageInfo.hasNextPage && results.pageInfo.endCursor
          ? <button type="button" onClick={() => void loadMore(results.pageInfo.endCursor!)}>More books</button>
          : null}
      </section>
    </div>
  );
}
