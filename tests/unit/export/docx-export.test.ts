import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRelease } from '../../../src-main/services/export/export-release';
import type { Release } from '../../../src-shared/release/schema';
import { FIELD_LIST } from '../../../src-shared/release/structure';
import { allMarkers, markedRelease, PROBE_NOW } from './field-markers';
import { AFTER_EMBARGO, BEFORE_EMBARGO, longBody, pages, profile, release } from './fixtures';

/**
 * Word export (issue 16, item 2): the release's structure as the HTML page has it, read back two ways: mammoth's
 * HTML of the document (headings, lists, in order; fast) and, as a person opening it would see it, LibreOffice's
 * PDF of it (the header on every page: the draft mark and the embargo line).
 */

async function docx(r: Release, now = BEFORE_EMBARGO, extra: { headerLines?: string[] } = {}) {
  const out = await exportRelease({
    release: r,
    profile,
    format: 'docx',
    now,
    ...(extra.headerLines ? { docx: { headerLines: extra.headerLines } } : {}),
  });
  if (!out.ok) throw new Error(out.error.message);
  return out.value;
}

const htmlOf = async (bytes: Uint8Array) =>
  (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
const textOf = async (bytes: Uint8Array) =>
  (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;

describe('Word export', () => {
  it('names the file .docx with the Word media type, a draft marked in its name', async () => {
    const out = await docx(release({}, 'draft'));
    expect(out.fileName).toMatch(/^DRAFT-NOT-APPROVED-2024-07-18-.*\.docx$/);
    expect(out.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(out.draft).toBe(true);
  });

  it('has the headline, the sections as headings in the order of the page, quotes, numbered notes and contacts', async () => {
    const html = await htmlOf((await docx(release())).bytes);
    expect(html).toContain('<h1>Ashford man jailed for harassing former partner</h1>');
    const headings = [...html.matchAll(/<h2>(.*?)<\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual([
      'Background',
      'Notes to editors',
      'About Northshire Police',
      'Media contacts',
      'Links',
    ]);
    // The quote after the paragraph it names, in the words of every format.
    const text = await textOf((await docx(release())).bytes);
    const order = [
      'John Smith, of Station Road',
      'Detective Inspector Sarah Okafor said:',
      '“Harassment ruins lives. We will always take it seriously.”',
      'The court heard',
      'Victim support lead Priya Shah, of Northshire Victim Care, said:',
      'ENDS',
      'Photographs of Smith',
      'press@northshire.example',
    ].map((part) => text.indexOf(part));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toMatch(
      /<ol><li>Photographs of Smith are available on request.<\/li><li>The case reference/,
    );
    expect(html).toContain('<a href="https://courts.example/listing/117">the court listing</a>');
    expect(text).toContain('Phone: 01632 960 000');
  });

  it('prints the embargo line while it holds and "FOR IMMEDIATE RELEASE" without one', async () => {
    expect(await textOf((await docx(release())).bytes)).toContain(
      'EMBARGOED UNTIL 00:01 BST, Thursday 18 July 2024',
    );
    expect(await textOf((await docx(release(), AFTER_EMBARGO)).bytes)).not.toContain('EMBARGOED');
    const immediate = release({ header: { ...release().header, embargo: null } });
    expect(await textOf((await docx(immediate)).bytes)).toContain('FOR IMMEDIATE RELEASE');
  });

  it('never prints an internal field, and prints every published one (walked from the structure table)', async () => {
    const internal = markedRelease(FIELD_LIST.filter((spec) => !spec.published));
    const internalText = await textOf((await docx(internal.release, PROBE_NOW)).bytes);
    for (const probe of internal.probes.values()) {
      for (const marker of allMarkers(probe)) expect(internalText).not.toContain(marker);
    }
    const shown = markedRelease(FIELD_LIST.filter((spec) => spec.published));
    const shownText = await textOf((await docx(shown.release, PROBE_NOW)).bytes);
    for (const [spec, probe] of shown.probes) {
      for (const marker of probe.visible) expect(shownText, spec.path).toContain(marker);
    }
  });

  it('keeps characters Word cannot hold out of the document, so it still opens', async () => {
    const r = release({ headline: 'Bad \u0001 control \ud800 surrogate' }, 'draft');
    const text = await textOf((await docx(r)).bytes);
    expect(text).toContain('Bad  control \ufffd surrogate');
  });
});

// --- LibreOffice: as the document opens ------------------------------------------------------------------------

const LIBREOFFICE = ['/usr/bin/libreoffice', '/usr/bin/soffice'].find((path) => existsSync(path));

describe.skipIf(!LIBREOFFICE)(
  'Word export opened in LibreOffice (skipped: LibreOffice is not installed)',
  () => {
    const folder = mkdtempSync(join(tmpdir(), 'pressroom-docx-'));
    const pdfPages: Record<string, string[]> = {};
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    beforeAll(async () => {
      const cases: Record<string, Uint8Array> = {
        'draft-embargoed': (await docx(release({ body: [...release().body, ...longBody(1800)] }, 'draft')))
          .bytes,
        'final-after-embargo': (await docx(release(), AFTER_EMBARGO)).bytes,
        'copy-for': (
          await docx(release(), BEFORE_EMBARGO, { headerLines: ['Copy for Ann Reporter, Kent Echo'] })
        ).bytes,
      };
      const files = Object.entries(cases).map(([name, bytes]) => {
        const file = join(folder, `${name}.docx`);
        writeFileSync(file, bytes);
        return file;
      });
      // One LibreOffice for all three: starting it is most of the time.
      execFileSync(
        LIBREOFFICE!,
        [
          `-env:UserInstallation=file://${join(folder, 'profile')}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          folder,
          ...files,
        ],
        { stdio: 'ignore', timeout: 120_000 },
      );
      for (const name of Object.keys(cases)) {
        const text = execFileSync(
          'pdftotext',
          ['-layout', '-enc', 'UTF-8', join(folder, `${name}.pdf`), '-'],
          {
            encoding: 'utf8',
          },
        );
        pdfPages[name] = pages(text);
      }
    }, 150_000);

    it('a draft carries DRAFT — NOT APPROVED and the embargo line in the header of every page', () => {
      const draft = pdfPages['draft-embargoed']!;
      expect(draft.length).toBeGreaterThan(1);
      for (const page of draft) {
        const top = page.trimStart().split('\n').slice(0, 3).join('\n');
        expect(top).toContain('DRAFT — NOT APPROVED');
        expect(top).toContain('EMBARGOED UNTIL 00:01 BST, Thursday 18 July 2024');
        expect(page).toMatch(/Page \d+ of \d+/);
      }
    });

    it('reads in order: headline, quote as "Role Name said:", sections, numbered notes, contacts', () => {
      const text = pdfPages['final-after-embargo']!.join('\n');
      expect(text).not.toContain('DRAFT');
      expect(text).not.toContain('EMBARGOED');
      const order = [
        'Ashford man jailed for harassing former partner',
        'Detective Inspector Sarah Okafor said:',
        'Background',
        'ENDS',
        'Notes to editors',
        '1. Photographs of Smith are available on request.',
        '2. The case reference is NP-2024-117.',
        'About Northshire Police',
        'Media contacts',
        'Email: press@northshire.example',
        'Links',
      ].map((part) => text.indexOf(part));
      expect(
        order.every((at) => at >= 0),
        JSON.stringify(order),
      ).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
    });

    it('carries a caller\'s "copy for" line in the header', () => {
      for (const page of pdfPages['copy-for']!) expect(page).toContain('Copy for Ann Reporter, Kent Echo');
    });

    it('leaves readable files behind for a person to open', () => {
      expect(readFileSync(join(folder, 'final-after-embargo.pdf')).subarray(0, 4).toString()).toBe('%PDF');
    });
  },
);
