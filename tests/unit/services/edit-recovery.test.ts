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

  describe('text over a limit (issue 14, item 5)', () => {
    const tooLong = 'Council opens new library '.repeat(50); // 1,300 characters: the headline's limit is 1,000

    it('is kept in the stash and offered back as typed', async () => {
      const { store, dispatch } = await setUp();
      const created = await store.create('news-release');
      const stashed = await call(dispatch, 'recovery.stash', { release: { ...created, headline: tooLong } });
      expect(stashed.ok).toBe(true);
      // A save of the same moment holds the headline back (the form's save path): the stash stays.
      await call(dispatch, 'releases.save', {
        release: { ...created, body: [{ id: 'p1', text: 'Opens on Monday.' }] },
      });
      const listed = await call(dispatch, 'recovery.list', {});
      expect(listed.ok && listed.value.map((r) => r.release.headline)).toEqual([tooLong]);
    });

    it('never goes into the store: a save of it is refused and the release keeps its last good text', async () => {
      const { store, dispatch } = await setUp();
      const created = await store.create('news-release');
      await call(dispatch, 'recovery.stash', { release: { ...created, headline: tooLong } });
      const listed = await call(dispatch, 'recovery.list', {});
      const offered = listed.ok ? listed.value[0]!.release : created;
      expect(await call(dispatch, 'releases.save', { release: offered })).toMatchObject({
        ok: false,
        error: { code: 'invalid-input' },
      });
      expect((await store.get(created.id)).headline).toBe(created.headline);
    });

    it('is still bounded: a 100 MB body and the release fields the store owns are refused', async () => {
      const { store, dispatch } = await setUp();
      const created = await store.create('news-release');
      const huge = 'x'.repeat(1_000_000);
      const body = Array.from({ length: 100 }, (_, index) => ({ id: `p${index}`, text: huge }));
      expect(await call(dispatch, 'recovery.stash', { release: { ...created, body } })).toMatchObject({
        ok: false,
        error: { code: 'invalid-input' },
      });
      expect(
        await call(dispatch, 'recovery.stash', { release: { ...created, headline: 'x'.repeat(1_000_001) } }),
      ).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      // The id names the stash file: exactly as strict as the store's.
      expect(
        await call(dispatch, 'recovery.stash', {
          release: { ...created, id: '../../escape', headline: 'x' },
        }),
      ).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      expect(await readdir(store.layout.recoveryFolder()).catch(() => [])).toEqual([]);
    });
  });

  it('takes some sections only (a closing page with a large release), on top of the stash or the release', async () => {
    const { store, dispatch } = await setUp();
    const created = await store.create('news-release');
    // Nothing stashed yet: the changes go on top of the release as stored.
    await call(dispatch, 'recovery.stash', { id: created.id, onto: 'stash', changes: { headline: 'One' } });
    await call(dispatch, 'recovery.stash', {
      id: created.id,
      onto: 'stash',
      changes: { standfirst: 'Two.' },
    });
    const listed = await call(dispatch, 'recovery.list', {});
    expect(listed.ok && listed.value.map((r) => [r.release.headline, r.release.standfirst])).toEqual([
      ['One', 'Two.'],
    ]);
    // 'release': the page has stashed nothing, so an older stash is not built on.
    await call(dispatch, 'recovery.stash', {
      id: created.id,
      onto: 'release',
      changes: { standfirst: 'Three.' },
    });
    const again = await call(dispatch, 'recovery.list', {});
    expect(again.ok && again.value.map((r) => [r.release.headline, r.release.standfirst])).toEqual([
      [created.headline, 'Three.'],
    ]);
    expect(
      await call(dispatch, 'recovery.stash', { id: '../x', onto: 'release', changes: { headline: 'x' } }),
    ).toMatchObject({ ok: false });
  });

  it('answers the list only once a save still being written has landed: no false alarm', async () => {
    const { store, dispatch } = await setUp();
    const created = await store.create('news-release');
    // The stash of a moment ago, then the page's last moments: the stash and the save leave together, and the
    // next page asks for the list at once.
    await call(dispatch, 'recovery.stash', { release: { ...created, headline: 'Typed and rel' } });
    const typed = { ...created, headline: 'Typed and reloaded at once' };
    const stashing = call(dispatch, 'recovery.stash', { release: typed });
    const saving = call(dispatch, 'releases.save', { release: typed });
    const listed = await call(dispatch, 'recovery.list', {});
    expect(listed).toEqual({ ok: true, value: [] });
    expect((await saving).ok).toBe(true);
    expect((await stashing).ok).toBe(true);
    expect((await store.get(created.id)).headline).toBe('Typed and reloaded at once');
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
