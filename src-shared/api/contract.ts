import {
  ContactInputSchema,
  CsvImportOutcomeSchema,
  CsvImportRequestSchema,
  DistributionListSchema,
  DoNotContactInputSchema,
  EmailDraftsExtraSchema,
  EmailDraftsRequestSchema,
} from '../distribution/distribution';
import { z } from 'zod';
import {
  ChangeNoteImportanceSchema,
  ReleaseStatusSchema,
  IdSchema,
  OrganisationProfileSchema,
  ReleaseSchema,
  ReleaseSummarySchema,
  ReleaseTypeSchema,
  WorkspaceSettingsSchema,
} from '../release/schema';
import { SECTION_IDS, type SectionId } from '../release/structure';
import { ImportAnalyseRequestSchema, ImportPlacementSchema } from '../import/placement';
import { StashedChangesSchema, StashedReleaseSchema } from '../release/stash-schema';
import type { Result } from '../result';
import { PersonSchema, RoleSchema } from '../workflow/people';
import {
  AuditReportSchema,
  CommentAnchorSchema,
  CommentTextSchema,
  CommentThreadSchema,
  HistorySummarySchema,
  HistoryVersionSchema,
  SavedTextSchema,
  SavesPageSchema,
} from '../workflow/review-records';
import { API_METHOD_NAMES, type ApiMethodName } from './methods';
import {
  CopyRecordSchema,
  MakeCopiesOutcomeSchema,
  MakeCopiesRequestSchema,
  TraceOutcomeSchema,
  TraceRequestSchema,
} from '../embargo/embargo-api';
import {
  NewsroomReportSchema,
  NewsroomRequestSchema,
  NewsroomSettingsSchema,
} from '../newsroom/newsroom-api';

export { ipcChannel } from './methods';

/**
 * The one API between the renderer and the main side (ARCHITECTURE §3). The Electron preload exposes exactly
 * these methods, the browser host serves exactly these methods, and both parse every input with the schema
 * here before a service sees it. Adding a method = one entry here + one handler in src-main/services/api.
 */
export const FileProblemSchema = z.object({
  /** Path relative to the workspace folder. */
  file: z.string(),
  message: z.string(),
  /** Where the unreadable file was moved so that nothing overwrites it. */
  movedTo: z.string().nullable(),
});
export type FileProblem = z.infer<typeof FileProblemSchema>;

/** Who made a change to the profile, settings or people, on which computer and when (issue 12, item 5). */
export const WorkspaceChangeMarkSchema = z.object({
  at: z.iso.datetime(),
  computer: z.object({ id: z.string(), name: z.string() }),
  /** The person, when the change was made by someone who had said who they are. */
  by: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Made on this computer. */
  here: z.boolean(),
});

/** The change in force for one field (`profile.name`, `settings.latestNewsCount`, `people.<id>`). */
export const WorkspaceFieldChangeSchema = WorkspaceChangeMarkSchema.extend({
  field: z.string(),
  /**
   * Other computers' different values for this field that this change replaced without its writer having seen
   * them (concurrent edits): kept in their writers' logs, newest first, so that nothing is overwritten unseen.
   */
  replaced: z.array(WorkspaceChangeMarkSchema.extend({ value: z.unknown() })),
});
export type WorkspaceFieldChange = z.infer<typeof WorkspaceFieldChangeSchema>;

/** One version of a release that no other version has seen (issue 12): several of them are a fork. */
export const ReleaseVersionSchema = z.object({
  /** The revision file's name without `.json`: `00000007.press-pc1-a1b2c3`. */
  versionId: z.string(),
  revision: z.number().int(),
  /** The computer it was saved on, as people know it. */
  computerName: z.string(),
  savedBy: z.string().nullable(),
  savedAt: z.iso.datetime(),
  deleted: z.boolean(),
  release: ReleaseSchema,
});
export type ReleaseVersion = z.infer<typeof ReleaseVersionSchema>;

export const ReleaseVersionsSchema = z.object({
  /** one: nothing to settle; decisions: settled by the workflow rule in `rule`; texts: two versions to choose from. */
  kind: z.enum(['one', 'decisions', 'texts']),
  rule: z.string().nullable(),
  /** The version this computer shows first. */
  versions: z.array(ReleaseVersionSchema),
  /** The newest text every version started from, for a merge field by field; null when it cannot be found. */
  base: ReleaseSchema.nullable(),
});
export type ReleaseVersions = z.infer<typeof ReleaseVersionsSchema>;

export const WorkspaceDescriptionSchema = z.object({
  path: z.string(),
  profile: OrganisationProfileSchema,
  /** The profile's logo as a data: URL, ready for the preview and exports (which load nothing from disk). */
  logoDataUrl: z.string().nullable(),
  settings: WorkspaceSettingsSchema,
  /** Everyone who has worked here, as they declared themselves (for "waiting for me" and the chain's steps). */
  people: z.array(PersonSchema),
  /** Per changed field, who changed it last, where and when (absent or empty: nothing changed since workspace.json). */
  changes: z.array(WorkspaceFieldChangeSchema).optional(),
  problems: z.array(FileProblemSchema),
});
export type WorkspaceDescription = z.infer<typeof WorkspaceDescriptionSchema>;

export const LIBRARY_SORTS = [
  'updated-desc',
  'updated-asc',
  'release-date-desc',
  'release-date-asc',
  'headline-asc',
] as const;

/** A library search: free text over every section, plus filters. Empty query = everything, newest change first. */
export const LibraryQuerySchema = z
  .object({
    text: z.string().max(500).default(''),
    statuses: z.array(ReleaseStatusSchema).max(10).default([]),
    types: z.array(ReleaseTypeSchema).max(10).default([]),
    tags: z.array(z.string().max(80)).max(50).default([]),
    /** Release date range, inclusive, as YYYY-MM-DD in each release's own time zone. */
    from: z.iso.date().nullable().default(null),
    to: z.iso.date().nullable().default(null),
    sort: z.enum(LIBRARY_SORTS).default('updated-desc'),
    /** Search deleted releases instead of the library. */
    trash: z.boolean().default(false),
    /** Only releases waiting for the current person's next step (a sign-off due, changes asked of them). */
    waitingForMe: z.boolean().default(false),
    /**
     * The rows on screen, for a large library (issue 15): `limit` rows from `offset` of the sorted matches, with
     * snippets made for those alone; null answers every match.
     */
    limit: z.number().int().positive().max(100_000).nullable().default(null),
    offset: z.number().int().nonnegative().default(0),
  })
  .strict();
export type LibraryQuery = z.input<typeof LibraryQuerySchema>;

export const LibraryRowSchema = ReleaseSummarySchema.extend({
  /** A short excerpt around the first match of the search text, when it matched outside the headline. */
  snippet: z.string().nullable(),
  /** In Deleted releases: who deleted it, on which computer, and when (issue 14, item 9). */
  deleted: z
    .object({ by: z.string().nullable(), computer: z.string(), at: z.iso.datetime() })
    .nullable()
    .optional(),
});
export type LibraryRow = z.infer<typeof LibraryRowSchema>;

export const LibraryResultSchema = z.object({
  rows: z.array(LibraryRowSchema),
  /** Every tag used in the library (or trash), for the tag filter. */
  allTags: z.array(z.string()),
  /** How many releases there are before filtering. */
  total: z.number().int().nonnegative(),
  /** How many releases wait for the current person, whatever the filters (for the badge). */
  waitingForMe: z.number().int().nonnegative(),
  /** How many releases match, of which `rows` are those asked for (`limit`, `offset`). */
  matched: z.number().int().nonnegative().optional(),
  /**
   * The library index is being built from the files (a first open of a large workspace): the answer covers the
   * releases read so far, and the library shows a progress bar and asks again.
   */
  building: z
    .object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() })
    .nullable()
    .optional(),
});
export type LibraryResult = z.infer<typeof LibraryResultSchema>;

/** Edits that had not reached the release file when the app stopped (crash, killed window, refused save). */
export const RecoverableEditSchema = z.object({
  /** As typed: may break the release's limits (StashedReleaseSchema). */
  release: StashedReleaseSchema,
  stashedAt: z.iso.datetime(),
  /** The revision now on disk, or null when the release no longer exists. */
  currentRevision: z.number().int().nullable(),
});
export type RecoverableEdit = z.infer<typeof RecoverableEditSchema>;

/** A logo image: raster formats only (an SVG could carry script), at most 2 MB. */
export const LogoUploadSchema = z
  .object({
    fileName: z.string().min(1).max(200),
    mediaType: z.enum(['image/png', 'image/jpeg', 'image/webp', 'image/gif']),
    dataBase64: z
      .string()
      .max(Math.ceil((2 * 1024 * 1024 * 4) / 3) + 4, 'The logo must be smaller than 2 MB'),
  })
  .strict();

/** What changed in the workspace folder (another window, a colleague on the shared folder) since `cursor`. */
export const WorkspaceChangesSchema = z.object({
  /** Pass it back next time; the first call (with 0) only establishes where to start. */
  cursor: z.number().int().nonnegative(),
  releaseIds: z.array(IdSchema),
  /** workspace.json (profile, settings) changed. */
  workspaceChanged: z.boolean(),
});
export type WorkspaceChanges = z.infer<typeof WorkspaceChangesSchema>;

/** Someone else who has a release open right now. */
export const PresenceEntrySchema = z.object({
  name: z.string(),
  /** When they opened it. */
  since: z.iso.datetime({ offset: true }),
  /**
   * When their Pressroom last said it still had it open, as it reached this computer: on a synced folder that is
   * after the engine carried it, so it may be minutes old.
   */
  lastHeard: z.iso.datetime({ offset: true }).optional(),
  /** The computer they have it open on. */
  computer: z.string().max(300).optional(),
});
export type PresenceEntry = z.infer<typeof PresenceEntrySchema>;

/** Actions a person takes; the lapse is the system's, taken on save. */
export const PERSON_ACTIONS = [
  'submit',
  'request-changes',
  'approve',
  'publish',
  'withdraw',
  'reopen',
  // Issue 17 (workflow.ts): corrections, two-step withdrawals, publishing without a second check.
  'correct',
  'request-correction',
  'request-withdrawal',
  'confirm-withdrawal',
  'cancel-withdrawal',
  'publish-unchecked',
  'review-after-publishing',
] as const;
export const PersonActionSchema = z.enum(PERSON_ACTIONS);

export const ActRequestSchema = z
  .object({
    id: IdSchema,
    /** The revision the person was looking at when they decided: acting on a newer text is refused. */
    revision: z.number().int().positive(),
    action: PersonActionSchema,
    reason: z.string().max(5000).optional(),
    /** The chain step meant (0-based); omitted = the next one due. */
    step: z.number().int().nonnegative().optional(),
    /** 'correct': how big the change is; the reason is the change note readers see (issue 17). */
    importance: ChangeNoteImportanceSchema.optional(),
  })
  .strict();

export const IdentifyRequestSchema = z
  .object({
    name: z.string().trim().min(1, 'Give your name, as colleagues know you').max(200),
    roles: z.array(RoleSchema).min(1, 'Choose at least one role').max(3),
  })
  .strict();

export const EXPORT_FORMATS = ['pdf', 'html', 'txt', 'docx'] as const;
export const EXPORT_FORMAT_LABELS: Record<(typeof EXPORT_FORMATS)[number], string> = {
  pdf: 'PDF document',
  html: 'Web page (HTML)',
  txt: 'Plain text for email',
  docx: 'Word document (.docx)',
};

export const ExportRequestSchema = z
  .object({
    id: IdSchema,
    format: z.enum(EXPORT_FORMATS),
    pageSize: z.enum(['A4', 'Letter']).default('A4'),
    /** The person confirmed the embargo time: needed for a final export while the embargo holds. */
    confirmEmbargo: z.boolean().default(false),
  })
  .strict();

const ExportOutcomeSchema = z.object({
  fileName: z.string(),
  mediaType: z.string(),
  /** Not approved: marked "DRAFT — NOT APPROVED" on every page and in the file name. */
  draft: z.boolean(),
  /** A final export: recorded in the audit trail, and the release is published. */
  published: z.boolean(),
  embargoLine: z.string().nullable(),
  contentHash: z.string(),
  release: ReleaseSchema,
});

/** One finding of the checks, as src-shared/checks/editorial-checks.ts `Finding`. */
export const FindingSchema = z.object({
  rule: z.string(),
  severity: z.enum(['error', 'warning']),
  section: z.enum(SECTION_IDS as unknown as readonly [SectionId, ...SectionId[]]),
  field: z.string(),
  message: z.string(),
});

/**
 * What the live preview needs besides the form to draw the page as the export does (issue 14, item 6): the house
 * font's faces (as data: URLs, which both the app's CSP and the page's admit, so nothing is fetched) and the
 * "Latest news" list, linked only where a link resolves outside any folder (original articles).
 */
export const PreviewExtrasSchema = z.object({
  fontFaces: z.array(
    z.object({
      role: z.enum(['serif', 'sans']),
      family: z.string(),
      weight: z.number().int(),
      style: z.enum(['normal', 'italic']),
      dataUrl: z.string(),
      unicodeRange: z.string().optional(),
    }),
  ),
  latestNews: z.array(
    z.object({
      id: z.string(),
      headline: z.string(),
      releaseDate: z.string(),
      timeZone: z.string(),
      standfirst: z.string(),
      href: z.string().optional(),
      pdfHref: z.string().optional(),
    }),
  ),
});
export type PreviewExtras = z.infer<typeof PreviewExtrasSchema>;

const Empty = z.object({}).strict();
const ById = z.object({ id: IdSchema }).strict();

export const apiContract = {
  'workspace.describe': { input: Empty, output: WorkspaceDescriptionSchema },
  'releases.list': { input: Empty, output: z.array(ReleaseSummarySchema) },
  'releases.listTrash': { input: Empty, output: z.array(ReleaseSummarySchema) },
  'releases.create': { input: z.object({ type: ReleaseTypeSchema }).strict(), output: ReleaseSchema },
  'releases.get': { input: ById, output: ReleaseSchema },
  /** Every version no other has seen: more than one after two computers saved at once (a fork). */
  'releases.versions': { input: ById, output: ReleaseVersionsSchema },
  /**
   * Settles "Two versions": `release` (one version as it was, or a merge the person saw) goes on top of every version
   * in `versions` (the ids they saw; refused as a conflict if another arrived meanwhile).
   */
  'releases.resolveFork': {
    input: z
      .object({ release: ReleaseSchema, versions: z.array(z.string().max(100)).min(2).max(20) })
      .strict(),
    output: ReleaseSchema,
  },
  /** `release.revision` is the revision the edit was based on; the store answers with the next one. */
  'releases.save': { input: z.object({ release: ReleaseSchema }).strict(), output: ReleaseSchema },
  'releases.delete': { input: ById, output: ById },
  'releases.restore': { input: ById, output: ReleaseSchema },
  'releases.search': { input: LibraryQuerySchema, output: LibraryResultSchema },
  'releases.duplicate': { input: ById, output: ReleaseSchema },
  'workspace.updateProfile': {
    /** `base`: the profile the form started from, so that only the fields the person changed are written. */
    input: z
      .object({ profile: OrganisationProfileSchema, base: OrganisationProfileSchema.optional() })
      .strict(),
    output: WorkspaceDescriptionSchema,
  },
  'workspace.setLogo': { input: LogoUploadSchema, output: WorkspaceDescriptionSchema },
  'workspace.removeLogo': { input: Empty, output: WorkspaceDescriptionSchema },
  /**
   * The form as typed, over-limit text included (StashedReleaseSchema: the limits lifted, still bounded). A stash
   * never reaches the store: it goes back through the form, whose save holds back what breaks a limit. Or, from a
   * page closing with a release too large to send whole, only the sections that `changes` since the page's last
   * stash (`onto: 'stash'`) or since the release it has (`onto: 'release'`).
   */
  'recovery.stash': {
    input: z.union([
      z.object({ release: StashedReleaseSchema }).strict(),
      z.object({ id: IdSchema, onto: z.enum(['stash', 'release']), changes: StashedChangesSchema }).strict(),
    ]),
    output: z.object({ stashedAt: z.iso.datetime() }),
  },
  'recovery.list': { input: Empty, output: z.array(RecoverableEditSchema) },
  'recovery.discard': { input: ById, output: ById },
  'workspace.changes': {
    input: z.object({ cursor: z.number().int().nonnegative() }).strict(),
    output: WorkspaceChangesSchema,
  },
  /** Marks the release as open by this person; repeat it while the release stays open (it lapses otherwise). */
  'presence.open': { input: ById, output: z.object({ others: z.array(PresenceEntrySchema) }) },
  'presence.close': { input: ById, output: ById },
  /** Who else has which release open, for the library; releases nobody else has open are left out. */
  'presence.list': { input: Empty, output: z.record(IdSchema, z.array(PresenceEntrySchema)) },
  /** Who is at this keyboard (self-declared); null until they have said. */
  'session.whoami': { input: Empty, output: z.object({ person: PersonSchema.nullable() }) },
  'session.identify': { input: IdentifyRequestSchema, output: PersonSchema },
  'workspace.updateSettings': {
    input: z.object({ settings: WorkspaceSettingsSchema, base: WorkspaceSettingsSchema.optional() }).strict(),
    output: WorkspaceDescriptionSchema,
  },
  /** A workflow action by the current person; answers with the release as stored afterwards. */
  'releases.act': { input: ActRequestSchema, output: ReleaseSchema },
  'history.list': {
    input: ById,
    output: z.object({ versions: z.array(HistorySummarySchema), problems: z.array(FileProblemSchema) }),
  },
  /** One kept version by its `key` (two computers may both keep a version 7), or by its number as before. */
  'history.get': {
    input: z
      .object({
        id: IdSchema,
        seq: z.number().int().positive().optional(),
        key: z.string().min(1).max(120).optional(),
      })
      .strict(),
    output: HistoryVersionSchema,
  },
  /** Every save of a release (its revisions), newest first, a page at a time; `before` is the last page's `older`. */
  'history.revisions': {
    input: z
      .object({
        id: IdSchema,
        before: z.string().min(1).max(120).optional(),
        limit: z.number().int().min(1).max(200).optional(),
      })
      .strict(),
    output: SavesPageSchema,
  },
  /** One save with its text. */
  'history.revision': {
    input: z.object({ id: IdSchema, save: z.string().min(1).max(120) }).strict(),
    output: SavedTextSchema,
  },
  /** Keeps the release as it is now as a version ("on demand"). */
  'history.keep': { input: ById, output: HistorySummarySchema },
  /** Makes a kept version the current text, as a draft; the text it replaces is kept as a version first. */
  'history.restore': {
    input: z
      .object({
        id: IdSchema,
        /** Which kept version: its `key`, or (as before issue 12) its number; or `save`, the id of a save. */
        seq: z.number().int().positive().optional(),
        key: z.string().min(1).max(120).optional(),
        save: z.string().min(1).max(120).optional(),
        revision: z.number().int().positive(),
      })
      .strict(),
    output: ReleaseSchema,
  },
  'audit.read': { input: ById, output: AuditReportSchema },
  /** Recipients' embargoed copies of a release still under embargo, each fingerprinted and in the register (issue 16). */
  'embargo.makeCopies': { input: MakeCopiesRequestSchema, output: MakeCopiesOutcomeSchema },
  /** The embargo register: every copy made, newest first (of one release when `id` is given). */
  'embargo.register': {
    input: z.object({ id: IdSchema.optional() }).strict(),
    output: z.object({ copies: z.array(CopyRecordSchema) }),
  },
  /** Names the copy a piece of leaked text came from, with a confidence, or none. */
  'embargo.trace': { input: TraceRequestSchema, output: TraceOutcomeSchema },
  /** One export, answered as bytes for the renderer to offer as a download (or to copy). */
  'export.release': {
    input: ExportRequestSchema,
    output: ExportOutcomeSchema.extend({ dataBase64: z.string() }),
  },
  /** One export written into a folder on this computer; the folder is remembered for next time. */
  'export.toFolder': {
    input: ExportRequestSchema.extend({ folder: z.string().min(1).max(4096) }),
    output: ExportOutcomeSchema.extend({ path: z.string() }),
  },
  'export.folder': { input: Empty, output: z.object({ folder: z.string() }) },
  /**
   * Email drafts (.eml) of one release to the distribution list, checked against the do-not-contact list first:
   * one per recipient or one with everyone in Bcc. The same rules as any export (draft mark, embargo, audit).
   */
  'export.emailDrafts': {
    input: EmailDraftsRequestSchema,
    output: ExportOutcomeSchema.extend(EmailDraftsExtraSchema.shape),
  },
  'distribution.list': { input: Empty, output: DistributionListSchema },
  'distribution.addContact': { input: ContactInputSchema, output: DistributionListSchema },
  'distribution.removeContact': { input: ById, output: DistributionListSchema },
  'distribution.importCsv': { input: CsvImportRequestSchema, output: CsvImportOutcomeSchema },
  'distribution.addDoNotContact': { input: DoNotContactInputSchema, output: DistributionListSchema },
  'distribution.removeDoNotContact': { input: ById, output: DistributionListSchema },
  /** The house font and "Latest news" of one release, for its live preview. */
  'preview.extras': { input: ById, output: PreviewExtrasSchema },
  /**
   * The system's folder picker (desktop app only; the browser host answers that it has none, and the person types
   * the path). null when the person cancelled.
   */
  'dialogs.chooseFolder': {
    input: z.object({ title: z.string().max(200), defaultPath: z.string().max(4096).optional() }).strict(),
    output: z.object({ folder: z.string().nullable() }),
  },
  /** The release with its history, comments and audit trail as one `.pressrelease` file, to send to someone. */
  'releaseFile.save': { input: ById, output: z.object({ fileName: z.string(), text: z.string() }) },
  /**
   * Opens a `.pressrelease` file: checked whole first (schema, audit chain, sign-offs, versions), then added, or
   * taken as the next state of the release already here; `asCopy` makes a new draft from it instead.
   */
  'releaseFile.open': {
    input: z.object({ text: z.string().max(50 * 1024 * 1024), asCopy: z.boolean().default(false) }).strict(),
    output: z.object({
      release: ReleaseSchema,
      outcome: z.enum(['added', 'updated', 'unchanged', 'copied']),
    }),
  },
  'comments.list': {
    input: ById,
    output: z.object({
      threads: z.array(CommentThreadSchema),
      /** Records that could not be read: left in their files, and said, rather than silently missing. */
      problems: z.array(z.string()),
    }),
  },
  'comments.add': {
    input: z.object({ id: IdSchema, anchor: CommentAnchorSchema, text: CommentTextSchema }).strict(),
    output: z.array(CommentThreadSchema),
  },
  'comments.reply': {
    input: z.object({ id: IdSchema, threadId: z.string().min(1).max(100), text: CommentTextSchema }).strict(),
    output: z.array(CommentThreadSchema),
  },
  /** Resolves or reopens a thread; threads are never deleted. */
  'comments.setResolved': {
    input: z.object({ id: IdSchema, threadId: z.string().min(1).max(100), resolved: z.boolean() }).strict(),
    output: z.array(CommentThreadSchema),
  },
  /**
   * Findings that need the workspace, read-only: jigsaw risks (another release with the same reference or a tag in
   * common names a protected person or their details) and protected names in what an export prints beyond the
   * release's fields (file name, logo text, issuing organisation, "Latest news"). For the saved text: the editor
   * asks on open and after each save.
   */
  'checks.workspace': { input: ById, output: z.object({ findings: z.array(FindingSchema) }) },
  /**
   * A decision by the current person to publish the text of `revision` although it names a protected person: the
   * only way past the refusal of a sign-off or final export. Refused for anyone who edited the text since it was
   * last approved, and it never counts for its own maker's sign-off or export. Kept in the audit trail.
   */
  'privacy.decide': {
    input: z
      .object({
        id: IdSchema,
        revision: z.number().int().positive(),
        reason: z.string().trim().min(1, 'Give a reason: it is kept in the audit trail').max(5000),
      })
      .strict(),
    output: ReleaseSchema,
  },
  /** The published releases as a static site in a folder (issue 17): index, release and tag pages, feed, ninjs. */
  'newsroom.export': { input: NewsroomRequestSchema, output: NewsroomReportSchema },
  /** The newsroom folder and site address used last on this computer (or the defaults). */
  'newsroom.settings': { input: Empty, output: NewsroomSettingsSchema },
  /** Reads a Word, Markdown, text or pasted HTML document and proposes where each paragraph goes (issue 16). */
  'import.analyse': { input: ImportAnalyseRequestSchema, output: ImportPlacementSchema },
  /** A new draft from a placement, after the writer's moves; `notes` are what to check (a guessed time). */
  'import.create': {
    input: z.object({ placement: ImportPlacementSchema }).strict(),
    output: z.object({ release: ReleaseSchema, notes: z.array(z.string()) }),
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type ApiContract = typeof apiContract;
export type ApiMethod = keyof ApiContract;
export type ApiInput<M extends ApiMethod> = z.input<ApiContract[M]['input']>;
export type ApiOutput<M extends ApiMethod> = z.output<ApiContract[M]['output']>;

export const API_METHODS: readonly ApiMethod[] = API_METHOD_NAMES;

// Compile-time proof that the name list and the table agree in both directions.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _namesMatchTable: Same<ApiMethod, ApiMethodName> = true;
void _namesMatchTable;

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.hasOwn(apiContract, name);
}

/** The shape of the client the renderer sees: one async function per method, never throwing. */
export type PressroomApi = {
  [M in ApiMethod]: (input: ApiInput<M>) => Promise<Result<ApiOutput<M>>>;
};
