import {
  PDFArray,
  PDFBool,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFObject,
} from 'pdf-lib';

/**
 * What a screen reader and a PDF viewer take from a PDF, read back from its objects with pdf-lib (no rendering):
 * the catalog's language, marked-content flag, structure tree and viewer preferences, the Info title, the
 * structure elements in reading order, and whether every font carries its glyphs. The accessibility test
 * (pdf-accessibility.test.ts) checks these for every release type and paper size.
 */

export interface StructureElement {
  /** The standard structure type (after the document's RoleMap): "H1", "P", "Figure", … */
  type: string;
  /** The element's alternative text (/Alt), when it has one. */
  alt: string | null;
}

export interface PdfFontFacts {
  name: string;
  subtype: string;
  embedded: boolean;
}

export interface PdfAccessibilityFacts {
  language: string | null;
  title: string | null;
  author: string | null;
  subject: string | null;
  creator: string | null;
  producer: string | null;
  /** The catalog has an outline (bookmarks made from the headings). */
  hasOutline: boolean;
  displayDocTitle: boolean;
  marked: boolean;
  hasStructTreeRoot: boolean;
  /** Every structure element, depth first: the reading order of the tags. */
  elements: StructureElement[];
  fonts: PdfFontFacts[];
}

function text(object: PDFObject | undefined): string | null {
  return object instanceof PDFString || object instanceof PDFHexString ? object.decodeText() : null;
}

export async function readPdfAccessibility(pdf: Uint8Array): Promise<PdfAccessibilityFacts> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const context = doc.context;
  const catalog = doc.catalog;
  const resolve = (object: PDFObject | undefined) =>
    object instanceof PDFRef ? context.lookup(object) : object;
  const dict = (object: PDFObject | undefined) => {
    const resolved = resolve(object);
    return resolved instanceof PDFDict ? resolved : resolved instanceof PDFStream ? resolved.dict : undefined;
  };

  const info = dict(context.trailerInfo.Info);
  const viewer = dict(catalog.get(PDFName.of('ViewerPreferences')));
  const markInfo = dict(catalog.get(PDFName.of('MarkInfo')));
  const root = dict(catalog.get(PDFName.of('StructTreeRoot')));
  const roleMap = dict(root?.get(PDFName.of('RoleMap')));

  const standardType = (name: string): string => {
    const seen = new Set<string>();
    let current = name;
    while (!seen.has(current)) {
      seen.add(current);
      const mapped = roleMap?.get(PDFName.of(current));
      if (!(mapped instanceof PDFName)) break;
      current = mapped.decodeText();
    }
    return current;
  };

  const elements: StructureElement[] = [];
  const visited = new Set<PDFDict>();
  const walk = (node: PDFObject | undefined) => {
    const resolved = resolve(node);
    if (resolved instanceof PDFArray) {
      for (const kid of resolved.asArray()) walk(kid);
      return;
    }
    if (!(resolved instanceof PDFDict) || visited.has(resolved)) return;
    visited.add(resolved);
    const type = resolved.get(PDFName.of('S'));
    // Marked-content and object references (/Type /MCR, /OBJR) are leaves, not structure elements.
    if (type instanceof PDFName) {
      elements.push({
        type: standardType(type.decodeText()),
        alt: text(resolve(resolved.get(PDFName.of('Alt')))),
      });
    }
    if (type instanceof PDFName || resolved === root) walk(resolved.get(PDFName.of('K')));
  };
  if (root) walk(root.get(PDFName.of('K')));

  const fonts: PdfFontFacts[] = [];
  for (const [, object] of context.enumerateIndirectObjects()) {
    const font = dict(object);
    if (!font || font.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    const subtype = font.get(PDFName.of('Subtype'));
    // A composite font's glyphs are in its descendant (listed on its own); a Type 3 font's glyphs are drawn in
    // the file itself.
    if (subtype === PDFName.of('Type0') || subtype === PDFName.of('Type3')) continue;
    const descriptor = dict(font.get(PDFName.of('FontDescriptor')));
    const embedded = ['FontFile', 'FontFile2', 'FontFile3'].some(
      (key) => descriptor?.get(PDFName.of(key)) !== undefined,
    );
    const name = font.get(PDFName.of('BaseFont'));
    fonts.push({
      name: name instanceof PDFName ? name.decodeText() : '?',
      subtype: subtype instanceof PDFName ? subtype.decodeText() : '?',
      embedded,
    });
  }

  return {
    language: text(resolve(catalog.get(PDFName.of('Lang')))),
    title: text(resolve(info?.get(PDFName.of('Title')))),
    author: text(resolve(info?.get(PDFName.of('Author')))),
    subject: text(resolve(info?.get(PDFName.of('Subject')))),
    creator: text(resolve(info?.get(PDFName.of('Creator')))),
    producer: text(resolve(info?.get(PDFName.of('Producer')))),
    hasOutline: dict(catalog.get(PDFName.of('Outlines'))) !== undefined,
    displayDocTitle: resolve(viewer?.get(PDFName.of('DisplayDocTitle'))) === PDFBool.True,
    marked: resolve(markInfo?.get(PDFName.of('Marked'))) === PDFBool.True,
    hasStructTreeRoot: root !== undefined,
    elements,
    fonts,
  };
}

/**
 * The headings' levels in tag order are sound: exactly one H1 and it comes first, and no heading goes more than
 * one level deeper than the one before it (H2 after H1, never H3 straight after H1). Null when sound, else why not.
 */
export function headingOrderProblem(elements: readonly StructureElement[]): string | null {
  const levels = elements
    .map((element) => /^H([1-6])$/.exec(element.type)?.[1])
    .filter((level): level is string => level !== undefined)
    .map(Number);
  if (levels.length === 0) return 'no headings';
  if (levels[0] !== 1) return `the first heading is H${levels[0]}`;
  if (levels.filter((level) => level === 1).length > 1) return 'more than one H1';
  for (let i = 1; i < levels.length; i++) {
    if (levels[i]! > levels[i - 1]! + 1) return `H${levels[i]} straight after H${levels[i - 1]}`;
  }
  return null;
}
