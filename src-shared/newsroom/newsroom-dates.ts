import { zonedToInstant } from '../release/new-release';
import { formatReleaseDate, resolveLocale } from '../render/format-date';

/**
 * Dates as the newsroom prints and publishes them. People read "18 July 2024, 10:30" (house style: the release's
 * date in its own zone and the organisation's locale, then the 24-hour time); machines read RFC 3339 with the
 * zone's offset at that instant ("2024-07-18T10:30:00+01:00"), which Atom, schema.org and ninjs all accept.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let made = formatters.get(key);
  if (!made) {
    if (formatters.size > 100) formatters.clear();
    made = new Intl.DateTimeFormat(resolveLocale(locale), options);
    formatters.set(key, made);
  }
  return made;
}

/** The instant a release is dated, or null when its date or zone cannot be read. */
export function releaseInstant(localDateTime: string, timeZone: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(localDateTime)) return null;
  try {
    const instant = zonedToInstant(localDateTime, timeZone);
    return Number.isNaN(instant.getTime()) ? null : instant;
  } catch {
    return null;
  }
}

/** "18 July 2024, 10:30" in en-GB: the date as the release prints it, then the time on the 24-hour clock. */
export function formatNewsroomDateTime(
  localDateTime: string,
  timeZone: string,
  locale: string,
): string | null {
  const instant = releaseInstant(localDateTime, timeZone);
  const date = formatReleaseDate(localDateTime, timeZone, locale);
  if (!instant || !date) return null;
  const time = formatter(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    instant,
  );
  return `${date}, ${time}`;
}

/**
 * RFC 3339 with the offset `timeZone` had at `instant`, to the second: 2024-07-18T10:30:00+01:00. Used for every
 * machine-read date (Atom, JSON-LD, ninjs, sitemap), so a reader sees the office's own wall-clock time.
 */
export function toRfc3339(instant: Date, timeZone: string): string {
  const seconds = Math.floor(instant.getTime() / 1000) * 1000;
  const parts = Object.fromEntries(
    formatter('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(seconds))
      .map((part) => [part.type, part.value]),
  ) as Record<string, string>;
  const [y, mo, d, h, mi, s] = ['year', 'month', 'day', 'hour', 'minute', 'second'].map((type) =>
    Number(parts[type]),
  ) as [number, number, number, number, number, number];
  const offsetMinutes = Math.round((Date.UTC(y, mo - 1, d, h, mi, s) - seconds) / 60_000);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
