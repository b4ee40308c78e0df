import { resolveLocale } from './format-date';

/**
 * Reading a date (and time) as a person types it, in the organisation's locale, whatever the browser's locale is.
 * Pure: no DOM, no clock (the caller passes the reference date), no time zone (a LocalDateTime is a wall clock).
 *
 * What is read (en-GB; en-US reads the numeric forms month first):
 *   18/07/2024  18/7/24  18-07-2024  18.07.2024  18 July 2024  18th July 2024  18 Jul 24  Thursday 18 July 2024
 *   July 18 2024  2024-07-18 (ISO, always year-month-day)  2024-07-18T09:30
 * with a time before or after the date, optionally joined by "at" or a comma:
 *   09:30  9.30  9:30am  9.30 a.m.  5pm  5:30 pm  17:30  noon / midday (12:00)  midnight (00:00, the start of the day)
 *
 * Ambiguity rules:
 * - All-number dates follow the locale's order: day first for en-GB (18/07/2024), month first for en-US
 *   (07/18/2024). A number that cannot be a month in that position is refused, never swapped.
 * - A date that starts with a four-digit number is year-month-day in every locale (2024-07-18, 2024/07/18).
 * - A two-digit year is in this century: 24 is 2024, 99 is 2099.
 * - A date without a year takes the year of the reference date (18 July -> 18 July of this year).
 * - "midnight" is 00:00 at the start of the day given; 12am is 00:00 and 12pm is 12:00.
 * - A weekday, when given, must be the weekday of that date; otherwise the text is refused.
 * - Month names are read in English and in the locale's own language, in full or shortened (Jul, Sept).
 * - A date-and-time field refuses a date without a time (no time is guessed); a date field refuses a time.
 */

export type DateTimeMode = 'date-time' | 'date';

export interface ReadDateTime {
  ok: true;
  /** `2024-07-18T09:30` in date-time mode, `2024-07-18` in date mode. */
  value: string;
}
export interface RefusedDateTime {
  ok: false;
  /** A sentence for the person: "Pressroom could not read “31/02/2024” as a date: February has 28 or 29 days." */
  message: string;
}
export type DateTimeReading = ReadDateTime | RefusedDateTime;

export interface ParseOptions {
  locale: string;
  /** Supplies the year when none is typed. */
  reference: Date;
  mode?: DateTimeMode;
}

export type Clock = '24h' | '12h';

const MONTHS_EN = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;
const WEEKDAYS_EN = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const MONTH_TITLES = MONTHS_EN.map((month) => month[0]!.toUpperCase() + month.slice(1));
const WEEKDAY_TITLES = WEEKDAYS_EN.map((day) => day[0]!.toUpperCase() + day.slice(1));

interface LocaleFacts {
  /** Order of the numeric date's parts. */
  order: 'dmy' | 'mdy' | 'ymd';
  separator: string;
  months: Map<string, number>;
  weekdays: Map<string, number>;
}

const factsCache = new Map<string, LocaleFacts>();

function normaliseWord(word: string): string {
  return word
    .toLocaleLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\.$/, '');
}

/** The numeric order and month names of a locale, learnt from Intl (cached). */
function localeFacts(locale: string): LocaleFacts {
  const tag = resolveLocale(locale);
  const cached = factsCache.get(tag);
  if (cached) return cached;
  let order: LocaleFacts['order'] = 'dmy';
  let separator = '/';
  const months = new Map<string, number>();
  const weekdays = new Map<string, number>();
  MONTHS_EN.forEach((name, index) => {
    months.set(name, index + 1);
    months.set(name.slice(0, 3), index + 1);
  });
  months.set('sept', 9);
  WEEKDAYS_EN.forEach((name, index) => {
    weekdays.set(name, index);
    weekdays.set(name.slice(0, 3), index);
  });
  for (const [short, index] of [
    ['tues', 2],
    ['weds', 3],
    ['thur', 4],
    ['thurs', 4],
  ] as const) {
    weekdays.set(short, index);
  }
  try {
    const numeric = new Intl.DateTimeFormat(tag, {
      timeZone: 'UTC',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    });
    const parts = numeric.formatToParts(new Date(Date.UTC(2024, 6, 18)));
    const kinds = parts
      .map((part) => part.type)
      .filter((type) => type === 'day' || type === 'month' || type === 'year');
    const key = kinds.map((kind) => kind[0]).join('');
    if (key === 'mdy' || key === 'ymd') order = key;
    const literal = parts.find((part) => part.type === 'literal')?.value.trim();
    if (literal && ['/', '.', '-'].includes(literal)) separator = literal;
    for (let month = 0; month < 12; month++) {
      const date = new Date(Date.UTC(2024, month, 15));
      for (const style of ['long', 'short'] as const) {
        const name = new Intl.DateTimeFormat(tag, { timeZone: 'UTC', month: style }).format(date);
        const word = normaliseWord(name);
        if (/^\p{L}+$/u.test(word) && !months.has(word)) months.set(word, month + 1);
      }
    }
    for (let day = 0; day < 7; day++) {
      // 2024-07-14 was a Sunday.
      const date = new Date(Date.UTC(2024, 6, 14 + day));
      for (const style of ['long', 'short'] as const) {
        const word = normaliseWord(
          new Intl.DateTimeFormat(tag, { timeZone: 'UTC', weekday: style }).format(date),
        );
        if (/^\p{L}+$/u.test(word) && !weekdays.has(word)) weekdays.set(word, day);
      }
    }
  } catch {
    // The English names and day-first order stand.
  }
  const facts = { order, separator, months, weekdays };
  factsCache.set(tag, facts);
  return facts;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysIn(year: number, month: number): number {
  return [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

function weekdayOf(year: number, month: number, day: number): number {
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCDay();
}

type About = 'a date' | 'a time' | 'a date and time';
class Refusal extends Error {
  constructor(
    message: string,
    readonly about: About,
  ) {
    super(message);
  }
}
const refuse = (reason: string, about: About = 'a date'): never => {
  throw new Refusal(reason, about);
};
const refuseTime = (reason: string): never => refuse(reason, 'a time');

function fullYear(text: string): number {
  if (text.length === 2) return 2000 + Number(text);
  if (text.length === 4) return Number(text);
  return refuse(`“${text}” is not a year: write the year as 2024 or 24.`);
}

function checkDate(year: number, month: number, day: number, order: LocaleFacts['order']): void {
  if (month < 1 || month > 12) {
    const example = order === 'mdy' ? '07/18/2024' : '18/07/2024';
    const first = order === 'mdy' ? 'month first' : 'day first';
    refuse(
      month === 0
        ? 'there is no month 0.'
        : `there is no month ${month}. Dates are read ${first}: ${example} is 18 July 2024.`,
    );
  }
  if (day < 1) refuse('there is no day 0.');
  const most = daysIn(year, month);
  if (day > most) {
    const name = MONTH_TITLES[month - 1]!;
    if (month === 2) {
      refuse(
        day === 29
          ? `${year} is not a leap year, so February ${year} has 28 days.`
          : 'February has 28 or 29 days.',
      );
    }
    refuse(`${name} has ${most} days.`);
  }
}

interface DatePart {
  year: number;
  month: number;
  day: number;
}

/** Reads a numeric date such as 18/07/2024, 18.7.24, 2024-07-18 or 18/07 (no year). */
function readNumericDate(token: string, facts: LocaleFacts, reference: Date): DatePart | null {
  const match = /^(\d{1,4})([/.-])(\d{1,2})(?:\2(\d{1,4}))?$/.exec(token);
  if (!match) return null;
  const [, a, , b, c] = match as unknown as [string, string, string, string, string | undefined];
  if (a.length === 4 || (facts.order === 'ymd' && c !== undefined)) {
    if (c === undefined) return refuse(`“${token}” has a year and a month but no day.`);
    const year = fullYear(a);
    const month = Number(b);
    const day = Number(c);
    checkDate(year, month, day, 'ymd');
    return { year, month, day };
  }
  if (a.length > 2) return refuse(`“${a}” is neither a day nor a month.`);
  const year = c === undefined ? reference.getFullYear() : fullYear(c);
  const [day, month] = facts.order === 'mdy' ? [Number(b), Number(a)] : [Number(a), Number(b)];
  checkDate(year, month, day, facts.order);
  return { year, month, day };
}

interface Time {
  hour: number;
  minute: number;
}

/** Reads the time words left once the date is taken: "17:30", "9.30", "5:30 pm", "5pm", "noon", "midnight". */
function readTime(text: string): Time | null {
  const words = text.trim();
  if (words === '') return null;
  if (words === 'noon' || words === 'midday' || words === '12 noon') return { hour: 12, minute: 0 };
  if (words === 'midnight') return { hour: 0, minute: 0 };
  const match = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.?|p\.m\.?)?(?:\s*(?:hrs|h))?$/.exec(words);
  if (!match) return refuseTime(`“${words}” is not a time: write it as 17:30 or 5:30pm.`);
  const [, h, m, half] = match as unknown as [string, string, string | undefined, string | undefined];
  const hour = Number(h);
  const minute = m === undefined ? 0 : Number(m);
  if (m === undefined && half === undefined)
    return refuseTime(`“${words}” is not a time: write it as 17:00 or 5pm.`);
  if (minute > 59) return refuseTime(`an hour has 60 minutes, so “${words}” is not a time.`);
  if (half !== undefined) {
    if (hour < 1 || hour > 12)
      return refuseTime(`“${words}” is not a time: with am or pm the hour is 1 to 12.`);
    const pm = half.startsWith('p');
    return { hour: (hour % 12) + (pm ? 12 : 0), minute };
  }
  if (hour > 23) return refuseTime(`“${words}” is not a time: the hours of a day run 00 to 23.`);
  return { hour, minute };
}

function readText(text: string, options: ParseOptions): { date: DatePart; time: Time | null } {
  const facts = localeFacts(options.locale);
  const cleaned = text
    .trim()
    .toLocaleLowerCase()
    .replace(/[\u00a0\u202f\u2009]/g, ' ')
    .replace(/[\u2010-\u2015]/g, '-');
  if (cleaned === '') refuse('it is empty.', options.mode === 'date' ? 'a date' : 'a date and time');

  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[t ](\d{2}):(\d{2}))?$/.exec(cleaned);
  if (iso) {
    const [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    checkDate(year, month, day, 'ymd');
    const time = iso[4] === undefined ? null : readTime(`${iso[4]}:${iso[5]}`);
    return { date: { year, month, day }, time };
  }

  const tokens = cleaned
    .replace(/,/g, ' ')
    .split(/\s+/)
    .filter((token) => token !== '' && token !== 'at' && token !== 'on' && token !== 'the' && token !== 'of');

  let date: DatePart | null = null;
  const used = new Set<number>();
  let weekday: number | null = null;

  // A numeric date: the first token with two separators (or one, for 18/07), that is not a time.
  for (let index = 0; index < tokens.length && !date; index++) {
    const token = tokens[index]!;
    if (/^\d{1,4}[/-]\d{1,2}([/-]\d{1,4})?$/.test(token) || /^\d{1,4}\.\d{1,2}\.\d{1,4}$/.test(token)) {
      date = readNumericDate(token, facts, options.reference);
      used.add(index);
    }
  }

  // A date with the month in words: 18 July 2024, 18th Jul 24, July 18 2024, July 18th, 2024.
  if (!date) {
    const monthAt = tokens.findIndex((token) => facts.months.has(normaliseWord(token)));
    if (monthAt >= 0) {
      const month = facts.months.get(normaliseWord(tokens[monthAt]!))!;
      const dayWord = (token: string | undefined) =>
        token ? /^(\d{1,2})(?:st|nd|rd|th)?$/.exec(token) : null;
      let dayAt = -1;
      const before = dayWord(tokens[monthAt - 1]);
      const after = dayWord(tokens[monthAt + 1]);
      // "July 18 2024": the number after the month is its day when a year follows or no day comes before.
      if (before && !(after && /^\d{4}$/.test(tokens[monthAt + 2] ?? '') && facts.order === 'mdy')) {
        dayAt = monthAt - 1;
      } else if (after && (tokens[monthAt + 1]!.length <= 2 || /\D/.test(tokens[monthAt + 1]!))) {
        dayAt = monthAt + 1;
      }
      if (dayAt < 0) refuse(`there is no day of the month: write it as 18 ${MONTH_TITLES[month - 1]} 2024.`);
      const day = Number(dayWord(tokens[dayAt])![1]);
      used.add(monthAt).add(dayAt);
      const yearAt = Math.max(monthAt, dayAt) + 1;
      const yearToken = tokens[yearAt];
      let year = options.reference.getFullYear();
      if (yearToken && /^(\d{4}|'?\d{2})$/.test(yearToken)) {
        year = fullYear(yearToken.replace("'", ''));
        used.add(yearAt);
      }
      checkDate(year, month, day, facts.order);
      date = { year, month, day };
    }
  }

  // A weekday, checked against the date.
  tokens.forEach((token, index) => {
    const day = facts.weekdays.get(normaliseWord(token));
    if (day !== undefined && !used.has(index)) {
      weekday = day;
      used.add(index);
    }
  });

  if (!date) {
    refuse('there is no date in it: write it as 18/07/2024 or 18 July 2024.');
  }
  const found = date as DatePart;
  if (weekday !== null) {
    const actual = weekdayOf(found.year, found.month, found.day);
    if (actual !== weekday) {
      refuse(
        `${found.day} ${MONTH_TITLES[found.month - 1]} ${found.year} is a ${WEEKDAY_TITLES[actual]}, not a ${WEEKDAY_TITLES[weekday]}.`,
      );
    }
  }
  // What is left must be a time, in one piece ("5:30 pm" is two words).
  const rest = tokens.filter((_, index) => !used.has(index)).join(' ');
  const time = readTime(rest);
  return { date: found, time };
}

/** Reads `text` as a date (mode 'date') or a date and time (the default); never guesses what it cannot read. */
export function parseDateTime(text: string, options: ParseOptions): DateTimeReading {
  const mode = options.mode ?? 'date-time';
  const shown = text.trim();
  try {
    const { date, time } = readText(text, options);
    const day = `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
    if (mode === 'date') {
      if (time) refuse('this field takes a date only, without a time.', 'a date');
      return { ok: true, value: day };
    }
    if (!time) refuse('there is no time: add one, such as 09:30 or 5:30pm.', 'a date and time');
    return { ok: true, value: `${day}T${pad(time!.hour)}:${pad(time!.minute)}` };
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    const about = mode === 'date' ? 'a date' : error.about;
    return { ok: false, message: `Pressroom could not read “${shown}” as ${about}: ${error.message}` };
  }
}

/** The clock a profile writes times in: am/pm when house style asks for "5:30pm", else the locale's own. */
export function clockFor(locale: string, houseStyleTimes: boolean): Clock {
  if (houseStyleTimes) return '12h';
  try {
    const cycle = new Intl.DateTimeFormat(resolveLocale(locale), { hour: 'numeric' }).resolvedOptions()
      .hourCycle;
    return cycle === 'h11' || cycle === 'h12' ? '12h' : '24h';
  } catch {
    return '24h';
  }
}

function split(value: string): { date: DatePart; time: Time | null } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value);
  if (!match) return null;
  return {
    date: { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) },
    time: match[4] === undefined ? null : { hour: Number(match[4]), minute: Number(match[5]) },
  };
}

function formatTime(time: Time, clock: Clock): string {
  if (clock === '24h') return `${pad(time.hour)}:${pad(time.minute)}`;
  const hour = time.hour % 12 === 0 ? 12 : time.hour % 12;
  return `${hour}:${pad(time.minute)}${time.hour < 12 ? 'am' : 'pm'}`;
}

/**
 * A stored value as the field shows it: "18/07/2024 09:30" (en-GB, 24-hour), "18/07/2024 9:30am" (am/pm),
 * "07/18/2024 9:30am" (en-US), "18/07/2024" (a date). Empty when the value is not a stored date.
 */
export function formatDateTimeInput(value: string, locale: string, clock: Clock): string {
  const parts = split(value);
  if (!parts) return '';
  const facts = localeFacts(locale);
  const { year, month, day } = parts.date;
  const sep = facts.separator;
  const date =
    facts.order === 'mdy'
      ? `${pad(month)}${sep}${pad(day)}${sep}${pad(year, 4)}`
      : facts.order === 'ymd'
        ? `${pad(year, 4)}-${pad(month)}-${pad(day)}`
        : `${pad(day)}${sep}${pad(month)}${sep}${pad(year, 4)}`;
  return parts.time ? `${date} ${formatTime(parts.time, clock)}` : date;
}

/**
 * What the field understood, in words: "Thursday 18 July 2024 at 09:30" (or "at 5:30pm"); midnight and midday are
 * named, so that 00:00 is plainly the start of the day.
 */
export function describeDateTime(value: string, locale: string, clock: Clock): string {
  const parts = split(value);
  if (!parts) return '';
  const { year, month, day } = parts.date;
  const utc = new Date(Date.UTC(2000, month - 1, day));
  utc.setUTCFullYear(year);
  const tag = resolveLocale(locale);
  const weekday = new Intl.DateTimeFormat(tag, { timeZone: 'UTC', weekday: 'long' }).format(utc);
  const date = new Intl.DateTimeFormat(tag, {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(utc);
  const words = `${weekday} ${date}`;
  if (!parts.time) return words;
  const time = formatTime(parts.time, clock);
  const named =
    parts.time.hour === 0 && parts.time.minute === 0
      ? ' (midnight at the start of the day)'
      : parts.time.hour === 12 && parts.time.minute === 0
        ? ' (midday)'
        : '';
  return `${words} at ${time}${named}`;
}

export type DateTimeUnit = 'day' | 'month' | 'year' | 'hour' | 'minute';

/**
 * The value moved by `delta` of `unit` (Up/Down in the box): days and hours roll over into months and days, a
 * month or year step keeps the day where the month has it (31 January + 1 month = 29 February 2024). The value
 * stays in years 1000-9999 (what the stored form can hold); null when `value` is not a stored date.
 */
export function stepDateTime(value: string, unit: DateTimeUnit, delta: number): string | null {
  const parts = split(value);
  if (!parts) return null;
  const { year, month, day } = parts.date;
  const time = parts.time ?? { hour: 0, minute: 0 };
  const at = new Date(Date.UTC(2000, month - 1, day, time.hour, time.minute));
  at.setUTCFullYear(year);
  if (unit === 'day') at.setUTCDate(at.getUTCDate() + delta);
  else if (unit === 'hour') at.setUTCHours(at.getUTCHours() + delta);
  else if (unit === 'minute') at.setUTCMinutes(at.getUTCMinutes() + delta);
  else {
    const months = year * 12 + (month - 1) + (unit === 'year' ? 12 * delta : delta);
    const newYear = Math.floor(months / 12);
    const newMonth = (months % 12) + 1;
    at.setUTCDate(1);
    at.setUTCFullYear(newYear, newMonth - 1, Math.min(day, daysIn(newYear, newMonth)));
  }
  const y = at.getUTCFullYear();
  if (y < 1000 || y > 9999) return value;
  const date = `${pad(y, 4)}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
  return parts.time ? `${date}T${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}` : date;
}

/**
 * Which part of the text shown by formatDateTimeInput the caret at `offset` is in: the day, month or year of the
 * date, the hour or minute of the time. Null when the text is not in that form.
 */
export function unitAt(text: string, offset: number, locale: string): DateTimeUnit | null {
  const match = /^(\d+)([/.-])(\d+)\2(\d+)(?: (\d+):(\d+)(?:am|pm)?)?$/.exec(text);
  if (!match) return null;
  const order = localeFacts(locale).order;
  const units: DateTimeUnit[] =
    order === 'mdy'
      ? ['month', 'day', 'year']
      : order === 'ymd'
        ? ['year', 'month', 'day']
        : ['day', 'month', 'year'];
  const first = match[1]!.length;
  const second = first + 1 + match[3]!.length;
  const dateEnd = second + 1 + match[4]!.length;
  if (offset <= first) return units[0]!;
  if (offset <= second) return units[1]!;
  if (offset <= dateEnd || match[5] === undefined) return units[2]!;
  return offset <= dateEnd + 1 + match[5].length ? 'hour' : 'minute';
}
