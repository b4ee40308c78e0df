import { useCallback, useEffect, useRef, useState } from 'react';
import { callApi } from '../../api';
import type {
  LIBRARY_SORTS,
  LibraryQuery,
  LibraryResult,
  LibraryRow,
} from '../../../../src-shared/api/contract';
import type { ReleaseStatus, ReleaseType } from '../../../../src-shared/release/schema';
import type { RowRange } from './useVirtualRows';

export interface LibraryFilters {
  text: string;
  statuses: ReleaseStatus[];
  types: ReleaseType[];
  tags: string[];
  /** YYYY-MM-DD or '' (an empty date field). */
  from: string;
  to: string;
  sort: (typeof LIBRARY_SORTS)[number];
  /** Only what waits for this person's next step. */
  waitingForMe: boolean;
}

export const NO_FILTERS: LibraryFilters = {
  text: '',
  statuses: [],
  types: [],
  tags: [],
  from: '',
  to: '',
  sort: 'updated-desc',
  waitingForMe: false,
};

export function hasFilters(filters: LibraryFilters): boolean {
  return (
    filters.text.trim() !== '' ||
    filters.statuses.length > 0 ||
    filters.types.length > 0 ||
    filters.tags.length > 0 ||
    filters.from !== '' ||
    filters.to !== '' ||
    filters.waitingForMe
  );
}

/** Long enough that a word typed at speed is one request, short enough that the list seems to follow the keys. */
const TYPING_PAUSE_MS = 150;
/** Rows asked for at a time: a few windows' worth, so that a scroll asks again only every page or so. */
export const PAGE_SIZE = 100;
/** How often the list asks again while the main side is still building the library index. */
const BUILDING_POLL_MS = 500;
/** A scroll that passes through pages without stopping does not ask for each of them. */
const SCROLL_PAUSE_MS = 60;

/** The answer about the whole list (its rows come page by page). */
export type LibraryTotals = Omit<LibraryResult, 'rows' | 'matched'> & { matched: number };

export interface LibrarySearchState {
  /** The newest answer's counts and tags; null until the first answer. Its identity changes with each new answer. */
  result: LibraryTotals | null;
  /** Row `index` of the matches in the order asked for; undefined while its page is on its way. */
  rowAt: (index: number) => LibraryRow | undefined;
  /** The rows that have arrived, with their places in the list (for the few that need to look at them all). */
  loadedRows: () => Array<{ index: number; row: LibraryRow }>;
  /** The search the rows answer, to ask the main side for all of its matches (select all). */
  query: LibraryQuery | null;
  error: string | null;
  /** A request is on its way; the rows shown are from the previous one. */
  searching: boolean;
  /** `result` belongs to the other list (library or trash): just switched, the answer is on its way. */
  stale: boolean;
}

interface Shown {
  generation: number;
  forTrash: boolean;
  query: LibraryQuery;
  totals: LibraryTotals;
  pages: ReadonlyMap<number, readonly LibraryRow[]>;
}

function queryOf(filters: LibraryFilters, trash: boolean): LibraryQuery {
  return {
    text: filters.text,
    statuses: filters.statuses,
    types: filters.types,
    tags: filters.tags,
    from: filters.from || null,
    to: filters.to || null,
    sort: filters.sort,
    trash,
    waitingForMe: filters.waitingForMe && !trash,
  };
}

function pagesOf(range: RowRange): { first: number; last: number } {
  const first = Math.floor(range.start / PAGE_SIZE);
  return { first, last: Math.max(first, Math.floor((Math.max(range.end, 1) - 1) / PAGE_SIZE)) };
}

/**
 * Runs the library search whenever the filters change (after a short pause while typing), `refreshKey` moves or
 * the index is still being built, and asks for the rows of `wanted` (those on screen) a page at a time: a library
 * of 10,000 releases never crosses the bridge whole. Answers can arrive out of order, so only answers to the
 * newest search are ever shown; a refresh keeps the rows shown until its answer replaces them.
 */
export function useLibrarySearch(
  filters: LibraryFilters,
  trash: boolean,
  refreshKey: number,
  wanted: RowRange,
): LibrarySearchState {
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [searching, setSearching] = useState(true);
  const [pollKey, setPollKey] = useState(0);
  const latestGeneration = useRef(0);
  const lastText = useRef<string | null>(null);
  const lastQueryKey = useRef<string | null>(null);
  const wantedRef = useRef(wanted);
  wantedRef.current = wanted;
  /** Pages of the newest search asked for and not answered yet. */
  const asked = useRef(new Set<number>());

  useEffect(() => {
    const typing = lastText.current !== null && lastText.current !== filters.text;
    lastText.current = filters.text;
    const query = queryOf(filters, trash);
    const queryKey = JSON.stringify(query);
    // The same search again (a colleague's save, the index still building): the rows in the window, where the
    // person is. Another search starts at its top.
    const again = lastQueryKey.current === queryKey;
    lastQueryKey.current = queryKey;
    const generation = ++latestGeneration.current;
    asked.current = new Set();
    setSearching(true);
    const timer = window.setTimeout(
      () => {
        const { first, last } = again ? pagesOf(wantedRef.current) : { first: 0, last: 0 };
        for (let page = first; page <= last; page++) asked.current.add(page);
        void callApi('releases.search', {
          ...query,
          offset: first * PAGE_SIZE,
          limit: (last - first + 1) * PAGE_SIZE,
        }).then((answer) => {
          if (generation !== latestGeneration.current) return;
          asked.current = new Set();
          setSearching(false);
          if (!answer.ok) return setError(answer.error.message);
          const { rows, ...rest } = answer.value;
          const pages = new Map<number, LibraryRow[]>();
          for (let page = first; page <= last; page++) {
            const part = rows.slice((page - first) * PAGE_SIZE, (page - first + 1) * PAGE_SIZE);
            if (part.length > 0 || page === first) pages.set(page, part);
          }
          setError(null);
          setShown({
            generation,
            forTrash: trash,
            query,
            totals: { ...rest, matched: rest.matched ?? rows.length },
            pages,
          });
        });
      },
      typing ? TYPING_PAUSE_MS : 0,
    );
    return () => window.clearTimeout(timer);
  }, [filters, trash, refreshKey, pollKey]);

  // While the main side builds the index, the answer says how far it has got: ask again until it is done.
  const building = shown?.totals.building;
  useEffect(() => {
    if (!building) return;
    const timer = window.setTimeout(() => setPollKey((key) => key + 1), BUILDING_POLL_MS);
    return () => window.clearTimeout(timer);
  }, [building]);

  // The pages of the window that have not arrived yet.
  useEffect(() => {
    if (!shown || shown.generation !== latestGeneration.current) return;
    const { first, last } = pagesOf({
      start: Math.min(wanted.start, shown.totals.matched),
      end: Math.min(wanted.end, shown.totals.matched),
    });
    const missing: number[] = [];
    for (let page = first; page <= last; page++) {
      if (page * PAGE_SIZE < shown.totals.matched && !shown.pages.has(page) && !asked.current.has(page))
        missing.push(page);
    }
    if (missing.length === 0) return;
    const timer = window.setTimeout(() => {
      const { generation, query } = shown;
      for (const page of missing) {
        asked.current.add(page);
        void callApi('releases.search', { ...query, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
          (answer) => {
            if (generation !== latestGeneration.current) return;
            asked.current.delete(page);
            if (!answer.ok) return setError(answer.error.message);
            setShown((current) =>
              current && current.generation === generation
                ? { ...current, pages: new Map(current.pages).set(page, answer.value.rows) }
                : current,
            );
          },
        );
      }
    }, SCROLL_PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [shown, wanted.start, wanted.end]);

  const pages = shown?.pages;
  const rowAt = useCallback(
    (index: number) => pages?.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [pages],
  );

  const loadedRows = useCallback(() => {
    const found: Array<{ index: number; row: LibraryRow }> = [];
    for (const [page, rows] of pages ?? []) {
      rows.forEach((row, offset) => found.push({ index: page * PAGE_SIZE + offset, row }));
    }
    return found;
  }, [pages]);

  return {
    result: shown?.totals ?? null,
    rowAt,
    loadedRows,
    query: shown?.query ?? null,
    error,
    searching,
    stale: shown !== null && shown.forTrash !== trash,
  };
}
