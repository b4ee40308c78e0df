import { useEffect, useRef, useState } from 'react';
import { callApi } from '../../api';
import type { WorkspaceDescription } from '../../../../src-shared/api/contract';
import { ChangeNote } from './ChangeNote';
import {
  DEFAULT_APPROVAL_STEP,
  ROLE_LABELS,
  type ApprovalStep,
  type Role,
} from '../../../../src-shared/workflow/workflow';

const SIGNING_ROLES: Role[] = ['reviewer', 'approver'];

/**
 * The workspace's review rules: the approval chain (each step a label and the role that signs it) and whether
 * people may approve their own text. A form of its own beside the profile, because the two are saved apart.
 */
export function ReviewSettings({
  description,
  onSaved,
}: {
  description: WorkspaceDescription;
  onSaved: (description: WorkspaceDescription) => void;
}) {
  const [chain, setChain] = useState<ApprovalStep[]>(
    description.settings.approvalChain.length > 0
      ? description.settings.approvalChain
      : [DEFAULT_APPROVAL_STEP],
  );
  const [allowSelfApproval, setAllowSelfApproval] = useState(description.settings.allowSelfApproval);
  const [latestNewsCount, setLatestNewsCount] = useState(String(description.settings.latestNewsCount));
  const [state, setState] = useState<{ kind: 'idle' | 'saved' } | { kind: 'failed'; message: string }>({
    kind: 'idle',
  });
  // Until this person changes something here, the form follows the stored settings (a colleague's save arrives
  // through the profile screen's description); after that, their unsaved choices stay as they are.
  const [touched, setTouched] = useState(false);
  const stored = description.settings;
  /** The stored settings the form's values came from: only what the person changed from them is written. */
  const base = useRef(stored);
  useEffect(() => {
    if (touched) return;
    base.current = stored;
    setChain(stored.approvalChain.length > 0 ? stored.approvalChain : [DEFAULT_APPROVAL_STEP]);
    setAllowSelfApproval(stored.allowSelfApproval);
    setLatestNewsCount(String(stored.latestNewsCount));
  }, [stored, touched]);

  const update = (index: number, change: Partial<ApprovalStep>) =>
    setChain((steps) => steps.map((step, i) => (i === index ? { ...step, ...change } : step)));
  const changeChain = (change: (steps: ApprovalStep[]) => ApprovalStep[]) => {
    setTouched(true);
    setChain(change);
  };

  async function save() {
    const count = Number(latestNewsCount);
    if (!Number.isInteger(count) || count < 0 || count > 20) {
      return setState({ kind: 'failed', message: 'Give a whole number from 0 to 20 for “Latest news”.' });
    }
    const result = await callApi('workspace.updateSettings', {
      settings: { ...base.current, approvalChain: chain, allowSelfApproval, latestNewsCount: count },
      base: base.current,
    });
    if (!result.ok) return setState({ kind: 'failed', message: result.error.message });
    setState({ kind: 'saved' });
    setTouched(false);
    onSaved(result.value);
  }

  return (
    <form
      className="review-settings"
      aria-labelledby="review-settings-title"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      onChange={() => setTouched(true)}
    >
      <h2 id="review-settings-title">Review and approval</h2>
      <p className="hint">
        Each step is signed in order; a release is approved when the last step signs off. A release in review
        when the chain changes keeps the sign-offs it has; the new steps apply from the next one due.
      </p>
      <ChangeNote id="approval-chain-change" field="settings.approvalChain" />
      <ol className="chain-steps">
        {chain.map((step, index) => (
          <li key={index} className="chain-step">
            <div className="field">
              <label htmlFor={`chain-label-${index}`}>Step {index + 1} name</label>
              <input
                id={`chain-label-${index}`}
                value={step.label}
                maxLength={100}
                onChange={(event) => update(index, { label: event.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={`chain-role-${index}`}>Signed by</label>
              <select
                id={`chain-role-${index}`}
                value={step.role}
                onChange={(event) => update(index, { role: event.target.value as Role })}
              >
                {SIGNING_ROLES.map((role) => (
                  <option key={role} value={role}>
                    {ROLE_LABELS[role]}
                  </option>
                ))}
              </select>
            </div>
            {chain.length > 1 && (
              <button
                type="button"
                className="button-quiet"
                onClick={() => changeChain((steps) => steps.filter((_, i) => i !== index))}
              >
                Remove step {index + 1}
              </button>
            )}
          </li>
        ))}
      </ol>
      {chain.length < 10 && (
        <button
          type="button"
          onClick={() => changeChain((steps) => [...steps, { label: '', role: 'approver' }])}
        >
          Add a step
        </button>
      )}
      <div className="checkbox field">
        <input
          id="allow-self-approval"
          type="checkbox"
          checked={allowSelfApproval}
          onChange={(event) => setAllowSelfApproval(event.target.checked)}
          aria-describedby="allow-self-approval-hint"
        />
        <label htmlFor="allow-self-approval">Allow people to approve text they edited</label>
        <p className="hint" id="allow-self-approval-hint">
          Off by default (the four-eyes rule). Turn it on only for a one-person office.
        </p>
        <ChangeNote id="allow-self-approval-change" field="settings.allowSelfApproval" />
      </div>
      <h2 id="export-settings-title">Exported pages</h2>
      <div className="field">
        <label htmlFor="latest-news-count">How many other releases “Latest news” lists</label>
        <p className="hint" id="latest-news-count-hint">
          The newest published releases of this workspace, shown at the foot of every exported page. 0 leaves
          the list out.
        </p>
        <ChangeNote id="latest-news-count-change" field="settings.latestNewsCount" />
        <input
          id="latest-news-count"
          className="input-width-3"
          inputMode="numeric"
          aria-describedby="latest-news-count-hint"
          value={latestNewsCount}
          onChange={(event) => setLatestNewsCount(event.target.value)}
        />
      </div>
      <div className="review-settings-actions">
        <button type="submit" className="button-primary">
          Save settings
        </button>
        <p role="status" className="profile-save-state">
          {state.kind === 'saved' ? 'Settings saved' : ''}
        </p>
        {state.kind === 'failed' && (
          <p className="profile-save-error" role="alert">
            The settings were not saved. {state.message}
          </p>
        )}
      </div>
    </form>
  );
}
