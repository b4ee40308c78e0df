import { useEffect, useRef } from 'react';
import { callApi } from '../../api';

export const WORKSPACE_POLL_MS = 2000;

/**
 * Calls `onChange` when release files or workspace.json change on disk: another window, or a colleague on the
 * shared folder. The first answer only sets the starting point, so mounting does not report old news.
 *
 * This window's own saves are reported too (the folder cannot tell who wrote): before reloading an open release,
 * compare the revision on disk with the one last saved here.
 */
export function useWorkspaceChanges(
  onChange: (releaseIds: string[], workspaceChanged: boolean) => void,
  intervalMs: number = WORKSPACE_POLL_MS,
): void {
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });

  useEffect(() => {
    let stopped = false;
    let cursor: number | null = null;
    let timer: number | undefined;
    const poll = async () => {
      try {
        const result = await callApi('workspace.changes', { cursor: cursor ?? 0 });
        if (stopped || !result.ok) return;
        const first = cursor === null;
        cursor = result.value.cursor;
        const { releaseIds, workspaceChanged } = result.value;
        if (!first && (releaseIds.length > 0 || workspaceChanged))
          latest.current(releaseIds, workspaceChanged);
      } finally {
        // A timeout after each answer rather than an interval: a slow answer never piles up requests.
        if (!stopped) timer = window.setTimeout(() => void poll(), intervalMs);
      }
    };
    void poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [intervalMs]);
}
