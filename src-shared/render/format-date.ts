import { toLocalDateTime, zonedToInstant } from '../release/new-release';
import type { Embargo } from '../release/schema';
import { memoByText } from './memo-by-text';

/**
 * Dates as a release prints them. Every function here accepts half-typed input without throwing: the preview
 * renders live form values, in which a date field can be empty or a zone name mid-edit.
 */

const FALLBACK_LOCALE = 'en-GB';
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/**
 * A usable BCP 47 tag: the canonical form of `locale`, or en-GB when it is not one (Intl would throw). Remembered:
 * the preview and the checks ask on every keystroke, and trying a DateTimeFormat costs about a millisecond.
 */
export const resolveLocale: (locale: string) => string = memoByText((locale) => {
  try {
    const [canonical] = Intl.getCanonicalLocales(locale);
    if (canonical === undefined) return FALLBACK_LOCALE;
    new Intl.DateTimeFormat(canonical);
    return canonical;
  } catch {
    return FALLBACK_LOCALE;
  }
}, 64);

// Building a DateTimeFormat costs far more than using one, and the preview formats on every keystroke.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    if (formatters.size > 200) formatters.clear();
    cached = new Intl.DateTimeFormat(resolveLocale(locale), options);
    formatters.set(key, cached);
  }
  return cached;
}

/** The instant a wall-clock time happens in `timeZone`, or null when either is not valid. */
function instantOf(localDateTime: string, timeZone: string): Date | null {
  if (typeof localDateTime !== 'string' || !LOCAL_DATE_TIME.test(localDateTime)) return null;
  const time =
    typeof timeZone === 'string'
      ? rememberedInstantTime(JSON.stringify([localDateTime, timeZone]))
      : instantTime(localDateTime, timeZone);
  // A Date of its own for each caller: a Date can be changed, a remembered number cannot.
  return time === null ? null : new Date(time);
}

function instantTime(localDateTime: string, timeZone: string): number | null {
  try {
    formatter('en-GB', { timeZone });
    const time = zonedToInstant(localDateTime, timeZone).getTime();
    return Number.isNaN(time) ? null : time;
  } catch {
    return null;
  }
}

/**
 * instantTime remembered by wall-clock time and zone: the preview's masthead prints the release's date on every
 * keystroke, and finding a zone's offset (several Intl calls) was half the time of drawing the masthead.
 */
const rememberedInstantTime = memoByText((key: string): number | null => {
  const [localDateTime, timeZone] = JSON.parse(key) as [string, string];
  return instantTime(localDateTime, timeZone);
}, 256);

/**
 * The full ISO 8601 instant with the zone's offset at that moment, for `<time datetime>`:
 * 2024-07-18T09:30:00+01:00 in July in London, 2024-01-18T09:30:00+00:00 in January. A time skipped by the
 * spring change is given as the wall-clock time it becomes (01:30 -> 02:30+01:00). Null when not valid.
 */
export function toIsoWithOffset(localDateTime: string, timeZone: string): string | null {
  return typeof localDateTime === 'string' && typeof timeZone === 'string'
    ? rememberedIsoWithOffset(JSON.stringify([localDateTime, timeZone]))
    : isoWithOffset(localDateTime, timeZone);
}

/** toIsoWithOffset by wall-clock time and zone, remembered as instantTime is (the masthead's `<time datetime>`). */
const rememberedIsoWithOffset = memoByText((key: string): string | null => {
  const [localDateTime, timeZone] = JSON.parse(key) as [string, string];
  return isoWithOffset(localDateTime, timeZone);
}, 256);

function isoWithOffset(localDateTime: string, timeZone: string): string | null {
  const instant = instantOf(localDateTime, timeZone);
  if (!instant) return null;
  const wallClock = toLocalDateTime(instant, timeZone);
  const [date, time] = wallClock.split('T') as [string, string];
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const offsetMinutes = Math.round((Date.UTC(y, mo - 1, d, h, mi) - instant.getTime()) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${wallClock}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** "18 July 2024" in en-GB: the date of a release, in its own zone. Null when the date or zone is not valid. */
export function formatReleaseDate(localDateTime: string, timeZone: string, locale: string): string | null {
  const instant = instantOf(localDateTime, timeZone);
  if (!instant) return null;
  return formatter(locale, { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(instant);
}

/** "18 July 2024 at 09:30" in en-GB: date and time, as the latest-news list shows them. */
export function formatReleaseDateTime(
  localDateTime: string,
  timeZone: string,
  locale: string,
): string | null {
  const instant = instantOf(localDateTime, timeZone);
  if (!instant) return null;
  return formatter(locale, {
    timeZone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(instant);
}

/**
 * "00:01 BST, Thursday 18 July 2024". The zone abbreviation comes from Intl at the embargo instant itself, so it
 * follows BST/GMT (or any zone's) changes. Null when the embargo is not a valid date-time and zone.
 */
export function formatEmbargoTime(embargo: Embargo, locale: string): string | null {
  const instant = instantOf(embargo.until, embargo.timeZone);
  if (!instant) return null;
  const timeZone = embargo.timeZone;
  const time = formatter(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(instant);
  // Weekday and date are formatted apart because en-GB's combined form puts a comma after the weekday, which
  // house style ("Thursday 18 July 2024") does not.
  const weekday = formatter(locale, { timeZone, weekday: 'long' }).format(instant);
  const date = formatter(locale, { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(
    instant,
  );
  return `${time}, ${weekday} ${date}`;
}

/** The words before an embargo's time, in every output (the HTML page marks the time up after them). */
export const EMBARGOED_UNTIL = 'EMBARGOED UNTIL';

/**
 * "EMBARGOED UNTIL 00:01 BST, Thursday 18 July 2024". An embargo whose date is not (yet) valid still says it is
 * embargoed: wrongly implying the text may be published is the costly mistake.
 */
export function formatEmbargoLine(embargo: Embargo, locale: string): string {
  const when = formatEmbargoTime(embargo, locale);
  return when ? `${EMBARGOED_UNTIL} ${when}` : 'EMBARGOED: date and time not yet set';
}

/**
 * Whether the embargo still holds at `now`. No embargo: false. An embargo that cannot be read holds (fails
 * closed), for the same reason as in formatEmbargoLine.
 */
export function isEmbargoActive(embargo: Embargo | null | undefined, now: Date): boolean {
  if (!embargo) return false;
  const instant = instantOf(embargo.until, embargo.timeZone);
  if (!instant) return true;
  return now.getTime() < instant.getTime();
}

/**
 * An instant (ISO, as the workflow records it) as a release prints it in its zone: "20 July 2024 at 10:15" and
 * the `<time datetime>` value with the zone's offset. Null when either is not valid. For the change history and
 * the withdrawal notice (issue 17), which the workflow dates, not the writer.
 */
export function formatInstantInZone(
  iso: string,
  timeZone: string,
  locale: string,
): { text: string; dateText: string; datetime: string } | null {
  const instant = new Date(typeof iso === 'string' ? iso : '');
  if (Number.isNaN(instant.getTime())) return null;
  let local: string;
  try {
    local = toLocalDateTime(instant, timeZone);
  } catch {
    return null;
  }
  const text = formatReleaseDateTime(local, timeZone, locale);
  const dateText = formatReleaseDate(local, timeZone, locale);
  const datetime = toIsoWithOffset(local, timeZone);
  return text && dateText && datetime ? { text, dateText, datetime } : null;
}
