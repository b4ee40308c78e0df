import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { FileProblem } from '../../../src-shared/api/contract';
import { migrateRelease, NewerSchemaVersionError } from '../../../src-shared/release/migrate';
import { ReleaseSchema, type Release } from '../../../src-shared/release/schema';
import { canonicalContent } from '../../../src-shared/workflow/content-hash';
import { settleConcurrentDecisions } from '../../../src-shared/workflow/workflow';
import {
  createFileExclusively,
  createFileUnderExpectedLock,
  type FileIdentity,
  FileTooLargeError,
  identityOf,
  isErrorCode,
  NotRegularFileError,
  readRegularTextFile,
  sameIdentity,
  toJsonText,
} from './durable-file';
import type { LockRelease } from './file-lock';
import type { WorkspaceLayout } from './layout';

/**
 * A release as a set of immutable revisions (issue 12, item 1): every save ADDS one file,
 *
 *   releases/<id>/<revision, 8 digits>.<computer>.json
 *
 * named by the computer that wrote it, so no two computers ever write one file, whatever a sync engine delivers and
 * in whatever order. Each revision names the revision(s) it was based on (`parents`) and carries a version vector
 * (`seen`: for each computer, the highest of its revisions this one descends from, itself included). The current
 * release is computed from what has arrived: the heads, the revisions no other revision has seen. One head is the
 * normal case; two heads whose content or workflow state differ are a fork, shown to people, never resolved
 * silently.
 *
 * Why a version vector instead of walking parents: a computer always saves on top of its own previous revision (the
 * store shows a computer its own head first during a fork and refuses a save that would step over it), so its
 * revisions form a chain and "Y has seen X" is `Y.seen[X.computer] >= X.revision`. The heads are then found from
 * one folder listing and one read per computer, so a release with 1,000 revisions opens as fast as one with 10,
 * and nothing is ever compacted away that another computer may still need.
 *
 * Why `revision` is a Lamport number (one more than the highest head): people and the API still see one rising
 * number, and a computer's own numbers only ever rise, which keeps its file names unique.
 */

export const REVISION_FORMAT = 'pressroom-revision';
/** No revision can be this large (a release is a few hundred KB even when long): larger files are not read. */
export const MAX_REVISION_FILE_BYTES = 32 * 1024 * 1024;

/** A revision's file name: its number (group 1) and the computer that wrote it (group 2). */
export const REVISION_NAME = /^(\d{8})\.([a-z0-9][a-z0-9-]{0,40})\.json$/;

export type RevisionWhy =
  'created' | 'saved' | 'workflow' | 'imported' | 'resolved' | 'deleted' | 'restored' | 'taken-in';

const WriterSchema = z.object({
  computer: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/),
  computerName: z.string().max(200),
  person: z.object({ id: z.string().max(100), name: z.string().max(200) }).nullable(),
});

const RevisionFileSchema = z.object({
  format: z.literal(REVISION_FORMAT),
  formatVersion: z.literal(1),
  releaseId: z.string(),
  revision: z.number().int().positive(),
  writer: WriterSchema,
  savedAt: z.iso.datetime(),
  why: z.enum(['created', 'saved', 'workflow', 'imported', 'resolved', 'deleted', 'restored', 'taken-in']),
  /** Where a taken-in revision came from (an older file, an engine's conflict copy). */
  source: z.string().max(500).optional(),
  parents: z.array(z.string().max(100)).max(50),
  seen: z.record(z.string(), z.number().int().nonnegative()),
  deleted: z.boolean(),
  /** SHA-256 of the release exactly as written (JSON.stringify): a revision whose text was changed is never used. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  release: z.unknown(),
});
type RevisionFile = z.infer<typeof RevisionFileSchema>;

export type RevisionWriter = z.infer<typeof WriterSchema>;

export interface Revision {
  /** The file name without `.json`: `00000007.press-pc1-a1b2c3`. */
  readonly id: string;
  readonly releaseId: string;
  readonly revision: number;
  readonly writer: RevisionWriter;
  readonly savedAt: string;
  readonly why: RevisionWhy;
  readonly source?: string;
  readonly parents: readonly string[];
  readonly seen: Readonly<Record<string, number>>;
  readonly deleted: boolean;
  readonly release: Release;
}

export interface RevisionName {
  id: string;
  revision: number;
  computer: string;
}

export function parseRevisionName(name: string): RevisionName | null {
  const match = REVISION_NAME.exec(name);
  if (!match) return null;
  return { id: name.slice(0, -'.json'.length), revision: Number(match[1]), computer: match[2]! };
}

export function revisionFileName(revision: number, computer: string): string {
  return `${String(revision).padStart(8, '0')}.${computer}.json`;
}

/** The release's workflow state and content: two heads with the same key are the same version. */
export function versionKey(release: Release): string {
  return sha256Text(
    JSON.stringify([
      hashOf(release),
      release.status,
      release.approvals,
      release.editedSinceApproval,
      release.privacyDecisions ?? [],
    ]),
  );
}

export interface ReleaseHeads {
  /**
   * one: a single version. decisions: the same text with different workflow decisions taken at once on two
   * computers, settled by the workflow table's rule (both computers reach the same answer). texts: two different
   * texts, a fork people must see and settle ("Two versions").
   */
  kind: 'one' | 'decisions' | 'texts';
  /** For `decisions`: the sentence that tells people which decision stands and why. */
  rule: string | null;
  /** Every head, the shown one first. More than one only when they differ (a fork). */
  heads: Revision[];
  /**
   * Every revision no other has seen, identical versions included (two computers that saved the very same text):
   * the next revision names all of them as parents, so an identical twin never resurfaces as a fork later.
   */
  all: Revision[];
  /** The head this computer shows: its own during a fork, else the newest. */
  current: Revision;
  /** Revision files in the folder (readable or not), for History and the bench. */
  count: number;
  /** The highest revision number of any file in the folder (readable or not): a new revision goes above it. */
  highest: number;
  /** Revision files that could not be used (damaged, changed after writing): by name and computer. */
  problems: FileProblem[];
}

export type HeadsOutcome =
  | { kind: 'ok'; heads: ReleaseHeads }
  /** No revision folder, or nothing readable in it. */
  | { kind: 'missing'; problems: FileProblem[] }
  /** Revisions exist but none can be read (all damaged, or all from a newer Pressroom). */
  | { kind: 'bad'; message: string; problems: FileProblem[]; newer: boolean };

/** The revision names in a release's folder; engine copies and temp files are not revisions. */
export async function listRevisionNames(
  layout: WorkspaceLayout,
  releaseId: string,
): Promise<RevisionName[] | null> {
  let names: string[];
  try {
    names = await fsp.readdir(layout.revisionsFolder(releaseId));
  } catch (error) {
    if (isErrorCode(error, 'ENOENT', 'ENOTDIR')) return null;
    throw error;
  }
  return revisionNamesIn(names);
}

/** The revisions among a folder's names (null: no folder), oldest first. */
export function revisionNamesIn(names: readonly string[] | null): RevisionName[] | null {
  return names === null ? null : revisionNamesUnsorted(names).sort(compareRevisionNames);
}

/**
 * The revisions among a folder's names, in the folder's own order: what readHeads needs, without sorting a long
 * history on every save (3,000 names took a millisecond to sort).
 */
export function revisionNamesUnsorted(names: readonly string[]): RevisionName[] {
  const out: RevisionName[] = [];
  for (const name of names) {
    // The name pattern (8 digits, a computer id, .json) already leaves out every engine's conflict copy and temp
    // file; such a copy of an immutable revision holds the same bytes anyway, so there is nothing to take in.
    const parsed = parseRevisionName(name);
    if (parsed) out.push(parsed);
  }
  return out;
}

/** Oldest first; plain code-unit order between computers (their ids are lower-case ASCII; localeCompare was slow). */
export function compareRevisionNames(a: RevisionName, b: RevisionName): number {
  return a.revision - b.revision || (a.computer < b.computer ? -1 : a.computer > b.computer ? 1 : 0);
}

type ReadRevision =
  { kind: 'ok'; revision: Revision } | { kind: 'missing' } | { kind: 'bad'; message: string; newer: boolean };

/** One revision, checked: its name, its format, its hash and the release in it. */
export async function readRevision(
  layout: WorkspaceLayout,
  releaseId: string,
  name: RevisionName,
  /** The file's identity, stat-ed by the caller (under the release's lock): no stat of its own. */
  identity?: FileIdentity,
): Promise<ReadRevision> {
  const path = join(layout.revisionsFolder(releaseId), `${name.id}.json`);
  const kept = await keptRevision(path, identity);
  // Written by this process from a checked release, or read and checked by it: its text needs no second check.
  if (kept) {
    const revision = revisionOf(kept.file, kept.file.release as Release, name.id);
    if (kept.contentHash) keptContentHashes.set(revision.release, kept.contentHash);
    return { kind: 'ok', revision };
  }
  let text: string | null;
  try {
    text = await readRegularTextFile(path, MAX_REVISION_FILE_BYTES);
  } catch (error) {
    if (error instanceof NotRegularFileError)
      return { kind: 'bad', newer: false, message: `It is not a regular file (${error.kind}).` };
    if (error instanceof FileTooLargeError)
      return {
        kind: 'bad',
        newer: false,
        message: 'It is larger than any release can be, so it was not read.',
      };
    return { kind: 'bad', newer: false, message: `It could not be read (${errorText(error)}).` };
  }
  if (text === null) return { kind: 'missing' };
  let file: RevisionFile;
  try {
    const parsed = RevisionFileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) {
      return {
        kind: 'bad',
        newer: false,
        message: 'It is not a Pressroom revision (its fields do not check out).',
      };
    }
    file = parsed.data;
  } catch {
    return {
      kind: 'bad',
      newer: false,
      message: 'It is not valid JSON (it may have been cut short or edited).',
    };
  }
  if (
    file.releaseId !== releaseId ||
    file.revision !== name.revision ||
    file.writer.computer !== name.computer
  ) {
    return { kind: 'bad', newer: false, message: 'Its name does not match what it holds.' };
  }
  if (sha256Text(JSON.stringify(file.release)) !== file.sha256) {
    return {
      kind: 'bad',
      newer: false,
      message: 'Its text was changed after it was written (the hash does not match).',
    };
  }
  let release: Release;
  try {
    const parsed = ReleaseSchema.safeParse(migrateRelease(file.release));
    if (!parsed.success || parsed.data.id !== releaseId) {
      return { kind: 'bad', newer: false, message: 'The release in it is not valid.' };
    }
    release = parsed.data;
  } catch (error) {
    if (error instanceof NewerSchemaVersionError) return { kind: 'bad', newer: true, message: error.message };
    throw error;
  }
  // Kept as checked, so that the next save's read of this very file (a colleague's newest, which every save of a
  // shared release reads) is one stat too. Only with the identity the caller stat-ed before this read: a file
  // replaced in between is then kept under the old file's identity, which the next stat tells apart.
  if (identity) keepRevision(path, identity, JSON.stringify({ ...file, release }));
  return { kind: 'ok', revision: revisionOf(file, release, name.id) };
}

function revisionOf(file: RevisionFile, release: Release, id: string): Revision {
  return {
    id,
    releaseId: file.releaseId,
    revision: file.revision,
    writer: file.writer,
    savedAt: file.savedAt,
    why: file.why,
    ...(file.source ? { source: file.source } : {}),
    parents: file.parents,
    seen: file.seen,
    deleted: file.deleted,
    // The number people see is the revision's own, whatever an older copy of the text says.
    release: { ...release, revision: file.revision },
  };
}

/**
 * The revisions this process wrote lately, or read and checked under a save's lock, as their files' text (a read
 * one as checked: its release migrated and parsed), by path. A save reads each computer's newest revision of the
 * release under its lock: during an autosave run, its own is the one the last save wrote, and a colleague's the one
 * the last save read. Kept, the read is one stat instead of a read, a parse and a check of a file that cannot have
 * changed, since a revision file is created once and never rewritten. Never trusted blindly: the stat must show the
 * very file written or read (inode, size and modification time), so a file damaged or replaced on disk is read and
 * checked as any other. Held as text, parsed on each use, so that no caller can change what the next one gets;
 * bounded by count and size.
 */
const keptRevisions = new Map<string, { identity: FileIdentity; text: string; contentHash?: string }>();
/** The content hash of releases handed out from kept revisions (knownContentHash). */
const keptContentHashes = new WeakMap<Release, string>();

/**
 * The content hash of a head's release when this process wrote it and worked the hash out then; undefined
 * otherwise (work it out). Hashing a long release is a third of a save's own work.
 */
export function knownContentHash(release: Release): string | undefined {
  return keptContentHashes.get(release);
}
/** A head's content hash: the one remembered from writing it, or else worked out. */
function hashOf(release: Release): string {
  return knownContentHash(release) ?? nativeContentHash(release);
}

/**
 * contentHash (src-shared/workflow/content-hash.ts) with node:crypto's SHA-256 instead of the shared code's own:
 * the same digest of the same canonical text (content-hash-native.test.ts holds them equal), in a tenth of the
 * time. The shared one is written for the renderer, which has no synchronous native hash.
 */
export function nativeContentHash(release: Release): string {
  return sha256Text(canonicalContent(release));
}

const KEPT_REVISIONS = 64;
const KEPT_REVISION_BYTES = 8 * 1024 * 1024;
let keptBytes = 0;

function keepRevision(path: string, identity: FileIdentity, text: string, contentHash?: string): void {
  forgetRevision(path);
  if (text.length > KEPT_REVISION_BYTES / 8) return;
  keptRevisions.set(path, { identity, text, ...(contentHash ? { contentHash } : {}) });
  keptBytes += text.length;
  while (keptRevisions.size > KEPT_REVISIONS || keptBytes > KEPT_REVISION_BYTES) {
    forgetRevision(keptRevisions.keys().next().value!);
  }
}

/**
 * The identity the file at `path` had when this process wrote or read it, while this process keeps its text;
 * undefined when it keeps none. Whether the file on disk is still that one is for the caller to check (a stat under
 * the lock).
 */
export function keptIdentity(path: string): FileIdentity | undefined {
  return keptRevisions.get(path)?.identity;
}

function forgetRevision(path: string): void {
  const kept = keptRevisions.get(path);
  if (!kept) return;
  keptRevisions.delete(path);
  keptBytes -= kept.text.length;
}

async function keptRevision(
  path: string,
  known?: FileIdentity,
): Promise<{ file: RevisionFile; contentHash?: string } | null> {
  const kept = keptRevisions.get(path);
  if (!kept) return null;
  let identity: FileIdentity;
  try {
    identity = known ?? identityOf(await fsp.stat(path));
  } catch {
    forgetRevision(path);
    return null;
  }
  if (!sameIdentity(identity, kept.identity)) {
    forgetRevision(path);
    return null;
  }
  // Most recently used last, so that the oldest goes first.
  keptRevisions.delete(path);
  keptRevisions.set(path, kept);
  return {
    file: JSON.parse(kept.text) as RevisionFile,
    ...(kept.contentHash ? { contentHash: kept.contentHash } : {}),
  };
}

/**
 * The heads of a release, from one listing and one read per computer (more only where a computer's newest file is
 * damaged). `thisComputer` decides which head is shown during a fork.
 */
export async function readHeads(
  layout: WorkspaceLayout,
  releaseId: string,
  /**
   * names: listed already, in any order (null: no folder); identities: of some of those files, by name, stat-ed
   * already.
   */
  options: {
    names?: RevisionName[] | null;
    identities?: ReadonlyMap<string, FileIdentity>;
    /**
     * `names` are each computer's newest only, and the folder holds `files` revision names, the highest numbered
     * `highest` (a save's guess at the heads before its lock is held: store.ts). A damaged newest file then has no
     * older one to fall back to: it is reported as a problem, as always, and the guess is not used.
     */
    newestOnly?: { files: number; highest: number };
  } = {},
): Promise<HeadsOutcome> {
  // Names listed already (null: no folder) are used as they are; otherwise the folder is listed.
  const names = options.names !== undefined ? options.names : await listRevisionNames(layout, releaseId);
  const problems: FileProblem[] = [];
  if (names === null || names.length === 0) return { kind: 'missing', problems };
  // One pass over the names, however long the history: each computer's names, its oldest (which orders the
  // computers as a sorted listing would) and the highest number of all.
  const byComputer = new Map<string, { names: RevisionName[]; oldest: RevisionName }>();
  let highest = options.newestOnly?.highest ?? 0;
  for (const name of names) {
    if (name.revision > highest) highest = name.revision;
    const group = byComputer.get(name.computer);
    if (!group) byComputer.set(name.computer, { names: [name], oldest: name });
    else {
      group.names.push(name);
      if (name.revision < group.oldest.revision) group.oldest = name;
    }
  }
  const groups = [...byComputer.values()].sort((a, b) => compareRevisionNames(a.oldest, b.oldest));
  const candidates: Revision[] = [];
  let newer = false;
  let lastMessage = '';
  await Promise.all(
    groups.map(async (group) => {
      // Newest first; a damaged newest file falls back to that computer's previous revision.
      for (const name of newestFirst(group.names)) {
        const read = await readRevision(layout, releaseId, name, options.identities?.get(`${name.id}.json`));
        if (read.kind === 'ok') {
          candidates.push(read.revision);
          return;
        }
        if (read.kind === 'bad') {
          newer ||= read.newer;
          lastMessage = read.message;
          problems.push({
            file: `releases/${releaseId}/${name.id}.json`,
            message: `A saved version of this release written on ${describeComputer(name.computer)} cannot be used: ${read.message} Pressroom set it aside (it is left where it is) and uses the versions before it.`,
            movedTo: null,
          });
        }
      }
    }),
  );
  if (candidates.length === 0) {
    return { kind: 'bad', newer, problems, message: lastMessage || 'No saved version of it can be read.' };
  }
  const all = headsOf(candidates);
  const shown = pickShown(all, layout.computer.id);
  const distinct = distinctVersions([shown, ...all.filter((head) => head !== shown)]);
  const base = { count: options.newestOnly?.files ?? names.length, highest, problems, all };
  if (distinct.length === 1)
    return { kind: 'ok', heads: { ...base, kind: 'one', rule: null, heads: distinct, current: shown } };
  const sameText =
    distinct.every((head) => head.deleted === shown.deleted) &&
    new Set(distinct.map((head) => hashOf(head.release))).size === 1;
  if (!sameText)
    return { kind: 'ok', heads: { ...base, kind: 'texts', rule: null, heads: distinct, current: shown } };
  const settled = settleConcurrentDecisions(
    distinct.map((head) => ({
      status: head.release.status,
      approvals: head.release.approvals,
      by: `${head.writer.person?.name ?? 'someone'} on ${head.writer.computerName}`,
      key: head.id,
      head,
    })),
  );
  const current = settled.stands.head;
  return {
    kind: 'ok',
    heads: {
      ...base,
      kind: 'decisions',
      rule: settled.rule,
      heads: [current, ...distinct.filter((head) => head !== current)],
      current,
    },
  };
}

/** One computer's names, newest first: the newest found in one pass, the rest sorted only if it is damaged. */
function* newestFirst(names: readonly RevisionName[]): Generator<RevisionName> {
  let newest = names[0]!;
  for (const name of names) if (name.revision > newest.revision) newest = name;
  yield newest;
  yield* names.filter((name) => name !== newest).sort((a, b) => b.revision - a.revision);
}

/** The candidates that no other candidate has seen. */
export function headsOf(candidates: readonly Revision[]): Revision[] {
  return candidates.filter(
    (x) => !candidates.some((y) => y !== x && (y.seen[x.writer.computer] ?? 0) >= x.revision),
  );
}

/** During a fork this computer keeps showing its own version (so its next save continues its own line). */
export function pickShown(heads: readonly Revision[], computer: string): Revision {
  const own = heads.find((head) => head.writer.computer === computer);
  if (own) return own;
  return [...heads].sort(
    (a, b) => Date.parse(b.savedAt) - Date.parse(a.savedAt) || b.id.localeCompare(a.id),
  )[0]!;
}

/** The same text, workflow state and deletion: two such heads are one version. */
export function sameVersion(a: Revision, b: Revision): boolean {
  return a.deleted === b.deleted && versionKey(a.release) === versionKey(b.release);
}

/** Heads that hold the very same version (two computers took in one old file) are one version, not a fork. */
function distinctVersions(ordered: Revision[]): Revision[] {
  // One head is one version: no hash to work out (the usual case, and a save's).
  if (ordered.length <= 1) return ordered;
  const seen = new Set<string>();
  return ordered.filter((head) => {
    const key = `${head.deleted}:${versionKey(head.release)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface NewRevision {
  release: Release;
  parents: readonly Revision[];
  why: RevisionWhy;
  person: { id: string; name: string } | null;
  deleted?: boolean;
  savedAt: string;
  /** Heads to stay above (all current heads): the new number is one more than the highest. */
  above: readonly Revision[];
  /** The release's lock, removed in the same trip as the write (LockHeld.release): the caller writes nothing more. */
  lock?: LockRelease;
  /**
   * contentHash(release) where the caller has it already (a save worked it out to decide what the edit did): kept
   * with the written text, so that the next save need not work out the hash of the version it continues.
   */
  contentHash?: string;
}

/**
 * Adds a revision written by this computer. The file is created whole (temp file, flush, hard link), so it either
 * appears complete or not at all, and an existing file is never replaced.
 */
export async function addRevision(layout: WorkspaceLayout, input: NewRevision): Promise<Revision> {
  const folder = layout.revisionsFolder(input.release.id);
  // A release with heads has its folder already (they were read from it): one call less on every save.
  if (input.above.length === 0 && input.parents.length === 0) await fsp.mkdir(folder, { recursive: true });
  let next = composeRevision(layout, input);
  for (let attempt = 0; attempt < 20; attempt++) {
    const written = await createFileExclusively(next.path, next.text, input.lock);
    if (written) return writtenRevision(next, written, input);
    // The name is taken (another process of this computer wrote that number meanwhile): the next number up.
    next = composeRevision(layout, input, next.file.revision + 1);
  }
  throw new Error('Pressroom could not find a free name for the new revision.');
}

/**
 * Writes `composed`, made of `input`, under the release's lock sent for before the save heard that it is held
 * (durable-file.ts createFileUnderExpectedLock, with the lock's owner token): the revision, and whether the lock was
 * removed in the same trip; 'not-as-expected' when the lock's trip did not find the folder as the save expected
 * (nothing written: the save then reads it under the lock), 'exists' when the name is taken.
 */
export async function addRevisionUnderExpectedLock(
  input: NewRevision,
  composed: ComposedRevision,
  token: string,
): Promise<{ revision: Revision; unlocked: boolean } | 'exists' | 'not-as-expected'> {
  const written = await createFileUnderExpectedLock(composed.path, composed.text, token);
  if (typeof written === 'string') return written;
  return { revision: writtenRevision(composed, written.identity, input), unlocked: written.unlocked };
}

/** The revision `composed` is, now that it is written (as the file `identity` names): kept, and handed back. */
function writtenRevision(composed: ComposedRevision, identity: FileIdentity, input: NewRevision): Revision {
  keepRevision(composed.path, identity, composed.text, input.contentHash);
  const { file } = composed;
  return {
    id: composed.id,
    releaseId: file.releaseId,
    revision: file.revision,
    writer: file.writer,
    savedAt: file.savedAt,
    why: file.why,
    parents: file.parents,
    seen: file.seen,
    deleted: file.deleted,
    release: composed.release,
  };
}

/** A new revision's file, ready to write: where it goes and its text. */
export interface ComposedRevision {
  id: string;
  path: string;
  text: string;
  file: RevisionFile;
  release: Release;
}

/**
 * The file that adds `input` as revision `number` (by default one more than every head and parent it stays above),
 * written by this computer.
 */
export function composeRevision(
  layout: WorkspaceLayout,
  input: NewRevision,
  number = Math.max(0, ...input.above.map((head) => head.revision), ...input.parents.map((p) => p.revision)) +
    1,
): ComposedRevision {
  const computer = layout.computer;
  const releaseId = input.release.id;
  const seen: Record<string, number> = {};
  for (const parent of input.parents) {
    for (const [who, n] of Object.entries(parent.seen)) seen[who] = Math.max(seen[who] ?? 0, n);
  }
  const release: Release = { ...input.release, revision: number };
  const file: RevisionFile = {
    format: REVISION_FORMAT,
    formatVersion: 1,
    releaseId,
    revision: number,
    writer: { computer: computer.id, computerName: computer.name, person: input.person },
    savedAt: input.savedAt,
    why: input.why,
    parents: input.parents.map((parent) => parent.id),
    seen: { ...seen, [computer.id]: number },
    deleted: input.deleted ?? false,
    sha256: sha256Text(JSON.stringify(release)),
    release,
  };
  const name = revisionFileName(number, computer.id);
  return {
    id: name.slice(0, -'.json'.length),
    path: join(layout.revisionsFolder(releaseId), name),
    text: toJsonText(file),
    file,
    release,
  };
}

/**
 * Takes in a version found outside the revisions (a release file an older Pressroom wrote, an engine's conflict
 * copy of one) as a revision with no parents. Its name comes from its content (`in-<hash>`), so two computers that
 * take in the same file make the same file with the same bytes, and taking it in twice adds nothing.
 */
export async function takeIn(
  layout: WorkspaceLayout,
  release: Release,
  options: { source: string; deleted: boolean },
): Promise<{ id: string; added: boolean }> {
  const digest = sha256Text(JSON.stringify([release, options.deleted])).slice(0, 12);
  const computer = `in-${digest}`;
  const number = Math.max(1, release.revision);
  const fixed: Release = { ...release, revision: number };
  const file: RevisionFile = {
    format: REVISION_FORMAT,
    formatVersion: 1,
    releaseId: release.id,
    revision: number,
    writer: { computer, computerName: `taken in from ${options.source}`.slice(0, 200), person: null },
    // The time the text was saved, not when it was found: the same file always makes the same bytes.
    savedAt: release.updatedAt,
    why: 'taken-in',
    source: options.source.slice(0, 500),
    parents: [],
    seen: { [computer]: number },
    deleted: options.deleted,
    sha256: sha256Text(JSON.stringify(fixed)),
    release: fixed,
  };
  const folder = layout.revisionsFolder(release.id);
  await fsp.mkdir(folder, { recursive: true });
  const name = revisionFileName(number, computer);
  const added = (await createFileExclusively(join(folder, name), toJsonText(file))) !== null;
  return { id: name.slice(0, -'.json'.length), added };
}

export function describeComputer(computerId: string): string {
  if (computerId.startsWith('in-')) return 'an older copy taken in';
  // `press-pc1-a1b2c3` → `press-pc1`: the random tail only tells two computers of one name apart.
  return computerId.replace(/-[0-9a-f]{6}$/, '') || computerId;
}

function sha256Text(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The newest revision every head descends from, for a merge field by field (what each side changed since). Walks
 * parents breadth-first from each head, reading at most `limit` files; null when none is found within that (the
 * merge then treats every differing field as changed on both sides, so nothing is taken silently).
 */
export async function commonAncestor(
  layout: WorkspaceLayout,
  releaseId: string,
  heads: readonly Revision[],
  limit = 400,
): Promise<Revision | null> {
  if (heads.length < 2) return heads[0] ?? null;
  const cache = new Map<string, Revision | null>();
  let reads = 0;
  const load = async (id: string): Promise<Revision | null> => {
    if (cache.has(id)) return cache.get(id)!;
    const name = parseRevisionName(`${id}.json`);
    if (!name || reads >= limit) return null;
    reads++;
    const read = await readRevision(layout, releaseId, name);
    const revision = read.kind === 'ok' ? read.revision : null;
    cache.set(id, revision);
    return revision;
  };
  const ancestors = await Promise.all(
    heads.map(async (head) => {
      const seen = new Set<string>([head.id]);
      cache.set(head.id, head);
      let frontier: string[] = [...head.parents];
      while (frontier.length > 0 && reads < limit) {
        const next: string[] = [];
        for (const id of frontier) {
          if (seen.has(id)) continue;
          seen.add(id);
          const revision = await load(id);
          if (revision) next.push(...revision.parents);
        }
        frontier = next;
      }
      return seen;
    }),
  );
  const shared = [...ancestors[0]!].filter((id) => ancestors.every((set) => set.has(id)));
  const found = (await Promise.all(shared.map(load))).filter((r): r is Revision => r !== null);
  return found.sort((x, y) => y.revision - x.revision)[0] ?? null;
}
