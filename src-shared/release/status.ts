import { z } from 'zod';

/**
 * Workflow states of a release. A module of its own, imported by both the release model and the workflow rules,
 * so that neither has to import the other.
 */
export const RELEASE_STATUSES = [
  'draft',
  'in-review',
  'changes-requested',
  'approved',
  'published',
  'withdrawn',
] as const;
export const ReleaseStatusSchema = z.enum(RELEASE_STATUSES);
export type ReleaseStatus = z.infer<typeof ReleaseStatusSchema>;

export const RELEASE_STATUS_LABELS: Record<ReleaseStatus, string> = {
  draft: 'Draft',
  'in-review': 'In review',
  'changes-requested': 'Changes requested',
  approved: 'Approved',
  published: 'Published',
  withdrawn: 'Withdrawn',
};

/**
 * Approved or published: the text carries a complete sign-off, so it may leave unmarked (a final export), and a
 * change to it sets that sign-off aside. Everything else leaves as a draft.
 */
export function isSignedOff(status: ReleaseStatus): boolean {
  return status === 'approved' || status === 'published';
}
