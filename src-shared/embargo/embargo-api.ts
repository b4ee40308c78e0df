import { z } from 'zod';
import { IdSchema } from '../release/schema';

/**
 * What crosses the bridge for recipients' embargoed copies and their trace (issue 16, item 4). contract.ts names
 * the methods; the shapes live here, beside the fingerprint they describe.
 */

/** The formats a recipient's copy can be made in. */
export const COPY_FORMATS = ['pdf', 'html', 'docx', 'eml'] as const;
export type CopyFormat = (typeof COPY_FORMATS)[number];
export const COPY_FORMAT_LABELS: Record<CopyFormat, string> = {
  pdf: 'PDF document',
  html: 'Web page (HTML)',
  docx: 'Word document (.docx)',
  eml: 'Email draft (.eml), to the recipient',
};

export const CopyRecipientSchema = z
  .object({
    name: z.string().trim().min(1, 'Give the recipient’s name').max(200),
    outlet: z.string().trim().max(200).default(''),
    email: z.union([z.literal(''), z.email('Give an email address like name@example.org')]).default(''),
  })
  .strict();
export type CopyRecipient = z.output<typeof CopyRecipientSchema>;

export const MakeCopiesRequestSchema = z
  .object({
    id: IdSchema,
    recipients: z.array(CopyRecipientSchema).min(1, 'Add at least one recipient').max(500),
    formats: z.array(z.enum(COPY_FORMATS)).min(1, 'Choose at least one format').max(COPY_FORMATS.length),
    /** Where the copies are written (created if missing); a full path. */
    folder: z.string().trim().min(1, 'Give the folder the copies go into').max(4096),
    pageSize: z.enum(['A4', 'Letter']).default('A4'),
  })
  .strict();
export type MakeCopiesRequest = z.input<typeof MakeCopiesRequestSchema>;

/** One copy as the register holds it, without its key (the key never leaves the main side). */
export const CopyRecordSchema = z.object({
  releaseId: z.string(),
  headline: z.string(),
  recipient: z.string(),
  outlet: z.string(),
  email: z.string(),
  format: z.string(),
  fingerprint: z.string(),
  fileName: z.string(),
  /** When the copy was made (ISO), and by whom. */
  madeAt: z.string(),
  madeBy: z.string(),
  /** The embargo's lift time as an instant, and as the wall time in the UK. */
  liftUtc: z.string(),
  liftUk: z.string(),
  draft: z.boolean(),
});
export type CopyRecord = z.infer<typeof CopyRecordSchema>;

export const MakeCopiesOutcomeSchema = z.object({
  copies: z.array(CopyRecordSchema.extend({ path: z.string() })),
  folder: z.string(),
  embargoLine: z.string(),
  draft: z.boolean(),
});
export type MakeCopiesOutcome = z.infer<typeof MakeCopiesOutcomeSchema>;

export const TraceRequestSchema = z
  .object({
    text: z
      .string()
      .min(1, 'Paste the text to trace')
      .max(2 * 1024 * 1024),
  })
  .strict();

export const TracedCopySchema = CopyRecordSchema.extend({
  /** 0..1: how sure the trace is that the text came from this copy. */
  confidence: z.number(),
  agreed: z.number().int(),
  read: z.number().int(),
});
export type TracedCopy = z.infer<typeof TracedCopySchema>;

export const TraceOutcomeSchema = z.object({
  /** The copy the text came from, when one is named with at least `threshold` confidence; else null. */
  match: TracedCopySchema.nullable(),
  /** The likeliest copies, most likely first (up to three). */
  candidates: z.array(TracedCopySchema),
  /** Probability that the text carries no copy's marks at all (the public page, or marks removed). */
  unmarked: z.number(),
  /** Pairs of words read from the text: the evidence there was. */
  read: z.number().int(),
  /** Copies on record that were compared. */
  copiesOnRecord: z.number().int(),
  threshold: z.number(),
  /** The fingerprint id found in a file's metadata (a leaked PDF or page), when there was one. */
  metadataFingerprint: z.string().nullable().default(null),
});
export type TraceOutcome = z.infer<typeof TraceOutcomeSchema>;
