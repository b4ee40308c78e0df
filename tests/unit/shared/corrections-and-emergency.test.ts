import { describe, expect, it } from 'vitest';
import { release, profile, AFTER_EMBARGO } from '../export/fixtures';
import {
  announcedChangeNotes,
  hasPendingChangeNote,
  keepPublicationDates,
  lastPublicUpdate,
  publishedChangeNotes,
  stampChangeNotes,
} from '../../../src-shared/release/change-notes';
import { migrateRelease } from '../../../src-shared/release/migrate';
import { duplicateRelease } from '../../../src-shared/release/new-release';
import { ReleaseSchema, summariseRelease, type ChangeNote } from '../../../src-shared/release/schema';
import { renderReleaseBody } from '../../../src-shared/render/render-release';
import { renderReleaseText } from '../../../src-shared/render/render-text';
import { contentHash } from '../../../src-shared/workflow/content-hash';
import { bookkeepEdit } from '../../../src-shared/workflow/edit-bookkeeping';
import {
  decide,
  isWaitingFor,
  type DecideInput,
  type Person,
  type WorkflowSettings,
} from '../../../src-shared/workflow/workflow';

/** Issue 17, items 2 and 4: the rules beyond the (state, action, role) table of workflow.test.ts. */

const AT = '2024-07-20T09:15:00.000Z';
const H1 = 'a'.repeat(64);
const FOUR_EYES: WorkflowSettings = { allowSelfApproval: false, approvalChain: [] };
const SELF_ALLOWED: WorkflowSettings = { allowSelfApproval: true, approvalChain: [] };
const ana: Person = { id: 'ana', name: 'Ana Writer', roles: ['writer', 'approver'] };
const ben: Person = { id: 'ben', name: 'Ben Reviewer', roles: ['reviewer'] };
const cat: Person = { id: 'cat', name: 'Cat Approver', roles: ['approver'] };

function input(
  overrides: Partial<DecideInput> & Pick<DecideInput, 'status' | 'action' | 'actor'>,
): DecideInput {
  return {
    settings: FOUR_EYES,
    approvals: [],
    editedSinceApproval: [],
    contentHash: H1,
    reason: 'Because.',
    at: AT,
    ...overrides,
  };
}

const requestedByAna = { requestedBy: { id: 'ana', name: 'Ana Writer' }, confirmedAt: null };
const uncheckedByAna = { by: { id: 'ana', name: 'Ana Writer' }, reviewedAfter: null };

describe('withdrawing a published release takes two people', () => {
  it('refuses a second request while one waits', () => {
    const decision = decide(
      input({ status: 'published', action: 'request-withdrawal', actor: cat, withdrawal: requestedByAna }),
    );
    expect(decision).toEqual({
      ok: false,
      reason:
        'Ana Writer has already asked for this release to be withdrawn; a second person confirms it or keeps it published.',
    });
  });

  it('refuses the requester confirming their own request, unless the workspace allows self-approval', () => {
    const own = input({
      status: 'published',
      action: 'confirm-withdrawal',
      actor: ana,
      withdrawal: requestedByAna,
    });
    expect(decide(own)).toEqual({
      ok: false,
      reason: 'You asked for this release to be withdrawn, so someone else must confirm it (four-eyes rule).',
    });
    expect(decide({ ...own, settings: SELF_ALLOWED })).toMatchObject({ ok: true, to: 'withdrawn' });
    expect(decide({ ...own, actor: ben })).toMatchObject({ ok: true, to: 'withdrawn' });
  });

  it('needs a request to confirm or cancel', () => {
    for (const action of ['confirm-withdrawal', 'cancel-withdrawal'] as const) {
      expect(decide(input({ status: 'published', action, actor: ben }))).toEqual({
        ok: false,
        reason: 'Nobody has asked for this release to be withdrawn.',
      });
    }
  });

  it('refuses withdrawing a published release in one step, and says how', () => {
    const decision = decide(input({ status: 'published', action: 'withdraw', actor: ana }));
    expect(decision.ok).toBe(false);
    if (!decision.ok) expect(decision.reason).toMatch(/^A published release is withdrawn in two steps/);
  });
});

describe('publishing without a second check', () => {
  it('is refused while the text names a protected person, whatever decision is on record', () => {
    expect(
      decide(input({ status: 'in-review', action: 'publish-unchecked', actor: cat, protectedFindings: 1 })),
    ).toEqual({
      ok: false,
      reason:
        'This text names a protected person, so it cannot be published without a second check. Take the name out, or wait for a second person.',
    });
  });

  it('bounds the reason', () => {
    const decision = decide(
      input({ status: 'in-review', action: 'publish-unchecked', actor: cat, reason: 'x'.repeat(1001) }),
    );
    expect(decision.ok).toBe(false);
    expect(
      decide(
        input({ status: 'in-review', action: 'publish-unchecked', actor: cat, reason: 'x'.repeat(1000) }),
      ),
    ).toMatchObject({ ok: true, to: 'published' });
  });

  it('is reviewed afterwards by anyone but the publisher, once', () => {
    const review = input({
      status: 'published',
      action: 'review-after-publishing',
      actor: ana,
      uncheckedPublish: uncheckedByAna,
    });
    expect(decide(review)).toEqual({
      ok: false,
      reason: 'You published this release without a second check, so someone else must review it.',
    });
    // Even where self-approval is allowed: the point is a second person's look.
    expect(decide({ ...review, settings: SELF_ALLOWED }).ok).toBe(false);
    expect(decide({ ...review, actor: ben })).toMatchObject({ ok: true, to: 'published' });
    expect(
      decide({
        ...review,
        actor: ben,
        uncheckedPublish: {
          ...uncheckedByAna,
          reviewedAfter: { by: { id: 'cat', name: 'Cat' }, at: AT, outcome: 'fine' },
        },
      }).ok,
    ).toBe(false);
    expect(decide({ ...review, actor: ben, uncheckedPublish: null }).ok).toBe(false);
  });

  it('waits for every reviewer and approver but the publisher, until one reviews it', () => {
    const published = {
      status: 'published' as const,
      approvals: [],
      editedSinceApproval: ['ana'],
      uncheckedPublish: uncheckedByAna,
    };
    expect(isWaitingFor(published, ana, FOUR_EYES)).toBe(false);
    expect(isWaitingFor(published, ben, FOUR_EYES)).toBe(true);
    expect(isWaitingFor(published, cat, FOUR_EYES)).toBe(true);
    expect(isWaitingFor(published, { id: 'wyn', name: 'Wyn', roles: ['writer'] }, FOUR_EYES)).toBe(false);
    const reviewed = {
      ...published,
      uncheckedPublish: {
        ...uncheckedByAna,
        reviewedAfter: { by: { id: 'ben', name: 'Ben' }, at: AT, outcome: 'fine' as const },
      },
    };
    expect(isWaitingFor(reviewed, cat, FOUR_EYES)).toBe(false);
  });

  it('a withdrawal request waits for whoever may confirm it', () => {
    const published = {
      status: 'published' as const,
      approvals: [],
      editedSinceApproval: [],
      withdrawal: requestedByAna,
    };
    expect(isWaitingFor(published, ben, FOUR_EYES)).toBe(true);
    expect(isWaitingFor(published, ana, FOUR_EYES)).toBe(false);
    expect(isWaitingFor(published, ana, SELF_ALLOWED)).toBe(true);
  });
});

describe('change notes: part of the content, dated by the workflow', () => {
  const published: ChangeNote = {
    id: 'c1',
    text: 'Corrected the date.',
    importance: 'major',
    publishedAt: AT,
  };
  const minor: ChangeNote = {
    id: 'c2',
    text: 'Fixed a typo.',
    importance: 'minor',
    publishedAt: '2024-07-21T10:00:00.000Z',
  };
  const pending: ChangeNote = {
    id: 'c3',
    text: 'Corrected the sentence.',
    importance: 'major',
    publishedAt: null,
  };

  it('lists the published notes newest first; the feed announces the major ones only', () => {
    const content = { changeNotes: [published, minor, pending] };
    expect(publishedChangeNotes(content).map((note) => note.id)).toEqual(['c2', 'c1']);
    expect(announcedChangeNotes(content).map((note) => note.id)).toEqual(['c1']);
    expect(lastPublicUpdate(content)).toBe('2024-07-21T10:00:00.000Z');
    expect(hasPendingChangeNote(content)).toBe(true);
    expect(hasPendingChangeNote({ changeNotes: [{ ...pending, text: '  ' }] })).toBe(false);
  });

  it('dating a note on publication leaves the content hash, and so the sign-off, as it was', () => {
    const corrected = release({ changeNotes: [published, pending] });
    const stamped = {
      ...corrected,
      changeNotes: stampChangeNotes(corrected.changeNotes, '2024-07-22T08:00:00.000Z'),
    };
    expect(stamped.changeNotes[1]!.publishedAt).toBe('2024-07-22T08:00:00.000Z');
    expect(contentHash(stamped)).toBe(contentHash(corrected));
    // The note's words and importance are signed off with the text.
    expect(
      contentHash({ ...corrected, changeNotes: [published, { ...pending, importance: 'minor' }] }),
    ).not.toBe(contentHash(corrected));
  });

  it('an empty history leaves the hash of a release from before corrections unchanged', () => {
    const old = release();
    const { changeNotes: _none, ...withoutNotes } = old;
    expect(contentHash(old)).toBe(contentHash({ ...withoutNotes, changeNotes: [] }));
  });

  it('an edit cannot date a note, nor move a published one', () => {
    const kept = keepPublicationDates(
      [published, pending],
      [
        { ...published, publishedAt: '2030-01-01T00:00:00.000Z' },
        { ...pending, publishedAt: AT },
        { ...minor, id: 'c9' },
      ],
    );
    expect(kept.map((note) => note.publishedAt)).toEqual([AT, null, null]);
  });

  it('migrates a version 4 file to an empty history', () => {
    const { changeNotes: _none, ...v4 } = { ...release(), schemaVersion: 4 };
    const migrated = ReleaseSchema.parse(migrateRelease(v4));
    expect(migrated.changeNotes).toEqual([]);
  });

  it('prints "Updates to this page" at the foot of the page and the text, newest first, from the one renderer', () => {
    const corrected = release({ changeNotes: [published, minor, pending] }, 'published');
    const html = renderReleaseBody(corrected, {
      mode: 'export',
      draftMark: false,
      now: AFTER_EMBARGO,
      profile,
    });
    const updates = html.slice(html.indexOf('<section class="change-notes"'));
    expect(updates).toMatch(
      /^<section class="change-notes" data-field="changeNotes"><h2>Updates to this page<\/h2>/,
    );
    expect(updates.indexOf('Corrected the sentence.')).toBeLessThan(updates.indexOf('Fixed a typo.'));
    expect(updates.indexOf('Fixed a typo.')).toBeLessThan(updates.indexOf('Corrected the date.'));
    expect(updates).toContain('<time datetime="2024-07-20T10:15:00+01:00">20 July 2024 at 10:15</time>');
    expect(updates).toContain('On publication:');
    // Last thing of the article (after ENDS and the contacts).
    expect(html.indexOf('class="end-mark"')).toBeLessThan(html.indexOf('class="change-notes"'));
    const text = renderReleaseText(corrected, { draftMark: false, now: AFTER_EMBARGO, profile });
    expect(text).toContain('Updates to this page');
    expect(text).toContain('- 20 July 2024 at 10:15 Corrected the date.');
  });

  it('prints nothing of an empty history', () => {
    const html = renderReleaseBody(release(), {
      mode: 'export',
      draftMark: false,
      now: AFTER_EMBARGO,
      profile,
    });
    expect(html).not.toContain('Updates to this page');
  });
});

describe('a withdrawn page and the unchecked mark', () => {
  it('says the release was withdrawn, when, and why, above the kept text', () => {
    const withdrawn = release({}, 'withdrawn');
    const html = renderReleaseBody(withdrawn, {
      mode: 'export',
      draftMark: false,
      now: AFTER_EMBARGO,
      profile,
      withdrawn: {
        at: AT,
        explanation: 'The court has ordered a retrial; <b>this</b> is no longer accurate.',
      },
    });
    const notice = html.indexOf('class="withdrawn-notice"');
    expect(notice).toBeGreaterThan(-1);
    expect(notice).toBeLessThan(html.indexOf('<h1'));
    expect(html).toContain(
      '<strong>This release was withdrawn on <time datetime="2024-07-20T10:15:00+01:00">20 July 2024</time></strong>',
    );
    expect(html).toContain('&lt;b&gt;this&lt;/b&gt;');
    expect(html).toContain('Ashford man jailed for harassing former partner');
    const text = renderReleaseText(withdrawn, {
      draftMark: false,
      now: AFTER_EMBARGO,
      profile,
      withdrawn: { at: AT, explanation: 'The court has ordered a retrial.' },
    });
    expect(text).toContain('THIS RELEASE WAS WITHDRAWN ON 20 JULY 2024');
  });

  it('the library summary carries the mark until someone reviews it afterwards', () => {
    const unchecked = {
      by: { id: 'ana', name: 'Ana' },
      at: AT,
      reason: 'Nobody else in the office tonight.',
      contentHash: H1,
      reviewedAfter: null,
    };
    expect(summariseRelease(release({ uncheckedPublish: unchecked }, 'published')).publishedUnchecked).toBe(
      true,
    );
    expect(
      summariseRelease(
        release(
          {
            uncheckedPublish: {
              ...unchecked,
              reviewedAfter: { by: { id: 'ben', name: 'Ben' }, at: AT, outcome: 'fine' },
            },
          },
          'published',
        ),
      ).publishedUnchecked,
    ).toBeUndefined();
  });

  it('an edit of text published without a second check sets the mark aside: the release is a draft again', () => {
    const stored = release({}, 'published');
    const unchecked = {
      ...stored,
      uncheckedPublish: {
        by: { id: 'ana', name: 'Ana' },
        at: AT,
        reason: 'Urgent.',
        contentHash: contentHash(stored),
        reviewedAfter: null,
      },
    };
    const edited = { ...unchecked, headline: 'Ashford man jailed for harassment' };
    const outcome = bookkeepEdit(unchecked, edited, {
      editorId: 'ana',
      editorName: 'Ana',
      revision: 4,
      at: AT,
    });
    expect(outcome.release.status).toBe('draft');
    expect(outcome.lapsed).toBe(true);
    expect(outcome.release.uncheckedPublish).toBeUndefined();
  });
});

describe('a copy of a corrected, withdrawn release', () => {
  it('starts with no change history, no withdrawal and no unchecked mark', () => {
    let n = 0;
    const source = release(
      {
        changeNotes: [{ id: 'c1', text: 'Corrected the date.', importance: 'major', publishedAt: AT }],
        withdrawal: {
          explanation: 'Wrong court.',
          requestedBy: { id: 'ana', name: 'Ana' },
          requestedAt: AT,
          confirmedBy: { id: 'ben', name: 'Ben' },
          confirmedAt: AT,
        },
      },
      'withdrawn',
    );
    const copy = duplicateRelease(source, { id: 'r-copy', now: new Date(AT), makeId: () => `x-${++n}` });
    expect(copy.changeNotes).toEqual([]);
    expect(copy.withdrawal).toBeUndefined();
    expect(copy.uncheckedPublish).toBeUndefined();
    expect(ReleaseSchema.safeParse(copy).success).toBe(true);
  });
});
