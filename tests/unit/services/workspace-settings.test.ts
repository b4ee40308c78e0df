import { appendFile, copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkspaceDescription } from '../../../src-shared/api/contract';
import { openWorkspace, type WorkspaceStore } from '../../../src-main/services/workspace/store';
import {
  isWorkspaceFolder,
  mergeWorkspace,
  parseChanges,
  type WorkspaceChangeEntry,
} from '../../../src-main/services/workspace/workspace-settings';
import {
  DEFAULT_PROFILE,
  DEFAULT_SETTINGS,
  WORKSPACE_SCHEMA_VERSION,
  type WorkspaceFile,
} from '../../../src-shared/release/schema';

/**
 * Profile, settings and people on a sync engine (issue 12, item 5): two computers = two folders with their own
 * user-data folders; a sync engine = copying the files of workspace-changes/ across, whole, as Syncthing,
 * OneDrive or Dropbox deliver them. No file is ever written on both sides.
 */

const folders: string[] = [];
afterEach(async () => {
  delete process.env.PRESSROOM_COMPUTER_NAME;
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

async function temp(prefix: string): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), prefix));
  folders.push(folder);
  return folder;
}

/** One clock for both computers unless a test skews one: later calls are later edits. */
function clock(start = Date.parse('2026-12-07T10:00:00.000Z'), step = 1000) {
  let time = start;
  return () => new Date((time += step));
}

interface Computer {
  name: string;
  folder: string;
  store: WorkspaceStore;
  id: string;
}

async function computer(name: string, now: () => Date, folder?: string): Promise<Computer> {
  const shared = folder ?? (await temp('pressroom-ws-'));
  const userData = await temp('pressroom-user-');
  process.env.PRESSROOM_COMPUTER_NAME = name;
  const store = await openWorkspace(shared, { userData, now });
  // The computer's name is taken on first use of the layout's computer.
  const id = store.layout.computer.id;
  delete process.env.PRESSROOM_COMPUTER_NAME;
  return { name, folder: shared, store, id };
}

/** What a sync engine does: every change log `from` has that is not `to`'s own arrives in `to`, whole. */
async function copyChanges(from: Computer, to: Computer): Promise<void> {
  const source = join(from.folder, 'workspace-changes');
  const target = join(to.folder, 'workspace-changes');
  const names = await readdir(source).catch(() => [] as string[]);
  await mkdir(target, { recursive: true });
  for (const name of names) {
    if (name === `${to.id}.jsonl` || !name.endsWith('.jsonl')) continue;
    await copyFile(join(source, name), join(target, name));
  }
}

async function syncBoth(a: Computer, b: Computer): Promise<void> {
  await copyChanges(a, b);
  await copyChanges(b, a);
}

/** `here` differs by side by design (made on this computer or not); everything else must be the same. */
const withoutHere = (changes: WorkspaceDescription['changes']) =>
  changes?.map(({ here: _here, replaced, ...change }) => ({
    ...change,
    replaced: replaced.map(({ here: _replacedHere, ...mark }) => mark),
  }));

const describeOf = async (c: Computer) => {
  const { path: _path, problems: _problems, ...rest } = await c.store.describe();
  return rest;
};

describe('profile and settings on two computers', () => {
  it('keeps concurrent edits of different fields made on two computers, on both sides, 10 rounds of 10', async () => {
    const now = clock();
    const a = await computer('PRESS-PC1', now);
    const b = await computer('PRESS-PC2', now);
    let survived = 0;
    for (let round = 0; round < 10; round++) {
      const [profileA, settingsB] = [(await a.store.describe()).profile, (await b.store.describe()).settings];
      const profileB = (await b.store.describe()).profile;
      // Made at once on each side, each from what it saw, before either has the other's change.
      await Promise.all([
        a.store.updateProfile({ ...profileA, boilerplate: `About us, round ${round}` }),
        b.store.updateSettings({ ...settingsB, latestNewsCount: round + 1 }),
        b.store.updateProfile({ ...profileB, endMark: `ENDS ${round}` }),
      ]);
      await syncBoth(a, b);
      const [onA, onB] = [await a.store.describe(), await b.store.describe()];
      const kept = [onA, onB].every(
        (d) =>
          d.profile.boilerplate === `About us, round ${round}` &&
          d.settings.latestNewsCount === round + 1 &&
          d.profile.endMark === `ENDS ${round}`,
      );
      if (kept) survived++;
    }
    expect(survived).toBe(10);
    const [onA, onB] = [await describeOf(a), await describeOf(b)];
    expect(withoutHere(onA.changes)).toEqual(withoutHere(onB.changes));
    expect({ ...onA, changes: null }).toEqual({ ...onB, changes: null });
    // workspace.json is never written: each computer wrote its own log only.
    expect(await readdir(a.folder)).not.toContain('workspace.json');
    expect((await readdir(join(a.folder, 'workspace-changes'))).sort()).toEqual(
      [`${a.id}.jsonl`, `${b.id}.jsonl`].sort(),
    );
  });

  it('keeps the later of two concurrent edits of one field, and records the other beside it on both sides', async () => {
    const now = clock();
    const a = await computer('PRESS-PC1', now);
    const b = await computer('PRESS-PC2', now);
    const ben = { id: 'ben', name: 'Ben Ward' };
    const asha = { id: 'asha', name: 'Asha Patel' };
    await a.store.updateProfile({ ...DEFAULT_PROFILE, name: 'Northshire Police' }, asha);
    await b.store.updateProfile({ ...DEFAULT_PROFILE, name: 'Northshire Constabulary' }, ben);
    await syncBoth(a, b);
    for (const side of [a, b]) {
      const description = await side.store.describe();
      expect(description.profile.name).toBe('Northshire Constabulary');
      const change = description.changes?.find((c) => c.field === 'profile.name');
      expect(change).toMatchObject({
        computer: { id: b.id, name: 'PRESS-PC2' },
        by: ben,
        here: side === b,
        replaced: [{ computer: { id: a.id, name: 'PRESS-PC1' }, by: asha, value: 'Northshire Police' }],
      });
      expect(Date.parse(change!.at)).toBeGreaterThan(Date.parse(change!.replaced[0]!.at));
    }
    // The losing value is still in its writer's log.
    expect(await readFile(join(b.folder, 'workspace-changes', `${a.id}.jsonl`), 'utf8')).toContain(
      'Northshire Police',
    );

    // Once someone has seen the merged value and changes it again, nothing unseen is replaced any more.
    const seen = (await a.store.describe()).profile;
    await a.store.updateProfile({ ...seen, name: 'Northshire Police Service' }, asha);
    await syncBoth(a, b);
    const after = (await b.store.describe()).changes?.find((c) => c.field === 'profile.name');
    expect(after).toMatchObject({ computer: { id: a.id }, by: asha, replaced: [] });
  });

  it('a save from a form opened before a colleague’s change arrived writes only what the person changed', async () => {
    const now = clock();
    const a = await computer('PRESS-PC1', now);
    const b = await computer('PRESS-PC2', now);
    // Ana opens the profile on A; meanwhile Ben's change of the end mark arrives.
    const form = (await a.store.describe()).profile;
    const settingsForm = (await a.store.describe()).settings;
    await b.store.updateProfile({ ...DEFAULT_PROFILE, endMark: '-ENDS-' });
    await b.store.updateSettings({ ...DEFAULT_SETTINGS, allowSelfApproval: true });
    await syncBoth(a, b);
    // Her form still shows the old end mark; she changes the name only.
    await a.store.updateProfile({ ...form, name: 'Northshire Police' }, null, form);
    await a.store.updateSettings({ ...settingsForm, latestNewsCount: 7 }, null, settingsForm);
    await syncBoth(a, b);
    for (const side of [a, b]) {
      const { profile, settings } = await side.store.describe();
      expect(profile).toMatchObject({ name: 'Northshire Police', endMark: '-ENDS-' });
      expect(settings).toEqual({ ...DEFAULT_SETTINGS, allowSelfApproval: true, latestNewsCount: 7 });
    }
    // Without the form's starting point, its old copy would count as a change (what older callers get).
    await a.store.updateProfile({ ...form, name: 'Northshire Police' });
    expect((await a.store.describe()).profile.endMark).toBe(DEFAULT_PROFILE.endMark);
  });

  it('an edit made after seeing a colleague’s change wins even when this computer’s clock is behind', async () => {
    const a = await computer('PRESS-PC1', clock(Date.parse('2026-12-07T10:00:00Z')));
    // PC2's clock is an hour behind.
    const b = await computer('PRESS-PC2', clock(Date.parse('2026-12-07T09:00:00Z')));
    await a.store.updateProfile({ ...DEFAULT_PROFILE, endMark: '-ENDS-' });
    await syncBoth(a, b);
    const profile = (await b.store.describe()).profile;
    expect(profile.endMark).toBe('-ENDS-');
    await b.store.updateProfile({ ...profile, endMark: 'ENDS.' });
    await syncBoth(a, b);
    expect((await a.store.describe()).profile.endMark).toBe('ENDS.');
    expect((await b.store.describe()).profile.endMark).toBe('ENDS.');
  });

  it('reports a corrupt line by file and computer, skips it and applies the rest; a torn last line is ignored', async () => {
    const now = clock();
    const a = await computer('PRESS-PC1', now);
    const b = await computer('PRESS-PC2', now);
    await b.store.updateProfile({ ...DEFAULT_PROFILE, name: 'Northshire Police' });
    await b.store.updateSettings({ ...DEFAULT_SETTINGS, latestNewsCount: 9 });
    await copyChanges(b, a);
    const log = join(a.folder, 'workspace-changes', `${b.id}.jsonl`);
    const [first, second] = (await readFile(log, 'utf8')).split('\n');
    const valid = JSON.parse(second!) as Record<string, unknown>;
    // Damaged between the two good lines: not JSON, then a value the schema refuses, then a torn last line.
    await writeFile(
      log,
      `${first}\n{"at": "2026-12-07T1\n${JSON.stringify({ ...valid, value: 99 })}\n${second}\n{"at":"2026-12-07T11:00:00.000Z","comp`,
    );
    const description = await a.store.describe();
    expect(description.profile.name).toBe('Northshire Police');
    expect(description.settings.latestNewsCount).toBe(9);
    expect(description.problems).toEqual([
      {
        file: `workspace-changes/${b.id}.jsonl`,
        movedTo: null,
        message: expect.stringMatching(
          /made on PRESS-PC2: lines 2, 3 could not be read.*The other changes apply/,
        ),
      },
    ]);
    // This computer keeps working: its own changes are appended and merged with the readable rest.
    await a.store.updateSettings({ ...description.settings, allowSelfApproval: true });
    const again = await a.store.describe();
    expect(again.settings).toEqual({ ...DEFAULT_SETTINGS, latestNewsCount: 9, allowSelfApproval: true });
    expect(again.problems).toHaveLength(1);
    // Once the file is whole again (the sync engine delivers the good copy), the report goes.
    await copyChanges(b, a);
    expect((await a.store.describe()).problems).toEqual([]);
  });

  it('cuts its own torn last line (a crash while appending) before appending, losing no whole line', async () => {
    const a = await computer('PRESS-PC1', clock());
    await a.store.updateProfile({ ...DEFAULT_PROFILE, name: 'One' });
    const log = join(a.folder, 'workspace-changes', `${a.id}.jsonl`);
    const whole = await readFile(log, 'utf8');
    await appendFile(log, '{"at":"2026-12-07T10:00:');
    expect((await a.store.describe()).problems).toEqual([]);
    await a.store.updateProfile({ ...DEFAULT_PROFILE, name: 'Two', endMark: 'END' });
    const description = await a.store.describe();
    expect(description.profile).toMatchObject({ name: 'Two', endMark: 'END' });
    expect(description.problems).toEqual([]);
    const text = await readFile(log, 'utf8');
    expect(text.startsWith(whole)).toBe(true);
    expect(text).not.toContain('10:00:\n');
    expect(text.trim().split('\n')).toHaveLength(3);
  });

  it('takes an existing workspace.json as the base, losslessly, and never writes it', async () => {
    const folder = await temp('pressroom-ws-');
    const base: WorkspaceFile = {
      schemaVersion: WORKSPACE_SCHEMA_VERSION,
      profile: {
        ...DEFAULT_PROFILE,
        name: 'Old org',
        contacts: [
          { name: 'Sam', role: 'Press officer', phone: '0300 000', email: 'sam@old.example', outOfHours: '' },
        ],
        limits: { ...DEFAULT_PROFILE.limits, headlineWords: 12 },
        houseStyle: { ...DEFAULT_PROFILE.houseStyle, times: false, knownAcronyms: ['OLD'] },
      },
      settings: {
        allowSelfApproval: true,
        latestNewsCount: 3,
        approvalChain: [{ label: 'Legal', role: 'reviewer' }],
      },
      people: [
        { id: 'p-2', name: 'Zoe', roles: ['approver'] },
        { id: 'p-1', name: 'Al', roles: ['writer', 'reviewer'] },
      ],
    };
    const text = JSON.stringify(base, null, 2);
    await writeFile(join(folder, 'workspace.json'), text);
    const a = await computer('PRESS-PC1', clock(), folder);
    const description = await a.store.describe();
    expect({
      schemaVersion: WORKSPACE_SCHEMA_VERSION,
      profile: description.profile,
      settings: description.settings,
      people: description.people,
    }).toEqual(base);
    expect(description.changes).toEqual([]);
    expect(description.problems).toEqual([]);

    await a.store.updateSettings({ ...base.settings, latestNewsCount: 4 });
    await a.store.recordPerson({ id: 'p-3', name: 'New', roles: ['writer'] });
    await a.store.recordPerson({ id: 'p-1', name: 'Al', roles: ['writer', 'reviewer'] });
    expect(await readFile(join(folder, 'workspace.json'), 'utf8')).toBe(text);
    const lines = (await readFile(join(folder, 'workspace-changes', `${a.id}.jsonl`), 'utf8'))
      .trim()
      .split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { field: string }).field)).toEqual([
      'settings.latestNewsCount',
      'people.p-3',
    ]);
    const after = await a.store.describe();
    expect(after.settings).toEqual({ ...base.settings, latestNewsCount: 4 });
    expect(after.people.map((p) => p.id)).toEqual(['p-2', 'p-1', 'p-3']);
    expect(after.profile).toEqual(base.profile);
  });

  it('knows a workspace without workspace.json by its releases or workspace-changes folder', async () => {
    const empty = await temp('pressroom-empty-');
    expect(isWorkspaceFolder(empty)).toBe(false);
    expect(isWorkspaceFolder(join(empty, 'missing'))).toBe(false);
    const made = await computer('PRESS-PC1', clock());
    expect(await readdir(made.folder)).not.toContain('workspace.json');
    expect(isWorkspaceFolder(made.folder)).toBe(true);
    const older = await temp('pressroom-older-');
    await writeFile(join(older, 'workspace.json'), '{}');
    expect(isWorkspaceFolder(older)).toBe(true);
    const synced = await temp('pressroom-synced-');
    await mkdir(join(synced, 'workspace-changes'));
    expect(isWorkspaceFolder(synced)).toBe(true);
  });

  it('a change from a newer Pressroom (a field this version does not know) is kept in the log and not applied', () => {
    const line = (field: string, value: unknown) =>
      JSON.stringify({ at: '2026-12-07T10:00:00.000Z', computer: { id: 'pc-1', name: 'PC' }, field, value });
    const read = parseChanges(
      `${line('profile.futureThing', 1)}\n${line('profile.name', 'X')}\n`,
      'pc-1',
      'f',
    );
    expect(read.problems).toEqual([]);
    expect(read.entries.map((e) => e.field)).toEqual(['profile.name']);
    // A line naming another computer than its file is not that file's: reported.
    expect(parseChanges(`${line('profile.name', 'X')}\n`, 'pc-2', 'f').problems).toHaveLength(1);
  });
});

describe('merge property', () => {
  type Op =
    | {
        kind: 'edit';
        on: 0 | 1;
        field: 'name' | 'endMark' | 'boilerplate' | 'acronym' | 'person-1' | 'person-2';
      }
    | { kind: 'copy'; from: 0 | 1 };
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    fc.record({
      kind: fc.constant('edit' as const),
      on: fc.constantFrom(0 as const, 1 as const),
      field: fc.constantFrom('name', 'endMark', 'boilerplate', 'acronym', 'person-1', 'person-2'),
    }),
    fc.record({ kind: fc.constant('copy' as const), from: fc.constantFrom(0 as const, 1 as const) }),
  );
  const FIELD_OF = {
    name: 'profile.name',
    endMark: 'profile.endMark',
    boilerplate: 'profile.boilerplate',
    acronym: 'profile.houseStyle.knownAcronyms',
    'person-1': 'people.person-1',
    'person-2': 'people.person-2',
  } as const;

  async function edit(c: Computer, field: keyof typeof FIELD_OF, value: string): Promise<void> {
    const { profile } = await c.store.describe();
    if (field === 'person-1' || field === 'person-2') {
      await c.store.recordPerson({ id: field, name: value, roles: ['writer'] });
    } else if (field === 'acronym') {
      await c.store.updateProfile({
        ...profile,
        houseStyle: { ...profile.houseStyle, knownAcronyms: [value] },
      });
    } else {
      await c.store.updateProfile({ ...profile, [field]: value });
    }
  }

  const valueIn = (d: Awaited<ReturnType<WorkspaceStore['describe']>>, field: keyof typeof FIELD_OF) => {
    if (field === 'person-1' || field === 'person-2') return d.people.find((p) => p.id === field)?.name;
    if (field === 'acronym') return d.profile.houseStyle.knownAcronyms[0];
    return d.profile[field];
  };

  it('after a final full copy both sides compute the same workspace, each field the latest edit of it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 14 }), async (ops) => {
        const now = clock();
        const sides = [await computer('PC-A', now), await computer('PC-B', now)] as const;
        const latest = new Map<keyof typeof FIELD_OF, string>();
        let n = 0;
        for (const op of ops) {
          if (op.kind === 'copy') {
            await copyChanges(sides[op.from], sides[1 - op.from]!);
            continue;
          }
          // Unique values: every edit changes its field, so the latest edit is the one that must win.
          const value = `V${op.on}${n++}`;
          await edit(sides[op.on], op.field, value);
          latest.set(op.field, value);
        }
        await syncBoth(sides[0], sides[1]);
        const [d0, d1] = [await sides[0].store.describe(), await sides[1].store.describe()];
        expect(d0.profile).toEqual(d1.profile);
        expect(d0.settings).toEqual(d1.settings);
        expect(d0.people).toEqual(d1.people);
        expect(withoutHere(d0.changes)).toEqual(withoutHere(d1.changes));
        for (const [field, value] of latest) {
          expect(valueIn(d0, field), FIELD_OF[field]).toBe(value);
        }
        expect(d0.problems).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it('mergeWorkspace is independent of the order changes arrive in, with any clocks', () => {
    const entryArb = fc.record({
      at: fc.integer({ min: 0, max: 50 }).map((s) => new Date(Date.UTC(2026, 11, 7, 10, 0, s)).toISOString()),
      computer: fc.constantFrom(
        { id: 'pc-a', name: 'A' },
        { id: 'pc-b', name: 'B' },
        { id: 'pc-c', name: 'C' },
      ),
      field: fc.constantFrom('profile.name', 'profile.endMark', 'settings.latestNewsCount'),
      n: fc.integer({ min: 0, max: 20 }),
    });
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 30 }), fc.integer(), (raw, seed) => {
        const entries: WorkspaceChangeEntry[] = raw.map((e, line) => ({
          at: e.at,
          computer: e.computer,
          field: e.field,
          value: e.field === 'settings.latestNewsCount' ? e.n : `v${e.n}`,
          line,
        }));
        const shuffled = [...entries].sort(
          (x, y) => ((x.line * 7919 + seed) % 101) - ((y.line * 7919 + seed) % 101),
        );
        const base: WorkspaceFile = {
          schemaVersion: WORKSPACE_SCHEMA_VERSION,
          profile: DEFAULT_PROFILE,
          settings: DEFAULT_SETTINGS,
          people: [],
        };
        const one = mergeWorkspace(base, entries);
        const two = mergeWorkspace(base, shuffled);
        expect(two.file).toEqual(one.file);
        expect(two.changes).toEqual(one.changes);
      }),
      { numRuns: 200 },
    );
  });
});
