import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createReleaseHistory, type ReleaseHistory } from '../../../src-main/services/review/release-history';
import { StoreError } from '../../../src-main/services/workspace/store';
import { createBlankRelease } from '../../../src-shared/release/new-release';
import { DEFAULT_PROFILE, RELEASE_SCHEMA_VERSION, type Release } from '../../../src-shared/release/schema';
import { contentHash } from '../../../src-shared/workflow/content-hash';
import { workspaceLayout } from '../../../src-main/services/workspace/layout';
import { call, createDispatcher, createWorkspaceHandlers } from '../../../src-main/services/api/dispatch';
import { openWorkspace } from '../../../src-main/services/workspace/store';
import { as, value, WRITER } from './people';

const folders: string[] = [];
const T0 = Date.parse('2024-07-18T08:30:00.000Z');
const writer = { id: 'u-wes', name: 'Wes Writer' };
const reviewer = { id: 'u-rae', name: 'Rae Reviewer' };

afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

/** A clock that moves one second per call. */
function ticking(start = T0): () => Date {
  let time = start;
  return () => new Date((time += 1000));
}

async function open(userData?: string) {
  const folder = await mkdtemp(join(tmpdir(), 'pressroom-history-'));
  folders.push(folder);
  const layout = workspaceLayout(folder, userData);
  return {
    folder,
    history: createReleaseHistory(layout, { now: ticking() }) as ReleaseHistory,
    dir: join(folder, 'history', 'r-hist'),
    computer: { id: layout.computer.id, name: layout.computer.name },
  };
}

/** Carries files across as a sync engine does: whole files, added where missing; answers the names it added. */
async function carry(from: string, to: string): Promise<string[]> {
  await mkdir(to, { recursive: true });
  const there = new Set(await readdir(to));
  const added: string[] = [];
  for (const name of await readdir(from)) {
    if (name.startsWith('.')) continue;
    if (there.has(name)) {
      // One writer per file: a name on both sides must hold the same bytes, or the engine has a conflict.
      expect(await readFile(join(to, name), 'utf8'), `${name} differs between the computers`).toBe(
        await readFile(join(from, name), 'utf8'),
      );
      continue;
    }
    await cp(join(from, name), join(to, name));
    added.push(name);
  }
  return added;
}

function release(overrides: Partial<Release> = {}): Release {
  let n = 0;
  return {
    ...createBlankRelease({
      id: 'r-hist',
      type: 'statement',
      profile: DEFAULT_PROFILE,
      now: new Date(T0),
      makeId: () => `p${++n}`,
    }),
    revision: 3,
    headline: 'Statement on the Ashford fire',
    ...overrides,
  };
}

async function refusal(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

describe('release history', () => {
  it('keeps a version as one readable file named by number, reason and the computer that kept it', async () => {
    const { history, dir, computer } = await open();
    const kept = release({ status: 'in-review' });
    const summary = await history.record(kept, 'submitted', writer);
    const name = `000001-submitted.${computer.id}`;
    expect(summary).toEqual({
      seq: 1,
      at: '2024-07-18T08:30:01.000Z',
      reason: 'submitted',
      actor: writer,
      revision: 3,
      contentHash: contentHash(kept),
      computer,
      key: name,
      status: 'in-review',
      headline: 'Statement on the Ashford fire',
    });
    expect(await readdir(dir)).toEqual([`${name}.json`]);
    const text = await readFile(join(dir, `${name}.json`), 'utf8');
    expect(text).toMatch(/^\{\n {2}"schemaVersion": 1,\n {2}"seq": 1,/);
    expect(JSON.parse(text)).toEqual({
      schemaVersion: 1,
      seq: 1,
      at: '2024-07-18T08:30:01.000Z',
      reason: 'submitted',
      actor: writer,
      revision: 3,
      contentHash: contentHash(kept),
      computer,
      release: kept,
    });
  });

  it('lists versions newest first, without their content, and gets any one back whole', async () => {
    const { history } = await open();
    const v1 = release({ status: 'in-review' });
    const v2 = release({ status: 'approved', revision: 4 });
    const v3 = release({ status: 'published', revision: 4, headline: 'Statement on the fire' });
    await history.record(v1, 'submitted', writer);
    await history.record(v2, 'approved', reviewer);
    await history.record(v3, 'exported', writer);

    const { versions, problems } = await history.list('r-hist');
    expect(problems).toEqual([]);
    expect(versions.map((v) => [v.seq, v.reason, v.actor.name, v.status, v.revision])).toEqual([
      [3, 'exported', 'Wes Writer', 'published', 4],
      [2, 'approved', 'Rae Reviewer', 'approved', 4],
      [1, 'submitted', 'Wes Writer', 'in-review', 3],
    ]);
    expect(versions[0]!.headline).toBe('Statement on the fire');
    for (const version of versions) expect(version).not.toHaveProperty('release');

    const got = await history.get('r-hist', 2);
    expect(got).toEqual({
      seq: 2,
      at: '2024-07-18T08:30:02.000Z',
      reason: 'approved',
      actor: reviewer,
      revision: 4,
      contentHash: contentHash(v2),
      key: versions[1]!.key,
      computer: versions[1]!.computer,
      release: v2,
    });
    // The key names the same version.
    expect(await history.get('r-hist', versions[1]!.key!)).toEqual(got);
  });

  it('has an empty history for a release with none', async () => {
    const { history } = await open();
    expect(await history.list('r-none')).toEqual({ versions: [], problems: [] });
    const error = await refusal(history.get('r-none', 1));
    expect(error.code).toBe('not-found');
    expect(error.message).toBe('Version 1 is not in the history of this release.');
  });

  it('numbers versions without gaps or clashes when several are kept at once', async () => {
    const { history, folder } = await open();
    const second = createReleaseHistory(workspaceLayout(folder));
    const reasons = ['manual', 'submitted', 'approved', 'exported', 'restored'] as const;
    const summaries = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? history : second).record(
          release({ revision: i + 1, headline: `Statement ${i + 1}` }),
          reasons[i % reasons.length]!,
          writer,
        ),
      ),
    );
    expect(summaries.map((s) => s.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    const { versions, problems } = await history.list('r-hist');
    expect(problems).toEqual([]);
    expect(versions.map((v) => v.seq)).toEqual(Array.from({ length: 12 }, (_, i) => 12 - i));
  });

  it('reports unreadable files instead of failing, and lists the rest', async () => {
    const { history, dir, computer } = await open();
    for (const n of [1, 2, 3])
      await history.record(release({ headline: `Statement ${n}` }), 'manual', writer);
    const own = (seq: number) => `00000${seq}-manual.${computer.id}.json`;
    await writeFile(join(dir, own(2)), '{ "seq": 2, "release": ');
    const good = JSON.parse(await readFile(join(dir, own(3)), 'utf8')) as Record<string, unknown>;
    // Files as an older Pressroom named them are still read.
    await writeFile(
      join(dir, '000001-submitted.json'),
      JSON.stringify({ ...good, seq: 1, reason: 'submitted' }),
    );
    await writeFile(
      join(dir, '000004-approved.json'),
      JSON.stringify({ ...good, seq: 4, release: { id: 'r-hist' } }),
    );
    await writeFile(join(dir, '000005-manual.json'), JSON.stringify({ ...good, seq: 9 }));
    await writeFile(join(dir, '000006-manual.json'), JSON.stringify({ ...good, schemaVersion: 7, seq: 6 }));
    await writeFile(join(dir, '000007-manual.other-pc-123456.json'), JSON.stringify({ ...good, seq: 7 }));
    await writeFile(join(dir, 'notes.json'), '{}');
    await writeFile(join(dir, '000003-manual (conflicted copy).json'), JSON.stringify(good));
    await writeFile(join(dir, '.000007-manual.json.123.abc.tmp'), 'half written');
    await writeFile(join(dir, 'README.txt'), 'not a version');

    const { versions, problems } = await history.list('r-hist');
    expect(versions.map((v) => [v.seq, v.key])).toEqual([
      [3, own(3).slice(0, -5)],
      // Two versions 1 (this computer's and one an older Pressroom kept): both listed, the later first.
      [1, '000001-submitted'],
      [1, own(1).slice(0, -5)],
    ]);
    expect(problems.map((p) => p.file).sort()).toEqual([
      `history/r-hist/${own(2)}`,
      'history/r-hist/000003-manual (conflicted copy).json',
      'history/r-hist/000004-approved.json',
      'history/r-hist/000005-manual.json',
      'history/r-hist/000006-manual.json',
      'history/r-hist/000007-manual.other-pc-123456.json',
      'history/r-hist/notes.json',
    ]);
    const message = (name: string) => problems.find((p) => p.file.endsWith(name))!.message;
    expect(message(own(2))).toMatch(
      /^history\/r-hist\/000002-manual\.[a-z0-9-]+\.json: It is not valid JSON/,
    );
    expect(message('000004-approved.json')).toMatch(/The release in it is not valid/);
    expect(message('000005-manual.json')).toMatch(/Its name says version 5 but it holds version 9/);
    expect(message('000006-manual.json')).toMatch(/newer version of Pressroom/);
    expect(message('000007-manual.other-pc-123456.json')).toMatch(/names another computer/);
    expect(message('notes.json')).toMatch(/not a version Pressroom kept/);
    for (const problem of problems) expect(problem.movedTo).toBeNull();

    const error = await refusal(history.get('r-hist', 2));
    expect(error.code).toBe('corrupt-file');
    expect(error.message).toMatch(/^Version 2 could not be read: It is not valid JSON/);
    expect(error.details).toEqual({ file: `history/r-hist/${own(2)}` });
    // Nothing was moved or rewritten.
    expect(await readFile(join(dir, own(2)), 'utf8')).toBe('{ "seq": 2, "release": ');
  });

  it('does not keep the same text in the same state twice in a row, and says which version holds it', async () => {
    const { history, dir } = await open();
    const draft = release({ status: 'draft' });
    // Three draft exports of one text (issue 14, item 11c): one version.
    const first = await history.record(draft, 'exported', writer);
    expect(await history.record(draft, 'exported', writer)).toEqual(first);
    expect(await history.record({ ...draft, revision: 9 }, 'manual', reviewer)).toEqual(first);
    expect(await readdir(dir)).toHaveLength(1);
    // Another state of the same text, or other text, is a new version; going back to a text kept earlier is too.
    expect((await history.record({ ...draft, status: 'in-review' }, 'submitted', writer)).seq).toBe(2);
    expect(
      (await history.record({ ...draft, status: 'in-review', headline: 'New' }, 'manual', writer)).seq,
    ).toBe(3);
    expect((await history.record({ ...draft, status: 'in-review' }, 'manual', writer)).seq).toBe(4);
    const { versions } = await history.list('r-hist');
    expect(versions.map((v) => [v.seq, v.reason, v.status])).toEqual([
      [4, 'manual', 'in-review'],
      [3, 'manual', 'in-review'],
      [2, 'submitted', 'in-review'],
      [1, 'exported', 'draft'],
    ]);
  });

  it('keeps the version when the newest kept file cannot be read', async () => {
    const { history, dir, computer } = await open();
    await history.record(release(), 'manual', writer);
    await writeFile(join(dir, `000001-manual.${computer.id}.json`), 'garbage');
    expect((await history.record(release(), 'manual', writer)).seq).toBe(2);
  });

  it('numbers past a damaged file rather than over it', async () => {
    const { history, dir } = await open();
    await history.record(release(), 'manual', writer);
    await writeFile(join(dir, '000002-approved.json'), 'garbage');
    expect((await history.record(release(), 'manual', writer)).seq).toBe(3);
    expect(await readFile(join(dir, '000002-approved.json'), 'utf8')).toBe('garbage');
  });

  it('migrates a release kept by an older Pressroom', async () => {
    const { history, dir, computer } = await open();
    await history.record(release(), 'submitted', writer);
    const file = JSON.parse(
      await readFile(join(dir, `000001-submitted.${computer.id}.json`), 'utf8'),
    ) as Record<string, unknown>;
    const current = file.release as Record<string, unknown>;
    const { details: _details, anonymityList: _anonymityList, ...v1 } = current;
    delete file.computer;
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, '000001-submitted.json'),
      JSON.stringify({ ...file, release: { ...v1, schemaVersion: 1 } }),
    );
    await rm(join(dir, `000001-submitted.${computer.id}.json`));
    const got = await history.get('r-hist', 1);
    expect(got.key).toBe('000001-submitted');
    expect(got.computer).toBeUndefined();
    expect(got.release.schemaVersion).toBe(RELEASE_SCHEMA_VERSION);
    expect(got.release.approvals).toEqual([]);
    expect(got.release.anonymityList).toEqual([]);
  });

  it('refuses bad input with a message, before touching the disk', async () => {
    const { history, folder } = await open();
    expect((await refusal(history.list('../escape'))).code).toBe('invalid-input');
    expect((await refusal(history.get('r-hist', 0))).code).toBe('invalid-input');
    expect((await refusal(history.get('r-hist', 1.5))).code).toBe('invalid-input');
    expect(
      (await refusal(history.record({ ...release(), headline: 5 as unknown as string }, 'manual', writer)))
        .code,
    ).toBe('invalid-input');
    expect((await refusal(history.record(release(), 'deleted' as 'manual', writer))).code).toBe(
      'invalid-input',
    );
    expect((await refusal(history.record(release(), 'manual', { id: 'x', name: '  ' }))).code).toBe(
      'invalid-input',
    );
    expect(await readdir(folder)).toEqual([]);
  });
});

describe('history on two computers (issue 12)', () => {
  it('two computers keeping a version at once never write the same file, and both list both once copied', async () => {
    const root = await mkdtemp(join(tmpdir(), 'pressroom-history-two-'));
    folders.push(root);
    const a = await open(join(root, 'user-a'));
    const b = await open(join(root, 'user-b'));
    expect(a.computer.id).not.toBe(b.computer.id);
    // Both keep "version 1, submitted" at the same moment, with different text.
    const [onA, onB] = await Promise.all([
      a.history.record(release({ headline: 'Kept on A' }), 'submitted', writer),
      b.history.record(release({ headline: 'Kept on B' }), 'submitted', reviewer),
    ]);
    expect([onA.seq, onB.seq]).toEqual([1, 1]);
    expect(onA.key).not.toBe(onB.key);
    // The engine carries each file to the other side; no name exists on both.
    expect(await carry(a.dir, b.dir)).toEqual([`${onA.key}.json`]);
    expect(await carry(b.dir, a.dir)).toEqual([`${onB.key}.json`]);

    for (const side of [a, b]) {
      const { versions, problems } = await side.history.list('r-hist');
      expect(problems).toEqual([]);
      expect(versions.map((v) => v.key).sort()).toEqual([onA.key, onB.key].sort());
      expect(versions.map((v) => v.seq)).toEqual([1, 1]);
      expect((await side.history.get('r-hist', onA.key!)).release.headline).toBe('Kept on A');
      expect((await side.history.get('r-hist', onB.key!)).release.headline).toBe('Kept on B');
      // The computer is named with each.
      expect(versions.find((v) => v.key === onA.key)!.computer).toEqual(a.computer);
    }
    // By number alone, each computer answers with its own.
    expect((await a.history.get('r-hist', 1)).release.headline).toBe('Kept on A');
    expect((await b.history.get('r-hist', 1)).release.headline).toBe('Kept on B');

    // The next version on either side numbers past both.
    expect((await a.history.record(release(), 'approved', reviewer)).seq).toBe(2);
  });

  it('takes versions from a release file only by adding, under this computer’s name', async () => {
    const root = await mkdtemp(join(tmpdir(), 'pressroom-history-import-'));
    folders.push(root);
    const a = await open(join(root, 'user-a'));
    const b = await open(join(root, 'user-b'));
    await a.history.record(release({ headline: 'One' }), 'submitted', writer);
    await a.history.record(release({ headline: 'Two' }), 'approved', reviewer);
    await b.history.record(release({ headline: 'B own' }), 'manual', writer);
    const fromA = await Promise.all(
      (await a.history.list('r-hist')).versions.reverse().map((v) => a.history.get('r-hist', v.key!)),
    );
    // A file made before issue 12 carries no keys: the same version is still recognised.
    const legacy = fromA.map(({ key: _key, computer: _computer, ...rest }) => rest);
    expect(await b.history.importVersions('r-hist', fromA)).toBe(2);
    expect(await b.history.importVersions('r-hist', fromA)).toBe(0);
    expect(await b.history.importVersions('r-hist', legacy)).toBe(0);
    const names = await readdir(b.dir);
    expect(names.every((name) => name.endsWith(`.${b.computer.id}.json`))).toBe(true);
    const { versions } = await b.history.list('r-hist');
    expect(versions.map((v) => v.headline).sort()).toEqual(['B own', 'One', 'Two']);
    // "One" was version 1 in the file; B already had a 1, so it went to the next free number.
    expect(versions.find((v) => v.headline === 'One')!.seq).toBe(2);
    expect(versions.find((v) => v.headline === 'Two')!.seq).toBe(3);
  });
});

/** Two computers, each with its own copy of the folder and its own user-data, through the API. */
async function twoComputers() {
  const root = await mkdtemp(join(tmpdir(), 'pressroom-saves-'));
  folders.push(root);
  const folderA = join(root, 'a');
  const folderB = join(root, 'b');
  const api = async (folder: string, user: string) =>
    createDispatcher(
      createWorkspaceHandlers(await openWorkspace(folder, { userData: join(root, user) }), as(WRITER)),
    );
  const a = await api(folderA, 'user-a');
  const b = await api(folderB, 'user-b');
  const sync = async () => {
    for (const [from, to] of [
      [folderA, folderB],
      [folderB, folderA],
    ] as const) {
      await cp(from, to, {
        recursive: true,
        force: false,
        errorOnExist: false,
        filter: (src) => !src.endsWith('.lock'),
      });
    }
  };
  return { a, b, sync, folderA };
}

describe('every save in History (issue 12)', () => {
  it('lists every save newest first with who, where and why, and restores one as a new revision on top', async () => {
    const { a, b, sync } = await twoComputers();
    let release = await value(call(a, 'releases.create', { type: 'news-release' }));
    for (const headline of ['First headline', 'Second headline', 'Third headline']) {
      release = await value(call(a, 'releases.save', { release: { ...release, headline } }));
    }
    await sync();
    const onB = await value(call(b, 'releases.get', { id: release.id }));
    await value(call(b, 'releases.save', { release: { ...onB, headline: 'Fourth headline, on B' } }));
    await sync();

    for (const side of [a, b]) {
      const page = await value(call(side, 'history.revisions', { id: release.id }));
      expect(page.total).toBe(5);
      expect(page.older).toBeNull();
      expect(page.saves.map((s) => [s.revision, s.headline, s.why, s.current])).toEqual([
        [5, 'Fourth headline, on B', 'saved', true],
        [4, 'Third headline', 'saved', false],
        [3, 'Second headline', 'saved', false],
        [2, 'First headline', 'saved', false],
        [1, '', 'created', false],
      ]);
      for (const save of page.saves.slice(0, -1)) {
        expect(save.person?.name).toBe(WRITER.name);
        expect(save.problem).toBeNull();
      }
      expect(new Set(page.saves.map((s) => s.computer.id)).size).toBe(2);
    }

    // Open the second save and restore it: a new revision on top with its text.
    const page = await value(call(a, 'history.revisions', { id: release.id }));
    const second = page.saves.find((s) => s.headline === 'Second headline')!;
    const opened = await value(call(a, 'history.revision', { id: release.id, save: second.id }));
    expect(opened.release.headline).toBe('Second headline');
    const current = await value(call(a, 'releases.get', { id: release.id }));
    const restored = await value(
      call(a, 'history.restore', { id: release.id, save: second.id, revision: current.revision }),
    );
    expect(restored.headline).toBe('Second headline');
    expect(restored.revision).toBeGreaterThan(current.revision);
    const after = await value(call(a, 'history.revisions', { id: release.id, limit: 2 }));
    expect(after.total).toBe(6);
    expect(after.saves[0]).toMatchObject({ headline: 'Second headline', current: true });
    expect(after.saves[1]).toMatchObject({ headline: 'Fourth headline, on B', current: false });
    // Nothing was lost: every earlier save is still listed, and the text it replaced was kept as a version.
    const older = await value(
      call(a, 'history.revisions', { id: release.id, before: after.older!, limit: 10 }),
    );
    expect(older.saves.map((s) => s.revision)).toEqual([4, 3, 2, 1]);
    const kept = await value(call(a, 'history.list', { id: release.id }));
    expect(kept.versions.map((v) => [v.reason, v.headline])).toEqual([['restored', 'Fourth headline, on B']]);
  });

  it('restoring a save through the workflow takes a release in review back to draft', async () => {
    const { a } = await twoComputers();
    let release = await value(call(a, 'releases.create', { type: 'news-release' }));
    release = await value(call(a, 'releases.save', { release: { ...release, headline: 'Before review' } }));
    release = await value(
      call(a, 'releases.act', { id: release.id, revision: release.revision, action: 'submit' }),
    );
    expect(release.status).toBe('in-review');
    const page = await value(call(a, 'history.revisions', { id: release.id }));
    const created = page.saves.at(-1)!;
    const restored = await value(
      call(a, 'history.restore', { id: release.id, save: created.id, revision: release.revision }),
    );
    expect(restored.status).toBe('draft');
    const stale = await call(a, 'history.restore', {
      id: release.id,
      save: created.id,
      revision: release.revision,
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('reads only the page shown of a release with 1,000 revisions', async () => {
    const { a, folderA } = await twoComputers();
    const created = await value(call(a, 'releases.create', { type: 'news-release' }));
    const folder = join(folderA, 'releases', created.id);
    const [first] = await readdir(folder);
    const file = JSON.parse(await readFile(join(folder, first!), 'utf8')) as {
      writer: { computer: string };
      release: Release;
    } & Record<string, unknown>;
    const computer = file.writer.computer;
    const name = (n: number) => `${String(n).padStart(8, '0')}.${computer}.json`;
    const revisionText = (n: number) => {
      const release = { ...file.release, revision: n, headline: `Headline ${n}` };
      return JSON.stringify({
        ...file,
        revision: n,
        parents: n > 1 ? [name(n - 1).slice(0, -5)] : [],
        seen: { [computer]: n },
        why: 'saved',
        sha256: createHash('sha256').update(JSON.stringify(release)).digest('hex'),
        release,
      });
    };
    const TOTAL = 1000;
    const write = async (damaged: (n: number) => boolean) => {
      for (let n = 1; n <= TOTAL; n += 100) {
        await Promise.all(
          Array.from({ length: 100 }, (_, i) =>
            writeFile(join(folder, name(n + i)), damaged(n + i) ? 'not read' : revisionText(n + i)),
          ),
        );
      }
    };
    // Every revision outside the first page is damaged: reading one would show as a problem on the page.
    await write((n) => n <= TOTAL - 50);
    const page = await value(call(a, 'history.revisions', { id: created.id }));
    expect(page.total).toBe(TOTAL);
    expect(page.saves.map((s) => s.revision)).toEqual(Array.from({ length: 50 }, (_, i) => TOTAL - i));
    expect(page.saves.every((s) => s.problem === null)).toBe(true);
    expect(page.saves.map((s) => s.current)).toEqual([true, ...Array<boolean>(49).fill(false)]);
    expect(page.older).toBe(name(TOTAL - 49).slice(0, -5));

    // The second page: only its revisions (and the current one) can be read now.
    await write((n) => n !== TOTAL && (n > TOTAL - 50 || n <= TOTAL - 100));
    const next = await value(call(a, 'history.revisions', { id: created.id, before: page.older! }));
    expect(next.saves.map((s) => s.revision)).toEqual(Array.from({ length: 50 }, (_, i) => TOTAL - 50 - i));
    expect(next.saves.every((s) => s.problem === null && s.headline === `Headline ${s.revision}`)).toBe(true);
    expect(next.older).toBe(name(TOTAL - 99).slice(0, -5));
    // A damaged save on a page says so instead of failing the page.
    const last = await value(call(a, 'history.revisions', { id: created.id, before: name(3).slice(0, -5) }));
    expect(last.saves.map((s) => [s.revision, s.problem !== null])).toEqual([
      [2, true],
      [1, true],
    ]);
    expect(last.older).toBeNull();
  });
});
