import { useEffect, useRef, useState } from 'react';
import { callApi } from '../../api';
import type { WorkspaceDescription } from '../../../../src-shared/api/contract';
import type { Result } from '../../../../src-shared/result';
import { ApprovalStepSchema } from '../../../../src-shared/workflow/people';
import { ChangeNote } from './ChangeNote';
import { Field, type SummaryItem } from './form-errors';
import {
  DEFAULT_APPROVAL_STEP,
  ROLE_LABELS,
  type ApprovalStep,
  type Role,
} from '../../../../src-shared/workflow/workflow';

const SIGNING_ROLES: Role[] = ['reviewer', 'approver'];
const LATEST_NEWS_ERROR = 'Enter a whole number from 0 to 20';

export interface ReviewSettingsState {
  chain: ApprovalStep[];
  allowSelfApproval: boolean;
  /** As typed, so that a half-typed or wrong number stays in the box until it is fixed. */
  latestNewsCount: string;
  /** Changed here since the last save (or since the screen opened). */
  touched: boolean;
  /** What is wrong now, in page order: the error summary's lines (label first), by the id of their control. */
  errors: SummaryItem[];
  /** The message under a control, by its id (the summary line without the label). */
  errorAt: (target: string) => string | undefined;
  updateStep: (index: number, change: Partial<ApprovalStep>) => void;
  addStep: () => void;
  removeStep: (index: number) => void;
  setAllowSelfApproval: (allow: boolean) => void;
  setLatestNewsCount: (text: string) => void;
  /**
   * Writes what the person changed (nothing when they changed nothing): the workspace as stored afterwards, or
   * null when there was nothing to write. Call only when `errors` is empty.
   */
  save: () => Promise<Result<WorkspaceDescription | null>>;
}

/**
 * The workspace's review rules (the approval chain, each step a label and the role that signs it; whether people
 * may approve their own text) and how many releases "Latest news" lists. Stored apart from the profile, but
 * edited and saved with it: the profile screen has one "Save profile" for everything on it.
 */
export function useReviewSettings(description: WorkspaceDescription): ReviewSettingsState {
  const stored = description.settings;
  const [chain, setChain] = useState<ApprovalStep[]>(chainOf(stored.approvalChain));
  const [allowSelfApproval, setAllow] = useState(stored.allowSelfApproval);
  const [latestNewsCount, setCount] = useState(String(stored.latestNewsCount));
  // Until this person changes something here, the values follow the stored settings (a colleague's save arrives
  // through the profile screen's description); after that, their unsaved choices stay as they are.
  const [touched, setTouched] = useState(false);
  /** The stored settings the values came from: only what the person changed from them is written. */
  const base = useRef(stored);
  useEffect(() => {
    if (touched) return;
    base.current = stored;
    setChain(chainOf(stored.approvalChain));
    setAllow(stored.allowSelfApproval);
    setCount(String(stored.latestNewsCount));
  }, [stored, touched]);

  const messages = new Map<string, { label: string; message: string }>();
  chain.forEach((step, index) => {
    const label = ApprovalStepSchema.shape.label.safeParse(step.label);
    if (!label.success) {
      messages.set(`chain-label-${index}`, {
        label: `Step ${index + 1} name`,
        message: label.error.issues[0]?.message ?? 'Name the step',
      });
    }
  });
  const count = parseCount(latestNewsCount);
  if (count === null) messages.set('latest-news-count', { label: 'Latest news', message: LATEST_NEWS_ERROR });
  const errors: SummaryItem[] = [...messages].map(([target, { label, message }]) => ({
    target,
    text: `${label}: ${message}`,
  }));

  const change =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      setTouched(true);
      set(value);
    };

  return {
    chain,
    allowSelfApproval,
    latestNewsCount,
    touched,
    errors,
    errorAt: (target) => messages.get(target)?.message,
    updateStep: (index, update) =>
      change(setChain)(chain.map((step, i) => (i === index ? { ...step, ...update } : step))),
    addStep: () => change(setChain)([...chain, { label: '', role: 'approver' }]),
    removeStep: (index) => change(setChain)(chain.filter((_, i) => i !== index)),
    setAllowSelfApproval: change(setAllow),
    setLatestNewsCount: change(setCount),
    async save() {
      if (!touched) return { ok: true, value: null };
      const result = await callApi('workspace.updateSettings', {
        settings: {
          ...base.current,
          approvalChain: chain,
          allowSelfApproval,
          latestNewsCount: count ?? base.current.latestNewsCount,
        },
        base: base.current,
      });
      if (!result.ok) return result;
      setTouched(false);
      return result;
    },
  };
}

function chainOf(steps: ApprovalStep[]): ApprovalStep[] {
  return steps.length > 0 ? steps : [DEFAULT_APPROVAL_STEP];
}

function parseCount(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,2}$/.test(trimmed)) return null;
  const count = Number(trimmed);
  return count <= 20 ? count : null;
}

/** The fields of useReviewSettings, as two sections of the profile form; errors show once a save was tried. */
export function ReviewSettingsSections({
  review,
  showErrors,
}: {
  review: ReviewSettingsState;
  showErrors: boolean;
}) {
  const errorAt = (target: string) => (showErrors ? review.errorAt(target) : undefined);
  const { chain } = review;
  return (
    <>
      <section className="form-section review-settings" aria-labelledby="review-settings-title">
        <h2 id="review-settings-title">Review and approval</h2>
        <p className="hint">
          Each step is signed in order; a release is approved when the last step signs off. A release in
          review when the chain changes keeps the sign-offs it has; the new steps apply from the next one due.
        </p>
        <ChangeNote id="approval-chain-change" field="settings.approvalChain" />
        <ol className="chain-steps">
          {chain.map((step, index) => (
            <li key={index} className="chain-step">
              <Field
                id={`chain-label-${index}`}
                label={`Step ${index + 1} name`}
                error={errorAt(`chain-label-${index}`)}
              >
                {(aria) => (
                  <input
                    {...aria}
                    value={step.label}
                    maxLength={100}
                    autoComplete="off"
                    onChange={(event) => review.updateStep(index, { label: event.target.value })}
                  />
                )}
              </Field>
              <div className="field">
                <label htmlFor={`chain-role-${index}`}>Signed by</label>
                <select
                  id={`chain-role-${index}`}
                  value={step.role}
                  onChange={(event) => review.updateStep(index, { role: event.target.value as Role })}
                >
                  {SIGNING_ROLES.map((role) => (
                    <option key={role} value={role}>
                      {ROLE_LABELS[role]}
                    </option>
                  ))}
                </select>
              </div>
              {chain.length > 1 && (
                <button type="button" className="button-quiet" onClick={() => review.removeStep(index)}>
                  Remove step {index + 1}
                </button>
              )}
            </li>
          ))}
        </ol>
        {chain.length < 10 && (
          <button type="button" onClick={review.addStep}>
            Add a step
          </button>
        )}
        <div className="checkbox field">
          <input
            id="allow-self-approval"
            type="checkbox"
            checked={review.allowSelfApproval}
            onChange={(event) => review.setAllowSelfApproval(event.target.checked)}
            aria-describedby="allow-self-approval-hint"
          />
          <label htmlFor="allow-self-approval">Allow people to approve text they edited</label>
          <p className="hint" id="allow-self-approval-hint">
            Off by default (the four-eyes rule). Turn it on only for a one-person office.
          </p>
          <ChangeNote id="allow-self-approval-change" field="settings.allowSelfApproval" />
        </div>
      </section>
      <section className="form-section" aria-labelledby="export-settings-title">
        <h2 id="export-settings-title">Exported pages</h2>
        <Field
          id="latest-news-count"
          changedField="settings.latestNewsCount"
          label="How many other releases “Latest news” lists"
          hint="The newest published releases of this workspace, shown at the foot of every exported page. 0 leaves the list out."
          error={errorAt('latest-news-count')}
        >
          {(aria) => (
            <input
              {...aria}
              className="input-width-3"
              inputMode="numeric"
              autoComplete="off"
              value={review.latestNewsCount}
              onChange={(event) => review.setLatestNewsCount(event.target.value)}
            />
          )}
        </Field>
      </section>
    </>
  );
}
