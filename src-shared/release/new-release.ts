import { RELEASE_TEMPLATES } from './templates';
import { RELEASE_SCHEMA_VERSION, type OrganisationProfile, type Release, type ReleaseType } from './schema';

export interface NewReleaseOptions {
  id: string;
  type: ReleaseType;
  profile: OrganisationProfile;
  /** Current instant; passed in so that creation is deterministic under test. */
  now: Date;
  /** Makes ids for the first paragraph and similar parts. */
  makeId: () => string;
}

/**
 * One formatter per zone: building an Intl.DateTimeFormat costs some hundred times more than using one, and the
 * preview and the checks turn the release's dates about on every keystroke (a few ms each time, issue 13). A zone
 * the runtime does not know throws here as it did before, for the caller to handle.
 */
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();
function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    // Zones are a short list (the profile's and the release's), but a hostile file could name many.
    if (wallClockFormats.size >= 64) wallClockFormats.clear();
    wallClockFormats.set(timeZone, format);
  }
  return format;
}

/** The wall-clock minute of `instant` in `timeZone`, in `datetime-local` form (2024-07-18T09:30). */
export function toLocalDateTime(instant: Date, timeZone: string): string {
  const parts = wallClockFormat(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}

/**
 * The instant at which a wall-clock time happens in `timeZone` (handles BST/GMT and other offsets). Resolves
 * like Temporal's "compatible" disambiguation: a repeated autumn hour gives its first occurrence; a time
 * skipped by the spring change is read with the offset before the change (01:30 becomes 02:30 BST).
 */
export function zonedToInstant(localDateTime: string, timeZone: string): Date {
  const asUtc = wallClockAsUtc(localDateTime);
  const offsetAt = (instant: number) =>
    wallClockAsUtc(toLocalDateTime(new Date(instant), timeZone)) - instant;
  const halfDay = 12 * 60 * 60 * 1000;
  const offsetBefore = offsetAt(asUtc - halfDay);
  const offsetAfter = offsetAt(asUtc + halfDay);
  const candidates = [...new Set([asUtc - offsetBefore, asUtc - offsetAfter])].sort((a, b) => a - b);
  const exact = candidates.find(
    (candidate) => toLocalDateTime(new Date(candidate), timeZone) === localDateTime,
  );
  return new Date(exact ?? asUtc - offsetBefore);
}

function wallClockAsUtc(localDateTime: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(localDateTime);
  if (!match) throw new Error(`Not a local date-time: ${localDateTime}`);
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi);
}

/** The next day at 00:01 in `timeZone`: the usual embargo time for a release prepared a day ahead. */
function nextDayOneMinutePast(now: Date, timeZone: string): string {
  const today = toLocalDateTime(now, timeZone).slice(0, 10);
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return `${next.toISOString().slice(0, 10)}T00:01`;
}

/** A fresh draft from the release type's template, pre-filled from the organisation profile. */
export function createBlankRelease(options: NewReleaseOptions): Release {
  const { id, type, profile, now, makeId } = options;
  const template = RELEASE_TEMPLATES[type];
  const iso = now.toISOString();
  const embargoUntil = template.embargoed ? nextDayOneMinutePast(now, profile.timeZone) : null;
  return {
    schemaVersion: RELEASE_SCHEMA_VERSION,
    id,
    revision: 0,
    createdAt: iso,
    updatedAt: iso,
    status: 'draft',
    header: {
      type,
      organisation: profile.name,
      // An embargoed release is dated at its embargo time: it may not appear before then.
      releaseDate: embargoUntil ?? toLocalDateTime(now, profile.timeZone),
      timeZone: profile.timeZone,
      embargo: embargoUntil ? { until: embargoUntil, timeZone: profile.timeZone } : null,
      reference: '',
      tags: [],
    },
    headline: template.headline,
    standfirst: template.standfirst,
    details: template.details.map((detail) => ({ key: detail.key, label: detail.label, text: detail.text })),
    body: (template.body.length > 0 ? template.body : ['']).map((text) => ({ id: makeId(), text })),
    quotes: [],
    background: [],
    notesToEditors: template.notesToEditors.map((text) => ({ id: makeId(), text })),
    boilerplate: profile.boilerplate,
    mediaContacts: profile.contacts.map((contact) => ({
      ...contact,
      id: makeId(),
      outOfHours: contact.outOfHours || profile.outOfHours,
    })),
    canonicalUrl: '',
    relatedLinks: [],
    endMark: profile.endMark,
    anonymityList: [],
    changeNotes: [],
    approvals: [],
    editedSinceApproval: [],
  };
}

/**
 * A copy of a release as a new draft: same content (the headline too, word for word), new identity, new ids for
 * its parts. That it is a copy is recorded beside the content (`copiedFrom`), never written into the text, where
 * a "Copy of" left in the headline would be exported if nobody noticed it.
 */
export function duplicateRelease(
  source: Release,
  options: { id: string; now: Date; makeId: () => string },
): Release {
  const iso = options.now.toISOString();
  const bodyIds = new Map(source.body.map((p) => [p.id, options.makeId()]));
  // The copy's own saves will say who edited it; the source's last edit belongs to the source's audit trail.
  // Nor do its published life's records carry over (issue 17): a copy is a new release, never published, with no
  // change history, withdrawal or publication without a second check.
  const {
    lastEdit: _lastEdit,
    withdrawal: _withdrawal,
    uncheckedPublish: _unchecked,
    ...copied
  } = structuredCloneJson(source);
  return {
    ...copied,
    id: options.id,
    revision: 0,
    createdAt: iso,
    updatedAt: iso,
    status: 'draft',
    approvals: [],
    editedSinceApproval: [],
    copiedFrom: { id: source.id, headline: source.headline },
    body: source.body.map((p) => ({ id: bodyIds.get(p.id)!, text: p.text })),
    quotes: source.quotes.map((q) => ({
      ...q,
      id: options.makeId(),
      paragraphs: [...q.paragraphs],
      afterParagraphId: q.afterParagraphId ? (bodyIds.get(q.afterParagraphId) ?? null) : null,
    })),
    background: source.background.map((p) => ({ id: options.makeId(), text: p.text })),
    notesToEditors: source.notesToEditors.map((n) => ({ id: options.makeId(), text: n.text })),
    relatedLinks: source.relatedLinks.map((l) => ({ ...l, id: options.makeId() })),
    mediaContacts: source.mediaContacts.map((c) => ({ ...c, id: options.makeId() })),
    changeNotes: [],
  };
}

function structuredCloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
