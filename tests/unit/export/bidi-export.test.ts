import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChromiumPrinter } from '../../../src-main/services/export/chromium-printer';
import { exportRelease, type ExportReleaseInput } from '../../../src-main/services/export/export-release';
import type { PdfPrinter } from '../../../src-main/services/export/pdf-printer';
import type { Release } from '../../../src-shared/release/schema';
import { isBidiBalanced } from '../../../src-shared/render/bidi';
import { renderReleaseText } from '../../../src-shared/render/render-text';
import {
  attr,
  BEFORE_EMBARGO,
  elements,
  parseHtml,
  pdfText,
  profile,
  release,
  squash,
  textOf,
} from './fixtures';

/**
 * Issue 13, item 5: text that hides or reverses itself. An unterminated right-to-left override (U+202E) typed in
 * one field must not reverse anything outside that field, in any format.
 */

const RLO = '\u202E';
const RLI = '\u2067';

/** A release with an unterminated control in fields that print beside other text. */
function hostile(): Release {
  const base = release();
  return release({
    headline: `Ashford ${RLO}man jailed`,
    standfirst: `Lead ${RLI}text`,
    header: { ...base.header, reference: `NP-${RLO}2024` },
    details: [{ key: 'court', label: `Court${RLO}`, text: 'Northshire Crown Court' }],
    body: [
      { id: 'p1', text: `First paragraph with [a ${RLO}link](https://example.org/a) and words after it.` },
      ...base.body.slice(1),
    ],
    quotes: [{ ...base.quotes[0]!, speakerName: `Sarah ${RLO}Okafor` }, base.quotes[1]!],
    // A refused address prints as text right after the label: the label's override reversed it.
    relatedLinks: [{ id: 'l1', label: `Appeal ${RLO}page`, url: 'ftp://example.org/appeal' }],
  });
}

async function exported(format: 'html' | 'txt' | 'pdf', overrides: Partial<ExportReleaseInput> = {}) {
  const result = await exportRelease({
    release: hostile(),
    profile,
    format,
    now: BEFORE_EMBARGO,
    fontFaces: [],
    ...overrides,
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('bidi controls in the HTML export and the preview', () => {
  it('every field element closes its own controls', async () => {
    const html = new TextDecoder().decode((await exported('html')).bytes);
    const fields = elements(parseHtml(html)).filter((el) => attr(el, 'data-field'));
    const unbalanced = fields
      .filter((el) => !isBidiBalanced(textOf(el)))
      .map((el) => `${attr(el, 'data-field')}: ${JSON.stringify(textOf(el))}`);
    expect(fields.length).toBeGreaterThan(10);
    expect(unbalanced).toEqual([]);
    // Down to each run of text: no override reaches past the link or the label it was typed in.
    expect(html).toContain(`a ${RLO}link\u202C</a> and words after it.`);
    expect(html).toContain(`Appeal ${RLO}page\u202C (ftp://example.org/appeal)`);
  });
});

describe('bidi controls in the plain-text export', () => {
  it('are balanced on every line, and so within every field', async () => {
    const text = new TextDecoder().decode((await exported('txt')).bytes);
    const unbalanced = text.split('\n').filter((line) => !isBidiBalanced(line));
    expect(unbalanced).toEqual([]);
    expect(text).toContain(`Court${RLO}\u202C: Northshire Crown Court`);
    expect(text).toContain(`Appeal ${RLO}page\u202C (ftp://example.org/appeal)`);
  });
});

describe('bidi controls in the PDF', () => {
  let printer: PdfPrinter;
  beforeAll(() => {
    printer = createChromiumPrinter();
  });
  afterAll(async () => {
    await printer.close();
  });

  it('reverse only their own field: pdftotext reads the text after it in order', async () => {
    const pdf = await exported('pdf', { printer, fontFaces: undefined });
    // pdftotext marks the runs it reordered with controls of its own: read without them.
    const text = squash(pdfText(pdf.bytes, 'layout')).replace(/[\u202a-\u202e\u2066-\u2069]/g, '');
    // The field itself is reversed, as the writer typed it…
    expect(text).toContain('egap');
    // …and what follows it, in the same line, is not.
    expect(text).toContain('(ftp://example.org/appeal)');
    expect(text).not.toContain(')laeppa/gro.elpmaxe//:ptf(');
    expect(text).toContain('and words after it.');
    expect(text).not.toContain('.ti retfa sdrow');
    expect(text).toContain('Northshire Crown Court');
  }, 60_000);
});

describe('a huge number of short paragraphs in the plain-text export', () => {
  const letters = (count: number) => Array.from({ length: count }, () => 'a').join('\n\n');

  it('answers for a body of 100,000 one-letter paragraphs (500 fields of 200)', async () => {
    const body = Array.from({ length: 500 }, (_, i) => ({ id: `p${i}`, text: letters(200) }));
    const result = await exportRelease({
      release: release({ body, quotes: [] }),
      profile,
      format: 'txt',
      now: BEFORE_EMBARGO,
    });
    if (!result.ok) throw new Error(result.error.message);
    const text = new TextDecoder().decode(result.value.bytes);
    expect(text.split('\n').filter((line) => line === 'a')).toHaveLength(100_000);
  }, 30_000);

  it.each(['body', 'background'] as const)(
    'renders 100,000 one-letter paragraphs as %s items (past the schema, as a live form may hold)',
    (field) => {
      const paragraphs = Array.from({ length: 100_000 }, (_, i) => ({ id: `p${i}`, text: 'a' }));
      const text = renderReleaseText(release({ [field]: paragraphs, quotes: [] }), {
        draftMark: false,
        now: BEFORE_EMBARGO,
        profile,
      });
      expect(text.split('\n').filter((line) => line === 'a')).toHaveLength(100_000);
    },
    30_000,
  );

  it('renders a quote of about 132,000 characters in short paragraphs', () => {
    const quote = { ...release().quotes[0]!, paragraphs: [letters(44_000).replace(/a/g, 'ab')] };
    const text = renderReleaseText(release({ quotes: [quote] }), {
      draftMark: false,
      now: BEFORE_EMBARGO,
      profile,
    });
    expect(text.split('\n').filter((line) => /^“?ab”?$/.test(line))).toHaveLength(44_000);
  }, 30_000);
});
