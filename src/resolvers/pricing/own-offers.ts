import type { BookRow } from '../catalog/catalog-repository.js';
import type { CatalogService } from '../catalog/catalog-service.js';
import type { StoreService } from '../stores/store-service.js';
import type { OfferRow } from './offer-repository.js';

/** Folio's own price for a book: its list price, while its warehouses have a copy. */
export function ownPrice(book: Pick<BookRow, 'listPriceCents'>, unitsInStock: number): number | null {
  return unitsInStock > 0 ? book.listPriceCents : null;
}

/**
 * Folio's own offers, shaped like a partner's so a shopper can compare them: the list price from its
 * warehouses with free shipping, while a copy is in stock. Always current (read from stock now).
 */
export function createOwnOffers(deps: { catalog: CatalogService; stores: StoreService }) {
  return {
    async ofBooks(bookIds: readonly number[]): Promise<(OfferRow | null)[]> {
      const [own, books, stock] = await Promise.all([deps.stores.firstParty(), deps.catalog.booksByIds(bookIds), deps.catalog.availableStock(bookIds)]);
      const byId = new Map(books.flatMap((book) => (book ? [[book.id, book] as const] : [])));
      const now = new Date();
      return bookIds.map((bookId, i) => {
        const book = byId.get(bookId);
        const price = book ? ownPrice(book, stock[i] ?? 0) : null;
        if (!book || price === null) return null;
        return { bookId, storeId: own.id, priceCents: price, shippingCents: 0, currency: book.currency, inStock: true, fetchedAt: now, source: 'LIVE' };
      });
    },
  };
}

export type OwnOffers = ReturnType<typeof createOwnOffers>;
