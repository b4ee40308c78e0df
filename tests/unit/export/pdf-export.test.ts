import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChromiumPrinter } from '../../../src-main/services/export/chromium-printer';
import { exportRelease, type ExportReleaseInput } from '../../../src-main/services/export/export-release';
import type { PdfPrinter } from '../../../src-main/services/export/pdf-printer';
import { DRAFT_MARK } from '../../../src-shared/render/render-release';
import {
  AFTER_EMBARGO,
  BEFORE_EMBARGO,
  longBody,
  pages,
  pdfFonts,
  pdfInfo,
  pdfText,
  profile,
  release,
  squash,
} from './fixtures';

/**
 * PDFs made by the Chromium printer and read back with pdftotext. One browser for the whole file: the printer
 * keeps it between prints, as the CLI and the browser host do.
 */

let printer: PdfPrinter;
beforeAll(() => {
  printer = createChromiumPrinter();
});
afterAll(async () => {
  await printer.close();
});

const EMBARGO_LINE = 'EMBARGOED UNTIL 00:01 BST, Thursday 18 July 2024';

async function exportPdf(overrides: Partial<ExportReleaseInput> = {}) {
  const result = await exportRelease({
    release: release({ body: [...release().body, ...longBody(900)] }),
    profile,
    format: 'pdf',
    now: BEFORE_EMBARGO,
    printer,
    ...overrides,
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('PDF export', () => {
  let approved: Awaited<ReturnType<typeof exportPdf>>;
  let layout: string;
  beforeAll(async () => {
    approved = await exportPdf();
    layout = pdfText(approved.bytes, 'layout');
  }, 30_000);

  it('is an A4, tagged PDF of several pages, titled with the headline, with an outline', () => {
    const info = pdfInfo(approved.bytes);
    expect(info['Page size']).toMatch(/\(A4\)/);
    expect(info.Tagged).toBe('yes');
    expect(Number(info.Pages)).toBeGreaterThanOrEqual(2);
    expect(info.Title).toBe('Ashford man jailed for harassing former partner');
    const raw = Buffer.from(approved.bytes).toString('latin1');
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toContain('/Outlines');
  });

  it('embeds the house font from resources/fonts', () => {
    const fonts = pdfFonts(approved.bytes);
    expect(fonts).toMatch(/SourceSerif4-Regular\s+CID TrueType\s+Identity-H\s+yes/);
    expect(fonts).toMatch(/SourceSerif4-Bold/);
    expect(fonts).toMatch(/SourceSans3/);
  });

  it('holds the headline, each quote with its attribution and quotation marks, and the end mark', () => {
    const text = squash(layout);
    expect(text).toContain('Ashford man jailed for harassing former partner');
    expect(text).toContain(
      'Detective Inspector Sarah Okafor said: “Harassment ruins lives. We will always take it seriously.”',
    );
    expect(text).toContain(
      'Victim support lead Priya Shah, of Northshire Victim Care, said: “Help is available to anyone affected.”',
    );
    // No second caption repeating who spoke.
    expect(text).not.toContain('Sarah Okafor, Detective Inspector');
    expect(text).toContain('ENDS');
    expect(text).not.toContain(DRAFT_MARK);
  });

  it('prints ENDS after the story and before the notes to editors, about and contacts', () => {
    const text = squash(pdfText(approved.bytes, 'raw'));
    const at = (phrase: string) => text.search(new RegExp(phrase.split('').join('\\s*')));
    expect(at('ENDS')).toBeGreaterThan(at('Smith was arrested in January'));
    expect(at('ENDS')).toBeLessThan(at('Notes to editors'));
    expect(at('Notes to editors')).toBeLessThan(at('About Northshire Police'));
  });

  it('numbers every page and names the organisation in each footer', () => {
    const all = pages(layout);
    expect(all.length).toBeGreaterThanOrEqual(2);
    all.forEach((page, index) => {
      expect(page).toMatch(new RegExp(`Northshire Police\\s+Page ${index + 1} of ${all.length}\\s*$`));
    });
  });

  it('shows the embargo line at the top of every page while the embargo holds', () => {
    for (const page of pages(layout)) {
      expect(page.trimStart().split('\n')[0]!.trim()).toBe(EMBARGO_LINE);
    }
    // And in the page itself, above the headline.
    expect(squash(layout).indexOf(EMBARGO_LINE)).toBeLessThan(squash(layout).indexOf('Ashford man jailed'));
  });

  it('drops the embargo line once the embargo has passed', async () => {
    const after = await exportPdf({ now: AFTER_EMBARGO, release: release() });
    expect(pdfText(after.bytes)).not.toContain('EMBARGOED');
  });

  it('marks DRAFT — NOT APPROVED on every page of a draft, and in the file name', async () => {
    const draft = await exportPdf({
      release: release({ body: [...release().body, ...longBody(1500)] }, 'in-review'),
    });
    expect(draft.draft).toBe(true);
    expect(draft.fileName).toMatch(/^DRAFT-NOT-APPROVED-/);
    const all = pages(pdfText(draft.bytes, 'layout'));
    expect(all.length).toBeGreaterThanOrEqual(3);
    all.forEach((page, index) => {
      expect(page).toContain(DRAFT_MARK);
      expect(page).toMatch(new RegExp(`Page ${index + 1} of ${all.length}\\s*$`));
    });
    // The watermark crosses the text on paper; in reading order the headline is whole.
    expect(squash(pdfText(draft.bytes, 'raw'))).toContain('Ashford man jailed for harassing former partner');
  });

  it('prints on Letter paper when asked', async () => {
    const letter = await exportPdf({ pageSize: 'Letter', release: release() });
    expect(pdfInfo(letter.bytes)['Page size']).toMatch(/^612 x 792 pts \(letter\)/);
  });

  it('prints a hostile organisation name in the footer as text', async () => {
    const hostile = '<img src=x onerror=alert(1)> & Co \u202Eevil';
    const pdf = await exportPdf({
      release: release({ header: { ...release().header, organisation: hostile } }),
    });
    const text = pages(pdfText(pdf.bytes, 'raw'));
    for (const page of text) expect(page).toContain('<img src=x onerror=alert(1)> & Co');
  });

  it('prints several releases at once with one browser', async () => {
    const results = await Promise.all(
      ['One', 'Two', 'Three'].map((word) => exportPdf({ release: release({ headline: `Release ${word}` }) })),
    );
    expect(
      results.map((result) => squash(pdfText(result.bytes)).match(/Release (One|Two|Three)/)?.[0]),
    ).toEqual(['Release One', 'Release Two', 'Release Three']);
  });

  it('refuses to print once closed, and says why when Chromium cannot start', async () => {
    const closed = createChromiumPrinter();
    await closed.close();
    await expect(
      closed.print('<p>x</p>', { pageSize: 'A4', footer: { organisation: '', draft: false } }),
    ).rejects.toThrow('closed');
    const missing = createChromiumPrinter({ executablePath: '/nonexistent/chromium' });
    const result = await exportRelease({
      release: release(),
      profile,
      format: 'pdf',
      now: BEFORE_EMBARGO,
      printer: missing,
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toMatch(
      /Chromium could not be started from \/nonexistent\/chromium/,
    );
    await missing.close();
  });
});
