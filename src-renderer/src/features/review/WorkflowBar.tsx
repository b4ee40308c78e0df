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
  RELEASE_STATUS_LABELS,
  type Release,
  type ReleaseStatus,
} from '../../../../src-shared/release/schema';
import { useProtectedFindings } from '../editor/FindingsContext';
import { PrivacyPanel } from './PrivacyDecision';
import { useReturnFocus } from '../../return-focus';

/** Actions a person takes from the editor; lapse is the system's and publish belongs to the final export. */
const ACTIONS_IN_EDITOR: readonly WorkflowAction[] = [
  'submit',
  'approve',
  'request-changes',
  'reopen',
  'withdraw',
];

const BUTTON_LABELS: Partial<Record<WorkflowAction, string>> = {
  submit: 'Submit for review',
  approve: 'Approve',
  'request-changes': 'Request changes…',
  reopen: 'Reopen as draft',
  withdraw: 'Withdraw…',
};

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
  onAct: (action: WorkflowAction, reason?: string) => void;
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
        row.roles.some((r) => person.roles.includes(r)),
    ),
  );
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
          className={action === 'submit' || action === 'approve' ? 'button-primary' : ''}
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
      {asking && (
        <ReasonDialog
          title={asking === 'withdraw' ? 'Withdraw this release' : 'Request changes'}
          label={asking === 'withdraw' ? 'Why is it being withdrawn?' : 'What needs to change?'}
          confirm={asking === 'withdraw' ? 'Withdraw' : 'Request changes'}
          onCancel={() => setAsking(null)}
          onConfirm={(reason) => {
            const action = asking;
            setAsking(null);
            onAct(action, reason);
          }}
        />
      )}
    </div>
  );
}

function ReasonDialog({
  title,
  label,
  confirm,
  onCancel,
  onConfirm,
}: {
  title: string;
  label: string;
  confirm: string;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  useReturnFocus();
  useEffect(() => dialog.current?.showModal(), []);
  return (
    <dialog ref={dialog} className="reason-dialog" aria-labelledby="reason-title" onCancel={onCancel}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (!reason.trim()) return setError(true);
          onConfirm(reason.trim());
        }}
      >
        <h2 id="reason-title">{title}</h2>
        <div className={`field${error ? ' field-has-error' : ''}`}>
          <label htmlFor="workflow-reason">{label}</label>
          <p className="hint" id="workflow-reason-hint">
            The writer sees this, and it is kept in the audit trail.
          </p>
          {error && (
            <p className="finding finding-error" id="workflow-reason-error">
              <span className="visually-hidden">Error: </span>Give a reason
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
        </div>
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
