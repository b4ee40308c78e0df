import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { releaseFileArgument, workspaceArgument } from '../../../src-main/services/launch-arguments';
import { chooseSpellcheckLanguages } from '../../../src-main/services/spellcheck-languages';
import { isExternalLink } from '../../../src-main/services/external-links';
import { releaseIdFromAppUrl } from '../../../src-main/services/desktop-export';

describe('launch arguments', () => {
  it('reads --workspace in both spellings', () => {
    expect(workspaceArgument(['electron', 'out/main/index.js', '--workspace', '/w'])).toBe('/w');
    expect(workspaceArgument(['pressroom', '--workspace=/w 2'])).toBe('/w 2');
    expect(workspaceArgument(['pressroom', '--workspace='])).toBeUndefined();
    expect(workspaceArgument(['pressroom'])).toBeUndefined();
  });

  it('finds a release file among Chromium switches and makes it absolute', () => {
    expect(
      releaseFileArgument(
        ['/opt/Pressroom/pressroom', '--allow-file-access-from-files', 'Appeal.PRESSRELEASE'],
        '/home/sam/Downloads',
      ),
    ).toBe(resolve('/home/sam/Downloads/Appeal.PRESSRELEASE'));
    expect(releaseFileArgument(['pressroom', 'C:/mail/a.pressrelease'], '/x')).toMatch(/a\.pressrelease$/);
    expect(releaseFileArgument(['pressroom', '--workspace', 'odd.pressrelease'], '/x')).toBeNull();
    expect(releaseFileArgument(['pressroom', 'notes.txt', '--foo=a.pressrelease'], '/x')).toBeNull();
  });
});

describe('spellchecker language', () => {
  const available = ['en-GB', 'en-US', 'cy', 'fr-FR', 'de-DE'];
  it.each([
    ['en-GB', ['en-GB']],
    [undefined, ['en-GB']],
    ['en_US', ['en-US']],
    ['cy-GB', ['cy']],
    ['fr-CA', ['fr-FR']],
    ['ga-IE', ['en-GB']],
  ])('%s -> %j', (locale, expected) => {
    expect(chooseSpellcheckLanguages(locale, available)).toEqual(expected);
  });
  it('gives none rather than a wrong language when nothing fits', () => {
    expect(chooseSpellcheckLanguages('ga-IE', ['de-DE'])).toEqual([]);
  });
});

describe('links handed to the system', () => {
  it.each([
    ['https://www.gov.uk/news', true],
    ['http://example.org/a?b#c', true],
    ['mailto:press@example.org', true],
    ['file:///etc/passwd', false],
    ['smb://server/share', false],
    ['javascript:alert(1)', false],
    ['ms-msdt:/id PCWDiagnostic', false],
    ['https://user:pass@example.org/', false],
    ['mailto:', false],
    ['not a url', false],
  ])('%s -> %s', (url, expected) => {
    expect(isExternalLink(url)).toBe(expected);
  });
});

describe('the release a window shows', () => {
  it('knows which release the window shows', () => {
    expect(releaseIdFromAppUrl('app://pressroom/index.html#/release/r-1a2b')).toBe('r-1a2b');
    expect(releaseIdFromAppUrl('app://pressroom/index.html#/release/r-1/history/audit')).toBe('r-1');
    expect(releaseIdFromAppUrl('app://pressroom/index.html#/profile')).toBeNull();
    expect(releaseIdFromAppUrl('app://pressroom/index.html')).toBeNull();
    expect(releaseIdFromAppUrl('app://pressroom/index.html#/release/../x')).toBeNull();
  });
});
