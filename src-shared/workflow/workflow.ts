import { z } from 'zod';
import { RELEASE_STATUSES, type ReleaseStatus } from '../release/status';
import { MAX_UNCHECKED_REASON_LENGTH, type UncheckedPublish, type Withdrawal } from '../release/schema';
import {
  ROLES,
  DEFAULT_APPROVAL_STEP,
  type Role,
  type Person,
  type ApprovalStep,
  type ApprovalSignature,
} from './people';

// People, roles and signatures live in a leaf module (the release schema needs them too); they are part of the
// workflow's vocabulary, so they are offered from here as well.
export * from './people';

/**
 * The review workflow (ARCHITECTURE §5): who may do what to a release in which state, as one table plus the rules
 * that a table cannot say (four-eyes, the approval chain, approvals bound to the content hash).
 *
 * Identity is self-declared. A person types their name and picks their roles on first run; nothing here can tell
 * whether the person at the keyboard is who they say they are, and anyone with write access to the workspace
 * folder can edit the files directly. These rules are workflow guards that stop honest mistakes (approving your own
 * text, skipping legal) and make every step visible in the audit trail; they are not access control, and the UI
 * must not present them as such.
 */

export const WORKFLOW_ACTIONS = [
  'submit',
  'request-changes',
  'approve',
  'publish',
  'withdraw',
  'reopen',
  'lapse',
  // Issue 17: corrections and withdrawals of a published release, and publishing without a second person.
  'correct',
  'request-withdrawal',
  'confirm-withdrawal',
  'cancel-withdrawal',
  'publish-unchecked',
  'review-after-publishing',
  'request-correction',
] as const;
export const WorkflowActionSchema = z.enum(WORKFLOW_ACTIONS);
export type WorkflowAction = z.infer<typeof WorkflowActionSchema>;

export const WORKFLOW_ACTION_LABELS: Record<WorkflowAction, string> = {
  submit: 'Submit for review',
  'request-changes': 'Request changes',
  approve: 'Approve',
  publish: 'Publish',
  withdraw: 'Withdraw',
  reopen: 'Reopen as draft',
  lapse: 'Approval lapsed',
  correct: 'Correct this release',
  'request-withdrawal': 'Ask to withdraw',
  'confirm-withdrawal': 'Confirm the withdrawal',
  'cancel-withdrawal': 'Keep it published',
  'publish-unchecked': 'Publish without a second check',
  'review-after-publishing': 'Reviewed after publishing',
  'request-correction': 'Ask for a correction',
};

/** The longest reason a person may type for publishing without a second check. */
export { MAX_UNCHECKED_REASON_LENGTH } from '../release/schema';

export interface WorkflowSettings {
  /** Four-eyes rule off: people may approve text they edited, and sign more than one step. */
  allowSelfApproval: boolean;
  /** Sign-offs in order; empty = one sign-off by an approver (DEFAULT_APPROVAL_STEP). */
  approvalChain: readonly ApprovalStep[];
}

export interface Transition {
  from: ReleaseStatus;
  action: WorkflowAction;
  to: ReleaseStatus;
  /** Holding any one of these roles lets a person take the action (approve: see the chain step too). */
  roles: readonly Role[];
  needsReason: boolean;
}

const ANYONE: readonly Role[] = ROLES;
const SIGNERS: readonly Role[] = ['reviewer', 'approver'];
const OWNERS: readonly Role[] = ['writer', 'approver'];
const APPROVERS: readonly Role[] = ['approver'];

/**
 * Every allowed move; anything not listed is refused. Choices beyond the brief:
 *  - A writer may resubmit straight from changes-requested, as a pull request goes back to review after a push;
 *    reopening to draft first stays possible.
 *  - A reviewer or approver may ask for changes to an approved (not yet published) release: legal may spot
 *    something after the sign-off, and withdrawing would be the wrong word for it.
 *  - approve leads to `approved` only on the last step of the chain; before that the release stays in review
 *    with the signature recorded (see `decide`).
 *  - A published release whose content changes lapses to draft like an approved one: the stored text is no longer
 *    what was published, so it is a correction that needs approving. History and the audit trail keep the
 *    published version.
 *  - lapse is taken by the system when anyone's save changes signed content, so every role "may" take it.
 */
export const TRANSITIONS: readonly Transition[] = [
  { from: 'draft', action: 'submit', to: 'in-review', roles: ['writer'], needsReason: false },
  { from: 'changes-requested', action: 'submit', to: 'in-review', roles: ['writer'], needsReason: false },

  {
    from: 'in-review',
    action: 'request-changes',
    to: 'changes-requested',
    roles: SIGNERS,
    needsReason: true,
  },
  { from: 'approved', action: 'request-changes', to: 'changes-requested', roles: SIGNERS, needsReason: true },

  { from: 'in-review', action: 'approve', to: 'approved', roles: SIGNERS, needsReason: false },

  { from: 'approved', action: 'publish', to: 'published', roles: OWNERS, needsReason: false },

  { from: 'draft', action: 'withdraw', to: 'withdrawn', roles: OWNERS, needsReason: true },
  { from: 'in-review', action: 'withdraw', to: 'withdrawn', roles: OWNERS, needsReason: true },
  { from: 'changes-requested', action: 'withdraw', to: 'withdrawn', roles: OWNERS, needsReason: true },
  { from: 'approved', action: 'withdraw', to: 'withdrawn', roles: OWNERS, needsReason: true },

  { from: 'withdrawn', action: 'reopen', to: 'draft', roles: OWNERS, needsReason: false },
  { from: 'changes-requested', action: 'reopen', to: 'draft', roles: OWNERS, needsReason: false },

  { from: 'in-review', action: 'lapse', to: 'draft', roles: ANYONE, needsReason: false },
  { from: 'approved', action: 'lapse', to: 'draft', roles: ANYONE, needsReason: false },
  { from: 'published', action: 'lapse', to: 'draft', roles: ANYONE, needsReason: false },

  // Issue 17, item 2. A correction starts from the published text as a draft with a change note (the note is the
  // reason); it then goes through review like any change, and publishing it dates the note.
  { from: 'published', action: 'correct', to: 'draft', roles: OWNERS, needsReason: true },
  // A reviewer who spots an error in a published release asks for a correction; the release stays published
  // (its readers still see it) and the writer is told in the editor and the trail.
  { from: 'published', action: 'request-correction', to: 'published', roles: SIGNERS, needsReason: true },
  // A published release is withdrawn in two steps: one person asks, with the public explanation (the reason), a
  // second person confirms. Until then it stays published; the request can be dropped by anyone who could take
  // either step.
  { from: 'published', action: 'request-withdrawal', to: 'published', roles: OWNERS, needsReason: true },
  { from: 'published', action: 'confirm-withdrawal', to: 'withdrawn', roles: SIGNERS, needsReason: false },
  { from: 'published', action: 'cancel-withdrawal', to: 'published', roles: ANYONE, needsReason: false },

  // Issue 17, item 4. An approver publishes alone when nobody else is there; the release is marked until another
  // person reviews it afterwards.
  { from: 'in-review', action: 'publish-unchecked', to: 'published', roles: APPROVERS, needsReason: true },
  { from: 'approved', action: 'publish-unchecked', to: 'published', roles: APPROVERS, needsReason: true },
  {
    from: 'published',
    action: 'review-after-publishing',
    to: 'published',
    roles: SIGNERS,
    needsReason: false,
  },
];

export function findTransition(from: ReleaseStatus, action: WorkflowAction): Transition | undefined {
  return TRANSITIONS.find((row) => row.from === from && row.action === action);
}

export interface DecideInput {
  status: ReleaseStatus;
  action: WorkflowAction;
  actor: Person;
  settings: WorkflowSettings;
  /** The release's signatures so far, in the order they were given. */
  approvals: readonly ApprovalSignature[];
  /**
   * Ids of everyone who changed the content since the release was last fully approved (or since it was created).
   * Since the last full approval, not the last signature: otherwise a writer who also holds the approver role
   * could sign the last step of a chain over their own text once legal had signed the first.
   */
  editedSinceApproval: ReadonlySet<string> | readonly string[];
  /** contentHash() of the content as it is now. */
  contentHash: string;
  /** Required (non-blank) for request-changes and withdraw; kept in the audit trail by the caller. */
  reason?: string;
  /** When the action happens, as an ISO date-time; recorded in a signature. */
  at: string;
  /** The chain step the person means to sign (0-based). Omitted: the next step due. */
  step?: number;
  /** The release's withdrawal record, if any (confirm and cancel need a request; a second request is refused). */
  withdrawal?: Pick<Withdrawal, 'requestedBy' | 'confirmedAt'> | null;
  /** Published without a second check (review-after-publishing needs one that nobody has reviewed yet). */
  uncheckedPublish?: Pick<UncheckedPublish, 'by' | 'reviewedAfter'> | null;
  /**
   * How many findings name a protected person in what would be published: publishing without a second check is
   * refused while there is any, whatever decision was recorded (a decision to publish a name is a second person's).
   */
  protectedFindings?: number;
}

export type Decision =
  | {
      ok: true;
      to: ReleaseStatus;
      /** The signature this action added (approve only). */
      approval?: ApprovalSignature;
      /** The release's signatures after the action: to be stored in place of `input.approvals`. */
      approvals: ApprovalSignature[];
    }
  | { ok: false; reason: string };

/** Whether `action` may happen now, and what follows. Pure: the caller stores the result and writes the audit. */
export function decide(input: DecideInput): Decision {
  const { status, action, actor, settings, approvals, contentHash } = input;
  if (!RELEASE_STATUSES.includes(status)) return refuse(`"${String(status)}" is not a release status.`);
  if (!WORKFLOW_ACTIONS.includes(action)) return refuse(`"${String(action)}" is not a workflow action.`);

  const row = findTransition(status, action);
  if (!row) return refuse(notFromHere(status, action));

  if (!row.roles.some((role) => actor.roles.includes(role))) {
    return refuse(`Only ${anyOf(row.roles)} can ${ROLE_VERB[action]}. ${yourRoles(actor.roles)}`);
  }

  if (row.needsReason && (input.reason ?? '').trim() === '') return refuse(REASON_NEEDED[action]);

  switch (action) {
    case 'correct':
    case 'request-correction':
      return { ok: true, to: row.to, approvals: action === 'correct' ? [] : [...approvals] };
    case 'request-withdrawal':
      if (input.withdrawal && input.withdrawal.confirmedAt === null) {
        return refuse(
          `${input.withdrawal.requestedBy.name} has already asked for this release to be withdrawn; ` +
            'a second person confirms it or keeps it published.',
        );
      }
      return { ok: true, to: row.to, approvals: [...approvals] };
    case 'confirm-withdrawal':
    case 'cancel-withdrawal': {
      const request = input.withdrawal && input.withdrawal.confirmedAt === null ? input.withdrawal : null;
      if (!request) return refuse('Nobody has asked for this release to be withdrawn.');
      if (
        action === 'confirm-withdrawal' &&
        !settings.allowSelfApproval &&
        request.requestedBy.id === actor.id
      ) {
        return refuse(
          'You asked for this release to be withdrawn, so someone else must confirm it (four-eyes rule).',
        );
      }
      return { ok: true, to: row.to, approvals: action === 'confirm-withdrawal' ? [] : [...approvals] };
    }
    case 'publish-unchecked': {
      const reason = (input.reason ?? '').trim();
      if (reason.length > MAX_UNCHECKED_REASON_LENGTH) {
        return refuse(
          `Keep the reason under ${MAX_UNCHECKED_REASON_LENGTH.toLocaleString('en-GB')} characters; ` +
            'the details can go in a comment.',
        );
      }
      if ((input.protectedFindings ?? 0) > 0) {
        return refuse(
          'This text names a protected person, so it cannot be published without a second check. ' +
            'Take the name out, or wait for a second person.',
        );
      }
      return { ok: true, to: row.to, approvals: [...approvals] };
    }
    case 'review-after-publishing': {
      const unchecked = input.uncheckedPublish;
      if (!unchecked || unchecked.reviewedAfter) {
        return refuse(
          'This release was published with its second check, so there is nothing to review after.',
        );
      }
      if (unchecked.by.id === actor.id) {
        return refuse('You published this release without a second check, so someone else must review it.');
      }
      if (!settings.allowSelfApproval && includes(input.editedSinceApproval, actor.id)) {
        return refuse('You edited this release, so someone else must review it.');
      }
      return { ok: true, to: row.to, approvals: [...approvals] };
    }
    case 'approve':
      return approve(input, row);
    case 'publish': {
      const steps = chainOf(settings);
      if (approvals.some((signature) => signature.contentHash !== contentHash)) {
        return refuse(
          'The text has changed since it was approved, so it has to be approved again before it is published.',
        );
      }
      if (!approvalIsValid(approvals, contentHash) || approvals.length < steps.length) {
        return refuse(
          'This release has no complete approval on record, so it cannot be published. ' +
            'You can still export it as a draft.',
        );
      }
      return { ok: true, to: row.to, approvals: [...approvals] };
    }
    case 'lapse':
      if (!approvals.some((signature) => signature.contentHash !== contentHash)) {
        return refuse('The text has not changed since it was signed off, so the approval still stands.');
      }
      return { ok: true, to: row.to, approvals: [] };
    default:
      // submit, request-changes, withdraw, reopen: each starts the sign-offs again from nothing.
      return { ok: true, to: row.to, approvals: [] };
  }
}

function approve(input: DecideInput, row: Transition): Decision {
  const { actor, settings, approvals, contentHash } = input;
  const steps = chainOf(settings);

  const stale = approvals.filter((signature) => signature.contentHash !== contentHash);
  if (stale.length > 0) {
    return refuse(
      `The text has changed since ${names(stale.map((s) => s.personName))} signed it off, so ` +
        `${stale.length === 1 ? 'that sign-off no longer counts' : 'those sign-offs no longer count'}. ` +
        'The release has to go back to draft and be submitted again.',
    );
  }

  const next = approvals.length;
  const due = steps[next];
  if (!due) return refuse('Every sign-off this workspace asks for is already recorded.');

  if (input.step !== undefined && input.step !== next) {
    const wanted = steps[input.step];
    if (!wanted) return refuse(`This workspace's approval chain has no step ${input.step + 1}.`);
    return refuse(
      input.step < next
        ? `The ${wanted.label} sign-off has already been given.`
        : `The ${wanted.label} sign-off cannot be given yet: the ${due.label} sign-off comes first.`,
    );
  }

  if (due.role === 'writer') {
    return refuse(
      `The ${due.label} step of the approval chain asks for a writer, but writers cannot sign off. ` +
        'Change the approval chain in the workspace settings.',
    );
  }
  if (!actor.roles.includes(due.role)) {
    return refuse(
      `The ${due.label} sign-off has to come from ${anyOf([due.role])}. ${yourRoles(actor.roles)}`,
    );
  }

  if (!settings.allowSelfApproval) {
    if (includes(input.editedSinceApproval, actor.id)) {
      return refuse('You edited this release since it was last approved, so someone else must approve it.');
    }
    const earlier = approvals.find((signature) => signature.personId === actor.id);
    if (earlier) {
      return refuse(
        `You already signed this release off as ${earlier.stepLabel}, so the ${due.label} sign-off must come ` +
          'from someone else.',
      );
    }
  }

  const approval: ApprovalSignature = {
    personId: actor.id,
    personName: actor.name,
    stepIndex: next,
    stepLabel: due.label,
    at: input.at,
    contentHash,
  };
  const last = next === steps.length - 1;
  return { ok: true, to: last ? row.to : 'in-review', approval, approvals: [...approvals, approval] };
}

/**
 * Whether the signatures on record are bound to exactly the current content: at least one, given in step order,
 * and every one made over `currentHash`. Whether they complete the workspace's chain is a separate question that
 * `decide` answers, because the chain is a setting and this is about the text.
 */
export function approvalIsValid(record: readonly ApprovalSignature[], currentHash: string): boolean {
  return (
    record.length > 0 &&
    record.every((signature, index) => signature.stepIndex === index && signature.contentHash === currentHash)
  );
}

/**
 * What a save does to the workflow: if any signature was made over other content, every signature is void and a
 * release in review, approved or published goes back to draft (the lapse row of TRANSITIONS). The caller then
 * clears the stored signatures; history and the audit trail keep the old ones.
 */
export function lapseIfChanged(
  status: ReleaseStatus,
  record: ReadonlyArray<Pick<ApprovalSignature, 'contentHash'>>,
  currentHash: string,
): { status: ReleaseStatus; lapsed: boolean } {
  const row = findTransition(status, 'lapse');
  const changed = record.some((signature) => signature.contentHash !== currentHash);
  return row && changed ? { status: row.to, lapsed: true } : { status, lapsed: false };
}

/** The effective chain: the workspace's steps, or one approver sign-off when none are set. */
export function chainOf(settings: Pick<WorkflowSettings, 'approvalChain'>): readonly ApprovalStep[] {
  return settings.approvalChain.length > 0 ? settings.approvalChain : [DEFAULT_APPROVAL_STEP];
}

// --- wording --------------------------------------------------------------------------------------------------

/** What a refusal asks for when a step needs a reason and none was typed. */
const REASON_NEEDED: Record<WorkflowAction, string> = {
  submit: 'Give a reason.',
  'request-changes': 'Say what needs to change, so that the writer knows what to do.',
  approve: 'Give a reason.',
  publish: 'Give a reason.',
  withdraw: 'Say why this release is being withdrawn; the reason is kept in its audit trail.',
  reopen: 'Give a reason.',
  lapse: 'Give a reason.',
  correct: 'Write the change note: what was corrected, as readers will see it on the page.',
  'request-correction': 'Say what needs correcting, so that the writer knows what to do.',
  'request-withdrawal': 'Write the explanation readers will see on the page of the withdrawn release.',
  'confirm-withdrawal': 'Give a reason.',
  'cancel-withdrawal': 'Give a reason.',
  'publish-unchecked': 'Say why this cannot wait for a second person; the reason is kept in the audit trail.',
  'review-after-publishing': 'Give a reason.',
};

const ROLE_VERB: Record<WorkflowAction, string> = {
  submit: 'submit a release for review',
  'request-changes': 'ask for changes',
  approve: 'approve a release',
  publish: 'publish a release',
  withdraw: 'withdraw a release',
  reopen: 'reopen a release as a draft',
  lapse: 'set an approval aside',
  correct: 'correct a published release',
  'request-correction': 'ask for a correction',
  'request-withdrawal': 'ask for a published release to be withdrawn',
  'confirm-withdrawal': 'confirm a withdrawal',
  'cancel-withdrawal': 'keep a release published',
  'publish-unchecked': 'publish without a second check',
  'review-after-publishing': 'review a release after it was published',
};

const STATE_PHRASE: Record<ReleaseStatus, string> = {
  draft: 'still a draft',
  'in-review': 'in review',
  'changes-requested': 'waiting for changes',
  approved: 'approved',
  published: 'published',
  withdrawn: 'withdrawn',
};

const ACTION_VERB: Record<WorkflowAction, string> = {
  submit: 'submit',
  'request-changes': 'ask for changes to',
  approve: 'approve',
  publish: 'publish',
  withdraw: 'withdraw',
  reopen: 'reopen',
  lapse: 'set aside the approval of',
  correct: 'correct',
  'request-correction': 'ask for a correction of',
  'request-withdrawal': 'ask to withdraw',
  'confirm-withdrawal': 'confirm the withdrawal of',
  'cancel-withdrawal': 'cancel the withdrawal of',
  'publish-unchecked': 'publish without a second check',
  'review-after-publishing': 'review after publishing',
};

/** Where the action would leave the release where it already is, "already" reads better than "can't". */
const ALREADY: Partial<Record<WorkflowAction, ReleaseStatus>> = {
  submit: 'in-review',
  approve: 'approved',
  publish: 'published',
  withdraw: 'withdrawn',
  reopen: 'draft',
  'publish-unchecked': 'published',
};

function notFromHere(status: ReleaseStatus, action: WorkflowAction): string {
  if (ALREADY[action] === status) {
    return `This release is already ${status === 'draft' ? 'a draft' : STATE_PHRASE[status]}.`;
  }
  const base = `You can't ${ACTION_VERB[action]} a release that is ${STATE_PHRASE[status]}.`;
  if (action === 'lapse') return `${base} Only a release that has been signed off can lapse.`;
  if (action === 'withdraw' && status === 'published') {
    return (
      'A published release is withdrawn in two steps: ask to withdraw it, with the explanation readers will ' +
      'see, and a second person confirms.'
    );
  }
  if (
    action === 'correct' ||
    action === 'request-correction' ||
    action === 'request-withdrawal' ||
    action === 'confirm-withdrawal' ||
    action === 'cancel-withdrawal' ||
    action === 'review-after-publishing'
  ) {
    return `${base} Only a published release can be ${ACTION_DONE[action]}.`;
  }
  if (action === 'publish-unchecked') {
    return (
      'Only a release in review or approved can be published without a second check; this one is ' +
      `${STATE_PHRASE[status]}.`
    );
  }
  if (status === 'withdrawn') return `${base} Reopen it as a draft first.`;
  if (
    (action === 'approve' || action === 'request-changes') &&
    status !== 'approved' &&
    status !== 'published'
  ) {
    return `${base} It has to be submitted for review first.`;
  }
  if (action === 'publish') return `${base} It has to be approved first; you can still export it as a draft.`;
  return base;
}

const ACTION_DONE: Partial<Record<WorkflowAction, string>> = {
  correct: 'corrected',
  'request-correction': 'corrected',
  'request-withdrawal': 'withdrawn in two steps',
  'confirm-withdrawal': 'withdrawn in two steps',
  'cancel-withdrawal': 'withdrawn in two steps',
  'review-after-publishing': 'reviewed after publishing',
};

function anyOf(roles: readonly Role[]): string {
  return names(
    roles.map((role) => `${role === 'approver' ? 'an' : 'a'} ${role}`),
    'or',
  );
}

function yourRoles(roles: readonly Role[]): string {
  if (roles.length === 0) return 'You have no role in this workspace yet.';
  return roles.length === 1 ? `Your role is ${roles[0]}.` : `Your roles are ${names([...roles])}.`;
}

function names(items: readonly string[], joiner = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${joiner} ${items[items.length - 1]}`;
}

function includes(ids: ReadonlySet<string> | readonly string[], id: string): boolean {
  return Array.isArray(ids) ? (ids as readonly string[]).includes(id) : (ids as ReadonlySet<string>).has(id);
}

function refuse(reason: string): Decision {
  return { ok: false, reason };
}

/**
 * Whether a release waits for this person's next step, for the library's "Waiting for me": a sign-off they may
 * give now (their role is the step due, and four-eyes does not rule them out), changes asked of text they
 * wrote, a release published without a second check that they can review afterwards (anyone but the publisher),
 * or a withdrawal they can confirm.
 */
export function isWaitingFor(
  release: {
    status: ReleaseStatus;
    approvals: readonly ApprovalSignature[];
    editedSinceApproval: readonly string[];
    /** Issue 17: optional, so that a library index written before it still reads. */
    withdrawal?: Pick<Withdrawal, 'requestedBy' | 'confirmedAt'> | undefined;
    uncheckedPublish?: Pick<UncheckedPublish, 'by' | 'reviewedAfter'> | undefined;
  },
  person: Person,
  settings: WorkflowSettings,
): boolean {
  if (release.status === 'published') {
    const signer = person.roles.some((role) => SIGNERS.includes(role));
    if (!signer) return false;
    // Published without a second check: every reviewer and approver but the publisher, until one reviews it.
    const unchecked = release.uncheckedPublish;
    // (Four-eyes as for a sign-off: not whoever edited the text either, unless the workspace allows it.)
    if (
      unchecked &&
      !unchecked.reviewedAfter &&
      unchecked.by.id !== person.id &&
      (settings.allowSelfApproval || !release.editedSinceApproval.includes(person.id))
    ) {
      return true;
    }
    // A withdrawal asked for: whoever may confirm it.
    const withdrawal = release.withdrawal;
    return (
      !!withdrawal &&
      withdrawal.confirmedAt === null &&
      (settings.allowSelfApproval || withdrawal.requestedBy.id !== person.id)
    );
  }
  if (release.status === 'changes-requested') {
    return person.roles.includes('writer') && release.editedSinceApproval.includes(person.id);
  }
  if (release.status !== 'in-review') return false;
  const due = chainOf(settings)[release.approvals.length];
  if (!due || !person.roles.includes(due.role)) return false;
  if (settings.allowSelfApproval) return true;
  return (
    !release.editedSinceApproval.includes(person.id) &&
    !release.approvals.some((signature) => signature.personId === person.id)
  );
}

/**
 * Decisions taken at the same time on two computers over the same text (issue 12, item 4): withdraw on one and
 * request changes on the other, two sign-offs of one step, approve on one while the other reopens. A sync engine
 * delivers both; neither may vanish silently, and both computers must reach the same answer without talking. The
 * rule: the decision that holds the release back stands, in this order (first wins). The other decision stays in
 * History and the audit trail, and the release says which rule applied.
 *
 * Approve against an edit is not settled here: the texts differ, so the release shows two versions and a sign-off
 * never carries over onto text it was not given for (lapseIfChanged).
 */
export const CONCURRENT_DECISION_PRECEDENCE: readonly ReleaseStatus[] = [
  'withdrawn',
  'changes-requested',
  'draft',
  'in-review',
  'approved',
  'published',
];

export interface ConcurrentDecision {
  status: ReleaseStatus;
  approvals: readonly ApprovalSignature[];
  /** Who took the decision, as people see it ("Ana on PRESS-PC1"). */
  by: string;
  /** A stable tie-break both computers share (the revision id). */
  key: string;
}

/** Which concurrent decision stands, and the sentence that tells both people why. */
export function settleConcurrentDecisions<T extends ConcurrentDecision>(
  decisions: readonly T[],
): { stands: T; others: T[]; rule: string } {
  const rank = (status: ReleaseStatus) => CONCURRENT_DECISION_PRECEDENCE.indexOf(status);
  const sorted = [...decisions].sort(
    (a, b) =>
      rank(a.status) - rank(b.status) ||
      // Same decision (two sign-offs of one step): the record with fewer signatures is the cautious one.
      a.approvals.length - b.approvals.length ||
      a.key.localeCompare(b.key),
  );
  const stands = sorted[0]!;
  const others = sorted.slice(1);
  const label = (d: T) => `${RELEASE_STATUS_LABELS_FOR_RULE[d.status]} (${d.by})`;
  const rule = others.every((other) => other.status === stands.status)
    ? `Two decisions were taken on this text at the same time: ${[stands, ...others].map(label).join(' and ')}. ` +
      'The one recorded first in this order stands; the other is kept in History and the audit trail.'
    : `Two decisions were taken on this text at the same time: ${[stands, ...others].map(label).join(' and ')}. ` +
      `${RELEASE_STATUS_LABELS_FOR_RULE[stands.status]} stands, because the decision that holds a release back wins; the other is kept in History and the audit trail.`;
  return { stands, others, rule };
}

const RELEASE_STATUS_LABELS_FOR_RULE: Record<ReleaseStatus, string> = {
  draft: 'Reopened as draft',
  'in-review': 'In review',
  'changes-requested': 'Changes requested',
  approved: 'Approved',
  published: 'Published',
  withdrawn: 'Withdrawn',
};
