import type { ReleaseContent, ReleaseHeader } from './schema';
import { list, record, str } from './loose-values';

/**
 * The release structure, written once (ARCHITECTURE §1). Every section of a press release and every field of
 * `ReleaseContentSchema`, in reading order, with what a person sees of it (label, hint), what limits it has,
 * whether it is published or internal, what a comment on it points at, and how the renderers print it.
 *
 * Everything that has to know "which fields are there" walks this table: the checks (`textFields`), the library
 * search, the release diff, the content hash, both renderers, comment anchors, the section navigator and the
 * form. A field of the schema that is missing here is a compile error (`FIELDS` is a mapped type over the
 * schema's keys), and a test holds the limits here to the schema's.
 *
 * Learned the hard way: a hand-kept field list missed the key-details block and a protected name there was
 * published unchecked.
 */

// --- sections ---------------------------------------------------------------------------------------------------

/** `commentable`: reviewers can comment on the section as a whole (and on its items where a field says so). */
export const SECTIONS = [
  { id: 'header', label: 'Header', published: true, commentable: true },
  { id: 'headline', label: 'Headline', published: true, commentable: true },
  { id: 'standfirst', label: 'Standfirst', published: true, commentable: true },
  { id: 'body', label: 'Body', published: true, commentable: true },
  { id: 'quotes', label: 'Quotes', published: true, commentable: true },
  { id: 'background', label: 'Background', published: true, commentable: true },
  { id: 'notesToEditors', label: 'Notes to editors', published: true, commentable: true },
  { id: 'boilerplate', label: 'About', published: true, commentable: true },
  { id: 'mediaContacts', label: 'Media contacts', published: true, commentable: true },
  { id: 'links', label: 'Links', published: true, commentable: true },
  { id: 'endMark', label: 'End mark', published: true, commentable: false },
  // GOV.UK's "Updates to this page": shown at the foot of a corrected release (issue 17, item 2).
  { id: 'changeNotes', label: 'Updates to this page', published: true, commentable: false },
  { id: 'protectedPeople', label: 'Protected people', published: false, commentable: false },
] as const;

/** Sections a reviewer can comment on, in reading order. */
export type CommentableSectionId = Extract<(typeof SECTIONS)[number], { commentable: true }>['id'];
export const COMMENTABLE_SECTION_IDS = SECTIONS.filter((section) => section.commentable).map(
  (section) => section.id,
) as CommentableSectionId[];

export type SectionId = (typeof SECTIONS)[number]['id'];
export const SECTION_IDS: readonly SectionId[] = SECTIONS.map((section) => section.id);
export const SECTION_LABELS = Object.fromEntries(SECTIONS.map((s) => [s.id, s.label])) as Record<
  SectionId,
  string
>;

// --- fields -----------------------------------------------------------------------------------------------------

/** A form path of a whole field: a top-level key of the content, or `header.` and a key of the header. */
export type FieldPath = Exclude<keyof ReleaseContent, 'header'> | `header.${keyof ReleaseHeader}`;

/**
 * What kind of thing a field holds; each kind has one form control, one way to diff, hash and render. A `switch`
 * over the kind that forgets one does not compile (see `assertNever`).
 */
export type FieldKind =
  | 'choice' // one of a fixed list (the release type)
  | 'line' // one line of plain text
  | 'date-time' // a wall-clock date and time in the release's zone
  | 'time-zone'
  | 'embargo' // none, or a date-time and zone
  | 'list' // short entries, one per row (tags)
  | 'prose' // one block of inline text: emphasis, links and lists allowed
  | 'key-details' // the template's labelled facts
  | 'paragraphs' // ordered paragraphs with ids
  | 'notes' // numbered notes with ids
  | 'quotes'
  | 'contacts'
  | 'url'
  | 'links'
  | 'protected-people'
  | 'change-notes'; // the public change history: dated notes, major or minor (release/change-notes.ts)

/** One piece of a writer's text inside a field, with the form path of the control that edits it. */
export interface TextPart {
  /** react-hook-form path: `headline`, `body.2.text`, `quotes.0.speakerName`. */
  field: string;
  text: string;
  /** As a person would say it: "Paragraph 3", "Quote 1 — speaker". */
  label: string;
}

/** The parts of one item of a list field (a quote's speaker, a contact's phone), each a text. */
export interface ItemPart {
  key: string;
  label: string;
  /** Characters; the schema's limit. */
  maxCharacters: number;
}

/** Where the renderers put a field. `internal` fields are never rendered into a preview or an export. */
export type Placement =
  | 'issuer'
  | 'meta' // the line with type and date
  | 'timing' // "FOR IMMEDIATE RELEASE" or the embargo line
  | 'reference'
  | 'headline'
  | 'standfirst'
  | 'key-details'
  | 'body' // body paragraphs with the quotes placed among them
  | 'section' // a section of its own with `heading`
  | 'end-mark'
  | 'internal';

// --- import -----------------------------------------------------------------------------------------------------

/**
 * The parts of a document the import of a Word or text file reads past the headline (src-shared/import/
 * place-blocks.ts): the story, then each section a heading opens. read-lines.ts `sectionHeadingOf` says which zone
 * a heading opens ("Notes to editors": notes, "About Northshire Police": about, "Key details": details).
 */
export const IMPORT_ZONES = [
  'story',
  'background',
  'notes',
  'about',
  'contacts',
  'links',
  'details',
] as const;
export type ImportZone = (typeof IMPORT_ZONES)[number];

/** The header's lines the import recognises each on its own (read-lines.ts has a reader for each). */
export const IMPORT_HEADER_LINES = ['type', 'issuer', 'date', 'embargo', 'reference'] as const;
export type ImportHeaderLine = (typeof IMPORT_HEADER_LINES)[number];

/**
 * Parts of a release the import finds by their place or their words rather than by a heading: the headline (the
 * first line after the header's), the lead (the story's first paragraph), a quotation ("Role Name said:" and the
 * quoted paragraphs after it), a key detail ("Where: Ashford town hall", a label of the release type's template),
 * the original-article link ("Original article: https://…"), the end mark ("ENDS").
 */
export const IMPORT_PARTS = [
  'headline',
  'lead',
  'quotation',
  'key-detail',
  'original-link',
  'end-mark',
] as const;
export type ImportPart = (typeof IMPORT_PARTS)[number];

/** After the end mark without a heading: a numbered line, or a line with a phone number or an email address. */
export const IMPORT_AFTER_ENDS = ['numbered', 'contact'] as const;
export type ImportAfterEnds = (typeof IMPORT_AFTER_ENDS)[number];

/** One way the import finds a field's text in a document. Each way fills one field of the table. */
export type ImportSource =
  { line: ImportHeaderLine } | { zone: ImportZone } | { part: ImportPart } | { afterEnds: ImportAfterEnds };

export interface FieldSpec<P extends FieldPath = FieldPath> {
  path: P;
  section: SectionId;
  kind: FieldKind;
  label: string;
  hint: string;
  /** Printed in the preview and every export. False: internal, never leaves the workspace (tags, protected people). */
  published: boolean;
  /** Found by the library search. Every published field is; an internal one only where it is the office's own
   * filing (tags), never the protected people. */
  searchable: boolean;
  limits: {
    /** The schema's limit on the text (of each item for list kinds). */
    maxCharacters?: number;
    /** The schema's limit on the number of items of a list kind. */
    maxItems?: number;
  };
  /** For list kinds: one item, as a person says it ("paragraph", "note"), and the label of item n. */
  item?: { noun: string; label: string };
  /** For items with several texts (quotes, contacts, links, key details): those texts, in reading order. */
  parts?: readonly ItemPart[];
  /**
   * Whether a reviewer can comment on one item of this field (a paragraph, a quote, a contact), by the item's id.
   * Comments on the section as a whole are the section's `commentable`.
   */
  commentsOnItems: boolean;
  /**
   * How the import of a Word or text document finds this field (src-shared/import/place-blocks.ts walks these, and
   * never names a field). Empty: the import never fills it; every field whose kind takes a document's blocks
   * (import/placement.ts `kindTakesBlocks`) has at least one way, and a test places a document by each.
   */
  importFrom: readonly ImportSource[];
  render: {
    placement: Placement;
    /** The heading of a `section` placement, in the HTML page (h2) and the plain text (underlined). */
    heading?: string;
    /** The heading goes on to name the issuing organisation: "About" + "IOPC" prints "About IOPC". */
    namesIssuer?: boolean;
    /**
     * Matter for editors rather than the story (notes to editors, about, contacts, links). UK practice prints the
     * end mark ("ENDS") after the story, before the first of these; see the profile's `endMarkPlacement`.
     */
    forEditors?: boolean;
    /** Printed at the very foot, after the end mark wherever the house puts it (GOV.UK's "Updates to this page"). */
    atFoot?: boolean;
  };
}

const line = (text: string, field: string, label: string): TextPart => ({ field, text, label });

// Limits shared with the schema (schema.ts): the table test holds them equal.
const TEXT = 200_000;

/**
 * Every field of the content, in reading order. A mapped type over `FieldPath`: a schema field missing here, or
 * one here that the schema does not have, fails to compile.
 */
export const FIELDS: { readonly [P in FieldPath]: FieldSpec<P> } = {
  'header.type': {
    path: 'header.type',
    section: 'header',
    kind: 'choice',
    label: 'Release type',
    hint: '',
    published: true,
    searchable: false,
    limits: {},
    commentsOnItems: false,
    importFrom: [{ line: 'type' }],
    render: { placement: 'meta' },
  },
  'header.organisation': {
    path: 'header.organisation',
    section: 'header',
    kind: 'line',
    label: 'Issued by',
    hint: '',
    published: true,
    searchable: true,
    limits: { maxCharacters: 300 },
    commentsOnItems: false,
    importFrom: [{ line: 'issuer' }],
    render: { placement: 'issuer' },
  },
  'header.releaseDate': {
    path: 'header.releaseDate',
    section: 'header',
    kind: 'date-time',
    label: 'Release date and time',
    hint: 'In the time zone beside it.',
    published: true,
    searchable: false,
    limits: {},
    commentsOnItems: false,
    importFrom: [{ line: 'date' }],
    render: { placement: 'meta' },
  },
  'header.timeZone': {
    path: 'header.timeZone',
    section: 'header',
    kind: 'time-zone',
    label: 'Time zone',
    hint: '',
    published: true,
    searchable: false,
    limits: {},
    commentsOnItems: false,
    importFrom: [],
    render: { placement: 'meta' },
  },
  'header.embargo': {
    path: 'header.embargo',
    section: 'header',
    kind: 'embargo',
    label: 'Embargo',
    hint: 'Shown at the top of every export until it passes.',
    published: true,
    searchable: false,
    limits: {},
    commentsOnItems: false,
    importFrom: [{ line: 'embargo' }],
    render: { placement: 'timing' },
  },
  'header.reference': {
    path: 'header.reference',
    section: 'header',
    kind: 'line',
    label: 'Reference',
    hint: "Your office's reference, if any.",
    published: true,
    searchable: true,
    limits: { maxCharacters: 100 },
    commentsOnItems: false,
    importFrom: [{ line: 'reference' }],
    render: { placement: 'reference' },
  },
  'header.tags': {
    path: 'header.tags',
    section: 'header',
    kind: 'list',
    label: 'Tags',
    hint: 'Regions or topics, one per row. Internal: for filing and search, never printed.',
    published: false,
    searchable: true,
    limits: { maxCharacters: 80, maxItems: 50 },
    item: { noun: 'tag', label: 'Tag' },
    commentsOnItems: false,
    importFrom: [],
    render: { placement: 'internal' },
  },
  headline: {
    path: 'headline',
    section: 'headline',
    kind: 'line',
    label: 'Headline',
    hint: 'One sentence in the active voice: who did what. No full stop.',
    published: true,
    searchable: true,
    limits: { maxCharacters: 1000 },
    commentsOnItems: false,
    importFrom: [{ part: 'headline' }],
    render: { placement: 'headline' },
  },
  standfirst: {
    path: 'standfirst',
    section: 'standfirst',
    kind: 'prose',
    label: 'Standfirst',
    hint: 'One or two sentences saying who, what, when and where. Most readers stop here.',
    published: true,
    searchable: true,
    limits: { maxCharacters: 5000 },
    commentsOnItems: false,
    importFrom: [{ part: 'lead' }],
    render: { placement: 'standfirst' },
  },
  details: {
    path: 'details',
    section: 'standfirst',
    kind: 'key-details',
    label: 'Key details',
    hint: "The template's key facts, printed as a block under the standfirst.",
    published: true,
    searchable: true,
    limits: { maxCharacters: TEXT, maxItems: 20 },
    item: { noun: 'key detail', label: 'Key detail' },
    parts: [
      { key: 'label', label: 'label', maxCharacters: 200 },
      { key: 'text', label: 'text', maxCharacters: TEXT },
    ],
    commentsOnItems: false,
    importFrom: [{ zone: 'details' }, { part: 'key-detail' }],
    render: { placement: 'key-details' },
  },
  body: {
    path: 'body',
    section: 'body',
    kind: 'paragraphs',
    label: 'Body',
    hint: 'Most important first (inverted pyramid). Short paragraphs, one idea each.',
    published: true,
    searchable: true,
    limits: { maxCharacters: TEXT, maxItems: 500 },
    item: { noun: 'paragraph', label: 'Paragraph' },
    commentsOnItems: true,
    importFrom: [{ zone: 'story' }],
    render: { placement: 'body' },
  },
  quotes: {
    path: 'quotes',
    section: 'quotes',
    kind: 'quotes',
    label: 'Quotes',
    hint: 'Each quote needs a speaker and their role. Place it after the paragraph it supports.',
    published: true,
    searchable: true,
    limits: { maxCharacters: TEXT, maxItems: 100 },
    item: { noun: 'quote', label: 'Quote' },
    parts: [
      { key: 'speakerName', label: 'speaker', maxCharacters: 200 },
      { key: 'speakerRole', label: "speaker's role", maxCharacters: 300 },
      { key: 'organisation', label: 'organisation', maxCharacters: 300 },
      { key: 'paragraphs', label: 'quotation', maxCharacters: TEXT },
    ],
    commentsOnItems: true,
    importFrom: [{ part: 'quotation' }],
    render: { placement: 'body' },
  },
  background: {
    path: 'background',
    section: 'background',
    kind: 'paragraphs',
    label: 'Background',
    hint: 'How the matter arose, dates, earlier decisions. Facts only.',
    published: true,
    searchable: true,
    limits: { maxCharacters: TEXT, maxItems: 500 },
    item: { noun: 'paragraph', label: 'Background paragraph' },
    commentsOnItems: true,
    importFrom: [{ zone: 'background' }],
    render: { placement: 'section', heading: 'Background' },
  },
  notesToEditors: {
    path: 'notesToEditors',
    section: 'notesToEditors',
    kind: 'notes',
    label: 'Notes to editors',
    hint: 'Numbered notes for journalists: context that is not part of the story.',
    published: true,
    searchable: true,
    limits: { maxCharacters: TEXT, maxItems: 100 },
    item: { noun: 'note', label: 'Note to editors' },
    commentsOnItems: true,
    importFrom: [{ zone: 'notes' }, { afterEnds: 'numbered' }],
    render: { placement: 'section', heading: 'Notes to editors', forEditors: true },
  },
  boilerplate: {
    path: 'boilerplate',
    section: 'boilerplate',
    kind: 'prose',
    label: 'About',
    hint: "The organisation's standard paragraph, from its profile. Edit it for this release only if you must.",
    published: true,
    searchable: true,
    limits: { maxCharacters: TEXT },
    commentsOnItems: false,
    importFrom: [{ zone: 'about' }],
    // The heading names the organisation ("About IOPC"); the renderers compose it.
    render: { placement: 'section', heading: 'About', namesIssuer: true, forEditors: true },
  },
  mediaContacts: {
    path: 'mediaContacts',
    section: 'mediaContacts',
    kind: 'contacts',
    label: 'Media contacts',
    hint: 'Who journalists should call, with an out-of-hours line.',
    published: true,
    searchable: true,
    limits: { maxItems: 20 },
    item: { noun: 'contact', label: 'Media contact' },
    parts: [
      { key: 'name', label: 'name', maxCharacters: 200 },
      { key: 'role', label: 'role', maxCharacters: 200 },
      { key: 'phone', label: 'phone', maxCharacters: 60 },
      { key: 'email', label: 'email', maxCharacters: 320 },
      { key: 'outOfHours', label: 'out of hours', maxCharacters: 200 },
    ],
    commentsOnItems: true,
    importFrom: [{ zone: 'contacts' }, { afterEnds: 'contact' }],
    render: { placement: 'section', heading: 'Media contacts', forEditors: true },
  },
  canonicalUrl: {
    path: 'canonicalUrl',
    section: 'links',
    kind: 'url',
    label: 'Original article link',
    hint: 'Where this release is published, starting https://',
    published: true,
    searchable: true,
    limits: { maxCharacters: 2000 },
    commentsOnItems: false,
    importFrom: [{ part: 'original-link' }],
    render: { placement: 'section', heading: 'Links', forEditors: true },
  },
  relatedLinks: {
    path: 'relatedLinks',
    section: 'links',
    kind: 'links',
    label: 'Related links',
    hint: 'Only https, http and mailto addresses.',
    published: true,
    searchable: true,
    limits: { maxItems: 50 },
    item: { noun: 'link', label: 'Related link' },
    parts: [
      { key: 'label', label: 'text', maxCharacters: 300 },
      { key: 'url', label: 'address', maxCharacters: 2000 },
    ],
    commentsOnItems: false,
    importFrom: [{ zone: 'links' }],
    render: { placement: 'section', heading: 'Links', forEditors: true },
  },
  endMark: {
    path: 'endMark',
    section: 'endMark',
    kind: 'line',
    label: 'End mark',
    hint: 'The house mark after the story, such as ENDS.',
    published: true,
    searchable: false,
    limits: { maxCharacters: 40 },
    commentsOnItems: false,
    importFrom: [{ part: 'end-mark' }],
    render: { placement: 'end-mark' },
  },
  changeNotes: {
    path: 'changeNotes',
    section: 'changeNotes',
    kind: 'change-notes',
    label: 'Updates to this page',
    hint:
      'A correction of a published release says here what changed, in a sentence readers understand. ' +
      'Major changes are announced in the news feed; minor ones (a typo, a broken link) are shown on the page only.',
    published: true,
    searchable: false,
    limits: { maxCharacters: 1000, maxItems: 100 },
    item: { noun: 'change note', label: 'Change note' },
    commentsOnItems: false,
    importFrom: [],
    render: { placement: 'section', heading: 'Updates to this page', atFoot: true },
  },
  anonymityList: {
    path: 'anonymityList',
    section: 'protectedPeople',
    kind: 'protected-people',
    label: 'Protected people',
    hint: 'Victims, witnesses, children: never published. A published section that names them or their details is an error.',
    published: false,
    searchable: false,
    limits: { maxCharacters: 200, maxItems: 200 },
    item: { noun: 'person', label: 'Protected person' },
    commentsOnItems: false,
    importFrom: [],
    render: { placement: 'internal' },
  },
};

/** Every field in reading order. */
export const FIELD_LIST: readonly FieldSpec[] = Object.values(FIELDS);

export function fieldsOfSection(section: SectionId): readonly FieldSpec[] {
  return FIELD_LIST.filter((spec) => spec.section === section);
}

/** The value of a field of `content`; tolerant of a half-filled form (the preview renders live values). */
export function fieldValue(content: Partial<ReleaseContent>, path: FieldPath): unknown {
  if (path.startsWith('header.')) {
    const header = (content as { header?: Record<string, unknown> }).header;
    return header?.[path.slice('header.'.length)];
  }
  return (content as Record<string, unknown>)[path];
}

function items(value: unknown): readonly Record<string, unknown>[] {
  return list(value).map(record);
}

/**
 * Every piece of a writer's text in one field, with its form path and a label: the walk the checks, the search
 * and the protected-person guard share. Choice, date and zone fields hold no writer's text.
 */
export function fieldTexts(content: Partial<ReleaseContent>, spec: FieldSpec): TextPart[] {
  const value = fieldValue(content, spec.path);
  const path = spec.path;
  switch (spec.kind) {
    case 'choice':
    case 'date-time':
    case 'time-zone':
    case 'embargo':
      return [];
    case 'line':
    case 'prose':
    case 'url':
      return [line(str(value), path, spec.label)];
    case 'list':
      return (Array.isArray(value) ? value : []).map((entry, i) =>
        line(str(entry), `${path}.${i}`, `${spec.item!.label} ${i + 1}`),
      );
    case 'paragraphs':
    case 'notes':
      return items(value).map((item, i) =>
        line(str(item.text), `${path}.${i}.text`, `${spec.item!.label} ${i + 1}`),
      );
    case 'key-details':
      return items(value).flatMap((item, i) => [
        line(str(item.label), `${path}.${i}.label`, `${str(item.label) || spec.item!.label} — label`),
        line(str(item.text), `${path}.${i}.text`, str(item.label) || `${spec.item!.label} ${i + 1}`),
      ]);
    case 'quotes':
      return items(value).flatMap((item, i) => {
        const name = `${spec.item!.label} ${i + 1}`;
        return [
          line(str(item.speakerName), `${path}.${i}.speakerName`, `${name} — speaker`),
          line(str(item.speakerRole), `${path}.${i}.speakerRole`, `${name} — speaker's role`),
          line(str(item.organisation), `${path}.${i}.organisation`, `${name} — organisation`),
          ...(Array.isArray(item.paragraphs) ? item.paragraphs : []).map((text, j) =>
            line(str(text), `${path}.${i}.paragraphs.${j}`, `${name} — quotation`),
          ),
        ];
      });
    case 'contacts':
    case 'links':
      return items(value).flatMap((item, i) =>
        spec.parts!.map((part) =>
          line(
            str(item[part.key]),
            `${path}.${i}.${part.key}`,
            `${spec.item!.label} ${i + 1} — ${part.label}`,
          ),
        ),
      );
    case 'protected-people':
      return items(value).flatMap((item, i) => [
        line(str(item.name), `${path}.${i}.name`, `${spec.item!.label} ${i + 1}`),
        ...(Array.isArray(item.variants) ? item.variants : []).map((variant, j) =>
          line(str(variant), `${path}.${i}.variants.${j}`, `${spec.item!.label} ${i + 1} — also named`),
        ),
        ...items(item.identifiers).map((identifier, j) =>
          line(
            str(identifier.text),
            `${path}.${i}.identifiers.${j}.text`,
            `${spec.item!.label} ${i + 1} — identifying detail`,
          ),
        ),
      ]);
    case 'change-notes':
      return items(value).map((item, i) =>
        line(str(item.text), `${path}.${i}.text`, `${spec.item!.label} ${i + 1}`),
      );
    default:
      return assertNever(spec.kind);
  }
}

/** Every published piece of text of a release, in reading order, with its section. */
export function publishedTexts(content: Partial<ReleaseContent>): Array<TextPart & { section: SectionId }> {
  return FIELD_LIST.filter((spec) => spec.published).flatMap((spec) =>
    fieldTexts(content, spec).map((part) => ({ ...part, section: spec.section })),
  );
}

/** The texts the library search looks in, in reading order. */
export function searchableTexts(content: Partial<ReleaseContent>): TextPart[] {
  return FIELD_LIST.filter((spec) => spec.searchable).flatMap((spec) => fieldTexts(content, spec));
}

/**
 * The form path of the control that edits item `index` of a field (the one a jump from the preview or a comment
 * lands on), or of the field itself for kinds without items.
 */
export function itemFormPath(spec: FieldSpec, index = 0): string {
  switch (spec.kind) {
    case 'paragraphs':
    case 'notes':
    case 'key-details':
    case 'change-notes':
      return `${spec.path}.${index}.text`;
    case 'quotes':
      return `${spec.path}.${index}.paragraphs`;
    case 'contacts':
      return `${spec.path}.${index}.name`;
    case 'links':
      return `${spec.path}.${index}.label`;
    case 'protected-people':
      return `${spec.path}.${index}.name`;
    case 'list':
      return `${spec.path}.${index}`;
    case 'choice':
    case 'line':
    case 'prose':
    case 'url':
    case 'date-time':
    case 'time-zone':
    case 'embargo':
      return spec.path;
    default:
      return assertNever(spec.kind);
  }
}

/** The first control a writer types in for a section: where a jump to the section as a whole lands. */
export function sectionFormPath(section: SectionId): string {
  const fields = fieldsOfSection(section);
  const typed = fields.find((spec) => fieldTexts({}, spec).length > 0 || spec.item) ?? fields[0]!;
  return itemFormPath(typed, 0);
}

/** The field of a form path or preview mark (`body.2.text`, `quotes.0`, `header.reference`). */
export function fieldOfPath(path: string): FieldSpec | undefined {
  const [first = '', second = ''] = path.split('.');
  const key = first === 'header' ? `header.${second}` : first;
  return Object.hasOwn(FIELDS, key) ? FIELDS[key as FieldPath] : undefined;
}

/** Whether a section holds anything the writer typed (the navigator's "complete" tick). */
export function isSectionFilled(content: Partial<ReleaseContent>, section: SectionId): boolean {
  return fieldsOfSection(section).some((spec) =>
    fieldTexts(content, spec).some((part) => part.text.trim() !== ''),
  );
}

/** Copies exactly the content fields of a release (for a restore, say): no field is forgotten. */
export function pickContent(source: ReleaseContent): ReleaseContent {
  const header = {} as Record<string, unknown>;
  const out = {} as Record<string, unknown>;
  for (const spec of FIELD_LIST) {
    if (spec.path.startsWith('header.')) {
      const key = spec.path.slice('header.'.length);
      header[key] = (source.header as unknown as Record<string, unknown>)[key];
    } else {
      out[spec.path] = (source as unknown as Record<string, unknown>)[spec.path];
    }
  }
  out.header = header;
  return out as unknown as ReleaseContent;
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}
