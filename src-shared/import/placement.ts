import { z } from 'zod';
import { MAX_TEXT_LENGTH, ReleaseTypeSchema } from '../release/schema';
import {
  assertNever,
  FIELD_LIST,
  IMPORT_AFTER_ENDS,
  IMPORT_HEADER_LINES,
  IMPORT_PARTS,
  IMPORT_ZONES,
  SECTION_LABELS,
  type FieldKind,
  type FieldPath,
  type FieldSpec,
  type ImportAfterEnds,
  type ImportHeaderLine,
  type ImportPart,
  type ImportSource,
  type ImportZone,
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

/**
 * The field each way of finding text in a document fills, read from the table's `importFrom`: the classifier
 * (place-blocks.ts) asks these and names no field itself, so a field added to the table with a way the classifier
 * knows is placed without touching it.
 */
export interface ImportRoutes {
  line: Readonly<Record<ImportHeaderLine, FieldSpec>>;
  zone: Readonly<Record<ImportZone, FieldSpec>>;
  part: Readonly<Record<ImportPart, FieldSpec>>;
  afterEnds: Readonly<Record<ImportAfterEnds, FieldSpec>>;
}

/** "zone notes", "line date": a way of finding text, as a key and as an error message says it. */
export function importSourceName(source: ImportSource): string {
  if ('line' in source) return `line ${source.line}`;
  if ('zone' in source) return `zone ${source.zone}`;
  if ('part' in source) return `part ${source.part}`;
  return `after-ends ${source.afterEnds}`;
}

/**
 * The routes of a table. Throws on a table the classifier could not follow: a way that no field takes (a block
 * found that way would have nowhere to go), one that two fields take (which one would be a guess), or a field
 * whose kind takes no blocks that still names a way.
 */
export function importRoutesOf(fields: readonly FieldSpec[]): ImportRoutes {
  const taken = new Map<string, FieldSpec>();
  for (const spec of fields) {
    if (spec.importFrom.length > 0 && !kindTakesBlocks(spec.kind))
      throw new Error(`${spec.path} is imported, but a ${spec.kind} field takes no blocks of a document`);
    for (const source of spec.importFrom) {
      const name = importSourceName(source);
      const other = taken.get(name);
      if (other) throw new Error(`Both ${other.path} and ${spec.path} are imported by ${name}`);
      taken.set(name, spec);
    }
  }
  const routes = <Way extends string>(
    of: (way: Way) => ImportSource,
    ways: readonly Way[],
  ): Record<Way, FieldSpec> =>
    Object.fromEntries(
      ways.map((way) => {
        const spec = taken.get(importSourceName(of(way)));
        if (!spec) throw new Error(`No field of the structure is imported by ${importSourceName(of(way))}`);
        return [way, spec];
      }),
    ) as Record<Way, FieldSpec>;
  return {
    line: routes((line) => ({ line }), IMPORT_HEADER_LINES),
    zone: routes((zone) => ({ zone }), IMPORT_ZONES),
    part: routes((part) => ({ part }), IMPORT_PARTS),
    afterEnds: routes((afterEnds) => ({ afterEnds }), IMPORT_AFTER_ENDS),
  };
}

export const IMPORT_ROUTES: ImportRoutes = importRoutesOf(FIELD_LIST);

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
