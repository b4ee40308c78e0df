import { promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { WorkspaceLayout } from '../workspace/layout';
import { readHeads } from '../workspace/revisions';
import { z } from 'zod';
import { canonicalJson, sha256 } from '../../../src-shared/workflow/content-hash';
import { AUDIT_EVENTS, type AuditEvent } from '../../../src-shared/workflow/review-records';
import { ActorSchema, type Actor } from '../../../src-shared/workflow/workflow';
import { COMPUTER_ID_PATTERN } from '../workspace/computer';
import {
  isErrorCode,
  readRegularFile,
  SAFE_OPEN_FLAGS,
  syncFolder,
  writeFileDurably,
} from '../workspace/durable-file';
import { openDocument } from '../storage/document-store';
import { LockBusyError, withFileLock } from '../workspace/file-lock';
import { checkReleaseId, StoreError } from '../workspace/store';

/**
 * The audit trail of a release (issue 5, item 6; one chain per computer since issue 12, item 3): every workflow
 * event, append-only and hash-chained.
 *
 *   audit/<releaseId>/<computer>.jsonl       this computer's chain: one entry per line, only ever appended
 *   audit/<releaseId>/<computer>.head.json   { seq, hash } of the chain's newest entry, replaced after each append
 *   audit/<releaseId>.jsonl (+ .head.json)   the one chain an older Pressroom appended from every computer: kept
 *                                            as it is, verified, shown, never extended
 *
 * Why one chain per computer: a sync engine keeps a copy of the folder per computer, and each copy accepts whatever
 * is written to it. Two computers appending to one chain at once made two different files of the same name, and
 * the engine kept one of them: on Syncthing 40 of 81 entries went, and the chain still verified. A file that only
 * one computer writes cannot be overwritten by another's copy, so nothing is lost; the release's trail is the merge
 * of all chains, in time order.
 *
 * Each entry's `hash` is the SHA-256 of the canonical JSON of the entry without `hash`, and its `prevHash` is the
 * previous entry's hash in the same chain (GENESIS_HASH for the first), so an entry edited, removed or moved breaks
 * its chain at that point. Dropping entries from the end leaves a valid chain, which is what the head file is for:
 * verify compares each chain with its head, so a chain cut short is caught too.
 *
 * An entry names the revisions of the release its writer had when they acted (`saw`). A colleague's revision may
 * not have reached this computer yet: that is the sync engine being slow, not tampering, so verify says "waiting
 * for sync" for it and does not fail.
 *
 * What this can and cannot show: it detects damage and plain edits (a sync tool mangling a line, someone
 * "tidying" an entry in a text editor). It cannot stop a person with write access to the folder from rebuilding
 * a whole chain, head included, with fresh hashes; that would need an anchor kept outside the folder (for
 * instance the newest hash printed on an export). Like the identities in it, the trail is a record, not a lock.
 */

export { AUDIT_EVENTS, type AuditEvent };

export type AuditDetails = Record<string, string | number>;

/** The computer whose chain an entry is in, as it is named in the workspace (layout.computer). */
export interface AuditComputer {
  id: string;
  name: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  /** Absent only in the chain an older Pressroom kept (audit/<id>.jsonl), which did not record it. */
  computer?: AuditComputer;
  actor: Actor;
  event: AuditEvent;
  details: AuditDetails;
  /** Revision ids (`00000007.press-pc1-a1b2c3`) the writer had when they acted; absent in the older chain. */
  saw?: string[];
  prevHash: string;
  hash: string;
}

export interface AuditInput {
  actor: Actor;
  event: AuditEvent;
  /** Facts a reader of the trail needs: a reason, a content hash, an export format. */
  details?: AuditDetails;
  /** The revision ids the writer had when they acted (see AuditEntry.saw); none by default. */
  saw?: string[];
}

/**
 * changed: an entry's text differs from what was written; order: an entry is missing or out of place;
 * unreadable: a line is not an entry at all; torn: the last line is incomplete, as a crash mid-append leaves it;
 * truncated: entries the head file records are gone from the end; head: the head file is missing or damaged.
 */
export type AuditProblemKind = 'changed' | 'order' | 'unreadable' | 'torn' | 'truncated' | 'head';

/**
 * intact: every entry checks out; waiting-for-sync: every entry checks out, but some name a revision that has not
 * reached this computer yet (not a failure: it clears itself when the revision arrives); broken: see `problem`.
 */
export type ChainStatus = 'intact' | 'waiting-for-sync' | 'broken';

/** One chain's verdict. */
export interface ChainVerification {
  /** Whose chain it is; null for the chain an older Pressroom kept for every computer. */
  computer: AuditComputer | null;
  /** The writer, for people: "PRESS-PC2 (press-pc2-1a2b3c)", or "the trail kept by an older Pressroom". */
  label: string;
  status: ChainStatus;
  /** The entries before any problem, which still check out. */
  entries: AuditEntry[];
  /** A sentence for people when broken: "Entry 4 was changed after it was written." (entry = seq in the chain) */
  problem: string | null;
  kind: AuditProblemKind | null;
  /** 1-based line of the chain file, and the entry (seq) there, when broken. */
  atLine: number | null;
  seq: number | null;
  /** Entries (seq) whose revisions have not arrived yet, with those revision ids. */
  waiting: Array<{ seq: number; revisions: string[] }>;
  /**
   * Another computer's entries that its head file records but that have not reached this computer yet (seq from,
   * to): a sync engine may deliver the head before the chain. Null when none are outstanding.
   */
  notArrived: { from: number; to: number } | null;
}

/** What every verdict says beside the overall one: each chain's own, and whether anything waits for sync. */
interface ChainsVerdict {
  chains: ChainVerification[];
  /** A sentence for people when entries wait for a colleague's revision to arrive, else null. */
  waitingForSync: string | null;
}

export type AuditVerification = ChainsVerdict &
  (
    | {
        ok: true;
        /** Every entry of every chain, merged in time order. */
        entries: AuditEntry[];
      }
    | {
        ok: false;
        /** A sentence for people naming the computer: "On PRESS-PC2 (…): entry 4 was changed after it was written." */
        problem: string;
        /** 1-based line of the first broken chain's file where the problem is. */
        atLine: number;
        kind: AuditProblemKind;
        /** The computer whose chain is broken first (null: the older single chain), and the entry there. */
        computer: AuditComputer | null;
        seq: number;
        /** The entries, of all chains, that still check out, merged in time order. */
        entries: AuditEntry[];
      }
  );

export interface AuditTrail {
  /** Appends one entry to this computer's chain, durably (fsync) and in order, and answers with it as written. */
  append(releaseId: string, input: AuditInput, at?: Date): Promise<AuditEntry>;
  /**
   * Records that `edit.by` changed the content to `edit.revision` (an 'edited' entry), unless the trail already
   * covers that revision: an 'edited' or 'restored' entry of that revision or a later one exists in any chain, or
   * the trail's newest entry (all chains) is an 'edited' entry by the same person (one entry per run of edits by one
   * person, not one per autosave). Checked and appended under this computer's chain lock, so that a save and a
   * repair of it, in two windows, record it once.
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
  /** Every entry of every chain that can still be read, merged in time order, for display. */
  read(releaseId: string): Promise<AuditEntry[]>;
  /** The newest complete entry of all chains, read from the end of each file only (every save asks). */
  last(releaseId: string): Promise<AuditEntry | null>;
  verify(releaseId: string): Promise<AuditVerification>;
  /** Every chain exactly as stored (text and head), for a release file; empty for a release without one. */
  exportTrail(releaseId: string): Promise<TrailCopy>;
  /**
   * Takes a trail from a release file: it must verify on its own, and every chain kept here must be an exact
   * prefix of the same chain in the file, so that importing only ever adds entries. Refused (StoreError conflict)
   * otherwise, before anything is written.
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

type Head = { seq: number; hash: string };

/** One computer's chain as carried in a release file. */
export interface ChainCopy {
  computer: string;
  text: string;
  head: Head | null;
}

/**
 * A trail as carried in a release file. `text` and `head` are the chain an older Pressroom kept (the only thing an
 * older release file has, so such files still open); `chains` the per-computer chains.
 */
export interface TrailCopy {
  text: string;
  head: Head | null;
  chains?: ChainCopy[];
}

/**
 * Verifies a trail carried outside a workspace (a release file) exactly as verify() checks one on disk, except that
 * revisions named in `saw` are not looked for: a release file carries no revision files.
 */
export function verifyTrailCopy(copy: TrailCopy): AuditVerification {
  const encode = (text: string) => new TextEncoder().encode(text);
  const headBytes = (head: Head | null) => (head ? encode(JSON.stringify(head)) : null);
  const checks: ChainVerification[] = [];
  if (copy.text !== '' || copy.head) checks.push(checkChain(null, encode(copy.text), headBytes(copy.head)));
  const seen = new Set<string>();
  for (const chain of copy.chains ?? []) {
    // The name becomes a file name on import: only a computer id as Pressroom makes them is taken.
    if (!COMPUTER_ID_PATTERN.test(chain.computer)) {
      checks.push(
        brokenChain(
          chain.computer,
          'unreadable',
          0,
          0,
          'The file names a computer in a way Pressroom does not recognise.',
        ),
      );
      continue;
    }
    // Two sets of entries for one computer cannot both be its chain, and importing would keep only one.
    if (seen.has(chain.computer)) {
      checks.push(
        brokenChain(chain.computer, 'order', 0, 0, 'The file holds the entries of this computer twice.'),
      );
      continue;
    }
    seen.add(chain.computer);
    checks.push(checkChain(chain.computer, encode(chain.text), headBytes(chain.head)));
  }
  return combine(checks);
}

/** Whether every chain in `mine` is an exact prefix of the same chain in `theirs` (so taking theirs only adds). */
export function continuesTrail(mine: TrailCopy, theirs: TrailCopy): boolean {
  if (!theirs.text.startsWith(mine.text)) return false;
  const other = new Map((theirs.chains ?? []).map((chain) => [chain.computer, chain.text]));
  return (mine.chains ?? []).every((chain) => (other.get(chain.computer) ?? '').startsWith(chain.text));
}

/** Whether two trails hold exactly the same entries (chains without entries count as absent). */
export function sameTrail(a: TrailCopy, b: TrailCopy): boolean {
  return continuesTrail(a, b) && continuesTrail(b, a);
}

/** prevHash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

const NEWLINE = 0x0a;
/** Stands for a chain file that could not be read as a file: it fails as an unreadable first line. */
const UNREADABLE_CHAIN = new TextEncoder().encode('(this chain file could not be read as a file)\n');
/** A release's trail is a few hundred bytes an event; 256 MB is hundreds of thousands of events. */
const MAX_CHAIN_FILE_BYTES = 256 * 1024 * 1024;
/** Enough for any ordinary last entry in one read; a longer one doubles the window. */
const TAIL_WINDOW = 64 * 1024;
/** A reason or comment is kept in full, but a pasted megabyte is not an audit entry. */
const MAX_DETAIL_LENGTH = 20_000;
/** A revision id: `<8-digit revision>.<computer id>` (layout.revisionFile without `.json`). */
const REVISION_ID_PATTERN = /^\d{8}\.[a-z0-9][a-z0-9-]{0,40}$/;
/** A chain's file name in audit/<id>/: `<computer id>.jsonl` or `<computer id>.head.json`. */
const CHAIN_FILE_PATTERN = /^([a-z0-9][a-z0-9-]{0,40})\.(jsonl|head\.json)$/;

const HashSchema = z.string().regex(/^[0-9a-f]{64}$/);
const StoredActorSchema = z.strictObject({ id: z.string(), name: z.string() });
const StoredDetailsSchema = z.record(z.string(), z.union([z.string(), z.number()]));
/** Strict, and without transforms: what is parsed must serialise back to the very same line. */
const LegacyEntrySchema = z.strictObject({
  seq: z.number().int().positive(),
  at: z.iso.datetime(),
  actor: StoredActorSchema,
  event: z.enum(AUDIT_EVENTS),
  details: StoredDetailsSchema,
  prevHash: HashSchema,
  hash: HashSchema,
});
const ChainEntrySchema = z.strictObject({
  seq: z.number().int().positive(),
  at: z.iso.datetime(),
  computer: z.strictObject({ id: z.string().regex(COMPUTER_ID_PATTERN), name: z.string() }),
  actor: StoredActorSchema,
  event: z.enum(AUDIT_EVENTS),
  details: StoredDetailsSchema,
  saw: z.array(z.string()),
  prevHash: HashSchema,
  hash: HashSchema,
});
const HeadSchema = z.strictObject({ seq: z.number().int().nonnegative(), hash: HashSchema });

const DetailsInputSchema = z.record(
  z.string().max(100),
  z.union([z.string().max(MAX_DETAIL_LENGTH), z.number().refine(Number.isFinite, 'Numbers must be finite')]),
);
const SawInputSchema = z.array(z.string().regex(REVISION_ID_PATTERN)).max(1000);

/** Where one chain is: the older single chain (computer null) or a computer's. */
interface ChainFiles {
  computer: string | null;
  path: string;
  head: string;
}

export function createAuditTrail(layout: WorkspaceLayout): AuditTrail {
  const legacyChain = (releaseId: string): ChainFiles => ({
    computer: null,
    path: layout.auditTrail(releaseId),
    head: layout.auditHead(releaseId),
  });
  const chainOf = (releaseId: string, computer: string): ChainFiles => ({
    computer,
    path: layout.auditChain(releaseId, computer),
    head: layout.auditChainHead(releaseId, computer),
  });
  /** This computer's chain: the only one it ever appends to. */
  const mine = (releaseId: string) => chainOf(checkReleaseId(releaseId), layout.computer.id);

  /** Every chain of the release that has a file (or only a head: a chain whose file went is a chain cut short). */
  async function chainsOf(releaseId: string): Promise<ChainFiles[]> {
    const id = checkReleaseId(releaseId);
    const legacy = legacyChain(id);
    const found: ChainFiles[] = [];
    const [trailThere, headThere] = await Promise.all([exists(legacy.path), exists(legacy.head)]);
    if (trailThere || headThere) found.push(legacy);
    let names: string[] = [];
    try {
      names = await fsp.readdir(layout.auditFolder(id));
    } catch (error) {
      if (!isErrorCode(error, 'ENOENT', 'ENOTDIR'))
        throw auditError(error, 'read the audit trail of this release');
    }
    const computers = new Set<string>();
    for (const name of names) {
      const match = CHAIN_FILE_PATTERN.exec(name);
      if (match) computers.add(match[1]!);
    }
    for (const computer of [...computers].sort()) found.push(chainOf(id, computer));
    return found;
  }

  /** A chain's label needs a name: the chain's own entries give it; this computer knows its own. */
  const knownName = (computer: string): string | null =>
    computer === layout.computer.id ? layout.computer.name : null;

  /** The last append asked for on each of this computer's chains, settled or not (appendToMine). */
  const appendQueue = new Map<string, Promise<void>>();

  async function appendToMine(
    releaseId: string,
    decide: (
      last: { seq: number; hash: string; tail?: TailWindow },
      chain: ChainFiles,
    ) => Promise<AuditBody | null>,
  ): Promise<AuditEntry | null> {
    const chain = mine(releaseId);
    const write = async () => {
      try {
        await fsp.mkdir(dirname(chain.path), { recursive: true });
        // The lock now only keeps two windows of this computer apart: no other computer writes this file.
        return await withFileLock(chain.path, async () => {
          const last = await lastEntry(chain.path);
          const body = await decide(last, chain);
          return body ? appendAfter(chain, last, body) : null;
        });
      } catch (error) {
        throw auditError(error, 'add to the audit trail of this release');
      }
    };
    // This process's appends to one chain go in the order they were asked for. The file lock alone lets waiters in
    // any order, and an entry's time is taken when it is asked for: a chain could then end on an older entry than
    // one before it, and `last` (which reads only each chain's final line) would miss the newest.
    const previous = appendQueue.get(chain.path) ?? Promise.resolve();
    const queued = previous.then(write, write);
    const settled = queued.then(
      () => undefined,
      () => undefined,
    );
    appendQueue.set(chain.path, settled);
    void settled.then(() => {
      if (appendQueue.get(chain.path) === settled) appendQueue.delete(chain.path);
    });
    return queued;
  }

  /** This computer's record of other computers' chains as it last saw them (user-data: it never travels). */
  const seenFile = (releaseId: string) => join(layout.local, 'audit-seen', `${releaseId}.json`);

  const computerOfMine = (): AuditComputer => ({ id: layout.computer.id, name: layout.computer.name });

  const trail: AuditTrail = {
    async append(releaseId, input, at = new Date()) {
      checkReleaseId(releaseId);
      const actor = ActorSchema.safeParse(input.actor);
      const details = DetailsInputSchema.safeParse(input.details ?? {});
      const saw = SawInputSchema.safeParse(input.saw ?? []);
      if (!actor.success || !details.success || !saw.success || !AUDIT_EVENTS.includes(input.event)) {
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
      // Unless the caller says, the entry names the versions this computer has now: a colleague reading it
      // before they arrive there sees "waiting for sync", never tampering.
      const entry = await appendToMine(releaseId, async () => ({
        computer: computerOfMine(),
        actor: actor.data,
        event: input.event,
        details: details.data,
        saw: input.saw === undefined ? await versionsHere(layout, releaseId) : saw.data,
        at,
      }));
      return entry!;
    },

    async recordEdit(releaseId, edit, recovery, at = new Date()) {
      checkReleaseId(releaseId);
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
      const chains = await chainsOf(releaseId);
      const seen = await versionsHere(layout, releaseId);
      return appendToMine(releaseId, async (last, own) => {
        if (await coversEdit(chains, own, last.tail, edit.revision, actor.data.id)) return null;
        return { computer: computerOfMine(), actor: actor.data, event: 'edited', details, saw: seen, at };
      });
    },

    async read(releaseId) {
      const entries: AuditEntry[] = [];
      for (const chain of await chainsOf(releaseId)) {
        // A chain that is not a file (a pipe, a huge junk file) shows nothing here; verify reports it.
        const bytes = await readOrNull(chain.path).catch(() => null);
        if (!bytes) continue;
        for (const line of splitLines(bytes).lines) {
          const entry = parseLine(line, chain.computer);
          if (entry) entries.push(entry);
        }
      }
      return entries.sort(byTime);
    },

    async exportTrail(releaseId) {
      const copy: TrailCopy = { text: '', head: null, chains: [] };
      for (const chain of await chainsOf(releaseId)) {
        // The head first: an append between the two reads then leaves it behind the chain (accepted), not ahead.
        const headBytes = await readOrNull(chain.head);
        const bytes = await readOrNull(chain.path);
        const text = bytes ? decodeStrict(bytes) : '';
        if (text === null) {
          throw new StoreError(
            'corrupt-file',
            'The audit trail of this release is damaged, so it cannot be sent.',
          );
        }
        const head = headBytes ? parseHead(headBytes) : null;
        if (chain.computer === null) Object.assign(copy, { text, head });
        else copy.chains!.push({ computer: chain.computer, text, head });
      }
      return copy;
    },

    async importTrail(releaseId, copy) {
      const id = checkReleaseId(releaseId);
      const verdict = verifyTrailCopy(copy);
      if (!verdict.ok) {
        throw new StoreError(
          'corrupt-file',
          `The audit trail in the file does not check out: ${verdict.problem}`,
        );
      }
      // An older release file's single chain becomes this workspace's older single chain (audit/<id>.jsonl), not
      // a chain named after a computer: its entries name no computer and their hashes cover exactly those bytes,
      // so it cannot be re-homed under a computer's name without breaking it, and it is the very chain an older
      // Pressroom would have left there. Like every import, it only ever extends what is here.
      const incoming: Array<{ chain: ChainFiles; text: string; head: Head | null }> = [];
      if (copy.text !== '' || copy.head) {
        incoming.push({ chain: legacyChain(id), text: copy.text, head: copy.head });
      }
      for (const chain of copy.chains ?? []) {
        if (chain.text === '' && !chain.head) continue;
        incoming.push({ chain: chainOf(id, chain.computer), text: chain.text, head: chain.head });
      }
      try {
        // Every chain here must be a prefix of the file's, checked for all before any is written: a refusal
        // leaves the trail as it was.
        const here = await trail.exportTrail(id);
        if (!continuesTrail(here, copy)) {
          throw new StoreError(
            'conflict',
            'The audit trail in the file does not continue the one kept here: the release was changed in both ' +
              'places since the file was made.',
          );
        }
        for (const { chain, text, head } of incoming) {
          await fsp.mkdir(dirname(chain.path), { recursive: true });
          await withFileLock(chain.path, async () => {
            const kept = await readOrNull(chain.path);
            const keptText = kept ? decodeStrict(kept) : '';
            if (keptText === null || !text.startsWith(keptText)) {
              throw new StoreError(
                'conflict',
                'The audit trail in the file does not continue the one kept here: the release was changed in ' +
                  'both places since the file was made.',
              );
            }
            if (keptText === text) return;
            // Every existing line is kept byte for byte (the prefix check above); the file is replaced whole only
            // so that a crash leaves the old chain or the new one, never half of the new lines.
            await writeFileDurably(chain.path, text);
            if (head) await writeFileDurably(chain.head, `${JSON.stringify(head)}\n`);
          });
        }
      } catch (error) {
        if (error instanceof StoreError) throw error;
        throw auditError(error, 'take the audit trail from the file');
      }
    },

    async last(releaseId) {
      let newest: AuditEntry | null = null;
      for (const chain of await chainsOf(releaseId)) {
        let handle: FileHandle | undefined;
        try {
          handle = await fsp.open(chain.path, SAFE_OPEN_FLAGS);
          const { line } = await readTail(handle);
          const entry = line ? parseLine(line, chain.computer) : null;
          if (entry && (!newest || byTime(newest, entry) < 0)) newest = entry;
        } catch (error) {
          if (!isErrorCode(error, 'ENOENT')) throw auditError(error, 'read the audit trail of this release');
        } finally {
          await handle?.close().catch(() => undefined);
        }
      }
      return newest;
    },

    async verify(releaseId) {
      const id = checkReleaseId(releaseId);
      const chains = await chainsOf(id);
      const checks: ChainVerification[] = [];
      for (const chain of chains) {
        // The head first, as in exportTrail: another window's append between the reads leaves it behind.
        const headBytes = await readOrNull(chain.head).catch(() => null);
        // A chain that cannot be read as a file (a pipe, a huge junk file put in its place) is reported as a
        // damaged chain of that computer, and the other chains are still verified.
        const bytes = await readOrNull(chain.path).catch(() => UNREADABLE_CHAIN);
        const arriving = chain.computer !== null && chain.computer !== layout.computer.id;
        checks.push(
          checkChain(chain.computer, bytes ?? new Uint8Array(0), headBytes, { knownName, arriving }),
        );
      }
      const arrived = await revisionsHere(layout.revisionsFolder(id));
      for (const check of checks) markWaiting(check, arrived);
      await seenCheck(seenFile(id), checks, layout.computer.id);
      return combine(checks);
    },
  };
  return trail;
}

/** The revision ids whose files are in `folder` (none yet: an empty set). */
async function revisionsHere(folder: string): Promise<Set<string>> {
  try {
    const names = await fsp.readdir(folder);
    return new Set(
      names.filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length)),
    );
  } catch (error) {
    if (isErrorCode(error, 'ENOENT', 'ENOTDIR')) return new Set();
    throw auditError(error, 'read the versions of this release');
  }
}

/** Notes the entries that name a revision not here yet; an intact chain with such entries is waiting for sync. */
function markWaiting(check: ChainVerification, arrived: Set<string>): void {
  for (const entry of check.entries) {
    const missing = (entry.saw ?? []).filter((revision) => !arrived.has(revision));
    if (missing.length > 0) check.waiting.push({ seq: entry.seq, revisions: missing });
  }
  if (check.status === 'intact' && check.waiting.length > 0) check.status = 'waiting-for-sync';
}

/** Merge order of the trail: time, then computer id (the older single chain first), then seq. */
function byTime(a: AuditEntry, b: AuditEntry): number {
  const at = Date.parse(a.at) - Date.parse(b.at);
  if (at !== 0) return at;
  const ca = a.computer?.id ?? '';
  const cb = b.computer?.id ?? '';
  if (ca !== cb) return ca < cb ? -1 : 1;
  return a.seq - b.seq;
}

const LEGACY_LABEL = 'the trail kept by an older Pressroom';

function labelOf(computer: AuditComputer | null): string {
  if (!computer) return LEGACY_LABEL;
  return computer.name === computer.id ? computer.id : `${computer.name} (${computer.id})`;
}

/** What waits for sync, in words for people; null when nothing does. */
function waitingSentence(checks: ChainVerification[]): string | null {
  const parts: string[] = [];
  for (const check of checks) {
    const count = check.waiting.length;
    if (count > 0) {
      parts.push(
        `${count === 1 ? '1 entry' : `${count} entries`} from ${check.label} ${count === 1 ? 'refers' : 'refer'} ` +
          'to a version of the release that has not reached this computer yet.',
      );
    }
    const gap = check.notArrived;
    if (gap) {
      parts.push(
        gap.from === gap.to
          ? `Entry ${gap.from} from ${check.label} has not reached this computer yet.`
          : `Entries ${gap.from} to ${gap.to} from ${check.label} have not reached this computer yet.`,
      );
    }
  }
  if (parts.length === 0) return null;
  return `${parts.join(' ')} Waiting for sync: this is not a fault, and it clears when they arrive.`;
}

/**
 * Holds other computers' chains to what this computer has already seen of them: a chain that lost entries from
 * its end, or whose entries were replaced, since it was last read here is reported, even though its head (which
 * may lag behind on a sync engine) cannot say so. Then notes what is seen now. The record is this computer's own
 * (user-data); a record that cannot be read or written only narrows the check, so it never stops verify.
 */
async function seenCheck(file: string, checks: ChainVerification[], self: string): Promise<void> {
  const document = seenDocument(file);
  let seen: Record<string, Head> = {};
  try {
    seen = { ...(await document.read()).data.seen };
  } catch {
    // An unreadable record: start afresh.
  }
  let changed = false;
  for (const check of checks) {
    const id = check.computer?.id;
    if (!id || id === self || check.status === 'broken') continue;
    const before = seen[id];
    const count = check.entries.length;
    if (before && count < before.seq) {
      Object.assign(check, {
        status: 'broken',
        kind: 'truncated',
        atLine: count + 1,
        seq: count + 1,
        notArrived: null,
        problem:
          before.seq === count + 1
            ? `Entry ${count + 1} was on this computer before and is now missing from the end of the trail.`
            : `Entries ${count + 1} to ${before.seq} were on this computer before and are now missing from the end of the trail.`,
      } satisfies Partial<ChainVerification>);
      continue;
    }
    if (before && before.seq > 0 && check.entries[before.seq - 1]?.hash !== before.hash) {
      Object.assign(check, {
        status: 'broken',
        kind: 'head',
        atLine: before.seq,
        seq: before.seq,
        notArrived: null,
        problem: `Entry ${before.seq} is not the entry that was on this computer before at that place.`,
      } satisfies Partial<ChainVerification>);
      continue;
    }
    const newest = check.entries.at(-1);
    if (newest && (!before || newest.seq > before.seq)) {
      seen[id] = { seq: newest.seq, hash: newest.hash };
      changed = true;
    }
  }
  if (!changed) return;
  await document.write({ schemaVersion: 1, seen }).catch(() => undefined);
}

/**
 * The record of what this computer has seen, one small document per release through the app's document store.
 * Version 0 (before the store) was the bare record of heads by computer; a damaged one is set aside beside it.
 */
const SeenRecordSchema = z.object({
  schemaVersion: z.literal(1),
  seen: z.record(z.string(), HeadSchema),
});

function seenDocument(file: string) {
  return openDocument<z.infer<typeof SeenRecordSchema>>({
    path: file,
    schema: SeenRecordSchema,
    version: 1,
    migrations: { 0: (record) => ({ seen: record }) },
    defaults: () => ({ schemaVersion: 1, seen: {} }),
    format: 'compact',
  });
}

/** The overall verdict: broken if any chain is; entries of all chains merged; old single-chain fields kept. */
function combine(checks: ChainVerification[]): AuditVerification {
  const entries = checks.flatMap((check) => check.entries).sort(byTime);
  const waitingForSync = waitingSentence(checks);
  const broken = checks.find((check) => check.status === 'broken');
  if (!broken) return { ok: true, entries, chains: checks, waitingForSync };
  const where =
    broken.computer === null ? `In ${LEGACY_LABEL}` : `In the entries recorded on ${broken.label}`;
  return {
    ok: false,
    problem: `${where}: ${broken.problem}`,
    atLine: broken.atLine ?? 0,
    kind: broken.kind ?? 'unreadable',
    computer: broken.computer,
    seq: broken.seq ?? 0,
    entries,
    chains: checks,
    waitingForSync,
  };
}

function brokenChain(
  computerId: string,
  kind: AuditProblemKind,
  atLine: number,
  seq: number,
  problem: string,
): ChainVerification {
  const computer = { id: computerId, name: computerId };
  return {
    computer,
    label: labelOf(computer),
    status: 'broken',
    entries: [],
    problem,
    kind,
    atLine,
    seq,
    waiting: [],
    notArrived: null,
  };
}

/**
 * Verifies one chain: the older single chain (`computerId` null) or a computer's, whose every entry must name that
 * computer. The chain's name is taken from its own entries (or `knownName`), else its id stands for it.
 */
function checkChain(
  computerId: string | null,
  bytes: Uint8Array,
  headBytes: Uint8Array | null,
  options: {
    knownName?: (id: string) => string | null;
    /**
     * Another computer's chain in this workspace: its head may arrive before its chain (or the chain before its
     * head), so a head ahead of the chain is "waiting for sync", and a missing head is no fault. What the chain
     * loses after this computer has seen it is caught by the record of entries seen (see seenCheck).
     */
    arriving?: boolean;
  } = {},
): ChainVerification {
  const knownName = options.knownName ?? (() => null);
  const { lines, torn } = splitLines(bytes);
  const entries: AuditEntry[] = [];
  let computer: AuditComputer | null = null;
  if (computerId !== null) {
    // The newest readable entry names the computer as it is called now.
    let name = knownName(computerId);
    for (let i = lines.length - 1; i >= 0 && name === null; i--) {
      const entry = parseLine(lines[i]!, computerId);
      if (entry?.computer?.id === computerId) name = entry.computer.name;
    }
    computer = { id: computerId, name: name ?? computerId };
  }
  const result = (
    problem: { kind: AuditProblemKind; atLine: number; seq: number; text: string } | null,
  ): ChainVerification => ({
    computer,
    label: labelOf(computer),
    status: problem ? 'broken' : 'intact',
    entries,
    problem: problem?.text ?? null,
    kind: problem?.kind ?? null,
    atLine: problem ? problem.atLine : null,
    seq: problem ? problem.seq : null,
    waiting: [],
    notArrived: null,
  });
  const problem = (kind: AuditProblemKind, n: number, text: string) =>
    result({ kind, atLine: n, seq: n, text });

  let previous = GENESIS_HASH;
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    const line = lines[i]!;
    const text = decodeStrict(line);
    const entry = text === null ? null : parseEntry(text, computerId);
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
    if (computerId !== null && entry.computer?.id !== computerId) {
      return problem('changed', n, `Entry ${n} names another computer than the one whose entries these are.`);
    }
    if (entry.seq !== n || entry.prevHash !== previous) {
      return problem('order', n, `Entry ${n} is missing or the entries were reordered.`);
    }
    entries.push(entry);
    previous = entry.hash;
  }

  const head = headBytes && parseHead(headBytes);
  const count = entries.length;
  if (headBytes && !head) {
    return problem(
      'head',
      count,
      'The record of the newest entry was damaged, so Pressroom cannot tell whether entries were removed from the end.',
    );
  }

  if (head && head.seq > count && options.arriving && !torn) {
    const waiting = result(null);
    waiting.notArrived = { from: count + 1, to: head.seq };
    waiting.status = 'waiting-for-sync';
    return waiting;
  }
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
  // A head behind the chain is what a crash between the append and the head update leaves; a head that names a
  // different entry, or none at all under a chain of several entries, is not.
  if (head && head.seq > 0 && entries[head.seq - 1]?.hash !== head.hash) {
    return problem('head', head.seq, `Entry ${head.seq} is not the entry that was written at that place.`);
  }
  if (!head && count > 1 && !options.arriving) {
    return problem(
      'head',
      count,
      'The record of the newest entry is missing, so Pressroom cannot tell whether entries were removed from the end.',
    );
  }
  return result(null);
}

async function exists(path: string): Promise<boolean> {
  try {
    await fsp.stat(path);
    return true;
  } catch (error) {
    if (isErrorCode(error, 'ENOENT', 'ENOTDIR')) return false;
    throw auditError(error, 'read the audit trail of this release');
  }
}

// --- the file ------------------------------------------------------------------------------------------------

/** What an entry says, before it is numbered and chained. */
interface AuditBody {
  computer: AuditComputer;
  actor: Actor;
  event: AuditEvent;
  details: AuditDetails;
  saw: string[];
  at: Date;
}

/** Appends one entry after `last` to this computer's chain; the caller holds the chain's lock. */
async function appendAfter(
  chain: ChainFiles,
  last: { seq: number; hash: string },
  input: AuditBody,
): Promise<AuditEntry> {
  const body = {
    seq: last.seq + 1,
    at: input.at.toISOString(),
    computer: { id: input.computer.id, name: input.computer.name },
    actor: { id: input.actor.id, name: input.actor.name },
    event: input.event,
    details: sortKeys(input.details),
    saw: [...input.saw],
    prevHash: last.hash,
  };
  const entry: AuditEntry = { ...body, hash: hashOf(body) };
  await appendLine(chain.path, `${serialise(entry)}\n`, last.seq === 0);
  await updateHead(chain.head, last, entry);
  return entry;
}

/** The events that say which revision of the content someone wrote. */
const EDIT_EVENTS: readonly AuditEvent[] = ['edited', 'restored'];

/**
 * Whether the trail already records the edit of `revision` by `personId` (recordEdit's rule), across all chains:
 * the newest entry of the merged trail is an 'edited' entry by that person, or the newest edit entry of any chain
 * names that revision or a later one. Each chain is read from its end only as far as its newest edit entry, which
 * is nearly always within the last few lines; this computer's chain first in `known`, the window lastEntry has just
 * read under the lock.
 */
async function coversEdit(
  chains: ChainFiles[],
  own: ChainFiles,
  known: TailWindow | undefined,
  revision: number,
  personId: string,
): Promise<boolean> {
  const all = chains.some((chain) => chain.path === own.path) ? chains : [...chains, own];
  let newest: AuditEntry | null = null;
  for (const chain of all) {
    const window = chain.path === own.path ? known : undefined;
    const last = await fromEnd(chain, window, (entry) => entry);
    if (last && (!newest || byTime(newest, last) < 0)) newest = last;
    const edited = await fromEnd(chain, window, (entry) => {
      if (!EDIT_EVENTS.includes(entry.event)) return undefined;
      const recorded = entry.details.revision;
      return typeof recorded === 'number' ? recorded : undefined;
    });
    if (edited !== undefined && edited >= revision) return true;
  }
  return newest !== null && newest.event === 'edited' && newest.actor.id === personId;
}

/** The bytes of a chain from `start` to its end, as read from the end of the file. */
interface TailWindow {
  start: number;
  bytes: Uint8Array;
}

/**
 * The first answer of `decide` over a chain's readable entries, newest first, reading from the end of the file a
 * window at a time (starting with `known` if given); undefined when no entry decides.
 */
async function fromEnd<T>(
  chain: ChainFiles,
  known: TailWindow | undefined,
  decide: (entry: AuditEntry) => T | undefined,
): Promise<T | undefined> {
  const judge = (window: TailWindow): { done: boolean; answer?: T } => {
    // Bytes after the last newline (a torn append) are not a line, so they are never judged.
    const { lines } = splitLines(window.bytes);
    // Unless the window starts the file, its first line may be the end of a longer one: never judged.
    const whole = window.start === 0 ? lines : lines.slice(1);
    for (let i = whole.length - 1; i >= 0; i--) {
      const entry = parseLine(whole[i]!, chain.computer);
      const answer = entry ? decide(entry) : undefined;
      if (answer !== undefined) return { done: true, answer };
    }
    return { done: window.start === 0 };
  };
  if (known) {
    const verdict = judge(known);
    if (verdict.done) return verdict.answer;
  }
  let handle: FileHandle | undefined;
  try {
    handle = await fsp.open(chain.path, SAFE_OPEN_FLAGS);
    const size = (await handle.stat()).size;
    for (let window = TAIL_WINDOW; ; window *= 2) {
      const start = Math.max(0, size - window);
      const bytes = new Uint8Array(size - start);
      await handle.read(bytes, 0, bytes.length, start);
      const verdict = judge({ start, bytes });
      if (verdict.done) return verdict.answer;
    }
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return undefined;
    throw error;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * seq and hash of the newest complete entry (0 and GENESIS_HASH for none), dropping a torn tail first; with the
 * window read from the end of the file to find it (none when there is no file yet).
 */
async function lastEntry(path: string): Promise<{ seq: number; hash: string; tail?: TailWindow }> {
  let tail: { line: Uint8Array | null; completeLength: number; size: number; window: TailWindow };
  try {
    const handle = await fsp.open(path, SAFE_OPEN_FLAGS);
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
  const entry = parseLine(tail.line, undefined);
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
    // Only a regular file, and never more than a trail can be: a pipe or a huge junk file is reported, not read.
    const bytes = await readRegularFile(path, MAX_CHAIN_FILE_BYTES);
    return bytes === null ? null : new Uint8Array(bytes);
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

/**
 * An entry of the older single chain (`computer` null: no computer, no saw) or of a computer's chain (a string: both
 * present); undefined takes either, for reading this computer's own newest line whatever it is.
 */
function parseLine(line: Uint8Array, computer: string | null | undefined): AuditEntry | null {
  const text = decodeStrict(line);
  return text === null ? null : parseEntry(text, computer);
}

function parseEntry(text: string, computer: string | null | undefined): AuditEntry | null {
  try {
    const json: unknown = JSON.parse(text);
    if (computer !== null) {
      const parsed = ChainEntrySchema.safeParse(json);
      if (parsed.success) return parsed.data;
      if (computer !== undefined) return null;
    }
    const parsed = LegacyEntrySchema.safeParse(json);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The one way an entry is written: fixed key order, details sorted, no spaces; the older form without computer. */
function serialise(entry: AuditEntry): string {
  if (!entry.computer) {
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
  return JSON.stringify({
    seq: entry.seq,
    at: entry.at,
    computer: { id: entry.computer.id, name: entry.computer.name },
    actor: { id: entry.actor.id, name: entry.actor.name },
    event: entry.event,
    details: sortKeys(entry.details),
    saw: entry.saw ?? [],
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
      'Another Pressroom window on this computer is writing to this audit trail right now. Please try again in a moment.',
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

/** The versions (revision ids) of the release on this computer now; none when it has no revisions yet. */
async function versionsHere(layout: WorkspaceLayout, releaseId: string): Promise<string[]> {
  try {
    const outcome = await readHeads(layout, releaseId);
    return outcome.kind === 'ok' ? outcome.heads.all.map((head) => head.id).slice(0, 20) : [];
  } catch {
    return [];
  }
}
