import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyEngineFile } from '../../../src-main/services/workspace/engine-files';
import { openWorkspace } from '../../../src-main/services/workspace/store';
import { createBlankRelease } from '../../../src-shared/release/new-release';
import { DEFAULT_PROFILE, type Release } from '../../../src-shared/release/schema';
import { revisionNames } from '../../support/stored-release';

function blank(id: string, headline: string): Release {
  const release = createBlankRelease({
    id,
    type: 'news-release',
    profile: DEFAULT_PROFILE,
    now: new Date('2024-07-18T08:30:00.000Z'),
    makeId: () => 'p1',
  });
  return { ...release, headline, revision: 2 };
}

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
});

describe('files sync engines make', () => {
  it('recognises conflict copies by the names each engine gives them', () => {
    const beside = new Set(['r-k3j9x2m1qa.json']);
    expect(classifyEngineFile('r-k3j9x2m1qa.sync-conflict-20240718-093012-7QXJ4RD.json')).toEqual({
      kind: 'conflict-copy',
      engine: 'Syncthing',
      original: 'r-k3j9x2m1qa.json',
    });
    expect(classifyEngineFile("r-k3j9x2m1qa (Sam Taylor's conflicted copy 2024-07-18).json")).toEqual({
      kind: 'conflict-copy',
      engine: 'Dropbox',
      original: 'r-k3j9x2m1qa.json',
    });
    expect(classifyEngineFile('r-k3j9x2m1qa (conflicted copy 2024-07-18).json')).toMatchObject({
      engine: 'Dropbox',
      original: 'r-k3j9x2m1qa.json',
    });
    expect(classifyEngineFile('r-k3j9x2m1qa (conflicted copy 2024-07-18 (1)).json')).toMatchObject({
      engine: 'Dropbox',
    });
    expect(classifyEngineFile('r-k3j9x2m1qa-DESKTOP-4F2K9AB.json', beside)).toEqual({
      kind: 'conflict-copy',
      engine: 'OneDrive',
      original: 'r-k3j9x2m1qa.json',
    });
    expect(classifyEngineFile('r-k3j9x2m1qa-PRESS-LAPTOP-2.json', beside)).toMatchObject({
      engine: 'OneDrive',
    });
    expect(classifyEngineFile('workspace.sync-conflict-20240718-093012-7QXJ4RD.json')).toMatchObject({
      original: 'workspace.json',
    });
  });

  it('recognises the engines’ temp files and office lock files', () => {
    for (const name of [
      '.syncthing.r-k3j9x2m1qa.json.tmp',
      '~syncthing~r-k3j9x2m1qa.json.tmp',
      '~$ess release.docx',
      '.~lock.notes.odt#',
      '.r-k3j9x2m1qa.json.4242.a1b2c3d4e5f6.tmp',
      'upload.TMP',
    ]) {
      expect(classifyEngineFile(name), name).toEqual({ kind: 'temp' });
    }
  });

  it('leaves release files and look-alikes alone', () => {
    expect(classifyEngineFile('r-k3j9x2m1qa.json')).toEqual({ kind: 'plain' });
    // Not beside its original, or not a computer name: a release may be called this.
    expect(classifyEngineFile('r-k3j9x2m1qa-DESKTOP-4F2K9AB.json')).toEqual({ kind: 'plain' });
    expect(classifyEngineFile('r-k3j9x2m1qa-copy.json', new Set(['r-k3j9x2m1qa.json']))).toEqual({
      kind: 'plain',
    });
    expect(classifyEngineFile('r-k3j9x2m1qa.sync-conflict-2024-093012-7QXJ4RD.json')).toEqual({
      kind: 'plain',
    });
  });
});

describe('a library on a synced folder', () => {
  // Conflict copies are now taken in as revisions (a second version of the release, shown as a fork) and the
  // files themselves are kept whole under older-format/, instead of being left in releases/ and reported.
  it('lists only releases; a conflict copy is a second version of its release, kept and never unreadable', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'pressroom-engines-'));
    folders.push(folder);
    const releases = join(folder, 'releases');
    await mkdir(releases, { recursive: true });
    // A release file as an older Pressroom kept it, and the copies three engines made of it during a conflict.
    const ours = blank('r-bridge', 'Bridge reopens after repairs');
    const original = JSON.stringify(ours, null, 2);
    await writeFile(join(releases, 'r-bridge.json'), original);
    const theirs = JSON.stringify({ ...ours, headline: 'Bridge reopens early' });
    const copies = [
      'r-bridge.sync-conflict-20240718-093012-7QXJ4RD.json',
      "r-bridge (Sam Taylor's conflicted copy 2024-07-18).json",
      'r-bridge-DESKTOP-4F2K9AB.json',
    ];
    for (const name of copies) await writeFile(join(releases, name), theirs);
    const temps = ['.syncthing.r-bridge.json.tmp', '~$notes.docx', '.~lock.notes.odt#'];
    for (const name of temps) await writeFile(join(releases, name), 'half a file');

    const store = await openWorkspace(folder);
    expect((await store.list()).map((r) => r.id)).toEqual(['r-bridge']);
    expect(await store.listTrash()).toEqual([]);
    // Nothing is reported as unreadable: the copies are versions, not problems.
    expect((await store.describe()).problems).toEqual([]);
    const versions = await store.versions('r-bridge');
    expect(versions.heads.map((head) => head.release.headline).sort()).toEqual([
      'Bridge reopens after repairs',
      'Bridge reopens early',
    ]);
    const copyHead = versions.heads.find((head) => head.release.headline === 'Bridge reopens early')!;
    // Whichever copy was taken in first names the source; the same text from the others adds nothing.
    expect(copies.map((name) => `releases/${name}`)).toContain(
      copyHead.source?.replace(/ \(a copy .*\)$/, ''),
    );
    expect(copyHead.source).toMatch(/ \(a copy (Syncthing|Dropbox|OneDrive) made during a sync conflict\)$/);
    // Three identical copies are one version: one revision for the original, one for the copies.
    expect(await revisionNames(folder, 'r-bridge')).toHaveLength(2);
    expect(versions.count).toBe(2);

    // Kept as they came, under older-format/; the engines' temp files are left alone where they are.
    expect(await readFile(join(folder, 'older-format', 'releases', 'r-bridge.json'), 'utf8')).toBe(original);
    for (const name of copies) {
      expect(await readFile(join(folder, 'older-format', 'releases', name), 'utf8'), name).toBe(theirs);
    }
    expect((await readdir(releases)).sort()).toEqual([...temps, 'r-bridge'].sort());
    expect(await readdir(join(folder, 'quarantine')).catch(() => [])).toEqual([]);
  });

  it('takes in a conflict copy that arrives beside a release kept as revisions', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'pressroom-engines-'));
    folders.push(folder);
    const store = await openWorkspace(folder);
    const created = await store.create('news-release');
    const saved = await store.save({ ...created, headline: 'Bridge reopens after repairs' });
    const theirs = JSON.stringify({ ...saved, headline: 'Bridge reopens early' });
    const copy = `${saved.id}.sync-conflict-20240718-093012-7QXJ4RD.json`;
    await writeFile(join(folder, 'releases', copy), theirs);
    const before = await revisionNames(folder, saved.id);

    const reopened = await openWorkspace(folder);
    expect((await reopened.list()).map((r) => r.id)).toEqual([saved.id]);
    expect((await reopened.describe()).problems).toEqual([]);
    // This computer keeps showing its own version; the copy is the second version, nothing overwritten.
    expect((await reopened.get(saved.id)).headline).toBe('Bridge reopens after repairs');
    const heads = (await reopened.versions(saved.id)).heads;
    expect(heads.map((head) => head.release.headline)).toEqual([
      'Bridge reopens after repairs',
      'Bridge reopens early',
    ]);
    const after = await revisionNames(folder, saved.id);
    expect(after.filter((name) => !before.includes(name))).toEqual([
      expect.stringMatching(/^00000002\.in-[0-9a-f]{12}\.json$/),
    ]);
    expect(await readFile(join(folder, 'older-format', 'releases', copy), 'utf8')).toBe(theirs);
    expect(await readdir(join(folder, 'releases'))).toEqual([saved.id]);
  });
});
