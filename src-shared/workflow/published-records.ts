import type { Release } from '../release/schema';

/**
 * Questions about issue 17's records that more than one place asks: the preview and every export (is the page a
 * withdrawn one, and what does it say?), the export workflow (may text published without a second check leave
 * as final?), the editor's banner and the library's mark.
 */

/** The notice a withdrawn release's page carries (render option `withdrawn`), or null when it is not withdrawn. */
export function withdrawnOf(
  release: Pick<Release, 'status' | 'withdrawal'>,
): { at: string; explanation: string } | null {
  const withdrawal = release.withdrawal;
  if (release.status !== 'withdrawn' || !withdrawal?.confirmedAt) return null;
  return { at: withdrawal.confirmedAt, explanation: withdrawal.explanation };
}

/** A withdrawal asked for and waiting for a second person, or null. */
export function pendingWithdrawalOf(release: Pick<Release, 'status' | 'withdrawal'>) {
  const withdrawal = release.withdrawal;
  return release.status === 'published' && withdrawal && withdrawal.confirmedAt === null ? withdrawal : null;
}

/** Published without a second check and not yet reviewed afterwards: the mark the library and the editor show. */
export function uncheckedMarkOf(release: Pick<Release, 'status' | 'uncheckedPublish'>) {
  const unchecked = release.uncheckedPublish;
  return release.status === 'published' && unchecked && !unchecked.reviewedAfter ? unchecked : null;
}

/**
 * Whether text published without a second check may leave as final: it is exactly the text the approver
 * published (any change lapses the record, edit-bookkeeping.ts). Whether it has been reviewed afterwards does not
 * matter here: the mark stays on the release, not on the copies.
 */
export function uncheckedPublishCovers(
  release: Pick<Release, 'status' | 'uncheckedPublish'>,
  currentHash: string,
): boolean {
  return release.status === 'published' && release.uncheckedPublish?.contentHash === currentHash;
}
