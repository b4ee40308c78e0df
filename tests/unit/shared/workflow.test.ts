import { describe, expect, it } from 'vitest';
import { RELEASE_STATUSES, type ReleaseStatus } from '../../../src-shared/release/schema';
import {
  ApprovalSignatureSchema,
  ApprovalStepSchema,
  approvalIsValid,
  decide,
  isWaitingFor,
  lapseIfChanged,
  ROLES,
  TRANSITIONS,
  WORKFLOW_ACTIONS,
  type ApprovalSignature,
  type DecideInput,
  type Person,
  type Role,
  type WorkflowAction,
  type WorkflowSettings,
} from '../../../src-shared/workflow/workflow';

const H1 = 'a'.repeat(64);
const H2 = 'b'.repeat(64);
const AT = '2024-07-18T09:30:00.000Z';

const person = (id: string, ...roles: Role[]): Person => ({ id, name: `Person ${id}`, roles });
const signature = (
  personId: string,
  stepIndex: number,
  contentHash = H1,
  stepLabel = 'Approval',
): ApprovalSignature => ({
  personId,
  personName: `Person ${personId}`,
  stepIndex,
  stepLabel,
  at: AT,
  contentHash,
});

const NO_CHAIN: WorkflowSettings = { allowSelfApproval: false, approvalChain: [] };
const LEGAL_THEN_DIRECTOR: WorkflowSettings = {
  allowSelfApproval: false,
  approvalChain: [
    { label: 'Legal', role: 'reviewer' },
    { label: 'Director', role: 'approver' },
  ],
};

function input(
  overrides: Partial<DecideInput> & Pick<DecideInput, 'status' | 'action' | 'actor'>,
): DecideInput {
  return {
    settings: NO_CHAIN,
    approvals: [],
    editedSinceApproval: [],
    contentHash: H1,
    reason: '',
    at: AT,
    ...overrides,
  };
}

/**
 * Every (state, action, role) cell, written out by hand: the state the release moves to when a person holding
 * only that role takes the action, or "-" when it is refused. Settings: no chain (one approver signs), four-eyes
 * on, the person has not edited the text, a reason is given. A release that is approved or published carries a
 * valid approval; "lapse" is tried with a signature over other content, as it would be after an edit.
 */
const CELLS = `
  state              action            writer             reviewer           approver
  draft              submit            in-review          -                  -
  draft              request-changes   -                  -                  -
  draft              approve           -                  -                  -
  draft              publish           -                  -                  -
  draft              withdraw          withdrawn          -                  withdrawn
  draft              reopen            -                  -                  -
  draft              lapse             -                  -                  -
  in-review          submit            -                  -                  -
  in-review          request-changes   -                  changes-requested  changes-requested
  in-review          approve           -                  -                  approved
  in-review          publish           -                  -                  -
  in-review          withdraw          withdrawn          -                  withdrawn
  in-review          reopen            -                  -                  -
  in-review          lapse             draft              draft              draft
  changes-requested  submit            in-review          -                  -
  changes-requested  request-changes   -                  -                  -
  changes-requested  approve           -                  -                  -
  changes-requested  publish           -                  -                  -
  changes-requested  withdraw          withdrawn          -                  withdrawn
  changes-requested  reopen            draft              -                  draft
  changes-requested  lapse             -                  -                  -
  approved           submit            -                  -                  -
  approved           request-changes   -                  changes-requested  changes-requested
  approved           approve           -                  -                  -
  approved           publish           published          -                  published
  approved           withdraw          withdrawn          -                  withdrawn
  approved           reopen            -                  -                  -
  approved           lapse             draft              draft              draft
  published          submit            -                  -                  -
  published          request-changes   -                  -                  -
  published          approve           -                  -                  -
  published          publish           -                  -                  -
  published          withdraw          -                  -                  -
  published          reopen            -                  -                  -
  published          lapse             draft              draft              draft
  withdrawn          submit            -                  -                  -
  withdrawn          request-changes   -                  -                  -
  withdrawn          approve           -                  -                  -
  withdrawn          publish           -                  -                  -
  withdrawn          withdraw          -                  -                  -
  withdrawn          reopen            draft              -                  draft
  withdrawn          lapse             -                  -                  -
  draft              correct                  -                  -                  -
  draft              request-withdrawal       -                  -                  -
  draft              confirm-withdrawal       -                  -                  -
  draft              cancel-withdrawal        -                  -                  -
  draft              publish-unchecked        -                  -                  -
  draft              review-after-publishing  -                  -                  -
  draft              request-correction       -                  -                  -
  in-review          correct                  -                  -                  -
  in-review          request-withdrawal       -                  -                  -
  in-review          confirm-withdrawal       -                  -                  -
  in-review          cancel-withdrawal        -                  -                  -
  in-review          publish-unchecked        -                  -                  published
  in-review          review-after-publishing  -                  -                  -
  in-review          request-correction       -                  -                  -
  changes-requested  correct                  -                  -                  -
  changes-requested  request-withdrawal       -                  -                  -
  changes-requested  confirm-withdrawal       -                  -                  -
  changes-requested  cancel-withdrawal        -                  -                  -
  changes-requested  publish-unchecked        -                  -                  -
  changes-requested  review-after-publishing  -                  -                  -
  changes-requested  request-correction       -                  -                  -
  approved           correct                  -                  -                  -
  approved           request-withdrawal       -                  -                  -
  approved           confirm-withdrawal       -                  -                  -
  approved           cancel-withdrawal        -                  -                  -
  approved           publish-unchecked        -                  -                  published
  approved           review-after-publishing  -                  -                  -
  approved           request-correction       -                  -                  -
  published          correct                  draft              -                  draft
  published          request-withdrawal       published          -                  published
  published          confirm-withdrawal       -                  withdrawn          withdrawn
  published          cancel-withdrawal        published          published          published
  published          publish-unchecked        -                  -                  -
  published          review-after-publishing  -                  published          published
  published          request-correction       -                  published          published
  withdrawn          correct                  -                  -                  -
  withdrawn          request-withdrawal       -                  -                  -
  withdrawn          confirm-withdrawal       -                  -                  -
  withdrawn          cancel-withdrawal        -                  -                  -
  withdrawn          publish-unchecked        -                  -                  -
  withdrawn          review-after-publishing  -                  -                  -
  withdrawn          request-correction       -                  -                  -
`;

const rows = CELLS.trim()
  .split('\n')
  .slice(1)
  .map((line) => line.trim().split(/\s+/));
const cells = rows.flatMap(([state, action, ...outcomes]) =>
  ROLES.map((role, i) => ({
    state: state as ReleaseStatus,
    action: action as WorkflowAction,
    role,
    expected: outcomes[i] === '-' ? null : (outcomes[i] as ReleaseStatus),
  })),
);

function cellInput(state: ReleaseStatus, action: WorkflowAction, role: Role): DecideInput {
  const approvals =
    action === 'lapse'
      ? [signature('someone-else', 0, H2)]
      : state === 'approved' || state === 'published'
        ? [signature('someone-else', 0, H1)]
        : [];
  return input({
    status: state,
    action,
    actor: person(`only-${role}`, role),
    approvals,
    reason: 'Because of the headline.',
    // Issue 17's steps are tried where they make sense: a withdrawal asked for, and a publication without a
    // second check, each by someone else.
    withdrawal:
      action === 'confirm-withdrawal' || action === 'cancel-withdrawal'
        ? { requestedBy: { id: 'someone-else', name: 'Someone else' }, confirmedAt: null }
        : null,
    uncheckedPublish:
      action === 'review-after-publishing'
        ? { by: { id: 'someone-else', name: 'Someone else' }, reviewedAfter: null }
        : null,
  });
}

/** A refusal is a sentence for a person: capital letter, full stop, no code words leaking through. */
function expectReadable(reason: string): void {
  expect(reason).toMatch(/^[A-Z"].*[.!?]$/s);
  expect(reason).not.toMatch(/undefined|null|NaN|\[object/);
  expect(reason.length).toBeLessThan(300);
}

describe('the (state, action, role) table', () => {
  it('covers every cell exactly once', () => {
    expect(cells).toHaveLength(RELEASE_STATUSES.length * WORKFLOW_ACTIONS.length * ROLES.length);
    expect(cells).toHaveLength(252);
    const keys = new Set(cells.map((c) => `${c.state}/${c.action}/${c.role}`));
    expect(keys.size).toBe(252);
    for (const c of cells) {
      expect(RELEASE_STATUSES).toContain(c.state);
      expect(WORKFLOW_ACTIONS).toContain(c.action);
    }
  });

  it.each(cells)('$state + $action by a $role → $expected', ({ state, action, role, expected }) => {
    const decision = decide(cellInput(state, action, role));
    if (expected === null) {
      expect(decision.ok).toBe(false);
      if (!decision.ok) expectReadable(decision.reason);
    } else {
      expect(decision).toMatchObject({ ok: true, to: expected });
    }
  });
});

describe('the TRANSITIONS table', () => {
  it('has one row per (state, action) and only known states and actions', () => {
    const keys = TRANSITIONS.map((row) => `${row.from}/${row.action}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const row of TRANSITIONS) {
      expect(RELEASE_STATUSES).toContain(row.from);
      expect(RELEASE_STATUSES).toContain(row.to);
      expect(row.roles.length).toBeGreaterThan(0);
    }
  });

  it('asks for a reason exactly on the steps that tell someone why (issue 17 adds four)', () => {
    const withReason: readonly WorkflowAction[] = [
      'request-changes',
      'withdraw',
      'correct',
      'request-correction',
      'request-withdrawal',
      'publish-unchecked',
    ];
    for (const row of TRANSITIONS) {
      expect(row.needsReason, `${row.from}/${row.action}`).toBe(withReason.includes(row.action));
    }
  });
});

describe('reasons', () => {
  it.each([
    [
      'in-review',
      'request-changes',
      'reviewer',
      'Say what needs to change, so that the writer knows what to do.',
    ],
    [
      'approved',
      'request-changes',
      'approver',
      'Say what needs to change, so that the writer knows what to do.',
    ],
    [
      'draft',
      'withdraw',
      'writer',
      'Say why this release is being withdrawn; the reason is kept in its audit trail.',
    ],
    [
      'published',
      'request-withdrawal',
      'approver',
      'Write the explanation readers will see on the page of the withdrawn release.',
    ],
    [
      'published',
      'correct',
      'writer',
      'Write the change note: what was corrected, as readers will see it on the page.',
    ],
    [
      'in-review',
      'publish-unchecked',
      'approver',
      'Say why this cannot wait for a second person; the reason is kept in the audit trail.',
    ],
  ] as const)('%s + %s by a %s needs one', (status, action, role, message) => {
    const approvals = status === 'approved' || status === 'published' ? [signature('x', 0)] : [];
    for (const reason of [undefined, '', '   \n\t']) {
      expect(decide(input({ status, action, actor: person('p', role), approvals, reason }))).toEqual({
        ok: false,
        reason: message,
      });
    }
    expect(
      decide(input({ status, action, actor: person('p', role), approvals, reason: 'The date is wrong.' })).ok,
    ).toBe(true);
  });

  it('is not needed for the other actions', () => {
    expect(
      decide(input({ status: 'draft', action: 'submit', actor: person('w', 'writer'), reason: undefined }))
        .ok,
    ).toBe(true);
    expect(
      decide(
        input({ status: 'in-review', action: 'approve', actor: person('a', 'approver'), reason: undefined }),
      ).ok,
    ).toBe(true);
  });
});

describe('four-eyes', () => {
  const approver = person('amy', 'writer', 'approver');

  it('refuses an approval from someone who edited the text since the last approval', () => {
    for (const edited of [['amy'], new Set(['bob', 'amy'])]) {
      expect(
        decide(
          input({ status: 'in-review', action: 'approve', actor: approver, editedSinceApproval: edited }),
        ),
      ).toEqual({
        ok: false,
        reason: 'You edited this release since it was last approved, so someone else must approve it.',
      });
    }
  });

  it('lets someone who did not edit it approve, and records who, when and what', () => {
    const decision = decide(
      input({
        status: 'in-review',
        action: 'approve',
        actor: approver,
        editedSinceApproval: new Set(['bob']),
      }),
    );
    const expected = {
      personId: 'amy',
      personName: 'Person amy',
      stepIndex: 0,
      stepLabel: 'Approval',
      at: AT,
      contentHash: H1,
    };
    expect(decision).toEqual({ ok: true, to: 'approved', approval: expected, approvals: [expected] });
    expect(ApprovalSignatureSchema.parse(expected)).toEqual(expected);
  });

  it('lets the writer approve their own text when the workspace allows it', () => {
    const decision = decide(
      input({
        status: 'in-review',
        action: 'approve',
        actor: approver,
        editedSinceApproval: ['amy'],
        settings: { ...NO_CHAIN, allowSelfApproval: true },
      }),
    );
    expect(decision).toMatchObject({ ok: true, to: 'approved', approval: { personId: 'amy' } });
  });

  it('does not let self-approval stand in for a missing role', () => {
    const decision = decide(
      input({
        status: 'in-review',
        action: 'approve',
        actor: person('wes', 'writer'),
        settings: { ...NO_CHAIN, allowSelfApproval: true },
      }),
    );
    expect(decision).toEqual({
      ok: false,
      reason: 'Only a reviewer or an approver can approve a release. Your role is writer.',
    });
  });
});

describe('an approval chain', () => {
  const legal = person('lee', 'reviewer');
  const director = person('dee', 'approver');

  it('is signed in order, and the release is approved only when the last step signs', () => {
    const first = decide(
      input({ status: 'in-review', action: 'approve', actor: legal, settings: LEGAL_THEN_DIRECTOR }),
    );
    expect(first).toMatchObject({
      ok: true,
      to: 'in-review',
      approval: { personId: 'lee', stepIndex: 0, stepLabel: 'Legal', contentHash: H1 },
    });
    if (!first.ok) return;
    expect(first.approvals).toHaveLength(1);

    const second = decide(
      input({
        status: first.to,
        action: 'approve',
        actor: director,
        settings: LEGAL_THEN_DIRECTOR,
        approvals: first.approvals,
        at: '2024-07-18T10:00:00.000Z',
      }),
    );
    expect(second).toMatchObject({
      ok: true,
      to: 'approved',
      approval: {
        personId: 'dee',
        stepIndex: 1,
        stepLabel: 'Director',
        at: '2024-07-18T10:00:00.000Z',
        contentHash: H1,
      },
    });
    if (!second.ok) return;
    expect(second.approvals.map((s) => s.personId)).toEqual(['lee', 'dee']);
    expect(approvalIsValid(second.approvals, H1)).toBe(true);
    expect(
      decide(
        input({
          status: 'approved',
          action: 'publish',
          actor: person('w', 'writer'),
          settings: LEGAL_THEN_DIRECTOR,
          approvals: second.approvals,
        }),
      ),
    ).toMatchObject({ ok: true, to: 'published' });
  });

  it('refuses a step out of order', () => {
    expect(
      decide(
        input({ status: 'in-review', action: 'approve', actor: director, settings: LEGAL_THEN_DIRECTOR }),
      ),
    ).toEqual({
      ok: false,
      reason: 'The Legal sign-off has to come from a reviewer. Your role is approver.',
    });
    expect(
      decide(
        input({
          status: 'in-review',
          action: 'approve',
          actor: director,
          settings: LEGAL_THEN_DIRECTOR,
          step: 1,
        }),
      ),
    ).toEqual({
      ok: false,
      reason: 'The Director sign-off cannot be given yet: the Legal sign-off comes first.',
    });
    expect(
      decide(
        input({
          status: 'in-review',
          action: 'approve',
          actor: person('lou', 'reviewer'),
          settings: LEGAL_THEN_DIRECTOR,
          approvals: [signature('lee', 0, H1, 'Legal')],
          step: 0,
        }),
      ),
    ).toEqual({ ok: false, reason: 'The Legal sign-off has already been given.' });
    expect(
      decide(
        input({
          status: 'in-review',
          action: 'approve',
          actor: legal,
          settings: LEGAL_THEN_DIRECTOR,
          step: 5,
        }),
      ),
    ).toEqual({ ok: false, reason: "This workspace's approval chain has no step 6." });
  });

  it('accepts the step named explicitly when it is the one due', () => {
    expect(
      decide(
        input({
          status: 'in-review',
          action: 'approve',
          actor: legal,
          settings: LEGAL_THEN_DIRECTOR,
          step: 0,
        }),
      ),
    ).toMatchObject({
      ok: true,
      to: 'in-review',
    });
  });

  it('refuses the same person signing two steps, unless self-approval is allowed', () => {
    const both = person('bo', 'reviewer', 'approver');
    const approvals = [signature('bo', 0, H1, 'Legal')];
    expect(
      decide(
        input({
          status: 'in-review',
          action: 'approve',
          actor: both,
          settings: LEGAL_THEN_DIRECTOR,
          approvals,
        }),
      ),
    ).toEqual({
      ok: false,
      reason:
        'You already signed this release off as Legal, so the Director sign-off must come from someone else.',
    });
    expect(
      decide(
        input({
          status: 'in-review',
          action: 'approve',
          actor: both,
          settings: { ...LEGAL_THEN_DIRECTOR, allowSelfApproval: true },
          approvals,
        }),
      ),
    ).toMatchObject({ ok: true, to: 'approved' });
  });

  it('keeps the four-eyes rule on every step', () => {
    expect(
      decide(
        input({
          status: 'in-review',
          action: 'approve',
          actor: legal,
          settings: LEGAL_THEN_DIRECTOR,
          editedSinceApproval: ['lee'],
        }),
      ),
    ).toEqual({
      ok: false,
      reason: 'You edited this release since it was last approved, so someone else must approve it.',
    });
  });

  it('does not publish on an incomplete chain', () => {
    expect(
      decide(
        input({
          status: 'approved',
          action: 'publish',
          actor: person('w', 'writer'),
          settings: LEGAL_THEN_DIRECTOR,
          approvals: [signature('lee', 0, H1, 'Legal')],
        }),
      ),
    ).toEqual({
      ok: false,
      reason:
        'This release has no complete approval on record, so it cannot be published. You can still export it as a draft.',
    });
  });

  it('refuses a writer step, in the settings schema and in decide', () => {
    expect(ApprovalStepSchema.safeParse({ label: 'Press officer', role: 'writer' }).success).toBe(false);
    expect(ApprovalStepSchema.safeParse({ label: 'Legal', role: 'reviewer' }).success).toBe(true);
    expect(
      decide(
        input({
          status: 'in-review',
          action: 'approve',
          actor: person('w', 'writer', 'reviewer'),
          settings: { allowSelfApproval: false, approvalChain: [{ label: 'Press officer', role: 'writer' }] },
        }),
      ),
    ).toEqual({
      ok: false,
      reason:
        'The Press officer step of the approval chain asks for a writer, but writers cannot sign off. Change the approval chain in the workspace settings.',
    });
  });

  it('says so when every step has signed already', () => {
    expect(
      decide(
        input({ status: 'in-review', action: 'approve', actor: director, approvals: [signature('x', 0)] }),
      ),
    ).toEqual({ ok: false, reason: 'Every sign-off this workspace asks for is already recorded.' });
  });
});

describe('approvals bound to the content hash', () => {
  const stale = [signature('lee', 0, H1, 'Legal')];

  it('voids signatures over other content: no further sign-off on top of them', () => {
    expect(
      decide(
        input({
          status: 'in-review',
          action: 'approve',
          actor: person('dee', 'approver'),
          settings: LEGAL_THEN_DIRECTOR,
          approvals: stale,
          contentHash: H2,
        }),
      ),
    ).toEqual({
      ok: false,
      reason:
        'The text has changed since Person lee signed it off, so that sign-off no longer counts. The release has to go back to draft and be submitted again.',
    });
  });

  it('refuses to publish text that changed after approval', () => {
    expect(
      decide(
        input({
          status: 'approved',
          action: 'publish',
          actor: person('w', 'writer'),
          approvals: [signature('a', 0, H1)],
          contentHash: H2,
        }),
      ),
    ).toEqual({
      ok: false,
      reason:
        'The text has changed since it was approved, so it has to be approved again before it is published.',
    });
  });

  it('lapses back to draft and clears the signatures', () => {
    expect(
      decide(
        input({
          status: 'approved',
          action: 'lapse',
          actor: person('w', 'writer'),
          approvals: [signature('a', 0, H1)],
          contentHash: H2,
        }),
      ),
    ).toEqual({
      ok: true,
      to: 'draft',
      approvals: [],
    });
    expect(
      decide(
        input({
          status: 'approved',
          action: 'lapse',
          actor: person('w', 'writer'),
          approvals: [signature('a', 0, H1)],
          contentHash: H1,
        }),
      ),
    ).toEqual({
      ok: false,
      reason: 'The text has not changed since it was signed off, so the approval still stands.',
    });
  });

  it('lapseIfChanged: approved, published and a part-signed review go back to draft; nothing else moves', () => {
    const record = [signature('a', 0, H1)];
    expect(lapseIfChanged('approved', record, H2)).toEqual({ status: 'draft', lapsed: true });
    expect(lapseIfChanged('published', record, H2)).toEqual({ status: 'draft', lapsed: true });
    expect(lapseIfChanged('in-review', record, H2)).toEqual({ status: 'draft', lapsed: true });
    expect(lapseIfChanged('approved', record, H1)).toEqual({ status: 'approved', lapsed: false });
    expect(lapseIfChanged('in-review', [], H2)).toEqual({ status: 'in-review', lapsed: false });
    expect(lapseIfChanged('withdrawn', record, H2)).toEqual({ status: 'withdrawn', lapsed: false });
    expect(lapseIfChanged('draft', record, H2)).toEqual({ status: 'draft', lapsed: false });
    expect(lapseIfChanged('changes-requested', record, H2)).toEqual({
      status: 'changes-requested',
      lapsed: false,
    });
  });

  it('approvalIsValid: at least one signature, in step order, all over the current content', () => {
    expect(approvalIsValid([], H1)).toBe(false);
    expect(approvalIsValid([signature('a', 0)], H1)).toBe(true);
    expect(approvalIsValid([signature('a', 0)], H2)).toBe(false);
    expect(approvalIsValid([signature('a', 0), signature('b', 1, H2)], H1)).toBe(false);
    expect(approvalIsValid([signature('a', 1), signature('b', 0)], H1)).toBe(false);
  });

  it('starts the sign-offs again on every other move', () => {
    const approvals = [signature('a', 0)];
    for (const [status, action, role] of [
      ['approved', 'request-changes', 'reviewer'],
      ['approved', 'withdraw', 'writer'],
      ['withdrawn', 'reopen', 'writer'],
      ['changes-requested', 'submit', 'writer'],
    ] as const) {
      expect(
        decide(input({ status, action, actor: person('p', role), approvals, reason: 'Why not.' })),
      ).toMatchObject({ ok: true, approvals: [] });
    }
    expect(
      decide(input({ status: 'approved', action: 'publish', actor: person('p', 'writer'), approvals })),
    ).toEqual({ ok: true, to: 'published', approvals });
  });
});

describe('refusals read as sentences', () => {
  it('for every combination of state, action, role set and record', () => {
    const roleSets: Role[][] = [
      [],
      ['writer'],
      ['reviewer'],
      ['approver'],
      ['writer', 'reviewer', 'approver'],
    ];
    const records = [[], [signature('x', 0, H1)], [signature('x', 0, H2)]];
    let refusals = 0;
    for (const status of RELEASE_STATUSES) {
      for (const action of WORKFLOW_ACTIONS) {
        for (const roles of roleSets) {
          for (const approvals of records) {
            for (const settings of [NO_CHAIN, LEGAL_THEN_DIRECTOR]) {
              const decision = decide(
                input({
                  status,
                  action,
                  actor: { id: 'x', name: 'X', roles },
                  approvals,
                  settings,
                  editedSinceApproval: ['x'],
                }),
              );
              if (!decision.ok) {
                refusals++;
                expectReadable(decision.reason);
              }
            }
          }
        }
      }
    }
    expect(refusals).toBeGreaterThan(500);
  });

  it.each([
    [
      'draft',
      'approve',
      'approver',
      "You can't approve a release that is still a draft. It has to be submitted for review first.",
    ],
    ['in-review', 'submit', 'writer', 'This release is already in review.'],
    ['approved', 'approve', 'approver', 'This release is already approved.'],
    [
      'draft',
      'publish',
      'writer',
      "You can't publish a release that is still a draft. It has to be approved first; you can still export it as a draft.",
    ],
    [
      'withdrawn',
      'submit',
      'writer',
      "You can't submit a release that is withdrawn. Reopen it as a draft first.",
    ],
    ['draft', 'reopen', 'writer', 'This release is already a draft.'],
    [
      'draft',
      'lapse',
      'writer',
      "You can't set aside the approval of a release that is still a draft. Only a release that has been signed off can lapse.",
    ],
    ['in-review', 'submit', 'reviewer', 'This release is already in review.'],
    ['draft', 'submit', 'reviewer', 'Only a writer can submit a release for review. Your role is reviewer.'],
    [
      'in-review',
      'request-changes',
      'writer',
      'Only a reviewer or an approver can ask for changes. Your role is writer.',
    ],
  ] as const)('%s + %s by a %s', (status, action, role, message) => {
    expect(decide(input({ status, action, actor: person('p', role), reason: 'Reason.' }))).toEqual({
      ok: false,
      reason: message,
    });
  });

  it('tells someone with no role what is missing', () => {
    expect(decide(input({ status: 'draft', action: 'submit', actor: person('n') }))).toEqual({
      ok: false,
      reason: 'Only a writer can submit a release for review. You have no role in this workspace yet.',
    });
    expect(
      decide(input({ status: 'draft', action: 'submit', actor: person('n', 'reviewer', 'approver') })),
    ).toEqual({
      ok: false,
      reason: 'Only a writer can submit a release for review. Your roles are reviewer and approver.',
    });
  });

  it('refuses unknown states and actions arriving unparsed', () => {
    const odd = decide(
      input({ status: 'lost' as ReleaseStatus, action: 'submit', actor: person('w', 'writer') }),
    );
    expect(odd).toEqual({ ok: false, reason: '"lost" is not a release status.' });
    const action = decide(
      input({ status: 'draft', action: 'delete' as WorkflowAction, actor: person('w', 'writer') }),
    );
    expect(action).toEqual({ ok: false, reason: '"delete" is not a workflow action.' });
  });
});

describe('isWaitingFor: the library\'s "Waiting for me"', () => {
  const writer = { id: 'w', name: 'W', roles: ['writer'] as Role[] };
  const reviewer = { id: 'r', name: 'R', roles: ['reviewer'] as Role[] };
  const approver = { id: 'a', name: 'A', roles: ['approver'] as Role[] };
  const chain = {
    allowSelfApproval: false,
    approvalChain: [
      { label: 'Legal', role: 'reviewer' as const },
      { label: 'Director', role: 'approver' as const },
    ],
  };
  const signed = (personId: string) => ({
    personId,
    personName: personId,
    stepIndex: 0,
    stepLabel: 'Legal',
    at: '2026-01-01T00:00:00.000Z',
    contentHash: 'a'.repeat(64),
  });
  it.each([
    [
      'reviewer, legal step due',
      { status: 'in-review', approvals: [], editedSinceApproval: ['w'] },
      reviewer,
      true,
    ],
    [
      'approver, legal step due',
      { status: 'in-review', approvals: [], editedSinceApproval: ['w'] },
      approver,
      false,
    ],
    [
      'approver, director step due',
      { status: 'in-review', approvals: [signed('r')], editedSinceApproval: ['w'] },
      approver,
      true,
    ],
    [
      'reviewer who edited it',
      { status: 'in-review', approvals: [], editedSinceApproval: ['r'] },
      reviewer,
      false,
    ],
    [
      'writer, changes asked of their text',
      { status: 'changes-requested', approvals: [], editedSinceApproval: ['w'] },
      writer,
      true,
    ],
    [
      "writer, someone else's text",
      { status: 'changes-requested', approvals: [], editedSinceApproval: ['x'] },
      writer,
      false,
    ],
    ['reviewer, a draft', { status: 'draft', approvals: [], editedSinceApproval: [] }, reviewer, false],
    ['reviewer, approved', { status: 'approved', approvals: [], editedSinceApproval: [] }, reviewer, false],
  ] as const)('%s', (_label, release, person, expected) => {
    expect(
      isWaitingFor(
        {
          ...release,
          approvals: [...release.approvals],
          editedSinceApproval: [...release.editedSinceApproval],
        },
        person,
        chain,
      ),
    ).toBe(expected);
  });
});
