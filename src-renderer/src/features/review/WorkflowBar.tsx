import { useEffect, useRef, useState } from 'react';
import {
  chainOf,
  TRANSITIONS,
  WORKFLOW_ACTION_LABELS,
  type ApprovalSignature,
  type Person,
  type WorkflowAction,
  type WorkflowSettings,
} from '../../../../src-shared/workflow/workflow';
import {
  MAX_CHANGE_NOTE_LENGTH,
  MAX_UNCHECKED_REASON_LENGTH,
  MAX_WITHDRAWAL_EXPLANATION_LENGTH,
  RELEASE_STATUS_LABELS,
  type ChangeNoteImportance,
  type Release,
  type ReleaseStatus,
} from '../../../../src-shared/release/schema';
import { pendingWithdrawalOf, uncheckedMarkOf } from '../../../../src-shared/workflow/published-records';
import { useProtectedFindings } from '../editor/FindingsContext';
import { PrivacyPanel } from './PrivacyDecision';
import { useReturnFocus } from '../../return-focus';

/** Actions a person takes from the editor; lapse is the system's and publish belongs to the final export. */
const ACTIONS_IN_EDITOR: readonly WorkflowAction[] = [
  'submit',
  'approve',
  'review-after-publishing',
  'confirm-withdrawal',
  'request-changes',
  'request-correction',
  'correct',
  'reopen',
  'withdraw',
  'request-withdrawal',
  'cancel-withdrawal',
  'publish-unchecked',
];

const BUTTON_LABELS: Partial<Record<WorkflowAction, string>> = {
  submit: 'Submit for review',
  approve: 'Approve',
  'request-changes': 'Request changes…',
  reopen: 'Reopen as draft',
  withdraw: 'Withdraw…',
  correct: 'Correct…',
  'request-correction': 'Ask for a correction…',
  'request-withdrawal': 'Ask to withdraw…',
  'confirm-withdrawal': 'Confirm the withdrawal',
  'cancel-withdrawal': 'Keep it published',
  'publish-unchecked': 'Publish without a second check…',
  'review-after-publishing': 'Reviewed after publishing',
};

/** The dialog of each step that asks for words: its title, the box's label and hint, its button. */
const ASKS: Partial<
  Record<WorkflowAction, { title: string; label: string; hint: string; confirm: string; maxLength?: number }>
> = {
  'request-changes': {
    title: 'Request changes',
    label: 'What needs to change?',
    hint: 'The writer sees this, and it is kept in the audit trail.',
    confirm: 'Request changes',
  },
  withdraw: {
    title: 'Withdraw this release',
    label: 'Why is it being withdrawn?',
    hint: 'The writer sees this, and it is kept in the audit trail.',
    confirm: 'Withdraw',
  },
  correct: {
    title: 'Correct this release',
    label: 'What was corrected?',
    hint:
      'The change note readers see under “Updates to this page”, dated when the corrected release is published. ' +
      'The release becomes a draft: edit it, then submit it for review.',
    confirm: 'Start the correction',
    maxLength: MAX_CHANGE_NOTE_LENGTH,
  },
  'request-correction': {
    title: 'Ask for a correction',
    label: 'What needs correcting?',
    hint: 'The release stays published. The writer sees this, and it is kept in the audit trail.',
    confirm: 'Ask for a correction',
  },
  'request-withdrawal': {
    title: 'Ask to withdraw this release',
    label: 'Explanation for readers',
    hint:
      'Shown on the release’s page above its text, as “This release was withdrawn on …”. ' +
      'A second person confirms the withdrawal.',
    confirm: 'Ask to withdraw',
    maxLength: MAX_WITHDRAWAL_EXPLANATION_LENGTH,
  },
  'publish-unchecked': {
    title: 'Publish without a second check',
    label: 'Why can this not wait for a second person?',
    hint:
      'Only when nobody else can check it in time. The release is marked “Published without a second check” ' +
      'until another person reviews it, and the reason is kept in the audit trail.',
    confirm: 'Publish now',
    maxLength: MAX_UNCHECKED_REASON_LENGTH,
  },
};

/**
 * Whether a step the table allows makes sense for this release and person now: issue 17's steps depend on the
 * release's records (a withdrawal asked for, a publication nobody has checked), which the table cannot see.
 * The main side decides for real.
 */
function offered(action: WorkflowAction, release: Release | undefined, person: Person): boolean {
  const pending = release ? pendingWithdrawalOf(release) : null;
  const unchecked = release ? uncheckedMarkOf(release) : null;
  switch (action) {
    case 'request-withdrawal':
      return !pending;
    case 'confirm-withdrawal':
      return !!pending && pending.requestedBy.id !== person.id;
    case 'cancel-withdrawal':
      return !!pending;
    case 'review-after-publishing':
      return !!unchecked && unchecked.by.id !== person.id;
    case 'request-correction':
      // Whoever may correct the release does so ("Correct…"); asking is for reviewers.
      return !person.roles.some((role) => role === 'writer' || role === 'approver');
    default:
      return true;
  }
}

/**
 * The release's status, its sign-offs so far and the next workflow actions this person may take. The main side
 * decides for real (four-eyes, chain order, content hash); this only offers what the table allows.
 */
export function WorkflowBar({
  status,
  approvals,
  person,
  settings,
  busy,
  onAct,
  release,
  onReleaseChanged,
}: {
  status: ReleaseStatus;
  approvals: readonly ApprovalSignature[];
  person: Person | null;
  settings: WorkflowSettings;
  busy: boolean;
  onAct: (action: WorkflowAction, reason?: string, importance?: ChangeNoteImportance) => void;
  /** The release as saved: with it, a sign-off or export the protected-person guard will refuse is said here. */
  release?: Release;
  /** The release as stored after a decision to publish anyway (its revision moved on). */
  onReleaseChanged?: (release: Release) => void;
}) {
  const [asking, setAsking] = useState<WorkflowAction | null>(null);
  const protectedFindings = useProtectedFindings();
  // Where the next step is a sign-off or a final export: the steps the guard refuses.
  const guarded = status === 'in-review' || status === 'approved' || status === 'published';
  const chain = chainOf(settings);
  const actions = ACTIONS_IN_EDITOR.filter((action) =>
    TRANSITIONS.some(
      (row) =>
        row.from === status &&
        row.action === action &&
        person &&
        row.roles.some((r) => person.roles.includes(r)) &&
        (!release || offered(action, release, person)),
    ),
  );
  const ask = asking ? ASKS[asking] : undefined;
  return (
    <div className="workflow-bar">
      <span className={`status status-${status}`} data-status={status}>
        {RELEASE_STATUS_LABELS[status]}
      </span>
      {(status === 'in-review' || status === 'approved') && (
        <ol className="approval-steps" aria-label="Sign-offs">
          {chain.map((step, index) => {
            const signature = approvals.find((a) => a.stepIndex === index);
            return (
              <li key={index} className={signature ? 'step-signed' : 'step-pending'}>
                {signature ? '✓' : '○'} {step.label}
                {signature ? `: ${signature.personName}` : ''}
              </li>
            );
          })}
        </ol>
      )}
      {actions.map((action) => (
        <button
          key={action}
          type="button"
          className={
            action === 'submit' ||
            action === 'approve' ||
            action === 'review-after-publishing' ||
            action === 'confirm-withdrawal'
              ? 'button-primary'
              : action === 'publish-unchecked'
                ? 'button-warning'
                : ''
          }
          disabled={busy}
          onClick={() =>
            TRANSITIONS.find((r) => r.from === status && r.action === action)?.needsReason
              ? setAsking(action)
              : onAct(action)
          }
        >
          {BUTTON_LABELS[action] ?? WORKFLOW_ACTION_LABELS[action]}
        </button>
      ))}
      {release && onReleaseChanged && guarded && (
        <PrivacyPanel
          release={release}
          findings={protectedFindings}
          person={person}
          onDecided={onReleaseChanged}
        />
      )}
      {asking && ask && (
        <ReasonDialog
          title={ask.title}
          label={ask.label}
          hint={ask.hint}
          confirm={ask.confirm}
          {...(ask.maxLength ? { maxLength: ask.maxLength } : {})}
          askImportance={asking === 'correct'}
          onCancel={() => setAsking(null)}
          onConfirm={(reason, importance) => {
            const action = asking;
            setAsking(null);
            onAct(action, reason, importance);
          }}
        />
      )}
    </div>
  );
}

function ReasonDialog({
  title,
  label,
  hint,
  confirm,
  maxLength,
  askImportance,
  onCancel,
  onConfirm,
}: {
  title: string;
  label: string;
  hint: string;
  confirm: string;
  /** Characters the main side accepts; the count shows beside the box. */
  maxLength?: number;
  /** A correction: major (announced in the feed) or minor (on the page only). */
  askImportance?: boolean;
  onCancel: () => void;
  onConfirm: (reason: string, importance?: ChangeNoteImportance) => void;
}) {
  const [reason, setReason] = useState('');
  const [importance, setImportance] = useState<ChangeNoteImportance>('major');
  const [error, setError] = useState<string | null>(null);
  const over = maxLength !== undefined ? reason.trim().length - maxLength : 0;
  const dialog = useRef<HTMLDialogElement>(null);
  useReturnFocus();
  useEffect(() => dialog.current?.showModal(), []);
  return (
    <dialog ref={dialog} className="reason-dialog" aria-labelledby="reason-title" onCancel={onCancel}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (!reason.trim()) return setError('Give a reason');
          if (over > 0) return setError(`You have ${over.toLocaleString('en-GB')} characters too many`);
          onConfirm(reason.trim(), askImportance ? importance : undefined);
        }}
      >
        <h2 id="reason-title">{title}</h2>
        <div className={`field${error ? ' field-has-error' : ''}`}>
          <label htmlFor="workflow-reason">{label}</label>
          <p className="hint" id="workflow-reason-hint">
            {hint}
          </p>
          {error && (
            <p className="finding finding-error" id="workflow-reason-error">
              <span className="visually-hidden">Error: </span>
              {error}
            </p>
          )}
          <textarea
            id="workflow-reason"
            rows={4}
            value={reason}
            aria-describedby={`workflow-reason-hint${error ? ' workflow-reason-error' : ''}`}
            onChange={(e) => setReason(e.target.value)}
            autoFocus
          />
          {maxLength !== undefined && (
            <p className="hint reason-count" aria-live="polite">
              {over > 0
                ? `You have ${over.toLocaleString('en-GB')} characters too many`
                : `You have ${(maxLength - reason.trim().length).toLocaleString('en-GB')} characters remaining`}
            </p>
          )}
        </div>
        {askImportance && (
          <fieldset className="field importance-choice">
            <legend>How big a change is it?</legend>
            <label className="choice-inline">
              <input
                type="radio"
                name="change-importance"
                checked={importance === 'major'}
                onChange={() => setImportance('major')}
              />{' '}
              Major: readers need to know (announced in the news feed)
            </label>
            <label className="choice-inline">
              <input
                type="radio"
                name="change-importance"
                checked={importance === 'minor'}
                onChange={() => setImportance('minor')}
              />{' '}
              Minor: a typo or a broken link (shown on the page only)
            </label>
          </fieldset>
        )}
        <div className="dialog-actions">
          <button type="submit" className="button-primary">
            {confirm}
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
