import { z } from 'zod';
import { MAX_TEXT_LENGTH, ReleaseTypeSchema } from '../release/schema';
import {
  assertNever,
  FIELD_LIST,
  SECTION_LABELS,
  type FieldKind,
  type FieldPath,
} from '../release/structure';

/**
 * A document brought in from Word, Markdown, plain text or a paste (issue 16, item 1), as the import sees it: a
 * list of blocks, each placed in one field of the release structure. The classifier (place-blocks.ts) proposes the
 * placement, the writer may move blocks on the review screen, and build-content.ts turns the placement into the
 * release's content. Shared so that the renderer's paste path can use the same classifier.
 */

/** One block of the document: its text in the structure's inline markup (**strong**, *emphasis*, [label](url)). */
export const IMPORT_BLOCK_KINDS = ['heading', 'paragraph', 'list-item'] as const;
export type ImportBlockKind = (typeof IMPORT_BLOCK_KINDS)[number];

export interface ImportBlock {
  kind: ImportBlockKind;
  text: string;
  /** A list item of a numbered list. */
  ordered?: boolean;
}

/** More blocks than any release has (a long release is ~100): past this the document is refused, not ground through. */
export const MAX_IMPORT_BLOCKS = 3000;

/**
 * Whether a field of a kind can take blocks of a document. A switch over every kind, so that a new kind of the
 * structure must be decided on here before the code compiles. Protected people are never imported: they are the
 * office's own list, typed on purpose, and never text of the document.
 */
export function kindTakesBlocks(kind: FieldKind): boolean {
  switch (kind) {
    case 'choice': // a type line ("WITNESS APPEAL")
    case 'line':
    case 'date-time':
    case 'embargo':
    case 'prose':
    case 'key-details':
    case 'paragraphs':
    case 'notes':
    case 'quotes':
    case 'contacts':
    case 'url':
    case 'links':
      return true;
    case 'time-zone': // the profile's, never in a document
    case 'list': // tags: internal filing, chosen by the office
    case 'protected-people':
    case 'change-notes': // the office's record of its own corrections
      return false;
    default:
      return assertNever(kind);
  }
}

/** A block the release does not print as text: a heading ("Notes to editors") or a line Pressroom prints itself. */
export const LEFT_OUT = 'left-out' as const;

/** Where a block can go: every field of the structure that takes blocks, in reading order, or left out. */
export const IMPORT_TARGETS = [
  ...FIELD_LIST.filter((spec) => kindTakesBlocks(spec.kind)).map((spec) => spec.path),
  LEFT_OUT,
] as unknown as [FieldPath | typeof LEFT_OUT, ...(FieldPath | typeof LEFT_OUT)[]];
export type ImportTarget = FieldPath | typeof LEFT_OUT;

/** As a writer reads it on the review screen: "Body", "Header — Issued by", "Left out (Pressroom prints it)". */
export function importTargetLabel(target: ImportTarget): string {
  if (target === LEFT_OUT) return 'Left out (a heading or a line Pressroom prints)';
  const spec = FIELD_LIST.find((candidate) => candidate.path === target)!;
  const section = SECTION_LABELS[spec.section];
  return section === spec.label ? section : `${section} — ${spec.label}`;
}

const blockText = z.string().max(MAX_TEXT_LENGTH, 'A paragraph of the document is too long to import');

export const ImportBlockSchema = z.object({
  kind: z.enum(IMPORT_BLOCK_KINDS),
  text: blockText,
  ordered: z.boolean().optional(),
});

export const PlacedBlockSchema = ImportBlockSchema.extend({
  target: z.enum(IMPORT_TARGETS),
  /** Why the block is where it is when the classifier could not tell (it then goes to the body): shown to the writer. */
  flag: z.string().max(500).nullable(),
});
export type PlacedBlock = z.infer<typeof PlacedBlockSchema>;

export const ImportPlacementSchema = z.object({
  /** The file it came from, or "pasted text". */
  source: z.string().max(500),
  type: ReleaseTypeSchema,
  blocks: z
    .array(PlacedBlockSchema)
    .max(MAX_IMPORT_BLOCKS, `A document of more than ${MAX_IMPORT_BLOCKS} paragraphs is not a press release`),
});
export type ImportPlacement = z.infer<typeof ImportPlacementSchema>;

/** A Word file larger than this is refused before it is opened: a release with a logo is well under 1 MB. */
export const MAX_DOCX_BYTES = 10 * 1024 * 1024;
/** Text (Markdown, plain, pasted HTML) longer than this is refused with a message, never parsed. */
export const MAX_IMPORT_TEXT = 1024 * 1024;
/**
 * What the API lets through to the import, above its own limits: a 5 MB paste reaches the import, which answers
 * in a sentence how large it is and what it takes, rather than a schema's "too long".
 */
const MAX_IMPORT_REQUEST_TEXT = 8 * MAX_IMPORT_TEXT;

export const IMPORT_KINDS = ['docx', 'markdown', 'text', 'html'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The kind of a file by its name: .docx, .md/.markdown, .txt/.text, .htm/.html; null for anything else. */
export function importKindOf(fileName: string): ImportKind | null {
  const extension = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'docx') return 'docx';
  if (extension === 'md' || extension === 'markdown') return 'markdown';
  if (extension === 'txt' || extension === 'text') return 'text';
  if (extension === 'htm' || extension === 'html') return 'html';
  return null;
}

/** A document to analyse: a Word file as base64, or text (Markdown, plain, HTML). */
export const ImportAnalyseRequestSchema = z
  .object({
    fileName: z.string().min(1).max(300),
    kind: z.enum(IMPORT_KINDS),
    text: z
      .string()
      .max(MAX_IMPORT_REQUEST_TEXT, 'This text is far too large to be a press release')
      .optional(),
    dataBase64: z
      .string()
      .max(
        Math.ceil((MAX_DOCX_BYTES * 4) / 3) + 4,
        'This Word file is larger than 10 MB: import the release on its own',
      )
      .optional(),
  })
  .strict();
