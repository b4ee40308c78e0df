import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { call, createDispatcher, createWorkspaceHandlers } from '../../../src-main/services/api/dispatch';
import { createEditRecovery, legacyOwnerName } from '../../../src-main/services/workspace/edit-recovery';
import { openWorkspace } from '../../../src-main/services/workspace/store';
import { as } from './people';

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
});

async function setUp() {
  const folder = await mkdtemp(join(tmpdir(), 'pressroom-recovery-'));
  // This person's user-data folder, as on their own computer.
  const userData = await mkdtemp(join(tmpdir(), 'pressroom-recovery-user-'));
  folders.push(folder, userData);
  const store = await openWorkspace(folder, { userData });
  const dispatch = createDispatcher(createWorkspaceHandlers(store, as()));
  return { folder, userData, store, dispatch };
}

describe('edit recovery', () => {
  it('offers stashed text that never reached the release file, after a restart', async () => {
    const { folder, userData, store, dispatch } = await setUp();
    const created = await store.create('news-release');
    const stashed = await call(dispatch, 'recovery.stash', {
      release: { ...created, headline: 'Typed before the crash' },
    });
    expect(stashed.ok).toBe(true);
    expect(await readdir(store.layout.recoveryFolder())).toEqual([`${created.id}.json`]);
    // The stash is this person's: it is in their user-data folder, and nothing of it is in the shared folder.
    expect(store.layout.recoveryFolder().startsWith(userData)).toBe(true);
    // workspace.json is no longer made on open (issue 12, item 5): a missing one means the default profile.
    expect((await readdir(folder)).sort()).toEqual(['releases', 'trash']);

    // "Restart": a new store and dispatcher on the same folder.
    const again = createDispatcher(createWorkspaceHandlers(await openWorkspace(folder, { userData }), as()));
    const listed = await call(again, 'recovery.list', {});
    expect(listed.ok && listed.value.map((r) => [r.release.headline, r.currentRevision])).toEqual([
      ['Typed before the crash', created.revision],
    ]);
  });

  it('drops the stash when the same text is saved, but keeps newer typing', async () => {
    const { store, dispatch } = await setUp();
    const created = await store.create('news-release');
    await call(dispatch, 'recovery.stash', { release: { ...created, headline: 'one' } });
    await call(dispatch, 'releases.save', { release: { ...created, headline: 'one' } });
    expect(
      (await call(dispatch, 'recovery.list', {})).ok && (await createEditRecovery(store).list()).length,
    ).toBe(0);

    const current = await store.get(created.id);
    // Typing went on while the save was in flight: the stash is newer than what was saved.
    await call(dispatch, 'recovery.stash', { release: { ...current, headline: 'one two' } });
    await call(dispatch, 'releases.save', { release: { ...current, headline: 'one' } });
    const left = await createEditRecovery(store).list();
    expect(left.map((r) => r.release.headline)).toEqual(['one two']);
  });

  it('keeps the text of a refused (stale) save for recovery', async () => {
    const { store, dispatch } = await setUp();
    const created = await store.create('news-release');
    await call(dispatch, 'releases.save', { release: { ...created, headline: 'other window' } });
    await call(dispatch, 'recovery.stash', { release: { ...created, headline: 'mine' } });
    const refused = await call(dispatch, 'releases.save', { release: { ...created, headline: 'mine' } });
    expect(refused.ok).toBe(false);
    const listed = await createEditRecovery(store).list();
    expect(listed.map((r) => [r.release.headline, r.currentRevision])).toEqual([
      ['mine', created.revision + 1],
    ]);
  });

  it('discards on request, ignores torn stash files and refuses hostile ids', async () => {
    const { store, dispatch } = await setUp();
    const created = await store.create('news-release');
    await call(dispatch, 'recovery.stash', { release: { ...created, headline: 'x' } });
    await writeFile(join(store.layout.recoveryFolder(), 'r-torn.json'), '{"release": {"id": "r-to');
    expect((await createEditRecovery(store).list()).map((r) => r.release.id)).toEqual([created.id]);
    expect((await call(dispatch, 'recovery.discard', { id: created.id })).ok).toBe(true);
    expect(await createEditRecovery(store).list()).toEqual([]);
    expect(await call(dispatch, 'recovery.discard', { id: '../../workspace' })).toMatchObject({ ok: false });
  });

  it('offers a stash whose release was deleted meanwhile, with no current revision', async () => {
    const { store, dispatch } = await setUp();
    const created = await store.create('news-release');
    await call(dispatch, 'recovery.stash', { release: { ...created, headline: 'orphan' } });
    await store.delete(created.id);
    const listed = await createEditRecovery(store).list();
    expect(listed.map((r) => r.currentRevision)).toEqual([null]);
  });

  describe('stashes an older Pressroom left in the shared folder', () => {
    /** A stash file as the older Pressroom wrote it into `.recovery/<user>@<host>/` of the workspace. */
    async function legacyStash(folder: string, owner: string, release: object, stashedAt: string) {
      const dir = join(folder, '.recovery', owner);
      await mkdir(dir, { recursive: true });
      const file = join(dir, `${(release as { id: string }).id}.json`);
      await writeFile(file, JSON.stringify({ stashedAt, release }));
      return file;
    }

    it("move to the user-data folder on open and are offered back; a colleague's are left alone", async () => {
      const { folder, userData, store } = await setUp();
      const created = await store.create('news-release');
      await legacyStash(
        folder,
        legacyOwnerName(),
        { ...created, headline: 'Typed last week' },
        '2024-07-01T09:00:00.000Z',
      );
      const theirs = await legacyStash(
        folder,
        'bea@laptop-2',
        { ...created, headline: 'Bea typed' },
        '2024-07-01T09:05:00.000Z',
      );

      const reopened = await openWorkspace(folder, { userData });
      const offered = await createEditRecovery(reopened).list();
      expect(offered.map((r) => [r.release.headline, r.stashedAt])).toEqual([
        ['Typed last week', '2024-07-01T09:00:00.000Z'],
      ]);
      // Moved, not copied: nothing of this person's is left for the engine to carry to colleagues.
      expect(await readdir(join(folder, '.recovery'))).toEqual(['bea@laptop-2']);
      expect(await readdir(reopened.layout.recoveryFolder())).toEqual([`${created.id}.json`]);
      // Bea's own Pressroom moves hers on her computer; here it is untouched.
      expect(JSON.parse(await readFile(theirs, 'utf8')).release.headline).toBe('Bea typed');
    });

    it('keep the newer stash when both places hold one, and leave an unreadable file where it is', async () => {
      const { folder, store, dispatch } = await setUp();
      const created = await store.create('news-release');
      const other = await store.create('news-release');
      await call(dispatch, 'recovery.stash', { release: { ...created, headline: 'Typed here, later' } });
      await legacyStash(
        folder,
        legacyOwnerName(),
        { ...created, headline: 'Older' },
        '2000-01-01T00:00:00.000Z',
      );
      await legacyStash(
        folder,
        legacyOwnerName(),
        { ...other, headline: 'Only there' },
        '2000-01-01T00:00:00.000Z',
      );
      await writeFile(
        join(folder, '.recovery', legacyOwnerName(), 'r-torn.json'),
        '{"release": {"id": "r-to',
      );

      const offered = await createEditRecovery(store).list();
      expect(offered.map((r) => r.release.headline).sort()).toEqual(['Only there', 'Typed here, later']);
      expect(await readdir(join(folder, '.recovery', legacyOwnerName()))).toEqual(['r-torn.json']);
    });

    it('leave no empty .recovery folder behind', async () => {
      const { folder, userData, store } = await setUp();
      const created = await store.create('news-release');
      await legacyStash(folder, legacyOwnerName(), { ...created, headline: 'x' }, '2024-07-01T09:00:00.000Z');
      await createEditRecovery(await openWorkspace(folder, { userData })).migrated;
      expect(await readdir(folder)).not.toContain('.recovery');
    });
  });
});
