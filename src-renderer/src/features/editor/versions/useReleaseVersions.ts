import { useCallback, useEffect, useRef, useState } from 'react';
import { callApi } from '../../../api';
import type { SavedRelease } from '../useAutosave';
import type { ReleaseVersions } from '../../../../../src-shared/api/contract';

export interface VersionsState {
  /** The versions as last read; null until the first answer. */
  current: ReleaseVersions | null;
  /** The person at this computer, as they said who they are (to tell "mine" from a colleague's). */
  me: string | null;
  /** Reads the versions again: after a colleague's change arrives, and after each save of this window. */
  refresh: () => Promise<ReleaseVersions | null>;
}

/**
 * The versions of a release (issue 12): one normally; two or more when two computers saved at once. Read when the
 * editor opens, after each save or workflow step of this window (the saved release moves on), and whenever the
 * editor's watcher says this release changed on disk (`refresh`, called from useColleagueSaves).
 */
export function useReleaseVersions(releaseId: string, saved: SavedRelease): VersionsState {
  const [current, setCurrent] = useState<ReleaseVersions | null>(null);
  const [me, setMe] = useState<string | null>(null);
  const asked = useRef(0);

  const refresh = useCallback(async () => {
    // Answers can overtake each other; only the newest question's answer is shown.
    const ask = ++asked.current;
    const result = await callApi('releases.versions', { id: releaseId });
    if (ask !== asked.current || !result.ok) return null;
    setCurrent(result.value);
    return result.value;
  }, [releaseId]);

  useEffect(() => {
    void refresh();
    void callApi('session.whoami', {}).then((result) => {
      if (result.ok) setMe(result.value.person?.name ?? null);
    });
    const unsubscribe = saved.subscribe(() => void refresh());
    return () => {
      unsubscribe();
    };
  }, [refresh, saved]);

  return { current, me, refresh };
}
