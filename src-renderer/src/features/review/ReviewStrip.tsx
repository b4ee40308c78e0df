import { useEffect, useRef, useState } from 'react';
import { callApi } from '../../api';
import { useFindingsNow } from '../editor/FindingsContext';
import { useSavedRelease, type SavedRelease } from '../editor/useAutosave';
import { coveringDecision } from './PrivacyDecision';
import { WorkflowBar } from './WorkflowBar';
import { useSession } from './session';
import {
  RELEASE_STATUS_LABELS,
  type Release,
  type WorkspaceSettings,
} from '../../../../src-shared/release/schema';
import { isProtectedPersonFinding } from '../../../../src-shared/workflow/privacy-decision';
import type { WorkflowAction } from '../../../../src-shared/workflow/workflow';
import type { ChangeNoteImportance } from '../../../../src-shared/release/schema';
import { PublishedRecords } from './PublishedRecords';
import { useReturnFocus } from '../../return-focus';

/**
 * The release's place in the review workflow, subscribed to the saved release alone so that a save or an action
 * re-renders this strip and not the form. It also says when an edit has just set a sign-off aside.
 */
export function ReviewStrip({
  saved,
  settings,
  busy,
  onAct,
}: {
  saved: SavedRelease;
  settings: WorkspaceSettings;
  busy: boolean;
  onAct: (action: WorkflowAction, reason?: string, importance?: ChangeNoteImportance) => void;
}) {
  const release = useSavedRelease(saved);
  const { person } = useSession();
  // Read on the click, not subscribed: the strip must not re-render on every keystroke's new findings.
  const findingsNow = useFindingsNow();
  const [unchecked, setUnchecked] = useState<{
    action: WorkflowAction;
    messages: string[];
    refused: boolean;
  } | null>(null);
  const previous = useRef(release);
  const [lapsed, setLapsed] = useState(false);
  const [requested, setRequested] = useState<{ by: string; reason: string; correction: boolean } | null>(
    null,
  );
  const [trailProblem, setTrailProblem] = useState<string | null>(null);
  // Checked on open: damage to the audit trail is reported where people work, not only on the History screen.
  useEffect(() => {
    let live = true;
    void callApi('audit.read', { id: release.id }).then((result) => {
      if (live && result.ok && !result.value.intact) setTrailProblem(result.value.problem);
    });
    return () => {
      live = false;
    };
  }, [release.id]);
  // The writer needs the reviewer's words, not just the state: the newest request from the audit trail.
  // On a published release, a reviewer's request for a correction (issue 17) stands until a correction starts or
  // the release is published again.
  useEffect(() => {
    const published = release.status === 'published';
    if (release.status !== 'changes-requested' && !published) return setRequested(null);
    let live = true;
    void callApi('audit.read', { id: release.id }).then((result) => {
      if (!live || !result.ok) return;
      const last = published
        ? result.value.entries.findLast((entry) =>
            ['correction-requested', 'correction-started', 'published', 'published-unchecked'].includes(
              entry.event,
            ),
          )
        : result.value.entries.findLast((entry) => entry.event === 'changes-requested');
      const reason = last?.details.reason;
      const asked = !published || last?.event === 'correction-requested';
      setRequested(
        last && asked && typeof reason === 'string'
          ? { by: last.actor.name, reason, correction: published }
          : null,
      );
    });
    return () => {
      live = false;
    };
  }, [release.id, release.status, release.revision]);
  useEffect(() => {
    const before = previous.current;
    previous.current = release;
    if (before.approvals.length > 0 && release.approvals.length === 0 && release.status === 'draft') {
      setLapsed(true);
    } else if (release.status !== before.status) {
      setLapsed(false);
    }
  }, [release]);
  return (
    <div className="review-strip">
      <WorkflowBar
        status={release.status}
        approvals={release.approvals}
        person={person}
        settings={settings}
        busy={busy}
        release={release}
        onReleaseChanged={(next) => saved.set(next)}
        onAct={(action, reason, importance) => {
          // Most checks are advice a person may overrule, so their errors ask for a second thought. A protected
          // person named in the text is different: the main side refuses the sign-off unless a second person's
          // decision covers it, so the dialog says so instead of offering "Approve anyway".
          const errors = findingsNow().findings.filter((finding) => finding.severity === 'error');
          const refused =
            action === 'approve' &&
            errors.some(isProtectedPersonFinding) &&
            coveringDecision(release, errors.filter(isProtectedPersonFinding)) === null;
          if ((action === 'submit' || action === 'approve') && errors.length > 0) {
            setUnchecked({ action, messages: errors.map((finding) => finding.message), refused });
          } else onAct(action, reason, importance);
        }}
      />
      <PublishedRecords release={release} />
      {unchecked && (
        <CheckErrorsDialog
          action={unchecked.action}
          refused={unchecked.refused}
          messages={unchecked.messages}
          onCancel={() => setUnchecked(null)}
          onConfirm={() => {
            setUnchecked(null);
            onAct(unchecked.action);
          }}
        />
      )}
      {release.approvals.length > 0 && (
        <p className="review-hint">
          Signed off over this exact text: any change to it sets the sign-off aside and makes the release a
          draft again.
        </p>
      )}
      {trailProblem && (
        <p className="review-hint review-trail-broken" role="alert" data-testid="audit-broken">
          <strong>The audit trail of this release has been altered:</strong> {trailProblem} See{' '}
          <a href={`#/release/${release.id}/history/audit`}>the audit trail</a>.
        </p>
      )}
      {requested && (
        <p className="review-hint review-reason" data-testid="changes-requested-reason">
          <strong>
            {requested.by} asked for {requested.correction ? 'a correction' : 'changes'}:
          </strong>{' '}
          {requested.reason}
        </p>
      )}
      {lapsed && (
        <p className="review-hint review-lapsed" role="status" data-testid="lapse-notice">
          The text changed after it was signed off, so the sign-off lapsed and the release is a draft again.
          Submit it for review when it is ready.
        </p>
      )}
    </div>
  );
}

function CheckErrorsDialog({
  action,
  refused,
  messages,
  onCancel,
  onConfirm,
}: {
  action: WorkflowAction;
  /** The sign-off would be refused (a protected person is named and no decision covers it): no "anyway". */
  refused: boolean;
  messages: string[];
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useReturnFocus();
  useEffect(() => dialog.current?.showModal(), []);
  const verb = action === 'approve' ? 'Approve' : 'Submit';
  return (
    <dialog ref={dialog} className="reason-dialog" aria-labelledby="check-errors-title" onCancel={onCancel}>
      <h2 id="check-errors-title">
        {refused
          ? 'Sign-off refused: this text names a protected person'
          : `The checks found ${messages.length === 1 ? 'an error' : `${messages.length} errors`}`}
      </h2>
      <ul className="check-errors-list">
        {messages.slice(0, 8).map((message, index) => (
          <li key={index}>{message}</li>
        ))}
        {messages.length > 8 && <li>and {messages.length - 8} more, listed at the top of the form</li>}
      </ul>
      <p>
        {refused
          ? 'This text names a protected person, so it cannot be signed off. Take the name out, or a second person (a reviewer or approver who did not edit it) can record a decision to publish anyway, under the workflow bar.'
          : action === 'approve'
            ? 'An approval says this text is ready to leave the office as it is.'
            : 'A reviewer will see the release as it is now.'}
      </p>
      <div className="dialog-actions">
        <button type="button" className="button-primary" onClick={onCancel} autoFocus>
          Go back and fix {messages.length === 1 ? 'it' : 'them'}
        </button>
        {!refused && (
          <button type="button" onClick={onConfirm}>
            {verb} anyway
          </button>
        )}
      </div>
    </dialog>
  );
}

export function actionDone(action: WorkflowAction, release: Release): string {
  switch (action) {
    case 'submit':
      return 'Submitted for review. Reviewers see it under “Waiting for me”.';
    case 'approve':
      return release.status === 'approved'
        ? 'Approved: every sign-off is recorded. It can now be exported as final.'
        : 'Your sign-off is recorded; the next step of the approval chain is due.';
    case 'request-changes':
      return 'Changes requested. The writer sees your reason here and in the audit trail.';
    case 'withdraw':
      return 'Withdrawn. Reopen it as a draft to work on it again.';
    case 'reopen':
      return 'Reopened as a draft.';
    case 'correct':
      return 'Correction started: the release is a draft with your change note. Edit it, then submit it for review.';
    case 'request-correction':
      return 'Correction asked for. The release stays published; the writer sees your words here and in the audit trail.';
    case 'request-withdrawal':
      return 'Withdrawal asked for. A second person confirms it; until then the release stays published.';
    case 'confirm-withdrawal':
      return 'Withdrawn. Its page now says so, with the explanation, above the text.';
    case 'cancel-withdrawal':
      return 'The withdrawal request was dropped; the release stays published.';
    case 'publish-unchecked':
      return 'Published without a second check. It waits for another reviewer or approver to review it afterwards.';
    case 'review-after-publishing':
      return 'Your review is recorded: the release is no longer marked as published without a second check.';
    default:
      return `${RELEASE_STATUS_LABELS[release.status]}.`;
  }
}
