import type { Release, WorkspaceSettings } from '../../../src-shared/release/schema';
import { approvalIsValid, chainOf, decide, type Person } from '../../../src-shared/workflow/workflow';
import { uncheckedPublishCovers } from '../../../src-shared/workflow/published-records';
import { StoreError } from '../workspace/store';

/**
 * Whether a signed-off release may leave unmarked, as final: its sign-offs must cover exactly this text (or it was
 * published without a second check over exactly this text, issue 17), and an approved one goes out only by someone
 * the workflow table lets publish it. One rule for every way a release leaves as final: an export, recipients'
 * embargoed copies. `refusal` ends the message when the sign-offs do not cover the text (what to do instead).
 */
export function assertMayLeaveAsFinal(input: {
  release: Release;
  contentHash: string;
  settings: WorkspaceSettings;
  actor: Person;
  at: Date;
  refusal: string;
}): void {
  const { release, contentHash: hash, settings } = input;
  const steps = chainOf(settings);
  const signedOff = approvalIsValid(release.approvals, hash) && release.approvals.length >= steps.length;
  if (!signedOff && !uncheckedPublishCovers(release, hash)) {
    // The store lapses sign-offs on every save, so this is a file edited by hand or by an older version.
    throw new StoreError(
      'refused',
      `The sign-offs on record do not cover this exact text, so ${input.refusal}`,
    );
  }
  if (release.status === 'approved') {
    // Publishing is a step of the workflow table like any other: who may take it is decided there.
    const decision = decide({
      status: release.status,
      action: 'publish',
      actor: input.actor,
      settings,
      approvals: release.approvals,
      editedSinceApproval: release.editedSinceApproval,
      contentHash: hash,
      at: input.at.toISOString(),
    });
    if (!decision.ok) throw new StoreError('refused', decision.reason);
  }
}
