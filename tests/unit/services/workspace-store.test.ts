import { canonicalContent } from '../../../src-shared/workflow/content-hash';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, createDispatcher, createWorkspaceHandlers } from '../../../src-main/services/api/dispatch';
import { isTempFileName } from '../../../src-main/services/workspace/durable-file';
import { failNextAt } from '../../../src-main/services/workspace/file-worker';
import { LockBusyError, withFileLock } from '../../../src-main/services/workspace/file-lock';
import { openWorkspace, StoreError, type WorkspaceStore } from '../../../src-main/services/workspace/store';
import {
  migrateRelease,
  migrateWorkspace,
  NewerSchemaVersionError,
} from '../../../src-shared/release/migrate';
import { createBlankRelease } from '../../../src-shared/release/new-release';
import {
  DEFAULT_PROFILE,
  DEFAULT_SETTINGS,
  ReleaseSchema,
  RELEASE_SCHEMA_VERSION,
  WORKSPACE_SCHEMA_VERSION,
  WorkspaceFileSchema,
  type Release,
} from '../../../src-shared/release/schema';
import {
  filesChanged,
  readRevisionFile,
  readStoredRelease,
  revisionNames,
  snapshotFiles,
  storedHeads,
} from '../../support/stored-release';
import { as } from './people';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const T0 = Date.parse('2024-07-18T08:30:00.000Z');
const folders: string[] = [];

async function tempFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'pressroom-store-'));
  folders.push(folder);
  return folder;
}

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

/** A clock that moves one second per call, so that every save has a distinct, predictable time. */
function ticking(start = T0): () => Date {
  let time = start;
  return () => new Date((time += 1000));
}

async function openTemp(): Promise<{ folder: string; store: WorkspaceStore }> {
  const folder = await tempFolder();
  return { folder, store: await openWorkspace(folder, { now: ticking() }) };
}

async function refusal(promise: Promise<unknown>): Promise<StoreError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    return error as StoreError;
  }
  throw new Error('expected the store to refuse');
}

const readJson = async (path: string): Promise<unknown> => JSON.parse(await readFile(path, 'utf8'));
/** Where an older Pressroom kept a release: fixtures written here are taken in as revisions on the next listing. */
const releaseFile = (folder: string, id: string) => join(folder, 'releases', `${id}.json`);
/** Where a release file of the older format is moved once taken in. */
const olderFormatFile = (folder: string, area: 'releases' | 'trash', name: string) =>
  join(folder, 'older-format', area, name);

/** Version 0: no schemaVersion, the type at the top level and the body as bare strings. */
function legacyV0(id: string): Record<string, unknown> {
  const current = createBlankRelease({
    id,
    type: 'statement',
    profile: DEFAULT_PROFILE,
    now: new Date(T0),
    makeId: () => 'x1',
  });
  const { schemaVersion: _version, header, body: _body, ...rest } = current;
  const { type, ...headerWithoutType } = header;
  return {
    ...rest,
    revision: 3,
    type,
    header: headerWithoutType,
    headline: 'An old headline',
    body: ['First paragraph.', 'Second paragraph.'],
  };
}

describe('workspace store: layout and round trip', () => {
  // Was: "and a default workspace.json". workspace.json is never written now (issue 12, item 5): a missing one
  // means the defaults, and changes go to workspace-changes/<computer>.jsonl once something is changed.
  it('creates the folder and its subfolders, and no workspace.json: the defaults need no file', async () => {
    const folder = join(await tempFolder(), 'nested', 'workspace');
    const store = await openWorkspace(folder);
    expect((await readdir(folder)).sort()).toEqual(['releases', 'trash']);
    expect(await store.describe()).toEqual({
      path: folder,
      profile: DEFAULT_PROFILE,
      logoDataUrl: null,
      settings: DEFAULT_SETTINGS,
      people: [],
      changes: [],
      problems: [],
    });
  });

  it('creates, lists, gets and saves a release, one readable JSON revision file per save', async () => {
    const { folder, store } = await openTemp();
    const me = store.layout.computer.id;
    const created = await store.create('witness-appeal');
    expect(created.id).toMatch(/^r-[0-9a-z]{10}$/);
    expect(created.revision).toBe(1);
    expect(created.header.type).toBe('witness-appeal');
    expect(created.createdAt).toBe('2024-07-18T08:30:01.000Z');

    // Each save adds releases/<id>/<8-digit revision>.<computer>.json: readable JSON holding the release whole.
    expect(await revisionNames(folder, created.id)).toEqual([`00000001.${me}.json`]);
    const first = await readRevisionFile(folder, created.id, `00000001.${me}.json`);
    expect(first).toMatchObject({
      releaseId: created.id,
      revision: 1,
      why: 'created',
      deleted: false,
      parents: [],
    });
    expect(first.release).toEqual(created);
    expect(ReleaseSchema.parse(first.release)).toEqual(created);
    expect(await readFile(join(folder, 'releases', created.id, `00000001.${me}.json`), 'utf8')).toMatch(
      new RegExp(`\\n {2}"release": \\{\\n {4}"schemaVersion": ${RELEASE_SCHEMA_VERSION},`),
    );
    expect(await readStoredRelease(folder, created.id)).toEqual(created);

    const saved = await store.save({ ...created, headline: 'Appeal after Ashford arrest' });
    expect(saved.revision).toBe(2);
    // From the injected clock, after the creation. (The store asks its clock twice per save, once for the release's
    // updatedAt and once for the revision's savedAt, so the exact tick is not pinned here.)
    expect(saved.updatedAt).toMatch(/^2024-07-18T08:30:0\d\.000Z$/);
    expect(Date.parse(saved.updatedAt)).toBeGreaterThan(Date.parse(created.updatedAt));
    expect(saved.createdAt).toBe(created.createdAt);
    expect(await store.get(created.id)).toEqual(saved);
    expect(await readStoredRelease(folder, created.id)).toEqual(saved);
    expect(await revisionNames(folder, created.id)).toEqual([`00000001.${me}.json`, `00000002.${me}.json`]);
    expect(await readRevisionFile(folder, created.id, `00000002.${me}.json`)).toMatchObject({
      why: 'saved',
      parents: [`00000001.${me}`],
      release: saved,
    });
    // The first revision is never rewritten.
    expect((await readRevisionFile(folder, created.id, `00000001.${me}.json`)).release).toEqual(created);

    expect(await store.list()).toEqual([
      {
        id: created.id,
        headline: 'Appeal after Ashford arrest',
        type: 'witness-appeal',
        status: 'draft',
        releaseDate: created.header.releaseDate,
        timeZone: 'Europe/London',
        updatedAt: saved.updatedAt,
        revision: 2,
        tags: [],
        standfirst: '',
        embargo: null,
      },
    ]);
  });

  it('lists the most recently changed release first', async () => {
    const { store } = await openTemp();
    const a = await store.create('news-release');
    const b = await store.create('statement');
    const c = await store.create('outcome');
    await store.save({ ...a, headline: 'a again' });
    expect((await store.list()).map((summary) => summary.id)).toEqual([a.id, c.id, b.id]);
  });

  it('increments the revision on every save and never changes id or creation time', async () => {
    const { store } = await openTemp();
    let release = await store.create('news-release');
    for (let i = 0; i < 3; i++) release = await store.save({ ...release, headline: `take ${i}` });
    expect(release.revision).toBe(4);
    const tampered = await store.save({ ...release, createdAt: '2000-01-01T00:00:00.000Z' });
    expect(tampered.createdAt).toBe('2024-07-18T08:30:01.000Z');
    expect(tampered.revision).toBe(5);
  });

  it('uses injected ids and never reuses an id that is taken, even in the trash', async () => {
    const folder = await tempFolder();
    // Release ids and paragraph ids come from the same injected maker, in this order.
    const ids = ['r-one', 'p1', 'r-one', 'r-two', 'p2'];
    const store = await openWorkspace(folder, { now: ticking(), makeId: () => ids.shift()! });
    const first = await store.create('statement');
    expect(first).toMatchObject({ id: 'r-one', body: [{ id: 'p1', text: '' }] });
    await store.delete('r-one');
    const second = await store.create('statement');
    expect(second).toMatchObject({ id: 'r-two', body: [{ id: 'p2', text: '' }] });
    expect((await store.listTrash()).map((summary) => summary.id)).toEqual(['r-one']);
  });

  it('answers through the API dispatcher with readable error values, not exceptions', async () => {
    const { store } = await openTemp();
    const dispatch = createDispatcher(createWorkspaceHandlers(store, as()));
    const created = await call(dispatch, 'releases.create', { type: 'statement' });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    await call(dispatch, 'releases.save', { release: { ...created.value, headline: 'first' } });
    const stale = await call(dispatch, 'releases.save', {
      release: { ...created.value, headline: 'second' },
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict', details: { currentRevision: 2 } } });
    expect(await call(dispatch, 'releases.get', { id: 'r-missing' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });
});

describe('workspace store: concurrent writers', () => {
  it('refuses a stale save, keeps the refused text in conflicts/ and leaves the other writer’s text on disk', async () => {
    const { folder, store } = await openTemp();
    const opened = await store.create('news-release');
    await store.save({ ...opened, headline: 'Colleague’s headline' }); // revision 2
    const mine = { ...opened, headline: 'My headline' };

    const error = await refusal(store.save(mine));
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(
      /^This release was changed elsewhere \(revision 2\) after you opened revision 1\. Your text was kept in conflicts\/.+\.json\. Reopen the release/,
    );
    const copy = String(error.details?.conflictCopy);
    expect(copy).toMatch(new RegExp(`^conflicts/${opened.id}\\.[0-9T-]+Z\\.json$`));
    expect(error.details?.currentRevision).toBe(2);
    expect(await readJson(join(folder, copy))).toEqual(mine);
    expect(await readStoredRelease(folder, opened.id)).toMatchObject({
      headline: 'Colleague’s headline',
      revision: 2,
    });
    // The refused save added no revision: one version, the colleague's.
    expect(await revisionNames(folder, opened.id)).toHaveLength(2);
    expect((await storedHeads(folder, opened.id))!.heads).toHaveLength(1);
  });

  it('refuses the stale save of a second store on the same folder (another window or computer)', async () => {
    const folder = await tempFolder();
    const first = await openWorkspace(folder, { now: ticking() });
    const second = await openWorkspace(folder, { now: ticking(T0 + 60_000) });
    const created = await first.create('statement');
    const inFirst = await first.get(created.id);
    const inSecond = await second.get(created.id);

    await first.save({ ...inFirst, headline: 'from the first window' });
    const error = await refusal(second.save({ ...inSecond, headline: 'from the second window' }));
    expect(error.code).toBe('conflict');
    expect(await readJson(join(folder, String(error.details?.conflictCopy)))).toMatchObject({
      headline: 'from the second window',
    });
    expect((await second.get(created.id)).headline).toBe('from the first window');
  });

  it('lets exactly one of several simultaneous saves from the same revision win', async () => {
    const folder = await tempFolder();
    const stores = [await openWorkspace(folder), await openWorkspace(folder), await openWorkspace(folder)];
    const base = await stores[0]!.create('news-release');
    const attempts = Array.from({ length: 6 }, (_, i) =>
      stores[i % 3]!.save({ ...base, headline: `writer ${i}` }),
    );
    const results = await Promise.allSettled(attempts);

    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.map((result) => (result.reason as StoreError).code)).toEqual(Array(5).fill('conflict'));
    const winner = (won[0] as PromiseFulfilledResult<Release>).value;
    expect(await readStoredRelease(folder, base.id)).toMatchObject({
      headline: winner.headline,
      revision: 2,
    });
    // One revision added by the winner, none by the five refused saves; no fork.
    expect(await revisionNames(folder, base.id)).toHaveLength(2);
    expect((await storedHeads(folder, base.id))!.heads).toHaveLength(1);
    expect(await readdir(join(folder, 'conflicts'))).toHaveLength(5);
  });

  it('loses no update when two processes edit the same release at once', async () => {
    const folder = await tempFolder();
    const store = await openWorkspace(folder);
    const { id } = await store.create('news-release');
    const script = join(folder, 'editor.mts');
    const storeModule = pathToFileURL(join(repoRoot, 'src-main/services/workspace/store.ts')).href;
    // Each process appends its own paragraphs, re-reading and retrying whenever its save is refused as stale.
    await writeFile(
      script,
      `import { openWorkspace } from ${JSON.stringify(storeModule)};
const [folder, id, who, startAt] = process.argv.slice(2);
const store = await openWorkspace(folder);
let conflicts = 0;
while (Date.now() < Number(startAt)) {}
for (let i = 0; i < 10; i++) {
  for (;;) {
    const release = await store.get(id);
    try {
      await store.save({ ...release, body: [...release.body, { id: who + '-' + i, text: who + ' ' + i }] });
      break;
    } catch (error) {
      if (error.code !== 'conflict' && error.code !== 'io') throw error;
      if (error.code === 'conflict') conflicts++;
    }
  }
}
process.stdout.write(JSON.stringify({ conflicts }));
`,
    );
    const startAt = Date.now() + 1500;
    const run = (who: string) =>
      new Promise<{ conflicts: number }>((resolveRun, rejectRun) => {
        const child = spawn(process.execPath, ['--import', 'tsx', script, folder, id, who, String(startAt)], {
          cwd: repoRoot,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        child.on('exit', (code) =>
          code === 0 ? resolveRun(JSON.parse(out)) : rejectRun(new Error(`${who} failed: ${err}`)),
        );
      });
    const [a, b] = await Promise.all([run('a'), run('b')]);

    const final = await store.get(id);
    expect(final.revision).toBe(21);
    const added = final.body.slice(1).map((paragraph) => paragraph.id);
    expect(added.filter((pid) => pid.startsWith('a-'))).toEqual(
      Array.from({ length: 10 }, (_, i) => `a-${i}`),
    );
    expect(added.filter((pid) => pid.startsWith('b-'))).toEqual(
      Array.from({ length: 10 }, (_, i) => `b-${i}`),
    );
    const copies = await readdir(join(folder, 'conflicts')).catch(() => []);
    expect(copies).toHaveLength(a.conflicts + b.conflicts);
    // One revision per successful save (1 created + 20), one version, and nothing else left behind.
    expect(await readdir(join(folder, 'releases'))).toEqual([id]);
    expect(await revisionNames(folder, id)).toHaveLength(21);
    expect(await readdir(join(folder, 'releases', id))).toHaveLength(21);
    expect((await storedHeads(folder, id))!.heads).toHaveLength(1);
  }, 20_000);
});

describe('workspace store: damaged and leftover files', () => {
  it('moves unreadable release files to quarantine, reports them by name, and still lists the rest', async () => {
    const { folder } = await openTemp();
    const seed = await openWorkspace(folder, { now: ticking() });
    const good = await seed.create('news-release');
    const notJson = '{"schemaVersion": 1, "id": "r-torn", "headl';
    const wrongShape = JSON.stringify({ ...good, id: 'r-shape', headline: 42 });
    await writeFile(releaseFile(folder, 'r-torn'), notJson);
    await writeFile(releaseFile(folder, 'r-shape'), wrongShape);

    const store = await openWorkspace(folder, { now: ticking() });
    expect((await store.list()).map((summary) => summary.id)).toEqual([good.id]);

    const { problems } = await store.describe();
    expect(problems.map((problem) => problem.file).sort()).toEqual([
      'releases/r-shape.json',
      'releases/r-torn.json',
    ]);
    const torn = problems.find((problem) => problem.file === 'releases/r-torn.json')!;
    expect(torn.message).toMatch(/not valid JSON/);
    expect(torn.movedTo).toMatch(/^quarantine\/r-torn\..+\.json$/);
    expect(await readFile(join(folder, torn.movedTo!), 'utf8')).toBe(notJson);
    const shape = problems.find((problem) => problem.file === 'releases/r-shape.json')!;
    expect(shape.message).toMatch(/not a valid Pressroom release \(headline:/);
    expect(await readFile(join(folder, shape.movedTo!), 'utf8')).toBe(wrongShape);
    // Nothing of the damaged files was taken in as a revision: only the good release has a folder.
    expect(await readdir(join(folder, 'releases'))).toEqual([good.id]);
    expect(await readdir(join(folder, 'older-format')).catch(() => [])).toEqual([]);

    // The moved files are never touched again, even when the same names are damaged a second time.
    await writeFile(releaseFile(folder, 'r-torn'), 'still not json');
    expect((await store.list()).map((summary) => summary.id)).toEqual([good.id]);
    const error = await refusal(store.get('r-torn'));
    expect(error.code).toBe('not-found');
    expect(
      (await readdir(join(folder, 'quarantine'))).filter((name) => name.startsWith('r-torn.')),
    ).toHaveLength(2);
    expect(await readFile(join(folder, torn.movedTo!), 'utf8')).toBe(notJson);
  });

  // A revision file is never moved: another computer may still need it. A damaged one is reported by file and
  // computer and left where it is, and that computer's previous revision is used.
  it('reports a damaged revision file by name and computer, leaves it, and uses the revision before it', async () => {
    const { folder, store } = await openTemp();
    const me = store.layout.computer.id;
    const first = await store.save({ ...(await store.create('statement')), headline: 'good' });
    const second = await store.save({ ...first, headline: 'torn later' });
    const torn = join(folder, 'releases', first.id, `00000003.${me}.json`);
    const text = (await readFile(torn, 'utf8')).slice(0, 200);
    await writeFile(torn, text);

    const reopened = await openWorkspace(folder, { now: ticking(T0 + 60_000) });
    expect(await reopened.get(first.id)).toEqual(first);
    const problem = (await reopened.describe()).problems.find(
      (entry) => entry.file === `releases/${first.id}/00000003.${me}.json`,
    );
    expect(problem?.movedTo).toBeNull();
    expect(problem?.message).toMatch(
      new RegExp(`written on ${me.replace(/-[0-9a-f]{6}$/, '')} cannot be used`),
    );
    expect(problem?.message).toMatch(/not valid JSON/);
    expect(await readFile(torn, 'utf8')).toBe(text);
    expect(await readdir(join(folder, 'quarantine')).catch(() => [])).toEqual([]);
    expect(second.revision).toBe(3);

    // Saving again adds a new revision and never writes over the damaged one; the record of who made the edit
    // (kept in the release so that its audit entry can be repaired after a crash) names the revision it is in.
    const { release: again } = await reopened.saveEdit(
      { ...first, headline: 'saved over the damage' },
      'u-sam',
      'Sam',
    );
    expect(again.headline).toBe('saved over the damage');
    expect(again.revision).toBe(4);
    expect(again.lastEdit?.revision).toBe(again.revision);
    expect(await readFile(torn, 'utf8')).toBe(text);
    expect(await readStoredRelease(folder, first.id)).toEqual(again);
  });

  it('sets a damaged workspace.json aside and starts again from defaults, never writing over it', async () => {
    const folder = await tempFolder();
    await writeFile(join(folder, 'workspace.json'), '{"schemaVersion": 1, "profile": {');
    const store = await openWorkspace(folder);
    const description = await store.describe();
    expect(description.profile).toEqual(DEFAULT_PROFILE);
    expect(description.problems).toHaveLength(1);
    const [problem] = description.problems;
    expect(problem).toMatchObject({
      file: 'workspace.json',
      movedTo: expect.stringMatching(/^quarantine\/workspace\..+\.json$/),
    });
    expect(await readFile(join(folder, problem!.movedTo!), 'utf8')).toBe('{"schemaVersion": 1, "profile": {');
    // Was: defaults written to a new workspace.json. Now no file is written in its place: none means defaults.
    expect(await readdir(folder)).not.toContain('workspace.json');
    // Still reported on later calls, so the UI can show it whenever it asks.
    expect((await store.describe()).problems).toEqual([problem]);
  });

  it('ignores temp files from a crashed write, with torn JSON, beside an intact release', async () => {
    const { folder, store } = await openTemp();
    const me = store.layout.computer.id;
    const release = await store.save({ ...(await store.create('statement')), headline: 'intact' });
    const text = await readFile(join(folder, 'releases', release.id, `00000002.${me}.json`), 'utf8');
    // A crash while adding revision 3: its temp file, torn, beside the intact revisions.
    const leftover = join(folder, 'releases', release.id, `.00000003.${me}.json.4242.a1b2c3d4e5f6.tmp`);
    await writeFile(leftover, text.slice(0, text.length / 2));
    await writeFile(join(folder, '.workspace.json.4242.a1b2c3d4e5f6.tmp'), '{"schema');

    const reopened = await openWorkspace(folder);
    expect((await reopened.list()).map((summary) => summary.headline)).toEqual(['intact']);
    expect((await reopened.get(release.id)).headline).toBe('intact');
    expect((await reopened.get(release.id)).revision).toBe(2);
    expect((await reopened.describe()).problems).toEqual([]);
    // A fresh temp file may belong to a write in progress elsewhere, so it is left alone.
    expect(await readFile(leftover, 'utf8')).toBe(text.slice(0, text.length / 2));
  });

  it('removes temp files abandoned for more than an hour when opening', async () => {
    const { folder, store } = await openTemp();
    const old = join(folder, 'releases', '.r-x.json.1.aaaaaaaaaaaa.tmp');
    const fresh = join(folder, 'releases', '.r-y.json.1.bbbbbbbbbbbb.tmp');
    await writeFile(old, '{');
    await writeFile(fresh, '{');
    // Revisions are written through temp files in the release's own folder: a crash leaves them there.
    const { id } = await store.create('statement');
    const me = store.layout.computer.id;
    const oldRevision = join(folder, 'releases', id, `.00000002.${me}.json.1.cccccccccccc.tmp`);
    const freshRevision = join(folder, 'releases', id, `.00000002.${me}.json.2.dddddddddddd.tmp`);
    await writeFile(oldRevision, '{');
    await writeFile(freshRevision, '{');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(old, twoHoursAgo, twoHoursAgo);
    await utimes(oldRevision, twoHoursAgo, twoHoursAgo);
    const reopened = await openWorkspace(folder);
    expect((await readdir(join(folder, 'releases'))).sort()).toEqual(['.r-y.json.1.bbbbbbbbbbbb.tmp', id]);
    // The release folders are tidied in the background, so that a large library need not wait for it.
    await reopened.tidied;
    expect((await readdir(join(folder, 'releases', id))).sort()).toEqual([
      `.00000002.${me}.json.2.dddddddddddd.tmp`,
      `00000001.${me}.json`,
    ]);
  });

  /** The save is refused as a full disk, and no file under releases/ was added, changed or removed. */
  async function expectFullDiskChangesNothing(folder: string, save: () => Promise<unknown>): Promise<void> {
    const before = await snapshotFiles(join(folder, 'releases'));
    const error = await refusal(save());
    expect(error.code).toBe('io');
    expect(error.message).toMatch(/disk is full/);
    expect(filesChanged(before, await snapshotFiles(join(folder, 'releases')))).toEqual({
      added: [],
      changed: [],
      removed: [],
    });
  }

  // The file worker's failpoints (file-worker.ts): its calls cannot be intercepted from this thread.
  it.each(['write', 'sync', 'link'] as const)(
    'keeps the old release intact when the disk fills up at the %s of a save',
    async (step) => {
      const { folder, store } = await openTemp();
      const release = await store.save({ ...(await store.create('statement')), headline: 'before' });
      failNextAt('create', step);

      // Every revision file exactly as it was, none added, the torn temp file removed and the lock let go.
      await expectFullDiskChangesNothing(folder, () => store.save({ ...release, headline: 'after' }));
      expect((await store.get(release.id)).revision).toBe(release.revision);
      expect((await readdir(join(folder, 'releases', release.id))).filter(isTempFileName)).toEqual([]);
      expect((await store.save({ ...release, headline: 'after' })).headline).toBe('after');
    },
  );

  it('says the disk is full when even the lock cannot be written, and leaves nothing behind', async () => {
    const { folder, store } = await openTemp();
    const release = await store.save({ ...(await store.create('statement')), headline: 'before' });
    failNextAt('lock', 'write');

    await expectFullDiskChangesNothing(folder, () => store.save({ ...release, headline: 'after' }));
    // The lock was never taken: the next save goes through.
    expect((await store.save({ ...release, headline: 'after' })).headline).toBe('after');
  });

  it('saves through a lock file left behind by a crashed process', async () => {
    const { folder, store } = await openTemp();
    const release = await store.create('statement');
    const lock = `${releaseFile(folder, release.id)}.lock`;
    // Another computer, long gone: only its age can tell that it is abandoned.
    await writeFile(
      lock,
      JSON.stringify({ pid: 1, host: 'elsewhere', time: '2024-01-01T00:00:00Z', token: 'x' }),
    );
    const aMinuteAgo = new Date(Date.now() - 60_000);
    await utimes(lock, aMinuteAgo, aMinuteAgo);
    expect((await store.save({ ...release, headline: 'after a stale lock' })).revision).toBe(2);

    // This computer, process no longer running: broken at once, without waiting for it to age.
    const deadPid = await new Promise<number>((resolvePid) => {
      const child = spawn(process.execPath, ['-e', '0']);
      child.on('exit', () => resolvePid(child.pid!));
    });
    await writeFile(
      lock,
      JSON.stringify({ pid: deadPid, host: hostname(), time: new Date().toISOString(), token: 'y' }),
    );
    const started = Date.now();
    expect(
      (await store.save({ ...(await store.get(release.id)), headline: 'after a dead process' })).revision,
    ).toBe(3);
    expect(Date.now() - started).toBeLessThan(1000);
    // The lock files are gone; the release is its revision folder alone.
    expect((await readdir(join(folder, 'releases'))).sort()).toEqual([release.id]);
    expect(await revisionNames(folder, release.id)).toHaveLength(3);
  });

  it('gives up with a readable error while another live writer holds the lock', async () => {
    const folder = await tempFolder();
    const file = join(folder, 'r-x.json');
    await writeFile(
      `${file}.lock`,
      JSON.stringify({
        pid: process.pid,
        host: 'a-colleagues-pc',
        time: new Date().toISOString(),
        token: 'z',
      }),
    );
    await expect(withFileLock(file, async () => 'ran', { timeoutMs: 150 })).rejects.toBeInstanceOf(
      LockBusyError,
    );
    await rm(`${file}.lock`);
    expect(await withFileLock(file, async () => 'ran')).toBe('ran');
    expect(await readdir(folder)).toEqual([]);
  });
});

describe('workspace store: trash', () => {
  // Deleting no longer moves a file to trash/: it adds a revision that says `deleted: true`, and restoring adds one
  // that says `deleted: false`. Every earlier revision stays where it was.
  it('deletes to the trash and restores from it', async () => {
    const { folder, store } = await openTemp();
    const keep = await store.create('statement');
    const release = await store.save({ ...(await store.create('news-release')), headline: 'to the bin' });
    const before = await snapshotFiles(join(folder, 'releases', release.id));
    expect(before.size).toBe(2);

    await store.delete(release.id);
    expect((await store.list()).map((summary) => summary.id)).toEqual([keep.id]);
    expect((await store.listTrash()).map((summary) => summary.headline)).toEqual(['to the bin']);
    const afterDelete = await snapshotFiles(join(folder, 'releases', release.id));
    const deletion = filesChanged(before, afterDelete);
    expect(deletion).toMatchObject({ changed: [], removed: [] });
    expect(deletion.added).toEqual([`00000003.${store.layout.computer.id}.json`]);
    const deletedRevision = await readRevisionFile(folder, release.id, deletion.added[0]!);
    expect(deletedRevision).toMatchObject({ why: 'deleted', deleted: true, revision: 3 });
    const { revision: _r, updatedAt: _u, ...content } = release;
    expect(deletedRevision.release).toMatchObject(content);
    expect(await readdir(join(folder, 'trash'))).toEqual([]);
    const gone = await refusal(store.get(release.id));
    expect(gone.code).toBe('not-found');
    expect(gone.message).toMatch(/restore it/);
    expect((await refusal(store.save({ ...release, headline: 'edited after deletion' }))).code).toBe(
      'not-found',
    );

    const restored = await store.restore(release.id);
    expect(restored).toMatchObject({ ...content, revision: 4 });
    expect(await store.listTrash()).toEqual([]);
    expect((await store.list()).map((summary) => summary.id).sort()).toEqual([keep.id, release.id].sort());
    expect(await store.get(release.id)).toEqual(restored);
    expect(await readStoredRelease(folder, release.id)).toEqual(restored);
    const restoring = filesChanged(afterDelete, await snapshotFiles(join(folder, 'releases', release.id)));
    expect(restoring).toMatchObject({
      added: [`00000004.${store.layout.computer.id}.json`],
      changed: [],
      removed: [],
    });
    // Restoring a release that is in the library is refused: it says so (a conflict), and adds nothing.
    expect((await refusal(store.restore(release.id))).code).toBe('conflict');
    expect(await revisionNames(folder, release.id)).toHaveLength(4);
    expect((await refusal(store.restore('r-nothing'))).code).toBe('not-found');
    expect((await refusal(store.delete('r-nothing'))).code).toBe('not-found');
  });

  // The older rule moved a second deleted copy to conflicts/<id>.….deleted.json so that trash/<id>.json was never
  // overwritten. Deleting now adds a revision and removes nothing, so the rule is: a copy an older Pressroom syncs
  // back after the deletion is taken in as a second version (the release is back in the library, and restoring
  // it is refused), and deleting again keeps both texts.
  it('refuses to restore over a release with the same id, and never loses an older deleted copy', async () => {
    const { folder, store } = await openTemp();
    const release = await store.create('statement');
    await store.delete(release.id);
    const syncedBack = JSON.stringify({ ...release, headline: 'synced back' });
    await writeFile(releaseFile(folder, release.id), syncedBack);
    expect((await store.list()).map((summary) => summary.id)).toEqual([release.id]);
    expect(await readFile(olderFormatFile(folder, 'releases', `${release.id}.json`), 'utf8')).toBe(
      syncedBack,
    );
    const error = await refusal(store.restore(release.id));
    expect(error.code).toBe('conflict');
    expect(await store.listTrash()).toEqual([]);
    expect((await store.get(release.id)).headline).toBe('synced back');

    await store.delete(release.id);
    expect(await store.list()).toEqual([]);
    expect((await store.listTrash()).map((summary) => summary.id)).toEqual([release.id]);
    // Both texts are still there: the original (created, then deleted) and the one synced back.
    const me = store.layout.computer.id;
    const names = await revisionNames(folder, release.id);
    expect(names).toHaveLength(4);
    const texts = await Promise.all(names.map((name) => readRevisionFile(folder, release.id, name)));
    expect(texts.find((file) => file.why === 'created')?.release).toEqual(release);
    expect(texts.find((file) => file.why === 'taken-in')?.release).toMatchObject({ headline: 'synced back' });
    const last = texts.filter((file) => file.why === 'deleted').pop()!;
    expect(last).toMatchObject({ deleted: true, writer: { computer: me } });
    // The second deletion is on top of both versions: one head, deleted.
    expect((last.parents as string[]).length).toBe(2);
    expect((await storedHeads(folder, release.id))!.heads.map((head) => head.deleted)).toEqual([true]);
    expect(await readdir(join(folder, 'conflicts')).catch(() => [])).toEqual([]);
  });
});

describe('workspace store: a deletion and an edit that cross', () => {
  /** Copies every revision file one folder has and the other lacks, as a sync engine delivers them. */
  async function sync(from: string, to: string, id: string): Promise<void> {
    await mkdir(join(to, 'releases', id), { recursive: true });
    for (const name of await revisionNames(from, id)) {
      const target = join(to, 'releases', id, name);
      if (!(await stat(target).catch(() => null))) await copyFile(join(from, 'releases', id, name), target);
    }
  }

  it('keeps both, and the computer that deleted can still save the version it is shown', async () => {
    // Two computers, each with its own copy of the shared folder and its own user-data folder.
    const here = await tempFolder();
    const there = await tempFolder();
    const deleter = await openWorkspace(here, { now: ticking(), userData: await tempFolder() });
    const editor = await openWorkspace(there, { now: ticking(T0 + 60_000), userData: await tempFolder() });
    const release = await deleter.create('statement');
    await sync(here, there, release.id);

    // Both act on revision 1 before either has received the other's change.
    await deleter.delete(release.id);
    await editor.save({ ...(await editor.get(release.id)), headline: 'Edited meanwhile' });
    await sync(here, there, release.id);
    await sync(there, here, release.id);

    // Nothing is lost: the edit keeps the release in the library, beside the deletion, on both computers.
    for (const store of [deleter, editor]) {
      expect((await store.list()).map((summary) => summary.id)).toEqual([release.id]);
      expect((await store.versions(release.id)).heads.map((head) => head.deleted).sort()).toEqual([
        false,
        true,
      ]);
    }
    const shown = await deleter.get(release.id);
    expect(shown.headline).toBe('Edited meanwhile');
    // The deleting computer is shown the edit, so it must be able to save on it (not a conflict on every try).
    const saved = await deleter.save({ ...shown, headline: 'Edited again after the deletion' });
    expect(saved.revision).toBe(3);
    expect((await storedHeads(here, release.id))!.heads).toHaveLength(1);
    await sync(here, there, release.id);
    expect((await editor.get(release.id)).headline).toBe('Edited again after the deletion');
  });
});

describe('workspace store: older format', () => {
  const fixture = (id: string, headline: string, revision: number): Release => ({
    ...createBlankRelease({
      id,
      type: 'news-release',
      profile: DEFAULT_PROFILE,
      now: new Date(T0),
      makeId: () => 'p1',
    }),
    headline,
    revision,
  });

  it('a workspace of the older format opens losslessly', async () => {
    const folder = await tempFolder();
    await mkdir(join(folder, 'releases'), { recursive: true });
    await mkdir(join(folder, 'trash'), { recursive: true });
    const conflictName = 'r-x.sync-conflict-20261207-101500-ABCDEFG.json';
    const texts = {
      'releases/r-a.json': JSON.stringify(fixture('r-a', 'Plain release', 4), null, 2),
      'trash/r-t.json': JSON.stringify(fixture('r-t', 'Deleted release', 2), null, 2),
      'releases/r-x.json': JSON.stringify(fixture('r-x', 'Original text', 3), null, 2),
      [`releases/${conflictName}`]: JSON.stringify(
        fixture('r-x', 'Text from the other computer', 3),
        null,
        2,
      ),
    };
    for (const [path, text] of Object.entries(texts)) await writeFile(join(folder, path), text);

    const store = await openWorkspace(folder, { now: ticking() });
    expect((await store.list()).map((summary) => summary.id).sort()).toEqual(['r-a', 'r-x']);
    expect((await store.listTrash()).map((summary) => [summary.id, summary.headline])).toEqual([
      ['r-t', 'Deleted release'],
    ]);
    expect(await store.get('r-a')).toMatchObject({ headline: 'Plain release', revision: 4 });
    expect((await refusal(store.get('r-t'))).code).toBe('not-found');
    expect((await store.versions('r-t')).heads.map((head) => [head.deleted, head.release.headline])).toEqual([
      [true, 'Deleted release'],
    ]);
    // The engine's conflict copy differs from the original: two versions, both shown, neither chosen silently.
    const forked = await store.versions('r-x');
    expect(forked.heads).toHaveLength(2);
    expect(forked.heads.map((head) => head.release.headline).sort()).toEqual([
      'Original text',
      'Text from the other computer',
    ]);
    expect(forked.heads.every((head) => head.why === 'taken-in' && head.parents.length === 0)).toBe(true);
    expect(forked.heads.map((head) => head.source).sort()).toEqual([
      'releases/r-x.json',
      `releases/${conflictName} (a copy Syncthing made during a sync conflict)`,
    ]);
    expect((await store.describe()).problems).toEqual([]);

    // Every older file is kept byte for byte under older-format/, and none is left where it was.
    for (const [path, text] of Object.entries(texts)) {
      expect(await readFile(join(folder, 'older-format', path), 'utf8'), path).toBe(text);
    }
    expect((await readdir(join(folder, 'releases'))).sort()).toEqual(['r-a', 'r-t', 'r-x']);
    expect(await readdir(join(folder, 'trash'))).toEqual([]);
    expect(await revisionNames(folder, 'r-x')).toHaveLength(2);

    // Opening again, here or on a colleague's computer, takes nothing in twice: no file added or changed.
    const before = await snapshotFiles(folder);
    const again = await openWorkspace(folder, { now: ticking() });
    await again.list();
    await again.listTrash();
    const colleague = await openWorkspace(folder, { now: ticking(), userData: await tempFolder() });
    expect((await colleague.list()).map((summary) => summary.id).sort()).toEqual(['r-a', 'r-x']);
    expect((await colleague.versions('r-x')).heads).toHaveLength(2);
    expect(filesChanged(before, await snapshotFiles(folder))).toEqual({
      added: [],
      changed: [],
      removed: [],
    });
  });
});

describe('workspace store: schema versions', () => {
  // A release file of the older format is now taken in as a revision on the first listing (in the current form),
  // and the file itself is kept byte for byte under older-format/: what "the new form only on the next save"
  // protected (the text a person or an older Pressroom wrote, never rewritten) is still asserted below.
  it('migrates a version 0 file on read, keeps its text whole and saves in the new form', async () => {
    const { folder, store } = await openTemp();
    const legacyText = JSON.stringify(legacyV0('r-legacy'), null, 2);
    await writeFile(releaseFile(folder, 'r-legacy'), legacyText);

    expect(await store.list()).toEqual([
      expect.objectContaining({ id: 'r-legacy', type: 'statement', revision: 3 }),
    ]);
    const release = await store.get('r-legacy');
    expect(release.schemaVersion).toBe(RELEASE_SCHEMA_VERSION);
    expect(release.details).toEqual([]);
    expect(release.anonymityList).toEqual([]);
    expect(release.header.type).toBe('statement');
    expect(release.body).toEqual([
      { id: 'p1', text: 'First paragraph.' },
      { id: 'p2', text: 'Second paragraph.' },
    ]);
    expect(await readFile(olderFormatFile(folder, 'releases', 'r-legacy.json'), 'utf8')).toBe(legacyText);
    expect(await readdir(join(folder, 'releases'))).toEqual(['r-legacy']);
    const [takenIn] = await revisionNames(folder, 'r-legacy');
    expect(takenIn).toMatch(/^00000003\.in-[0-9a-f]{12}\.json$/);
    expect(await readRevisionFile(folder, 'r-legacy', takenIn!)).toMatchObject({
      why: 'taken-in',
      parents: [],
      deleted: false,
      source: 'releases/r-legacy.json',
      release: release,
    });

    const saved = await store.save({ ...release, headline: 'Now current' });
    expect(saved.revision).toBe(4);
    const onDisk = await readStoredRelease(folder, 'r-legacy');
    expect(ReleaseSchema.parse(onDisk)).toEqual(saved);
    const names = await revisionNames(folder, 'r-legacy');
    expect(names).toEqual([takenIn, `00000004.${store.layout.computer.id}.json`]);
    const raw = await readRevisionFile(folder, 'r-legacy', names[1]!);
    expect(raw.parents).toEqual([takenIn!.slice(0, -'.json'.length)]);
    expect(raw.release).not.toHaveProperty('type');
    expect(await readFile(olderFormatFile(folder, 'releases', 'r-legacy.json'), 'utf8')).toBe(legacyText);
  });

  it('reports a release from a newer Pressroom and leaves it exactly where and as it is', async () => {
    const { folder, store } = await openTemp();
    const current = await store.create('statement');
    const newerText = JSON.stringify({ ...current, id: 'r-future', schemaVersion: 7, hologram: true });
    await writeFile(releaseFile(folder, 'r-future'), newerText);

    expect((await store.list()).map((summary) => summary.id)).toEqual([current.id]);
    const problem = (await store.describe()).problems.find(
      (entry) => entry.file === 'releases/r-future.json',
    );
    expect(problem?.movedTo).toBeNull();
    expect(problem?.message).toMatch(/made by a newer Pressroom/);
    // Not taken in: no revisions, so it is not in the library at all.
    expect((await refusal(store.get('r-future'))).code).toBe('not-found');
    expect(await revisionNames(folder, 'r-future')).toEqual([]);

    const attempt = await refusal(store.save({ ...current, id: 'r-future', headline: 'overwrite?' }));
    expect(attempt.details?.conflictCopy).toMatch(/^conflicts\/r-future\./);
    await store.list();
    expect(await readFile(releaseFile(folder, 'r-future'), 'utf8')).toBe(newerText);
    expect(await readdir(join(folder, 'quarantine')).catch(() => [])).toEqual([]);
    expect(await readdir(join(folder, 'older-format')).catch(() => [])).toEqual([]);
  });

  it('reports a revision from a newer Pressroom, refuses to save over it and leaves it as it is', async () => {
    const { folder, store } = await openTemp();
    const current = await store.create('statement');
    const future = { ...current, id: 'r-future', schemaVersion: RELEASE_SCHEMA_VERSION + 1, hologram: true };
    const name = '00000001.newer-pc-abc123.json';
    const text = JSON.stringify({
      format: 'pressroom-revision',
      formatVersion: 1,
      releaseId: 'r-future',
      revision: 1,
      writer: { computer: 'newer-pc-abc123', computerName: 'NEWER-PC', person: null },
      savedAt: '2024-07-18T09:00:00.000Z',
      why: 'created',
      parents: [],
      seen: { 'newer-pc-abc123': 1 },
      deleted: false,
      sha256: createHash('sha256').update(JSON.stringify(future)).digest('hex'),
      release: future,
    });
    await mkdir(join(folder, 'releases', 'r-future'));
    await writeFile(join(folder, 'releases', 'r-future', name), text);

    expect((await store.list()).map((summary) => summary.id)).toEqual([current.id]);
    expect((await refusal(store.get('r-future'))).message).toMatch(/made by a newer Pressroom/);
    const problem = (await store.describe()).problems.find(
      (entry) => entry.file === `releases/r-future/${name}`,
    );
    expect(problem?.movedTo).toBeNull();
    expect(problem?.message).toMatch(/written on newer-pc cannot be used: .*made by a newer Pressroom/);

    const attempt = await refusal(store.save({ ...current, id: 'r-future', headline: 'overwrite?' }));
    expect(attempt.code).toBe('corrupt-file');
    expect(attempt.details?.conflictCopy).toMatch(/^conflicts\/r-future\./);
    expect(await readJson(join(folder, String(attempt.details?.conflictCopy)))).toMatchObject({
      headline: 'overwrite?',
    });
    expect(await readdir(join(folder, 'releases', 'r-future'))).toEqual([name]);
    expect(await readFile(join(folder, 'releases', 'r-future', name), 'utf8')).toBe(text);
    expect(await readdir(join(folder, 'quarantine')).catch(() => [])).toEqual([]);
  });

  it('uses defaults for a newer workspace.json but neither moves nor overwrites it', async () => {
    const folder = await tempFolder();
    const newer = JSON.stringify({ schemaVersion: 99, profile: { name: 'Future' }, settings: {} });
    await writeFile(join(folder, 'workspace.json'), newer);
    const store = await openWorkspace(folder);
    const description = await store.describe();
    expect(description.profile).toEqual(DEFAULT_PROFILE);
    expect(description.problems).toEqual([
      { file: 'workspace.json', movedTo: null, message: expect.stringMatching(/made by a newer Pressroom/) },
    ]);
    expect((await refusal(store.updateProfile({ ...DEFAULT_PROFILE, name: 'Mine' }))).code).toBe('conflict');
    expect(await readFile(join(folder, 'workspace.json'), 'utf8')).toBe(newer);
  });

  // Was: "writes it on the next update". workspace.json is the base now and never rewritten; the update is one line
  // in this computer's change log, applied over the migrated base.
  it('migrates a version 0 workspace.json in memory and never rewrites it, updates going to the change log', async () => {
    const folder = await tempFolder();
    const legacy = JSON.stringify({
      profile: { ...DEFAULT_PROFILE, name: 'Old org' },
      settings: { allowSelfApproval: true },
    });
    await writeFile(join(folder, 'workspace.json'), legacy);
    const store = await openWorkspace(folder);
    expect((await store.describe()).settings).toEqual({
      allowSelfApproval: true,
      latestNewsCount: 8, // never set in this workspace: the default (issue 14, item 7)
      approvalChain: [],
    });
    expect(await readFile(join(folder, 'workspace.json'), 'utf8')).toBe(legacy);
    await store.updateSettings({ allowSelfApproval: true, latestNewsCount: 3, approvalChain: [] });
    expect(await readFile(join(folder, 'workspace.json'), 'utf8')).toBe(legacy);
    const log = await readFile(store.layout.workspaceChanges(store.layout.computer.id), 'utf8');
    expect(
      log
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
    ).toEqual([expect.objectContaining({ field: 'settings.latestNewsCount', value: 3 })]);
    const reopened = await openWorkspace(folder);
    expect(
      WorkspaceFileSchema.parse({ schemaVersion: WORKSPACE_SCHEMA_VERSION, ...(await reopened.describe()) }),
    ).toEqual({
      schemaVersion: WORKSPACE_SCHEMA_VERSION,
      profile: { ...DEFAULT_PROFILE, name: 'Old org' },
      settings: { allowSelfApproval: true, latestNewsCount: 3, approvalChain: [] },
      people: [],
    });
  });

  it('a version-3 anonymity list of bare names becomes protected people, and their sign-offs still hold', () => {
    const current = ReleaseSchema.parse(migrateRelease(legacyV0('r-b')));
    const v3 = { ...current, schemaVersion: 3, anonymityList: ['Jane Doe', 'Mark Smith'] };
    const migrated = ReleaseSchema.parse(migrateRelease(v3));
    expect(migrated.anonymityList).toEqual([
      { id: 'person-1', name: 'Jane Doe', variants: [], identifiers: [] },
      { id: 'person-2', name: 'Mark Smith', variants: [], identifiers: [] },
    ]);
    // The v3 canonical form listed bare names: a person known by name only must hash the same.
    expect(JSON.parse(canonicalContent(migrated)).anonymityList).toEqual(['Jane Doe', 'Mark Smith']);
  });

  it('migrateRelease is pure and refuses files from the future', () => {
    const legacy = legacyV0('r-a');
    const snapshot = structuredClone(legacy);
    const migrated = migrateRelease(legacy) as Release;
    expect(legacy).toEqual(snapshot);
    expect(ReleaseSchema.parse(migrated).body.map((paragraph) => paragraph.id)).toEqual(['p1', 'p2']);
    expect(migrateRelease(migrated)).toBe(migrated);
    expect(() => migrateRelease({ schemaVersion: RELEASE_SCHEMA_VERSION + 1 })).toThrow(
      NewerSchemaVersionError,
    );
    expect(migrateRelease('not an object')).toBe('not an object');
    expect(() => migrateWorkspace({ schemaVersion: 9 })).toThrow(/newer Pressroom/);
  });
});

describe('workspace store: cost and safety of a save', () => {
  // A save no longer rewrites a file: it adds one revision file and changes none.
  it('adds exactly one revision file and changes none, whatever the size of the library', async () => {
    const { folder, store } = await openTemp();
    const releases = [];
    for (let i = 0; i < 5; i++) releases.push(await store.create('news-release'));
    const before = await snapshotFiles(folder);
    const topBefore = (await readdir(folder)).sort();

    const target = releases[2]!;
    await store.save({ ...target, headline: 'only me' });
    expect(filesChanged(before, await snapshotFiles(folder))).toEqual({
      added: [`releases/${target.id}/00000002.${store.layout.computer.id}.json`],
      changed: [],
      removed: [],
    });
    expect((await readdir(join(folder, 'releases'))).length).toBe(5);
    expect((await readdir(folder)).sort()).toEqual(topBefore);
  });

  it.each(['../workspace', '../../etc/passwd', 'a/b', '..', '', 'CON', 'x'.repeat(65)])(
    'refuses the id %j',
    async (id) => {
      const { folder, store } = await openTemp();
      const release = await store.create('statement');
      const before = await snapshotFiles(folder);
      const topBefore = (await readdir(folder)).sort();
      for (const attempt of [
        store.get(id),
        store.delete(id),
        store.restore(id),
        store.save({ ...release, id }),
      ]) {
        expect((await refusal(attempt)).code).toBe('invalid-input');
      }
      expect((await readdir(folder)).sort()).toEqual(topBefore);
      expect(await readdir(join(folder, 'releases'))).toEqual([release.id]);
      expect(filesChanged(before, await snapshotFiles(folder))).toEqual({
        added: [],
        changed: [],
        removed: [],
      });
    },
  );

  it('validates and stores profile and settings, keeping edits made from two windows', async () => {
    const folder = await tempFolder();
    const one = await openWorkspace(folder);
    const two = await openWorkspace(folder);
    await Promise.all([
      one.updateProfile({ ...DEFAULT_PROFILE, name: 'Northshire Office for Police Conduct' }),
      two.updateSettings({ allowSelfApproval: true, latestNewsCount: 8, approvalChain: [] }),
    ]);
    // Was: read back from workspace.json. Both windows append to this computer's log, taking turns.
    expect(await (await openWorkspace(folder)).describe()).toMatchObject({
      profile: { name: 'Northshire Office for Police Conduct' },
      settings: { allowSelfApproval: true, latestNewsCount: 8 },
    });
    expect((await two.describe()).profile.name).toBe('Northshire Office for Police Conduct');
    expect(
      (await refusal(one.updateSettings({ allowSelfApproval: true, latestNewsCount: 99, approvalChain: [] })))
        .code,
    ).toBe('invalid-input');
    expect((await refusal(one.updateProfile({ ...DEFAULT_PROFILE, timeZone: 'Mars/Olympus' }))).code).toBe(
      'invalid-input',
    );
  });
});
