import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createReleaseHistory, type ReleaseHistory } from '../../../src-main/services/review/release-history';
import { StoreError } from '../../../src-main/services/workspace/store';
import { createBlankRelease } from '../../../src-shared/release/new-release';
import { DEFAULT_PROFILE, RELEASE_SCHEMA_VERSION, type Release } from '../../../src-shared/release/schema';
import { contentHash } from '../../../src-shared/workflow/content-hash';
import { workspaceLayout } from '../../../src-main/services/workspace/layout';

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

async function open(): Promise<{ folder: string; history: ReleaseHistory; dir: string }> {
  const folder = await mkdtemp(join(tmpdir(), 'pressroom-history-'));
  folders.push(folder);
  return {
    folder,
    history: createReleaseHistory(workspaceLayout(folder), { now: ticking() }),
    dir: join(folder, 'history', 'r-hist'),
  };
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
  it('keeps a version as one readable file named by number and reason', async () => {
    const { history, dir } = await open();
    const kept = release({ status: 'in-review' });
    const summary = await history.record(kept, 'submitted', writer);
    expect(summary).toEqual({
      seq: 1,
      at: '2024-07-18T08:30:01.000Z',
      reason: 'submitted',
      actor: writer,
      revision: 3,
      contentHash: contentHash(kept),
      status: 'in-review',
      headline: 'Statement on the Ashford fire',
    });
    expect(await readdir(dir)).toEqual(['000001-submitted.json']);
    const text = await readFile(join(dir, '000001-submitted.json'), 'utf8');
    expect(text).toMatch(/^\{\n {2}"schemaVersion": 1,\n {2}"seq": 1,/);
    expect(JSON.parse(text)).toEqual({
      schemaVersion: 1,
      seq: 1,
      at: '2024-07-18T08:30:01.000Z',
      reason: 'submitted',
      actor: writer,
      revision: 3,
      contentHash: contentHash(kept),
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
      release: v2,
    });
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
        (i % 2 ? history : second).record(release({ revision: i + 1 }), reasons[i % reasons.length]!, writer),
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
    const { history, dir } = await open();
    await history.record(release(), 'manual', writer);
    await history.record(release(), 'manual', writer);
    await history.record(release(), 'manual', writer);
    await writeFile(join(dir, '000002-manual.json'), '{ "seq": 2, "release": ');
    const good = JSON.parse(await readFile(join(dir, '000003-manual.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    await writeFile(
      join(dir, '000004-approved.json'),
      JSON.stringify({ ...good, seq: 4, release: { id: 'r-hist' } }),
    );
    await writeFile(join(dir, '000005-manual.json'), JSON.stringify({ ...good, seq: 9 }));
    await writeFile(join(dir, '000006-manual.json'), JSON.stringify({ ...good, schemaVersion: 7, seq: 6 }));
    await writeFile(join(dir, 'notes.json'), '{}');
    await writeFile(join(dir, '000003-manual (conflicted copy).json'), JSON.stringify(good));
    await writeFile(join(dir, '.000007-manual.json.123.abc.tmp'), 'half written');
    await writeFile(join(dir, 'README.txt'), 'not a version');

    const { versions, problems } = await history.list('r-hist');
    expect(versions.map((v) => v.seq)).toEqual([3, 1]);
    expect(problems.map((p) => p.file).sort()).toEqual([
      'history/r-hist/000002-manual.json',
      'history/r-hist/000003-manual (conflicted copy).json',
      'history/r-hist/000004-approved.json',
      'history/r-hist/000005-manual.json',
      'history/r-hist/000006-manual.json',
      'history/r-hist/notes.json',
    ]);
    const message = (name: string) => problems.find((p) => p.file.endsWith(name))!.message;
    expect(message('000002-manual.json')).toMatch(
      /^history\/r-hist\/000002-manual\.json: It is not valid JSON/,
    );
    expect(message('000004-approved.json')).toMatch(/The release in it is not valid/);
    expect(message('000005-manual.json')).toMatch(/Its name says version 5 but it holds version 9/);
    expect(message('000006-manual.json')).toMatch(/newer version of Pressroom/);
    expect(message('notes.json')).toMatch(/not a version Pressroom kept/);
    for (const problem of problems) expect(problem.movedTo).toBeNull();

    const error = await refusal(history.get('r-hist', 2));
    expect(error.code).toBe('corrupt-file');
    expect(error.message).toMatch(/^Version 2 could not be read: It is not valid JSON/);
    expect(error.details).toEqual({ file: 'history/r-hist/000002-manual.json' });
    // Nothing was moved or rewritten.
    expect(await readFile(join(dir, '000002-manual.json'), 'utf8')).toBe('{ "seq": 2, "release": ');
  });

  it('numbers past a damaged file rather than over it', async () => {
    const { history, dir } = await open();
    await history.record(release(), 'manual', writer);
    await writeFile(join(dir, '000002-approved.json'), 'garbage');
    expect((await history.record(release(), 'manual', writer)).seq).toBe(3);
    expect(await readFile(join(dir, '000002-approved.json'), 'utf8')).toBe('garbage');
  });

  it('migrates a release kept by an older Pressroom', async () => {
    const { history, dir } = await open();
    await history.record(release(), 'submitted', writer);
    const file = JSON.parse(await readFile(join(dir, '000001-submitted.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const current = file.release as Record<string, unknown>;
    const { details: _details, anonymityList: _anonymityList, ...v1 } = current;
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, '000001-submitted.json'),
      JSON.stringify({ ...file, release: { ...v1, schemaVersion: 1 } }),
    );
    const got = await history.get('r-hist', 1);
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
