import { z } from 'zod';
import { ReleaseStatusSchema } from './status';
import {
  ActorSchema,
  ApprovalSignatureSchema,
  ApprovalStepSchema,
  ContentHashSchema,
  PersonSchema,
} from '../workflow/people';
import { PrivacyDecisionSchema } from '../workflow/privacy-decision';
import { GOVUK_WORDS_TO_AVOID_LIST } from '../checks/govuk-words-to-avoid';

/**
 * The release model: the standard press-release structure (ARCHITECTURE §1) described once.
 * The form, the checks, the renderer and the store all read these schemas; the JSON Schema in
 * docs/release.schema.json is generated from them (`npm run schema`).
 */

/** Bumped whenever the shape of a stored release changes; `migrateRelease` upgrades older files. */
export const RELEASE_SCHEMA_VERSION = 5;
export const WORKSPACE_SCHEMA_VERSION = 3;

/**
 * Generous ceiling on any single text field. It exists so that a pasted multi-megabyte blob is refused with a
 * message instead of freezing the preview or bloating every save; a real release is far below it.
 */
export const MAX_TEXT_LENGTH = 200_000;

const text = (max = MAX_TEXT_LENGTH) =>
  z.string().max(max, `Too long: keep this under ${max.toLocaleString('en-GB')} characters`);

export const RELEASE_TYPES = [
  'news-release',
  'statement',
  'witness-appeal',
  'media-advisory',
  'outcome',
  'embargoed-release',
] as const;
export const ReleaseTypeSchema = z.enum(RELEASE_TYPES);
export type ReleaseType = z.infer<typeof ReleaseTypeSchema>;

export const RELEASE_TYPE_LABELS: Record<ReleaseType, string> = {
  'news-release': 'News release',
  statement: 'Statement',
  'witness-appeal': 'Witness appeal',
  'media-advisory': 'Media advisory',
  outcome: 'Outcome / hearing result',
  'embargoed-release': 'Embargoed release',
};

export { RELEASE_STATUSES, ReleaseStatusSchema, RELEASE_STATUS_LABELS, type ReleaseStatus } from './status';

/** A wall-clock time in the organisation's zone, as typed in a `datetime-local` field: `2024-07-18T09:30`. */
export const LocalDateTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Use a date and time like 2024-07-18T09:30');

/** IANA zone name such as Europe/London; checked against the runtime's time-zone database. */
export const TimeZoneSchema = z
  .string()
  .refine(isKnownTimeZone, 'Unknown time zone: use a name like Europe/London');

/** Zones already asked about: making a DateTimeFormat is the costliest step of parsing a release. */
const knownZones = new Map<string, boolean>();

function isKnownTimeZone(zone: string): boolean {
  const known = knownZones.get(zone);
  if (known !== undefined) return known;
  let answer: boolean;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    answer = zone.length > 0;
  } catch {
    answer = false;
  }
  // Bounded: a hostile file cannot grow the map without limit.
  if (knownZones.size < 1000) knownZones.set(zone, answer);
  return answer;
}

export const IdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'An id is letters, digits, - and _ only (at most 64)');

export const EmbargoSchema = z.object({
  until: LocalDateTimeSchema,
  timeZone: TimeZoneSchema,
});
export type Embargo = z.infer<typeof EmbargoSchema>;

export const ReleaseHeaderSchema = z.object({
  type: ReleaseTypeSchema,
  organisation: text(300),
  /** When the release is dated, in `timeZone`. */
  releaseDate: LocalDateTimeSchema,
  timeZone: TimeZoneSchema,
  /** null = "For immediate release". */
  embargo: EmbargoSchema.nullable(),
  reference: text(100),
  tags: z.array(text(80)).max(50),
});
export type ReleaseHeader = z.infer<typeof ReleaseHeaderSchema>;

/** Body and background paragraphs carry a stable id so that quotes and comments can point at them. */
export const ParagraphSchema = z.object({
  id: IdSchema,
  text: text(),
});
export type Paragraph = z.infer<typeof ParagraphSchema>;

export const QuoteSchema = z.object({
  id: IdSchema,
  speakerName: text(200),
  speakerRole: text(300),
  organisation: text(300),
  paragraphs: z.array(text()).max(50),
  /** The body paragraph this quote follows; null places it after the last body paragraph. */
  afterParagraphId: IdSchema.nullable(),
});
export type Quote = z.infer<typeof QuoteSchema>;

export const NoteSchema = z.object({ id: IdSchema, text: text() });
export type Note = z.infer<typeof NoteSchema>;

/**
 * A type-specific key fact from the release's template: a witness appeal's contact route, a media advisory's
 * what / when / where. Stored with its label so that a release reads the same if its template changes later.
 */
export const DetailSchema = z.object({ key: IdSchema, label: text(200), text: text() });
export type Detail = z.infer<typeof DetailSchema>;
export const ContactSchema = z.object({
  name: text(200),
  role: text(200),
  phone: text(60),
  email: text(320),
  outOfHours: text(200),
});
export type Contact = z.infer<typeof ContactSchema>;

/**
 * A contact of a release. The id lets a comment follow the contact when the list changes; it is optional because
 * releases written before it was added have none (the editor gives them one on the next save), and it is not part
 * of the content hash, so adding it never makes a sign-off lapse.
 */
export const ReleaseContactSchema = ContactSchema.extend({ id: z.string().min(1).max(100).optional() });
export type ReleaseContact = z.infer<typeof ReleaseContactSchema>;

/** Only these URL schemes may appear in a release: anything else (javascript:, data:, file:) is refused. */
export const ALLOWED_URL_SCHEMES = ['http:', 'https:', 'mailto:'] as const;

/**
 * Accepts only http(s) addresses with a host and mailto addresses. Whitespace and control characters are refused
 * anywhere, because browsers strip them inside a scheme ("java\tscript:") and that is a classic filter bypass.
 * A regular expression rather than `URL` so that this runs unchanged in src-shared (no DOM, no node: globals).
 */
export function isAllowedUrl(value: string): boolean {
  const url = value.trim();
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused
  if (url === '' || /[\u0000-\u0020\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(url))
    return false;
  if (/^https?:\/\/[^/?#@]+(?:[/?#].*)?$/i.test(url)) return true;
  return /^mailto:[^@]+@[^@]+$/i.test(url);
}

/**
 * Stored as typed, so that a half-written address never blocks an autosave; the editorial checks flag anything
 * that is not http, https or mailto, and the renderer only ever makes a link of an allowed address.
 */
export const UrlFieldSchema = text(2000);

export const LinkSchema = z.object({
  id: IdSchema,
  label: text(300),
  url: UrlFieldSchema,
});
export type Link = z.infer<typeof LinkSchema>;

/**
 * What else identifies a protected person besides their name: the matters of s1(3A) of the Sexual Offences
 * (Amendment) Act 1992 (address, school or other educational establishment, place of work, and any other
 * identifying detail). A press officer types them as they might be written in a release ("Ashford Grammar School").
 */
export const IDENTIFIER_KINDS = ['address', 'school', 'workplace', 'other'] as const;
export const IDENTIFIER_KIND_LABELS: Record<(typeof IDENTIFIER_KINDS)[number], string> = {
  address: 'Address or street',
  school: 'School or college',
  workplace: 'Place of work',
  other: 'Other identifying detail',
};
export const IdentifierSchema = z.object({
  kind: z.enum(IDENTIFIER_KINDS),
  text: text(300),
});
export type Identifier = z.infer<typeof IdentifierSchema>;

/**
 * A person who must not be identified by this release (a victim of a sexual offence, a complainant, a witness, a
 * child). The name and the variants a writer might use (surname alone, first name alone, initials, nicknames)
 * must never appear in a published field; the identifiers must not either, and other releases that name them
 * give a jigsaw warning.
 */
export const ProtectedPersonSchema = z.object({
  id: IdSchema,
  name: text(200),
  /** Written by hand on top of those the checks derive from the name (surname, first name, initials). */
  variants: z.array(text(200)).max(50),
  identifiers: z.array(IdentifierSchema).max(50),
});
export type ProtectedPerson = z.infer<typeof ProtectedPersonSchema>;

/** Protected people known by name only, as older releases and quick tests have them: ids person-1, person-2, … */
export function protectedPeopleNamed(...names: string[]): ProtectedPerson[] {
  return names.map((name, index) => ({ id: `person-${index + 1}`, name, variants: [], identifiers: [] }));
}

/** One line per person for lists and diffs: "Jane Doe (also: Jane, J.D.; school: Ashford Grammar)". */
export function describeProtectedPerson(person: ProtectedPerson): string {
  const also = person.variants.map((v) => v.trim()).filter(Boolean);
  const extras = [
    ...(also.length > 0 ? [`also: ${also.join(', ')}`] : []),
    ...person.identifiers
      .filter((identifier) => identifier.text.trim() !== '')
      .map(
        (identifier) => `${IDENTIFIER_KIND_LABELS[identifier.kind].toLowerCase()}: ${identifier.text.trim()}`,
      ),
  ];
  return extras.length > 0 ? `${person.name.trim()} (${extras.join('; ')})` : person.name.trim();
}

/**
 * One entry of a release's public change history (issue 17, item 2; GOV.UK's "Updates to this page"): what a
 * correction changed, as readers are told it. Part of the content, so it syncs with the text and is signed off
 * with it: the note's text and importance are in the content hash. `publishedAt` is not: it is the workflow's,
 * stamped when the corrected text is published (null until then: the note of a correction in progress), so the
 * stamp never makes a sign-off lapse. A major change is announced in the newsroom's feed; a minor one (a typo,
 * a broken link) is shown on the page only, as GOV.UK does.
 */
export const CHANGE_NOTE_IMPORTANCE = ['major', 'minor'] as const;
export const ChangeNoteImportanceSchema = z.enum(CHANGE_NOTE_IMPORTANCE);
export type ChangeNoteImportance = z.infer<typeof ChangeNoteImportanceSchema>;
export const MAX_CHANGE_NOTE_LENGTH = 1000;
export const ChangeNoteSchema = z.object({
  id: IdSchema,
  text: text(MAX_CHANGE_NOTE_LENGTH),
  importance: ChangeNoteImportanceSchema,
  publishedAt: z.iso.datetime().nullable(),
});
export type ChangeNote = z.infer<typeof ChangeNoteSchema>;

/** The editable content of a release: everything a writer types, nothing the workflow records. */
export const ReleaseContentSchema = z.object({
  header: ReleaseHeaderSchema,
  headline: text(1000),
  standfirst: text(5000),
  details: z.array(DetailSchema).max(20),
  body: z.array(ParagraphSchema).max(500),
  quotes: z.array(QuoteSchema).max(100),
  background: z.array(ParagraphSchema).max(500),
  notesToEditors: z.array(NoteSchema).max(100),
  boilerplate: text(),
  mediaContacts: z.array(ReleaseContactSchema).max(20),
  canonicalUrl: UrlFieldSchema,
  relatedLinks: z.array(LinkSchema).max(50),
  endMark: text(40),
  /**
   * People this release must not identify (a victim, a witness, a child). Internal: checked on every keystroke,
   * never rendered into the preview or an export.
   */
  anonymityList: z.array(ProtectedPersonSchema).max(200),
  /** The public change history: one note per published correction, oldest first (see ChangeNoteSchema). */
  changeNotes: z.array(ChangeNoteSchema).max(100),
});
export type ReleaseContent = z.infer<typeof ReleaseContentSchema>;

export const LastEditSchema = z.object({
  revision: z.number().int().positive(),
  by: ActorSchema,
  contentHash: ContentHashSchema,
  at: z.iso.datetime(),
});
export type LastEdit = z.infer<typeof LastEditSchema>;

/**
 * Which release a duplicate was copied from, as it was then (its id and headline). A record about the release, not
 * part of its content: never rendered, never in the content hash, so the copy's headline stays as written and an
 * export never carries a "Copy of" mark.
 */
export const CopiedFromSchema = z.object({ id: IdSchema, headline: z.string().max(1000) });
export type CopiedFrom = z.infer<typeof CopiedFromSchema>;

/** Bounds of the typed reasons of issue 17's steps: a withdrawal's public explanation, an emergency's reason. */
export const MAX_WITHDRAWAL_EXPLANATION_LENGTH = 2000;
export const MAX_UNCHECKED_REASON_LENGTH = 1000;

/**
 * Withdrawing a published release (issue 17, item 2): one person asks, with an explanation the public reads on
 * the release's page, and a second person confirms (unless the workspace allows self-approval). A workflow
 * record, not content: the page keeps the text as it was and shows the explanation above it.
 */
export const WithdrawalSchema = z.object({
  explanation: z.string().trim().min(1).max(MAX_WITHDRAWAL_EXPLANATION_LENGTH),
  requestedBy: ActorSchema,
  requestedAt: z.iso.datetime(),
  /** Null while the request waits for a second person. */
  confirmedBy: ActorSchema.nullable(),
  confirmedAt: z.iso.datetime().nullable(),
});
export type Withdrawal = z.infer<typeof WithdrawalSchema>;

/**
 * Published without a second check (issue 17, item 4): an approver published alone, with a typed reason, over
 * exactly this content. The release carries the mark until another person records a review afterwards.
 */
export const UncheckedPublishSchema = z.object({
  by: ActorSchema,
  at: z.iso.datetime(),
  reason: z.string().trim().min(1).max(MAX_UNCHECKED_REASON_LENGTH),
  contentHash: ContentHashSchema,
  /** Who reviewed it afterwards; null until someone has. */
  reviewedAfter: z
    .object({
      by: ActorSchema,
      at: z.iso.datetime(),
      outcome: z.enum(['fine', 'needs-correction']),
      note: z.string().max(5000).optional(),
    })
    .nullable(),
});
export type UncheckedPublish = z.infer<typeof UncheckedPublishSchema>;

/** A stored release: its content plus identity, revision and workflow state. */
export const ReleaseSchema = ReleaseContentSchema.extend({
  schemaVersion: z.literal(RELEASE_SCHEMA_VERSION),
  id: IdSchema,
  /**
   * Incremented by the store on every successful save. A save must name the revision it was based on;
   * a save based on an older revision is refused so that no writer silently overwrites another.
   */
  revision: z.number().int().nonnegative(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  status: ReleaseStatusSchema,
  /** Sign-offs given so far, each bound to the hash of the content it covers (ARCHITECTURE §5). */
  approvals: z.array(ApprovalSignatureSchema).max(20),
  /** Who changed the content since its last full approval: none of them may approve it (four-eyes). */
  editedSinceApproval: z.array(z.string().max(100)).max(500),
  /**
   * Decisions to publish this text although it names a protected person, each by a second person, with a reason,
   * bound to the content hash (workflow/privacy-decision.ts). Optional: files from before it read as none.
   */
  privacyDecisions: z.array(PrivacyDecisionSchema).max(100).optional(),
  /**
   * The newest save that changed the content: who, which revision, which content. Written by the store in the same
   * atomic write as the content, so that an audit entry lost to a crash can be recorded afterwards from it
   * (review/workflow.ts). Optional: files from before it, and releases never edited, have none.
   */
  lastEdit: LastEditSchema.optional(),
  /** Set when the release was made by duplicating another (library "Duplicate"); absent otherwise. */
  copiedFrom: CopiedFromSchema.optional(),
  /** A withdrawal asked for or confirmed (issue 17); absent otherwise. Cleared when the release is reopened. */
  withdrawal: WithdrawalSchema.optional(),
  /** Published without a second check (issue 17); absent otherwise. Cleared when the text changes. */
  uncheckedPublish: UncheckedPublishSchema.optional(),
});
export type Release = z.infer<typeof ReleaseSchema>;

/** What the library lists: enough to show and search a row without loading every section. */
export const ReleaseSummarySchema = z.object({
  id: IdSchema,
  headline: z.string(),
  type: ReleaseTypeSchema,
  status: ReleaseStatusSchema,
  releaseDate: LocalDateTimeSchema,
  timeZone: z.string(),
  updatedAt: z.iso.datetime(),
  revision: z.number().int().nonnegative(),
  tags: z.array(z.string()),
  standfirst: z.string(),
  /** For the library and batch export: an embargo still in force must be confirmed before a final export. */
  embargo: EmbargoSchema.nullable(),
  /** The library tells a copy from its original by this ("Copy of: …"), not by its headline. */
  copiedFrom: CopiedFromSchema.optional(),
  /** Published without a second check and not yet reviewed afterwards: the library shows a mark. */
  publishedUnchecked: z.boolean().optional(),
});
export type ReleaseSummary = z.infer<typeof ReleaseSummarySchema>;

export function summariseRelease(release: Release): ReleaseSummary {
  return {
    id: release.id,
    headline: release.headline,
    type: release.header.type,
    status: release.status,
    releaseDate: release.header.releaseDate,
    timeZone: release.header.timeZone,
    updatedAt: release.updatedAt,
    revision: release.revision,
    tags: release.header.tags,
    standfirst: release.standfirst,
    embargo: release.header.embargo,
    ...(release.copiedFrom ? { copiedFrom: release.copiedFrom } : {}),
    ...(release.status === 'published' && release.uncheckedPublish && !release.uncheckedPublish.reviewedAfter
      ? { publishedUnchecked: true }
      : {}),
  };
}

export const HouseLimitsSchema = z.object({
  headlineCharacters: z.number().int().positive(),
  headlineWords: z.number().int().positive(),
  standfirstWords: z.number().int().positive(),
  standfirstCharacters: z.number().int().positive(),
  paragraphWords: z.number().int().positive(),
  sentenceWords: z.number().int().positive(),
});
export type HouseLimits = z.infer<typeof HouseLimitsSchema>;

export const DEFAULT_HOUSE_LIMITS: HouseLimits = {
  headlineCharacters: 65,
  headlineWords: 14,
  standfirstWords: 35,
  standfirstCharacters: 160,
  paragraphWords: 80,
  sentenceWords: 30,
};

/**
 * Where the end mark ("ENDS") is printed. UK practice: after the story, its quotes and background, before the
 * notes to editors, the about paragraph and the contacts ('after-story'); some houses put it last.
 */
export const END_MARK_PLACEMENTS = ['after-story', 'after-everything'] as const;
export const EndMarkPlacementSchema = z.enum(END_MARK_PLACEMENTS);
export type EndMarkPlacement = z.infer<typeof EndMarkPlacementSchema>;

/**
 * The GOV.UK style guide's checks (src-shared/checks/house-style.ts), each of which an organisation may turn off,
 * and the acronyms its readers know without a spelled-out form.
 */
export const HouseStyleSchema = z.object({
  /** An acronym is spelled out the first time it is used: "Independent Office for Police Conduct (IOPC)". */
  acronyms: z.boolean(),
  /** Dates as "18 July 2024": not "18th July", "July 18" or "18/07/2024". */
  dates: z.boolean(),
  /** Times as "5:30pm", "midday", "midnight": not "17:30", "1730hrs", "12 noon" or "5.30 p.m.". */
  times: z.boolean(),
  /** "today", "yesterday" and "tomorrow" followed by the date in brackets: "today (18 July 2024)". */
  relativeDates: z.boolean(),
  /** Headline in the active voice: not "Man was arrested". */
  headlineActive: z.boolean(),
  /** Headline in sentence case: not "Council Opens New Library". */
  headlineSentenceCase: z.boolean(),
  /** Acronyms that need no spelled-out form, such as UK, BBC and the organisation's own short name. */
  knownAcronyms: z.array(text(20)).max(200),
});
export type HouseStyle = z.infer<typeof HouseStyleSchema>;
export type HouseStyleRule = Exclude<keyof HouseStyle, 'knownAcronyms'>;

/** Well known enough that GOV.UK and the public read them without a spelled-out form. */
export const DEFAULT_KNOWN_ACRONYMS: readonly string[] = [
  'UK',
  'US',
  'EU',
  'UN',
  'BBC',
  'ITV',
  'NHS',
  'MP',
  'GP',
  'ID',
  'TV',
  'OK',
  'AM',
  'PM',
  'VAT',
  'DVLA',
  'CCTV',
  'DNA',
  'MOT',
  'HIV',
  'GCSE',
  'COVID',
];

export const DEFAULT_HOUSE_STYLE: HouseStyle = {
  acronyms: true,
  dates: true,
  times: true,
  relativeDates: true,
  headlineActive: true,
  headlineSentenceCase: true,
  knownAcronyms: [...DEFAULT_KNOWN_ACRONYMS],
};

export const OrganisationProfileSchema = z.object({
  name: text(300),
  boilerplate: text(),
  contacts: z.array(ContactSchema).max(20),
  outOfHours: text(200),
  timeZone: TimeZoneSchema,
  /** BCP 47 tag used for dates, e.g. en-GB gives "18 July 2024". */
  locale: z.string().min(2).max(35),
  endMark: text(40),
  wordsToAvoid: z.array(text(100)).max(500),
  limits: HouseLimitsSchema,
  houseStyle: HouseStyleSchema,
  /** File name of the logo image inside the workspace's assets folder, if any. */
  logo: z.string().max(200).nullable(),
  // The two print settings below are optional rather than migrated: a profile saved without them prints as the
  // defaults say (src-shared/render/release-layout.ts), so no workspace schema version is spent on them.
  /** Where the end mark is printed; absent = 'after-story'. */
  endMarkPlacement: EndMarkPlacementSchema.optional(),
  /** A caption under each quotation repeating "Name, role, organisation"; absent = off (the "said:" line names them). */
  quoteCredit: z.boolean().optional(),
});
export type OrganisationProfile = z.infer<typeof OrganisationProfileSchema>;

export const WorkspaceSettingsSchema = z.object({
  /** Four-eyes rule: off unless the workspace explicitly allows writers to approve their own text. */
  allowSelfApproval: z.boolean(),
  /** How many other published releases the "Latest news" list of an export shows. */
  latestNewsCount: z.number().int().min(0).max(20),
  /** Sign-offs in order (press officer -> legal -> director); empty = one sign-off by an approver. */
  approvalChain: z.array(ApprovalStepSchema).max(10),
});
export type WorkspaceSettings = z.infer<typeof WorkspaceSettingsSchema>;

export const WorkspaceFileSchema = z.object({
  schemaVersion: z.literal(WORKSPACE_SCHEMA_VERSION),
  profile: OrganisationProfileSchema,
  settings: WorkspaceSettingsSchema,
  /** Everyone who has worked in this workspace, as they declared themselves. */
  people: z.array(PersonSchema).max(500),
});
export type WorkspaceFile = z.infer<typeof WorkspaceFileSchema>;

export const DEFAULT_PROFILE: OrganisationProfile = {
  name: 'Your organisation',
  boilerplate: '',
  contacts: [],
  outOfHours: '',
  timeZone: 'Europe/London',
  locale: 'en-GB',
  endMark: 'ENDS',
  // GOV.UK's published list; an organisation edits its own copy on the profile screen.
  wordsToAvoid: [...GOVUK_WORDS_TO_AVOID_LIST],
  limits: DEFAULT_HOUSE_LIMITS,
  houseStyle: DEFAULT_HOUSE_STYLE,
  logo: null,
  endMarkPlacement: 'after-story',
  quoteCredit: false,
};

export const DEFAULT_SETTINGS: WorkspaceSettings = {
  allowSelfApproval: false,
  latestNewsCount: 8,
  approvalChain: [],
};
