import { z } from 'zod';
import type { Finding } from '../checks/editorial-checks';
import { ContentHashSchema, type Person, type Role } from './people';

/**
 * A decision to publish a text although it names a protected person (or one of their identifying details): the
 * only way past the protected-person guard, which otherwise refuses a sign-off and a final export on the main
 * side (src-main/services/privacy-guard.ts), whoever asks and from wherever (app, browser host, CLI).
 *
 * Rules, pure and kept here beside the workflow's:
 *  - A decision is made by a second person: a reviewer or approver who did not edit the text since it was last
 *    approved. It never counts for the person who made it: they cannot then sign the text off or export it
 *    themselves, so at least two people stand behind every publication of a protected name.
 *  - It is bound to this release, to the content hash of exactly the text decided on, and to the findings it
 *    covers (as `findingKey` writes them). A change to the text makes it lapse (the service drops it on the next
 *    save and says so in the audit trail); a finding it did not cover (a new form found, the profile's name
 *    changed, another release now in "Latest news") is refused again.
 *  - It always has a written reason, which goes into the audit trail with who, when and the hash.
 *
 * Identities are self-declared (see workflow.ts): like the four-eyes rule this stops honest mistakes and leaves a
 * record, it is not access control. The workspace's "allow self-approval" setting does not relax it.
 */

export const PrivacyDecisionSchema = z.object({
  /** The release decided on: a copy of the release does not inherit the decision. */
  releaseId: z.string().min(1).max(64),
  personId: z.string().min(1).max(100),
  personName: z.string().trim().min(1).max(200),
  at: z.iso.datetime(),
  contentHash: ContentHashSchema,
  reason: z.string().trim().min(1, 'Give a reason').max(5000),
  /** `findingKey` of every protected-person finding the person saw and decided on. */
  covers: z.array(z.string().max(2000)).max(2000),
});
export type PrivacyDecision = z.infer<typeof PrivacyDecisionSchema>;

/** The guard's rules: `protected-person`, `protected-person.identifier`, and any later `protected-person.*`. */
export function isProtectedPersonFinding(finding: Pick<Finding, 'rule' | 'severity'>): boolean {
  return (
    finding.severity === 'error' &&
    (finding.rule === 'protected-person' || finding.rule.startsWith('protected-person.'))
  );
}

/** What a decision records of a finding: rule, place and sentence (which names the form and the person). */
export function findingKey(finding: Pick<Finding, 'rule' | 'field' | 'message'>): string {
  return `${finding.rule}@${finding.field}: ${finding.message}`;
}

export type PrivacyStep = 'approve' | 'publish' | 'export-final' | 'export-draft';

const STEP_PHRASE: Record<PrivacyStep, string> = {
  approve: 'This release cannot be signed off',
  publish: 'This release cannot be published',
  'export-final': 'This release cannot be exported as final',
  'export-draft': 'This export cannot be made',
};

export type PrivacyClearance =
  | {
      ok: true;
      /** The decision that lets it through; null when there was nothing to decide. */
      decision: PrivacyDecision | null;
    }
  | {
      ok: false;
      /** Plain words for the person: what was found, and the way past. */
      reason: string;
      /** The protected-person findings nobody has decided on for this person. */
      findings: Finding[];
    };

const DECIDERS: readonly Role[] = ['reviewer', 'approver'];

/**
 * Whether `actor` may take `step` on a text with these findings: yes when it names no protected person, or when a
 * decision by someone else, over exactly this text, covers every protected-person finding.
 */
export function privacyClearance(input: {
  releaseId: string;
  findings: readonly Finding[];
  decisions: readonly PrivacyDecision[] | undefined;
  contentHash: string;
  actor: Pick<Person, 'id'>;
  editedSinceApproval: readonly string[];
  step: PrivacyStep;
}): PrivacyClearance {
  const found = input.findings.filter(isProtectedPersonFinding);
  if (found.length === 0) return { ok: true, decision: null };
  const keys = found.map(findingKey);
  const onThisText = (input.decisions ?? []).filter(
    (d) => d.releaseId === input.releaseId && d.contentHash === input.contentHash,
  );
  const counts = (d: PrivacyDecision) =>
    d.personId !== input.actor.id &&
    !input.editedSinceApproval.includes(d.personId) &&
    keys.every((key) => d.covers.includes(key));
  const decision = onThisText.find(counts);
  if (decision) return { ok: true, decision };

  const notes: string[] = [];
  for (const d of onThisText) {
    if (d.personId === input.actor.id) {
      notes.push(
        `Your own decision to publish anyway does not count for you: someone other than you has to take this step.`,
      );
    } else if (input.editedSinceApproval.includes(d.personId)) {
      notes.push(
        `${d.personName}'s decision does not count: ${d.personName} edited the text since it was approved.`,
      );
    } else {
      const missing = found.filter((f) => !d.covers.includes(findingKey(f)));
      notes.push(
        `${d.personName}'s decision to publish anyway does not cover ${listOf(missing.map((f) => f.message))}.`,
      );
    }
  }
  const reason =
    `${STEP_PHRASE[input.step]}: it names a protected person. ${listOf(found.map((f) => f.message))}. ` +
    `Take ${found.length === 1 ? 'it' : 'them'} out, or a second person (a reviewer or approver who did not edit ` +
    'the text since it was last approved, and not the person taking this step) can record a decision to ' +
    `publish anyway, with a reason.${notes.length > 0 ? ` ${[...new Set(notes)].join(' ')}` : ''}`;
  return { ok: false, reason, findings: found };
}

/** Whether `actor` may record a decision over a text with these findings; the reason is checked too. */
export function mayRecordPrivacyDecision(input: {
  actor: Person;
  findings: readonly Finding[];
  editedSinceApproval: readonly string[];
  reason?: string;
}): { ok: true } | { ok: false; reason: string } {
  if (!input.actor.roles.some((role) => DECIDERS.includes(role))) {
    return {
      ok: false,
      reason: "Only a reviewer or an approver can decide to publish a protected person's name anyway.",
    };
  }
  if (input.editedSinceApproval.includes(input.actor.id)) {
    return {
      ok: false,
      reason:
        'You edited this text since it was last approved, so the decision to publish it anyway must come from ' +
        'someone else.',
    };
  }
  if (!input.findings.some(isProtectedPersonFinding)) {
    return { ok: false, reason: 'This text names no protected person: there is nothing to decide.' };
  }
  if (input.reason !== undefined && input.reason.trim() === '') {
    return {
      ok: false,
      reason:
        'Say why this text may be published although it names a protected person; the reason is kept in the ' +
        'audit trail.',
    };
  }
  return { ok: true };
}

/** The decision `actor` records now over the text with `contentHash` and these findings. */
export function makePrivacyDecision(input: {
  releaseId: string;
  actor: Pick<Person, 'id' | 'name'>;
  at: string;
  contentHash: string;
  reason: string;
  findings: readonly Finding[];
}): PrivacyDecision {
  return {
    releaseId: input.releaseId,
    personId: input.actor.id,
    personName: input.actor.name,
    at: input.at,
    contentHash: input.contentHash,
    reason: input.reason.trim(),
    covers: [...new Set(input.findings.filter(isProtectedPersonFinding).map(findingKey))].sort(),
  };
}

/** The decisions that still stand once the text has `contentHash`: a change to the text makes the others lapse. */
export function decisionsStanding(
  decisions: readonly PrivacyDecision[] | undefined,
  contentHash: string,
): PrivacyDecision[] {
  return (decisions ?? []).filter((decision) => decision.contentHash === contentHash);
}

function listOf(messages: readonly string[]): string {
  const shown = messages.slice(0, 3).join('; ');
  return messages.length > 3 ? `${shown} (and ${messages.length - 3} more)` : shown;
}
