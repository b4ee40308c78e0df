import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { call, createDispatcher, createWorkspaceHandlers } from '../../../src-main/services/api/dispatch';
import { createEditRecovery, recoveryFolder } from '../../../src-main/services/workspace/edit-recovery';
import { openWorkspace } from '../../../src-main/services/workspace/store';
import { as } from './people';

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
});

async function setUp() {
  const folder = await mkdtemp(join(tmpdir(), 'pressroom-recovery-'));
  folders.push(folder);
  const store = await openWorkspace(folder);
  const dispatch = createDispatcher(createWorkspaceHandlers(store, as()));
  return { folder, store, dispatch };
}

describe('edit recovery', () => {
  it('offers stashed text that never reached the release file, after a restart', async () => {
    const { folder, store, dispatch } = await setUp();
    const created = await store.create('news-release');
    const stashed = await call(dispatch, 'recovery.stash', {
      release: { ...created, headline: 'Typed before the crash' },
    });
    expect(stashed.ok).toBe(true);
    expect(await readdir(recoveryFolder(folder))).toEqual([`${created.id}.json`]);

    // "Restart": a new store and dispatcher on the same folder.
    const again = createDispatcher(createWorkspaceHandlers(await openWorkspace(folder), as()));
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
    const { folder, store, dispatch } = await setUp();
    const created = await store.create('news-release');
    await call(dispatch, 'recovery.stash', { release: { ...created, headline: 'x' } });
    await writeFile(join(recoveryFolder(folder), 'r-torn.json'), '{"release": {"id": "r-to');
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
});
