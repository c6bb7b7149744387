import { useEffect, useRef, useState } from 'preact/hooks';
import { execute } from '../graphql';
import { Suggestions } from '../operations';
import { navigate } from '../router';

interface Suggestion {
  isbn13: string;
  title: string;
  format: string;
  publishedYear?: number | null;
  authors: { name: string }[];
  /** Other editions of the same title and authors, folded into this row. */
  editions: number;
}

const MAX_SUGGESTIONS = 6;

/** One row per title and authors (the most relevant edition), so five editions do not fill the list. */
function byWork(books: Omit<Suggestion, 'editions'>[]): Suggestion[] {
  const rows = new Map<string, Suggestion>();
  for (const book of books) {
    const key = `${book.title.toLowerCase()}|${book.authors.map((a) => a.name).join(',')}`;
    const seen = rows.get(key);
    if (seen) seen.editions++;
    else rows.set(key, { ...book, editions: 0 });
  }
  return [...rows.values()].slice(0, MAX_SUGGESTIONS);
}

/** The search field with type-ahead: an ARIA combobox whose suggestions open a book; Enter searches. */
export function SearchBox({ initial }: { initial: string }) {
  const [text, setText] = useState(initial);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [active, setActive] = useState(-1);
  const latest = useRef(0);
  useEffect(() => setText(initial), [initial]);

  useEffect(() => {
    const query = text.trim();
    if (query.length < 2 || query === initial) return setSuggestions([]);
    const asked = ++latest.current;
    const timer = setTimeout(() => {
      execute(Suggestions, { query }).then(
        (data) => {
          if (asked === latest.current) setSuggestions(byWork(data.searchBooks.edges.map((edge) => edge.node)));
        },
        () => undefined,
      );
    }, 150);
    return () => clearTimeout(timer);
  }, [text]);

  const close = () => {
    latest.current++; // a suggestion request still on its way is not shown after all
    setSuggestions([]);
    setActive(-1);
  };
  const open = (isbn13: string) => {
    close();
    navigate(`/books/${isbn13}`);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' && suggestions.length) {
      event.preventDefault();
      setActive((active + 1) % suggestions.length);
    } else if (event.key === 'ArrowUp' && suggestions.length) {
      event.preventDefault();
      setActive((active - 1 + suggestions.length) % suggestions.length);
    } else if (event.key === 'Escape') {
      close();
    } else if (event.key === 'Enter' && active >= 0 && suggestions[active]) {
      event.preventDefault();
      open(suggestions[active]!.isbn13);
    }
  };
  const submit = (event: Event) => {
    event.preventDefault();
    close();
    // An ISBN goes straight to its book, which Folio looks up at the partner stores if it does not list it.
    const digits = text.replace(/^\s*isbn:?\s*/i, '').replace(/[\s-]/g, '');
    if (/^(\d{9}[\dXx]|97[89]\d{10})$/.test(digits)) navigate(`/books/${digits.toUpperCase()}`);
    else navigate(`/?q=${encodeURIComponent(text.trim())}`);
  };

  return (
    <form role="search" class="search-box" onSubmit={submit}>
      <label for="search" class="visually-hidden">
        Search books by title, author or ISBN
      </label>
      <input
        id="search"
        type="search"
        name="q"
        placeholder="Search by title, author or ISBN"
        autocomplete="off"
        value={text}
        role="combobox"
        list={undefined}
        aria-autocomplete="list"
        aria-expanded={suggestions.length > 0}
        aria-controls="search-suggestions"
        aria-activedescendant={active >= 0 ? `suggestion-${active}` : undefined}
        onInput={(event) => {
          setText((event.target as HTMLInputElement).value);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(close, 150)}
      />
      <button type="submit">Search</button>
      <ul id="search-suggestions" role="listbox" class="suggestions" hidden={suggestions.length === 0} aria-label="Suggestions">
        {suggestions.map((book, index) => (
          <li
            id={`suggestion-${index}`}
            role="option"
            aria-selected={index === active}
            key={book.isbn13}
            onMouseDown={(event) => {
              event.preventDefault();
              open(book.isbn13);
            }}
          >
            <strong>{book.title}</strong>{' '}
            <span class="muted">
              {book.authors.map((a) => a.name).join(', ')} · {book.format.toLowerCase()}
              {book.publishedYear ? ` ${book.publishedYear}` : ''}
              {book.editions ? ` · +${book.editions} more ${book.editions === 1 ? 'edition' : 'editions'}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </form>
  );
}
