import { promises as fsp } from 'node:fs';
import type { FileProblem, LibraryQuery, LibraryResult } from '../../../src-shared/api/contract';
import { chooseLatestNews } from '../export/html-export';
import type { WorkspaceLayout } from '../workspace/layout';
import { listRevisionNames, readHeads, type HeadsOutcome, type RevisionName } from '../workspace/revisions';
import { badReleaseMessage, unreadableReleaseMessage } from '../workspace/store';
import type { WorkspaceWatch } from '../workspace/watch';
import { IdSchema } from '../../../src-shared/release/schema';
import { entryOf, LibraryIndex, type LibraryEntry, type WorkflowState } from './library-index';
import {
  loadPersistedSummaries,
  loadPersistedText,
  savePersistedIndex,
  type PersistedIndexStatus,
} from './persisted-index';
import { searchTerms } from '../library-search';
import { mapLimit } from '../workspace/map-limit';

/**
 * The library catalogue (issue 15): the library index kept in step with the workspace folder, so that a search or
 * a list at 10,000 releases never reads 10,000 files. Never the source of truth: every entry records the names of
 * the revision files it was made from, and a release whose names differ is read again.
 *
 *  - open: the persisted index (user-data, persisted-index.ts), then one listing of the folder: each release's
 *    revision names are compared with its entry, and only new or changed releases are read. Without a usable
 *    persisted index every release is read once (the cold open).
 *  - this app's own saves and deletions mark their release (`changed`, called by the store);
 *  - the folder watcher's changes (a colleague's revision arriving) are asked for before each search; without a
 *    watcher (the CLI, tests) the folder is listed again before each search instead;
 *  - marked releases are read again before the next answer: a few files, never the whole folder.
 *
 * The index is written back to the user-data folder after open and a little while after changes, and on close.
 */
export interface LibraryCatalogue {
  /** Resolves once the index matches the folder as it was at open. */
  readonly ready: Promise<void>;
  /**
   * The library's answer. While the index is first built from the files (a cold open), `whileBuilding: 'partial'`
   * answers at once from the releases read so far, with `building` saying how far it has got; by default the answer
   * waits for the whole index.
   */
  search(
    query: LibraryQuery,
    waitingFor?: (workflow: WorkflowState) => boolean,
    options?: { whileBuilding?: 'wait' | 'partial' },
  ): Promise<LibraryResult>;
  /** How far a build of the index from the files has got; null when none is under way. */
  building(): { done: number; total: number } | null;
  /**
   * Damaged files of the releases as last read: revisions that could not be used, and releases none of whose
   * revisions can be read. The store reports the same when it lists; the index keeps them between runs, so that a
   * warm open, which reads no unchanged release, still shows them.
   */
  problems(): FileProblem[];
  /** The ids of the releases a page's "Latest news" lists (html-export.ts chooseLatestNews), from the summaries. */
  latestPublished(exceptId: string, count: number, now: Date): Promise<string[]>;
  /** A release of this workspace was written by this app: its entry is read again before the next answer. */
  changed(id: string): void;
  /** Resolves once free text can be searched (after a warm open the text part loads after `ready`). */
  textReady(): Promise<void>;
  /** How the open went: warm (persisted index used), cold (built from the files), and how many were read. */
  readonly openReport: Promise<OpenReport>;
  /** Forgets remembered searches, so that the next one is a first search (for the bench). */
  forgetSearches(): void;
  /** Writes the index if it changed since it was last written; stops the timer. */
  close(): Promise<void>;
}

export interface OpenReport {
  persisted: PersistedIndexStatus;
  releases: number;
  read: number;
}

export interface LibraryCatalogueOptions {
  /** The folder watcher (watch.ts); without one, only this app's own changes are followed. */
  watch?: () => WorkspaceWatch | undefined;
  /** Where the index is kept; null: not persisted (tests of the index alone). */
  persist?: boolean;
  /** How long after a change the index is written back (it is also written on close). */
  persistDelayMs?: number;
  /**
   * The least number of releases worth keeping an index for (default 200): below it a cold open takes
   * milliseconds, and a short-lived workspace (a test, a one-off CLI run) leaves nothing behind.
   */
  persistFrom?: number;
}

const READ_CONCURRENCY = 16;

export function createLibraryCatalogue(
  layout: WorkspaceLayout,
  options: LibraryCatalogueOptions = {},
): LibraryCatalogue {
  const persist = options.persist ?? true;
  const persistDelayMs = options.persistDelayMs ?? 30_000;
  const persistFrom = options.persistFrom ?? 200;
  let index = LibraryIndex.empty();
  const pending = new Set<string>();
  let watchCursor: number | null = null;
  let dirty = false;
  let persistTimer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  let closed = false;
  /** Releases none of whose revisions can be read: no entry, only the problem (by release id). */
  let unreadable = new Map<string, UnreadableRelease>();
  let progress: { done: number; total: number } | null = null;

  /** Reads one release again (its revision names first: unchanged names mean an unchanged release). */
  const refresh = async (id: string, known?: RevisionName[] | null, target = index): Promise<boolean> => {
    const names = known === undefined ? await listRevisionNames(layout, id).catch(() => null) : known;
    if (names === null || names.length === 0) {
      const hadProblem = unreadable.delete(id);
      if (target.get(id)) {
        target.remove(id);
        return true;
      }
      return hadProblem;
    }
    const key = revisionKey(names);
    if (target.get(id)?.key === key || unreadable.get(id)?.key === key) return false;
    const read = await readEntry(layout, id, names, key);
    if (read.kind === 'entry') {
      target.put(read.entry);
      unreadable.delete(id);
    } else {
      target.remove(id);
      if (read.kind === 'unreadable') unreadable.set(id, { key, problem: read.problem });
      else unreadable.delete(id);
    }
    return true;
  };

  /** Compares every release's revision names with its entry and reads the new and changed ones. */
  const syncWithFolder = async (target = index, building = false): Promise<number> => {
    const ids = await releaseIds(layout);
    const present = new Set(ids);
    let read = 0;
    for (const entry of [...target.all()]) {
      if (!present.has(entry.id)) {
        target.remove(entry.id);
        read++;
      }
    }
    for (const id of [...unreadable.keys()]) if (!present.has(id)) unreadable.delete(id);
    if (building) progress = { done: 0, total: ids.length };
    await mapLimit(ids, READ_CONCURRENCY, async (id) => {
      try {
        if (await refresh(id, undefined, target)) read++;
      } catch {
        // A release that cannot be read now is tried again on the next change; the rest stays answerable.
      }
      if (building && progress) progress = { done: progress.done + 1, total: progress.total };
    });
    if (building) progress = null;
    return read;
  };

  /** The summaries as the persisted text part knows them (after a warm open, until it is loaded). */
  let persistedEntries: LibraryEntry[] = [];
  let token: string | null = null;
  const open = async (): Promise<OpenReport> => {
    const persisted = persist ? await loadPersistedSummaries(layout) : { status: 'missing' as const };
    if (persisted.status === 'ok') {
      index = LibraryIndex.summaries(persisted.entries);
      persistedEntries = persisted.entries;
      token = persisted.token;
      unreadable = new Map(persisted.unreadable.map(({ id, ...rest }) => [id, rest]));
    }
    // Start following the watcher before the listing, so that nothing arriving meanwhile is missed.
    takeWatchChanges();
    const read = await syncWithFolder(index, persisted.status !== 'ok');
    if (persisted.status !== 'ok') {
      dirty = true;
      schedulePersist(0);
    } else if (read > 0) {
      dirty = true;
      schedulePersist(persistDelayMs);
    }
    return {
      persisted: persisted.status === 'ok' ? 'warm' : persisted.status,
      releases: index.size,
      read,
    };
  };

  /**
   * The text part, after a warm open: loaded while the library is in use, then brought up to date with what the
   * open and the changes since put in the summaries. Text that cannot be loaded is read again from the releases.
   */
  const loadText = async (): Promise<void> => {
    await ready;
    if (index.hasText) return;
    const part = token ? await loadPersistedText(layout, token) : null;
    let full = part ? await LibraryIndex.withText(persistedEntries, part) : null;
    persistedEntries = [];
    if (!full) {
      // Every release is read again; the summaries keep answering filters meanwhile.
      full = LibraryIndex.empty();
      await syncWithFolder(full, true);
      dirty = true;
      schedulePersist(0);
    }
    // What the open and the changes since brought in is in the summaries, read fresh (with its text).
    const now = index;
    for (const entry of [...full.all()]) if (!now.get(entry.id)) full.remove(entry.id);
    for (const entry of now.all()) {
      if (full.get(entry.id)?.key === entry.key) continue;
      if (entry.fields) full.put(entry);
      else pending.add(entry.id);
    }
    index = full;
  };

  const takeWatchChanges = () => {
    const watch = options.watch?.();
    if (!watch) return;
    const changes = watch.changesSince(watchCursor ?? 0);
    if (watchCursor !== null) for (const id of changes.releaseIds) pending.add(id);
    watchCursor = changes.cursor;
  };

  const catchUp = async () => {
    // Without a watcher (the CLI, tests) nothing says what another process wrote: the folder is listed again,
    // which reads only what changed.
    if (!options.watch?.()) {
      pending.clear();
      if ((await syncWithFolder()) > 0) {
        dirty = true;
        schedulePersist(persistDelayMs);
      }
      return;
    }
    takeWatchChanges();
    if (pending.size === 0) return;
    const ids = [...pending];
    pending.clear();
    let changed = false;
    await mapLimit(ids, READ_CONCURRENCY, async (id) => {
      try {
        if (await refresh(id)) changed = true;
      } catch {
        // A release that cannot be read now is tried again on the next change; the rest stays answerable.
      }
    });
    if (changed) {
      dirty = true;
      schedulePersist(persistDelayMs);
    }
  };

  /**
   * One catch-up at a time, each after the one before: a search must not answer while another search's catch-up
   * is still reading a release it took off the list (it would answer without that change).
   */
  let catchingUp: Promise<void> = Promise.resolve();
  const catchUpInTurn = () => (catchingUp = catchingUp.then(catchUp, catchUp));

  const writeNow = () => {
    writing = writing.then(async () => {
      if (!dirty || !persist || index.size < persistFrom) return;
      // Only a whole index is written: after a warm open, once its text part is in.
      if (!index.hasText) await textReady().catch(() => undefined);
      if (!index.hasText) return;
      dirty = false;
      try {
        await savePersistedIndex(
          layout,
          index,
          [...unreadable].map(([id, rest]) => ({ id, ...rest })),
        );
      } catch {
        // The index is only a cache: not being able to keep it costs the next open time, nothing else.
        dirty = true;
      }
    });
    return writing;
  };

  function schedulePersist(delayMs: number) {
    if (!persist || closed || persistTimer) return;
    persistTimer = setTimeout(() => {
      persistTimer = undefined;
      void writeNow();
    }, delayMs);
    persistTimer.unref?.();
  }

  const openReport = open();
  const ready = openReport.then(() => undefined);
  let textLoading: Promise<void> | null = null;
  const textReady = () =>
    (textLoading ??= loadText().catch((error: unknown) => {
      textLoading = null;
      throw error;
    }));

  return {
    ready,
    openReport,
    async search(query, waitingFor, searchOptions = {}) {
      if (searchOptions.whileBuilding === 'partial' && progress) {
        // The releases read so far: filters and free text over them (a cold open indexes text as it reads).
        const wantsText = searchTerms(query.text ?? '').length > 0;
        const answer =
          wantsText && !index.hasText
            ? emptyAnswer(index, query, waitingFor)
            : index.search(query, waitingFor);
        return { ...answer, building: { ...progress } };
      }
      await ready;
      // Filters and sorts are answered from the summaries at once; free text waits for the text part.
      const text = textReady();
      if (searchTerms(query.text ?? '').length > 0) await text;
      else void text.catch(() => undefined);
      await catchUpInTurn();
      // A phrase's text check is done in slices first, so that a save arriving meanwhile is not held (issue 15).
      await index.prepare(query);
      return index.search(query, waitingFor);
    },
    textReady: () => textReady(),
    building: () => (progress ? { ...progress } : null),
    problems() {
      const found: FileProblem[] = [...unreadable.values()].map(({ problem }) => problem);
      for (const entry of index.all()) if (entry.problems) found.push(...entry.problems);
      return found;
    },
    async latestPublished(exceptId, count, now) {
      await ready;
      await catchUpInTurn();
      const published = [...index.all()].filter(
        (entry) => entry.area === 'releases' && entry.summary.status === 'published',
      );
      return chooseLatestNews(published, (entry) => ({ ...entry.summary, id: entry.id }), {
        exceptId,
        count,
        now,
      }).map((entry) => entry.id);
    },
    forgetSearches: () => index.forgetSearches(),
    changed(id) {
      pending.add(id);
    },
    async close() {
      closed = true;
      if (persistTimer) clearTimeout(persistTimer);
      persistTimer = undefined;
      await ready.catch(() => undefined);
      await catchUpInTurn().catch(() => undefined);
      await writeNow();
    },
  };
}

/** The names of a release's revision files, in order: what its entry was made from. */
export function revisionKey(names: readonly RevisionName[]): string {
  return names.map((name) => name.id).join(' ');
}

/** Release ids under releases/: one folder per release. */
async function releaseIds(layout: WorkspaceLayout): Promise<string[]> {
  try {
    const entries = await fsp.readdir(layout.folder('releases'), { withFileTypes: true });
    return entries
      .filter((entry) => entry.isDirectory() && IdSchema.safeParse(entry.name).success)
      .map((entry) => entry.name);
  } catch {
    return [];
  }
}

interface UnreadableRelease {
  /** The revision names it was read from: read again once they change. */
  key: string;
  problem: FileProblem;
}

/** The answer of an index that cannot search text yet: the counts, no rows. */
function emptyAnswer(
  index: LibraryIndex,
  query: LibraryQuery,
  waitingFor?: (workflow: WorkflowState) => boolean,
): LibraryResult {
  const counts = index.search({ ...query, text: '', limit: 0, offset: 0 }, waitingFor);
  return { ...counts, rows: [], matched: 0 };
}

/**
 * The entry of a release as the store shows it (store.ts readArea): in the library while any version is not
 * deleted (this computer's own version during a fork), in Deleted releases when every version is. A release no
 * version of which can be read has no entry, only its problem, worded as the store words it when it lists.
 */
async function readEntry(
  layout: WorkspaceLayout,
  id: string,
  names: RevisionName[],
  key: string,
): Promise<
  { kind: 'entry'; entry: LibraryEntry } | { kind: 'unreadable'; problem: FileProblem } | { kind: 'missing' }
> {
  let outcome: HeadsOutcome;
  try {
    outcome = await readHeads(layout, id, { names });
  } catch (error) {
    return {
      kind: 'unreadable',
      problem: { file: `releases/${id}/`, message: unreadableReleaseMessage(error), movedTo: null },
    };
  }
  if (outcome.kind === 'missing') return { kind: 'missing' };
  if (outcome.kind === 'bad') {
    return {
      kind: 'unreadable',
      problem: { file: `releases/${id}/`, message: badReleaseMessage(outcome), movedTo: null },
    };
  }
  const { heads } = outcome;
  const live = heads.heads.filter((head) => !head.deleted);
  const shown = live.length === 0 ? heads.current : heads.current.deleted ? live[0]! : heads.current;
  const entry = entryOf(shown.release, live.length === 0 ? 'trash' : 'releases', key);
  return { kind: 'entry', entry: heads.problems.length > 0 ? { ...entry, problems: heads.problems } : entry };
}
