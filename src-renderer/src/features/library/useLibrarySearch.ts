import { useEffect, useRef, useState } from 'react';
import { callApi } from '../../api';
import type { LIBRARY_SORTS, LibraryResult } from '../../../../src-shared/api/contract';
import type { ReleaseStatus, ReleaseType } from '../../../../src-shared/release/schema';

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

export interface LibrarySearchState {
  result: LibraryResult | null;
  error: string | null;
  /** A request is on its way; the rows shown are from the previous one. */
  searching: boolean;
  /** `result` belongs to the other list (library or trash): just switched, the answer is on its way. */
  stale: boolean;
}

/**
 * Runs the library search whenever the filters change (after a short pause while typing) or `refreshKey` moves.
 * Answers can arrive out of order, so only the answer to the newest request is ever shown.
 */
export function useLibrarySearch(
  filters: LibraryFilters,
  trash: boolean,
  refreshKey: number,
): LibrarySearchState {
  const [state, setState] = useState<Omit<LibrarySearchState, 'stale'> & { forTrash: boolean }>({
    result: null,
    error: null,
    searching: true,
    forTrash: trash,
  });
  const latestRequest = useRef(0);
  const lastText = useRef<string | null>(null);

  useEffect(() => {
    const typing = lastText.current !== null && lastText.current !== filters.text;
    lastText.current = filters.text;
    const request = ++latestRequest.current;
    setState((current) => (current.searching ? current : { ...current, searching: true }));
    const timer = window.setTimeout(
      () => {
        void callApi('releases.search', {
          text: filters.text,
          statuses: filters.statuses,
          types: filters.types,
          tags: filters.tags,
          from: filters.from || null,
          to: filters.to || null,
          sort: filters.sort,
          trash,
          waitingForMe: filters.waitingForMe && !trash,
        }).then((answer) => {
          if (request !== latestRequest.current) return;
          setState(
            answer.ok
              ? { result: answer.value, error: null, searching: false, forTrash: trash }
              : (current) => ({ ...current, error: answer.error.message, searching: false }),
          );
        });
      },
      typing ? TYPING_PAUSE_MS : 0,
    );
    return () => window.clearTimeout(timer);
  }, [filters, trash, refreshKey]);

  return {
    result: state.result,
    error: state.error,
    searching: state.searching,
    stale: state.forTrash !== trash,
  };
}
