import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContent } from '../../../src-shared/import/build-content';
import { placeBlocks } from '../../../src-shared/import/place-blocks';
import type { ImportPlacement } from '../../../src-shared/import/placement';
import { splitSpeaker } from '../../../src-shared/import/speakers';
import { createBlankRelease } from '../../../src-shared/release/new-release';
import { DEFAULT_PROFILE } from '../../../src-shared/release/schema';
import { pickContent } from '../../../src-shared/release/structure';
import { htmlToBlocks } from '../../../src-main/services/import/html-blocks';
import { readDocument, textToBlocks } from '../../../src-main/services/import/read-document';
import {
  analyseFixtureFile,
  FIXTURE_NOW,
  formatAccuracy,
  linePlacements,
  measureImportAccuracy,
} from '../../fixtures/import/accuracy';
import { writeImportFixtures, type FixtureFormat } from '../../fixtures/import/make-fixtures';
import type { ImportFixture } from '../../fixtures/import/releases';

let folder: string;
let files: Array<{ fixture: ImportFixture; format: FixtureFormat; path: string }>;
const placements = new Map<string, ImportPlacement>();

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'pressroom-import-'));
  files = await writeImportFixtures(folder);
  for (const file of files)
    placements.set(file.path, await analyseFixtureFile(file.path, `${file.fixture.name}.${file.format}`));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

let partId = 0;
function build(placement: ImportPlacement) {
  const blank = createBlankRelease({
    id: 'r-import',
    type: placement.type,
    profile: { ...DEFAULT_PROFILE, name: 'Workspace organisation', boilerplate: 'Profile about text.' },
    now: FIXTURE_NOW,
    makeId: () => `p-${++partId}`,
  });
  return buildContent(placement, pickContent(blank), {
    locale: 'en-GB',
    timeZone: 'Europe/London',
    now: FIXTURE_NOW,
    makeId: () => `p-${++partId}`,
  });
}

describe('importing press releases written in Word, Markdown and plain text', () => {
  it('writes six releases of different types in each format', () => {
    const types = new Set(files.map((file) => file.fixture.type));
    expect(types.size).toBeGreaterThanOrEqual(6);
    expect(new Set(files.map((file) => file.format))).toEqual(new Set(['docx', 'md', 'txt']));
  });

  it('places every line of every fixture in its section, and flags nothing', () => {
    for (const { fixture, format, path } of files) {
      const placement = placements.get(path)!;
      const placed = linePlacements(fixture, placement);
      const expected = fixture.lines.map(([, , target]) => target);
      expect(placed, `${fixture.name}.${format}`).toEqual(expected);
      expect(placement.type, `${fixture.name}.${format}`).toBe(fixture.type);
      expect(
        placement.blocks.filter((block) => block.flag),
        `${fixture.name}.${format}`,
      ).toEqual([]);
    }
  });

  it('fills the release: issuer, date, embargo, quotes split into speaker, role and organisation, contacts, notes, links', () => {
    for (const { fixture, format, path } of files) {
      const where = `${fixture.name}.${format}`;
      const { content } = build(placements.get(path)!);
      const headline = fixture.lines.find(([, , target]) => target === 'headline')![1];
      expect(content.headline, where).toBe(headline);
      expect(content.header.organisation, where).toBe(fixture.expect.organisation);
      expect(content.header.type, where).toBe(fixture.type);
      if (fixture.expect.releaseDate)
        expect(content.header.releaseDate, where).toBe(fixture.expect.releaseDate);
      expect(content.header.embargo?.until ?? null, where).toBe(fixture.expect.embargoUntil ?? null);
      expect(
        content.quotes.map((quote) => ({
          speakerName: quote.speakerName,
          speakerRole: quote.speakerRole,
          organisation: quote.organisation,
          paragraphs: quote.paragraphs.length,
        })),
        where,
      ).toEqual(fixture.expect.quotes);
      for (const quote of content.quotes) {
        // Pressroom prints its own quotation marks; a quote follows the body paragraph before it in the document.
        for (const paragraph of quote.paragraphs) expect(paragraph, where).not.toMatch(/^["“]|["”]$/);
        // (null: before any body paragraph, which the structure prints after the last: a statement's only quote.)
        if (quote.afterParagraphId !== null) {
          expect(
            content.body.some((paragraph) => paragraph.id === quote.afterParagraphId),
            where,
          ).toBe(true);
        }
      }
      expect(
        content.mediaContacts.map((contact) => ({
          name: contact.name,
          phone: contact.phone,
          email: contact.email,
          ...(fixture.expect.contacts.find((c) => c.name === contact.name)?.outOfHours !== undefined
            ? { outOfHours: contact.outOfHours }
            : {}),
        })),
        where,
      ).toEqual(fixture.expect.contacts);
      const notes = fixture.expect.notes > 0 ? fixture.expect.notes : (null as number | null);
      if (notes !== null) expect(content.notesToEditors.length, where).toBe(notes);
      for (const note of content.notesToEditors) expect(note.text, where).not.toMatch(/^\d+\./);
      expect(content.canonicalUrl, where).toBe(fixture.expect.canonicalUrl);
      expect(content.relatedLinks.length, where).toBe(fixture.expect.relatedLinks);
      expect(content.endMark, where).toBe('ENDS');
    }
  });

  it('keeps the bold standfirst as text and the key details of an advisory under their labels', () => {
    const advisory = files.find((file) => file.fixture.name === 'media-advisory' && file.format === 'docx')!;
    const { content } = build(placements.get(advisory.path)!);
    expect(content.standfirst).toMatch(/^Journalists and camera crews/);
    expect(content.details.find((detail) => detail.key === 'when')?.text).toMatch(
      /^Thursday 10 October 2024/,
    );
    expect(content.details.find((detail) => detail.key === 'where')?.text).toMatch(
      /^Northshire Cancer Centre/,
    );
    const appeal = files.find((file) => file.fixture.name === 'witness-appeal' && file.format === 'docx')!;
    const built = build(placements.get(appeal.path)!).content;
    expect(built.standfirst).toMatch(/^Police are appealing/);
    expect(built.standfirst).not.toContain('**');
    expect(built.details[0]?.text).toMatch(/^Anyone with information is asked to call 101/);
    expect(built.header.reference).toBe('NP/2024/0812');
  });

  it('prints the accuracy per section (the figure quoted in the closing note)', async () => {
    const report = await measureImportAccuracy(join(folder, 'accuracy'));
    console.log(formatAccuracy(report));
    expect(report.misses).toEqual([]);
  });
});

describe('what the classifier cannot place', () => {
  const place = (text: string) =>
    placeBlocks(textToBlocks(text), { locale: 'en-GB', now: FIXTURE_NOW, source: 'pasted text' });

  it('puts an unknown line above the headline, and a line after ENDS without a heading, in the body, flagged', () => {
    const placement = place(
      [
        'Northshire Police',
        'Please circulate to all news desks.',
        'FOR IMMEDIATE RELEASE',
        'Road reopens after repairs',
        'The A38 reopened this morning after three weeks of repairs.',
        'ENDS',
        'Photographs were taken by the council’s own photographer and may be used freely.',
      ].join('\n\n'),
    );
    const flagged = placement.blocks.filter((block) => block.flag);
    expect(flagged.map((block) => [block.text.slice(0, 20), block.target])).toEqual([
      ['Please circulate to ', 'body'],
      ['Photographs were tak', 'body'],
    ]);
    expect(placement.blocks.find((block) => block.target === 'headline')?.text).toBe(
      'Road reopens after repairs',
    );
  });

  it('reads speakers as UK releases write them', () => {
    expect(splitSpeaker('Detective Inspector Jane Smith, of Northshire Police')).toEqual({
      speakerName: 'Jane Smith',
      speakerRole: 'Detective Inspector',
      organisation: 'Northshire Police',
    });
    expect(splitSpeaker('Jane Smith, Director of Housing at Northshire County Council')).toEqual({
      speakerName: 'Jane Smith',
      speakerRole: 'Director of Housing',
      organisation: 'Northshire County Council',
    });
    expect(splitSpeaker('IOPC regional director Charmaine Arbouin')).toEqual({
      speakerName: 'Charmaine Arbouin',
      speakerRole: 'IOPC regional director',
      organisation: '',
    });
  });

  it('reads a quotation with the speaker after it', () => {
    const placement = place(
      'Council opens library\n\nThe library opens on Monday.\n\n“We are delighted,” said Sam Patel, Chief Executive of Northshire Libraries.',
    );
    const { content } = build(placement);
    expect(content.quotes).toHaveLength(1);
    expect(content.quotes[0]).toMatchObject({ speakerName: 'Sam Patel', paragraphs: ['We are delighted.'] });
  });
});

describe('reading documents', () => {
  it('keeps only text, emphasis and safe links from pasted HTML', () => {
    const blocks = htmlToBlocks(
      '<h1 onclick="x()">Headline</h1><p>Read <a href="javascript:alert(1)">this</a> and <a href="https://example.org/a">that</a> <strong>now</strong>.</p><script>alert(1)</script><style>p{}</style><ul><li>one</li><li><em>two</em></li></ul><img src="data:image/png;base64,AAAA">',
    );
    expect(blocks).toEqual([
      { kind: 'heading', text: 'Headline' },
      { kind: 'paragraph', text: 'Read this and [that](https://example.org/a) **now**.' },
      { kind: 'list-item', text: 'one', ordered: false },
      { kind: 'list-item', text: '*two*', ordered: false },
    ]);
  });

  it('refuses a 5 MB paste at once, with a sentence saying why', async () => {
    const started = Date.now();
    const result = await readDocument('html', { text: '<p>word </p>'.repeat(450_000) });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error.message).toMatch(/^This text is \d\.\d MB, too large to import: .* up to 1 MB/);
  });

  it('refuses a file that is not a Word document with a message', async () => {
    const result = await readDocument('docx', { bytes: new TextEncoder().encode('not a zip') });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/could not read this as a Word document/);
  });
});
