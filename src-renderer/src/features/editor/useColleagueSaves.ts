import { useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { callApi } from '../../api';
import { useWorkspaceChanges } from '../shared-workspace';
import { contentOf } from './release-content';
import type { SavedRelease } from './useAutosave';
import type { Release, ReleaseContent } from '../../../../src-shared/release/schema';

/**
 * A colleague (or another window) saved this release: take their version when nothing here is unsaved; otherwise
 * the next save here is refused and kept as a conflict copy, and the notice says so. Answers the notice to show.
 */
export function useColleagueSaves({
  releaseId,
  form,
  saved,
  isIdle,
  adopt,
}: {
  releaseId: string;
  form: UseFormReturn<ReleaseContent>;
  saved: SavedRelease;
  isIdle: () => boolean;
  adopt: (release: Release) => void;
}) {
  const [notice, setNotice] = useState<string | null>(null);
  useWorkspaceChanges((ids) => {
    if (!ids.includes(releaseId)) return;
    void callApi('releases.get', { id: releaseId }).then((latest) => {
      if (!latest.ok || latest.value.revision <= saved.current.revision) return;
      if (isIdle()) {
        form.reset(contentOf(latest.value), { keepDefaultValues: true });
        adopt(latest.value);
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
