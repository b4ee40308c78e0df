import { protectedPeopleNamed } from '../../../src-shared/release/schema';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { call, createDispatcher, createWorkspaceHandlers } from '../../../src-main/services/api/dispatch';
import { openWorkspace, StoreError, type WorkspaceStore } from '../../../src-main/services/workspace/store';
import { toJsonText } from '../../../src-main/services/workspace/durable-file';
import type { Release } from '../../../src-shared/release/schema';
import {
  filesChanged,
  readStoredRelease,
  snapshotFiles,
  storedReleaseIds,
} from '../../support/stored-release';
import { as } from './people';

const folders: string[] = [];

afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

/** A clock that moves one second per call, so that "newest change first" is predictable. */
function ticking(): () => Date {
  let time = Date.parse('2024-07-18T08:30:00.000Z');
  return () => new Date((time += 1000));
}

async function openTemp(): Promise<{ folder: string; store: WorkspaceStore }> {
  const folder = await mkdtemp(join(tmpdir(), 'pressroom-library-'));
  folders.push(folder);
  return { folder, store: await openWorkspace(folder, { now: ticking() }) };
}

async function createWith(store: WorkspaceStore, change: (release: Release) => void): Promise<Release> {
  const created = await store.create('news-release');
  change(created);
  return store.save(created);
}

/** The release as a colleague's Pressroom reads it from its revision files. */
async function onDisk(folder: string, id: string): Promise<Release | null> {
  return readStoredRelease(folder, id);
}

describe('WorkspaceStore.readAll', () => {
  it('reads every release of the library or the trash in full, newest change first', async () => {
    const { store } = await openTemp();
    const first = await createWith(store, (r) => (r.headline = 'First'));
    const second = await createWith(store, (r) => {
      r.headline = 'Second';
      r.quotes = [
        {
          id: 'q1',
          speakerName: 'Priya Raman',
          speakerRole: 'Inspector',
          organisation: '',
          paragraphs: ['We need dashcam footage.'],
          afterParagraphId: null,
        },
      ];
    });
    const gone = await createWith(store, (r) => (r.headline = 'Deleted one'));
    await store.delete(gone.id);

    const library = await store.readAll('releases');
    expect(library.map((r) => r.id)).toEqual([second.id, first.id]);
    expect(library[0]).toEqual(second);
    expect(library[0]?.quotes[0]?.paragraphs).toEqual(['We need dashcam footage.']);
    expect((await store.readAll('trash')).map((r) => r.headline)).toEqual(['Deleted one']);
  });

  it('sets a damaged file aside and reports it exactly as the listing does, and returns the rest', async () => {
    const { folder, store } = await openTemp();
    const good = await createWith(store, (r) => (r.headline = 'Still here'));
    await writeFile(join(folder, 'releases', 'r-torn.json'), '{"headline": "half a fi');
    await writeFile(join(folder, 'trash', 'r-odd.json'), toJsonText({ ...good, id: 'r-other' }));

    expect((await store.readAll('releases')).map((r) => r.id)).toEqual([good.id]);
    expect(await store.readAll('trash')).toEqual([]);

    const problems = (await store.describe()).problems;
    const torn = problems.find((p) => p.file === 'releases/r-torn.json');
    expect(torn?.movedTo).toMatch(/^quarantine\/r-torn\..+\.json$/);
    // A misnamed file is not damaged: it stays where it is, reported.
    const odd = problems.find((p) => p.file === 'trash/r-odd.json');
    expect(odd?.movedTo).toBeNull();
    expect(await readdir(join(folder, 'trash'))).toContain('r-odd.json');
    expect(await readdir(join(folder, 'releases'))).not.toContain('r-torn.json');
    // Neither was taken in as a release: the good release is the only one with revisions.
    expect(await storedReleaseIds(folder)).toEqual([good.id]);
  });

  it('answers an empty list for an empty workspace', async () => {
    const { store } = await openTemp();
    expect(await store.readAll('releases')).toEqual([]);
    expect(await store.readAll('trash')).toEqual([]);
  });
});

describe('WorkspaceStore.duplicate', () => {
  it('writes a new draft with the same content, new ids and revision 1, and leaves the original alone', async () => {
    const { folder, store } = await openTemp();
    const source = await createWith(store, (r) => {
      r.headline = 'Witnesses sought after crash';
      r.header.tags = ['Ashford'];
      r.body = [
        { id: 'b-one', text: 'First paragraph.' },
        { id: 'b-two', text: 'Second paragraph.' },
      ];
      r.quotes = [
        {
          id: 'q-one',
          speakerName: 'Priya Raman',
          speakerRole: 'Inspector',
          organisation: '',
          paragraphs: ['We need your help.'],
          afterParagraphId: 'b-one',
        },
      ];
      r.anonymityList = protectedPeopleNamed('Jonah Whitcombe');
    });
    // Status changes through the workflow only (update), so the approved source is made that way.
    const approved = await store.update(source.id, source.revision, (stored) => ({
      ...stored,
      status: 'approved',
    }));
    expect(approved.status).toBe('approved');
    const before = await snapshotFiles(join(folder, 'releases', source.id));

    const copy = await store.duplicate(source.id);

    expect(copy.id).not.toBe(source.id);
    expect(copy.revision).toBe(1);
    expect(copy.status).toBe('draft');
    expect(copy.headline).toBe('Copy of Witnesses sought after crash');
    expect(copy.header.tags).toEqual(['Ashford']);
    expect(copy.anonymityList).toEqual(protectedPeopleNamed('Jonah Whitcombe'));
    expect(copy.body.map((p) => p.text)).toEqual(['First paragraph.', 'Second paragraph.']);
    expect(copy.body.map((p) => p.id)).not.toContain('b-one');
    // The quote still follows the first paragraph, under that paragraph's new id.
    expect(copy.quotes[0]?.afterParagraphId).toBe(copy.body[0]?.id);
    expect(Date.parse(copy.createdAt)).toBeGreaterThan(Date.parse(source.createdAt));

    expect(await onDisk(folder, copy.id)).toEqual(copy);
    // The source's revision files are exactly as they were: none added, none changed.
    expect(filesChanged(before, await snapshotFiles(join(folder, 'releases', source.id)))).toEqual({
      added: [],
      changed: [],
      removed: [],
    });
    expect(await onDisk(folder, source.id)).toEqual(approved);
    expect((await store.list()).map((r) => r.id)).toEqual([copy.id, source.id]);
    // The copy is an ordinary release: it saves from revision 1 on.
    expect((await store.save({ ...copy, standfirst: 'Edited copy.' })).revision).toBe(2);
  });

  it('refuses a release that is not in the library, saying where a deleted one is', async () => {
    const { store } = await openTemp();
    const gone = await createWith(store, (r) => (r.headline = 'Gone'));
    await store.delete(gone.id);

    const deleted = await store.duplicate(gone.id).catch((error: unknown) => error);
    expect(deleted).toBeInstanceOf(StoreError);
    expect((deleted as StoreError).code).toBe('not-found');
    expect((deleted as StoreError).message).toContain('Deleted releases');

    const unknown = await store.duplicate('r-nothing').catch((error: unknown) => error);
    expect((unknown as StoreError).code).toBe('not-found');
    expect(await store.list()).toEqual([]);
  });

  it('never writes over an existing release when the id maker repeats itself', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'pressroom-library-'));
    folders.push(folder);
    let counter = 0;
    let repeat: string | null = null;
    const makeId = () => {
      const id = repeat ?? `x-${++counter}`;
      repeat = null;
      return id;
    };
    const store = await openWorkspace(folder, { now: ticking(), makeId });
    const source = await store.create('statement');
    const stored = await snapshotFiles(join(folder, 'releases', source.id));
    repeat = source.id;
    const copy = await store.duplicate(source.id);
    expect(copy.id).not.toBe(source.id);
    expect(filesChanged(stored, await snapshotFiles(join(folder, 'releases', source.id)))).toEqual({
      added: [],
      changed: [],
      removed: [],
    });
    expect(await onDisk(folder, source.id)).toEqual(source);
    expect(await onDisk(folder, copy.id)).toEqual(copy);
  });
});

describe('the library API methods', () => {
  it('search reads the library or the trash; duplicate answers with the new release', async () => {
    const { store } = await openTemp();
    const dispatch = createDispatcher(createWorkspaceHandlers(store, as()));
    const kept = await createWith(store, (r) => {
      r.headline = 'Café reopens';
      r.body = [{ id: 'b1', text: 'The owner thanked the community for its support.' }];
    });
    const gone = await createWith(store, (r) => (r.headline = 'Café closes'));
    await store.delete(gone.id);

    const found = await call(dispatch, 'releases.search', { text: 'cafe community' });
    expect(found).toMatchObject({ ok: true, value: { total: 1, rows: [{ id: kept.id }] } });
    if (found.ok) expect(found.value.rows[0]?.snippet).toContain('community');

    const trash = await call(dispatch, 'releases.search', { text: 'café', trash: true });
    expect(trash).toMatchObject({ ok: true, value: { total: 1, rows: [{ id: gone.id }] } });

    const bad = await call(dispatch, 'releases.search', { sort: 'sideways' } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });

    const copy = await call(dispatch, 'releases.duplicate', { id: kept.id });
    expect(copy).toMatchObject({ ok: true, value: { headline: 'Copy of Café reopens', revision: 1 } });
    const afterwards = await call(dispatch, 'releases.search', {});
    expect(afterwards.ok && afterwards.value.total).toBe(2);
  });
});
