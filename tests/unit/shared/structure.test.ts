import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ReleaseContentSchema,
  ReleaseHeaderSchema,
  type ReleaseContent,
} from '../../../src-shared/release/schema';
import {
  FIELD_LIST,
  FIELDS,
  fieldOfPath,
  fieldTexts,
  isSectionFilled,
  itemFormPath,
  pickContent,
  publishedTexts,
  searchableTexts,
  SECTION_IDS,
  sectionFormPath,
  type FieldSpec,
} from '../../../src-shared/release/structure';
import { textFields } from '../../../src-shared/checks/editorial-checks';
import { release } from '../export/fixtures';

// --- the table describes exactly the schema -------------------------------------------------------------------

// A table that leaves out a schema field does not compile: FIELDS is a mapped type over the schema's keys.
// @ts-expect-error -- `details` is missing
const _withoutDetails: typeof FIELDS = (({ details: _details, ...rest }) => rest)(FIELDS);
void _withoutDetails;

describe('the structure table', () => {
  it('has one entry for every field of the content schema, and none that the schema lacks', () => {
    const schemaPaths = [
      ...Object.keys(ReleaseContentSchema.shape).filter((key) => key !== 'header'),
      ...Object.keys(ReleaseHeaderSchema.shape).map((key) => `header.${key}`),
    ].sort();
    expect(FIELD_LIST.map((spec) => spec.path).sort()).toEqual(schemaPaths);
  });

  it("states each field's limits exactly as the schema enforces them", () => {
    const json = z.toJSONSchema(ReleaseContentSchema, { io: 'input', unrepresentable: 'any' }) as {
      properties: Record<string, JsonNode>;
    };
    for (const spec of FIELD_LIST) {
      const node = spec.path.startsWith('header.')
        ? json.properties.header!.properties![spec.path.slice('header.'.length)]!
        : json.properties[spec.path]!;
      const items = node.items;
      expect([spec.path, node.maxItems], 'items').toEqual([spec.path, spec.limits.maxItems]);
      if (
        spec.kind === 'list' ||
        spec.kind === 'paragraphs' ||
        spec.kind === 'notes' ||
        spec.kind === 'change-notes'
      ) {
        const text = items?.maxLength ?? items?.properties?.text?.maxLength;
        expect([spec.path, text]).toEqual([spec.path, spec.limits.maxCharacters]);
      } else if (spec.kind === 'protected-people') {
        expect(items?.properties?.name?.maxLength).toBe(spec.limits.maxCharacters);
      } else if (spec.parts) {
        for (const part of spec.parts) {
          const property = items!.properties![part.key]!;
          const max = property.maxLength ?? property.items?.maxLength;
          expect([spec.path, part.key, max]).toEqual([spec.path, part.key, part.maxCharacters]);
        }
      } else if (spec.limits.maxCharacters !== undefined) {
        expect([spec.path, node.maxLength]).toEqual([spec.path, spec.limits.maxCharacters]);
      }
    }
  });

  it('lists sections in reading order, every field in a known section, internal ones unpublished', () => {
    for (const spec of FIELD_LIST) expect(SECTION_IDS).toContain(spec.section);
    const order = FIELD_LIST.map((spec) => SECTION_IDS.indexOf(spec.section));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const internal = FIELD_LIST.filter((spec) => !spec.published).map((spec) => spec.path);
    expect(internal).toEqual(['header.tags', 'anonymityList']);
    expect(FIELDS.anonymityList.searchable).toBe(false);
  });
});

// --- the walks ----------------------------------------------------------------------------------------------

interface JsonNode {
  maxLength?: number;
  maxItems?: number;
  items?: JsonNode;
  properties?: Record<string, JsonNode>;
}

/** A release with every text of every field set to a marker naming its form path. */
function markedRelease(): ReleaseContent {
  const content = release();
  const marked = structuredClone(content) as ReleaseContent & Record<string, unknown>;
  marked.header.organisation = 'M-header.organisation';
  marked.header.reference = 'M-header.reference';
  marked.header.tags = ['M-header.tags.0'];
  marked.headline = 'M-headline';
  marked.standfirst = 'M-standfirst';
  marked.details = [{ key: 'court', label: 'M-details.0.label', text: 'M-details.0.text' }];
  marked.body = [{ id: 'p1', text: 'M-body.0.text' }];
  marked.quotes = [
    {
      id: 'q1',
      speakerName: 'M-quotes.0.speakerName',
      speakerRole: 'M-quotes.0.speakerRole',
      organisation: 'M-quotes.0.organisation',
      paragraphs: ['M-quotes.0.paragraphs.0'],
      afterParagraphId: 'p1',
    },
  ];
  marked.background = [{ id: 'b1', text: 'M-background.0.text' }];
  marked.notesToEditors = [{ id: 'n1', text: 'M-notesToEditors.0.text' }];
  marked.boilerplate = 'M-boilerplate';
  marked.mediaContacts = [
    {
      name: 'M-mediaContacts.0.name',
      role: 'M-mediaContacts.0.role',
      phone: 'M-mediaContacts.0.phone',
      email: 'M-mediaContacts.0.email',
      outOfHours: 'M-mediaContacts.0.outOfHours',
    },
  ];
  marked.canonicalUrl = 'M-canonicalUrl';
  marked.relatedLinks = [{ id: 'l1', label: 'M-relatedLinks.0.label', url: 'M-relatedLinks.0.url' }];
  marked.endMark = 'M-endMark';
  marked.anonymityList = [
    {
      id: 'person-1',
      name: 'M-anonymityList.0.name',
      variants: ['M-anonymityList.0.variants.0'],
      identifiers: [{ kind: 'school', text: 'M-anonymityList.0.identifiers.0.text' }],
    },
  ];
  return marked;
}

describe('walking the table', () => {
  const content = markedRelease();
  const isPublished = (path: string) => fieldOfPath(path)!.published;

  it('gives every typed text with the form path that edits it', () => {
    for (const spec of FIELD_LIST) {
      for (const part of fieldTexts(content, spec)) expect(part.text).toBe(`M-${part.field}`);
    }
    const all = FIELD_LIST.flatMap((spec) => fieldTexts(content, spec)).map((part) => part.field);
    expect(all).toHaveLength(27);
  });

  it('walks every published text for the checks, and nothing internal', () => {
    const walked = textFields(content).map((field) => field.field);
    const expected = FIELD_LIST.filter((spec) => spec.published)
      .flatMap((spec) => fieldTexts(content, spec))
      .map((part) => part.field);
    expect(walked).toEqual(expected);
    expect(walked).toContain('details.0.text');
    expect(walked).toContain('relatedLinks.0.url');
    expect(walked.filter((path) => !isPublished(path))).toEqual([]);
    expect(publishedTexts(content).every((part) => part.section === fieldOfPath(part.field)!.section)).toBe(
      true,
    );
  });

  it('searches published text and tags, never the protected people', () => {
    const searched = searchableTexts(content).map((part) => part.field);
    expect(searched).toContain('header.tags.0');
    expect(searched).toContain('details.0.text');
    expect(searched.some((path) => path.startsWith('anonymityList'))).toBe(false);
  });

  it('ticks a section only when the writer typed something in it', () => {
    const blank = markedRelease();
    blank.background = [{ id: 'b1', text: '  ' }];
    expect(isSectionFilled(blank, 'background')).toBe(false);
    expect(isSectionFilled(content, 'background')).toBe(true);
    expect(isSectionFilled({}, 'quotes')).toBe(false);
  });

  it('copies every content field and nothing else', () => {
    const copy = pickContent({ ...content, extra: 1 } as ReleaseContent);
    expect(copy).toEqual(ReleaseContentSchema.parse(content));
  });

  it('lands a jump on the control of an item or a section', () => {
    const jump = (spec: FieldSpec, index: number) => itemFormPath(spec, index);
    expect(jump(FIELDS.body, 2)).toBe('body.2.text');
    expect(jump(FIELDS.quotes, 1)).toBe('quotes.1.paragraphs');
    expect(jump(FIELDS.mediaContacts, 0)).toBe('mediaContacts.0.name');
    expect(jump(FIELDS['header.reference'], 0)).toBe('header.reference');
    expect(sectionFormPath('header')).toBe('header.organisation');
    expect(sectionFormPath('links')).toBe('canonicalUrl');
    expect(sectionFormPath('notesToEditors')).toBe('notesToEditors.0.text');
  });
});
