/**
 * Dates and times as the GOV.UK style guide writes them ("18 July 2024", "5:30pm", "midday", "midnight"), and
 * finders for the forms it does not use, each with what to write instead. Pure text functions: the house-style
 * rules (house-style.ts) decide which fields they read.
 */
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** "18 July 2024", the GOV.UK form: day first, month in full, no ordinal, no comma, no leading zero. */
export function formatGovukDate(day: number, month: number, year?: number): string {
  return `${day} ${MONTHS[month - 1]}${year === undefined ? '' : ` ${year}`}`;
}

function daysInMonth(month: number, year: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isValidDate(day: number, month: number, year: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(month, year);
}

/** Two-digit years: 00-50 are this century, 51-99 the last. */
function fullYear(digits: string): number {
  const n = Number(digits);
  if (digits.length === 4) return n;
  return n <= 50 ? 2000 + n : 1900 + n;
}

export interface StyleProblem {
  /** What the text says, exactly as written. */
  found: string;
  /** What to write instead. */
  suggestion: string;
  index: number;
}

export const MONTH_NAME = `(${MONTHS.join('|')})`;
const monthNumber = (name: string) => MONTHS.indexOf(name as (typeof MONTHS)[number]) + 1;

/** Dates not written as "18 July 2024", each with the GOV.UK form (numeric dates are read day first). */
export function findDateProblems(text: string): StyleProblem[] {
  const problems: StyleProblem[] = [];
  const add = (match: RegExpExecArray, suggestion: string) => {
    if (problems.some((p) => p.index <= match.index && match.index < p.index + p.found.length)) return;
    problems.push({ found: match[0], suggestion, index: match.index });
  };
  // "18th July", "the 18th of July 2024"
  const ordinal = new RegExp(
    `\\b(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)(?:\\s+of)?\\s+${MONTH_NAME}(?:,?\\s+(\\d{4}))?(?!\\d)`,
    'g',
  );
  for (const m of text.matchAll(ordinal)) {
    const day = Number(m[1]);
    if (day >= 1 && day <= 31)
      add(m, formatGovukDate(day, monthNumber(m[2]!), m[3] ? Number(m[3]) : undefined));
  }
  // "July 18", "July 18th", "July 18, 2024"
  const monthFirst = new RegExp(
    `\\b${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\d:.]\\d|\\d)(?:,?\\s+(\\d{4})(?!\\d))?`,
    'g',
  );
  for (const m of text.matchAll(monthFirst)) {
    const day = Number(m[2]);
    if (day >= 1 && day <= 31)
      add(m, formatGovukDate(day, monthNumber(m[1]!), m[3] ? Number(m[3]) : undefined));
  }
  // "18 July, 2024": no comma between the month and the year.
  const comma = new RegExp(`\\b(\\d{1,2})\\s+${MONTH_NAME},\\s+(\\d{4})(?!\\d)`, 'g');
  for (const m of text.matchAll(comma))
    add(m, formatGovukDate(Number(m[1]), monthNumber(m[2]!), Number(m[3])));
  // "2024-07-18"
  for (const m of text.matchAll(/(?<![\p{L}\p{N}/.-])(\d{4})-(\d{2})-(\d{2})(?![\p{L}\p{N}]|[/.-]\d)/gu)) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (isValidDate(day, month, year)) add(m, formatGovukDate(day, month, year));
  }
  // "18/07/2024", "18-07-2024", "18.07.24": UK order, day first.
  for (const m of text.matchAll(
    /(?<![\p{L}\p{N}/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\p{L}\p{N}]|[/.-]\d)/gu,
  )) {
    const [day, month, year] = [Number(m[1]), Number(m[3]), fullYear(m[4]!)];
    if (isValidDate(day, month, year)) add(m, formatGovukDate(day, month, year));
    // Not a date when read day first, but one when read month first: written the American way.
    else if (isValidDate(month, day, year)) add(m, formatGovukDate(month, day, year));
  }
  return problems.sort((a, b) => a.index - b.index);
}

/** "5:30pm", "5pm", "midday", "midnight": the GOV.UK form of a time on the 24-hour clock. */
export function formatGovukTime(hours: number, minutes: number): string {
  if (minutes === 0 && hours === 0) return 'midnight';
  if (minutes === 0 && hours === 12) return 'midday';
  const suffix = hours < 12 ? 'am' : 'pm';
  const h = hours % 12 === 0 ? 12 : hours % 12;
  return minutes === 0 ? `${h}${suffix}` : `${h}:${String(minutes).padStart(2, '0')}${suffix}`;
}

/** Times not written as "5:30pm", "midday" or "midnight", each with the GOV.UK form. */
export function findTimeProblems(text: string): StyleProblem[] {
  const problems: StyleProblem[] = [];
  const add = (match: RegExpExecArray, suggestion: string) => {
    if (match[0] === suggestion) return;
    if (problems.some((p) => p.index <= match.index && match.index < p.index + p.found.length)) return;
    problems.push({ found: match[0], suggestion, index: match.index });
  };
  // "12 noon", "12noon", "noon", "12 midday", "12 midnight"
  for (const m of text.matchAll(/(?<![\p{L}\p{N}])(?:12\s*(?:noon|midday)|noon)(?![\p{L}\p{N}])/giu)) {
    add(m, 'midday');
  }
  for (const m of text.matchAll(/(?<![\p{L}\p{N}])12\s*midnight(?![\p{L}\p{N}])/giu)) add(m, 'midnight');
  // "1730hrs", "17:30hrs", "0930 h"
  for (const m of text.matchAll(
    /(?<![\p{N}:.])([01]\d|2[0-3])[:.]?([0-5]\d)\s*(?:hrs|hr|h)(?![\p{L}\p{N}])/giu,
  )) {
    add(m, formatGovukTime(Number(m[1]), Number(m[2])));
  }
  // "5.30pm", "5:30 PM", "5:30 p.m.", "5:00pm", "12pm"
  for (const m of text.matchAll(
    /(?<![\p{L}\p{N}:.])(\d{1,2})(?:[:.]([0-5]\d))?(\s*)(am|pm|a\.\s?m\.?|p\.\s?m\.?)(?![\p{L}\p{N}])/giu,
  )) {
    const hour = Number(m[1]);
    const minutes = m[2] === undefined ? 0 : Number(m[2]);
    if (hour > 23) continue;
    const pm = m[4]!.toLowerCase().startsWith('p');
    // "17:30pm" is a 24-hour time with a stray suffix; otherwise 12am is midnight and 12pm midday.
    const hours24 = hour > 12 ? hour : pm ? (hour % 12) + 12 : hour % 12;
    add(m, formatGovukTime(hours24, minutes));
  }
  // "17:30", "09:00": the 24-hour clock (a time with a full stop and no am or pm may be a decimal, so is left).
  for (const m of text.matchAll(
    /(?<![\p{L}\p{N}:.])([01]?\d|2[0-3]):([0-5]\d)(?![\p{N}:]|\s*(?:am|pm|a\.\s?m|p\.\s?m|hrs|hr|h)(?![\p{L}]))/giu,
  )) {
    add(m, formatGovukTime(Number(m[1]), Number(m[2])));
  }
  return problems.sort((a, b) => a.index - b.index);
}
