import type { Browser, BrowserContext } from 'playwright-core';
import {
  footerTemplate,
  headerTemplate,
  PDF_MARGINS,
  type PdfPrinter,
  type PdfPrintOptions,
} from './pdf-printer';

/**
 * The PDF printer of the CLI and the browser host: Chromium driven by playwright-core. The browser starts on the
 * first print and is kept for the next ones (a cold start costs far more than a print), until close().
 *
 * The page is printed with JavaScript off and every request refused: the exported HTML has no script and loads
 * nothing (its CSP says so too), and printing must not depend on either wall alone.
 */

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ChromiumPrinterOptions {
  /** Defaults to PRESSROOM_CHROMIUM, else /usr/bin/chromium. */
  executablePath?: string;
}

export function chromiumExecutable(env: NodeJS.ProcessEnv = process.env): string {
  return env.PRESSROOM_CHROMIUM || '/usr/bin/chromium';
}

export function createChromiumPrinter(options: ChromiumPrinterOptions = {}): PdfPrinter {
  const executablePath = options.executablePath ?? chromiumExecutable();
  let context: Promise<{ browser: Browser; context: BrowserContext }> | null = null;
  let closed = false;

  const start = async () => {
    let browser: Browser;
    try {
      // Loaded on the first PDF, not at start: playwright-core alone is about 85 MB of the main process's memory,
      // which a session that prints nothing (or the desktop app, which prints through Electron) never needs.
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    } catch (error) {
      throw new Error(
        `Chromium could not be started from ${executablePath} to make the PDF (set PRESSROOM_CHROMIUM to a ` +
          `Chromium or Chrome executable): ${firstLine(error)}`,
        { cause: error },
      );
    }
    const ctx = await browser.newContext({ javaScriptEnabled: false, offline: true });
    await ctx.route('**/*', (route) => route.abort());
    // A crashed or killed browser is started afresh by the next print.
    browser.on('disconnected', () => {
      context = null;
    });
    return { browser, context: ctx };
  };

  return {
    async print(html: string, print: PdfPrintOptions): Promise<Uint8Array> {
      if (closed) throw new Error('This PDF printer has been closed.');
      context ??= start();
      const started = context;
      let ctx: BrowserContext;
      try {
        ({ context: ctx } = await started);
      } catch (error) {
        if (context === started) context = null;
        throw error;
      }
      print.signal?.throwIfAborted();
      const page = await ctx.newPage();
      // Closing the page makes whatever it is doing (loading, printing) reject at once: the browser stops work
      // nobody is waiting for any more.
      const stop = () => void page.close().catch(() => undefined);
      print.signal?.addEventListener('abort', stop, { once: true });
      try {
        await page.setContent(html, { waitUntil: 'load' });
        // Inlined fonts decode asynchronously; printing before they are ready would embed a fallback face.
        // A string: this file is compiled without the DOM's types, and the expression runs in the page.
        await page.evaluate('document.fonts.ready.then(() => undefined)');
        const pdf = await page.pdf({
          format: print.pageSize,
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: headerTemplate(print.embargoLine),
          footerTemplate: footerTemplate(print.footer),
          margin: PDF_MARGINS,
          tagged: true,
          outline: true,
        });
        print.signal?.throwIfAborted();
        // Language, title shown as the window title, author, Creator and Producer (pdf-accessibility.ts).
        // pdf-lib is loaded with the first PDF, not at start.
        const { finishPrintedPdf } = await import('./pdf-accessibility');
        return finishPrintedPdf(new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength), print.document);
      } finally {
        print.signal?.removeEventListener('abort', stop);
        await page.close().catch(() => undefined);
      }
    },

    async close(): Promise<void> {
      closed = true;
      const current = context;
      context = null;
      if (!current) return;
      try {
        const { browser } = await current;
        await browser.close();
      } catch {
        // It never started, or is already gone: nothing to free.
      }
    },
  };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
