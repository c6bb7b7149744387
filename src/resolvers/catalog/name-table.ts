import { DocumentTable, Utf8Column } from '../../search/columns.js';

/** A row that is a name and its id (an author, a publisher). */
export interface NamedRow {
  id: number;
  name: string;
}

/**
 * Every name of a kind (authors, publishers) by id, packed: a search's author facet names up to twenty
 * of some 200,000 authors, and kept as strings in a cache each name costs objects and an LRU entry
 * (about 125 MB for a million-book catalogue), where here it costs its bytes and a few numbers (under
 * 20 MB for 200,000). Authors and publishers are only ever added, never renamed, so a name kept here
 * is never stale; one added later is learned when first read.
 */
export class NameTable {
  /** Slot by id: a typed array by id rather than a Map of 200,000 entries (see DocumentTable). */
  private readonly slotOf = new DocumentTable();
  private readonly names = new Utf8Column();

  add(rows: Iterable<NamedRow>): void {
    for (const { id, name } of rows) {
      if (this.slotOf.has(id)) continue;
      this.slotOf.set(id, this.names.length);
      this.names.push(name);
    }
  }

  nameOf(id: number): string | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.names.at(slot);
  }

  /** Drops the room kept for growth, once the whole list has been read. */
  compact(): void {
    this.names.compact();
  }
}
