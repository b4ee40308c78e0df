import { PDFBool, PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it, vi } from 'vitest';

/**
 * The Electron PDF printer against a stand-in for Electron (the binary cannot run here): what it serves to its
 * hidden window, what it asks printToPDF for, and that the window is destroyed whatever happens.
 * tests/electron prints a real PDF where Electron is installed.
 */
const fake = vi.hoisted(() => {
  const state = {
    handler: null as ((request: Request) => Response | Promise<Response>) | null,
    blocker: null as
      ((details: { url: string }, callback: (answer: { cancel: boolean }) => void) => void) | null,
    served: [] as Array<{ url: string; status: number; body: string }>,
    printed: [] as Array<Record<string, unknown>>,
    windows: [] as Array<{ destroyed: boolean; options: Record<string, unknown> }>,
    failPrint: false,
    partitions: [] as string[],
  };
  const session = {
    protocol: { handle: (_scheme: string, handler: typeof state.handler) => (state.handler = handler) },
    setPermissionRequestHandler: () => undefined,
    setPermissionCheckHandler: () => undefined,
    webRequest: {
      onBeforeRequest: (listener: typeof state.blocker) => (state.blocker = listener),
      onHeadersReceived: () => undefined,
    },
  };
  class FakeWindow {
    record: { destroyed: boolean; options: Record<string, unknown> };
    webContents = {
      executeJavaScript: async (code: string) => {
        if (!code.includes('document.fonts.ready')) throw new Error('unexpected script');
        return true;
      },
      printToPDF: async (options: Record<string, unknown>) => {
        state.printed.push(options);
        if (state.failPrint) throw new Error('printer on fire');
        // A one-page PDF as an engine without /Lang or DisplayDocTitle would print it.
        const { PDFDocument } = await import('pdf-lib');
        const doc = await PDFDocument.create();
        doc.addPage();
        doc.setTitle('x');
        return Buffer.from(await doc.save());
      },
    };
    constructor(options: Record<string, unknown>) {
      this.record = { destroyed: false, options };
      state.windows.push(this.record);
    }
    async loadURL(url: string) {
      const response = await state.handler!(new Request(url));
      state.served.push({ url, status: response.status, body: await response.text() });
    }
    isDestroyed = () => this.record.destroyed;
    destroy = () => {
      this.record.destroyed = true;
    };
  }
  return { state, session, FakeWindow };
});

vi.mock('electron', () => ({
  BrowserWindow: fake.FakeWindow,
  session: {
    fromPartition: (name: string) => {
      fake.state.partitions.push(name);
      return fake.session;
    },
  },
  app: { on: () => undefined, whenReady: () => new Promise(() => undefined) },
  shell: { openExternal: async () => undefined },
}));

const { createElectronPdfPrinter, mmToInches } =
  await import('../../../src-main/electron/electron-pdf-printer');

const OPTIONS = {
  pageSize: 'Letter' as const,
  footer: { organisation: 'Northshire <Office>', draft: true },
  embargoLine: 'EMBARGOED UNTIL 00:01 BST, Thursday 18 July 2024',
  document: { title: 'Bridge reopens', language: 'cy-GB', author: 'Northshire Council' },
};

describe('the Electron PDF printer', () => {
  it('prints the HTML from its own in-memory session with page numbers, tags and an outline', async () => {
    const printer = createElectronPdfPrinter(() => undefined);
    const pdf = await printer.print('<!doctype html><title>x</title><h1>Bridge reopens</h1>', OPTIONS);
    // The printed PDF is finished as the CLI's are: language, the title shown as the window title, author.
    const finished = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(finished.getTitle()).toBe('Bridge reopens');
    expect(finished.getAuthor()).toBe('Northshire Council');
    expect(finished.getCreator()).toBe('Pressroom');
    expect(String(finished.catalog.get(PDFName.of('Lang')))).toBe('(cy-GB)');
    const viewer = finished.catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict);
    expect(viewer.get(PDFName.of('DisplayDocTitle'))).toBe(PDFBool.True);
    expect(fake.state.partitions).toEqual(['pressroom-print']);
    const [served] = fake.state.served;
    expect(served!.url).toMatch(/^app:\/\/print\/[a-f0-9]{32}\.html$/);
    expect(served).toMatchObject({ status: 200, body: expect.stringContaining('Bridge reopens') });

    const [options] = fake.state.printed;
    expect(options).toMatchObject({
      pageSize: 'Letter',
      printBackground: true,
      displayHeaderFooter: true,
      generateTaggedPDF: true,
      generateDocumentOutline: true,
      margins: { top: mmToInches('20mm'), bottom: mmToInches('22mm'), left: mmToInches('18mm') },
    });
    expect(String(options!.footerTemplate)).toContain('pageNumber');
    expect(String(options!.footerTemplate)).toContain('Northshire &lt;Office&gt;');
    expect(String(options!.headerTemplate)).toContain('EMBARGOED UNTIL');

    const [window] = fake.state.windows;
    expect(window!.options).toMatchObject({ show: false });
    expect(window!.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(window!.destroyed).toBe(true);
    // The job is gone once printed: its address answers nothing any more.
    expect((await fake.state.handler!(new Request(served!.url))).status).toBe(404);
  });

  it('lets only its own page and inlined data through, and destroys the window when printing fails', async () => {
    const decide = (url: string) =>
      new Promise<{ cancel: boolean }>((resolve) => fake.state.blocker!({ url }, resolve));
    expect(await decide('app://print/0123.html')).toEqual({ cancel: false });
    expect(await decide('data:font/woff2;base64,AAAA')).toEqual({ cancel: false });
    expect(await decide('https://example.org/font.woff2')).toEqual({ cancel: true });
    expect(await decide('file:///etc/passwd')).toEqual({ cancel: true });

    fake.state.failPrint = true;
    const printer = createElectronPdfPrinter(() => undefined);
    await expect(printer.print('<p>x</p>', OPTIONS)).rejects.toThrow('printer on fire');
    expect(fake.state.windows.at(-1)!.destroyed).toBe(true);
    await printer.close();
    await expect(printer.print('<p>x</p>', OPTIONS)).rejects.toThrow(/closed/);
  });

  it('converts millimetres to inches', () => {
    expect(mmToInches('25.4mm')).toBe(1);
    expect(mmToInches('20mm')).toBeCloseTo(0.787, 3);
  });
});
