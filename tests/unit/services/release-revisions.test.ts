import { cp, mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { knownContentHash } from '../../../src-main/services/workspace/revisions';
import { openWorkspace, type WorkspaceStore } from '../../../src-main/services/workspace/store';
import type { Release } from '../../../src-shared/release/schema';
import { contentHash } from '../../../src-shared/workflow/content-hash';
import { revisionNames } from '../../support/stored-release';

/**
 * Two computers, each with its own copy of the workspace, and a copier that carries files across as a sync engine
 * does: whole files, added where missing. Revision files are never written by two computers, so the copier never
 * has to choose between two texts of one file.
 */
let root: string;
let folderA: string;
let folderB: string;
let a: WorkspaceStore;
let b: WorkspaceStore;

async function copyAcross(from: string, to: string): Promise<void> {
  await cp(from, to, {
    recursive: true,
    force: false,
    errorOnExist: false,
    filter: (src) => !src.endsWith('.lock'),
  });
}

async function sync(): Promise<void> {
  await copyAcross(folderA, folderB);
  await copyAcross(folderB, folderA);
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'pressroom-revisions-'));
  folderA = join(root, 'a');
  folderB = join(root, 'b');
  a = await openWorkspace(folderA, { userData: join(root, 'user-a') });
  b = await openWorkspace(folderB, { userData: join(root, 'user-b') });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const withHeadline = (release: Release, headline: string): Release => ({ ...release, headline });

describe('revisions on two computers', () => {
  it('keeps both texts of a simultaneous save and shows two versions on both computers', async () => {
    const created = await a.create('news-release');
    await sync();
    const onB = await b.get(created.id);
    const savedA = await a.save(withHeadline(created, 'Council approves budget (Ana)'));
    const savedB = await b.save(withHeadline(onB, 'Council approves budget (Ben)'));
    // Both saves were acknowledged, each on its own computer.
    expect(savedA.headline).toContain('Ana');
    expect(savedB.headline).toContain('Ben');
    await sync();
    for (const store of [a, b]) {
      const versions = await store.versions(created.id);
      expect(versions.kind).toBe('texts');
      expect(versions.heads.map((head) => head.release.headline).sort()).toEqual([
        'Council approves budget (Ana)',
        'Council approves budget (Ben)',
      ]);
    }
    // Each computer keeps showing its own version, so its next save continues its own line.
    expect((await a.get(created.id)).headline).toContain('Ana');
    expect((await b.get(created.id)).headline).toContain('Ben');
  });

  it('settles two versions with a merge on top of both, which every computer then shows', async () => {
    const created = await a.create('news-release');
    await sync();
    const onB = await b.get(created.id);
    await a.save(withHeadline(created, 'Headline by Ana'));
    await b.save({ ...onB, standfirst: 'Standfirst by Ben' });
    await sync();
    const versions = await a.versions(created.id);
    const mine = versions.heads[0]!.release;
    const merged = { ...mine, standfirst: 'Standfirst by Ben' };
    const kept = await a.resolveFork(
      merged,
      versions.heads.map((head) => head.id),
      { id: 'u-ana', name: 'Ana' },
    );
    await sync();
    for (const store of [a, b]) {
      const after = await store.versions(created.id);
      expect(after.kind).toBe('one');
      expect(after.current.release.headline).toBe('Headline by Ana');
      expect(after.current.release.standfirst).toBe('Standfirst by Ben');
      expect(after.current.revision).toBe(kept.revision);
    }
    // Every acknowledged save is still a file.
    expect(await revisionNames(folderA, created.id)).toHaveLength(4);
  });

  it('refuses to settle when a third version arrived meanwhile', async () => {
    const created = await a.create('news-release');
    await sync();
    const onB = await b.get(created.id);
    await a.save(withHeadline(created, 'A'));
    await b.save(withHeadline(onB, 'B'));
    await sync();
    const seen = (await a.versions(created.id)).heads.map((head) => head.id);
    const onB2 = await b.get(created.id);
    await b.save(withHeadline(onB2, 'B again'));
    await sync();
    await expect(
      a.resolveFork(withHeadline(created, 'A'), seen, { id: 'u-ana', name: 'Ana' }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('never carries a sign-off over onto a merged text', async () => {
    const created = await a.create('news-release');
    const approved = await a.update(created.id, created.revision, (stored) => ({
      ...stored,
      status: 'approved',
      approvals: [
        {
          stepIndex: 0,
          stepLabel: 'Approver',
          personId: 'u-rev',
          personName: 'Rev',
          at: '2026-12-07T10:00:00.000Z',
          contentHash: contentHash(stored),
        },
      ],
    }));
    await sync();
    const onB = await b.get(created.id);
    await b.save(withHeadline(onB, 'Edited on B after approval'));
    const onA = await a.get(created.id);
    expect(onA.status).toBe('approved');
    await a.save({ ...approved, notesToEditors: [] });
    await sync();
    const versions = await a.versions(created.id);
    expect(versions.kind).toBe('texts');
    const merged = { ...versions.heads[0]!.release, headline: 'Edited on B after approval' };
    const kept = await a.resolveFork(
      merged,
      versions.heads.map((head) => head.id),
      null,
    );
    expect(kept.approvals).toEqual([]);
    expect(kept.status).not.toBe('approved');
  });

  it('settles two decisions on the same text by the workflow rule, the same way on both computers', async () => {
    const created = await a.create('news-release');
    const inReview = await a.update(created.id, created.revision, (stored) => ({
      ...stored,
      status: 'in-review',
    }));
    await sync();
    await a.update(created.id, inReview.revision, (stored) => ({ ...stored, status: 'withdrawn' }));
    await b.update(created.id, inReview.revision, (stored) => ({ ...stored, status: 'changes-requested' }));
    await sync();
    for (const store of [a, b]) {
      const versions = await store.versions(created.id);
      expect(versions.kind).toBe('decisions');
      expect(versions.current.release.status).toBe('withdrawn');
      expect(versions.rule).toMatch(/Withdrawn .* stands/);
      expect((await store.get(created.id)).status).toBe('withdrawn');
    }
    // The next action settles it for good: one version again, on top of both.
    const current = await b.get(created.id);
    await b.update(created.id, current.revision, (stored) => ({ ...stored, status: 'draft' }));
    await sync();
    expect((await a.versions(created.id)).kind).toBe('one');
  });

  it('sets aside a revision whose text was changed, names its computer, and uses the one before', async () => {
    const created = await a.create('news-release');
    const saved = await a.save(withHeadline(created, 'Good text'));
    await a.save(withHeadline(saved, 'Text that will be tampered with'));
    const names = await revisionNames(folderA, created.id);
    const newest = join(folderA, 'releases', created.id, names.at(-1)!);
    const text = await readFile(newest, 'utf8');
    await writeFile(newest, text.replace('tampered with', 'changed by hand'));
    expect((await a.get(created.id)).headline).toBe('Good text');
    const problems = (await a.describe()).problems;
    const problem = problems.find((p) => p.file.endsWith(names.at(-1)!));
    expect(problem?.message).toMatch(/written on .*hash does not match/);
  });

  it('notices a same-length change to the revision this computer has just written and remembers', async () => {
    const created = await a.create('news-release');
    const saved = await a.save(withHeadline(created, 'Good text'));
    // Read once, so that the store's own memory of what it wrote is in use.
    await a.save(withHeadline(saved, 'Text AAAA'));
    expect((await a.get(created.id)).headline).toBe('Text AAAA');
    const names = await revisionNames(folderA, created.id);
    const newest = join(folderA, 'releases', created.id, names.at(-1)!);
    const text = await readFile(newest, 'utf8');
    const tampered = text.replace('Text AAAA', 'Text BBBB');
    expect(tampered.length).toBe(text.length);
    await writeFile(newest, tampered);
    expect((await a.get(created.id)).headline).toBe('Good text');
    expect((await a.describe()).problems.some((p) => p.file.endsWith(names.at(-1)!))).toBe(true);
  });

  it('checks, on the next save, that the revision it has just written is still the file on disk', async () => {
    const created = await a.create('news-release');
    const saved = await a.save(withHeadline(created, 'Good text'));
    const continued = await a.save(withHeadline(saved, 'Text AAAA'));
    const names = await revisionNames(folderA, created.id);
    const newest = join(folderA, 'releases', created.id, names.at(-1)!);
    const text = await readFile(newest, 'utf8');
    await writeFile(newest, text.replace('Text AAAA', 'Text BBBB'));
    // A later time than the write's, whatever the clock's grain: the change is told by the file's identity.
    const later = new Date(Date.now() + 2000);
    await utimes(newest, later, later);
    // The save's lock trip stats the newest revision: the remembered text is not used, the changed file is set
    // aside, and the save (made on the revision that is no longer there) is refused with the text kept.
    await expect(a.save(withHeadline(continued, 'Text CCCC'))).rejects.toMatchObject({ code: 'conflict' });
    expect((await a.get(created.id)).headline).toBe('Good text');
    expect((await a.describe()).problems.some((p) => p.file.endsWith(names.at(-1)!))).toBe(true);
  });

  it('keeps the true content hash for every revision it writes (fast-check)', async () => {
    const created = await a.create('news-release');
    let release = await a.get(created.id);
    await fc.assert(
      fc.asyncProperty(
        fc.record({ headline: fc.string({ maxLength: 60 }), standfirst: fc.string({ maxLength: 120 }) }),
        async (edit) => {
          release = await a.save({ ...release, ...edit });
          const [head] = (await a.versions(created.id)).heads;
          const known = knownContentHash(head!.release);
          // Worked out at save time, it must be what hashing the text read back gives.
          expect(known).toBeDefined();
          expect(known).toBe(contentHash(head!.release));
          // And another computer, which has no such memory, agrees.
          await sync();
          expect(contentHash(await b.get(created.id))).toBe(known);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('deletes by adding a revision: a colleague’s save that crosses the deletion is still there', async () => {
    const created = await a.create('news-release');
    await sync();
    const onB = await b.get(created.id);
    await a.delete(created.id);
    expect((await a.list()).map((r) => r.id)).not.toContain(created.id);
    expect((await a.listTrash()).map((r) => r.id)).toContain(created.id);
    await b.save(withHeadline(onB, 'Saved on B while A deleted it'));
    await sync();
    // B's text is not lost: the release is back in the library on both, as one of two versions.
    for (const store of [a, b]) {
      expect((await store.list()).map((r) => r.id)).toContain(created.id);
      const versions = await store.versions(created.id);
      expect(versions.heads.some((head) => head.release.headline === 'Saved on B while A deleted it')).toBe(
        true,
      );
    }
    expect(await readdir(join(folderA, 'releases', created.id))).toHaveLength(3);
  });
});
