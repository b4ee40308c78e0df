import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFName, PDFRef, type PDFObject } from 'pdf-lib';
import type { PdfDocumentInfo } from './pdf-printer';

/**
 * Every printed PDF passes through here before it leaves a printer (the Chromium one of the CLI and browser host,
 * and Electron's), so that what a screen reader and a PDF viewer need is there by construction, whichever engine
 * printed it (issue 17, item 3):
 *  - the document language in the catalog (/Lang), which a screen reader uses to pick its voice;
 *  - the headline as Title, and /ViewerPreferences /DisplayDocTitle, so a viewer's window and tab show the
 *    headline rather than "ashford-appeal.pdf";
 *  - the organisation as Author, the standfirst as Subject, Pressroom as Creator and Producer (Chromium writes
 *    its user agent and "Skia/PDF" there);
 *  - /MarkInfo /Marked true wherever the engine wrote a structure tree (the tags themselves, the outline and the
 *    embedded fonts come from the engine: both printers ask for a tagged PDF with an outline);
 *  - a quotation tagged /Div, not /Figure: Chromium tags every HTML `<figure>` as /Figure, which PDF keeps for
 *    illustrations, and a Figure's alternative text replaces everything inside it. A Figure without /Alt that
 *    holds tagged text (a quote's caption and blockquote) is a grouping of text, and is retagged so. The logo, an
 *    image with its alt text, stays a Figure.
 *
 * Chromium 156 already writes /Lang and DisplayDocTitle from the page's `<html lang>` and `<title>`; an older
 * engine (Electron's) may not, and neither writes Author or Subject. The catalog and Info are rewritten with
 * pdf-lib; every other object (pages, fonts, the structure tree) is copied as it is. The dates stay Chromium's.
 *
 * A PDF pdf-lib cannot read is an error, not a PDF sent out without these: Chromium's output always reads, so a
 * failure here is a fault to see, and the export reports "The PDF could not be made".
 */

export const PDF_CREATOR = 'Pressroom';

export async function finishPrintedPdf(pdf: Uint8Array, info?: PdfDocumentInfo): Promise<Uint8Array> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { updateMetadata: false });
  } catch (error) {
    throw new Error(`The printed PDF could not be read to add its title and language: ${messageOf(error)}`, {
      cause: error,
    });
  }
  const title = info?.title.trim() || doc.getTitle()?.trim();
  // The viewer shows the title in its title bar (DisplayDocTitle) only when there is one to show.
  if (title) doc.setTitle(title, { showInWindowTitleBar: true });
  // Without a language given, the engine's (from `<html lang>`) is kept.
  if (info?.language.trim()) doc.setLanguage(info.language.trim());
  if (info?.author?.trim()) doc.setAuthor(info.author.trim());
  if (info?.subject?.trim()) doc.setSubject(info.subject.trim());
  doc.setCreator(PDF_CREATOR);
  doc.setProducer(PDF_CREATOR);
  markTagged(doc);
  retagFiguresOfText(doc);
  // A classic cross-reference table, as Chromium writes: the file stays a PDF 1.4 that any reader opens.
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
}

/** A structure tree is only used by readers when the catalog says the content is marked. */
function markTagged(doc: PDFDocument): void {
  const catalog = doc.catalog;
  if (!catalog.has(PDFName.of('StructTreeRoot'))) return;
  const markInfo = catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict);
  if (markInfo) markInfo.set(PDFName.of('Marked'), PDFBool.True);
  else catalog.set(PDFName.of('MarkInfo'), doc.context.obj({ Marked: true }));
}

const FIGURE = PDFName.of('Figure');

/** Every /Figure without /Alt that holds structure elements of its own becomes a /Div (see above). */
function retagFiguresOfText(doc: PDFDocument): void {
  const context = doc.context;
  const resolve = (object: PDFObject | undefined) =>
    object instanceof PDFRef ? context.lookup(object) : object;
  const kidsOf = (element: PDFDict): PDFObject[] => {
    const kids = resolve(element.get(PDFName.of('K')));
    return kids instanceof PDFArray ? kids.asArray() : kids ? [kids] : [];
  };
  const isElement = (object: PDFObject | undefined): object is PDFDict =>
    object instanceof PDFDict && object.get(PDFName.of('S')) instanceof PDFName;
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root) return;
  const seen = new Set<PDFDict>();
  const pending: PDFDict[] = [root];
  while (pending.length > 0) {
    const element = pending.pop()!;
    if (seen.has(element)) continue;
    seen.add(element);
    const kids = kidsOf(element).map(resolve).filter(isElement);
    if (element.get(PDFName.of('S')) === FIGURE && !element.has(PDFName.of('Alt')) && kids.length > 0) {
      element.set(PDFName.of('S'), PDFName.of('Div'));
    }
    pending.push(...kids);
  }
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
