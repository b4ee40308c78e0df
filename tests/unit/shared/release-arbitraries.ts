import fc from 'fast-check';
import { withFieldValue } from '../../../src-shared/release/merge-versions';
import { createBlankRelease } from '../../../src-shared/release/new-release';
import {
  DEFAULT_PROFILE,
  IDENTIFIER_KINDS,
  RELEASE_TYPES,
  type Release,
} from '../../../src-shared/release/schema';
import {
  assertNever,
  FIELD_LIST,
  type FieldPath,
  type FieldSpec,
} from '../../../src-shared/release/structure';

/**
 * Arbitrary values for every field of a release, walked from the structure table and made per field kind: a new
 * field of an existing kind is covered without a change here, and a new kind does not compile until it has one.
 * `text` is what the text in them is made of (short words by default).
 */

export const id = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
export const words = fc.string({ maxLength: 12 });
const localDateTime = fc
  .tuple(
    fc.integer({ min: 2024, max: 2027 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 28 }),
  )
  .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T09:30`);
const zone = fc.constantFrom('Europe/London', 'Europe/Dublin', 'UTC');

/** Any value the field can hold, per its kind. */
export function valueOf(spec: FieldSpec, text: fc.Arbitrary<string> = words): fc.Arbitrary<unknown> {
  const words = text;
  switch (spec.kind) {
    case 'choice':
      return fc.constantFrom(...RELEASE_TYPES);
    case 'line':
    case 'prose':
    case 'url':
      return words;
    case 'date-time':
      return localDateTime;
    case 'time-zone':
      return zone;
    case 'embargo':
      return fc.option(fc.record({ until: localDateTime, timeZone: zone }), { nil: null });
    case 'list':
      return fc.array(words, { maxLength: 3 });
    case 'paragraphs':
    case 'notes':
      return fc.array(fc.record({ id, text: words }), { maxLength: 3 });
    case 'key-details':
      return fc.array(fc.record({ key: id, label: words, text: words }), { maxLength: 3 });
    case 'quotes':
      return fc.array(
        fc.record({
          id,
          speakerName: words,
          speakerRole: words,
          organisation: words,
          paragraphs: fc.array(words, { maxLength: 2 }),
          afterParagraphId: fc.option(id, { nil: null }),
        }),
        { maxLength: 2 },
      );
    case 'contacts':
      return fc.array(
        fc.record({ name: words, role: words, phone: words, email: words, outOfHours: words }),
        { maxLength: 2 },
      );
    case 'links':
      return fc.array(fc.record({ id, label: words, url: words }), { maxLength: 2 });
    case 'protected-people':
      return fc.array(
        fc.record({
          id,
          name: words,
          variants: fc.array(words, { maxLength: 2 }),
          identifiers: fc.array(fc.record({ kind: fc.constantFrom(...IDENTIFIER_KINDS), text: words }), {
            maxLength: 2,
          }),
        }),
        { maxLength: 2 },
      );
    case 'change-notes':
      return fc.array(
        fc.record({
          id,
          text: words,
          importance: fc.constantFrom('major' as const, 'minor' as const),
          publishedAt: fc.constant(null),
        }),
        { maxLength: 2 },
      );
    default:
      return assertNever(spec.kind);
  }
}

/** A release with some fields set to new values: a map from field to value (absent = left as it was). */
export type Edits = Partial<Record<FieldPath, unknown>>;

/** Some fields of a release set to new values. */
export function editsOf(text: fc.Arbitrary<string> = words): fc.Arbitrary<Edits> {
  return fc.record(
    Object.fromEntries(FIELD_LIST.map((spec) => [spec.path, valueOf(spec, text)])) as Record<
      FieldPath,
      fc.Arbitrary<unknown>
    >,
    { requiredKeys: [] },
  );
}

export const edits = editsOf();

/** A blank news release with the id `id`, made on a fixed day with numbered item ids: the start the edits go on. */
export function blankRelease(id: string): Release {
  let n = 0;
  return createBlankRelease({
    id,
    type: 'news-release',
    profile: DEFAULT_PROFILE,
    now: new Date('2026-12-07T10:00:00Z'),
    makeId: () => `p-${++n}`,
  });
}

/** `release` with the fields `changes` names set to their values. */
export function withEdits(release: Release, changes: Edits): Release {
  let out = release;
  for (const [path, value] of Object.entries(changes)) out = withFieldValue(out, path as FieldPath, value);
  return out;
}
