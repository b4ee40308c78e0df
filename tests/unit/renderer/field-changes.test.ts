import { describe, expect, it } from 'vitest';
import type { WorkspaceFieldChange } from '../../../src-shared/api/contract';
import { changeNoteFor, formatChangedAt } from '../../../src-renderer/src/features/settings/field-changes';

const pc2 = { id: 'press-pc2-a1b2c3', name: 'PRESS-PC2' };
const pc1 = { id: 'press-pc1-d4e5f6', name: 'PRESS-PC1' };
const ben = { id: 'ben', name: 'Ben' };

function change(over: Partial<WorkspaceFieldChange> & { field: string }): WorkspaceFieldChange {
  return { at: '2026-12-07T10:42:00.000Z', computer: pc2, by: ben, here: false, replaced: [], ...over };
}

describe('who changed a profile field', () => {
  it('writes the time the UK way: "7 Dec 2026 10:42"', () => {
    expect(formatChangedAt('2026-12-07T10:42:00.000Z', 'Europe/London')).toBe('7 Dec 2026 10:42');
    expect(formatChangedAt('2026-07-18T08:05:00.000Z', 'Europe/London')).toBe('18 Jul 2026 09:05');
    expect(formatChangedAt('not a date')).toBe('not a date');
  });

  it('names the colleague, their computer and the time beside a field they changed', () => {
    const changes = [change({ field: 'profile.name' })];
    expect(changeNoteFor(changes, 'profile.name', 'Europe/London')).toEqual({
      changedBy: 'Changed by Ben on PRESS-PC2, 7 Dec 2026 10:42',
      replaced: [],
    });
    expect(changeNoteFor(changes, 'profile.boilerplate', 'Europe/London')).toBeNull();
    expect(
      changeNoteFor([change({ field: 'profile.name', by: null })], 'profile.name', 'Europe/London'),
    ).toEqual({
      changedBy: 'Changed on PRESS-PC2, 7 Dec 2026 10:42',
      replaced: [],
    });
  });

  it('says nothing about a change made here, unless it replaced a colleague’s made at the same time', () => {
    expect(changeNoteFor([change({ field: 'profile.name', here: true })], 'profile.name')).toBeNull();
    const mine = change({
      field: 'profile.name',
      here: true,
      computer: pc1,
      replaced: [
        { at: '2026-12-07T10:41:00.000Z', computer: pc2, by: ben, here: false, value: 'Northshire Police' },
      ],
    });
    expect(changeNoteFor([mine], 'profile.name', 'Europe/London')).toEqual({
      changedBy: null,
      replaced: [
        'A change made at the same time by Ben on PRESS-PC2, 7 Dec 2026 10:41 (“Northshire Police”) was replaced by this one; it is kept in that computer’s record.',
      ],
    });
  });

  it('describes the latest change under a group of fields (a section)', () => {
    const changes = [
      change({ field: 'profile.limits.headlineWords', at: '2026-12-07T09:00:00.000Z', computer: pc1 }),
      change({ field: 'profile.limits.sentenceWords' }),
    ];
    expect(changeNoteFor(changes, 'profile.limits', 'Europe/London')?.changedBy).toBe(
      'Changed by Ben on PRESS-PC2, 7 Dec 2026 10:42',
    );
    expect(
      changeNoteFor(changes, ['profile.endMark', 'profile.limits.headlineWords'], 'UTC')?.changedBy,
    ).toBe('Changed by Ben on PRESS-PC1, 7 Dec 2026 09:00');
  });
});
