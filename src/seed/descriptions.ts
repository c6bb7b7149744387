import { Random } from './random.js';
import { ADJECTIVES, FIRST_NAMES, LAST_NAMES, NOUNS, PLACES } from './vocabulary.js';

export interface DescribedWork {
  /** Seeds the words, so a work's description is the same on every load of the same catalogue. */
  seed: number;
  title: string;
  category: string;
  fiction: boolean;
  authorNames: string;
}

/**
 * A back-cover blurb of two or three sentences for a generated work: a hook, a line in the voice of
 * its genre, and who it is for. Drawn from its own seed, so adding descriptions leaves the rest of
 * the generated catalogue exactly as it was.
 */
export function describeWork(work: DescribedWork): string {
  const random = new Random(work.seed);
  const words = {
    person: `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`,
    // A title that names a place sets the story there.
    place: PLACES.find((place) => work.title.includes(place)) ?? random.pick(PLACES),
    noun: random.pick(NOUNS).toLowerCase(),
    adjective: random.pick(ADJECTIVES).toLowerCase(),
    author: work.authorNames.split(', ')[0] || 'The author',
    subject: work.category.toLowerCase(),
  };
  const sentences = work.fiction
    ? [random.pick(FICTION_HOOKS)(words), random.pick(GENRE_LINES[work.category] ?? GENRE_LINES.Fiction!)(words)]
    : [random.pick(NONFICTION_HOOKS)(words), random.pick(NONFICTION_PROMISES)(words)];
  sentences.push(random.pick(work.fiction ? FICTION_CLOSERS : NONFICTION_CLOSERS)(words));
  return sentences.join(' ');
}

type Words = { person: string; place: string; noun: string; adjective: string; author: string; subject: string };
type Line = (w: Words) => string;

const FICTION_HOOKS: Line[] = [
  (w) => `When ${w.person} arrives in ${w.place} with nothing but an old ${w.noun}, a long-buried secret begins to surface.`,
  (w) => `${w.place}, one summer long ago: ${w.person} makes a promise that will take a lifetime to keep.`,
  (w) => `For years ${w.person} has run from the ${w.adjective} ${w.noun} of ${w.place}. Now there is nowhere left to go.`,
  (w) => `Nobody in ${w.place} talks about the night the ${w.noun} disappeared, least of all ${w.person}.`,
  (w) => `${w.person} never meant to stay in ${w.place}, but a letter, a ${w.noun} and a stranger change everything.`,
];

const GENRE_LINES: Record<string, Line[]> = {
  Fiction: [() => 'A story of family, forgiveness and the places that make us.', () => 'Warm, funny and quietly devastating.'],
  'Literary Fiction': [
    () => 'A luminous novel about memory, loss and what we owe each other.',
    () => 'Spare, precise prose that stays with you long after the last page.',
  ],
  Mystery: [
    () => 'A missing ledger, a house full of suspects and a detective who trusts no one.',
    () => 'Every clue points somewhere different, and the truth is closer than anyone thinks.',
  ],
  Thriller: [() => 'Forty-eight hours, one chance, and nobody to trust.', () => 'A relentless race against the clock, with a twist you will not see coming.'],
  'Science Fiction': [
    () => 'On a ship between stars, the last of humanity must decide what it is willing to lose.',
    () => 'A bold vision of a future that feels unsettlingly near.',
  ],
  Fantasy: [() => 'An old magic is waking, and the kingdoms are not ready.', () => 'A sweeping tale of oaths, dragons and a crown nobody wants.'],
  Romance: [() => 'Two people who should never have met, and one season that changes both of them.', () => 'Funny, tender and full of second chances.'],
  Horror: [() => 'Something in the walls has been waiting a very long time.', () => 'Creeping dread from the first page to the last.'],
  'Historical Fiction': [
    (w) => `Set against the upheavals of old ${w.place}, it is a story of courage in dark times.`,
    () => 'Richly researched and vividly told.',
  ],
  'Young Adult': [
    () => 'Sixteen, restless and out of time, with a secret that could unravel the whole town.',
    () => 'A coming-of-age story about finding your own way.',
  ],
  "Children's": [(w) => `A funny, gentle adventure with a brave ${w.noun} and a very clever friend.`, () => 'Perfect for reading aloud at bedtime.'],
  'Graphic Novels': [() => 'Told in striking pictures and very few words.', () => 'A visual story that is as clever as it is beautiful.'],
  Poetry: [() => 'Poems of love, weather and ordinary days, made strange and new.', () => 'A collection to read slowly and return to often.'],
  Drama: [() => 'A play in three acts about pride, money and a family at breaking point.', () => 'Sharp dialogue and a final scene that lands like a blow.'],
};

const FICTION_CLOSERS: Line[] = [
  (w) => `${w.author} at the height of their powers.`,
  () => 'For readers who love a story they cannot put down.',
  (w) => `The ${w.adjective} new novel from ${w.author}.`,
];

const NONFICTION_HOOKS: Line[] = [
  (w) => `${capitalise(w.subject)} shapes more of daily life than most of us notice.`,
  (w) => `What does ${w.subject} really teach us, and why does it matter now?`,
  (w) => `Everyone has an opinion about ${w.subject}; few know how it actually works.`,
];

const NONFICTION_PROMISES: Line[] = [
  (w) =>
    `Drawing on years of research and practice, ${w.author} explains the ideas behind ${w.subject} in plain words, with stories from ${w.place} and beyond.`,
  (w) => `${w.author} takes the reader from first principles to the questions experts still argue about.`,
  () => 'Clear chapters, worked examples and the occasional surprise make the hard parts easy.',
];

const NONFICTION_CLOSERS: Line[] = [
  () => 'For curious beginners and seasoned readers alike.',
  () => 'An essential, readable guide.',
  () => 'Practical, generous and often funny.',
];

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
