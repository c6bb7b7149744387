import { describe, expect, it } from 'vitest';
import { deliverableAt, validateQuietHours } from '../../src/resolvers/alerts/quiet-hours.js';

const berlinNights = { from: '22:00', to: '07:00', timeZone: 'Europe/Berlin' };

describe('quiet hours', () => {
  it("holds a delivery inside quiet hours until they end, in the shopper's time zone", () => {
    // 23:30 in Berlin (UTC+1 in November) is 22:30 UTC; quiet until 07:00 Berlin = 06:00 UTC.
    expect(deliverableAt(new Date('2026-11-25T22:30:00Z'), berlinNights).toISOString()).toBe('2026-11-26T06:00:00.000Z');
    // 06:59 Berlin: one minute to go.
    expect(deliverableAt(new Date('2026-11-26T05:59:00Z'), berlinNights).toISOString()).toBe('2026-11-26T06:00:00.000Z');
  });

  it('lets a delivery outside quiet hours go at once, and works without midnight in between', () => {
    const noon = new Date('2026-11-25T11:00:00Z');
    expect(deliverableAt(noon, berlinNights)).toBe(noon);
    expect(deliverableAt(noon, null)).toBe(noon);
    const lunch = { from: '12:00', to: '13:30', timeZone: 'UTC' };
    expect(deliverableAt(new Date('2026-11-25T12:15:00Z'), lunch).toISOString()).toBe('2026-11-25T13:30:00.000Z');
    expect(deliverableAt(new Date('2026-11-25T13:30:00Z'), lunch).toISOString()).toBe('2026-11-25T13:30:00.000Z');
  });

  it('follows daylight saving time', () => {
    // In July Berlin is UTC+2: 23:00 local is 21:00 UTC, and 07:00 local is 05:00 UTC.
    expect(deliverableAt(new Date('2026-07-01T21:00:00Z'), berlinNights).toISOString()).toBe('2026-07-02T05:00:00.000Z');
  });

  it('refuses malformed hours and unknown zones clearly', () => {
    expect(() => validateQuietHours({ from: '25:00', to: '07:00', timeZone: 'UTC' })).toThrow('times such as 22:00');
    expect(() => validateQuietHours({ from: '07:00', to: '07:00', timeZone: 'UTC' })).toThrow('must differ');
    expect(() => validateQuietHours({ from: '22:00', to: '07:00', timeZone: 'Mars/Olympus' })).toThrow('Unknown time zone');
  });
});
