import { promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { WorkspaceLayout } from '../workspace/layout';
import { z } from 'zod';
import { canonicalJson, sha256 } from '../../../src-shared/workflow/content-hash';
import { AUDIT_EVENTS, type AuditEvent } from '../../../src-shared/workflow/review-records';
import { ActorSchema, type Actor } from '../../../src-shared/workflow/workflow';
import { isErrorCode, syncFolder, writeFileDurably } from '../workspace/durable-file';
import { LockBusyError, withFileLock } from '../workspace/file-lock';
import { checkReleaseId, StoreError } from '../workspace/store';

/**
 * The audit trail of a release (issue 5, item 6): every workflow event, append-only and hash-chained.
 *
 *   audit/<releaseId>.jsonl       one entry per line; a line is only ever appended, never rewritten
 *   audit/<releaseId>.head.json   { seq, hash } of the newest entry, replaced after each append
 *
 * Each entry's `hash` is the SHA-256 of the canonical JSON of the entry without `hash`, and its `prevHash` is the
 * previous entry's hash (GENESIS_HASH for the first), so an entry edited, removed or moved breaks the chain at
 * that point. Dropping entries from the end leaves a valid chain, which is what the head file is for: verify
 * compares the trail with it, so a trail cut short is caught too.
 *
 * What this can and cannot show: it detects damage and plain edits (a sync tool mangling a line, someone
 * "tidying" an entry in a text editor). It cannot stop a person with write access to the folder from rebuilding
 * the whole chain, head included, with fresh hashes; that would need an anchor kept outside the folder (for
 * instance the newest hash printed on an export). Like the identities in it, the trail is a record, not a lock.
 */

export { AUDIT_EVENTS, type AuditEvent };

export type AuditDetails = Record<string, string | number>;

export interface AuditEntry {
  seq: number;
  at: string;
  actor: Actor;
  event: AuditEvent;
  details: AuditDetails;
  prevHash: string;
  hash: string;
}

export interface AuditInput {
  actor: Actor;
  event: AuditEvent;
  /** Facts a reader of the trail needs: a reason, a content hash, an export format. */
  details?: AuditDetails;
}

/**
 * changed: an entry's text differs from what was written; order: an entry is missing or out of place;
 * unreadable: a line is not an entry at all; torn: the last line is incomplete, as a crash mid-append leaves it;
 * truncated: entries the head file records are gone from the end; head: the head file is missing or damaged.
 */
export type AuditProblemKind = 'changed' | 'order' | 'unreadable' | 'torn' | 'truncated' | 'head';

export type AuditVerification =
  | { ok: true; entries: AuditEntry[] }
  | {
      ok: false;
      /** A sentence for people: "Entry 4 was changed after it was written." */
      problem: string;
      /** 1-based line of the trail file where the problem is. */
      atLine: number;
      kind: AuditProblemKind;
      /** The entries before the problem, which still check out. */
      entries: AuditEntry[];
    };

export interface AuditTrail {
  /** Appends one entry, durably (fsync) and in order, and answers with it as written. */
  append(releaseId: string, input: AuditInput, at?: Date): Promise<AuditEntry>;
  /**
   * Records that `edit.by` changed the content to `edit.revision` (an 'edited' entry), unless the trail already
   * covers that revision: an 'edited' or 'restored' entry of that revision or a later one exists, or the trail ends
   * with an 'edited' entry by the same person (one entry per run of edits by one person, not one per autosave).
   * Checked and appended under the trail's lock, so that a save and a repair of it, in two windows, record it once.
   * With `recovery`, the entry is a repair of an entry lost to a crash (see recordLostEdit in workflow.ts): it
   * says so in its details (`recovered`, when the edit was saved, who noticed), and the chain vouches for it as
   * for any other entry. Answers with the entry written, or null when none was needed.
   */
  recordEdit(
    releaseId: string,
    edit: EditRecord,
    recovery?: { noticedBy: Actor | null },
    at?: Date,
  ): Promise<AuditEntry | null>;
  /** Every entry that can still be read, for display: whether they can be trusted is verify's question. */
  read(releaseId: string): Promise<AuditEntry[]>;
  /** The newest complete entry, read from the end of the file only (every save asks, so it must stay cheap). */
  last(releaseId: string): Promise<AuditEntry | null>;
  verify(releaseId: string): Promise<AuditVerification>;
  /** The trail exactly as stored (text and head), for a release file; empty text for a release without one. */
  exportTrail(releaseId: string): Promise<TrailCopy>;
  /**
   * Takes a trail from a release file: it must verify on its own, and the trail kept here (if any) must be an
   * exact prefix of it, so that importing only ever adds entries. Refused (StoreError conflict) otherwise.
   */
  importTrail(releaseId: string, copy: TrailCopy): Promise<void>;
}

/** One save that changed the content, as the release file records it (`Release.lastEdit`). */
export interface EditRecord {
  revision: number;
  by: Actor;
  contentHash: string;
  /** When the edit was saved. */
  at: string;
}

/** A trail as carried in a release file: the exact lines, and the head that vouches for the last one. */
export interface TrailCopy {
  text: string;
  head: { seq: number; hash: string } | null;
}

/** Verifies a trail carried outside a workspace (a release file) exactly as verify() checks one on disk. */
export function verifyTrailCopy(copy: TrailCopy): AuditVerification {
  const bytes = new TextEncoder().encode(copy.text);
  const head = copy.head ? new TextEncoder().encode(JSON.stringify(copy.head)) : null;
  return verifyTrail(bytes, head);
}

/** prevHash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

const NEWLINE = 0x0a;
/** Enough for any ordinary last entry in one read; a longer one doubles the window. */
const TAIL_WINDOW = 64 * 1024;
/** A reason or comment is kept in full, but a pasted megabyte is not an audit entry. */
const MAX_DETAIL_LENGTH = 20_000;

const HashSchema = z.string().regex(/^[0-9a-f]{64}$/);
/** Strict, and without transforms: what is parsed must serialise back to the very same line. */
const StoredEntrySchema = z.strictObject({
  seq: z.number().int().positive(),
  at: z.iso.datetime(),
  actor: z.strictObject({ id: z.string(), name: z.string() }),
  event: z.enum(AUDIT_EVENTS),
  details: z.record(z.string(), z.union([z.string(), z.number()])),
  prevHash: HashSchema,
  hash: HashSchema,
});
const HeadSchema = z.strictObject({ seq: z.number().int().nonnegative(), hash: HashSchema });
type Head = z.infer<typeof HeadSchema>;

const DetailsInputSchema = z.record(
  z.string().max(100),
  z.union([z.string().max(MAX_DETAIL_LENGTH), z.number().refine(Number.isFinite, 'Numbers must be finite')]),
);

export function createAuditTrail(layout: WorkspaceLayout): AuditTrail {
  const trailPath = (releaseId: string) => layout.auditTrail(checkReleaseId(releaseId));
  const headPath = (releaseId: string) => layout.auditHead(checkReleaseId(releaseId));

  return {
    async append(releaseId, input, at = new Date()) {
      const path = trailPath(releaseId);
      const actor = ActorSchema.safeParse(input.actor);
      const details = DetailsInputSchema.safeParse(input.details ?? {});
      if (!actor.success || !details.success || !AUDIT_EVENTS.includes(input.event)) {
        throw new StoreError(
          'invalid-input',
          'This event could not be added to the audit trail: it is incomplete.',
        );
      }
      if (Number.isNaN(at.getTime())) {
        throw new StoreError(
          'invalid-input',
          'This event could not be added to the audit trail: its time is invalid.',
        );
      }
      try {
        await fsp.mkdir(dirname(path), { recursive: true });
        return await withFileLock(path, async () => {
          const last = await lastEntry(path);
          return appendAfter(path, headPath(releaseId), last, {
            actor: actor.data,
            event: input.event,
            details: details.data,
            at,
          });
        });
      } catch (error) {
        throw auditError(error, 'add to the audit trail of this release');
      }
    },

    async recordEdit(releaseId, edit, recovery, at = new Date()) {
      const path = trailPath(releaseId);
      const actor = ActorSchema.safeParse(edit.by);
      if (!actor.success || !Number.isInteger(edit.revision) || edit.revision < 1) {
        throw new StoreError(
          'invalid-input',
          'This edit could not be added to the audit trail: it is incomplete.',
        );
      }
      const details: AuditDetails = { revision: edit.revision };
      if (recovery) {
        details.recovered = 'yes';
        details.contentHash = edit.contentHash;
        details.savedAt = edit.at;
        if (recovery.noticedBy) details.recoveredBy = recovery.noticedBy.name;
      }
      try {
        await fsp.mkdir(dirname(path), { recursive: true });
        return await withFileLock(path, async () => {
          const last = await lastEntry(path);
          if (await coversEdit(path, edit.revision, actor.data.id, last.tail)) return null;
          return appendAfter(path, headPath(releaseId), last, {
            actor: actor.data,
            event: 'edited',
            details,
            at,
          });
        });
      } catch (error) {
        throw auditError(error, 'add to the audit trail of this release');
      }
    },

    async read(releaseId) {
      const bytes = await readOrNull(trailPath(releaseId));
      if (!bytes) return [];
      const { lines } = splitLines(bytes);
      const entries: AuditEntry[] = [];
      for (const line of lines) {
        const entry = parseLine(line);
        if (entry) entries.push(entry);
      }
      return entries;
    },

    async exportTrail(releaseId) {
      const [bytes, headBytes] = await Promise.all([
        readOrNull(trailPath(releaseId)),
        readOrNull(headPath(releaseId)),
      ]);
      const text = bytes ? decodeStrict(bytes) : '';
      if (text === null) {
        throw new StoreError(
          'corrupt-file',
          'The audit trail of this release is damaged, so it cannot be sent.',
        );
      }
      return { text, head: headBytes ? parseHead(headBytes) : null };
    },

    async importTrail(releaseId, copy) {
      const verdict = verifyTrailCopy(copy);
      if (!verdict.ok) {
        throw new StoreError(
          'corrupt-file',
          `The audit trail in the file does not check out: ${verdict.problem}`,
        );
      }
      const path = trailPath(releaseId);
      try {
        await fsp.mkdir(dirname(path), { recursive: true });
        await withFileLock(path, async () => {
          const mine = await readOrNull(path);
          const mineText = mine ? decodeStrict(mine) : '';
          if (mineText === null || !copy.text.startsWith(mineText)) {
            throw new StoreError(
              'conflict',
              'The audit trail in the file does not continue the one kept here: the release was changed in both ' +
                'places since the file was made.',
            );
          }
          if (mineText === copy.text) return;
          // Every existing line is kept byte for byte (the prefix check above); the file is replaced whole only
          // so that a crash leaves the old trail or the new one, never half of the new lines.
          await writeFileDurably(path, copy.text);
          if (copy.head) await writeFileDurably(headPath(releaseId), `${JSON.stringify(copy.head)}\n`);
        });
      } catch (error) {
        if (error instanceof StoreError) throw error;
        throw auditError(error, 'take the audit trail from the file');
      }
    },

    async last(releaseId) {
      let handle: FileHandle | undefined;
      try {
        handle = await fsp.open(trailPath(releaseId), 'r');
        const { line } = await readTail(handle);
        return line ? parseLine(line) : null;
      } catch (error) {
        if (isErrorCode(error, 'ENOENT')) return null;
        throw auditError(error, 'read the audit trail of this release');
      } finally {
        await handle?.close().catch(() => undefined);
      }
    },

    async verify(releaseId) {
      const [bytes, headBytes] = await Promise.all([
        readOrNull(trailPath(releaseId)),
        readOrNull(headPath(releaseId)),
      ]);
      return verifyTrail(bytes ?? new Uint8Array(0), headBytes);
    },
  };
}

function verifyTrail(bytes: Uint8Array, headBytes: Uint8Array | null): AuditVerification {
  const { lines, torn } = splitLines(bytes);
  const entries: AuditEntry[] = [];
  const problem = (kind: AuditProblemKind, atLine: number, text: string): AuditVerification => ({
    ok: false,
    problem: text,
    atLine,
    kind,
    entries,
  });

  let previous = GENESIS_HASH;
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    const line = lines[i]!;
    const text = decodeStrict(line);
    const entry = text === null ? null : parseEntry(text);
    if (!entry || text === null) {
      return problem(
        'unreadable',
        n,
        `Entry ${n} was damaged or edited after it was written: it can no longer be read.`,
      );
    }
    const { hash: _hash, ...body } = entry;
    if (hashOf(body) !== entry.hash || serialise(entry) !== text) {
      return problem('changed', n, `Entry ${n} was changed after it was written.`);
    }
    if (entry.seq !== n || entry.prevHash !== previous) {
      return problem('order', n, `Entry ${n} is missing or the entries were reordered.`);
    }
    entries.push(entry);
    previous = entry.hash;
  }

  const head = headBytes && parseHead(headBytes);
  if (headBytes && !head) {
    return problem(
      'head',
      entries.length,
      'The record of the newest entry was damaged, so Pressroom cannot tell whether entries were removed from the end.',
    );
  }

  const count = entries.length;
  if (head && head.seq > count) {
    if (torn) {
      return problem(
        'truncated',
        count + 1,
        `The trail was cut short: it ends part-way through entry ${count + 1}, but ${head.seq} entries were written.`,
      );
    }
    return problem(
      'truncated',
      count + 1,
      head.seq === count + 1
        ? `Entry ${count + 1} is missing from the end of the trail.`
        : `Entries ${count + 1} to ${head.seq} are missing from the end of the trail.`,
    );
  }
  if (torn) {
    const intact =
      count === 0
        ? ''
        : ` The ${count === 1 ? 'entry' : `${count} entries`} before it ${count === 1 ? 'is' : 'are'} intact.`;
    return problem(
      'torn',
      count + 1,
      `The last line is incomplete: Pressroom probably stopped while writing entry ${count + 1}.${intact}`,
    );
  }
  // A head behind the trail is what a crash between the append and the head update leaves; a head that names a
  // different entry, or none at all under a trail of several entries, is not.
  if (head && head.seq > 0 && entries[head.seq - 1]?.hash !== head.hash) {
    return problem('head', head.seq, `Entry ${head.seq} is not the entry that was written at that place.`);
  }
  if (!head && count > 1) {
    return problem(
      'head',
      count,
      'The record of the newest entry is missing, so Pressroom cannot tell whether entries were removed from the end.',
    );
  }
  return { ok: true, entries };
}

// --- the file ------------------------------------------------------------------------------------------------

/** Appends one entry after `last`; the caller holds the trail's lock. */
async function appendAfter(
  path: string,
  head: string,
  last: { seq: number; hash: string },
  input: { actor: Actor; event: AuditEvent; details: AuditDetails; at: Date },
): Promise<AuditEntry> {
  const body = {
    seq: last.seq + 1,
    at: input.at.toISOString(),
    actor: { id: input.actor.id, name: input.actor.name },
    event: input.event,
    details: sortKeys(input.details),
    prevHash: last.hash,
  };
  const entry: AuditEntry = { ...body, hash: hashOf(body) };
  await appendLine(path, `${serialise(entry)}\n`, last.seq === 0);
  await updateHead(head, last, entry);
  return entry;
}

/** The events that say which revision of the content someone wrote. */
const EDIT_EVENTS: readonly AuditEvent[] = ['edited', 'restored'];

/**
 * Whether the trail already records the edit of `revision` by `personId` (recordEdit's rule). Reads from the end
 * only as far as the newest edit entry, which is nearly always within the last few lines: first in `known`, the
 * window lastEntry has just read under the same lock, and only if that does not decide it, from the file.
 */
async function coversEdit(
  path: string,
  revision: number,
  personId: string,
  known?: TailWindow,
): Promise<boolean> {
  if (known) {
    const verdict = judgeWindow(known, revision, personId);
    if (verdict !== null) return verdict;
  }
  let handle: FileHandle | undefined;
  try {
    handle = await fsp.open(path, 'r');
    const size = (await handle.stat()).size;
    for (let window = TAIL_WINDOW; ; window *= 2) {
      const start = Math.max(0, size - window);
      const bytes = new Uint8Array(size - start);
      await handle.read(bytes, 0, bytes.length, start);
      const verdict = judgeWindow({ start, bytes }, revision, personId);
      if (verdict !== null) return verdict;
    }
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return false;
    throw error;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** The bytes of a trail from `start` to its end, as read from the end of the file. */
interface TailWindow {
  start: number;
  bytes: Uint8Array;
}

/** coversEdit's rule over the complete lines of one window; null when the window does not decide it. */
function judgeWindow(window: TailWindow, revision: number, personId: string): boolean | null {
  // Bytes after the last newline (a torn append) are not a line, so they are never judged.
  const { lines } = splitLines(window.bytes);
  // Unless the window starts the file, its first line may be the end of a longer one: never judged.
  const whole = window.start === 0 ? lines : lines.slice(1);
  const entries = whole.map(parseLine);
  const newest = entries.at(-1);
  if (newest && newest.event === 'edited' && newest.actor.id === personId) return true;
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    if (!entry || !EDIT_EVENTS.includes(entry.event)) continue;
    const recorded = entry.details.revision;
    if (typeof recorded === 'number') return recorded >= revision;
  }
  return window.start === 0 ? false : null;
}

/**
 * seq and hash of the newest complete entry (0 and GENESIS_HASH for none), dropping a torn tail first; with the
 * window read from the end of the file to find it (none when there is no file yet).
 */
async function lastEntry(path: string): Promise<{ seq: number; hash: string; tail?: TailWindow }> {
  let tail: { line: Uint8Array | null; completeLength: number; size: number; window: TailWindow };
  try {
    const handle = await fsp.open(path, 'r');
    try {
      tail = await readTail(handle);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return { seq: 0, hash: GENESIS_HASH };
    throw error;
  }
  if (tail.completeLength < tail.size) {
    // A torn last line is an append that never finished, so it was never acknowledged to anyone: drop it, as a
    // database drops a torn log record, rather than glue the next entry onto it. Nothing complete is touched.
    await fsp.truncate(path, tail.completeLength);
  }
  if (!tail.line) return { seq: 0, hash: GENESIS_HASH, tail: tail.window };
  const entry = parseLine(tail.line);
  if (entry) return { seq: entry.seq, hash: entry.hash, tail: tail.window };
  // A damaged last line: keep appending (the workflow must not stop) and chain onto its bytes; verify goes on
  // reporting the damage, and the new entry hides nothing. Only this rare case reads the whole file.
  const { lines } = splitLines(new Uint8Array(await fsp.readFile(path)));
  return { seq: lines.length, hash: sha256(tail.line), tail: tail.window };
}

/**
 * Moves the head to the new entry, unless the head shows that the trail lost entries (it names a later entry, or
 * a different one at the same place): then it stays as it is, so that verify goes on reporting the loss instead of
 * the next append quietly covering it up.
 */
async function updateHead(
  path: string,
  last: { seq: number; hash: string },
  entry: AuditEntry,
): Promise<void> {
  const bytes = await readOrNull(path).catch(() => null);
  const head = bytes && parseHead(bytes);
  // A damaged head cannot come from a crash (it is replaced atomically), so it is kept as evidence too.
  if (bytes && !head) return;
  if (head && (head.seq > last.seq || (head.seq === last.seq && head.hash !== last.hash))) return;
  // The entry is durable already. A head that cannot be written only narrows what verify can check (it accepts a
  // head that lags behind) until the next append brings it up to date, so it is not reported as a failure.
  await writeFileDurably(path, `${JSON.stringify({ seq: entry.seq, hash: entry.hash })}\n`).catch(
    () => undefined,
  );
}

/**
 * The last complete line and where the complete part of the file ends, reading from the end only as needed; with
 * the window read last.
 */
async function readTail(
  handle: FileHandle,
): Promise<{ line: Uint8Array | null; completeLength: number; size: number; window: TailWindow }> {
  const size = (await handle.stat()).size;
  for (let window = TAIL_WINDOW; ; window *= 2) {
    const start = Math.max(0, size - window);
    const chunk = new Uint8Array(size - start);
    await handle.read(chunk, 0, chunk.length, start);
    const end = chunk.lastIndexOf(NEWLINE);
    if (end === -1) {
      if (start > 0) continue;
      return { line: null, completeLength: 0, size, window: { start, bytes: chunk } };
    }
    const begin = end === 0 ? -1 : chunk.lastIndexOf(NEWLINE, end - 1);
    if (begin === -1 && start > 0) continue;
    return {
      line: chunk.slice(begin + 1, end),
      completeLength: start + end + 1,
      size,
      window: { start, bytes: chunk },
    };
  }
}

async function appendLine(path: string, line: string, mayBeNew: boolean): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await fsp.open(path, 'a', 0o666);
    await handle.write(line);
    await handle.sync();
  } finally {
    await handle?.close().catch(() => undefined);
  }
  // The first append creates the file: its folder entry must survive a power cut too.
  if (mayBeNew) await syncFolder(dirname(path));
}

/** Complete lines (each ended by \n) and whether bytes follow the last \n. */
function splitLines(bytes: Uint8Array): { lines: Uint8Array[]; torn: boolean } {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = bytes.indexOf(NEWLINE); i !== -1; i = bytes.indexOf(NEWLINE, start)) {
    lines.push(bytes.subarray(start, i));
    start = i + 1;
  }
  return { lines, torn: start < bytes.length };
}

async function readOrNull(path: string): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await fsp.readFile(path));
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return null;
    throw auditError(error, 'read the audit trail of this release');
  }
}

// --- entries -------------------------------------------------------------------------------------------------

function parseHead(bytes: Uint8Array): Head | null {
  const text = decodeStrict(bytes);
  if (text === null) return null;
  try {
    const parsed = HeadSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function parseLine(line: Uint8Array): AuditEntry | null {
  const text = decodeStrict(line);
  return text === null ? null : parseEntry(text);
}

function parseEntry(text: string): AuditEntry | null {
  try {
    const parsed = StoredEntrySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The one way an entry is written: fixed key order, details sorted, no spaces. */
function serialise(entry: AuditEntry): string {
  return JSON.stringify({
    seq: entry.seq,
    at: entry.at,
    actor: { id: entry.actor.id, name: entry.actor.name },
    event: entry.event,
    details: sortKeys(entry.details),
    prevHash: entry.prevHash,
    hash: entry.hash,
  });
}

function hashOf(body: Omit<AuditEntry, 'hash'>): string {
  return sha256(canonicalJson(body));
}

function sortKeys(details: AuditDetails): AuditDetails {
  return Object.fromEntries(Object.entries(details).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

// ignoreBOM keeps a byte-order mark in the text, where JSON.parse refuses it: nothing may sneak in unseen.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Invalid UTF-8 is damage, not something to paper over with U+FFFD. */
function decodeStrict(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

function auditError(error: unknown, action: string): StoreError {
  if (error instanceof StoreError) return error;
  if (error instanceof LockBusyError) {
    return new StoreError(
      'io',
      'Another Pressroom window or computer is writing to this audit trail right now. Please try again in a moment.',
    );
  }
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const cause = error instanceof Error ? error.message : String(error);
  return new StoreError(
    'io',
    `Pressroom could not ${action}: ${cause}`,
    typeof code === 'string' ? { cause: code } : undefined,
  );
}
