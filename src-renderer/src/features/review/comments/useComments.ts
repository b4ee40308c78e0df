import { createContext, useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
import { CommentsStore, type CommentsState } from './comments-store';

/**
 * How often an open release asks for its comments. Comments live in `comments/<releaseId>/`, which the workspace
 * watch (releases/ and workspace.json) does not report, and a colleague commenting must never bump the release's
 * revision; so the editor asks for the list itself. Reading it is one small folder listing; an unchanged answer
 * publishes nothing and re-renders nothing.
 */
export const COMMENTS_POLL_MS = 4000;

/**
 * The comments of one release: loads them, keeps them current while the editor is open (a timer, plus a look
 * when the window regains focus), and offers add / reply / resolve / reopen. Returns a store that components
 * subscribe to piecemeal (see `useCommentsSelector`), so that a new comment never re-renders the form.
 */
export function useComments(releaseId: string, intervalMs: number = COMMENTS_POLL_MS): CommentsStore {
  const store = useMemo(() => new CommentsStore(releaseId), [releaseId]);
  useEffect(() => {
    let stopped = false;
    let timer: number | undefined;
    const poll = async () => {
      try {
        // A hidden window asks again when it is shown (the focus listener below).
        if (!document.hidden || !store.state.loaded) await store.refresh();
      } finally {
        // A timeout after each answer rather than an interval: a slow answer never piles up requests.
        if (!stopped) timer = window.setTimeout(() => void poll(), intervalMs);
      }
    };
    void poll();
    const onFocus = () => void store.refresh();
    window.addEventListener('focus', onFocus);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      window.removeEventListener('focus', onFocus);
    };
  }, [store, intervalMs]);
  return store;
}

export const CommentsContext = createContext<CommentsStore | null>(null);

/** The comments store of the open release, or null outside an editor (then comment controls render nothing). */
export function useCommentsStore(): CommentsStore | null {
  return useContext(CommentsContext);
}

const noSubscription = () => () => undefined;

/**
 * One slice of the comments state. `select` must return a primitive or an object kept by the store (a thread
 * list, the open panel), so that a component re-renders only when its slice changes.
 */
export function useCommentsSelector<T>(select: (state: CommentsState) => T, fallback: T): T {
  const store = useCommentsStore();
  return useSyncExternalStore(store ? store.subscribe : noSubscription, () =>
    store ? select(store.state) : fallback,
  );
}
