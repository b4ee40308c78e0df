import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clockFor,
  describeDateTime,
  formatDateTimeInput,
  parseDateTime,
  stepDateTime,
  unitAt,
} from '../../../src-shared/render/parse-date-time';

const reference = new Date(2026, 11, 7, 12, 0);
const gb = (text: string, mode: 'date' | 'date-time' = 'date-time') =>
  parseDateTime(text, { locale: 'en-GB', reference, mode });
const us = (text: string, mode: 'date' | 'date-time' = 'date-time') =>
  parseDateTime(text, { locale: 'en-US', reference, mode });

describe('parseDateTime, en-GB (day first)', () => {
  it.each([
    ['18/07/2024 09:30', '2024-07-18T09:30'],
    ['18/7/24 09:30', '2024-07-18T09:30'],
    ['18-07-2024 09:30', '2024-07-18T09:30'],
    ['18.07.2024 09:30', '2024-07-18T09:30'],
    ['18 July 2024 09:30', '2024-07-18T09:30'],
    ['18 Jul 24 5:30pm', '2024-07-18T17:30'],
    ['Thursday 18 July 2024 17:30', '2024-07-18T17:30'],
    ['Thursday, 18th July 2024 at 9.30', '2024-07-18T09:30'],
    ['18 July 2024 9:30am', '2024-07-18T09:30'],
    ['18 July 2024 9.30 a.m.', '2024-07-18T09:30'],
    ['18 July 2024 5 pm', '2024-07-18T17:00'],
    ['18/07/2024 noon', '2024-07-18T12:00'],
    ['18/07/2024 midday', '2024-07-18T12:00'],
    ['18/07/2024 midnight', '2024-07-18T00:00'],
    ['18/07/2024 12am', '2024-07-18T00:00'],
    ['18/07/2024 12:15pm', '2024-07-18T12:15'],
    ['00:01, Thursday 18 July 2024', '2024-07-18T00:01'],
    ['5:30pm 18/07/2024', '2024-07-18T17:30'],
    ['2024-07-18T09:30', '2024-07-18T09:30'],
    ['2024-07-18 09:30', '2024-07-18T09:30'],
    ['2024/07/18 09:30', '2024-07-18T09:30'],
    ['  18 SEPT 2024 17:30 ', '2024-09-18T17:30'],
    ['29/02/2024 10:00', '2024-02-29T10:00'],
    ['18 July 17:30', '2026-07-18T17:30'], // no year: the reference date's
    ['1/1/99 00:00', '2099-01-01T00:00'], // two-digit years are 20xx
  ])('%s -> %s', (text, value) => {
    expect(gb(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['18/07/2024', '2024-07-18'],
    ['18 July 2024', '2024-07-18'],
    ['18.7.24', '2024-07-18'],
    ['2024-07-18', '2024-07-18'],
    ['Thursday 18 July 2024', '2024-07-18'],
  ])('date only: %s -> %s', (text, value) => {
    expect(gb(text, 'date')).toEqual({ ok: true, value });
  });

  it.each([
    ['31/02/2024', 'Pressroom could not read “31/02/2024” as a date: February has 28 or 29 days.'],
    [
      '29/02/2023 10:00',
      'Pressroom could not read “29/02/2023 10:00” as a date: 2023 is not a leap year, so February 2023 has 28 days.',
    ],
    ['31/04/2024 10:00', 'Pressroom could not read “31/04/2024 10:00” as a date: April has 30 days.'],
    [
      '07/18/2024 10:00',
      'Pressroom could not read “07/18/2024 10:00” as a date: there is no month 18. Dates are read day first: 18/07/2024 is 18 July 2024.',
    ],
    [
      'Friday 18 July 2024 10:00',
      'Pressroom could not read “Friday 18 July 2024 10:00” as a date: 18 July 2024 is a Thursday, not a Friday.',
    ],
    [
      '18/07/2024',
      'Pressroom could not read “18/07/2024” as a date and time: there is no time: add one, such as 09:30 or 5:30pm.',
    ],
    [
      '18/07/2024 25:00',
      'Pressroom could not read “18/07/2024 25:00” as a time: “25:00” is not a time: the hours of a day run 00 to 23.',
    ],
    [
      '18/07/2024 9:75',
      'Pressroom could not read “18/07/2024 9:75” as a time: an hour has 60 minutes, so “9:75” is not a time.',
    ],
    [
      '18/07/2024 13pm',
      'Pressroom could not read “18/07/2024 13pm” as a time: “13pm” is not a time: with am or pm the hour is 1 to 12.',
    ],
    [
      '18/07/2024 soon',
      'Pressroom could not read “18/07/2024 soon” as a time: “soon” is not a time: write it as 17:30 or 5:30pm.',
    ],
    [
      'next week',
      'Pressroom could not read “next week” as a date: there is no date in it: write it as 18/07/2024 or 18 July 2024.',
    ],
    [
      'July 2024 10:00',
      'Pressroom could not read “July 2024 10:00” as a date: there is no day of the month: write it as 18 July 2024.',
    ],
    ['', 'Pressroom could not read “” as a date and time: it is empty.'],
  ])('refuses %s', (text, message) => {
    expect(gb(text)).toEqual({ ok: false, message });
  });

  it('a date field refuses a time rather than dropping it', () => {
    expect(gb('18/07/2024 09:30', 'date')).toEqual({
      ok: false,
      message:
        'Pressroom could not read “18/07/2024 09:30” as a date: this field takes a date only, without a time.',
    });
  });
});

describe('parseDateTime, en-US (month first)', () => {
  it.each([
    ['07/18/2024 5:30pm', '2024-07-18T17:30'],
    ['7/18/24 17:30', '2024-07-18T17:30'],
    ['July 18, 2024 5:30 PM', '2024-07-18T17:30'],
    ['18 July 2024 17:30', '2024-07-18T17:30'], // a month in words is never ambiguous
    ['2024-07-18T17:30', '2024-07-18T17:30'],
  ])('%s -> %s', (text, value) => {
    expect(us(text)).toEqual({ ok: true, value });
  });

  it('refuses a day-first date rather than swapping it', () => {
    const reading = us('18/07/2024 10:00');
    expect(reading.ok).toBe(false);
    expect(!reading.ok && reading.message).toContain('there is no month 18. Dates are read month first');
  });
});

describe('formatDateTimeInput and describeDateTime', () => {
  it.each([
    ['2024-07-18T09:30', 'en-GB', '24h', '18/07/2024 09:30'],
    ['2024-07-18T17:30', 'en-GB', '12h', '18/07/2024 5:30pm'],
    ['2024-07-18T00:00', 'en-GB', '12h', '18/07/2024 12:00am'],
    ['2024-07-18T17:30', 'en-US', '12h', '07/18/2024 5:30pm'],
    ['2024-07-18', 'en-GB', '24h', '18/07/2024'],
    ['', 'en-GB', '24h', ''],
  ] as const)('%s in %s %s -> %s', (value, locale, clock, shown) => {
    expect(formatDateTimeInput(value, locale, clock)).toBe(shown);
  });

  it('says what it understood, in words', () => {
    expect(describeDateTime('2024-07-18T09:30', 'en-GB', '24h')).toBe('Thursday 18 July 2024 at 09:30');
    expect(describeDateTime('2024-07-18T17:30', 'en-GB', '12h')).toBe('Thursday 18 July 2024 at 5:30pm');
    expect(describeDateTime('2024-07-18T00:00', 'en-GB', '24h')).toBe(
      'Thursday 18 July 2024 at 00:00 (midnight at the start of the day)',
    );
    expect(describeDateTime('2024-07-18', 'en-GB', '24h')).toBe('Thursday 18 July 2024');
  });

  it('the clock: am/pm when house style asks for it, else the locale’s', () => {
    expect(clockFor('en-GB', true)).toBe('12h');
    expect(clockFor('en-GB', false)).toBe('24h');
    expect(clockFor('en-US', false)).toBe('12h');
  });
});

describe('round trip', () => {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const localDateTime = fc
    .record({
      day: fc.date({
        min: new Date(Date.UTC(1990, 0, 1)),
        max: new Date(Date.UTC(2100, 11, 31)),
        noInvalidDate: true,
      }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
    })
    .map(
      ({ day, hour, minute }) =>
        `${pad(day.getUTCFullYear(), 4)}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}T${pad(hour)}:${pad(minute)}`,
    );

  it.each([
    ['en-GB', '24h'],
    ['en-GB', '12h'],
    ['en-US', '12h'],
    ['en-US', '24h'],
    ['de-DE', '24h'],
  ] as const)('formatting then reading gives the value back (%s, %s)', (locale, clock) => {
    fc.assert(
      fc.property(localDateTime, (value) => {
        const shown = formatDateTimeInput(value, locale, clock);
        expect(parseDateTime(shown, { locale, reference })).toEqual({ ok: true, value });
        const date = value.slice(0, 10);
        expect(
          parseDateTime(formatDateTimeInput(date, locale, clock), { locale, reference, mode: 'date' }),
        ).toEqual({
          ok: true,
          value: date,
        });
      }),
      { numRuns: 500 },
    );
  });

  it('every minute of a day reads back in both clocks', () => {
    for (let minutes = 0; minutes < 24 * 60; minutes++) {
      const value = `2024-07-18T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
      for (const clock of ['24h', '12h'] as const) {
        expect(gb(formatDateTimeInput(value, 'en-GB', clock))).toEqual({ ok: true, value });
      }
    }
  });

  it('the words it shows back read back too', () => {
    fc.assert(
      fc.property(localDateTime, (value) => {
        const words = describeDateTime(value, 'en-GB', '12h').replace(/ \(.*\)$/, '');
        expect(gb(words)).toEqual({ ok: true, value });
      }),
      { numRuns: 300 },
    );
  });
});

describe('Up and Down in the box', () => {
  it.each([
    ['2024-07-18T17:30', 'day', 1, '2024-07-19T17:30'],
    ['2024-07-31T17:30', 'day', 1, '2024-08-01T17:30'],
    ['2024-07-18T23:30', 'hour', 1, '2024-07-19T00:30'],
    ['2024-07-18T00:00', 'minute', -1, '2024-07-17T23:59'],
    ['2024-01-31T09:00', 'month', 1, '2024-02-29T09:00'],
    ['2024-02-29', 'year', 1, '2025-02-28'],
    ['2024-12-18', 'month', 1, '2025-01-18'],
  ] as const)('%s %s %i -> %s', (value, unit, delta, stepped) => {
    expect(stepDateTime(value, unit, delta)).toBe(stepped);
  });

  it('knows which part the caret is in', () => {
    const text = '18/07/2024 5:30pm';
    expect([0, 2, 3, 5, 6, 10, 11, 12, 13, 17].map((at) => unitAt(text, at, 'en-GB'))).toEqual([
      'day',
      'day',
      'month',
      'month',
      'year',
      'year',
      'hour',
      'hour',
      'minute',
      'minute',
    ]);
    expect(unitAt('07/18/2024', 0, 'en-US')).toBe('month');
    expect(unitAt('18 July 2024', 0, 'en-GB')).toBeNull();
  });
});
