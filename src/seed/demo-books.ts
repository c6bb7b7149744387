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
  /** The back-cover blurb shown on the book page. */
  description: string;
  authors: string[];
  category: string;
  language: string;
  publisher: string;
  editions: CuratedEdition[];
}

/** Well-known works with fixed ISBNs, so the README's first queries always find something. */
export const CURATED_WORKS: CuratedWork[] = [
  {
    title: 'Pride and Prejudice',
    authors: ['Jane Austen'],
    category: 'Fiction',
    language: 'en',
    publisher: 'Harbor Classics',
    description:
      "Elizabeth Bennet has a quick wit, four sisters and a mother determined to see them married. When the proud Mr Darcy arrives in Hertfordshire, first impressions could hardly be worse. Austen's sharpest, funniest novel about love, money and changing one's mind.",
    editions: [
      { isbn13: '9780306406157', format: 'PAPERBACK', listPriceCents: 999, year: 2003 },
      { isbn13: '9780306406164', format: 'HARDCOVER', listPriceCents: 2499, year: 2010 },
      { isbn13: '9791032305690', format: 'EBOOK', listPriceCents: 299, year: 2015 },
    ],
  },
  {
    title: 'Moby-Dick',
    subtitle: 'or, The Whale',
    authors: ['Herman Melville'],
    category: 'Fiction',
    language: 'en',
    publisher: 'Harbor Classics',
    description:
      'Ishmael signs on to the whaler Pequod, only to find that its captain, Ahab, has one purpose: to hunt the white whale that took his leg. Part sea story, part encyclopedia of whaling, part tragedy, it is one of the great American novels.',
    editions: [
      { isbn13: '9780142437247', format: 'PAPERBACK', listPriceCents: 1400, year: 2002 },
      { isbn13: '9780142000083', format: 'HARDCOVER', listPriceCents: 3200, year: 2001 },
    ],
  },
  {
    title: 'Frankenstein',
    subtitle: 'or, The Modern Prometheus',
    authors: ['Mary Shelley'],
    category: 'Horror',
    language: 'en',
    publisher: 'Lantern Classics',
    description:
      "Victor Frankenstein builds a man and brings him to life, then flees from what he has made. Abandoned and shunned, the creature turns to revenge. Mary Shelley's novel began science fiction and still asks what we owe the things we create.",
    editions: [
      { isbn13: '9780486282114', format: 'PAPERBACK', listPriceCents: 450, year: 1994 },
      { isbn13: '9780141439471', format: 'AUDIOBOOK', listPriceCents: 1999, year: 2018 },
    ],
  },
  {
    title: 'The Adventures of Sherlock Holmes',
    authors: ['Arthur Conan Doyle'],
    category: 'Mystery',
    language: 'en',
    publisher: 'Lantern Classics',
    description:
      "Twelve cases from 221B Baker Street: a red-headed league, a blue carbuncle, a speckled band and the woman who outwitted Holmes. The first collection of the stories that made the world's most famous detective.",
    editions: [
      { isbn13: '9780140437713', format: 'PAPERBACK', listPriceCents: 899, year: 2007 },
      { isbn13: '9781593080266', format: 'HARDCOVER', listPriceCents: 2299, year: 2003 },
    ],
  },
  {
    title: 'Good Omens',
    authors: ['Terry Pratchett', 'Neil Gaiman'],
    category: 'Fantasy',
    language: 'en',
    publisher: 'Quill Classics',
    description:
      "The end of the world is due next Saturday, and an angel and a demon who have grown rather fond of Earth would prefer it didn't happen. Unfortunately, someone has misplaced the Antichrist. A very funny novel about good, evil and the M25.",
    editions: [{ isbn13: '9780060853983', format: 'PAPERBACK', listPriceCents: 1699, year: 2006 }],
  },
  {
    title: 'Der Process',
    authors: ['Franz Kafka'],
    category: 'Literary Fiction',
    language: 'de',
    publisher: 'Meridian Verlag',
    description:
      "Josef K. is arrested one morning without having done anything wrong. No one will tell him the charge, and the court he must answer to is everywhere and nowhere. Kafka's unfinished novel of guilt and bureaucracy, in the original German.",
    editions: [{ isbn13: '9783150096765', format: 'PAPERBACK', listPriceCents: 600, year: 1995 }],
  },
  {
    title: 'Le Petit Prince',
    authors: ['Antoine de Saint-Exupéry'],
    category: "Children's",
    language: 'fr',
    publisher: 'Fable Éditions',
    description:
      'A pilot stranded in the Sahara meets a small prince from a distant asteroid, who tells him of his rose, his volcanoes and the grown-ups he met on his travels. A fable for children that grown-ups read again and again, in the original French.',
    editions: [{ isbn13: '9782070612758', format: 'HARDCOVER', listPriceCents: 1450, year: 2007 }],
  },
  {
    title: 'Structure and Interpretation of Computer Programs',
    authors: ['Harold Abelson', 'Gerald Jay Sussman'],
    category: 'Computer Science',
    description:
      'The classic MIT introduction to programming: abstraction, recursion, interpreters and the art of controlling complexity, taught through Scheme. Demanding, playful and still the book many programmers call the one that changed how they think.',
    language: 'en',
    publisher: 'Cobalt Academic',
    editions: [{ isbn13: '9780262510875', format: 'PAPERBACK', listPriceCents: 5500, year: 1996 }],
  },
];
