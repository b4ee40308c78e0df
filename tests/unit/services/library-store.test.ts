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
import { as, WRITER } from './people';
import { summariseRelease } from '../../../src-shared/release/schema';
import { contentHash } from '../../../src-shared/workflow/content-hash';

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
    // The headline is copied word for word; that this is a copy is recorded beside the content.
    expect(copy.headline).toBe('Witnesses sought after crash');
    expect(copy.copiedFrom).toEqual({ id: source.id, headline: 'Witnesses sought after crash' });
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

  it('keeps the copy mark out of the content: same content hash as the original, unchanged by later saves', async () => {
    const { folder, store } = await openTemp();
    const source = await createWith(store, (r) => {
      r.headline = 'Road closure on the A38';
      r.body = [{ id: 'b-one', text: 'The road closes at 8pm.' }];
    });
    const copy = await store.duplicate(source.id);
    // Same text, so the same fingerprint: the mark is not content, and a sign-off would cover the same words.
    expect(contentHash(copy)).toBe(contentHash(source));
    expect(summariseRelease(copy).copiedFrom).toEqual({ id: source.id, headline: 'Road closure on the A38' });
    expect(summariseRelease(source)).not.toHaveProperty('copiedFrom');

    // A save that leaves the mark out, or tries to change it, keeps the stored record.
    const { copiedFrom: _dropped, ...withoutMark } = copy;
    const saved = await store.save({ ...withoutMark, standfirst: 'Edited copy.' });
    expect(saved.copiedFrom).toEqual({ id: source.id, headline: 'Road closure on the A38' });
    const rewritten = await store.save({ ...saved, copiedFrom: { id: 'r-other', headline: 'Other' } });
    expect(rewritten.copiedFrom).toEqual({ id: source.id, headline: 'Road closure on the A38' });
    // A save of the original never gains a mark.
    expect(
      (await store.save({ ...source, copiedFrom: { id: copy.id, headline: 'x' } })).copiedFrom,
    ).toBeUndefined();

    // Another computer reading the revision files (as after a sync) sees the mark on every revision.
    const colleague = await openWorkspace(folder, {
      userData: await mkdtemp(join(tmpdir(), 'pressroom-colleague-')),
    });
    const theirs = await colleague.get(copy.id);
    expect(theirs.revision).toBe(rewritten.revision);
    expect(theirs.copiedFrom).toEqual({ id: source.id, headline: 'Road closure on the A38' });
    const onTheirSide = await colleague.save({ ...theirs, headline: 'Road closure on the A38 extended' });
    expect((await store.get(copy.id)).copiedFrom).toEqual(onTheirSide.copiedFrom);
    expect(onTheirSide.copiedFrom).toEqual({ id: source.id, headline: 'Road closure on the A38' });
    // The library lists the copy with its mark.
    expect((await store.list()).find((row) => row.id === copy.id)?.copiedFrom?.id).toBe(source.id);
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
    expect(copy).toMatchObject({
      ok: true,
      value: { headline: 'Café reopens', revision: 1, copiedFrom: { id: kept.id, headline: 'Café reopens' } },
    });
    const afterwards = await call(dispatch, 'releases.search', {});
    expect(afterwards.ok && afterwards.value.total).toBe(2);
    // The library row carries the mark, so the two rows with one headline can be told apart.
    const copyRow = afterwards.ok
      ? afterwards.value.rows.find((row) => copy.ok && row.id === copy.value.id)
      : null;
    expect(copyRow?.copiedFrom).toEqual({ id: kept.id, headline: 'Café reopens' });

    // The copy's audit trail opens with the duplication: who, and what it was copied from.
    const trail = copy.ok ? await call(dispatch, 'audit.read', { id: copy.value.id }) : null;
    expect(trail?.ok && trail.value.entries.map((entry) => entry.event)).toEqual(['created']);
    expect(trail?.ok && trail.value.entries[0]).toMatchObject({
      event: 'created',
      actor: { id: WRITER.id },
      details: { copiedFrom: kept.id, headline: 'Café reopens', type: 'news-release' },
    });
  });
});
