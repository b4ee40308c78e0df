import { z } from 'zod';

/** The newsroom's API shapes (issue 17), for contract.ts: the request of "Publish newsroom" and its report. */

export const NewsroomRequestSchema = z
  .object({
    /** Full path of the folder to write; absent: the folder used last, or the default. */
    folder: z.string().trim().min(1).max(4096).optional(),
    /**
     * The address the folder is published at, for the feed, the sitemap and canonical links; "" forgets it;
     * absent: the address used last, if any.
     */
    siteUrl: z.string().trim().max(2000).optional(),
  })
  .strict();
export type NewsroomRequest = z.input<typeof NewsroomRequestSchema>;

export const HeldBackSchema = z.object({
  id: z.string(),
  headline: z.string(),
  reason: z.enum(['embargo', 'withdrawn', 'undated']),
  message: z.string(),
});

export const NewsroomReportSchema = z.object({
  folder: z.string(),
  /** The index page's full path, to open in a browser. */
  indexFile: z.string(),
  siteUrl: z.string().nullable(),
  /** Releases on the site. */
  releases: z.number().int().nonnegative(),
  tags: z.number().int().nonnegative(),
  /** Files written this time (changed or new), left as they were, and removed (no longer part of the site). */
  written: z.array(z.string()),
  unchanged: z.number().int().nonnegative(),
  removed: z.array(z.string()),
  heldBack: z.array(HeldBackSchema),
  /** Releases not published at all (drafts, in review, approved but not yet exported as final). */
  notPublished: z.number().int().nonnegative(),
  /** sitemap.xml was written (it needs the site's address). */
  sitemap: z.boolean(),
});
export type NewsroomReport = z.infer<typeof NewsroomReportSchema>;

export const NewsroomSettingsSchema = z.object({ folder: z.string(), siteUrl: z.string() });
export type NewsroomSettings = z.infer<typeof NewsroomSettingsSchema>;
