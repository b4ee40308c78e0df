import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { WorkspaceLayout } from '../workspace/layout';
import { z } from 'zod';
import { sha256 } from '../../../src-shared/workflow/content-hash';
import {
  CommentAnchorSchema,
  type CommentAnchor,
  type CommentThread,
} from '../../../src-shared/workflow/review-records';
import { ActorSchema, type Actor } from '../../../src-shared/workflow/workflow';
import {
  FileTooLargeError,
  formatBytes,
  isErrorCode,
  NotRegularFileError,
  readRegularTextFile,
  syncFolder,
} from '../workspace/durable-file';
import { withFileLock } from '../workspace/file-lock';
import { checkReleaseId, StoreError } from '../workspace/store';

/** One person's comments on one release: thousands of comments are a few MB; anything bigger is not read. */
const MAX_COMMENT_FILE_BYTES = 32 * 1024 * 1024;

/**
 * Review comments (issue 5, item 4), kept apart from the release file so that a reviewer commenting never bumps
 * the revision under a writer who is typing (which would refuse the writer's next save as stale).
 *
 *   comments/<releaseId>/<author>.jsonl   one event per line, appended by that author only
 *
 * One file per author because the folder may be shared: two people on two computers never append to the same
 * file, so a sync tool never has to merge one. Events are only appended (a thread is resolved and reopened, never
 * deleted); reading merges every author's file in time order.
 */
export interface ReviewComments {
  /** The threads, and a sentence for each record that could not be read (left in its file, not shown). */
  list(releaseId: string): Promise<{ threads: CommentThread[]; problems: string[] }>;
  add(releaseId: string, author: Actor, anchor: CommentAnchor, text: string): Promise<CommentThread[]>;
  reply(releaseId: string, author: Actor, threadId: string, text: string): Promise<CommentThread[]>;
  setResolved(
    releaseId: string,
    author: Actor,
    threadId: string,
    resolved: boolean,
  ): Promise<CommentThread[]>;
  /** Every event, for a release file. */
  exportEvents(releaseId: string): Promise<CommentEvent[]>;
  /** Adds the events of a release file that are not here yet, each to its author's file; answers how many. */
  importEvents(releaseId: string, events: readonly CommentEvent[]): Promise<number>;
}

export const CommentEventSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('thread'),
    id: z.string().min(1).max(100),
    at: z.iso.datetime(),
    author: ActorSchema,
    anchor: CommentAnchorSchema,
    text: z.string().max(20_000),
  }),
  z.object({
    kind: z.literal('reply'),
    id: z.string().min(1).max(100),
    threadId: z.string().min(1).max(100),
    at: z.iso.datetime(),
    author: ActorSchema,
    text: z.string().max(20_000),
  }),
  z.object({
    kind: z.literal('status'),
    threadId: z.string().min(1).max(100),
    resolved: z.boolean(),
    at: z.iso.datetime(),
    author: ActorSchema,
  }),
]);
export type CommentEvent = z.infer<typeof CommentEventSchema>;
const EventSchema = CommentEventSchema;

/** Two copies of one event (here and in a release file) are the same event. */
function eventKey(event: CommentEvent): string {
  return event.kind === 'status'
    ? `status:${event.threadId}:${event.at}:${event.author.id}:${String(event.resolved)}`
    : `${event.kind}:${event.id}`;
}

export function createReviewComments(
  layout: WorkspaceLayout,
  options: { now?: () => Date; makeId?: () => string } = {},
): ReviewComments {
  const now = options.now ?? (() => new Date());
  const makeId = options.makeId ?? (() => `c-${randomHex(8)}`);
  const folderOf = (releaseId: string) => layout.commentsFolder(checkReleaseId(releaseId));

  async function readEvents(releaseId: string): Promise<CommentEvent[]> {
    return (await readAll(releaseId)).events;
  }

  /** Every readable event in time order, and a sentence for each line that could not be read. */
  async function readAll(releaseId: string): Promise<{ events: CommentEvent[]; problems: string[] }> {
    const folder = folderOf(releaseId);
    let names: string[];
    try {
      names = (await fsp.readdir(folder)).filter((name) => name.endsWith('.jsonl'));
    } catch (error) {
      if (isErrorCode(error, 'ENOENT')) return { events: [], problems: [] };
      throw new StoreError('io', `The comments of this release could not be read (${String(error)}).`);
    }
    const events: CommentEvent[] = [];
    const problems: string[] = [];
    for (const name of names.sort()) {
      // Only a regular file, and never more than any person's comments could be: a pipe or a huge junk file named
      // like a comment file is reported by name without being read (issue 13, items 4 and 6).
      let text: string | null;
      let why = '';
      try {
        text = await readRegularTextFile(join(folder, name), MAX_COMMENT_FILE_BYTES);
      } catch (error) {
        text = null;
        why =
          error instanceof FileTooLargeError
            ? ` (it is ${formatBytes(error.size)}, more than comments can be)`
            : error instanceof NotRegularFileError
              ? ` (it is ${error.kind}, not a file)`
              : '';
      }
      if (text === null) {
        problems.push(
          `${layout.relative(join(folder, name)) ?? name} could not be read${why}; it was left as it is.`,
        );
        continue;
      }
      text.split('\n').forEach((line, index) => {
        if (!line.trim()) return;
        // A line torn by a crash, or mangled by hand, is skipped and said: the other comments still show, and
        // the line stays in the file for whoever wants to mend it.
        let parsed: ReturnType<typeof EventSchema.safeParse> | null;
        try {
          parsed = EventSchema.safeParse(JSON.parse(line));
        } catch {
          parsed = null;
        }
        if (parsed?.success) events.push(parsed.data);
        else
          problems.push(
            `${layout.relative(join(folder, name)) ?? name}, line ${index + 1}, could not be read; it was left in the file.`,
          );
      });
    }
    events.sort((a, b) => (a.at === b.at ? 0 : a.at < b.at ? -1 : 1));
    return { events, problems };
  }

  /**
   * Appends whole lines durably. A file whose last line was torn by a crash gets a line break first, so that the
   * new event starts a line of its own instead of being glued to the torn one (and lost from view with it).
   */
  async function appendLines(folder: string, path: string, events: readonly CommentEvent[]): Promise<void> {
    await fsp.mkdir(folder, { recursive: true });
    await withFileLock(path, async () => {
      const handle = await fsp.open(path, 'a+');
      try {
        const { size } = await handle.stat();
        let prefix = '';
        if (size > 0) {
          const last = new Uint8Array(1);
          await handle.read(last, 0, 1, size - 1);
          if (last[0] !== 0x0a) prefix = '\n';
        }
        await handle.appendFile(
          `${prefix}${events.map((event) => `${JSON.stringify(event)}\n`).join('')}`,
          'utf8',
        );
        await handle.sync();
      } finally {
        await handle.close();
      }
    });
    await syncFolder(folder).catch(() => undefined);
  }

  async function append(releaseId: string, author: Actor, event: CommentEvent): Promise<CommentThread[]> {
    const folder = folderOf(releaseId);
    const path = join(folder, `${fileStem(author.id)}.jsonl`);
    try {
      await appendLines(folder, path, [event]);
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError(
        'io',
        `The comment could not be saved (${String(error)}). Your text is still here.`,
      );
    }
    return threadsOf(await readEvents(releaseId));
  }

  async function existingThread(releaseId: string, threadId: string): Promise<CommentThread> {
    const thread = threadsOf(await readEvents(releaseId)).find((candidate) => candidate.id === threadId);
    if (!thread) throw new StoreError('not-found', 'That comment is no longer there.');
    return thread;
  }

  async function appendMany(releaseId: string, authorId: string, events: readonly CommentEvent[]) {
    const folder = folderOf(releaseId);
    await appendLines(folder, join(folder, `${fileStem(authorId)}.jsonl`), events);
  }

  const who = (actor: Actor): Actor => ActorSchema.parse({ id: actor.id, name: actor.name });

  return {
    async list(releaseId) {
      const { events, problems } = await readAll(releaseId);
      return { threads: threadsOf(events), problems };
    },
    add(releaseId, author, anchor, text) {
      return append(releaseId, author, {
        kind: 'thread',
        id: makeId(),
        at: now().toISOString(),
        author: who(author),
        anchor,
        text: text.trim(),
      });
    },
    async reply(releaseId, author, threadId, text) {
      await existingThread(releaseId, threadId);
      return append(releaseId, author, {
        kind: 'reply',
        id: makeId(),
        threadId,
        at: now().toISOString(),
        author: who(author),
        text: text.trim(),
      });
    },
    exportEvents(releaseId) {
      return readEvents(releaseId);
    },
    async importEvents(releaseId, events) {
      const known = new Set((await readEvents(releaseId)).map(eventKey));
      const fresh = events.filter((event) => !known.has(eventKey(event)));
      const byAuthor = new Map<string, CommentEvent[]>();
      for (const event of fresh)
        byAuthor.set(event.author.id, [...(byAuthor.get(event.author.id) ?? []), event]);
      try {
        for (const [authorId, list] of byAuthor) await appendMany(releaseId, authorId, list);
      } catch (error) {
        throw new StoreError('io', `The comments in the file could not be saved here (${String(error)}).`);
      }
      return fresh.length;
    },
    async setResolved(releaseId, author, threadId, resolved) {
      const thread = await existingThread(releaseId, threadId);
      if (thread.resolved === resolved) return threadsOf(await readEvents(releaseId));
      return append(releaseId, author, {
        kind: 'status',
        threadId,
        resolved,
        at: now().toISOString(),
        author: who(author),
      });
    },
  };
}

/** Events (in time order) -> threads, oldest first. Replies and status changes to unknown threads are ignored. */
export function threadsOf(events: readonly CommentEvent[]): CommentThread[] {
  const threads = new Map<string, CommentThread>();
  for (const event of events) {
    if (event.kind === 'thread') {
      if (threads.has(event.id)) continue;
      threads.set(event.id, {
        id: event.id,
        anchor: event.anchor,
        author: event.author,
        at: event.at,
        text: event.text,
        replies: [],
        resolved: false,
        statusChanges: [],
      });
      continue;
    }
    const thread = threads.get(event.threadId);
    if (!thread) continue;
    if (event.kind === 'reply') {
      thread.replies.push({ id: event.id, author: event.author, at: event.at, text: event.text });
    } else {
      thread.resolved = event.resolved;
      thread.statusChanges.push({ resolved: event.resolved, by: event.author, at: event.at });
    }
  }
  return [...threads.values()];
}

/** A person id as a file name; anything unusual is hashed rather than trusted as a path. */
function fileStem(personId: string): string {
  return /^[A-Za-z0-9_-]{1,64}$/.test(personId) ? personId : `h-${sha256(personId).slice(0, 32)}`;
}

function randomHex(bytes: number): string {
  const buffer = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(buffer);
  return Array.from(buffer, (b) => b.toString(16).padStart(2, '0')).join('');
}
