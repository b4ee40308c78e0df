import type { Contact, HouseLimits } from '../../../../src-shared/release/schema';

/** Typed as a Record so that a new house limit does not compile until it has a label here. */
export const LIMIT_LABELS: Record<keyof HouseLimits, string> = {
  headlineCharacters: 'Headline: most characters',
  headlineWords: 'Headline: most words',
  standfirstCharacters: 'Standfirst: most characters',
  standfirstWords: 'Standfirst: most words',
  paragraphWords: 'Paragraph: most words',
  sentenceWords: 'Sentence: most words',
};
export const LIMIT_KEYS = Object.keys(LIMIT_LABELS) as Array<keyof HouseLimits>;

export const CONTACT_LABELS: Record<keyof Contact, string> = {
  name: 'Name',
  role: 'Role',
  phone: 'Phone',
  email: 'Email',
  outOfHours: 'Out-of-hours number',
};
export const CONTACT_KEYS = Object.keys(CONTACT_LABELS) as Array<keyof Contact>;

/** Locales a press office in these islands is likely to publish in, with the nearby European ones. */
const LOCALES = [
  'en-GB',
  'en-IE',
  'cy-GB',
  'ga-IE',
  'gd-GB',
  'en-US',
  'en-CA',
  'en-AU',
  'en-NZ',
  'fr-FR',
  'fr-BE',
  'de-DE',
  'nl-NL',
  'es-ES',
  'it-IT',
  'pt-PT',
  'pl-PL',
  'sv-SE',
  'da-DK',
  'nb-NO',
  'fi-FI',
];

/** The list for the locale select; a stored locale that is not in it stays selectable rather than vanishing. */
export function localeOptions(current: string): Array<{ value: string; label: string }> {
  const names = safeDisplayNames();
  const values = LOCALES.includes(current) || current === '' ? LOCALES : [current, ...LOCALES];
  return values.map((value) => {
    let name: string | undefined;
    try {
      name = names?.of(value);
    } catch {
      name = undefined;
    }
    return { value, label: name && name !== value ? `${name} – ${value}` : value };
  });
}

function safeDisplayNames(): Intl.DisplayNames | null {
  try {
    return new Intl.DisplayNames(['en-GB'], { type: 'language', languageDisplay: 'standard' });
  } catch {
    return null;
  }
}

export interface ZoneOption {
  value: string;
  label: string;
  /** Lower case, with / and _ as spaces, so that "new york" and "gmt+1" both find what people expect. */
  search: string;
}

let zoneCache: ZoneOption[] | null = null;

/** Every zone the runtime knows, labelled with its offset now, e.g. "Europe/London (GMT+1)". Built once. */
export function timeZoneOptions(): ZoneOption[] {
  if (zoneCache) return zoneCache;
  let zones: string[];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  // Chromium lists canonical zones only; UTC is what many offices use for online-only notices.
  zoneCache = [...new Set([...zones, 'UTC'])].sort().map(zoneOption);
  return zoneCache;
}

export function zoneOption(zone: string): ZoneOption {
  let offset: string;
  try {
    offset =
      new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'shortOffset' })
        .formatToParts(new Date())
        .find((part) => part.type === 'timeZoneName')?.value ?? '';
  } catch {
    offset = '';
  }
  const name = zone.replaceAll('_', ' ');
  const label = offset ? `${name} (${offset})` : name;
  return { value: zone, label, search: `${zone} ${label}`.toLowerCase().replace(/[/_]/g, ' ') };
}

/** Zones whose label holds every word of the query, e.g. "new york" or "gmt+1". */
export function filterZones(options: ZoneOption[], query: string): ZoneOption[] {
  const words = query.toLowerCase().replace(/[/_]/g, ' ').split(/\s+/).filter(Boolean);
  return options.filter((option) => words.every((word) => option.search.includes(word)));
}
