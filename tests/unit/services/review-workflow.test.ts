import { appendFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  call,
  createDispatcher,
  createWorkspaceHandlers,
  type ApiDispatcher,
} from '../../../src-main/services/api/dispatch';
import { openWorkspace } from '../../../src-main/services/workspace/store';
import type { Release } from '../../../src-shared/release/schema';
import { contentHash } from '../../../src-shared/workflow/content-hash';
import type { Person } from '../../../src-shared/workflow/workflow';
import { ALL_ROLES, APPROVER, as, REVIEWER, WRITER, value } from './people';

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
});

/** One workspace folder, one dispatcher per person: as two people on a shared folder each run Pressroom. */
async function office() {
  const folder = await mkdtemp(join(tmpdir(), 'pressroom-review-'));
  folders.push(folder);
  const sessions = new Map<Person, ApiDispatcher>();
  const session = async (person: Person) => {
    let dispatch = sessions.get(person);
    if (!dispatch) {
      dispatch = createDispatcher(createWorkspaceHandlers(await openWorkspace(folder), as(person)));
      sessions.set(person, dispatch);
    }
    return dispatch;
  };
  return { folder, session };
}

async function draftBy(dispatch: ApiDispatcher, headline = 'Officer dismissed after misconduct hearing') {
  const created = await value(call(dispatch, 'releases.create', { type: 'news-release' }));
  return value(call(dispatch, 'releases.save', { release: { ...created, headline } }));
}

describe('review workflow through the API', () => {
  it('runs submit -> request changes -> revise -> approve -> edit lapses, with history and audit', async () => {
    const { session } = await office();
    const writer = await session(WRITER);
    const reviewer = await session(REVIEWER);
    const approver = await session(APPROVER);

    let release = await draftBy(writer);
    release = await value(
      call(writer, 'releases.act', { id: release.id, revision: release.revision, action: 'submit' }),
    );
    expect(release.status).toBe('in-review');

    const noReason = await call(reviewer, 'releases.act', {
      id: release.id,
      revision: release.revision,
      action: 'request-changes',
    });
    expect(noReason).toMatchObject({
      ok: false,
      error: { code: 'refused', message: /Say what needs to change/ },
    });

    release = await value(
      call(reviewer, 'releases.act', {
        id: release.id,
        revision: release.revision,
        action: 'request-changes',
        reason: 'Name the hearing date in the standfirst.',
      }),
    );
    expect(release.status).toBe('changes-requested');

    release = await value(
      call(writer, 'releases.save', {
        release: { ...release, standfirst: 'A hearing on 3 June found gross misconduct.' },
      }),
    );
    release = await value(
      call(writer, 'releases.act', { id: release.id, revision: release.revision, action: 'submit' }),
    );

    // A reviewer may not sign the approver's step.
    const wrongRole = await call(reviewer, 'releases.act', {
      id: release.id,
      revision: release.revision,
      action: 'approve',
    });
    expect(wrongRole).toMatchObject({ ok: false, error: { code: 'refused', message: /approver/ } });

    release = await value(
      call(approver, 'releases.act', { id: release.id, revision: release.revision, action: 'approve' }),
    );
    expect(release.status).toBe('approved');
    expect(release.approvals).toEqual([
      expect.objectContaining({ personId: APPROVER.id, stepIndex: 0, contentHash: contentHash(release) }),
    ]);
    expect(release.editedSinceApproval).toEqual([]);

    // The writer changes one word: the approval lapses and the release is a draft again.
    const edited = await value(
      call(writer, 'releases.save', {
        release: { ...release, headline: 'Officer sacked after misconduct hearing' },
      }),
    );
    expect(edited.status).toBe('draft');
    expect(edited.approvals).toEqual([]);
    expect(edited.editedSinceApproval).toEqual([WRITER.id]);

    const audit = await value(call(writer, 'audit.read', { id: release.id }));
    expect(audit.intact).toBe(true);
    expect(audit.entries.map((e) => [e.event, e.actor.name])).toEqual([
      ['created', WRITER.name],
      ['edited', WRITER.name],
      ['submitted', WRITER.name],
      ['changes-requested', REVIEWER.name],
      ['edited', WRITER.name],
      ['submitted', WRITER.name],
      ['approved', APPROVER.name],
      ['lapsed', WRITER.name],
      ['edited', WRITER.name],
    ]);
    expect(audit.entries[3]!.details.reason).toBe('Name the hearing date in the standfirst.');
    expect(audit.entries[6]!.details.contentHash).toBe(contentHash(release));

    const history = await value(call(writer, 'history.list', { id: release.id }));
    expect(history.versions.map((v) => [v.reason, v.status])).toEqual([
      ['approved', 'approved'],
      ['submitted', 'in-review'],
      ['submitted', 'in-review'],
    ]);
    // History keeps both: the approved text is still there after the lapse.
    const approvedVersion = await value(call(writer, 'history.get', { id: release.id, seq: 3 }));
    expect(approvedVersion.release.headline).toBe('Officer dismissed after misconduct hearing');
  });

  it('refuses self-approval, and the approval of text someone edited since the last approval', async () => {
    const { session } = await office();
    const sol = await session(ALL_ROLES);
    let release = await draftBy(sol);
    release = await value(
      call(sol, 'releases.act', { id: release.id, revision: release.revision, action: 'submit' }),
    );
    const attempt = await call(sol, 'releases.act', {
      id: release.id,
      revision: release.revision,
      action: 'approve',
    });
    expect(attempt).toMatchObject({
      ok: false,
      error: { code: 'refused', message: /someone else must approve/ },
    });
    expect((await value(call(sol, 'releases.get', { id: release.id }))).status).toBe('in-review');

    // Unless the workspace explicitly allows it.
    const settings = (await value(call(sol, 'workspace.describe', {}))).settings;
    await value(
      call(sol, 'workspace.updateSettings', { settings: { ...settings, allowSelfApproval: true } }),
    );
    const allowed = await value(
      call(sol, 'releases.act', { id: release.id, revision: release.revision, action: 'approve' }),
    );
    expect(allowed.status).toBe('approved');
  });

  it('completes a two-step chain only in order, each step by its own person', async () => {
    const { session } = await office();
    const writer = await session(WRITER);
    const legal = await session(REVIEWER);
    const director = await session(APPROVER);
    const settings = (await value(call(writer, 'workspace.describe', {}))).settings;
    await value(
      call(writer, 'workspace.updateSettings', {
        settings: {
          ...settings,
          approvalChain: [
            { label: 'Legal', role: 'reviewer' },
            { label: 'Director', role: 'approver' },
          ],
        },
      }),
    );
    let release = await draftBy(writer);
    release = await value(
      call(writer, 'releases.act', { id: release.id, revision: release.revision, action: 'submit' }),
    );

    const early = await call(director, 'releases.act', {
      id: release.id,
      revision: release.revision,
      action: 'approve',
    });
    expect(early).toMatchObject({
      ok: false,
      error: { code: 'refused', message: /Director sign-off has to come from|Legal/ },
    });

    release = await value(
      call(legal, 'releases.act', { id: release.id, revision: release.revision, action: 'approve' }),
    );
    expect(release.status).toBe('in-review');
    expect(release.approvals.map((a) => a.stepLabel)).toEqual(['Legal']);

    release = await value(
      call(director, 'releases.act', { id: release.id, revision: release.revision, action: 'approve' }),
    );
    expect(release.status).toBe('approved');
    expect(release.approvals.map((a) => [a.stepLabel, a.personName])).toEqual([
      ['Legal', REVIEWER.name],
      ['Director', APPROVER.name],
    ]);
  });

  it('refuses to act on a revision someone else has moved past, and asks who you are first', async () => {
    const { folder, session } = await office();
    const writer = await session(WRITER);
    const release = await draftBy(writer);
    await value(call(writer, 'releases.save', { release: { ...release, standfirst: 'Newer text.' } }));
    const stale = await call(writer, 'releases.act', {
      id: release.id,
      revision: release.revision,
      action: 'submit',
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const nobody = createDispatcher(createWorkspaceHandlers(await openWorkspace(folder)));
    expect(await call(nobody, 'releases.create', { type: 'statement' })).toMatchObject({
      ok: false,
      error: { code: 'identity-required' },
    });
    const me = await value(
      call(nobody, 'session.identify', { name: '  Rafi   Reviewer ', roles: ['reviewer'] }),
    );
    expect(me.name).toBe('Rafi Reviewer');
    expect(await value(call(nobody, 'session.whoami', {}))).toEqual({ person: me });
    expect((await value(call(nobody, 'workspace.describe', {}))).people).toContainEqual(me);
  });

  it('keeps versions on demand and restores one as a draft, keeping the text it replaces', async () => {
    const { session } = await office();
    const writer = await session(WRITER);
    let release = await draftBy(writer, 'First headline');
    const kept = await value(call(writer, 'history.keep', { id: release.id }));
    expect(kept).toMatchObject({ reason: 'manual', headline: 'First headline' });
    release = await value(
      call(writer, 'releases.save', { release: { ...release, headline: 'Second headline' } }),
    );
    const restored = await value(
      call(writer, 'history.restore', { id: release.id, seq: kept.seq, revision: release.revision }),
    );
    expect(restored).toMatchObject({ headline: 'First headline', status: 'draft' });
    const versions = (await value(call(writer, 'history.list', { id: release.id }))).versions;
    expect(versions.map((v) => [v.reason, v.headline])).toEqual([
      ['restored', 'Second headline'],
      ['manual', 'First headline'],
    ]);
  });

  it('reports an edited audit trail instead of hiding it', async () => {
    const { folder, session } = await office();
    const writer = await session(WRITER);
    const release: Release = await draftBy(writer);
    // This computer's chain: the only audit file it writes for the release.
    const chains = (await readdir(join(folder, 'audit', release.id))).filter((n) => n.endsWith('.jsonl'));
    expect(chains).toHaveLength(1);
    const path = join(folder, 'audit', release.id, chains[0]!);
    const text = await readFile(path, 'utf8');
    await rm(path);
    await appendFile(path, text.replace('"created"', '"edited"'));
    const report = await value(call(writer, 'audit.read', { id: release.id }));
    expect(report.intact).toBe(false);
    expect(report.problem).toMatch(/Entry 1 was changed/);
  });
});

describe('comments through the API', () => {
  it('adds, replies, resolves and reopens; nothing is deleted; each author writes only their own file', async () => {
    const { folder, session } = await office();
    const writer = await session(WRITER);
    const reviewer = await session(REVIEWER);
    const release = await draftBy(writer);
    const paragraph = release.body[0]!.id;

    let threads = await value(
      call(reviewer, 'comments.add', {
        id: release.id,
        anchor: { section: 'body', itemId: paragraph },
        text: 'Is "dismissed" the word the panel used?',
      }),
    );
    const threadId = threads[0]!.id;
    threads = await value(
      call(writer, 'comments.reply', { id: release.id, threadId, text: 'Yes, from the outcome.' }),
    );
    expect(threads[0]!.replies.map((r) => r.text)).toEqual(['Yes, from the outcome.']);
    threads = await value(
      call(reviewer, 'comments.setResolved', { id: release.id, threadId, resolved: true }),
    );
    expect(threads[0]).toMatchObject({ resolved: true, replies: [{ author: { name: WRITER.name } }] });
    threads = await value(
      call(writer, 'comments.setResolved', { id: release.id, threadId, resolved: false }),
    );
    expect(threads).toHaveLength(1);
    expect(threads[0]!.resolved).toBe(false);
    expect(threads[0]!.statusChanges.map((c) => [c.resolved, c.by.name])).toEqual([
      [true, REVIEWER.name],
      [false, WRITER.name],
    ]);
    expect((await readdir(join(folder, 'comments', release.id))).sort()).toEqual([
      `${REVIEWER.id}.jsonl`,
      `${WRITER.id}.jsonl`,
    ]);

    // A torn line (a crash mid-append) is skipped; the rest still reads.
    await appendFile(join(folder, 'comments', release.id, `${WRITER.id}.jsonl`), '{"kind":"reply","id":"x');
    const afterCrash = await value(call(writer, 'comments.list', { id: release.id }));
    expect(afterCrash.threads).toHaveLength(1);
    expect(afterCrash.problems).toEqual([
      `comments/${release.id}/${WRITER.id}.jsonl, line 3, could not be read; it was left in the file.`,
    ]);
    // The next comment by the same author starts a line of its own: it is not glued to the torn one.
    await value(call(writer, 'comments.reply', { id: release.id, threadId, text: 'After the crash.' }));
    const mended = await value(call(writer, 'comments.list', { id: release.id }));
    expect(mended.threads[0]!.replies.map((r) => r.text)).toContain('After the crash.');

    // Comments are not content: the release's revision and status are untouched, and the trail has them.
    expect((await value(call(writer, 'releases.get', { id: release.id }))).revision).toBe(release.revision);
    const events = (await value(call(writer, 'audit.read', { id: release.id }))).entries.map((e) => e.event);
    expect(events.filter((e) => e === 'commented')).toHaveLength(5);
    const first = (await value(call(writer, 'audit.read', { id: release.id }))).entries.find(
      (e) => e.event === 'commented',
    );
    expect(first?.details).toMatchObject({
      action: 'added',
      on: `body ${paragraph}`,
      text: 'Is "dismissed" the word the panel used?',
    });

    expect(
      await call(writer, 'comments.add', {
        id: release.id,
        anchor: { section: 'body', itemId: null },
        text: '   ',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });
});
