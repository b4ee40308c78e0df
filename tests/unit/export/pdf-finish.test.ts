import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { finishPrintedPdf } from '../../../src-main/services/export/pdf-accessibility';
import { readPdfAccessibility } from './pdf-structure';

/**
 * finishPrintedPdf on small PDFs made here (the printed ones are checked in pdf-accessibility.test.ts): what it
 * adds, what it keeps from the engine, how it retags a quotation, and that an unreadable file is an error.
 */

/**
 * A one-page PDF with a structure tree and no MarkInfo, Lang or viewer preferences: a logo Figure with Alt, a
 * Figure holding a Caption and a BlockQuote (as Chromium tags a quote), and a bare Figure (an image without alt).
 */
async function engineLikePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.addPage();
  doc.setTitle('Engine title');
  const context = doc.context;
  const element = (type: string, kids: unknown[] = [], extra: Record<string, unknown> = {}) =>
    context.register(context.obj({ Type: 'StructElem', S: type, K: kids, ...extra } as never));
  const logo = element('Figure', [], { Alt: PDFString.of('Northshire Police logo') });
  const quote = element('Figure', [element('Caption'), element('BlockQuote', [element('P')])]);
  const bare = element('Figure');
  const document = element('Document', [element('H1'), logo, quote, bare]);
  doc.catalog.set(
    PDFName.of('StructTreeRoot'),
    context.obj({ Type: 'StructTreeRoot', K: document } as never),
  );
  return doc.save();
}

describe('finishing a printed PDF', () => {
  it('adds language, author, subject, DisplayDocTitle and MarkInfo, and names Pressroom', async () => {
    const finished = await finishPrintedPdf(await engineLikePdf(), {
      title: 'Bridge reopens after repairs',
      language: 'en-GB',
      author: 'Northshire Council',
      subject: 'The bridge on the A28 reopened on Monday.',
    });
    expect(await readPdfAccessibility(finished)).toMatchObject({
      language: 'en-GB',
      title: 'Bridge reopens after repairs',
      author: 'Northshire Council',
      subject: 'The bridge on the A28 reopened on Monday.',
      creator: 'Pressroom',
      producer: 'Pressroom',
      displayDocTitle: true,
      marked: true,
      hasStructTreeRoot: true,
    });
  });

  it('keeps the engine’s title when given none, and writes non-Latin titles whole', async () => {
    const kept = await readPdfAccessibility(await finishPrintedPdf(await engineLikePdf()));
    expect(kept).toMatchObject({ title: 'Engine title', displayDocTitle: true, author: null });
    const welsh = await finishPrintedPdf(await engineLikePdf(), {
      title: 'Pont yn ailagor — ‘Diolch’ i bawb',
      language: 'cy',
    });
    expect(await readPdfAccessibility(welsh)).toMatchObject({
      title: 'Pont yn ailagor — ‘Diolch’ i bawb',
      language: 'cy',
    });
  });

  it('retags a Figure of text (a quotation) as a Div, and leaves the logo and a bare image as Figures', async () => {
    const before = await readPdfAccessibility(await engineLikePdf());
    expect(before.elements.map((element) => element.type)).toEqual([
      'Document',
      'H1',
      'Figure',
      'Figure',
      'Caption',
      'BlockQuote',
      'P',
      'Figure',
    ]);
    const after = await readPdfAccessibility(await finishPrintedPdf(await engineLikePdf()));
    expect(after.elements).toEqual([
      { type: 'Document', alt: null },
      { type: 'H1', alt: null },
      { type: 'Figure', alt: 'Northshire Police logo' },
      { type: 'Div', alt: null },
      { type: 'Caption', alt: null },
      { type: 'BlockQuote', alt: null },
      { type: 'P', alt: null },
      // An image without a text alternative stays what it is, for the checks to find.
      { type: 'Figure', alt: null },
    ]);
  });

  it('refuses a file it cannot read, rather than sending it out without a title and language', async () => {
    await expect(finishPrintedPdf(new TextEncoder().encode('not a PDF at all'))).rejects.toThrow(
      /could not be read/,
    );
  });
});
