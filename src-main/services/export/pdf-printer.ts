import type { PageSize } from '../../../src-shared/render/render-release';
import { escapeHtml } from '../../../src-shared/render/escape';
import { DRAFT_MARK } from '../../../src-shared/render/render-release';

export type { PageSize };

/**
 * The port behind which a PDF is made from the exported HTML (ARCHITECTURE §2: "export (html, pdf via a printer
 * port)"). Two engines print the same HTML with the same templates below: Chromium through playwright-core for the
 * CLI and the browser host (chromium-printer.ts), and Electron's hidden window + printToPDF in the app.
 */
export interface PdfPrinter {
  print(html: string, options: PdfPrintOptions): Promise<Uint8Array>;
  /** Frees the engine (browser process, hidden window); the printer is not used after this. */
  close(): Promise<void>;
}

export interface PdfPrintOptions {
  pageSize: PageSize;
  footer: {
    organisation: string;
    /** Prints "DRAFT — NOT APPROVED" in the footer of every page. */
    draft: boolean;
  };
  /** "EMBARGOED UNTIL ..." at the top of every page while the embargo holds; null or absent: no header. */
  embargoLine?: string | null;
  /** Stops the print when the asker gives up: the page is closed and print() rejects (issue 13, item 4). */
  signal?: AbortSignal;
  /** What the PDF says about itself (pdf-accessibility.ts); absent: the engine's title and language are kept. */
  document?: PdfDocumentInfo;
}

/** The PDF's own description, read by screen readers and shown by viewers. */
export interface PdfDocumentInfo {
  /** The headline: the viewer's window title. */
  title: string;
  /** The page's language, a BCP 47 tag such as "en-GB" (the `<html lang>` of the exported page). */
  language: string;
  /** The issuing organisation. */
  author?: string;
  /** The standfirst. */
  subject?: string;
}

/**
 * Page margins of the printed release, the same as the print stylesheet's @page rule (release-styles.ts): the
 * header and footer templates are drawn inside the top and bottom margins.
 */
export const PDF_MARGINS = { top: '20mm', right: '18mm', bottom: '22mm', left: '18mm' } as const;

// The templates are drawn in a separate document without the page's fonts or styles, at a default size of zero:
// everything they need is inline. Chromium fills the pageNumber and totalPages classes. No template runs script.
const TEMPLATE_STYLE =
  'font-family: system-ui, Arial, sans-serif; font-size: 8pt; width: 100%; margin: 0 18mm; ' +
  'display: flex; justify-content: space-between; gap: 4mm; color: #1b1b1b; ' +
  '-webkit-print-color-adjust: exact; print-color-adjust: exact;';

/** The footer on every page: organisation, the draft mark when a draft, "Page 2 of 3". */
export function footerTemplate(footer: PdfPrintOptions['footer']): string {
  const organisation = `<span><bdi>${escapeHtml(footer.organisation)}</bdi></span>`;
  const draft = footer.draft
    ? `<span style="color: #b10e1e; font-weight: 700; letter-spacing: 0.08em;">${escapeHtml(DRAFT_MARK)}</span>`
    : '';
  const page =
    '<span style="white-space: nowrap;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></span>';
  return `<div style="${TEMPLATE_STYLE}">${organisation}${draft}${page}</div>`;
}

/** The header on every page: the embargo line while it holds, else nothing (an empty template, not the default). */
export function headerTemplate(embargoLine: string | null | undefined): string {
  if (!embargoLine) return '<span></span>';
  return (
    `<div style="${TEMPLATE_STYLE} justify-content: center; font-weight: 700; letter-spacing: 0.02em;">` +
    `<span>${escapeHtml(embargoLine)}</span></div>`
  );
}
