import { useState } from 'react';
import { callApi } from '../../api';
import { useWorkspaceChanges } from '../shared-workspace';
import type { SavedRelease } from './useAutosave';
import type { Release } from '../../../../src-shared/release/schema';

/**
 * A colleague (or another window) saved this release: take their version when nothing here is unsaved; otherwise
 * the next save here is refused and kept as a conflict copy, and the notice says so. Answers the notice to show.
 *
 * Taking their version is not an edit: `takeSaved` moves the base before the form changes, so nothing is saved
 * back (two idle editors on one release once saved each other's saves back for ever, issue 12).
 */
export function useColleagueSaves({
  releaseId,
  saved,
  isIdle,
  takeSaved,
  settled,
  onChanged,
}: {
  releaseId: string;
  saved: SavedRelease;
  isIdle: () => boolean;
  takeSaved: (release: Release) => void;
  /** Resolves when this window's own save or workflow step has answered (see useAutosave). */
  settled: () => Promise<void>;
  /** Called once this release changed on disk and this window's own write has answered (the versions banner). */
  onChanged?: () => void;
}) {
  const [notice, setNotice] = useState<string | null>(null);
  useWorkspaceChanges((ids) => {
    if (!ids.includes(releaseId)) return;
    // This window's own write shows up here too; its answer moves `saved` on, after which it is no news.
    void settled().then(async () => {
      onChanged?.();
      const latest = await callApi('releases.get', { id: releaseId });
      if (!latest.ok || latest.value.revision <= saved.current.revision) return;
      if (!isIdle()) {
        // A save of ours may have started meanwhile and be what was read: wait for its answer before judging.
        await settled();
        if (latest.value.revision <= saved.current.revision) return;
      }
      if (isIdle()) {
        takeSaved(latest.value);
        const at = new Date(latest.value.updatedAt).toLocaleTimeString('en-GB', {
          hour: '2-digit',
          minute: '2-digit',
        });
        setNotice(`Updated with changes saved elsewhere at ${at}.`);
      } else {
        setNotice(
          'This release was changed elsewhere while you were typing. Your next save will be kept as a conflict copy.',
        );
      }
    });
  });
  return { notice, dismiss: () => setNotice(null) };
}
