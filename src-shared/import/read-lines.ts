import { parseDateTime } from '../render/parse-date-time';
import { RELEASE_TYPE_LABELS, RELEASE_TYPES, type ReleaseType } from '../release/schema';

/**
 * Readers of the lines a UK press office puts around a release: the type line, the date line, the embargo line,
 * the reference, section headings. Each takes the plain text of one block and answers what it is, or null. Used
 * by the classifier (place-blocks.ts) to propose a placement and by build-content.ts to turn a line into a value.
 */

/** "NEWS RELEASE", "Media advisory", "STATEMENT": the type line, as press offices write it. */
const TYPE_LINES: ReadonlyArray<{ pattern: RegExp; type: ReleaseType }> = [
  ...RELEASE_TYPES.map((type) => ({
    pattern: new RegExp(
      `^${RELEASE_TYPE_LABELS[type].replace(/[/]/g, '\\s*/\\s*').replace(/\s+/g, '\\s+')}$`,
      'i',
    ),
    type,
  })),
  { pattern: /^(?:press|media)\s+release$/i, type: 'news-release' },
  { pattern: /^(?:media|press|public)\s+statement$/i, type: 'statement' },
  { pattern: /^(?:appeal(?:\s+for\s+(?:witnesses|information))?|police\s+appeal)$/i, type: 'witness-appeal' },
  {
    pattern: /^(?:media\s+(?:invitation|invite|alert|notice)|photocall|photo\s+opportunity)$/i,
    type: 'media-advisory',
  },
  { pattern: /^(?:court\s+result|sentencing|outcome|hearing\s+outcome|case\s+result)$/i, type: 'outcome' },
];

export function releaseTypeOfLine(plain: string): ReleaseType | null {
  const line = plain.replace(/[:.]$/, '').trim();
  if (line.length > 40) return null;
  return TYPE_LINES.find((entry) => entry.pattern.test(line))?.type ?? null;
}

export interface DateReading {
  /** `2024-07-18T09:30`. */
  value: string;
  /** The line gave a date without a time: the time is a guess the writer should check. */
  timeGuessed: boolean;
}

/** When a date line has no time, the release is dated at this wall-clock time (and the review screen says so). */
export const DEFAULT_RELEASE_TIME = '09:00';

/** Time-zone words a date line may carry ("00:01 BST"): the zone is the organisation's, so they are dropped. */
const ZONE_WORDS =
  /\(?\b(?:BST|GMT|UTC|UK\s+time|British\s+Summer\s+Time|Greenwich\s+Mean\s+Time|local\s+time)\b\)?/gi;

/** Reads a whole line as a date, or a date and time, in the organisation's locale; null if it is anything else. */
export function readDateLine(plain: string, locale: string, reference: Date): DateReading | null {
  const line = plain
    .replace(/^(?:date|dated|issued(?:\s+on)?|release\s+date|published)\s*[:-]?\s*/i, '')
    .replace(ZONE_WORDS, ' ')
    .replace(/[.,;]\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  // A sentence that merely contains a date is not a date line.
  if (line === '' || line.length > 60 || !/\d/.test(line)) return null;
  const withTime = parseDateTime(line, { locale, reference, mode: 'date-time' });
  if (withTime.ok) return { value: withTime.value, timeGuessed: false };
  const dateOnly = parseDateTime(line, { locale, reference, mode: 'date' });
  if (dateOnly.ok) return { value: `${dateOnly.value}T${DEFAULT_RELEASE_TIME}`, timeGuessed: true };
  return null;
}

/** "EMBARGOED UNTIL 00:01 Thursday 18 July 2024": the time after the embargo word, or null if unreadable. */
export function readEmbargoLine(plain: string, locale: string, reference: Date): DateReading | null {
  const match = /^(?:strictly\s+)?(?:under\s+)?embargo(?:ed)?\s*(?:until|till|to|:)\s*(.+)$/i.exec(
    plain.trim(),
  );
  if (!match) return null;
  return readDateLine(match[1]!.replace(/^(?:until|:)\s*/i, ''), locale, reference);
}

/** "Ref: NP/2024/117", "Our reference: …": the reference itself. */
export function readReferenceLine(plain: string): string | null {
  const match =
    /^(?:ref(?:erence)?|our\s+ref(?:erence)?|press\s+release\s+(?:no|number|ref))\.?\s*(?:no\.?)?\s*[:-]\s*(.+)$/i.exec(
      plain.trim(),
    );
  return match && match[1]!.length <= 100 ? match[1]!.trim() : null;
}

/** "Issued by Northshire Police", "From: …": the organisation. */
export function readIssuerLine(plain: string): string | null {
  const match = /^(?:issued\s+by|from|issuer)\s*[:-]?\s+(.+)$/i.exec(plain.trim());
  return match && match[1]!.length <= 300 ? match[1]!.trim() : null;
}

/** The sections of the frame a heading can open, past the story. */
export type SectionHeading = 'background' | 'notes' | 'about' | 'contacts' | 'links' | 'details';

/**
 * A line that opens a section of the frame: "Notes to editors", "About Northshire Police", "Media contacts",
 * "Links", "Background". Short and without a full stop: "About 200 people attended." is a sentence.
 */
export function sectionHeadingOf(plain: string): { section: SectionHeading; organisation?: string } | null {
  const line = plain.replace(/[:]\s*$/, '').trim();
  if (line === '' || line.length > 90 || /[.!?]$/.test(line)) return null;
  if (/^(?:notes?\s+(?:to|for)\s+editors?|editors?['’]?\s+notes?)$/i.test(line)) return { section: 'notes' };
  if (
    /^(?:media|press)\s+(?:contacts?|enquiries|office)$|^(?:contacts?|contact\s+details|for\s+(?:further|more)\s+information(?:,?\s+(?:please\s+)?contact)?|further\s+information)$/i.test(
      line,
    )
  )
    return { section: 'contacts' };
  if (/^(?:links|related\s+links|useful\s+links|further\s+reading|more\s+information\s+online)$/i.test(line))
    return { section: 'links' };
  if (/^(?:background|background\s+information|the\s+background)$/i.test(line))
    return { section: 'background' };
  if (/^(?:event\s+details|key\s+details|details)$/i.test(line)) return { section: 'details' };
  const about = /^about\s+(?:the\s+)?(.+)$/i.exec(line);
  if (about) {
    const name = about[1]!.trim();
    // "About us" names nobody; "About the IOPC" names the organisation.
    return /^us$/i.test(name) ? { section: 'about' } : { section: 'about', organisation: name };
  }
  return null;
}

/** The opening and closing quotation marks a writer types, straight or curly, single or double. */
export const OPENING_QUOTE = /^\s*(?:\*{1,2})?["“‘']/;
