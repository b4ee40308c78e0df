import { randomBytes } from 'node:crypto';
import { BrowserWindow, session, type Session } from 'electron';
import {
  footerTemplate,
  headerTemplate,
  PDF_MARGINS,
  type PdfPrinter,
  type PdfPrintOptions,
} from '../services/export/pdf-printer';
import { APP_SCHEME } from '../services/app-protocol';
import { hardenSession } from './security';

/**
 * The desktop app's PDF printer (the port in src-main/services/export/pdf-printer.ts): the exported HTML loaded
 * in a hidden window and printed with webContents.printToPDF, as Joplin does.
 *
 * The page lives in a session of its own (in memory, never on disk) that answers exactly one kind of request,
 * `app://print/<token>.html` for the job being printed, and refuses everything else (the export inlines its fonts
 * and logo as data: URLs and loads nothing). The HTML never touches the disk and never goes through file://.
 * The window is sandboxed, has no preload and is destroyed in `finally`, whatever happened.
 */

const PRINT_PARTITION = 'pressroom-print';
const PRINT_HOST = 'print';
const LOAD_TIMEOUT_MS = 30_000;

let printSession: Session | null = null;
const jobs = new Map<string, string>();

function thePrintSession(log: (message: string) => void): Session {
  if (printSession) return printSession;
  const ses = session.fromPartition(PRINT_PARTITION, { cache: false });
  hardenSession(ses, {
    isAllowed: (url) => url.startsWith(`${APP_SCHEME}://${PRINT_HOST}/`) || url.startsWith('data:'),
    csp: null,
    log,
  });
  ses.protocol.handle(APP_SCHEME, (request) => {
    const url = new URL(request.url);
    const token = /^\/([a-f0-9]{32})\.html$/.exec(url.pathname)?.[1];
    const html = url.host === PRINT_HOST && token ? jobs.get(token) : undefined;
    if (html === undefined) return new Response(null, { status: 404 });
    return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
  });
  printSession = ses;
  return ses;
}

/** "20mm" -> inches, the unit of printToPDF's margins. */
export function mmToInches(value: string): number {
  const mm = Number.parseFloat(value);
  return Math.round((mm / 25.4) * 1000) / 1000;
}

/** Loads the HTML in a hidden, sandboxed window, waits for its fonts, runs `use`, and always destroys the window. */
async function withPrintWindow<T>(
  html: string,
  log: (message: string) => void,
  use: (window: BrowserWindow) => Promise<T>,
): Promise<T> {
  const ses = thePrintSession(log);
  const token = randomBytes(16).toString('hex');
  jobs.set(token, html);
  const window = new BrowserWindow({
    show: false,
    width: 794,
    height: 1123,
    webPreferences: {
      session: ses,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  try {
    await withTimeout(
      window.loadURL(`${APP_SCHEME}://${PRINT_HOST}/${token}.html`),
      LOAD_TIMEOUT_MS,
      'The page to print did not load',
    );
    // Inlined fonts decode after "load"; printing before they are ready would embed a fallback face.
    await withTimeout(
      window.webContents.executeJavaScript('document.fonts.ready.then(() => true)', true),
      LOAD_TIMEOUT_MS,
      'The fonts of the page to print did not load',
    );
    return await use(window);
  } finally {
    jobs.delete(token);
    if (!window.isDestroyed()) window.destroy();
  }
}

/** The system print dialog for the HTML (File > Print…); resolves false when the person cancelled. */
export function printWithDialog(
  html: string,
  log: (message: string) => void = console.warn,
): Promise<boolean> {
  return withPrintWindow(
    html,
    log,
    (window) =>
      new Promise<boolean>((resolve, reject) => {
        window.webContents.print({ silent: false, printBackground: true }, (success, failureReason) => {
          if (success || failureReason === 'Print job canceled' || failureReason === 'cancelled') {
            resolve(success);
          } else reject(new Error(failureReason || 'Printing failed.'));
        });
      }),
  );
}

export function createElectronPdfPrinter(log: (message: string) => void = console.warn): PdfPrinter {
  let closed = false;
  return {
    async print(html: string, options: PdfPrintOptions): Promise<Uint8Array> {
      if (closed) throw new Error('This PDF printer has been closed.');
      return withPrintWindow(html, log, async (window) => {
        const pdf = await window.webContents.printToPDF({
          pageSize: options.pageSize,
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: headerTemplate(options.embargoLine),
          footerTemplate: footerTemplate(options.footer),
          margins: {
            top: mmToInches(PDF_MARGINS.top),
            right: mmToInches(PDF_MARGINS.right),
            bottom: mmToInches(PDF_MARGINS.bottom),
            left: mmToInches(PDF_MARGINS.left),
          },
          generateTaggedPDF: true,
          generateDocumentOutline: true,
        });
        // Language, title shown as the window title, author, Creator and Producer (pdf-accessibility.ts).
        // pdf-lib is loaded with the first PDF, not at start.
        const { finishPrintedPdf } = await import('../services/export/pdf-accessibility');
        return finishPrintedPdf(new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength), options.document);
      });
    },
    async close(): Promise<void> {
      closed = true;
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${ms / 1000} seconds.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
