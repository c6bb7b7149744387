/** ISBN-10 and ISBN-13: parsing, check digits and conversion. Folio stores ISBN-13 only. */

export class IsbnError extends Error {
  override name = 'IsbnError';
}

const PREFIX = /^\s*ISBN(?:-1[03])?:?\s*/i;
const SEPARATORS = /[\s\-‐‑‒–—]/g;

export function isbn13CheckDigit(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}

export function isbn10CheckDigit(first9: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(first9[i]) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

function compact(input: string): string {
  return input.replace(PREFIX, '').replace(SEPARATORS, '').toUpperCase();
}

function assertCharacters(value: string, original: string): void {
  const bad = [...value].findIndex((char, index) => !/[0-9]/.test(char) && !(char === 'X' && index === 9 && value.length === 10));
  if (bad >= 0) {
    const char = value[bad];
    throw new IsbnError(`ISBN "${original}" contains an invalid character '${char}': only digits (and X as the last character of an ISBN-10) are allowed`);
  }
}

/** Accepts ISBN-10 or ISBN-13 with or without hyphens and spaces; returns the ISBN-13 or throws IsbnError. */
export function parseIsbn(input: string): string {
  const original = input.trim();
  if (original === '') throw new IsbnError('ISBN is empty');
  const value = compact(input);
  if (value.length !== 10 && value.length !== 13) {
    assertCharacters(value.slice(0, 13), original);
    throw new IsbnError(`ISBN "${original}" has ${value.length} characters; an ISBN has 10 or 13 digits`);
  }
  assertCharacters(value, original);
  if (value.length === 10) {
    const expected = isbn10CheckDigit(value.slice(0, 9));
    if (value[9] !== expected) {
      throw new IsbnError(`ISBN-10 "${original}" has check digit ${value[9]}, but its check digit should be ${expected}`);
    }
    return isbn10To13(value);
  }
  if (!value.startsWith('978') && !value.startsWith('979')) {
    throw new IsbnError(`ISBN-13 "${original}" must start with 978 or 979`);
  }
  const expected = isbn13CheckDigit(value.slice(0, 12));
  if (value[12] !== expected) {
    throw new IsbnError(`ISBN-13 "${original}" has check digit ${value[12]}, but its check digit should be ${expected}`);
  }
  return value;
}

/** Same as parseIsbn, but returns null instead of throwing. */
export function tryParseIsbn(input: string): string | null {
  try {
    return parseIsbn(input);
  } catch (error) {
    if (error instanceof IsbnError) return null;
    throw error;
  }
}

/** A valid ISBN-10 (digits, check digit already verified) to its ISBN-13. */
export function isbn10To13(isbn10: string): string {
  const first12 = `978${isbn10.slice(0, 9)}`;
  return first12 + isbn13CheckDigit(first12);
}

/** The ISBN-10 of an ISBN-13, or null for 979 ISBNs, which have none. */
export function isbn13To10(isbn13: string): string | null {
  if (!isbn13.startsWith('978')) return null;
  const first9 = isbn13.slice(3, 12);
  return first9 + isbn10CheckDigit(first9);
}

/** Builds a valid ISBN-13 from a 978/979 prefix and a 9-digit body (used by the data generator). */
export function makeIsbn13(prefix: '978' | '979', body: number): string {
  const first12 = prefix + String(body).padStart(9, '0');
  return first12 + isbn13CheckDigit(first12);
}
