import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { call, createDispatcher, createWorkspaceHandlers } from '../../../src-main/services/api/dispatch';
import {
  createPresence,
  currentDisplayName,
  ownerName,
  PRESENCE_FOLDER,
  type Presence,
  type PresenceOptions,
} from '../../../src-main/services/workspace/presence';
import { legacyOwnerName } from '../../../src-main/services/workspace/edit-recovery';
import {
  createWorkspaceServices,
  type WorkspaceServices,
} from '../../../src-main/services/workspace/services';
import { openWorkspace } from '../../../src-main/services/workspace/store';
import { workspaceLayout } from '../../../src-main/services/workspace/layout';

const folders: string[] = [];
const presences: Presence[] = [];
const services: WorkspaceServices[] = [];

afterEach(async () => {
  await Promise.all(presences.splice(0).map((presence) => presence.closeAll()));
  await Promise.all(services.splice(0).map((service) => service.close()));
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

async function workspaceFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'pressroom-presence-'));
  folders.push(folder);
  return folder;
}

/** One person on one computer; `owner` and `sessionId` tell them apart as if they were on different machines. */
function person(folder: string, name: string, options: Partial<PresenceOptions> = {}): Presence {
  const presence = createPresence(workspaceLayout(folder), {
    displayName: () => name,
    owner: `${name.toLowerCase().replace(/\W/g, '')}@laptop`,
    ...options,
  });
  presences.push(presence);
  return presence;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const entryFolder = (folder: string, id: string) => join(folder, PRESENCE_FOLDER, id);

async function readOwnEntry(folder: string, presence: Presence, id: string) {
  const file = join(entryFolder(folder, id), `${presence.owner}.${presence.sessionId}.json`);
  return JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
}

describe('presence', () => {
  it('shows who else has a release open, and not oneself', async () => {
    const folder = await workspaceFolder();
    const sam = person(folder, 'Sam Jones', { now: () => new Date('2026-03-02T14:02:00Z') });
    const ali = person(folder, 'Ali Khan', { now: () => new Date('2026-03-02T14:05:00Z') });

    await sam.open('r-one');
    expect(await sam.othersOn('r-one')).toEqual([]);
    // As last heard (Sam's own heartbeat), and on which computer: on a synced folder the news may be old.
    expect(await ali.othersOn('r-one')).toEqual([
      {
        name: 'Sam Jones',
        since: '2026-03-02T14:02:00.000Z',
        lastHeard: '2026-03-02T14:02:00.000Z',
        computer: 'laptop',
      },
    ]);
    expect(await ali.othersOn('r-two')).toEqual([]);

    await ali.open('r-one');
    expect(await sam.othersOn('r-one')).toEqual([
      {
        name: 'Ali Khan',
        since: '2026-03-02T14:05:00.000Z',
        lastHeard: expect.any(String),
        computer: 'laptop',
      },
    ]);
    expect(await readOwnEntry(folder, sam, 'r-one')).toEqual({
      name: 'Sam Jones',
      owner: sam.owner,
      sessionId: sam.sessionId,
      openedAt: '2026-03-02T14:02:00.000Z',
      heartbeatAt: '2026-03-02T14:02:00.000Z',
    });
  });

  it('forgets a release when it is closed, and tidies the empty folder', async () => {
    const folder = await workspaceFolder();
    const sam = person(folder, 'Sam Jones');
    const ali = person(folder, 'Ali Khan');
    await sam.open('r-one');
    await sam.close('r-one');
    expect(await ali.othersOn('r-one')).toEqual([]);
    expect(await readdir(join(folder, PRESENCE_FOLDER))).toEqual([]);
  });

  it('tells two sessions of one person on one computer apart, and shows them once to others', async () => {
    const folder = await workspaceFolder();
    const window1 = person(folder, 'Sam Jones', {
      owner: 'sam@desk',
      now: () => new Date('2026-03-02T14:10:00Z'),
    });
    const window2 = person(folder, 'Sam Jones', {
      owner: 'sam@desk',
      now: () => new Date('2026-03-02T14:02:00Z'),
    });
    const ali = person(folder, 'Ali Khan', { now: () => new Date('2026-03-02T14:11:00Z') });
    expect(window1.sessionId).not.toBe(window2.sessionId);
    await window1.open('r-one');
    await window2.open('r-one');
    expect(await window1.othersOn('r-one')).toEqual([
      {
        name: 'Sam Jones',
        since: '2026-03-02T14:02:00.000Z',
        lastHeard: expect.any(String),
        computer: 'desk',
      },
    ]);
    expect(await ali.othersOn('r-one')).toEqual([
      {
        name: 'Sam Jones',
        since: '2026-03-02T14:02:00.000Z',
        lastHeard: expect.any(String),
        computer: 'desk',
      },
    ]);
  });

  it('ignores an entry whose heartbeat is older than a minute, and removes it once long abandoned', async () => {
    const folder = await workspaceFolder();
    const start = Date.now();
    const sam = person(folder, 'Sam Jones', { now: () => new Date(start) });
    await sam.open('r-one');
    // The file's time must be old too: a late sync would otherwise make an old heartbeat look new.
    const file = join(entryFolder(folder, 'r-one'), `${sam.owner}.${sam.sessionId}.json`);
    const later = (ms: number) => person(folder, 'Ali Khan', { now: () => new Date(start + ms) });

    expect(await later(59_000).othersOn('r-one')).toHaveLength(1);
    await utimes(file, new Date(start - 1000), new Date(start - 1000));
    expect(await later(61_000).othersOn('r-one')).toEqual([]);
    expect(await readdir(entryFolder(folder, 'r-one'))).toHaveLength(1);
    expect(await later(11 * 60_000).othersOn('r-one')).toEqual([]);
    await expect(readdir(entryFolder(folder, 'r-one'))).rejects.toThrow(/ENOENT/);
  });

  it('trusts a recent file time over the clock of a computer that runs slow', async () => {
    const folder = await workspaceFolder();
    const slow = person(folder, 'Sam Jones', { now: () => new Date(Date.now() - 5 * 60_000) });
    await slow.open('r-one');
    expect(await person(folder, 'Ali Khan').othersOn('r-one')).toHaveLength(1);
  });

  it('ignores garbage in the presence folder and removes it only once it is old', async () => {
    const folder = await workspaceFolder();
    const ali = person(folder, 'Ali Khan');
    const dir = entryFolder(folder, 'r-one');
    await mkdir(join(dir, 'a-folder'), { recursive: true });
    const garbage = {
      'torn.json': '{"name": "Sam',
      'null.json': 'null',
      'array.json': '[1,2]',
      'wrong-shape.json': JSON.stringify({ name: 42, openedAt: 'yesterday' }),
      'bad-date.json': JSON.stringify({
        name: 'X',
        owner: 'x@y',
        sessionId: 's',
        openedAt: 'not a date',
        heartbeatAt: new Date().toISOString(),
      }),
      'empty-name.json': JSON.stringify({
        name: '   ',
        owner: 'x@y',
        sessionId: 's',
        openedAt: new Date().toISOString(),
        heartbeatAt: new Date().toISOString(),
      }),
      '.sam@laptop.abc.json.1.ff.tmp': JSON.stringify({
        name: 'Half written',
        owner: 'sam@laptop',
        sessionId: 'abc',
        openedAt: new Date().toISOString(),
        heartbeatAt: new Date().toISOString(),
      }),
      'notes.txt': 'hello',
    };
    for (const [name, text] of Object.entries(garbage)) await writeFile(join(dir, name), text);
    await writeFile(join(folder, PRESENCE_FOLDER, 'not-a-folder.json'), '{}');
    await mkdir(join(folder, PRESENCE_FOLDER, '..bad id'), { recursive: true });

    await person(folder, 'Sam Jones').open('r-one');
    expect(await ali.othersOn('r-one')).toEqual([
      { name: 'Sam Jones', since: expect.any(String), lastHeard: expect.any(String), computer: 'laptop' },
    ]);
    expect(await ali.allOthers()).toEqual({
      'r-one': [
        { name: 'Sam Jones', since: expect.any(String), lastHeard: expect.any(String), computer: 'laptop' },
      ],
    });
    // Fresh garbage may be a file still being written or synced: it stays.
    expect((await readdir(dir)).length).toBe(Object.keys(garbage).length + 2);

    const old = new Date(Date.now() - 60 * 60_000);
    for (const name of Object.keys(garbage)) await utimes(join(dir, name), old, old);
    await ali.othersOn('r-one');
    expect((await readdir(dir)).sort()).toEqual([
      'a-folder',
      expect.stringMatching(/^samjones@laptop\..*\.json$/),
    ]);
  });

  it('keeps its entries fresh with a heartbeat while something is open', async () => {
    const folder = await workspaceFolder();
    let clock = Date.parse('2026-03-02T14:00:00Z');
    const sam = person(folder, 'Sam Jones', { now: () => new Date(clock), heartbeatMs: 20 });
    await sam.open('r-one');
    await sam.open('r-two');
    clock += 30_000;
    await expect
      .poll(async () => (await readOwnEntry(folder, sam, 'r-two')).heartbeatAt)
      .toBe('2026-03-02T14:00:30.000Z');
    expect((await readOwnEntry(folder, sam, 'r-one')).openedAt).toBe('2026-03-02T14:00:00.000Z');
  });

  it('reads the display name at each write', async () => {
    const folder = await workspaceFolder();
    let name = 'Sam';
    const sam = person(folder, 'Sam', { displayName: () => name });
    await sam.open('r-one');
    name = 'Sam Jones';
    await sam.heartbeat();
    expect(await person(folder, 'Ali').othersOn('r-one')).toEqual([
      { name: 'Sam Jones', since: expect.any(String), lastHeard: expect.any(String), computer: 'laptop' },
    ]);
  });

  it('lets an entry lapse when nobody renews it (a browser tab that crashed never says close)', async () => {
    const folder = await workspaceFolder();
    let clock = Date.now();
    const sam = person(folder, 'Sam Jones', { now: () => new Date(clock), leaseMs: 90_000 });
    await sam.open('r-one');
    await sam.open('r-two');
    clock += 60_000;
    await sam.open('r-two');
    await sam.heartbeat();
    clock += 45_000;
    await sam.heartbeat();
    const ali = person(folder, 'Ali Khan', { now: () => new Date(clock) });
    expect(await ali.allOthers()).toEqual({
      'r-two': [
        { name: 'Sam Jones', since: expect.any(String), lastHeard: expect.any(String), computer: 'laptop' },
      ],
    });
  });

  it('never brings a closed entry back, whatever order close and a heartbeat finish in', async () => {
    const folder = await workspaceFolder();
    const sam = person(folder, 'Sam Jones');
    const ali = person(folder, 'Ali Khan');
    for (let round = 0; round < 10; round++) {
      await sam.open('r-one');
      await Promise.all([sam.heartbeat(), sam.close('r-one'), sam.heartbeat()]);
      expect(await ali.othersOn('r-one')).toEqual([]);
    }
  });

  it('closeAll removes every entry and stops the heartbeat', async () => {
    const folder = await workspaceFolder();
    const sam = person(folder, 'Sam Jones', { heartbeatMs: 10 });
    await sam.open('r-one');
    await sam.open('r-two');
    await sam.closeAll();
    await sleep(60);
    expect(await readdir(join(folder, PRESENCE_FOLDER))).toEqual([]);
  });

  it('refuses ids that are not release ids', async () => {
    const folder = await workspaceFolder();
    const sam = person(folder, 'Sam Jones');
    for (const id of ['../escape', '', '.presence', 'a/b']) {
      await expect(sam.open(id)).rejects.toMatchObject({ code: 'invalid-input' });
      await expect(sam.othersOn(id)).rejects.toMatchObject({ code: 'invalid-input' });
    }
  });

  it('names a person and machine as the old recovery folder did', () => {
    expect(legacyOwnerName()).toBe(ownerName());
  });

  it('takes the display name from PRESSROOM_USER_NAME, else the OS user', () => {
    const saved = process.env.PRESSROOM_USER_NAME;
    try {
      process.env.PRESSROOM_USER_NAME = '  Sam Jones ';
      expect(currentDisplayName()).toBe('Sam Jones');
      delete process.env.PRESSROOM_USER_NAME;
      expect(currentDisplayName()).not.toBe('');
    } finally {
      if (saved === undefined) delete process.env.PRESSROOM_USER_NAME;
      else process.env.PRESSROOM_USER_NAME = saved;
    }
  });
});

describe('the shared-workspace API', () => {
  async function twoComputers() {
    const folder = await workspaceFolder();
    const make = async (name: string, owner: string) => {
      const store = await openWorkspace(folder);
      const shared = createWorkspaceServices(store, { displayName: () => name });
      services.push(shared);
      // Another owner, as if on another computer (the default is this machine's user@host).
      const presence = createPresence(workspaceLayout(folder), { displayName: () => name, owner });
      presences.push(presence);
      return {
        store,
        dispatch: createDispatcher(createWorkspaceHandlers(store, { ...shared, presence })),
      };
    };
    return { folder, a: await make('Sam Jones', 'sam@one'), b: await make('Ali Khan', 'ali@two') };
  }

  it('presence.open answers with the others; presence.close and presence.list follow', async () => {
    const { a, b } = await twoComputers();
    const release = await a.store.create('news-release');
    expect(await call(a.dispatch, 'presence.open', { id: release.id })).toEqual({
      ok: true,
      value: { others: [] },
    });
    const seen = await call(b.dispatch, 'presence.open', { id: release.id });
    expect(seen.ok && seen.value.others.map((o) => o.name)).toEqual(['Sam Jones']);
    const listed = await call(a.dispatch, 'presence.list', {});
    expect(listed.ok && Object.keys(listed.value)).toEqual([release.id]);
    expect(await call(a.dispatch, 'presence.close', { id: release.id })).toEqual({
      ok: true,
      value: { id: release.id },
    });
    expect(await call(b.dispatch, 'presence.open', { id: release.id })).toEqual({
      ok: true,
      value: { others: [] },
    });
  });

  it('workspace.changes reports a save made on the other computer', async () => {
    const { a, b } = await twoComputers();
    const release = await a.store.create('news-release');
    const start = await call(a.dispatch, 'workspace.changes', { cursor: 0 });
    if (!start.ok) throw new Error(start.error.message);
    await call(b.dispatch, 'releases.save', { release: { ...release, headline: 'From the other computer' } });
    await expect
      .poll(async () => {
        const changes = await call(a.dispatch, 'workspace.changes', { cursor: start.value.cursor });
        return changes.ok && changes.value.releaseIds;
      })
      .toContain(release.id);
  });

  it('refuses a negative or fractional cursor', async () => {
    const { a } = await twoComputers();
    for (const cursor of [-1, 1.5, '3']) {
      const result = await a.dispatch('workspace.changes', { cursor });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
  });
});
