import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkFieldLimits,
  keepWithinLimits,
  listProblems,
  maxCharactersAt,
} from '../../../src-shared/release/field-limits';
import { ReleaseSchema, type Release, type ReleaseContent } from '../../../src-shared/release/schema';
import { FIELD_LIST, fieldValue, pickContent, type FieldSpec } from '../../../src-shared/release/structure';
import { release } from '../export/fixtures';

/** A saved release with at least one item in every list field, so that an item of each can break a limit. */
const SAVED: Release = release(
  {
    anonymityList: [
      {
        id: 'person-1',
        name: 'Jane Doe',
        variants: ['Jane'],
        identifiers: [{ kind: 'school', text: 'Ashford Grammar' }],
      },
    ],
    changeNotes: [{ id: 'n-1', text: 'Corrected the date.', importance: 'major', publishedAt: null }],
    mediaContacts: [
      {
        id: 'c-1',
        name: 'Press office',
        role: 'Media enquiries',
        phone: '01632 960 000',
        email: 'press@northshire.example',
        outOfHours: '07700 900 000',
      },
    ],
  },
  'draft',
);
const BASE = pickContent(SAVED);

function setField(content: ReleaseContent, spec: FieldSpec, value: unknown): ReleaseContent {
  const copy = structuredClone(content);
  if (spec.path.startsWith('header.'))
    (copy.header as unknown as Record<string, unknown>)[spec.path.slice(7)] = value;
  else (copy as unknown as Record<string, unknown>)[spec.path] = value;
  return copy;
}

const long = (max: number) => fc.integer({ min: 1, max: 500 }).map((extra) => 'x'.repeat(max + extra));

/**
 * Over-limit values for one field of the table, walked from its kind and limits (no field named by hand): a text
 * over its characters, an item's part over its characters, one item too many, a date the schema refuses.
 */
function overLimit(spec: FieldSpec): fc.Arbitrary<ReleaseContent> {
  const value = fieldValue(BASE, spec.path);
  const items = Array.isArray(value) ? (value as unknown[]) : [];
  const options: Array<fc.Arbitrary<ReleaseContent>> = [];
  const { maxCharacters, maxItems } = spec.limits;
  const withItem = (index: number, item: unknown) => {
    const next = [...items];
    next[index] = item;
    return setField(BASE, spec, next);
  };
  switch (spec.kind) {
    case 'line':
    case 'prose':
    case 'url':
      options.push(long(maxCharacters!).map((text) => setField(BASE, spec, text)));
      break;
    case 'list':
      options.push(long(maxCharacters!).map((text) => withItem(0, text)));
      break;
    case 'paragraphs':
    case 'notes':
      options.push(long(maxCharacters!).map((text) => withItem(0, { ...(items[0] as object), text })));
      break;
    case 'key-details':
    case 'contacts':
    case 'links':
    case 'quotes':
      for (const part of spec.parts ?? []) {
        options.push(
          long(part.maxCharacters).map((text) =>
            withItem(0, {
              ...(items[0] as object),
              [part.key]: part.key === 'paragraphs' ? ['Fine.', text] : text,
            }),
          ),
        );
      }
      break;
    case 'protected-people':
      options.push(long(maxCharacters!).map((name) => withItem(0, { ...(items[0] as object), name })));
      break;
    case 'date-time':
      options.push(
        fc.integer({ min: 10_000, max: 275_760 }).map((year) => setField(BASE, spec, `${year}-07-18T09:30`)),
        fc.constantFrom('', '18/07/2024', '2024-07-18').map((text) => setField(BASE, spec, text)),
      );
      break;
    case 'embargo':
      options.push(
        fc
          .integer({ min: 10_000, max: 275_760 })
          .map((year) => setField(BASE, spec, { until: `${year}-01-01T00:01`, timeZone: 'Europe/London' })),
      );
      break;
    case 'time-zone':
      options.push(fc.constantFrom('Mars/Olympus', '').map((zone) => setField(BASE, spec, zone)));
      break;
    case 'choice':
      options.push(fc.constant(setField(BASE, spec, 'not-a-type')));
      break;
  }
  if (maxItems !== undefined && items.length > 0) {
    options.push(
      fc.integer({ min: 1, max: 3 }).map((extra) =>
        setField(
          BASE,
          spec,
          Array.from({ length: maxItems + extra }, (_, i) => {
            const item = items[0];
            if (typeof item === 'string') return `tag ${i}`;
            const copy = { ...(item as Record<string, unknown>) };
            if ('id' in copy) copy.id = `i-${i}`;
            if ('key' in copy) copy.key = `k-${i}`;
            return copy;
          }),
        ),
      ),
    );
  }
  return fc.oneof(...options);
}

/** A change to another field that the schema takes: the last line of text the table has that is not `spec`. */
function otherChange(spec: FieldSpec): { other: FieldSpec; apply: (c: ReleaseContent) => ReleaseContent } {
  const other = FIELD_LIST.find(
    (f) => f.kind === 'line' && f.path !== spec.path && f.section !== spec.section,
  )!;
  return {
    other,
    apply: (content) => setField(content, other, 'Changed while another field was too long'),
  };
}

describe('checkFieldLimits', () => {
  it('finds nothing in a release the schema takes', () => {
    expect(checkFieldLimits(BASE)).toEqual([]);
  });

  it('says a long headline in words, with how much to cut', () => {
    const [problem, ...rest] = checkFieldLimits({ ...BASE, headline: 'x'.repeat(1412) });
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({
      field: 'headline',
      path: 'headline',
      section: 'headline',
      kind: 'characters',
    });
    expect(problem!.message).toBe(
      'The headline can be at most 1,000 characters: this one has 1,412. Shorten it by 412.',
    );
    expect(listProblems([problem!])).toBe('the headline (too long)');
  });

  it('names a paragraph by its number and counts the paragraphs of the body', () => {
    const body = [...BASE.body];
    body[1] = { ...body[1]!, text: 'y'.repeat(204_800) };
    const [problem] = checkFieldLimits({ ...BASE, body });
    expect(problem).toMatchObject({ field: 'body', path: 'body.1.text', name: 'paragraph 2' });
    expect(problem!.message).toBe(
      'Paragraph 2 can be at most 200,000 characters: it has 204,800. Shorten it by 4,800.',
    );
    const many = Array.from({ length: 501 }, (_, i) => ({ id: `p-${i}`, text: 'A paragraph.' }));
    expect(checkFieldLimits({ ...BASE, body: many })[0]!.message).toBe(
      'The body can have at most 500 paragraphs: it has 501. Remove 1.',
    );
    const tags = Array.from({ length: 52 }, (_, i) => `tag ${i}`);
    expect(checkFieldLimits({ ...BASE, header: { ...BASE.header, tags } })[0]!.message).toBe(
      'A release can have at most 50 tags: this one has 52. Remove 2.',
    );
  });

  it('says a 6-digit year is one, at the release date', () => {
    const [problem] = checkFieldLimits({
      ...BASE,
      header: { ...BASE.header, releaseDate: '202024-07-18T09:30' },
    });
    expect(problem).toMatchObject({
      field: 'header.releaseDate',
      path: 'header.releaseDate',
      reason: 'not a real date',
    });
    expect(problem!.message).toBe(
      'The year in the release date and time must have 4 digits, such as 2024: this one has 6.',
    );
  });

  it('names the part of an item: a quote speaker’s role', () => {
    const quotes = structuredClone(BASE.quotes);
    quotes[0]!.speakerRole = 'r'.repeat(412);
    const [problem] = checkFieldLimits({ ...BASE, quotes });
    expect(problem).toMatchObject({ path: 'quotes.0.speakerRole', name: "the speaker's role of quote 1" });
    expect(problem!.message).toBe(
      "The speaker's role of quote 1 can be at most 300 characters: it has 412. Shorten it by 112.",
    );
  });
});

describe('keepWithinLimits', () => {
  it('sends the last saved headline and every other change', () => {
    const typed = { ...BASE, headline: 'x'.repeat(1412), endMark: 'END' };
    const { content, held } = keepWithinLimits(typed, BASE);
    expect(held.map((p) => p.field)).toEqual(['headline']);
    expect(content.headline).toBe(BASE.headline);
    expect(content.endMark).toBe('END');
  });

  it('sends a too-long paragraph as last saved, and leaves out a new one that was never saved', () => {
    const body = [...BASE.body, { id: 'p-new', text: 'z'.repeat(200_001) }];
    body[0] = { ...body[0]!, text: 'q'.repeat(200_001) };
    body[1] = { ...body[1]!, text: 'Changed second paragraph.' };
    const { content } = keepWithinLimits({ ...BASE, body }, BASE);
    expect(content.body).toEqual([BASE.body[0], { id: BASE.body[1]!.id, text: 'Changed second paragraph.' }]);
  });

  it('keeps a release that breaks no limit as it is', () => {
    const typed = { ...BASE, headline: 'New headline' };
    expect(keepWithinLimits(typed, BASE)).toEqual({ content: typed, held: [] });
  });

  // The property of issue 14, item 3: for every field of the table and random over-limit values, the check names
  // that field, and the release saved instead (the others' changes, that field as last saved) parses.
  for (const spec of FIELD_LIST) {
    it(`${spec.path}: an over-limit value is named at its field, and the rest saves`, () => {
      const { other, apply } = otherChange(spec);
      fc.assert(
        fc.property(overLimit(spec), (broken) => {
          const typed = apply(broken);
          const problems = checkFieldLimits(typed);
          expect(problems.length).toBeGreaterThan(0);
          expect(problems.every((p) => p.field === spec.path)).toBe(true);
          expect(
            problems.every((p) => p.message.length > 0 && !/release\.|invalid|zod/i.test(p.message)),
          ).toBe(true);
          const { content, held } = keepWithinLimits(typed, BASE);
          expect(held).toEqual(problems);
          expect(ReleaseSchema.safeParse({ ...SAVED, ...content }).success).toBe(true);
          expect(fieldValue(content, other.path)).toBe('Changed while another field was too long');
          expect(checkFieldLimits(content)).toEqual([]);
        }),
        { numRuns: 15 },
      );
    });
  }
});

describe('maxCharactersAt', () => {
  it('reads the limit of a control from the schema', () => {
    expect(maxCharactersAt('headline')).toBe(1000);
    expect(maxCharactersAt('body.3.text')).toBe(200_000);
    expect(maxCharactersAt('quotes.0.speakerRole')).toBe(300);
    expect(maxCharactersAt('quotes.0.paragraphs')).toBe(200_000);
    expect(maxCharactersAt('header.tags.2')).toBe(80);
    expect(maxCharactersAt('anonymityList.0.identifiers.1.text')).toBe(300);
    expect(maxCharactersAt('header.releaseDate')).toBeUndefined();
    expect(maxCharactersAt('header.embargo')).toBeUndefined();
    expect(maxCharactersAt('nothing.here')).toBeUndefined();
  });
});
