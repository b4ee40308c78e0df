import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  call,
  createDispatcher,
  createWorkspaceHandlers,
  type ApiDispatcher,
} from '../../../src-main/services/api/dispatch';
import { checkReleaseFile, releaseFileName } from '../../../src-main/services/release-file';
import { openWorkspace } from '../../../src-main/services/workspace/store';
import type { Release } from '../../../src-shared/release/schema';
import type { Person } from '../../../src-shared/workflow/workflow';
import { APPROVER, as, REVIEWER, WRITER, value } from './people';

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
});

/** A workspace of its own: the press office's shared folder, or an outside reviewer's computer. */
async function workspace(person: Person) {
  const folder = await mkdtemp(join(tmpdir(), 'pressroom-file-'));
  folders.push(folder);
  return { folder, api: createDispatcher(createWorkspaceHandlers(await openWorkspace(folder), as(person))) };
}

async function submittedDraft(api: ApiDispatcher): Promise<Release> {
  const created = await value(call(api, 'releases.create', { type: 'news-release' }));
  const saved = await value(
    call(api, 'releases.save', {
      release: {
        ...created,
        headline: 'Officer dismissed after misconduct hearing',
        standfirst: 'A panel found…',
      },
    }),
  );
  return value(call(api, 'releases.act', { id: saved.id, revision: saved.revision, action: 'submit' }));
}

describe('release files', () => {
  it('travels to an outside reviewer and comes back approved, with history, comments and trail', async () => {
    const office = await workspace(WRITER);
    const outside = await workspace(APPROVER);
    const release = await submittedDraft(office.api);
    await value(
      call(office.api, 'comments.add', {
        id: release.id,
        anchor: { section: 'headline', itemId: null },
        text: 'Please check the wording.',
      }),
    );

    const sent = await value(call(office.api, 'releaseFile.save', { id: release.id }));
    expect(sent.fileName).toBe('officer-dismissed-after-misconduct-hearing.pressrelease');

    // The outside approver opens it: a new release in their workspace, the same trail and history.
    const received = await value(call(outside.api, 'releaseFile.open', { text: sent.text }));
    expect(received.outcome).toBe('added');
    expect(received.release).toMatchObject({ id: release.id, status: 'in-review' });
    expect((await value(call(outside.api, 'audit.read', { id: release.id }))).intact).toBe(true);
    expect((await value(call(outside.api, 'comments.list', { id: release.id }))).threads).toHaveLength(1);

    const approved = await value(
      call(outside.api, 'releases.act', {
        id: release.id,
        revision: received.release.revision,
        action: 'approve',
      }),
    );
    expect(approved.status).toBe('approved');
    const back = await value(call(outside.api, 'releaseFile.save', { id: release.id }));

    // Back in the office: the same release, now approved; the office's trail is extended, never rewritten.
    // Every computer's chain, by file name: each must only grow.
    const chains = async () => {
      const folder = join(office.folder, 'audit', release.id);
      const names = (await readdir(folder)).filter((name) => name.endsWith('.jsonl'));
      return new Map(
        await Promise.all(names.map(async (n) => [n, await readFile(join(folder, n), 'utf8')] as const)),
      );
    };
    const trailBefore = await chains();
    expect(trailBefore.size).toBeGreaterThan(0);
    const returned = await value(call(office.api, 'releaseFile.open', { text: back.text }));
    expect(returned.outcome).toBe('updated');
    expect(returned.release.status).toBe('approved');
    expect(returned.release.approvals.map((a) => a.personName)).toEqual([APPROVER.name]);
    const trailAfter = await chains();
    for (const [name, before] of trailBefore)
      expect(trailAfter.get(name)?.startsWith(before), name).toBe(true);
    const events = (await value(call(office.api, 'audit.read', { id: release.id }))).entries.map(
      (e) => e.event,
    );
    expect(events.slice(-1)).toEqual(['approved']);
    expect((await value(call(office.api, 'audit.read', { id: release.id }))).intact).toBe(true);
    const versions = (await value(call(office.api, 'history.list', { id: release.id }))).versions;
    expect(versions.map((v) => v.reason)).toEqual(['approved', 'submitted']);

    // Opening the same file again changes nothing.
    expect((await value(call(office.api, 'releaseFile.open', { text: back.text }))).outcome).toBe(
      'unchanged',
    );
  });

  it('refuses a file whose text was changed after it was signed off, naming every problem, and writes nothing', async () => {
    const office = await workspace(WRITER);
    const outside = await workspace(APPROVER);
    const release = await submittedDraft(office.api);
    await value(
      call(outside.api, 'releaseFile.open', {
        text: (await value(call(office.api, 'releaseFile.save', { id: release.id }))).text,
      }),
    );
    const current = await value(call(outside.api, 'releases.get', { id: release.id }));
    await value(
      call(outside.api, 'releases.act', { id: release.id, revision: current.revision, action: 'approve' }),
    );
    const file = JSON.parse(
      (await value(call(outside.api, 'releaseFile.save', { id: release.id }))).text,
    ) as {
      release: Release;
      history: Array<{ release: Release }>;
    };

    // Someone edits the headline in a text editor but keeps the status and sign-off.
    file.release.headline = 'Officer cleared after misconduct hearing';
    file.history[0]!.release.headline = 'Something else entirely';
    const tampered = JSON.stringify(file);
    const checked = checkReleaseFile(tampered);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.problems).toEqual([
      expect.stringMatching(/sign-off by Ada Approver \(Approval\) was given for other text/),
      'The file says the release is approved, but no valid sign-off covers its text.',
      expect.stringMatching(/Version \d+ of the history was changed after it was kept/),
    ]);

    const fresh = await workspace(REVIEWER);
    const refused = await call(fresh.api, 'releaseFile.open', { text: tampered });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: /nothing was changed/ },
    });
    expect(await readdir(join(fresh.folder, 'releases'))).toEqual([]);
    expect(await readdir(fresh.folder)).not.toContain('audit');
  });

  it('refuses a file whose audit trail was edited, and one that does not continue the release here', async () => {
    const office = await workspace(WRITER);
    const release = await submittedDraft(office.api);
    const sent = await value(call(office.api, 'releaseFile.save', { id: release.id }));

    // The office computer's chain (one chain per computer since issue 12, release file version 2).
    const file = JSON.parse(sent.text) as {
      formatVersion: number;
      audit: { chains: Array<{ text: string }> };
    };
    expect(file.formatVersion).toBe(2);
    // A version 1 file (one chain) is still a release file.
    expect(checkReleaseFile(JSON.stringify({ ...file, formatVersion: 1 })).ok).toBe(true);
    expect(file.audit.chains).toHaveLength(1);
    file.audit.chains[0]!.text = file.audit.chains[0]!.text.replace('"submitted"', '"created"');
    expect(checkReleaseFile(JSON.stringify(file))).toMatchObject({
      ok: false,
      problems: [
        expect.stringMatching(
          /audit trail does not check out: In the entries recorded on .*: Entry \d+ was changed/,
        ),
      ],
    });

    // Meanwhile the office reopened and edited it: the old file no longer continues the release.
    const current = await value(call(office.api, 'releases.get', { id: release.id }));
    const edited = await value(
      call(office.api, 'releases.save', { release: { ...current, headline: 'Changed here' } }),
    );
    const diverged = await call(office.api, 'releaseFile.open', { text: sent.text });
    expect(diverged).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: /open the file as a copy/ },
    });
    expect((await value(call(office.api, 'releases.get', { id: release.id }))).revision).toBe(
      edited.revision,
    );

    const copy = await value(call(office.api, 'releaseFile.open', { text: sent.text, asCopy: true }));
    expect(copy.outcome).toBe('copied');
    expect(copy.release.id).not.toBe(release.id);
    // The headline as it was; the copy records what it was copied from (issue 14, item 11).
    expect(copy.release).toMatchObject({
      status: 'draft',
      headline: 'Officer dismissed after misconduct hearing',
      copiedFrom: { id: release.id, headline: 'Officer dismissed after misconduct hearing' },
    });
  });

  it('says plainly what is wrong with files that are not release files at all', () => {
    expect(checkReleaseFile('not json')).toEqual({
      ok: false,
      problems: ['The file is not a Pressroom release file: it is damaged or of another kind.'],
    });
    expect(checkReleaseFile(JSON.stringify({ format: 'pressroom-release', formatVersion: 9 }))).toEqual({
      ok: false,
      problems: ['The file was made by a newer version of Pressroom. Update Pressroom to open it.'],
    });
    const incomplete = checkReleaseFile(JSON.stringify({ format: 'pressroom-release', formatVersion: 1 }));
    expect(!incomplete.ok && incomplete.problems[0]).toMatch(/not a complete Pressroom release file/);
    expect(releaseFileName({ headline: 'Été: "Crime" / Justice?', id: 'r-1' } as Release)).toBe(
      'ete-crime-justice.pressrelease',
    );
    expect(releaseFileName({ headline: '???', id: 'r-1' } as Release)).toBe('r-1.pressrelease');
  });
});
