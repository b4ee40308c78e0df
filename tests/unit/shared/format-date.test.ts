import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  formatEmbargoLine,
  formatEmbargoTime,
  formatReleaseDate,
  formatReleaseDateTime,
  isEmbargoActive,
  resolveLocale,
  toIsoWithOffset,
} from '../../../src-shared/render/format-date';

const london = (until: string) => ({ until, timeZone: 'Europe/London' });

describe('formatReleaseDate', () => {
  it.each([
    ['2024-07-18T09:30', 'Europe/London', 'en-GB', '18 July 2024'],
    ['2024-07-18T23:59', 'Europe/London', 'en-GB', '18 July 2024'], // 22:59 UTC: still the 18th in London
    ['2024-07-18T00:30', 'Europe/London', 'en-GB', '18 July 2024'], // 23:30 UTC on the 17th
    ['2024-01-05T09:30', 'Europe/London', 'en-GB', '5 January 2024'],
    ['2024-07-18T09:30', 'America/New_York', 'en-US', 'July 18, 2024'],
    ['2024-07-18T09:30', 'Europe/Berlin', 'de-DE', '18. Juli 2024'],
    ['2024-07-18T01:00', 'Pacific/Auckland', 'en-NZ', '18 July 2024'],
  ])('%s in %s (%s) is %s', (local, zone, locale, expected) => {
    expect(formatReleaseDate(local, zone, locale)).toBe(expected);
  });

  it.each([
    ['', 'Europe/London'],
    ['2024-07-18', 'Europe/London'],
    ['2024-07-18T09:3', 'Europe/London'],
    ['not a date', 'Europe/London'],
    ['2024-07-18T09:30', 'Mars/Olympus_Mons'],
    ['2024-07-18T09:30', ''],
  ])('gives null for a half-typed value (%j, %j) instead of throwing', (local, zone) => {
    expect(formatReleaseDate(local, zone, 'en-GB')).toBeNull();
    expect(formatReleaseDateTime(local, zone, 'en-GB')).toBeNull();
    expect(toIsoWithOffset(local, zone)).toBeNull();
  });

  it('falls back to en-GB for a locale Intl cannot read', () => {
    expect(resolveLocale('en_GB')).toBe('en-GB');
    expect(resolveLocale('')).toBe('en-GB');
    expect(resolveLocale('"><script>')).toBe('en-GB');
    expect(resolveLocale('en-us')).toBe('en-US');
    expect(formatReleaseDate('2024-07-18T09:30', 'Europe/London', 'not a locale!')).toBe('18 July 2024');
  });

  it('formats date and time together for the latest-news list', () => {
    expect(formatReleaseDateTime('2024-07-18T09:30', 'Europe/London', 'en-GB')).toMatch(
      /^18 July 2024\D+09:30$/,
    );
  });
});

describe('remembered answers', () => {
  // The masthead prints the same date on every keystroke, so the instant is remembered by date-time and zone: a
  // remembered answer must be the one worked out afresh, whatever came before it and however many.
  const zones = [
    'Europe/London',
    'America/New_York',
    'Asia/Kolkata',
    'Pacific/Chatham',
    'UTC',
    'Mars/Olympus',
    '',
  ];
  const localDateTime = fc
    .date({ min: new Date('1990-01-01T00:00Z'), max: new Date('2060-12-31T23:59Z'), noInvalidDate: true })
    .map((date) => date.toISOString().slice(0, 16));

  it('gives each date-time and zone the answer worked out afresh, however often it was asked before', async () => {
    const answers = (module: typeof import('../../../src-shared/render/format-date'), asked: string[][]) =>
      asked.map(([local, zone]) => [
        module.formatReleaseDate(local!, zone!, 'en-GB'),
        module.toIsoWithOffset(local!, zone!),
      ]);
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.tuple(localDateTime, fc.constantFrom(...zones)), {
          maxLength: 30,
          selector: ([local, zone]) => `${local} ${zone}`,
        }),
        async (asked) => {
          const shared = await import('../../../src-shared/render/format-date');
          answers(shared, asked);
          const remembered = answers(shared, asked);
          // A copy of the module with nothing remembered: every answer worked out.
          vi.resetModules();
          const fresh = await import('../../../src-shared/render/format-date');
          expect(fresh).not.toBe(shared);
          expect(remembered).toEqual(answers(fresh, asked));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('answers a time that changes in the autumn by its own offset, not by the one asked for just before', () => {
    expect(toIsoWithOffset('2024-10-27T01:30', 'Europe/London')).toBe('2024-10-27T01:30:00+01:00');
    expect(toIsoWithOffset('2024-10-27T01:30', 'UTC')).toBe('2024-10-27T01:30:00+00:00');
    expect(toIsoWithOffset('2024-10-27T01:30', 'Europe/London')).toBe('2024-10-27T01:30:00+01:00');
  });
});

describe('toIsoWithOffset', () => {
  it.each([
    ['2024-07-18T09:30', 'Europe/London', '2024-07-18T09:30:00+01:00'],
    ['2024-01-18T09:30', 'Europe/London', '2024-01-18T09:30:00+00:00'],
    ['2024-07-18T09:30', 'America/New_York', '2024-07-18T09:30:00-04:00'],
    ['2024-01-18T09:30', 'America/New_York', '2024-01-18T09:30:00-05:00'],
    ['2024-07-18T09:30', 'Asia/Kolkata', '2024-07-18T09:30:00+05:30'],
    ['2024-07-18T09:30', 'UTC', '2024-07-18T09:30:00+00:00'],
    // 01:30 on 31 March 2024 does not exist in London; it is read as 02:30 BST, the same instant.
    ['2024-03-31T01:30', 'Europe/London', '2024-03-31T02:30:00+01:00'],
    // 01:30 on 27 October 2024 happens twice; the first (BST) is meant.
    ['2024-10-27T01:30', 'Europe/London', '2024-10-27T01:30:00+01:00'],
    ['2024-10-27T02:30', 'Europe/London', '2024-10-27T02:30:00+00:00'],
  ])('%s in %s is %s', (local, zone, expected) => {
    const iso = toIsoWithOffset(local, zone);
    expect(iso).toBe(expected);
    expect(new Date(iso!).getTime()).not.toBeNaN();
  });
});

describe('formatEmbargoLine', () => {
  it('reads like a newsroom embargo line', () => {
    expect(formatEmbargoLine(london('2024-07-18T00:01'), 'en-GB')).toBe(
      'EMBARGOED UNTIL 00:01 BST, Thursday 18 July 2024',
    );
  });

  it.each([
    ['2024-01-18T00:01', '00:01 GMT, Thursday 18 January 2024'],
    // Clocks go forward at 01:00 GMT on 31 March 2024.
    ['2024-03-31T00:30', '00:30 GMT, Sunday 31 March 2024'],
    ['2024-03-31T01:30', '02:30 BST, Sunday 31 March 2024'],
    ['2024-03-31T03:00', '03:00 BST, Sunday 31 March 2024'],
    // Clocks go back at 02:00 BST on 27 October 2024: 01:00-01:59 happens twice.
    ['2024-10-26T23:59', '23:59 BST, Saturday 26 October 2024'],
    ['2024-10-27T00:30', '00:30 BST, Sunday 27 October 2024'],
    ['2024-10-27T01:30', '01:30 BST, Sunday 27 October 2024'],
    ['2024-10-27T02:30', '02:30 GMT, Sunday 27 October 2024'],
    ['2024-10-28T09:00', '09:00 GMT, Monday 28 October 2024'],
  ])('names the zone in force at %s: %s', (until, expected) => {
    expect(formatEmbargoTime(london(until), 'en-GB')).toBe(expected);
    expect(formatEmbargoLine(london(until), 'en-GB')).toBe(`EMBARGOED UNTIL ${expected}`);
  });

  it('uses the embargo zone, not the machine zone', () => {
    expect(formatEmbargoTime({ until: '2024-01-18T09:00', timeZone: 'America/New_York' }, 'en-US')).toMatch(
      /^09:00\sAM EST, Thursday January 18, 2024$/,
    );
  });

  it('still says embargoed when the date cannot be read', () => {
    expect(formatEmbargoTime(london(''), 'en-GB')).toBeNull();
    expect(formatEmbargoLine(london(''), 'en-GB')).toMatch(/^EMBARGOED/);
    expect(formatEmbargoLine({ until: '2024-07-18T00:01', timeZone: 'Nowhere/Special' }, 'en-GB')).toMatch(
      /^EMBARGOED/,
    );
  });
});

describe('isEmbargoActive', () => {
  const embargo = london('2024-07-18T00:01'); // 2024-07-17T23:01Z

  it('holds until the embargo instant and lifts exactly at it', () => {
    expect(isEmbargoActive(embargo, new Date('2024-07-17T23:00:59Z'))).toBe(true);
    expect(isEmbargoActive(embargo, new Date('2024-07-17T23:01:00Z'))).toBe(false);
    expect(isEmbargoActive(embargo, new Date('2024-07-18T12:00:00Z'))).toBe(false);
  });

  it('is not active without an embargo', () => {
    expect(isEmbargoActive(null, new Date('2024-07-17T00:00:00Z'))).toBe(false);
  });

  it('counts an embargo in the repeated autumn hour from its first (BST) occurrence', () => {
    const autumn = london('2024-10-27T01:30'); // 00:30Z
    expect(isEmbargoActive(autumn, new Date('2024-10-27T00:29:00Z'))).toBe(true);
    expect(isEmbargoActive(autumn, new Date('2024-10-27T00:30:00Z'))).toBe(false);
    expect(isEmbargoActive(autumn, new Date('2024-10-27T01:15:00Z'))).toBe(false); // 01:15 GMT, the second pass
  });

  it('applies the GMT offset after the change', () => {
    const winter = london('2024-10-27T09:00'); // 09:00Z
    expect(isEmbargoActive(winter, new Date('2024-10-27T08:59:00Z'))).toBe(true);
    expect(isEmbargoActive(winter, new Date('2024-10-27T09:00:00Z'))).toBe(false);
  });

  it('fails closed on an embargo it cannot read', () => {
    expect(isEmbargoActive(london(''), new Date('2030-01-01T00:00:00Z'))).toBe(true);
    expect(
      isEmbargoActive({ until: '2024-07-18T00:01', timeZone: 'Bad/Zone' }, new Date('2030-01-01T00:00:00Z')),
    ).toBe(true);
  });
});
