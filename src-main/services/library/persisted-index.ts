import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { writeFileDurably } from '../workspace/durable-file';
import { openDocument } from '../storage/document-store';
import type { WorkspaceLayout } from '../workspace/layout';
import { keepText, sectionsOf } from './kept-text';
import type { LibraryEntry, LibraryIndex, TextPart } from './library-index';

/**
 * The library index on disk (issue 15): in this computer's folder for the workspace (user-data,
 * `workspaces/<hash of the workspace path>/cache/`), never in the shared folder: it is a cache, rebuilt from the
 * releases whenever it is missing, stale or unreadable.
 *
 *   library-index.json   format, version, a token, and the entries: summaries, sort keys, revision names (small:
 *                        read first, so that the library is listed and filtered at once on a warm open)
 *   library-text.json    a line with the same token, then a line per release with its searchable text (large:
 *                        read as a stream after, while the library is already in use, and the word index
 *                        (term-index.ts) built from it in chunks; free-text searches wait for it)
 *
 * Each is written durably (temp file, fsync, rename), the text file first. A text file whose token differs from
 * the entries' (a crash between the two writes) is not used: the text is then read again from the releases. A file
 * that cannot be read is set aside (renamed `.unreadable-<time>`) and the index is built from the releases.
 */

export const INDEX_FORMAT = 'pressroom-library-index' as const;
/** Raised whenever what an entry holds or how text is indexed changes: an older index is then rebuilt. */
export const INDEX_VERSION = 4 as const;

export type PersistedIndexStatus = 'warm' | 'missing' | 'unreadable' | 'outdated';

const UnreadableSchema = z.object({
  id: z.string(),
  key: z.string(),
  problem: z.object({ file: z.string(), message: z.string(), movedTo: z.string().nullable() }),
});

/**
 * The entries file. Entries are checked by shape cheaply, the first and the last: one that does not fit means the
 * file is not what this app wrote; checking all 10,000 would cost the warm open a good part of its second.
 */
const SummariesSchema = z.object({
  format: z.literal(INDEX_FORMAT),
  version: z.literal(INDEX_VERSION),
  token: z.string(),
  entries: z
    .array(z.unknown())
    .refine(
      (entries) =>
        entries.length === 0 ||
        [entries[0], entries.at(-1)].every((entry) => EntrySchema.safeParse(entry).success),
      'The entries are not those of a library index.',
    ),
  /** Releases none of whose revisions could be read when the index was written, with what the library said. */
  unreadable: z.array(UnreadableSchema).default([]),
});
type Summaries = z.infer<typeof SummariesSchema>;

/** The entries file through the app's one store of JSON documents (a cache: an older one is simply replaced). */
function summariesDocument(layout: WorkspaceLayout) {
  return openDocument<Summaries>({
    path: indexFiles(layout).entries,
    schema: SummariesSchema,
    version: INDEX_VERSION,
    versionField: 'version',
    outdated: 'replace',
    format: 'compact',
    maxBytes: 512 * 1024 * 1024,
    defaults: () => ({
      format: INDEX_FORMAT,
      version: INDEX_VERSION,
      token: '',
      entries: [],
      unreadable: [],
    }),
  });
}

export type PersistedUnreadable = z.infer<typeof UnreadableSchema>;

const EntrySchema = z.object({
  id: z.string(),
  area: z.enum(['releases', 'trash']),
  key: z.string(),
  summary: z.object({ id: z.string(), headline: z.string(), tags: z.array(z.string()) }).loose(),
  workflow: z.object({ status: z.string() }).loose(),
  sort: z.object({ id: z.string(), updatedMs: z.number(), releaseInstant: z.number(), headline: z.string() }),
});

export function indexFiles(layout: WorkspaceLayout): { entries: string; text: string } {
  const folder = layout.cacheFolder();
  return { entries: join(folder, 'library-index.json'), text: join(folder, 'library-text.json') };
}

export type PersistedSummaries =
  | { status: 'ok'; entries: LibraryEntry[]; token: string; unreadable: PersistedUnreadable[] }
  | { status: Exclude<PersistedIndexStatus, 'warm'> };

/** The entries file: the summaries a warm open lists the library from. */
export async function loadPersistedSummaries(layout: WorkspaceLayout): Promise<PersistedSummaries> {
  const read = await summariesDocument(layout).read();
  if (read.source === 'missing') return { status: 'missing' };
  if (read.source === 'problem') {
    if (read.problem?.kind === 'outdated') return { status: 'outdated' };
    // Set aside by the store when it was not an index (or left, when unreadable or from a newer Pressroom); the
    // text part written with it goes too, and the index is built again from the releases.
    await setAside(indexFiles(layout).text);
    return { status: 'unreadable' };
  }
  return {
    status: 'ok',
    entries: read.data.entries as LibraryEntry[],
    token: read.data.token,
    unreadable: read.data.unreadable,
  };
}

const TextHeadSchema = z.object({
  format: z.literal(INDEX_FORMAT),
  version: z.literal(INDEX_VERSION),
  token: z.string(),
});
const TextLineSchema = z.tuple([
  z.string(),
  z.array(z.object({ text: z.string(), inHeadline: z.boolean() })),
]);

/**
 * The text part written with the entries of `token`; null when missing, unreadable or of other entries. One line
 * per release, read as a stream: never one 40 MB parse that holds the main process and its memory.
 */
export async function loadPersistedText(layout: WorkspaceLayout, token: string): Promise<TextPart | null> {
  const path = indexFiles(layout).text;
  let lines: ReturnType<typeof createInterface>;
  try {
    lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  } catch {
    return null;
  }
  const fields: TextPart['fields'] = [];
  let head = true;
  try {
    for await (const line of lines) {
      if (head) {
        head = false;
        const parsed = TextHeadSchema.safeParse(JSON.parse(line));
        if (!parsed.success) throw new Error('not an index');
        if (parsed.data.token !== token) return null;
        continue;
      }
      if (line === '') continue;
      const parsed = TextLineSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error('not an index line');
      // Kept compact as each line is read: the text part is never in memory as 10,000 arrays of section objects.
      fields.push([parsed.data[0], keepText(parsed.data[1])]);
    }
  } catch (error) {
    lines.close();
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    await setAside(path);
    return null;
  }
  return head ? null : { fields };
}

export async function savePersistedIndex(
  layout: WorkspaceLayout,
  index: LibraryIndex,
  unreadable: readonly PersistedUnreadable[] = [],
): Promise<void> {
  const files = indexFiles(layout);
  await fsp.mkdir(layout.cacheFolder(), { recursive: true });
  const token = randomBytes(8).toString('hex');
  // One snapshot of both parts, taken at once: a save while the text is written does not mix two states.
  const { entries, text } = index.toJSON();
  const head = { format: INDEX_FORMAT, version: INDEX_VERSION, token };
  await writeFileDurably(files.text, textLines(head, text));
  await summariesDocument(layout).write({ ...head, entries, unreadable: [...unreadable] });
}

/**
 * The text part's lines, a few hundred at a time, giving the event loop back between parts every few milliseconds:
 * made in one go, the 25 MB of 10,000 releases held the main process for 150-200 ms every time the index was
 * kept, and a save arriving then waited as long (issue 15: nothing the index does blocks saving).
 */
async function* textLines(head: object, text: TextPart): AsyncGenerator<string> {
  yield `${JSON.stringify(head)}\n`;
  let lines: string[] = [];
  let sliceStart = performance.now();
  for (const [id, kept] of text.fields) {
    lines.push(`${JSON.stringify([id, sectionsOf(kept)])}\n`);
    if (lines.length >= 200 || performance.now() - sliceStart >= 8) {
      yield lines.join('');
      lines = [];
      await new Promise<void>((resume) => setImmediate(resume));
      sliceStart = performance.now();
    }
  }
  if (lines.length > 0) yield lines.join('');
}

async function setAside(path: string): Promise<void> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  await fsp.rename(path, `${path}.unreadable-${stamp}`).catch(() => undefined);
}
