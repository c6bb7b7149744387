import { describe, expect, it } from 'vitest';
import { IsbnError, isbn10To13, isbn13To10, makeIsbn13, parseIsbn, tryParseIsbn } from '../../src/lib/isbn.js';

describe('parseIsbn', () => {
  it.each([
    ['9780306406157', '9780306406157'],
    ['978-0-306-40615-7', '9780306406157'],
    ['978 0 306 40615 7', '9780306406157'],
    ['0306406152', '9780306406157'],
    ['0-306-40615-2', '9780306406157'],
    ['ISBN 0-306-40615-2', '9780306406157'],
    ['ISBN-13: 978-0-306-40615-7', '9780306406157'],
    ['  0 306 40615 2  ', '9780306406157'],
    ['080442957X', '9780804429573'],
    ['0-8044-2957-x', '9780804429573'],
    ['979-10-90636-07-1', '9791090636071'],
  ])('normalises %s to %s', (input, expected) => {
    expect(parseIsbn(input)).toBe(expected);
  });

  it.each([
    ['0-306-40615-3', /ISBN-10.*check digit 3.*should be 2/],
    ['978-0-306-40615-8', /ISBN-13.*check digit 8.*should be 7/],
    ['97803064061', /has 11 characters/],
    ['978030640615712', /has 15 characters/],
    ['97803O6406157', /invalid character 'O'/],
    ['abc', /invalid character 'A'/],
    ['X306406152', /invalid character 'X'/],
    ['9770306406157', /must start with 978 or 979/],
    ['', /empty/],
    ['   ', /empty/],
  ])('rejects %s', (input, message) => {
    expect(() => parseIsbn(input)).toThrow(IsbnError);
    expect(() => parseIsbn(input)).toThrow(message);
  });

  it('tryParseIsbn returns null instead of throwing', () => {
    expect(tryParseIsbn('not an isbn')).toBeNull();
    expect(tryParseIsbn('0306406152')).toBe('9780306406157');
  });
});

describe('conversions', () => {
  it('converts ISBN-10 to ISBN-13 and back', () => {
    expect(isbn10To13('0306406152')).toBe('9780306406157');
    expect(isbn13To10('9780306406157')).toBe('0306406152');
    expect(isbn13To10('9780804429573')).toBe('080442957X');
  });

  it('has no ISBN-10 for 979 ISBNs', () => {
    expect(isbn13To10('9791090636071')).toBeNull();
  });

  it('round-trips every generated ISBN', () => {
    for (let body = 0; body < 2_000; body += 7) {
      const isbn = makeIsbn13('978', 123_450_000 + body);
      expect(parseIsbn(isbn)).toBe(isbn);
      expect(parseIsbn(isbn13To10(isbn)!)).toBe(isbn);
      const isbn979 = makeIsbn13('979', 123_450_000 + body);
      expect(parseIsbn(isbn979)).toBe(isbn979);
    }
  });
});
