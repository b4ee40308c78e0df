import { describe, expect, it } from 'vitest';
import { placeBlocks } from '../../../src-shared/import/place-blocks';
import {
  importRoutesOf,
  importSourceName,
  kindTakesBlocks,
  type ImportBlock,
} from '../../../src-shared/import/placement';
import { RELEASE_TYPE_LABELS, type ReleaseType } from '../../../src-shared/release/schema';
import {
  FIELD_LIST,
  type FieldSpec,
  type ImportHeaderLine,
  type ImportSource,
} from '../../../src-shared/release/structure';
import { RELEASE_TEMPLATES } from '../../../src-shared/release/templates';

/**
 * The import fills the release's fields from what the structure table says of each (`importFrom`), never from a
 * list of its own: every field a document's blocks can fill is reached, by each of the ways the table gives, in a
 * document a press office could have written. The headings are the ones Pressroom prints itself (the table's
 * `render.heading`), so what Pressroom exports it can read back.
 */

const NOW = new Date('2024-06-01T12:00:00Z');
const ISSUER = 'Northshire Police';
const paragraph = (text: string): ImportBlock => ({ kind: 'paragraph', text });

/** A line of the header the import recognises on its own, one for each of read-lines.ts's readers. */
const HEADER_LINES: Record<ImportHeaderLine, string> = {
  type: 'WITNESS APPEAL',
  issuer: `Issued by ${ISSUER}`,
  date: '18 July 2024',
  embargo: 'EMBARGOED UNTIL 00:01 18 July 2024',
  reference: 'Ref: NP/2024/117',
};

/** The heading a section is printed under, as the renderers compose it ("About Northshire Police"). */
function headingOf(spec: FieldSpec): string {
  const heading = spec.render.heading ?? spec.label;
  return spec.render.namesIssuer ? `${heading} ${ISSUER}` : heading;
}

/** A line a field of this kind holds, as a document has it under the field's heading. */
function lineOfKind(spec: FieldSpec): string {
  switch (spec.kind) {
    case 'paragraphs':
      return 'The new station replaces one that closed in 2019.';
    case 'notes':
      return 'The station cost £2 million, paid from the capital budget.';
    case 'prose':
      return `${ISSUER} serves 1.2 million people across the county.`;
    case 'contacts':
      return 'Press office: 01234 567890';
    case 'links':
      return 'Force website: https://northshire.example/news';
    case 'key-details':
      return 'Where: Ashford town hall';
    default:
      throw new Error(`No sample line for a ${spec.kind} field under a heading: add one here`);
  }
}

/** The release type of a template with key details, and the first of their labels. */
function keyDetailOfATemplate(): { type: ReleaseType; label: string } {
  const [type, template] = Object.entries(RELEASE_TEMPLATES).find(
    ([, candidate]) => candidate.details.length > 0,
  )!;
  return { type: type as ReleaseType, label: template.details[0]!.label };
}

/**
 * A short release with one line (`sample`) that only the given way of finding text reaches: the header, the
 * headline, the lead and a story paragraph, ENDS, with the sample where a press office would put it.
 */
function documentFor(source: ImportSource, spec: FieldSpec): { blocks: ImportBlock[]; sample: string } {
  const top = [paragraph(ISSUER), paragraph('FOR IMMEDIATE RELEASE')];
  const headline = paragraph('New police station opens in Ashford');
  const lead = paragraph(`${ISSUER} opened a new station in Ashford on Monday.`);
  const story = paragraph('Ten officers will work from the station, which is open every day.');
  const ends = paragraph('ENDS');
  const release = (...middle: ImportBlock[]) => [...top, headline, lead, story, ...middle, ends];
  if ('line' in source) {
    const sample = HEADER_LINES[source.line];
    return { blocks: [paragraph(sample), ...release()], sample };
  }
  if ('zone' in source) {
    if (source.zone === 'story') {
      const sample = 'The building was a library until last year.';
      return { blocks: release(paragraph(sample)), sample };
    }
    const sample = lineOfKind(spec);
    return { blocks: release({ kind: 'heading', text: headingOf(spec) }, paragraph(sample)), sample };
  }
  if ('afterEnds' in source) {
    const sample =
      source.afterEnds === 'numbered'
        ? '1. The station is on the corner of Bank Street.'
        : 'Call the press office on 01234 567890.';
    return { blocks: [...release(), paragraph(sample)], sample };
  }
  switch (source.part) {
    case 'headline':
      return { blocks: release(), sample: headline.text };
    case 'lead':
      return { blocks: release(), sample: lead.text };
    case 'end-mark':
      return { blocks: release(), sample: ends.text };
    case 'quotation': {
      const sample = 'Chief Inspector Jane Smith said: “The station puts officers back on the high street.”';
      return { blocks: release(paragraph(sample)), sample };
    }
    case 'original-link': {
      const sample = 'Original article: https://northshire.example/news/ashford-station';
      return { blocks: release(paragraph(sample)), sample };
    }
    case 'key-detail': {
      const { type, label } = keyDetailOfATemplate();
      const sample = `${label}: Ashford town hall, Monday 10am`;
      return {
        blocks: [paragraph(RELEASE_TYPE_LABELS[type].toUpperCase()), ...release(paragraph(sample))],
        sample,
      };
    }
  }
}

const IMPORTED = FIELD_LIST.filter((spec) => kindTakesBlocks(spec.kind));

describe('the import reaches every field of the structure table it can fill', () => {
  it('the table says how each field a document can fill is found, and gives no way to any other field', () => {
    for (const spec of FIELD_LIST) {
      expect(spec.importFrom.length > 0, `${spec.path}: found by the import`).toBe(
        kindTakesBlocks(spec.kind),
      );
    }
    expect(IMPORTED.length).toBeGreaterThan(0);
  });

  it.each(IMPORTED.flatMap((spec) => spec.importFrom.map((source) => ({ spec, source }))))(
    '$spec.path is filled by $source',
    ({ spec, source }) => {
      const { blocks, sample } = documentFor(source, spec);
      const placement = placeBlocks(blocks, { locale: 'en-GB', now: NOW, source: 'test' });
      const placed = placement.blocks.find((block) => block.text === sample);
      expect(placed, `“${sample}” is in the placement`).toBeDefined();
      expect([placed!.target, placed!.flag]).toEqual([spec.path, null]);
    },
  );

  it('refuses a table in which two fields are found the same way, or a way finds no field', () => {
    const zoned = FIELD_LIST.find((spec) => spec.importFrom.some((source) => 'zone' in source))!;
    const twice = { ...zoned, path: 'background', importFrom: zoned.importFrom } as FieldSpec;
    expect(() => importRoutesOf([...FIELD_LIST, twice])).toThrow(
      `Both ${zoned.path} and background are imported by ${importSourceName(zoned.importFrom[0]!)}`,
    );
    const without = FIELD_LIST.filter((spec) => spec !== zoned);
    expect(() => importRoutesOf(without)).toThrow(
      `No field of the structure is imported by ${importSourceName(zoned.importFrom[0]!)}`,
    );
  });
});
