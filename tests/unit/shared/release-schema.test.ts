import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { releaseFileJsonSchema, workspaceFileJsonSchema } from '../../../src-shared/release/json-schema';
import { createBlankRelease, toLocalDateTime, zonedToInstant } from '../../../src-shared/release/new-release';
import {
  DEFAULT_PROFILE,
  IdSchema,
  isAllowedUrl,
  MAX_TEXT_LENGTH,
  ReleaseSchema,
  RELEASE_TYPES,
} from '../../../src-shared/release/schema';

let counter = 0;
const makeId = () => `p${++counter}`;
const blank = (type: (typeof RELEASE_TYPES)[number] = 'news-release') =>
  createBlankRelease({
    id: 'r-test',
    type,
    profile: DEFAULT_PROFILE,
    now: new Date('2024-07-18T08:30:00Z'),
    makeId,
  });

describe('release schema', () => {
  it.each(RELEASE_TYPES)('a blank %s is a valid release dated in the organisation zone', (type) => {
    const release = blank(type);
    expect(ReleaseSchema.parse(release)).toEqual(release);
    // 08:30 UTC is 09:30 BST; an embargoed release is dated at its embargo, 00:01 the next day.
    expect(release.header.releaseDate).toBe(
      type === 'embargoed-release' ? '2024-07-19T00:01' : '2024-07-18T09:30',
    );
    expect(release.endMark).toBe('ENDS');
  });

  it('refuses a text field longer than the ceiling with a readable message', () => {
    const result = ReleaseSchema.safeParse({ ...blank(), headline: 'x'.repeat(MAX_TEXT_LENGTH + 1) });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/Too long/);
  });

  it('refuses an unknown time zone and a malformed date', () => {
    const release = blank();
    expect(
      ReleaseSchema.safeParse({ ...release, header: { ...release.header, timeZone: 'Mars/Olympus' } })
        .success,
    ).toBe(false);
    expect(
      ReleaseSchema.safeParse({ ...release, header: { ...release.header, releaseDate: '18/07/2024' } })
        .success,
    ).toBe(false);
  });

  it.each([
    ['../etc/passwd', false],
    ['a/b', false],
    ['', false],
    ['r-abc_123', true],
    ['x'.repeat(65), false],
  ])('id %j is accepted: %s', (id, accepted) => {
    expect(IdSchema.safeParse(id).success).toBe(accepted);
  });

  it.each([
    ['https://www.policeconduct.gov.uk/news', true],
    ['http://example.org', true],
    ['mailto:press@example.org', true],
    ['HTTPS://EXAMPLE.ORG/a?b#c', true],
    ['javascript:alert(1)', false],
    ['JavaScript:alert(1)', false],
    ['java\tscript:alert(1)', false],
    [' javascript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['vbscript:msgbox(1)', false],
    ['file:///etc/passwd', false],
    ['//example.org', false],
    ['https://', false],
    ['https://user@evil.example', false],
    ['https://exa mple.org', false],
    ['https://example.org/\u202Eevil', false],
    ['mailto:', false],
    ['ftp://example.org', false],
  ])('url %j allowed: %s', (url, allowed) => {
    expect(isAllowedUrl(url)).toBe(allowed);
  });

  it('stores a half-typed or refused address as text, so that autosave never loses it', () => {
    const release = { ...blank(), relatedLinks: [{ id: 'l1', label: 'x', url: 'javascript:alert(1)' }] };
    expect(ReleaseSchema.safeParse(release).success).toBe(true);
  });
});

describe('time zones', () => {
  it.each([
    ['2024-07-18T00:01', 'Europe/London', '2024-07-17T23:01:00.000Z'],
    ['2024-01-18T00:01', 'Europe/London', '2024-01-18T00:01:00.000Z'],
    // The repeated hour when clocks go back: the first (BST) occurrence.
    ['2024-10-27T01:30', 'Europe/London', '2024-10-27T00:30:00.000Z'],
    ['2024-10-27T02:30', 'Europe/London', '2024-10-27T02:30:00.000Z'],
    ['2024-03-31T00:30', 'Europe/London', '2024-03-31T00:30:00.000Z'],
    ['2024-07-18T09:00', 'America/New_York', '2024-07-18T13:00:00.000Z'],
  ])('%s in %s is %s', (local, zone, iso) => {
    expect(zonedToInstant(local, zone).toISOString()).toBe(iso);
  });

  it('round-trips a wall-clock time through an instant', () => {
    for (const local of ['2024-02-29T12:00', '2024-06-01T23:59', '2025-12-31T00:00']) {
      expect(toLocalDateTime(zonedToInstant(local, 'Europe/London'), 'Europe/London')).toBe(local);
    }
  });
});

describe('generated JSON Schema in docs/', () => {
  it('is up to date with the zod schema (run `npm run schema` after changing the model)', () => {
    const onDisk = JSON.parse(readFileSync('docs/release.schema.json', 'utf8'));
    expect(onDisk).toEqual(JSON.parse(JSON.stringify(releaseFileJsonSchema())));
    const workspaceOnDisk = JSON.parse(readFileSync('docs/workspace.schema.json', 'utf8'));
    expect(workspaceOnDisk).toEqual(JSON.parse(JSON.stringify(workspaceFileJsonSchema())));
  });

  it('describes every section of the standard structure', () => {
    const schema = releaseFileJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    for (const section of [
      'header',
      'headline',
      'standfirst',
      'body',
      'quotes',
      'background',
      'notesToEditors',
      'boilerplate',
      'mediaContacts',
      'canonicalUrl',
      'relatedLinks',
      'endMark',
      'schemaVersion',
      'revision',
    ]) {
      expect(schema.properties).toHaveProperty(section);
      expect(schema.required).toContain(section);
    }
  });
});

describe('time zones: the hour skipped in spring', () => {
  it('reads a skipped wall time with the offset before the change', () => {
    const instant = zonedToInstant('2024-03-31T01:30', 'Europe/London');
    expect(instant.toISOString()).toBe('2024-03-31T01:30:00.000Z');
    expect(toLocalDateTime(instant, 'Europe/London')).toBe('2024-03-31T02:30');
  });
});
