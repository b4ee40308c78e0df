import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The text of Help > About: the version, the engine versions, and the fonts shipped in resources/fonts with their
 * licences (the SIL Open Font License asks that its text travel with the fonts; the About box says where it is).
 * Read from the folder, so a font added there is listed without a code change.
 */

export interface BundledFont {
  /** "Source Serif 4", from the licence file's name `OFL-source-serif-4.txt`. */
  name: string;
  /** "SIL Open Font License, Version 1.1", from the licence text. */
  licence: string;
  licenceFile: string;
}

export async function bundledFonts(fontsFolder: string): Promise<BundledFont[]> {
  let names: string[];
  try {
    names = await readdir(fontsFolder);
  } catch {
    return [];
  }
  const licenceFiles = names.filter((name) => /^(OFL|LICEN[CS]E)[-_].+\.txt$/i.test(name)).sort();
  return Promise.all(
    licenceFiles.map(async (file): Promise<BundledFont> => {
      const text = await readFile(join(fontsFolder, file), 'utf8').catch(() => '');
      const licence =
        /licensed under the ([^.\n]+(?:\.\d+)?)/i.exec(text)?.[1]?.trim() ??
        (file.toUpperCase().startsWith('OFL') ? 'SIL Open Font License' : 'see the licence file');
      return { name: fontName(file), licence, licenceFile: join(fontsFolder, file) };
    }),
  );
}

/** `OFL-source-serif-4.txt` -> "Source Serif 4". */
export function fontName(licenceFile: string): string {
  return licenceFile
    .replace(/\.txt$/i, '')
    .replace(/^(OFL|LICEN[CS]E)[-_]/i, '')
    .split(/[-_]/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

export interface AboutDetails {
  appName: string;
  version: string;
  versions: { electron?: string; chrome?: string; node?: string };
  fonts: readonly BundledFont[];
  fontsFolder: string;
}

/**
 * What Pressroom's own tests verify about the accessibility of exported releases, and what they do not: a
 * statement a press office can repeat, so it claims nothing that is not checked (issue 17, item 3). The checks
 * are tests/unit/export/pdf-accessibility.test.ts; change this text when they change.
 */
export const ACCESSIBILITY_STATEMENT: readonly string[] = [
  'Accessibility of exported releases',
  'Checked automatically by Pressroom’s tests, on a sample release of every type printed on A4 and Letter:',
  '• PDF: the document language; the headline as title, shown as the window title; tags for headings (in order, ' +
    'no level skipped), paragraphs, lists, links and quotations; the logo with a text alternative naming the ' +
    'organisation; bookmarks; every font embedded.',
  '• Web page: no failure of the WCAG 2.2 AA rules that axe-core tests.',
  'Not checked: reading order and wording as a person would judge them; whether a link’s words make sense out ' +
    'of context; the colours of your own logo; use with a screen reader (NVDA, JAWS, VoiceOver). PDF/UA is not ' +
    'claimed: among other things, page numbers and the embargo line at the top of each page are not marked as ' +
    'page furniture. Automated checks find only some accessibility problems.',
];

export function aboutText(details: AboutDetails): { title: string; message: string; detail: string } {
  const engines = [
    details.versions.electron && `Electron ${details.versions.electron}`,
    details.versions.chrome && `Chromium ${details.versions.chrome}`,
    details.versions.node && `Node.js ${details.versions.node}`,
  ].filter(Boolean);
  const fonts =
    details.fonts.length === 0
      ? ['No fonts are bundled with this copy.']
      : [
          'Fonts bundled for exported releases:',
          ...details.fonts.map((font) => `• ${font.name} — ${font.licence}`),
          `Licence texts: ${details.fontsFolder}`,
        ];
  return {
    title: `About ${details.appName}`,
    message: `${details.appName} ${details.version}`,
    detail: [
      'An offline workstation for drafting, reviewing and exporting press releases. It makes no network requests.',
      '',
      ...(engines.length ? [engines.join(' · '), ''] : []),
      ...fonts,
      '',
      ...ACCESSIBILITY_STATEMENT,
    ].join('\n'),
  };
}
