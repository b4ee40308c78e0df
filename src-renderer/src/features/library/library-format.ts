import { formatReleaseDate, toIsoWithOffset } from '../../../../src-shared/render/format-date';

/**
 * "18 July 2024, 09:30": the release's own wall-clock date and time, as the header of the release gives it.
 * Returned in two parts so that a narrow column breaks between date and time, never inside either.
 */
export function formatLibraryReleaseDate(
  localDateTime: string,
  timeZone: string,
  locale: string,
): [date: string, time: string] {
  const date = formatReleaseDate(localDateTime, timeZone, locale) ?? localDateTime.slice(0, 10);
  return [`${date},`, localDateTime.slice(11, 16)];
}

export function releaseDateTimeAttribute(localDateTime: string, timeZone: string): string {
  return toIsoWithOffset(localDateTime, timeZone) ?? localDateTime;
}

const changedFormats = new Map<string, Intl.DateTimeFormat>();

/** "18 Jul 2024, 09:30" in this computer's zone: when the file last changed, wherever it was edited. */
export function formatLastChange(iso: string, locale: string): [date: string, time: string] {
  let format = changedFormats.get(locale);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    } catch {
      format = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
    }
    changedFormats.set(locale, format);
  }
  const parts = format.formatToParts(new Date(iso));
  // Split where the date ends (the first hour part), whatever the locale's order of date and time.
  const hour = parts.findIndex((part) => part.type === 'hour');
  const join = (list: Intl.DateTimeFormatPart[]) => list.map((part) => part.value).join('');
  if (hour <= 0) return [join(parts), ''];
  return [join(parts.slice(0, hour)).trimEnd(), join(parts.slice(hour))];
}

const COUNT = new Intl.NumberFormat('en-GB');

/** "3 of 12 releases", "37 of 10,000 releases"; the noun follows the total, which is what the sentence counts. */
export function describeCount(shown: number, total: number, trash: boolean): string {
  const noun = trash ? 'deleted release' : 'release';
  return `${COUNT.format(shown)} of ${COUNT.format(total)} ${noun}${total === 1 ? '' : 's'}`;
}

/**
 * Splits text into plain and matching parts for the search words, folded the way the search folds them (case
 * and accents), so that a snippet can show the words that made a release match.
 */
export function markMatches(text: string, search: string): Array<{ text: string; match: boolean }> {
  const words = search
    .split(/[\s"]+/)
    .map((word) => fold(word).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((word) => word !== '');
  if (words.length === 0) return [{ text, match: false }];
  // Fold character by character to keep a map back to the original positions.
  let folded = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of text) {
    const part = fold(char);
    for (let i = 0; i < part.length; i++) origin.push(index);
    folded += part;
    index += char.length;
  }
  const marked = new Array<boolean>(text.length).fill(false);
  for (const word of words) {
    for (let at = folded.indexOf(word); at !== -1; at = folded.indexOf(word, at + word.length)) {
      const start = origin[at] ?? 0;
      const end = origin[at + word.length - 1] ?? start;
      // Through the end of the last original character, which may be a surrogate pair.
      const stop = end + (text.codePointAt(end)! > 0xffff ? 2 : 1);
      for (let i = start; i < stop; i++) marked[i] = true;
    }
  }
  const parts: Array<{ text: string; match: boolean }> = [];
  for (let i = 0; i < text.length; i++) {
    const last = parts[parts.length - 1];
    if (last && last.match === marked[i]) last.text += text[i];
    else parts.push({ text: text[i]!, match: marked[i]! });
  }
  return parts;
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
