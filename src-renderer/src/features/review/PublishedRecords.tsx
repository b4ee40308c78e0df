import type { Release } from '../../../../src-shared/release/schema';
import { formatInstantInZone } from '../../../../src-shared/render/format-date';
import {
  pendingWithdrawalOf,
  uncheckedMarkOf,
  withdrawnOf,
} from '../../../../src-shared/workflow/published-records';
import { useSession } from './session';

/**
 * What issue 17's records say about a published release, under the workflow bar: published without a second
 * check (until another person reviews it), a withdrawal waiting for a second person, a withdrawal confirmed. A
 * request for a correction is the review strip's, with requests for changes (from the audit trail).
 * Words from the records, so that the person deciding sees who asked and why.
 */
export function PublishedRecords({ release }: { release: Release }) {
  const { person } = useSession();
  const when = (iso: string) =>
    formatInstantInZone(iso, release.header.timeZone, 'en-GB')?.text ?? new Date(iso).toUTCString();
  const unchecked = uncheckedMarkOf(release);
  const pending = pendingWithdrawalOf(release);
  const withdrawn = withdrawnOf(release);
  return (
    <>
      {unchecked && (
        <p className="review-hint review-unchecked" role="note" data-testid="unchecked-banner">
          <strong>
            Published without a second check by {unchecked.by.name} on {when(unchecked.at)}.
          </strong>{' '}
          Reason given: “{unchecked.reason}”{' '}
          {person?.id === unchecked.by.id
            ? 'Another reviewer or approver needs to review it; until then it is in their “Waiting for me”.'
            : 'It needs a review by someone other than the publisher: read it, then choose “Reviewed after publishing” or ask for a correction.'}
        </p>
      )}
      {pending && (
        <p className="review-hint review-withdrawal" role="note" data-testid="withdrawal-banner">
          <strong>
            {pending.requestedBy.name} asked to withdraw this release on {when(pending.requestedAt)}.
          </strong>{' '}
          Explanation for readers: “{pending.explanation}” A second person confirms the withdrawal or keeps it
          published.
        </p>
      )}
      {withdrawn && release.withdrawal && (
        <p className="review-hint review-withdrawal" role="note" data-testid="withdrawal-banner">
          <strong>Withdrawn on {when(withdrawn.at)}</strong> (asked by {release.withdrawal.requestedBy.name},
          confirmed by {release.withdrawal.confirmedBy?.name ?? 'someone'}). Its page says so above the text:
          “{withdrawn.explanation}”
        </p>
      )}
    </>
  );
}
