import type { BookFormat } from '../db/database.js';
import type { BookRow } from '../resolvers/catalog/catalog-repository.js';
import { bytes, floats, slotFor, Utf8Column } from './columns.js';

/** What a page of results shows of a book that search neither matches, counts nor orders on. */
export type StoredPart = Pick<BookRow, 'isbn13' | 'workId' | 'subtitle' | 'publisherId' | 'format' | 'currency' | 'listPriceCents'>;

/**
 * The rest of each book's row, by document, so a page of results is written from the index without a
 * read (a search engine's stored fields). Numbers are written in place when they change; the subtitle
 * is a string in a shared column, so a book whose subtitle changed gets a new document (see `sameText`).
 */
export class StoredFields {
  private readonly subtitles = new Utf8Column();
  private readonly hasSubtitle = bytes(1024);
  /** ISBN-13s are 13 digits starting 978 or 979 (a CHECK in the table): exact as doubles. */
  private readonly isbn13 = floats(1024);
  private readonly workId = floats(1024);
  /** NaN: none (as for every nullable number here). */
  private readonly publisherId = floats(1024);
  private readonly listPrice = floats(1024);
  private readonly format = new SmallSet<BookFormat>();
  private readonly currency = new SmallSet<string>();

  /** A new document's strings, and room for its numbers (then set by `write`). */
  append(book: StoredPart): void {
    this.subtitles.push(book.subtitle ?? '');
    this.hasSubtitle.push(book.subtitle === null ? 0 : 1);
    for (const column of [this.isbn13, this.workId, this.publisherId, this.listPrice, this.format.slots, this.currency.slots]) column.push(0);
  }

  write(doc: number, book: StoredPart): void {
    this.isbn13.data[doc] = Number(book.isbn13);
    this.workId.data[doc] = book.workId;
    this.publisherId.data[doc] = book.publisherId ?? Number.NaN;
    this.listPrice.data[doc] = book.listPriceCents ?? Number.NaN;
    this.format.write(doc, book.format);
    this.currency.write(doc, book.currency);
  }

  /** Whether the document's strings and ISBN are the book's (else it needs a new document: see IsbnTable). */
  sameText(doc: number, book: StoredPart): boolean {
    return this.subtitleOf(doc) === book.subtitle && this.isbn13At(doc) === Number(book.isbn13);
  }

  /** The document's ISBN-13 as a number. */
  isbn13At(doc: number): number {
    return this.isbn13.data[doc]!;
  }

  of(doc: number): StoredPart {
    return {
      isbn13: String(this.isbn13.data[doc]!),
      workId: this.workId.data[doc]!,
      subtitle: this.subtitleOf(doc),
      publisherId: orNull(this.publisherId.data[doc]!),
      format: this.format.at(doc),
      currency: this.currency.at(doc),
      listPriceCents: orNull(this.listPrice.data[doc]!),
    };
  }

  compact(): void {
    for (const column of [
      this.subtitles,
      this.hasSubtitle,
      this.isbn13,
      this.workId,
      this.publisherId,
      this.listPrice,
      this.format.slots,
      this.currency.slots,
    ]) {
      column.compact();
    }
  }

  private subtitleOf(doc: number): string | null {
    return this.hasSubtitle.data[doc] === 1 ? this.subtitles.at(doc) : null;
  }
}

/** A number column's value, where NaN stands for NULL. */
export function orNull(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}

/** A column of values from a small set (formats, currencies): a byte per document. */
class SmallSet<V extends string> {
  readonly slots = bytes(1024);
  private readonly values: V[] = [];
  private readonly slotOf = new Map<V, number>();

  write(doc: number, value: V): void {
    this.slots.data[doc] = slotFor(this.slotOf, this.values, value, 0x100, 'formats or currencies');
  }

  at(doc: number): V {
    return this.values[this.slots.data[doc]!]!;
  }
}
