import { useId, useState } from 'react';
import type { Finding } from '../../../../src-shared/checks/editorial-checks';
import type { Release } from '../../../../src-shared/release/schema';
import { findingKey, type PrivacyDecision } from '../../../../src-shared/workflow/privacy-decision';
import type { Person } from '../../../../src-shared/workflow/workflow';
import { callApi } from '../../api';
import './privacy.css';

/**
 * The protected-person guard, where a person meets it: what is refused and why, in plain words, and for someone
 * allowed to, a form to record a decision to publish anyway. The main side decides (src-main/services/
 * privacy-guard.ts); this only says what it will say, and offers the one way past it.
 */

type DecisionRelease = Pick<Release, 'id' | 'revision' | 'editedSinceApproval' | 'privacyDecisions'>;

/** A reviewer or approver who did not edit the text since it was last approved. */
export function mayDecide(person: Person | null, release: DecisionRelease): boolean {
  return (
    person !== null &&
    person.roles.some((role) => role === 'reviewer' || role === 'approver') &&
    !release.editedSinceApproval.includes(person.id)
  );
}

/** The decision on record that covers every one of `findings`, if any. */
export function coveringDecision(
  release: DecisionRelease,
  findings: readonly Finding[],
): PrivacyDecision | null {
  const keys = findings.map(findingKey);
  return (
    (release.privacyDecisions ?? []).find(
      (decision) => decision.releaseId === release.id && keys.every((key) => decision.covers.includes(key)),
    ) ?? null
  );
}

/**
 * Under the workflow bar while a release in review or approved names a protected person: the refusal ahead of time,
 * the decision on record, or the form.
 */
export function PrivacyPanel({
  release,
  findings,
  person,
  onDecided,
}: {
  release: DecisionRelease;
  findings: readonly Finding[];
  person: Person | null;
  onDecided: (release: Release) => void;
}) {
  if (findings.length === 0) return null;
  const decision = coveringDecision(release, findings);
  const mine = decision !== null && person !== null && decision.personId === person.id;
  return (
    <div className="privacy-panel" role="region" aria-label="Protected people" data-testid="privacy-panel">
      {decision ? (
        <p className="privacy-decided">
          <strong>{decision.personName} decided to publish this text anyway</strong> although it names a
          protected person: “{decision.reason}”.{' '}
          {mine
            ? 'Someone other than you has to sign it off and export it.'
            : `${decision.personName} cannot sign it off or export it themselves. Any change to the text sets the decision aside.`}
        </p>
      ) : (
        <>
          <p className="privacy-refused">
            <strong>Sign-off and final export are refused:</strong> this text names a protected person.
          </p>
          <FindingList findings={findings} />
          <p className="hint">
            Take {findings.length === 1 ? 'it' : 'them'} out, or a second person (a reviewer or approver who
            did not edit the text) can record a decision to publish anyway.
          </p>
        </>
      )}
      {!decision && mayDecide(person, release) && (
        <PrivacyDecisionForm release={release} onDecided={onDecided} />
      )}
    </div>
  );
}

function FindingList({ findings }: { findings: readonly Finding[] }) {
  const shown = findings.slice(0, 5);
  return (
    <ul className="privacy-findings">
      {shown.map((finding) => (
        <li key={findingKey(finding)}>{finding.message}</li>
      ))}
      {findings.length > shown.length && <li>and {findings.length - shown.length} more</li>}
    </ul>
  );
}

/**
 * "Record a decision to publish anyway": closed to a button at first, then a required reason. The decision covers
 * the text as saved, and never counts for its maker's own sign-off or export.
 */
export function PrivacyDecisionForm({
  release,
  onDecided,
}: {
  release: Pick<Release, 'id' | 'revision'>;
  onDecided: (release: Release) => void;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!open) {
    return (
      <button type="button" className="privacy-open" onClick={() => setOpen(true)}>
        Record a decision to publish anyway…
      </button>
    );
  }
  async function submit() {
    if (!reason.trim()) {
      setError('Give a reason: it is kept in the audit trail');
      return;
    }
    setBusy(true);
    setError(null);
    const result = await callApi('privacy.decide', { id: release.id, revision: release.revision, reason });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setOpen(false);
    setReason('');
    onDecided(result.value);
  }
  return (
    <div className={`privacy-form field${error ? ' field-has-error' : ''}`}>
      <label htmlFor={`${id}-reason`}>Record a decision to publish anyway</label>
      <p className="hint" id={`${id}-hint`}>
        Why may this text name a protected person? Your name, the reason and the exact text go into the audit
        trail. The decision lets someone else sign off and export this text, not you, and lapses if the text
        changes.
      </p>
      {error && (
        <p className="finding finding-error" id={`${id}-error`} role="alert">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      <textarea
        id={`${id}-reason`}
        rows={3}
        value={reason}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        onChange={(event) => setReason(event.target.value)}
      />
      <div className="privacy-actions">
        <button type="button" className="button-primary" disabled={busy} onClick={() => void submit()}>
          Record the decision
        </button>
        <button type="button" className="button-quiet" disabled={busy} onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}
