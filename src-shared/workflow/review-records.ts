import { z } from 'zod';
import { ReleaseSchema } from '../release/schema';
import { ReleaseStatusSchema } from '../release/status';
import { COMMENTABLE_SECTION_IDS, type CommentableSectionId } from '../release/structure';
import { ActorSchema, ContentHashSchema } from './people';

/**
 * The review records that cross the bridge: kept versions, the audit trail and comments. Declared here, beside the
 * workflow rules, so that the API table, the services that write them and the screens that show them share one
 * description.
 */

// --- audit trail ----------------------------------------------------------------------------------------------

export const AUDIT_EVENTS = [
  'created',
  'edited',
  'submitted',
  'commented',
  'changes-requested',
  'approved',
  'lapsed',
  'exported',
  'withdrawn',
  'restored',
  'published',
  'reopened',
  // A decision to publish a protected person's name anyway (recorded), or its lapse when the text changed.
  'privacy-override',
  // Two decisions taken at once on two computers, settled by the workflow table's rule (issue 12, item 4).
  'settled',
  // Moved to Deleted releases, and brought back from there (issue 14, item 9).
  'deleted',
  'undeleted',
  // Issue 17: corrections, two-step withdrawals and publishing without a second check.
  'correction-started',
  'correction-requested',
  'withdrawal-requested',
  'withdrawal-cancelled',
  'published-unchecked',
  'reviewed-after-publishing',
  // A recipient's embargoed copy made (issue 16, item 4): the embargo register, read by `pressroom trace`.
  'embargo-copy',
] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

export const AUDIT_EVENT_LABELS: Record<AuditEvent, string> = {
  created: 'Created',
  edited: 'Edited',
  submitted: 'Submitted for review',
  commented: 'Commented',
  'changes-requested': 'Asked for changes',
  approved: 'Signed off',
  lapsed: 'Approval lapsed',
  exported: 'Exported',
  withdrawn: 'Withdrawn',
  restored: 'Restored an earlier version',
  published: 'Published',
  reopened: 'Reopened as a draft',
  'privacy-override': 'Decision to publish a protected name anyway',
  settled: 'Decisions taken at the same time settled by the workflow rule',
  deleted: 'Deleted',
  undeleted: 'Restored from Deleted releases',
  'correction-started': 'Started a correction',
  'correction-requested': 'Asked for a correction',
  'withdrawal-requested': 'Asked to withdraw',
  'withdrawal-cancelled': 'Kept published (withdrawal request dropped)',
  'published-unchecked': 'Published without a second check',
  'reviewed-after-publishing': 'Reviewed after publishing',
  'embargo-copy': 'Embargoed copy made for a recipient',
};

export const AuditEntrySchema = z.object({
  seq: z.number().int().positive(),
  at: z.iso.datetime(),
  actor: ActorSchema,
  event: z.enum(AUDIT_EVENTS),
  details: z.record(z.string(), z.union([z.string(), z.number()])),
  /** The computer whose chain holds the entry (issue 12); absent in the single chain of an older Pressroom. */
  computer: z.object({ id: z.string(), name: z.string() }).optional(),
  /** The revisions the writer had when they acted. */
  saw: z.array(z.string()).optional(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** The trail as read, with the verdict of the hash chain: a broken chain is reported, never hidden. */
export const AuditReportSchema = z.object({
  entries: z.array(AuditEntrySchema),
  intact: z.boolean(),
  /** A sentence for people when the chain is broken: "Entry 4 was changed after it was written." */
  problem: z.string().nullable(),
  /**
   * A sentence for people when entries name a colleague's version that has not reached this computer yet: not a
   * fault, it clears when the sync engine delivers it. Optional so that older answers still parse.
   */
  waitingForSync: z.string().nullable().optional(),
  /** Each computer's chain with its own verdict (one chain per computer since issue 12). */
  chains: z
    .array(
      z.object({
        label: z.string(),
        status: z.enum(['intact', 'waiting-for-sync', 'broken']),
        problem: z.string().nullable(),
      }),
    )
    .optional(),
});
export type AuditReport = z.infer<typeof AuditReportSchema>;

// --- history --------------------------------------------------------------------------------------------------

export const HISTORY_REASONS = ['submitted', 'approved', 'exported', 'manual', 'restored'] as const;
export type HistoryReason = (typeof HISTORY_REASONS)[number];

export const HISTORY_REASON_LABELS: Record<HistoryReason, string> = {
  submitted: 'Submitted',
  approved: 'Signed off',
  exported: 'Exported',
  manual: 'Kept by hand',
  restored: 'Before a restore',
};

export const HistorySummarySchema = z.object({
  seq: z.number().int().positive(),
  at: z.iso.datetime(),
  reason: z.enum(HISTORY_REASONS),
  actor: ActorSchema,
  revision: z.number().int().nonnegative(),
  contentHash: ContentHashSchema,
  status: ReleaseStatusSchema,
  headline: z.string(),
  /**
   * The version's own name (its file name without `.json`, e.g. `000007-submitted.press-pc1-a1b2c3`): two computers
   * may both keep a version 7, so `seq` is for people and `key` says which one. Optional so that the history in
   * a release file made before issue 12 still parses; the service always fills it in.
   */
  key: z.string().min(1).max(120).optional(),
  /** The computer that kept it; absent for versions kept before issue 12. */
  computer: z.object({ id: z.string().max(100), name: z.string().max(200) }).optional(),
});
export type HistorySummary = z.infer<typeof HistorySummarySchema>;

export const HistoryVersionSchema = HistorySummarySchema.omit({ status: true, headline: true }).extend({
  release: ReleaseSchema,
});
export type HistoryVersion = z.infer<typeof HistoryVersionSchema>;

// --- every save (issue 12: a release is its revisions; History lists each one) -----------------------------------

export const SAVE_WHYS = [
  'created',
  'saved',
  'workflow',
  'imported',
  'resolved',
  'deleted',
  'restored',
  'taken-in',
] as const;
export type SaveWhy = (typeof SAVE_WHYS)[number];

export const SAVE_WHY_LABELS: Record<SaveWhy, string> = {
  created: 'Created',
  saved: 'Saved',
  workflow: 'Workflow step',
  imported: 'Opened from a release file',
  resolved: 'Settled two versions',
  deleted: 'Deleted',
  restored: 'Restored',
  'taken-in': 'Taken in from an older file',
};

/** One save (one revision file) as History lists it; its text is fetched on its own (`history.revision`). */
export const SaveSummarySchema = z.object({
  /** The revision's file name without `.json`: `00000007.press-pc1-a1b2c3`. */
  id: z.string().min(1).max(120),
  revision: z.number().int().positive(),
  computer: z.object({ id: z.string().max(100), name: z.string().max(200) }),
  person: z.object({ id: z.string().max(100), name: z.string().max(200) }).nullable(),
  savedAt: z.iso.datetime(),
  why: z.enum(SAVE_WHYS),
  source: z.string().max(500).optional(),
  deleted: z.boolean(),
  /** One of the versions nobody has saved on top of yet (the current text, or one side of two versions). */
  current: z.boolean(),
  status: ReleaseStatusSchema.nullable(),
  headline: z.string().nullable(),
  /** Why this save cannot be read (damaged, changed after writing); null when it reads. */
  problem: z.string().nullable(),
});
export type SaveSummary = z.infer<typeof SaveSummarySchema>;

export const SavesPageSchema = z.object({
  /** Every revision file of the release, readable or not. */
  total: z.number().int().nonnegative(),
  /** Newest first. */
  saves: z.array(SaveSummarySchema),
  /** Pass as `before` for the next, older page; null when this page reaches the first save. */
  older: z.string().nullable(),
});
export type SavesPage = z.infer<typeof SavesPageSchema>;

export const SavedTextSchema = SaveSummarySchema.extend({ release: ReleaseSchema });
export type SavedText = z.infer<typeof SavedTextSchema>;

// --- comments -------------------------------------------------------------------------------------------------

/** Sections a comment can sit on (the structure table's commentable ones, or the whole release); `itemId` narrows it to one paragraph, quote, note or contact by its id. */
export const COMMENT_SECTIONS = ['release', ...COMMENTABLE_SECTION_IDS] as readonly [
  'release',
  ...CommentableSectionId[],
];
export const CommentSectionSchema = z.enum(COMMENT_SECTIONS);
export type CommentSection = z.infer<typeof CommentSectionSchema>;

export const CommentAnchorSchema = z
  .object({
    section: CommentSectionSchema,
    /** The id of a paragraph, quote, note or contact: it follows the item when paragraphs are reordered. */
    itemId: z.string().min(1).max(100).nullable(),
  })
  .strict();
export type CommentAnchor = z.infer<typeof CommentAnchorSchema>;

export const COMMENT_MAX_LENGTH = 5000;
export const CommentTextSchema = z
  .string()
  .trim()
  .min(1, 'Write the comment first')
  .max(COMMENT_MAX_LENGTH, `A comment can be at most ${COMMENT_MAX_LENGTH} characters`);

export const CommentReplySchema = z.object({
  id: z.string(),
  author: ActorSchema,
  at: z.iso.datetime(),
  text: z.string(),
});
export type CommentReply = z.infer<typeof CommentReplySchema>;

export const CommentThreadSchema = z.object({
  id: z.string(),
  anchor: CommentAnchorSchema,
  author: ActorSchema,
  at: z.iso.datetime(),
  text: z.string(),
  replies: z.array(CommentReplySchema),
  resolved: z.boolean(),
  /** Every resolve and reopen, in order: threads are resolved and reopened, never deleted. */
  statusChanges: z.array(z.object({ resolved: z.boolean(), by: ActorSchema, at: z.iso.datetime() })),
});
export type CommentThread = z.infer<typeof CommentThreadSchema>;
