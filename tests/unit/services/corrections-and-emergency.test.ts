import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  call,
  createDispatcher,
  createWorkspaceHandlers,
  type ApiDispatcher,
} from '../../../src-main/services/api/dispatch';
import { createMemoryIdentityStore } from '../../../src-main/services/identity';
import { openWorkspace } from '../../../src-main/services/workspace/store';
import { protectedPeopleNamed, type Release } from '../../../src-shared/release/schema';
import { APPROVER, REVIEWER, WRITER, value } from './people';

/** Issue 17, items 2 and 4, through the API: what is stored, what the trail says, what the page shows. */

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
});

const NOW = new Date('2026-11-24T09:00:00Z');

async function office() {
  const folder = await mkdtemp(join(tmpdir(), 'pressroom-corrections-'));
  const userData = await mkdtemp(join(tmpdir(), 'pressroom-corrections-user-'));
  folders.push(folder, userData);
  const session = async (person: typeof WRITER) =>
    createDispatcher(
      createWorkspaceHandlers(await openWorkspace(folder), {
        identity: createMemoryIdentityStore(person),
        userData,
        now: () => NOW,
      }),
    );
  return {
    writer: await session(WRITER),
    reviewer: await session(REVIEWER),
    approver: await session(APPROVER),
  };
}

const act = (api: ApiDispatcher, release: Release, action: string, extra: Record<string, unknown> = {}) =>
  call(api, 'releases.act', { id: release.id, revision: release.revision, action, ...extra } as never);

async function inReview(writer: ApiDispatcher, change: Partial<Release> = {}) {
  const created = await value(call(writer, 'releases.create', { type: 'news-release' }));
  const saved = await value(
    call(writer, 'releases.save', {
      release: {
        ...created,
        headline: 'Council approves new cycle lanes',
        standfirst: 'The council voted on Monday to build three new cycle lanes.',
        ...change,
      },
    }),
  );
  return value(act(writer, saved, 'submit'));
}

async function published(writer: ApiDispatcher, approver: ApiDispatcher) {
  const approved = await value(act(approver, await inReview(writer), 'approve'));
  return (await value(call(writer, 'export.release', { id: approved.id, format: 'html' }))).release;
}

const page = async (api: ApiDispatcher, id: string) =>
  Buffer.from(
    (await value(call(api, 'export.release', { id, format: 'html' }))).dataBase64,
    'base64',
  ).toString('utf8');

const trail = async (api: ApiDispatcher, id: string) =>
  (await value(call(api, 'audit.read', { id }))).entries.map((entry) => ({
    event: entry.event,
    by: entry.actor.name,
    ...entry.details,
  }));

const waiting = async (api: ApiDispatcher) => (await value(call(api, 'releases.search', {}))).waitingForMe;

describe('a correction of a published release', () => {
  it('starts as a draft with its change note, goes through review, and the page shows the dated note', async () => {
    const { writer, approver } = await office();
    const release = await published(writer, approver);
    expect(release.status).toBe('published');

    expect(await act(writer, release, 'correct', { importance: 'major' })).toMatchObject({
      ok: false,
      error: { message: /Write the change note/ },
    });
    let corrected = await value(
      act(writer, release, 'correct', {
        reason: 'Corrected the number of cycle lanes.',
        importance: 'major',
      }),
    );
    expect(corrected.status).toBe('draft');
    expect(corrected.approvals).toEqual([]);
    expect(corrected.changeNotes).toEqual([
      expect.objectContaining({
        text: 'Corrected the number of cycle lanes.',
        importance: 'major',
        publishedAt: null,
      }),
    ]);
    expect((await trail(writer, release.id)).at(-1)).toMatchObject({
      event: 'correction-started',
      by: WRITER.name,
      from: 'published',
      to: 'draft',
      reason: 'Corrected the number of cycle lanes.',
      importance: 'major',
    });

    corrected = await value(
      call(writer, 'releases.save', {
        release: { ...corrected, standfirst: 'The council voted on Monday to build four new cycle lanes.' },
      }),
    );
    corrected = await value(act(writer, corrected, 'submit'));
    // The writer of the correction may not approve it (four-eyes), as for any change.
    corrected = await value(act(approver, corrected, 'approve'));
    const html = await page(writer, corrected.id);
    expect(html).toContain('<h2>Updates to this page</h2>');
    expect(html).toContain('<time datetime="2026-11-24T09:00:00+00:00">24 November 2026 at 09:00</time>');
    expect(html).toContain('Corrected the number of cycle lanes.');
    const stored = await value(call(writer, 'releases.get', { id: corrected.id }));
    expect(stored.status).toBe('published');
    expect(stored.changeNotes[0]!.publishedAt).toBe(NOW.toISOString());
  });
});

describe('withdrawing a published release', () => {
  it('is asked for by one person with a public explanation and confirmed by a second; the page keeps the text', async () => {
    const { writer, reviewer, approver } = await office();
    const release = await published(writer, approver);
    expect(await act(writer, release, 'withdraw', { reason: 'x' })).toMatchObject({ ok: false });
    const asked = await value(
      act(writer, release, 'request-withdrawal', { reason: 'The hearing has been adjourned.' }),
    );
    expect(asked.status).toBe('published');
    expect(asked.withdrawal).toMatchObject({
      explanation: 'The hearing has been adjourned.',
      requestedBy: { id: WRITER.id },
      confirmedAt: null,
    });
    expect(await waiting(reviewer)).toBe(1);
    expect(await waiting(writer)).toBe(0);

    const withdrawn = await value(act(reviewer, asked, 'confirm-withdrawal'));
    expect(withdrawn.status).toBe('withdrawn');
    expect(withdrawn.withdrawal).toMatchObject({
      confirmedBy: { id: REVIEWER.id },
      confirmedAt: NOW.toISOString(),
    });
    expect((await trail(writer, release.id)).slice(-2)).toMatchObject([
      { event: 'withdrawal-requested', by: WRITER.name, reason: 'The hearing has been adjourned.' },
      { event: 'withdrawn', by: REVIEWER.name, from: 'published', to: 'withdrawn' },
    ]);
    const html = await page(writer, release.id);
    expect(html).toContain(
      'This release was withdrawn on <time datetime="2026-11-24T09:00:00+00:00">24 November 2026</time>',
    );
    expect(html).toContain('The hearing has been adjourned.');
    expect(html).toContain('Council approves new cycle lanes');
    expect(html).not.toContain('class="draft-banner"');
    expect(await waiting(reviewer)).toBe(0);
  });

  it('refuses the person who asked confirming it, and can be dropped', async () => {
    const { writer, approver } = await office();
    const release = await published(writer, approver);
    const asked = await value(act(approver, release, 'request-withdrawal', { reason: 'Wrong court named.' }));
    expect(await act(approver, asked, 'confirm-withdrawal')).toMatchObject({
      ok: false,
      error: { message: /someone else must confirm it/ },
    });
    const kept = await value(act(writer, asked, 'cancel-withdrawal'));
    expect(kept.status).toBe('published');
    expect(kept.withdrawal).toBeUndefined();
  });
});

describe('publishing without a second check', () => {
  it('needs a reason, marks the release, waits for every other reviewer until one reviews it afterwards', async () => {
    const { writer, reviewer, approver } = await office();
    const release = await inReview(writer);
    expect(await act(approver, release, 'publish-unchecked')).toMatchObject({
      ok: false,
      error: { message: /Say why this cannot wait for a second person/ },
    });
    expect(await act(writer, release, 'publish-unchecked', { reason: 'Urgent.' })).toMatchObject({
      ok: false,
      error: { message: /Only an approver can publish without a second check/ },
    });
    const out = await value(
      act(approver, release, 'publish-unchecked', {
        reason: 'Road closure tonight; nobody else in the office.',
      }),
    );
    expect(out.status).toBe('published');
    expect(out.uncheckedPublish).toMatchObject({
      by: { id: APPROVER.id },
      reason: 'Road closure tonight; nobody else in the office.',
      reviewedAfter: null,
    });
    const rows = (await value(call(reviewer, 'releases.search', {}))).rows;
    expect(rows.find((row) => row.id === out.id)?.publishedUnchecked).toBe(true);
    expect(await waiting(reviewer)).toBe(1);
    expect(await waiting(approver)).toBe(0);
    // Out as final, over exactly this text.
    const exported = await value(call(approver, 'export.release', { id: out.id, format: 'txt' }));
    expect(exported.draft).toBe(false);

    expect(await act(approver, out, 'review-after-publishing')).toMatchObject({ ok: false });
    const current = await value(call(reviewer, 'releases.get', { id: out.id }));
    const reviewed = await value(act(reviewer, current, 'review-after-publishing'));
    expect(reviewed.uncheckedPublish?.reviewedAfter).toMatchObject({
      by: { id: REVIEWER.id },
      outcome: 'fine',
    });
    expect(await waiting(reviewer)).toBe(0);
    const events = (await trail(reviewer, out.id)).map((entry) => entry.event);
    expect(events).toContain('published-unchecked');
    expect(events.at(-1)).toBe('reviewed-after-publishing');
    expect((await value(call(reviewer, 'releases.search', {}))).rows[0]?.publishedUnchecked).toBeUndefined();
  });

  it("travels in a release file: the publisher's record and its trail entry stand in for the sign-offs", async () => {
    const { writer, approver } = await office();
    const out = await value(
      act(approver, await inReview(writer), 'publish-unchecked', { reason: 'Urgent.' }),
    );
    const file = await value(call(approver, 'releaseFile.save', { id: out.id }));
    const elsewhere = await office();
    const opened = await value(call(elsewhere.reviewer, 'releaseFile.open', { text: file.text }));
    expect(opened.outcome).toBe('added');
    expect(opened.release.uncheckedPublish?.reason).toBe('Urgent.');
  });

  it('is refused when the text names a protected person', async () => {
    const { writer, approver } = await office();
    const release = await inReview(writer, {
      standfirst: 'Jane Doe, 14, was hurt.',
      anonymityList: protectedPeopleNamed('Jane Doe'),
    });
    expect(await act(approver, release, 'publish-unchecked', { reason: 'Urgent.' })).toMatchObject({
      ok: false,
      error: { message: /names a protected person/ },
    });
  });
});
