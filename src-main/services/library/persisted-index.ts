import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { writeFileDurably } from '../workspace/durable-file';
import type { WorkspaceLayout } from '../workspace/layout';
import type { LibraryEntry, LibraryIndex, TextPart } from './library-index';

/**
 * The library index on disk (issue 15): in this computer's folder for the workspace (user-data,
 * `workspaces/<hash of the workspace path>/cache/`), never in the shared folder: it is a cache, rebuilt from the
 * releases whenever it is missing, stale or unreadable.
 *
 *   library-index.json   format, version, a token, and the entries: summaries, sort keys, revision names (small:
 *                        read first, so that the library is listed and filtered at once on a warm open)
 *   library-text.json    a line with the same token, then a line per release with its searchable text (large:
 *                        read as a stream after, while the library is already in use, and MiniSearch's index
 *                        built from it in chunks; free-text searches wait for it)
 *
 * Each is written durably (temp file, fsync, rename), the text file first. A text file whose token differs from
 * the entries' (a crash between the two writes) is not used: the text is then read again from the releases. A file
 * that cannot be read is set aside (renamed `.unreadable-<time>`) and the index is built from the releases.
 */

export const INDEX_FORMAT = 'pressroom-library-index';
/** Raised whenever what an entry holds or how text is indexed changes: an older index is then rebuilt. */
export const INDEX_VERSION = 4;

export type PersistedIndexStatus = 'warm' | 'missing' | 'unreadable' | 'outdated';

const HeaderSchema = z.object({
  format: z.literal(INDEX_FORMAT),
  version: z.number().int(),
  token: z.string(),
  entries: z.array(z.unknown()),
  /** Releases none of whose revisions could be read when the index was written, with what the library said. */
  unreadable: z
    .array(
      z.object({
        id: z.string(),
        key: z.string(),
        problem: z.object({ file: z.string(), message: z.string(), movedTo: z.string().nullable() }),
      }),
    )
    .default([]),
});

export type PersistedUnreadable = z.infer<typeof HeaderSchema>['unreadable'][number];

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
  const files = indexFiles(layout);
  let raw: string;
  try {
    raw = await fsp.readFile(files.entries, 'utf8');
  } catch {
    return { status: 'missing' };
  }
  let header: z.infer<typeof HeaderSchema>;
  try {
    const parsed = HeaderSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) throw new Error('not an index');
    header = parsed.data;
  } catch {
    await setAside(files.entries);
    await setAside(files.text);
    return { status: 'unreadable' };
  }
  if (header.version !== INDEX_VERSION) return { status: 'outdated' };
  // Entries are checked by shape, cheaply (the first and the last): one that does not fit means the file is not
  // what this app wrote.
  const sample = header.entries.length > 0 ? [header.entries[0], header.entries.at(-1)] : [];
  if (!sample.every((entry) => EntrySchema.safeParse(entry).success)) {
    await setAside(files.entries);
    await setAside(files.text);
    return { status: 'unreadable' };
  }
  return {
    status: 'ok',
    entries: header.entries as LibraryEntry[],
    token: header.token,
    unreadable: header.unreadable,
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
      fields.push(parsed.data as TextPart['fields'][number]);
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
  const { entries, text } = index.toJSON();
  const head = { format: INDEX_FORMAT, version: INDEX_VERSION, token };
  await writeFileDurably(
    files.text,
    [JSON.stringify(head), ...text.fields.map((line) => JSON.stringify(line))].join('\n') + '\n',
  );
  await writeFileDurably(files.entries, JSON.stringify({ ...head, entries, unreadable }));
}

async function setAside(path: string): Promise<void> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  await fsp.rename(path, `${path}.unreadable-${stamp}`).catch(() => undefined);
}
