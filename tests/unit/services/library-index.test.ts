import fc from 'fast-check';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LIBRARY_SORTS, type LibraryQuery, type WorkspaceChanges } from '../../../src-shared/api/contract';
import { createBlankRelease } from '../../../src-shared/release/new-release';
import { RELEASE_STATUSES } from '../../../src-shared/release/status';
import { DEFAULT_PROFILE, RELEASE_TYPES, type Release } from '../../../src-shared/release/schema';
import { searchReleases } from '../../../src-main/services/library-search';
import { entryOf, LibraryIndex } from '../../../src-main/services/library/library-index';
import { createLibraryCatalogue } from '../../../src-main/services/library/library-catalogue';
import { indexFiles } from '../../../src-main/services/library/persisted-index';
import { latestNewsFromCatalogue } from '../../../src-main/services/library/latest-news-source';
import { latestNewsFor } from '../../../src-main/services/export/html-export';
import { stem } from '../../../src-main/services/library/stemmer';
import { openWorkspace, type WorkspaceStore } from '../../../src-main/services/workspace/store';
import { addRevision } from '../../../src-main/services/workspace/revisions';
import type { WorkspaceWatch } from '../../../src-main/services/workspace/watch';

let partId = 0;
function release(id: string, change: (r: Release) => void): Release {
  const r = createBlankRelease({
    id,
    type: 'news-release',
    profile: { ...DEFAULT_PROFILE, name: 'Northshire Police', boilerplate: '' },
    now: new Date('2024-07-01T09:00:00Z'),
    makeId: () => `p-${++partId}`,
  });
  r.body = [];
  r.details = [];
  change(r);
  return r;
}

function indexOf(releases: readonly Release[]): LibraryIndex {
  const index = LibraryIndex.empty();
  for (const r of releases) index.put(entryOf(r, 'releases', `k-${r.revision}`));
  return index;
}

describe('library index: the same rows as the full scan', () => {
  /**
   * Words none of which starts, ends or holds another, with stems of their own: here a word's prefix match and
   * stem match find exactly the releases the full scan's substring finds, so the two must agree row for row.
   */
  const WORDS = [
    'harbour',
    'kettle',
    'zebra',
    'lantern',
    'copse',
    'pylon',
    'quarry',
    'meadow',
    'tunnel',
    'violin',
  ];
  const TAGS = ['Ashford', 'ashford', 'Dover', 'Roads', 'Café'];
  const sentence = fc
    .array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 6 })
    .map((w) => w.join(' '));
  const releaseArb = (n: number) =>
    fc
      .record({
        headline: sentence,
        standfirst: sentence,
        body: fc.array(sentence, { maxLength: 3 }),
        tags: fc.subarray(TAGS),
        status: fc.constantFrom(...RELEASE_STATUSES),
        type: fc.constantFrom(...RELEASE_TYPES),
        day: fc.integer({ min: 1, max: 28 }),
        updated: fc.integer({ min: 0, max: 50 }),
      })
      .map((spec) =>
        release(`r-${n}`, (r) => {
          r.headline = spec.headline;
          r.standfirst = spec.standfirst;
          r.body = spec.body.map((text, i) => ({ id: `b${n}-${i}`, text }));
          r.header.tags = spec.tags;
          r.status = spec.status;
          r.header.type = spec.type;
          r.header.releaseDate = `2024-07-${String(spec.day).padStart(2, '0')}T09:30`;
          r.updatedAt = new Date(Date.parse('2024-07-01T00:00:00Z') + spec.updated * 60_000).toISOString();
        }),
      );
  const libraryArb = fc
    .integer({ min: 0, max: 12 })
    .chain((count) => fc.tuple(...Array.from({ length: count }, (_, n) => releaseArb(n))));
  const textArb = fc.oneof(
    fc.constant(''),
    fc.constantFrom(...WORDS),
    fc.constantFrom(...WORDS).map((w) => w.slice(0, 3)),
    fc.constantFrom(...WORDS).map((w) => w.toUpperCase()),
    fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...WORDS)).map(([a, b]) => `${a} ${b}`),
    fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...WORDS)).map(([a, b]) => `"${a} ${b}"`),
  );
  const queryArb: fc.Arbitrary<LibraryQuery> = fc.record({
    text: textArb,
    statuses: fc.subarray([...RELEASE_STATUSES], { maxLength: 2 }),
    types: fc.subarray([...RELEASE_TYPES], { maxLength: 2 }),
    tags: fc.subarray(['ashford', 'Dover', 'cafe'], { maxLength: 1 }),
    from: fc.constantFrom(null, '2024-07-10'),
    to: fc.constantFrom(null, '2024-07-20'),
    sort: fc.constantFrom(...LIBRARY_SORTS),
  });

  it('agrees with searchReleases on random small libraries and queries (rows, snippets, tags, counts)', () => {
    fc.assert(
      fc.property(libraryArb, fc.array(queryArb, { minLength: 1, maxLength: 3 }), (releases, queries) => {
        const index = indexOf(releases);
        // A deleted release holding every word: it must never show in the library.
        index.put(
          entryOf(
            release('r-deleted', (r) => (r.headline = WORDS.join(' '))),
            'trash',
            'k-1',
          ),
        );
        const waiting = (r: { status: string }) => r.status === 'in-review';
        // Several searches on one index: what it remembers from one must not change the next.
        for (const query of [...queries, queries[0]!]) {
          expect(index.search(query, waiting)).toEqual(searchReleases(releases, query, waiting));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('answers a window of the rows, with the count of every match', () => {
    const releases = WORDS.map((word, n) =>
      release(`r-${n}`, (r) => {
        r.headline = `Harbour ${word}`;
        r.updatedAt = new Date(Date.parse('2024-07-01T00:00:00Z') + n * 60_000).toISOString();
      }),
    );
    const all = indexOf(releases).search({ text: 'harbour' });
    const window = indexOf(releases).search({ text: 'harbour', limit: 3, offset: 2 });
    expect(window.matched).toBe(WORDS.length);
    expect(window.rows.map((row) => row.id)).toEqual(all.rows.slice(2, 5).map((row) => row.id));
  });
});

describe('library index: words', () => {
  const releases = [
    release('dismissed', (r) => {
      r.headline = 'Officer leaves the force';
      r.body = [{ id: 'd1', text: 'The constable was dismissed after a hearing at force headquarters.' }];
    }),
    release('noel', (r) => {
      r.headline = 'Christmas opening';
      r.body = [{ id: 'n1', text: 'Visitors to the Café Noël can expect a warm welcome.' }];
    }),
    release('court', (r) => {
      r.headline = 'Man jailed';
      r.body = [{ id: 'c1', text: 'Sentencing took place at Maidstone Crown Court on Friday.' }];
    }),
  ];
  const index = indexOf(releases);
  const ids = (text: string) => index.search({ text }).rows.map((row) => row.id);

  it('stems: "dismissal" finds "dismissed", with a snippet around it', () => {
    expect(stem('dismissal')).toBe(stem('dismissed'));
    expect(ids('dismissal')).toEqual(['dismissed']);
    expect(index.search({ text: 'dismissal' }).rows[0]?.snippet).toContain('dismissed');
    expect(ids('hearings')).toEqual(['dismissed']);
  });

  it('folds accents both ways', () => {
    expect(ids('noel')).toEqual(['noel']);
    expect(ids('NOËL')).toEqual(['noel']);
    expect(ids('cafe')).toEqual(['noel']);
    expect(index.search({ text: 'noel' }).rows[0]?.snippet).toBe(
      'Visitors to the Café Noël can expect a warm welcome.',
    );
  });

  it('matches a quoted phrase only as a whole, in order', () => {
    expect(ids('"crown court"')).toEqual(['court']);
    expect(ids('"court crown"')).toEqual([]);
    expect(ids('"maidstone court"')).toEqual([]);
  });

  it('finds a word from its first letters, as the search box is typed', () => {
    expect(ids('maidst')).toEqual(['court']);
    expect(ids('dismi')).toEqual(['dismissed']);
  });
});

describe('library index: a phrase search lets saves through', () => {
  const many = (count: number) =>
    Array.from({ length: count }, (_, i) =>
      release(`r${String(i).padStart(3, '0')}`, (r) => {
        r.headline = `Hearing ${i}`;
        r.body = [
          {
            id: `b${i}`,
            text:
              i % 2 === 0
                ? 'The case was heard at Maidstone Crown Court on Friday.'
                : 'The crown was shown at court on Friday.',
          },
        ];
      }),
    );

  it('gives the event loop back while it checks the text, and answers as a search in one go does', async () => {
    const index = indexOf(many(200));
    const order: string[] = [];
    const preparing = index.prepare({ text: '"crown court"' }, 0).then(() => order.push('prepared'));
    setImmediate(() => order.push('other work'));
    await preparing;
    expect(order).toEqual(['other work', 'prepared']);
    const rows = index.search({ text: '"crown court"', limit: null }).rows.map((row) => row.id);
    expect(rows).toHaveLength(100);
    expect(rows).toEqual(
      indexOf(many(200))
        .search({ text: '"crown court"', limit: null })
        .rows.map((row) => row.id),
    );
  });

  it('does not remember an answer from before a save that arrived while it checked', async () => {
    const index = indexOf(many(200));
    const preparing = index.prepare({ text: '"crown court"' }, 0);
    setImmediate(() =>
      index.put(
        entryOf(
          release('late', (r) => {
            r.body = [{ id: 'late-1', text: 'Saved at Crown Court while the search ran.' }];
          }),
          'releases',
          'k-late',
        ),
      ),
    );
    await preparing;
    const rows = index.search({ text: '"crown court"', limit: null }).rows.map((row) => row.id);
    expect(rows).toContain('late');
    expect(rows).toHaveLength(101);
  });
});

// --- the catalogue: the index kept in step with a workspace folder --------------------------------------------

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

async function workspace(): Promise<{ folder: string; userData: string; store: WorkspaceStore }> {
  const root = await mkdtemp(join(tmpdir(), 'pressroom-library-index-'));
  folders.push(root);
  const folder = join(root, 'shared');
  const userData = join(root, 'user-data');
  return { folder, userData, store: await openWorkspace(folder, { userData }) };
}

async function createWith(store: WorkspaceStore, headline: string, text = ''): Promise<Release> {
  const created = await store.create('news-release');
  return store.save({ ...created, headline, body: [{ id: 'p-x1', text }] });
}

/** A watch the test drives: it reports exactly the ids it is told, as the folder watcher would. */
function fakeWatch(): WorkspaceWatch & { report(id: string): void } {
  let cursor = 1;
  const changed = new Map<string, number>();
  return {
    mode: 'watch',
    ready: Promise.resolve(),
    close() {},
    report(id) {
      changed.set(id, ++cursor);
    },
    changesSince(since): WorkspaceChanges {
      const releaseIds = [...changed].filter(([, at]) => at > since).map(([id]) => id);
      return { cursor, releaseIds, workspaceChanged: false };
    },
  };
}

/** Keep the index whatever the library's size (the app keeps it from 200 releases). */
const KEEP_ALWAYS = { persistFrom: 0 };

const headlines = async (catalogue: ReturnType<typeof createLibraryCatalogue>, query: LibraryQuery = {}) =>
  (await catalogue.search(query)).rows.map((row) => row.headline);

describe('library catalogue', () => {
  it("follows this app's saves and deletions at once, and the watcher's changes when it reports them", async () => {
    const { store } = await workspace();
    const first = await createWith(store, 'Harbour wall repaired');
    const watch = fakeWatch();
    const catalogue = createLibraryCatalogue(store.layout, { watch: () => watch, persist: false });
    store.onReleaseWritten((id) => catalogue.changed(id));
    expect(await headlines(catalogue, { text: 'harbour' })).toEqual(['Harbour wall repaired']);

    const saved = await store.save({ ...first, headline: 'Harbour wall reopened' });
    expect(await headlines(catalogue, { text: 'reopened' })).toEqual(['Harbour wall reopened']);
    // Asked before it exists: a remembered answer must not hide it afterwards.
    expect(await headlines(catalogue, { text: 'lantern' })).toEqual([]);
    const second = await createWith(store, 'Lantern parade');
    expect(await headlines(catalogue, { text: 'lantern' })).toEqual(['Lantern parade']);
    await store.delete(second.id);
    expect(await headlines(catalogue, { text: 'lantern' })).toEqual([]);
    expect(await headlines(catalogue, { text: 'lantern', trash: true })).toEqual(['Lantern parade']);
    expect(await headlines(catalogue)).toEqual(['Harbour wall reopened']);
    expect(await headlines(catalogue, { trash: true })).toEqual(['Lantern parade']);

    // A colleague's revision arrives in the folder: only the watcher knows, and the index reads it when told.
    const colleague = { ...saved, headline: 'Harbour closed again', updatedAt: new Date().toISOString() };
    const heads = await store.versions(first.id);
    await addRevision(
      { ...store.layout, computer: { id: 'colleague-pc', name: 'Colleague PC' } },
      {
        release: colleague,
        parents: heads.all,
        above: heads.all,
        why: 'saved',
        person: null,
        savedAt: colleague.updatedAt,
      },
    );
    expect(await headlines(catalogue, { text: 'closed' })).toEqual([]);
    watch.report(first.id);
    expect(await headlines(catalogue, { text: 'closed' })).toHaveLength(1);
  });

  it('keeps its index in the user-data folder, reopens warm without reading releases, and reads a stale one', async () => {
    const { folder, userData, store } = await workspace();
    const a = await createWith(store, 'Orchard fire', 'Crews from three stations attended.');
    await createWith(store, 'Quarry rescue');
    const first = createLibraryCatalogue(store.layout, KEEP_ALWAYS);
    expect((await first.openReport).persisted).toBe('missing');
    await first.close();
    const files = indexFiles(store.layout);
    expect(files.entries.startsWith(userData)).toBe(true);
    expect(files.entries.startsWith(folder)).toBe(false);
    expect(JSON.parse(await readFile(files.entries, 'utf8')).entries).toHaveLength(2);

    const warm = createLibraryCatalogue(store.layout, KEEP_ALWAYS);
    expect(await warm.openReport).toEqual({ persisted: 'warm', releases: 2, read: 0 });
    expect(await headlines(warm, { text: 'stations' })).toEqual(['Orchard fire']);
    await warm.close();

    // Saved while no index was open: the revision names differ, so just that release is read again.
    await store.save({ ...a, headline: 'Orchard fire: update' });
    const stale = createLibraryCatalogue(store.layout, KEEP_ALWAYS);
    expect(await stale.openReport).toEqual({ persisted: 'warm', releases: 2, read: 1 });
    expect(await headlines(stale, { text: 'orchard' })).toEqual(['Orchard fire: update']);
    await stale.close();
  });

  it('sets an unreadable index aside and builds it again from the releases', async () => {
    const { store } = await workspace();
    await createWith(store, 'Meadow restored');
    const first = createLibraryCatalogue(store.layout, KEEP_ALWAYS);
    await first.close();
    const files = indexFiles(store.layout);
    await writeFile(files.entries, '{"format":"pressroom-library-index","version":2,"tok');

    const rebuilt = createLibraryCatalogue(store.layout, KEEP_ALWAYS);
    expect(await rebuilt.openReport).toEqual({ persisted: 'unreadable', releases: 1, read: 1 });
    expect(await headlines(rebuilt, { text: 'meadow' })).toEqual(['Meadow restored']);
    await rebuilt.close();
    const names = await readdir(store.layout.cacheFolder());
    expect(names.some((name) => name.startsWith('library-index.json.unreadable-'))).toBe(true);
    // The new index is whole again.
    const whole = createLibraryCatalogue(store.layout, KEEP_ALWAYS);
    expect(await whole.openReport).toMatchObject({ persisted: 'warm', read: 0 });
    await whole.close();
  });

  it('rebuilds the text index from the entries when the two files do not belong together', async () => {
    const { store } = await workspace();
    await createWith(store, 'Tunnel works', 'Night closures on the bypass.');
    await createLibraryCatalogue(store.layout, KEEP_ALWAYS).close();
    await writeFile(indexFiles(store.layout).text, 'another-token\n{}');
    const reopened = createLibraryCatalogue(store.layout, KEEP_ALWAYS);
    expect(await reopened.openReport).toMatchObject({ persisted: 'warm', read: 0 });
    expect(await headlines(reopened, { text: 'bypass' })).toEqual(['Tunnel works']);
    await reopened.close();
  });
});

describe('library catalogue: a large or damaged library', () => {
  it('names a release none of whose revisions can be read, and still does after a warm open', async () => {
    const { store } = await workspace();
    await createWith(store, 'Harbour wall repaired');
    const broken = await store.create('statement');
    const revisions = store.layout.revisionsFolder(broken.id);
    for (const name of await readdir(revisions)) await writeFile(join(revisions, name), '{"torn":');

    const cold = createLibraryCatalogue(store.layout, KEEP_ALWAYS);
    await cold.ready;
    const problem = { file: `releases/${broken.id}/`, movedTo: null };
    expect(cold.problems()).toEqual([
      expect.objectContaining({ ...problem, message: expect.stringMatching(/No saved version/) }),
    ]);
    expect(await headlines(cold)).toEqual(['Harbour wall repaired']);
    await cold.close();

    // Nothing changed: nothing is read, and the damage is still said.
    const warm = createLibraryCatalogue(store.layout, KEEP_ALWAYS);
    expect(await warm.openReport).toMatchObject({ persisted: 'warm', read: 0 });
    expect(warm.problems()).toEqual([expect.objectContaining(problem)]);
    await warm.close();
  });

  it('answers with what it has read so far, and how far it has got, while it is first built', async () => {
    const { store } = await workspace();
    const layout = store.layout;
    const made: Release[] = [];
    for (let i = 0; i < 300; i++) {
      const r = release(`r-big${i}`, (x) => {
        x.headline = `Harbour notice ${i}`;
      });
      made.push(r);
    }
    await Promise.all(
      made.map((r) =>
        addRevision(layout, {
          release: r,
          parents: [],
          above: [],
          why: 'created',
          person: null,
          savedAt: r.updatedAt,
        }),
      ),
    );
    const catalogue = createLibraryCatalogue(layout, { persist: false });
    let settled = false;
    void catalogue.ready.then(() => (settled = true));
    while (!settled && catalogue.building() === null) await new Promise((go) => setImmediate(go));
    const early = await catalogue.search({ text: 'harbour', limit: 10 }, undefined, {
      whileBuilding: 'partial',
    });
    expect(settled).toBe(false);
    expect(early.building).toMatchObject({ total: 300 });
    expect(early.building!.done).toBeLessThan(300);
    expect(early.rows.length).toBeLessThanOrEqual(10);

    await catalogue.ready;
    expect(catalogue.building()).toBeNull();
    const whole = await catalogue.search({ text: 'harbour', limit: 10 }, undefined, {
      whileBuilding: 'partial',
    });
    expect(whole.building ?? null).toBeNull();
    expect(whole.matched).toBe(300);
    await catalogue.close();
  });

  it('chooses "Latest news" from its summaries as the rule does from every release, reading only those', async () => {
    const { store } = await workspace();
    const now = new Date('2024-08-01T12:00:00Z');
    const all: Release[] = [];
    for (let i = 0; i < 24; i++) {
      const r = release(`r-news${i}`, (x) => {
        x.headline = `Item ${i}`;
        x.status = i % 3 === 0 ? 'draft' : 'published';
        x.header.releaseDate = `2024-07-${String((i % 28) + 1).padStart(2, '0')}T09:00`;
        // One still under embargo, which "Latest news" must not show yet.
        if (i === 23) x.header.embargo = { until: '2024-09-01T09:00', timeZone: 'Europe/London' };
      });
      all.push(r);
      await addRevision(store.layout, {
        release: r,
        parents: [],
        above: [],
        why: 'created',
        person: null,
        savedAt: r.updatedAt,
      });
    }
    const catalogue = createLibraryCatalogue(store.layout, { persist: false });
    const read: string[] = [];
    const counting = { get: (id: string) => (read.push(id), store.get(id)) };
    const source = latestNewsFromCatalogue(catalogue, counting);
    for (const exceptId of ['r-news1', 'r-news22', 'r-none']) {
      const expected = latestNewsFor({ id: exceptId }, all, { count: 5, now }).map((item) => item.id);
      const chosen = latestNewsFor({ id: exceptId }, await source(exceptId, 5, now), { count: 5, now });
      expect(chosen.map((item) => item.id)).toEqual(expected);
    }
    expect(read.length).toBeLessThanOrEqual(3 * 7);
    await catalogue.close();
  });
});
