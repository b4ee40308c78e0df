import { describe, expect, it } from 'vitest';
import { exportFileName, slugify } from '../../../src-main/services/export/export-file-name';

const parts = {
  id: 'r-ashford1',
  headline: 'Ashford man jailed for harassing former partner',
  releaseDate: '2024-07-18T09:30',
  draft: false,
  format: 'pdf' as const,
};

describe('export file names', () => {
  it('reads date, headline and id', () => {
    expect(exportFileName(parts)).toBe(
      '2024-07-18-ashford-man-jailed-for-harassing-former-partner-r-ashford1.pdf',
    );
  });

  it('says DRAFT-NOT-APPROVED first for a draft', () => {
    expect(exportFileName({ ...parts, draft: true, format: 'html' })).toBe(
      'DRAFT-NOT-APPROVED-2024-07-18-ashford-man-jailed-for-harassing-former-partner-r-ashford1.html',
    );
  });

  it.each([
    ['../../etc/passwd', 'etc-passwd'],
    ['CON', 'con'],
    ['Café — “quotes” & <tags> / \\ : * ? |', 'cafe-quotes-tags'],
    ['\u0000\u202Eevil', 'evil'],
    ['日本語のみ', ''],
  ])('makes %j safe (%j)', (headline, slug) => {
    expect(slugify(headline)).toBe(slug);
    const name = exportFileName({ ...parts, headline });
    expect(name).toMatch(/^[A-Za-z0-9-]+\.pdf$/);
    expect(name).toContain(slug || 'release');
  });

  it('keeps names short, cut at a word', () => {
    const name = exportFileName({ ...parts, headline: 'word '.repeat(500) });
    expect(name.length).toBeLessThan(160);
    expect(name).toMatch(/-word-r-ashford1\.pdf$/);
    expect(slugify('x'.repeat(500))).toHaveLength(60);
  });

  it('leaves the date out when it is not one, and slugs an id that is not valid', () => {
    expect(exportFileName({ ...parts, releaseDate: 'soon', id: '../x y' })).toBe(
      'ashford-man-jailed-for-harassing-former-partner-x-y.pdf',
    );
  });
});
