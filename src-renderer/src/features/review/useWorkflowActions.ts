import { useState } from 'react';
import { callApi } from '../../api';
import type { SavedRelease } from '../editor/useAutosave';
import type { ChangeNoteImportance, Release } from '../../../../src-shared/release/schema';
import type { WorkflowAction } from '../../../../src-shared/workflow/workflow';
import { actionDone } from './ReviewStrip';

export interface WorkflowNotice {
  kind: 'done' | 'error';
  text: string;
}

/**
 * The editor's workflow steps (submit, approve, request changes, …). A step covers the text as saved, so anything
 * still waiting is saved first, and nothing is done while a save problem stands.
 */
export function useWorkflowActions({
  releaseId,
  saved,
  savePending,
  isIdle,
  adopt,
  takeSaved,
  whileActing,
}: {
  releaseId: string;
  saved: SavedRelease;
  savePending: () => Promise<void>;
  isIdle: () => boolean;
  adopt: (release: Release) => void;
  /**
   * Shows a release whose content the step changed (a correction adds its change note): the form is reset to it,
   * so that the next save does not send the text without the note. Absent: adopt.
   */
  takeSaved?: (release: Release) => void;
  /** Marks the step as this window's own write, so that it is not taken for a colleague's save (useAutosave). */
  whileActing: <T>(step: () => Promise<T>) => Promise<T>;
}) {
  const [acting, setActing] = useState(false);
  const [notice, setNotice] = useState<WorkflowNotice | null>(null);

  async function act(action: WorkflowAction, reason?: string, importance?: ChangeNoteImportance) {
    setActing(true);
    setNotice(null);
    try {
      await savePending();
      if (!isIdle()) {
        setNotice({
          kind: 'error',
          text: 'Your latest changes are not saved yet, so nothing was done. Fix the save problem shown above first.',
        });
        return;
      }
      const result = await whileActing(async () => {
        const answer = await callApi('releases.act', {
          id: releaseId,
          revision: saved.current.revision,
          action: action as Exclude<WorkflowAction, 'lapse'>,
          ...(reason ? { reason } : {}),
          ...(importance ? { importance } : {}),
        });
        // Adopted before the step counts as done, so that a change check waiting for it sees the new revision.
        if (answer.ok) (action === 'correct' && takeSaved ? takeSaved : adopt)(answer.value);
        return answer;
      });
      if (!result.ok) {
        setNotice({ kind: 'error', text: result.error.message });
        return;
      }
      setNotice({ kind: 'done', text: actionDone(action, result.value) });
    } finally {
      setActing(false);
    }
  }

  return { act, acting, notice, setNotice };
}
