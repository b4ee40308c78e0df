import { useEffect, useState } from 'react';
import type { PresenceEntry } from '../../../../src-shared/api/contract';
import { callApi } from '../../api';

/** Well inside the main side's lease (90 s), which closes marks that stop being renewed. */
export const PRESENCE_POLL_MS = 15_000;

/**
 * How many mounted components hold each release open in this window. React's StrictMode mounts effects twice and
 * two panes may show one release: only when the last holder lets go is the release closed.
 */
const holders = new Map<string, number>();

function hold(id: string): void {
  holders.set(id, (holders.get(id) ?? 0) + 1);
}

function letGo(id: string): void {
  const left = (holders.get(id) ?? 1) - 1;
  if (left > 0) {
    holders.set(id, left);
    return;
  }
  holders.delete(id);
  // After the current commit, so that an unmount immediately followed by a mount (StrictMode) closes nothing.
  window.setTimeout(() => {
    if (!holders.has(id)) void callApi('presence.close', { id });
  }, 0);
}

function sameEntries(a: readonly PresenceEntry[], b: readonly PresenceEntry[]): boolean {
  return (
    a.length === b.length && a.every((entry, i) => entry.name === b[i]?.name && entry.since === b[i]?.since)
  );
}

/**
 * Marks `releaseId` as open by this person while the component is mounted, and returns everyone else who has it
 * open. The mark is renewed (and the others re-read) every `intervalMs`; it is removed on unmount and when the page
 * goes away, and lapses on the main side if the window dies without saying so.
 */
export function usePresence(
  releaseId: string | null,
  intervalMs: number = PRESENCE_POLL_MS,
): PresenceEntry[] {
  const [state, setState] = useState<{ id: string | null; others: PresenceEntry[] }>({
    id: null,
    others: [],
  });

  useEffect(() => {
    if (releaseId === null) return;
    const id = releaseId;
    let stopped = false;
    let timer: number | undefined;
    hold(id);

    const poll = async () => {
      // A timer from before a pageshow may still fire after unmount: it must not open the release again.
      if (stopped) return;
      window.clearTimeout(timer);
      try {
        const result = await callApi('presence.open', { id });
        if (stopped || !result.ok) return;
        const others = result.value.others;
        setState((current) =>
          current.id === id && sameEntries(current.others, others) ? current : { id, others },
        );
      } finally {
        window.clearTimeout(timer);
        if (!stopped) timer = window.setTimeout(() => void poll(), intervalMs);
      }
    };
    // The page may be kept in the back/forward cache and shown again: say so at once on return.
    const onPageHide = () => void callApi('presence.close', { id });
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) void poll();
    };
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener('pageshow', onPageShow);
    void poll();

    return () => {
      stopped = true;
      window.clearTimeout(timer);
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('pageshow', onPageShow);
      letGo(id);
    };
  }, [releaseId, intervalMs]);

  return state.id === releaseId ? state.others : [];
}

/** For the library: who else has which release open, re-read every `intervalMs`. */
export function usePresenceList(intervalMs: number = PRESENCE_POLL_MS): Record<string, PresenceEntry[]> {
  const [list, setList] = useState<Record<string, PresenceEntry[]>>({});
  useEffect(() => {
    let stopped = false;
    let timer: number | undefined;
    const poll = async () => {
      try {
        const result = await callApi('presence.list', {});
        if (stopped || !result.ok) return;
        const next = result.value;
        setList((current) => (JSON.stringify(current) === JSON.stringify(next) ? current : next));
      } finally {
        if (!stopped) timer = window.setTimeout(() => void poll(), intervalMs);
      }
    };
    void poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [intervalMs]);
  return list;
}
