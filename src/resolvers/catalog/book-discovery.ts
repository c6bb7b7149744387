import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { InvalidInputError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import type { MaybePromise } from '../../lib/maybe-promise.js';
import type { PartnerNetwork } from '../../partners/network.js';
import type { LookUpPriority } from '../../partners/price-lane.js';
import { askStores, observationsOf, type OfferService, type StoreAnswer } from '../pricing/offer-service.js';
import { recordObservations } from '../pricing/offer-repository.js';
import type { IndexSearch } from '../../search/index-search.js';
import type { StoreService } from '../stores/store-service.js';
import type { BookRow } from './catalog-repository.js';
import { type CatalogService, isbnArgument } from './catalog-service.js';
import { findFruitlessSearch, forgetSearch, insertDiscoveredBook, recordFruitlessSearch } from './discovery-repository.js';
import { discoverBookTask } from '../../jobs/catalog/discover-book.js';
import { enqueue } from '../../jobs/kit.js';

export type LookupStatus = 'FOUND' | 'SEARCHING' | 'NOT_CARRIED';

export interface BookLookup {
  status: LookupStatus;
  book: BookRow | null;
  storesAsked: number;
  storesAnswered: number;
}

/** How long a search keeps asking the stores after the shopper has stopped waiting. */
const SEARCH_DEADLINE_MS = 10_000;
/** A search that found nothing is believed this long before the stores are asked again. */
export const FRUITLESS_FOR_MS = 24 * 3_600_000;
/** How long a shopper naming an ISBN Folio does not list waits for the partners, unless they say. */
export const DEFAULT_DISCOVERY_WAIT_MS = 3_000;

/** One ISBN being asked of every partner store; shared by everyone who asks meanwhile. */
interface Search {
  isbn13: string;
  asked: number;
  answers: StoreAnswer[];
  finished: boolean;
  done: Promise<void>;
  bookId: number | null;
  /** Answers already written, so a later write records only the ones that came after. */
  recorded: Set<StoreAnswer>;
  /** Writes happen one after another. */
  writing: Promise<unknown>;
}

/**
 * The open catalogue: a valid ISBN Folio does not list is asked of the partner stores (shoppers first in
 * each store's lane). The first description a store gives creates the book and its work; every answer is
 * recorded as a refresh records it, and the search index follows at commit. A search outlives the
 * request that started it, so asking again finds what came in meanwhile.
 */
export function createBookDiscovery(deps: {
  db: Kysely<Database>;
  catalog: CatalogService;
  offers: OfferService;
  stores: StoreService;
  network: PartnerNetwork;
  /** The search index, in processes that keep one: a book page's row comes from it while it is current. */
  index?: Pick<IndexSearch, 'bookByIsbn13'> | null;
  logger?: Logger;
}) {
  const { db, catalog } = deps;
  const searches = new Map<string, Search>();

  function start(isbn13: string, priority: LookUpPriority): Search {
    const search: Search = {
      isbn13,
      asked: 0,
      answers: [],
      finished: false,
      done: Promise.resolve(),
      bookId: null,
      recorded: new Set(),
      writing: Promise.resolve(),
    };
    search.done = (async () => {
      const targets = await deps.stores.partners();
      search.asked = targets.length;
      await askStores(deps.network, isbn13, targets, {
        deadline: Date.now() + SEARCH_DEADLINE_MS,
        priority,
        onQuote: (store, quote, at) => search.answers.push({ store, quote, at }),
      });
      search.finished = true;
      await settle(search);
    })()
      .catch((error: unknown) => deps.logger?.warn({ err: error, isbn13 }, 'book discovery failed'))
      .finally(() => searches.delete(isbn13));
    searches.set(isbn13, search);
    return search;
  }

  /** Writes what has come in: the book (from the first description) with its offers, or later answers. */
  function settle(search: Search): Promise<number | null> {
    const next = search.writing.then(async () => {
      const fresh = search.answers.filter((answer) => !search.recorded.has(answer));
      const description = search.answers.find((answer) => answer.quote?.book)?.quote?.book;
      if (search.bookId === null && !description) {
        if (search.finished && search.answers.length > 0) await recordFruitlessSearch(db, search.isbn13, search.asked, search.answers.length);
        return null;
      }
      if (fresh.length === 0) return search.bookId;
      const { observations, absent } = observationsOf(fresh, 'LIVE');
      const bookId = await db.transaction().execute(async (trx) => {
        const id = search.bookId ?? (await insertDiscoveredBook(trx, search.isbn13, description!));
        await recordObservations(trx, id, observations, absent);
        await forgetSearch(trx, search.isbn13);
        return id;
      });
      for (const answer of fresh) search.recorded.add(answer);
      search.bookId = bookId;
      catalog.invalidateBooks([bookId]);
      await deps.offers.invalidate([bookId]);
      return bookId;
    });
    search.writing = next.catch(() => undefined);
    return next;
  }

  async function lookup(isbn13: string, waitMs: number, priority: LookUpPriority = 'SHOPPER'): Promise<BookLookup> {
    const [listed] = await catalog.booksByIsbn13([isbn13]);
    if (listed) return { status: 'FOUND', book: listed, storesAsked: 0, storesAnswered: 0 };
    const fruitless = await findFruitlessSearch(db, isbn13, new Date(Date.now() - FRUITLESS_FOR_MS));
    if (fruitless) return { status: 'NOT_CARRIED', book: null, storesAsked: fruitless.storesAsked, storesAnswered: fruitless.storesAnswered };
    const search = searches.get(isbn13) ?? start(isbn13, priority);
    await Promise.race([search.done, new Promise((resolve) => setTimeout(resolve, waitMs).unref())]);
    const bookId = await settle(search);
    const progress = { storesAsked: search.asked, storesAnswered: search.answers.length };
    if (bookId !== null) {
      const [book] = await catalog.booksByIds([bookId]);
      return { status: 'FOUND', book: book ?? null, ...progress };
    }
    // Nobody could be asked, or every store said it does not carry the book.
    if (search.finished && (search.asked === 0 || search.answers.length > 0)) return { status: 'NOT_CARRIED', book: null, ...progress };
    await retryLater(isbn13);
    return { status: 'SEARCHING', book: null, ...progress };
  }

  /** In case this process stops before its search ends, a job asks again a little later (one per ISBN). */
  async function retryLater(isbn13: string): Promise<void> {
    await enqueue(db, discoverBookTask, { isbn13 }, { delayMs: 15_000, jobKey: `discover_book:${isbn13}`, preserveRunAt: true });
  }

  return {
    /** Finds a book by ISBN, asking the partners when Folio does not list it (waiting at most waitMs). */
    async lookup(isbn: string, waitMs = DEFAULT_DISCOVERY_WAIT_MS): Promise<BookLookup> {
      const isbn13 = isbnArgument(isbn);
      if (!Number.isInteger(waitMs) || waitMs < 0 || waitMs > 30_000) throw new InvalidInputError('maxWaitMs must be from 0 to 30000', { field: 'maxWaitMs' });
      return lookup(isbn13, waitMs);
    },

    /**
     * The book for a page: at once from the search index or the kept rows, else looked up (and asked of the
     * partners) as `lookup` does.
     */
    find(isbn: string): MaybePromise<BookRow | null> {
      const isbn13 = isbnArgument(isbn);
      return deps.index?.bookByIsbn13(isbn13) ?? catalog.keptBookByIsbn13(isbn13) ?? lookup(isbn13, DEFAULT_DISCOVERY_WAIT_MS).then((found) => found.book);
    },

    /** The book for a shopper's command (alert, purchase, cart line): found or discovered, or a clear error. */
    async require(isbn: string, waitMs = DEFAULT_DISCOVERY_WAIT_MS): Promise<BookRow> {
      const isbn13 = isbnArgument(isbn);
      const found = await lookup(isbn13, waitMs);
      if (found.book) return found.book;
      if (found.status === 'NOT_CARRIED') {
        throw new InvalidInputError(
          `No book with ISBN ${isbn13} is listed or sold by any partner store (${found.storesAnswered} of ${found.storesAsked} stores answered)`,
          { field: 'isbn' },
        );
      }
      throw new InvalidInputError(
        `Still asking the partner stores about ISBN ${isbn13} (${found.storesAnswered} of ${found.storesAsked} have answered); try again in a few seconds`,
        { field: 'isbn' },
      );
    },

    /** The background search (the discover_book job): waits for every store, at refresh priority. */
    discoverInBackground: (isbn13: string) => lookup(isbn13, SEARCH_DEADLINE_MS + 1_000, 'REFRESH'),
  };
}

export type BookDiscovery = ReturnType<typeof createBookDiscovery>;
