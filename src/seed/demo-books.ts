import type { BookFormat } from '../db/database.js';

export interface CuratedEdition {
  isbn13: string;
  format: BookFormat;
  listPriceCents: number;
  year: number;
}

export interface CuratedWork {
  title: string;
  subtitle?: string;
  authors: string[];
  category: string;
  language: string;
  publisher: string;
  editions: CuratedEdition[];
}

/** Well-known works with fixed ISBNs, so the README's first queries always find something. */
export const CURATED_WORKS: CuratedWork[] = [
  {
    title: 'Pride and Prejudice', authors: ['Jane Austen'], category: 'Fiction', language: 'en', publisher: 'Harbor Classics',
    editions: [
      { isbn13: '9780306406157', format: 'PAPERBACK', listPriceCents: 999, year: 2003 },
      { isbn13: '9780306406164', format: 'HARDCOVER', listPriceCents: 2499, year: 2010 },
      { isbn13: '9791032305690', format: 'EBOOK', listPriceCents: 299, year: 2015 },
    ],
  },
  {
    title: 'Moby-Dick', subtitle: 'or, The Whale', authors: ['Herman Melville'], category: 'Fiction', language: 'en', publisher: 'Harbor Classics',
    editions: [
      { isbn13: '9780142437247', format: 'PAPERBACK', listPriceCents: 1400, year: 2002 },
      { isbn13: '9780142000083', format: 'HARDCOVER', listPriceCents: 3200, year: 2001 },
    ],
  },
  {
    title: 'Frankenstein', subtitle: 'or, The Modern Prometheus', authors: ['Mary Shelley'], category: 'Horror', language: 'en', publisher: 'Lantern Classics',
    editions: [
      { isbn13: '9780486282114', format: 'PAPERBACK', listPriceCents: 450, year: 1994 },
      { isbn13: '9780141439471', format: 'AUDIOBOOK', listPriceCents: 1999, year: 2018 },
    ],
  },
  {
    title: 'The Adventures of Sherlock Holmes', authors: ['Arthur Conan Doyle'], category: 'Mystery', language: 'en', publisher: 'Lantern Classics',
    editions: [
      { isbn13: '9780140437713', format: 'PAPERBACK', listPriceCents: 899, year: 2007 },
      { isbn13: '9781593080266', format: 'HARDCOVER', listPriceCents: 2299, year: 2003 },
    ],
  },
  {
    title: 'Good Omens', authors: ['Terry Pratchett', 'Neil Gaiman'], category: 'Fantasy', language: 'en', publisher: 'Quill Classics',
    editions: [{ isbn13: '9780060853983', format: 'PAPERBACK', listPriceCents: 1699, year: 2006 }],
  },
  {
    title: 'Der Process', authors: ['Franz Kafka'], category: 'Literary Fiction', language: 'de', publisher: 'Meridian Verlag',
    editions: [{ isbn13: '9783150096765', format: 'PAPERBACK', listPriceCents: 600, year: 1995 }],
  },
  {
    title: 'Le Petit Prince', authors: ['Antoine de Saint-Exupéry'], category: "Children's", language: 'fr', publisher: 'Fable Éditions',
    editions: [{ isbn13: '9782070612758', format: 'HARDCOVER', listPriceCents: 1450, year: 2007 }],
  },
  {
    title: 'Structure and Interpretation of Computer Programs', authors: ['Harold Abelson', 'Gerald Jay Sussman'], category: 'Computer Science',
    language: 'en', publisher: 'Cobalt Academic',
    editions: [{ isbn13: '9780262510875', format: 'PAPERBACK', listPriceCents: 5500, year: 1996 }],
  },
];
