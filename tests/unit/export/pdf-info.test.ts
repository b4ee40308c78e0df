import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChromiumPrinter } from '../../../src-main/services/export/chromium-printer';
import { exportRelease } from '../../../src-main/services/export/export-release';
import {
  literalString,
  parseFlatDictionary,
  setPdfCreator,
} from '../../../src-main/services/export/pdf-info';
import type { PdfPrinter } from '../../../src-main/services/export/pdf-printer';
import { BEFORE_EMBARGO, pdfText, profile, release } from './fixtures';

/** pdfinfo's fields and whatever it complained about on stderr (poppler reports a broken xref there). */
function pdfinfo(pdf: Uint8Array): { fields: Record<string, string>; stderr: string } {
  const folder = mkdtempSync(join(tmpdir(), 'pressroom-pdfinfo-'));
  try {
    const file = join(folder, 'export.pdf');
    writeFileSync(file, pdf);
    const run = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`pdfinfo failed: ${run.stderr}`);
    const fields = Object.fromEntries(
      run.stdout
        .split('\n')
        .filter((line) => line.includes(':'))
        .map((line) => [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()]),
    );
    return { fields, stderr: run.stderr };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** A small, valid PDF with a classic xref table whose Info object is `info` (offsets computed, as a writer does). */
function tinyPdf(info: string): Uint8Array {
  const objects = [
    info,
    '<</Type /Catalog /Pages 3 0 R>>',
    '<</Type /Pages /Kids [4 0 R] /Count 1>>',
    '<</Type /Page /Parent 3 0 R /MediaBox [0 0 200 200]>>',
  ];
  let text = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(text.length);
    text += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) text += `${String(offset).padStart(10, '0')} 00000 n \n`;
  text += `trailer\n<</Size ${objects.length + 1}\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

const CHROME_INFO =
  '<</Title <FEFF0041002000E9>\n' +
  '/Creator (Mozilla/5.0 \\(X11; Linux x86_64\\) AppleWebKit/537.36 \\(KHTML, like Gecko\\) HeadlessChrome/156.0.0.0 Safari/537.36)\n' +
  '/Producer (Skia/PDF m156)\n' +
  "/CreationDate (D:20261207024752+00'00')\n" +
  "/ModDate (D:20261207024752+00'00')>>";

describe('PDF Creator and Producer (issue 14, item 11a)', () => {
  let printer: PdfPrinter;
  beforeAll(() => {
    printer = createChromiumPrinter();
  });
  afterAll(async () => {
    await printer.close();
  });

  it('a printed release says Pressroom, keeps its title and dates, and still reads whole', async () => {
    const exported = await exportRelease({
      release: release(),
      profile,
      format: 'pdf',
      now: BEFORE_EMBARGO,
      printer,
    });
    if (!exported.ok) throw new Error(exported.error.message);
    const { fields, stderr } = pdfinfo(exported.value.bytes);
    expect(stderr).toBe('');
    expect(fields.Creator).toBe('Pressroom');
    expect(fields.Producer).toBe('Pressroom');
    expect(JSON.stringify(fields)).not.toMatch(/HeadlessChrome|Mozilla|Skia/);
    expect(fields.Title).toBe('Ashford man jailed for harassing former partner');
    expect(fields.CreationDate).toMatch(/\d{4}/);
    expect(fields.Tagged).toBe('yes');
    expect(pdfText(exported.value.bytes)).toContain('Ashford man jailed');
  }, 30_000);

  it('rewrites the Info object in place: same length, every xref offset still right', () => {
    const before = tinyPdf(CHROME_INFO);
    const after = setPdfCreator(before);
    expect(after.length).toBe(before.length);
    const text = Buffer.from(after).toString('latin1');
    expect(text).toContain('/Creator (Pressroom)\n/Producer (Pressroom)');
    expect(text).toContain('/Title <FEFF0041002000E9>');
    expect(text).toContain("/ModDate (D:20261207024752+00'00')");
    expect(text).not.toContain('HeadlessChrome');
    // Everything outside the Info object is untouched.
    const start = text.indexOf('<<');
    const end = text.indexOf('endobj');
    expect(Buffer.from(after.subarray(end)).equals(Buffer.from(before.subarray(end)))).toBe(true);
    expect(Buffer.from(after.subarray(0, start)).equals(Buffer.from(before.subarray(0, start)))).toBe(true);
    const { fields, stderr } = pdfinfo(after);
    expect(stderr).toBe('');
    expect(fields).toMatchObject({ Creator: 'Pressroom', Producer: 'Pressroom', Title: 'A é', Pages: '1' });
    // The input is not modified.
    expect(Buffer.from(before).toString('latin1')).toContain('HeadlessChrome');
  });

  it('adds Creator and Producer when the Info dictionary has neither', () => {
    const after = setPdfCreator(tinyPdf(`<</Title (Hi \\(there\\) / you)${' '.repeat(60)}>>`));
    expect(pdfinfo(after).fields).toMatchObject({
      Title: 'Hi (there) / you',
      Creator: 'Pressroom',
      Producer: 'Pressroom',
    });
  });

  it('returns what it does not understand unchanged', () => {
    // Too little room for the new values.
    const short = tinyPdf('<</Creator (C)>>');
    expect(setPdfCreator(short)).toBe(short);
    // A nested value, a broken string, no trailer Info, no xref table at all.
    for (const odd of [
      tinyPdf('<</Creator (Chrome) /Extra <</A 1>> /Producer (Skia/PDF m156 padding padding)>>'),
      tinyPdf('<</Creator (Chrome unbalanced /Producer (Skia/PDF m156)>>'),
    ]) {
      expect(setPdfCreator(odd)).toBe(odd);
    }
    const noInfo = new Uint8Array(
      Buffer.from(Buffer.from(tinyPdf(CHROME_INFO)).toString('latin1').replace('/Info 1 0 R', '/Info 9 0 R')),
    );
    expect(setPdfCreator(noInfo)).toBe(noInfo);
    const garbage = new Uint8Array(Buffer.from('%PDF-1.7\nnot really\nstartxref\n999999\n%%EOF'));
    expect(setPdfCreator(garbage)).toBe(garbage);
    expect(setPdfCreator(new Uint8Array())).toHaveLength(0);
  });

  it('parses flat dictionaries of strings, names, numbers and references, and nothing else', () => {
    const text = 'x<</A (a \\) b (c)) /B <00 ff> /C /Name /D 12 0 R /E -1.5>>endobj';
    expect(parseFlatDictionary(text, 1)).toEqual({
      entries: [
        ['A', '(a \\) b (c))'],
        ['B', '<00 ff>'],
        ['C', '/Name'],
        ['D', '12 0 R'],
        ['E', '-1.5'],
      ],
      end: text.indexOf('endobj'),
    });
    expect(parseFlatDictionary('<</A [1 2]>>', 0)).toBeNull();
    expect(parseFlatDictionary('<</A>>', 0)).toBeNull();
    expect(parseFlatDictionary('<</A (open>>', 0)).toBeNull();
    expect(parseFlatDictionary('(x)', 0)).toBeNull();
  });

  it('writes names as escaped printable ASCII literal strings', () => {
    expect(literalString('Pressroom')).toBe('(Pressroom)');
    expect(literalString('a(b)c\\d')).toBe('(a\\(b\\)c\\\\d)');
    expect(literalString('é\n')).toBe('(??)');
  });
});
