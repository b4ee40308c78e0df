import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aboutText, bundledFonts, fontName } from '../../../src-main/services/about';

describe('About Pressroom', () => {
  it('lists the fonts shipped in resources/fonts with their licences', async () => {
    const folder = resolve('resources/fonts');
    const fonts = await bundledFonts(folder);
    expect(fonts.map((font) => font.name)).toEqual(['Source Sans 3', 'Source Serif 4']);
    for (const font of fonts) expect(font.licence).toBe('SIL Open Font License, Version 1.1');
    const text = aboutText({
      appName: 'Pressroom',
      version: '0.1.0',
      versions: { electron: '45.4.1', chrome: '142.0', node: '22.1.0' },
      fonts,
      fontsFolder: folder,
    });
    expect(text.message).toBe('Pressroom 0.1.0');
    expect(text.detail).toContain('Electron 45.4.1 · Chromium 142.0 · Node.js 22.1.0');
    expect(text.detail).toContain('• Source Serif 4 — SIL Open Font License, Version 1.1');
    expect(text.detail).toContain(`Licence texts: ${folder}`);
  });

  it('says what is verified about the accessibility of exports, and what is not', () => {
    const detail = aboutText({ appName: 'P', version: '1', versions: {}, fonts: [], fontsFolder: '' }).detail;
    expect(detail).toContain('Accessibility of exported releases');
    expect(detail).toMatch(/PDF: the document language; the headline as title, shown as the window title/);
    expect(detail).toContain('the logo with a text alternative');
    expect(detail).toContain('every font embedded');
    expect(detail).toContain('WCAG 2.2 AA rules that axe-core tests');
    expect(detail).toContain('Not checked: reading order');
    expect(detail).toContain('use with a screen reader');
    expect(detail).toContain('PDF/UA is not claimed');
  });

  it('copes with a missing folder and a licence it does not recognise', async () => {
    expect(await bundledFonts('/no/such/folder')).toEqual([]);
    const folder = await mkdtemp(join(tmpdir(), 'pressroom-fonts-'));
    try {
      await writeFile(join(folder, 'LICENSE-house_face.txt'), 'All rights reserved.');
      expect(await bundledFonts(folder)).toEqual([
        {
          name: 'House Face',
          licence: 'see the licence file',
          licenceFile: join(folder, 'LICENSE-house_face.txt'),
        },
      ]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    expect(
      aboutText({ appName: 'P', version: '1', versions: {}, fonts: [], fontsFolder: '' }).detail,
    ).toContain('No fonts are bundled');
    expect(fontName('OFL-source-serif-4.txt')).toBe('Source Serif 4');
  });
});
