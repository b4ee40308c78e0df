import { randomUUID } from 'node:crypto';
import { newChangeNote, stampChangeNotes } from '../../../src-shared/release/change-notes';
import type { Actor } from '../../../src-shared/workflow/people';
import type { ChangeNoteImportance, Release } from '../../../src-shared/release/schema';
import { contentHash } from '../../../src-shared/workflow/content-hash';
import type { WorkflowAction } from '../../../src-shared/workflow/workflow';

/**
 * What issue 17's steps record on the release, once `decide` has allowed them (review/workflow.ts applies it
 * inside the store's update, so the record and the new status are one write):
 *  - correct: the change note (the reason) joins the content undated, the person who wrote it joins the editors,
 *    and the release is a draft (the unchecked mark, if any, ends: the text is going to change);
 *  - request-withdrawal / confirm-withdrawal / cancel-withdrawal: the withdrawal record, asked, confirmed or dropped;
 *    reopening a withdrawn release ends it;
 *  - publish-unchecked: who, when, why and over which content; any change note of a correction is dated now;
 *  - review-after-publishing / request-correction: the review afterwards, which ends the unchecked mark.
 */
export function issue17Record(
  stored: Release,
  next: Release,
  step: {
    action: Exclude<WorkflowAction, 'lapse'>;
    actor: Actor;
    at: string;
    reason: string | undefined;
    importance: ChangeNoteImportance | undefined;
  },
): Release {
  const reason = (step.reason ?? '').trim();
  switch (step.action) {
    case 'correct': {
      const corrected: Release = {
        ...next,
        changeNotes: [
          ...next.changeNotes,
          newChangeNote(reason, step.importance ?? 'major', `c-${randomUUID().slice(0, 8)}`),
        ],
        editedSinceApproval: next.editedSinceApproval.includes(step.actor.id)
          ? next.editedSinceApproval
          : [...next.editedSinceApproval, step.actor.id],
      };
      delete corrected.uncheckedPublish;
      return corrected;
    }
    case 'request-withdrawal':
      return {
        ...next,
        withdrawal: {
          explanation: reason,
          requestedBy: step.actor,
          requestedAt: step.at,
          confirmedBy: null,
          confirmedAt: null,
        },
      };
    case 'confirm-withdrawal':
      return stored.withdrawal
        ? { ...next, withdrawal: { ...stored.withdrawal, confirmedBy: step.actor, confirmedAt: step.at } }
        : next;
    case 'cancel-withdrawal':
    case 'reopen': {
      const kept = { ...next };
      delete kept.withdrawal;
      return kept;
    }
    case 'publish-unchecked':
      return {
        ...next,
        changeNotes: stampChangeNotes(next.changeNotes, step.at),
        uncheckedPublish: {
          by: step.actor,
          at: step.at,
          reason,
          contentHash: contentHash(stored),
          reviewedAfter: null,
        },
      };
    case 'review-after-publishing':
    case 'request-correction': {
      const unchecked = stored.uncheckedPublish;
      if (!unchecked || unchecked.reviewedAfter) return next;
      return {
        ...next,
        uncheckedPublish: {
          ...unchecked,
          reviewedAfter: {
            by: step.actor,
            at: step.at,
            outcome: step.action === 'request-correction' ? 'needs-correction' : 'fine',
            ...(step.action === 'request-correction' && reason ? { note: reason } : {}),
          },
        },
      };
    }
    default:
      return next;
  }
}
