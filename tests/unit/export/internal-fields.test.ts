import { protectedPeopleNamed } from '../../../src-shared/release/schema';
import { describe, expect, it } from 'vitest';
import { exportRelease } from '../../../src-main/services/export/export-release';
import { ReleaseSchema, type Release } from '../../../src-shared/release/schema';
import { BEFORE_EMBARGO, profile, release } from './fixtures';

/**
 * "Comments and internal notes never appear in an export" (issue 6). Every field of a stored release is either
 * published or internal; a field added later fails the first test until someone decides which it is.
 */

const PUBLISHED = [
  'header',
  'headline',
  'standfirst',
  'details',
  'body',
  'quotes',
  'background',
  'notesToEditors',
  'boilerplate',
  'mediaContacts',
  'canonicalUrl',
  'relatedLinks',
  'endMark',
];

/** Internal: never rendered. Each gets a marker below that must not reach any format. */
const INTERNAL: Record<string, (marker: string) => Partial<Release>> = {
  anonymityList: (marker) => ({ anonymityList: protectedPeopleNamed(marker) }),
  approvals: (marker) => ({
    approvals: [
      {
        personId: marker,
        personName: marker,
        stepIndex: 0,
        stepLabel: marker,
        at: '2024-07-17T08:00:00.000Z',
        contentHash: 'a'.repeat(64),
      },
    ],
  }),
  editedSinceApproval: (marker) => ({ editedSinceApproval: [marker] }),
  // Identity and bookkeeping: the id may appear in a file name, nothing else of these is shown.
  schemaVersion: () => ({}),
  id: () => ({}),
  revision: () => ({}),
  createdAt: () => ({}),
  updatedAt: () => ({}),
  status: () => ({}),
};

describe('internal fields', () => {
  it('every field of a stored release is classified as published or internal', () => {
    expect([...PUBLISHED, ...Object.keys(INTERNAL)].sort()).toEqual(Object.keys(ReleaseSchema.shape).sort());
  });

  it.each(['html', 'txt'] as const)('no internal field reaches the %s export', async (format) => {
    let overrides: Partial<Release> = {};
    for (const [field, set] of Object.entries(INTERNAL))
      overrides = { ...overrides, ...set(`SECRET-${field}-MARK`) };
    const result = await exportRelease({
      release: release(overrides, 'approved'),
      profile,
      format,
      now: BEFORE_EMBARGO,
    });
    if (!result.ok) throw new Error(result.error.message);
    const output = new TextDecoder().decode(result.value.bytes);
    expect(output).not.toMatch(/SECRET-[A-Za-z]+-MARK/);
  });

  it('a name on the anonymity list is not added to the page, even where the text names it', async () => {
    // The checks stop the writer from using the name; the export never adds the list itself.
    const result = await exportRelease({
      release: release({ anonymityList: protectedPeopleNamed('Jane Victim') }),
      profile,
      format: 'html',
      now: BEFORE_EMBARGO,
    });
    expect(result.ok && new TextDecoder().decode(result.value.bytes)).not.toContain('Jane Victim');
  });
});
