import { promises as fsp } from 'node:fs';
import { basename, join } from 'node:path';
import type { WorkspaceLayout } from '../workspace/layout';
import { z } from 'zod';
import type { FileProblem } from '../../../src-shared/api/contract';
import { migrateRelease, NewerSchemaVersionError } from '../../../src-shared/release/migrate';
import { ReleaseSchema, type Release } from '../../../src-shared/release/schema';
import { contentHash } from '../../../src-shared/workflow/content-hash';
import {
  HISTORY_REASONS,
  type HistoryReason,
  type HistorySummary,
  type HistoryVersion,
  type SavedText,
  type SavesPage,
  type SaveSummary,
} from '../../../src-shared/workflow/review-records';
import { ActorSchema, ContentHashSchema, type Actor } from '../../../src-shared/workflow/workflow';
import {
  createFileExclusively,
  isErrorCode,
  isTempFileName,
  readTextFile,
  toJsonText,
} from '../workspace/durable-file';
import {
  describeComputer,
  listRevisionNames,
  readHeads,
  readRevision,
  type Revision,
  type RevisionName,
} from '../workspace/revisions';
import { checkReleaseId, StoreError, summariseIssues } from '../workspace/store';

/**
 * Kept versions of a release (ARCHITECTURE §5: "every submitted, approved and exported version is kept"):
 *
 *   history/<releaseId>/000007-submitted.<computer>.json    one file per version, written once by one computer
 *   history/<releaseId>/000001-submitted.json               as kept before issue 12 (read, never written now)
 *
 * The number is this computer's next one (one more than the highest it can see), so on a sync engine two computers
 * may both keep a version 7: their files differ by the computer in the name, so neither overwrites the other, and
 * both are listed on both sides once the engine has carried them. `seq` is for people; the file name without
 * `.json` (`key`) names one version unambiguously. No lock is needed: a file is created only where no file of that
 * name exists (hard link of a flushed temp file), and two windows of one computer claim each number in the
 * computer's own folder first (user-data), so they never both take one.
 *
 * Every save (issue 12) is listed from the release's revisions (`releases/<id>/<revision>.<computer>.json`,
 * revisions.ts): names from one folder listing, and only the revisions of the page shown are read.
 */

export { HISTORY_REASONS, type HistoryReason };

export const HISTORY_SCHEMA_VERSION = 1;
/** Saves listed per page unless the caller asks for another number. */
export const SAVES_PAGE_SIZE = 50;
export const MAX_SAVES_PAGE_SIZE = 200;

// The records themselves are described once, beside the API table that carries them.
export type { HistorySummary, HistoryVersion, SavedText, SavesPage, SaveSummary };

export interface HistoryListing {
  /** Newest first. */
  versions: HistorySummary[];
  /** Files in the release's history folder that could not be read; they are left where they are. */
  problems: FileProblem[];
}

export interface ReleaseHistory {
  record(release: Release, reason: HistoryReason, actor: Actor): Promise<HistorySummary>;
  list(releaseId: string): Promise<HistoryListing>;
  /**
   * One version with its content, by its key (file name without `.json`) or, as before issue 12, by its number;
   * a number two computers both kept gives this computer's own version, else the older unnamed one, else the
   * first by name. Throws StoreError not-found, or corrupt-file when it cannot be read.
   */
  get(releaseId: string, which: number | string): Promise<HistoryVersion>;
  /**
   * Takes versions from a release file. A version already here (same key, or same number, time, reason, person and
   * content) is skipped; the others are written as versions this computer keeps, so that importing only ever adds.
   */
  importVersions(releaseId: string, versions: readonly HistoryVersion[]): Promise<number>;
  /** Every save of the release, newest first, one page at a time (`before`: the `older` of the previous page). */
  saves(
    releaseId: string,
    page?: { before?: string | undefined; limit?: number | undefined },
  ): Promise<SavesPage>;
  /** One save with its text. */
  saved(releaseId: string, saveId: string): Promise<SavedText>;
}

export interface ReleaseHistoryOptions {
  now?: () => Date;
}

const FILE_NAME = /^(\d{1,12})-([a-z]+)(?:\.([a-z0-9][a-z0-9-]{0,40}))?\.json$/;

const HistoryFileSchema = z.object({
  schemaVersion: z.literal(HISTORY_SCHEMA_VERSION),
  seq: z.number().int().positive(),
  at: z.iso.datetime(),
  reason: z.enum(HISTORY_REASONS),
  actor: ActorSchema,
  revision: z.number().int().nonnegative(),
  contentHash: ContentHashSchema,
  /** The computer that kept it (issue 12); its id is also in the file name. */
  computer: z.object({ id: z.string().max(100), name: z.string().max(200) }).optional(),
  release: z.unknown(),
});

type ReadOutcome =
  { kind: 'ok'; version: HistoryVersion } | { kind: 'bad'; message: string; code: 'corrupt-file' | 'io' };

interface KeptFile {
  /** 0 for a name that does not follow the pattern. */
  seq: number;
  name: string;
  key: string;
  /** The computer in the name; null for a version kept before issue 12. */
  computer: string | null;
}

export function createReleaseHistory(
  layout: WorkspaceLayout,
  options: ReleaseHistoryOptions = {},
): ReleaseHistory {
  const now = options.now ?? (() => new Date());
  const folderOf = (releaseId: string) => layout.historyFolder(checkReleaseId(releaseId));

  /** Writes a version as this computer's, at `seq` or the next free number after it. */
  async function write(
    folder: string,
    seq: number,
    reason: HistoryReason,
    fields: Omit<HistoryVersion, 'seq' | 'reason' | 'key' | 'computer' | 'release'> & { release: unknown },
  ): Promise<HistorySummary & { key: string }> {
    const computer = { id: layout.computer.id, name: layout.computer.name };
    // The reason is part of the name, so the name alone does not stop two windows of this computer from both
    // taking number 7 (one "submitted", one "exported"): each number is first claimed in this computer's own
    // folder (user-data, never shared), then the version is written under it.
    const claims = join(layout.local, 'history-numbers', basename(folder));
    await fsp.mkdir(claims, { recursive: true });
    for (let attempt = 0; attempt < 50; attempt++, seq++) {
      try {
        await fsp.writeFile(join(claims, String(seq)), '', { flag: 'wx' });
      } catch (error) {
        if (isErrorCode(error, 'EEXIST')) continue;
        throw error;
      }
      const version = {
        schemaVersion: HISTORY_SCHEMA_VERSION,
        seq,
        at: fields.at,
        reason,
        actor: { id: fields.actor.id, name: fields.actor.name },
        revision: fields.revision,
        contentHash: fields.contentHash,
        computer,
        release: fields.release,
      };
      const name = fileName(seq, reason, computer.id);
      if (await createFileExclusively(join(folder, name), toJsonText(version))) {
        const { schemaVersion: _schemaVersion, release: _release, ...rest } = version;
        return { ...rest, key: keyOf(name), status: 'draft', headline: '' };
      }
    }
    throw new StoreError('io', 'Pressroom could not find a free name for this version. Please try again.');
  }

  return {
    async record(release, reason, actor) {
      const parsed = ReleaseSchema.safeParse(release);
      if (!parsed.success) {
        throw new StoreError('invalid-input', 'This version could not be kept: the release is not complete.');
      }
      const who = ActorSchema.safeParse(actor);
      if (!who.success || !HISTORY_REASONS.includes(reason)) {
        throw new StoreError(
          'invalid-input',
          'This version could not be kept: who kept it, or why, is missing.',
        );
      }
      const folder = folderOf(release.id);
      const hash = contentHash(release);
      try {
        await fsp.mkdir(folder, { recursive: true });
        const files = await scan(folder);
        // The same text in the same state as the newest kept version is that version (three draft exports of
        // one text keep one); the caller still records its audit entry.
        const newest = await newestKept(folder, files);
        if (newest && newest.contentHash === hash && newest.release.status === release.status) {
          const { release: kept, ...rest } = newest;
          return { ...rest, status: kept.status, headline: kept.headline };
        }
        const seq = files.reduce((max, file) => Math.max(max, file.seq), 0) + 1;
        const written = await write(folder, seq, reason, {
          at: now().toISOString(),
          actor: who.data,
          revision: release.revision,
          contentHash: hash,
          // As given, not zod's copy, which would reorder the keys of a file people read.
          release,
        });
        return { ...written, status: release.status, headline: release.headline };
      } catch (error) {
        throw historyError(error, 'keep this version');
      }
    },

    async list(releaseId) {
      const folder = folderOf(releaseId);
      let files: KeptFile[];
      try {
        files = await scan(folder);
      } catch (error) {
        throw historyError(error, 'read the history of this release');
      }
      const versions: HistorySummary[] = [];
      const problems: FileProblem[] = [];
      for (const file of files) {
        const relative = layout.relative(join(folder, file.name)) ?? file.name;
        if (file.seq === 0) {
          problems.push({
            file: relative,
            message: `${relative} is not a version Pressroom kept (its name does not follow the pattern); it was left as it is.`,
            movedTo: null,
          });
          continue;
        }
        const outcome = await readVersion(join(folder, file.name), file);
        if (outcome.kind === 'bad') {
          problems.push({ file: relative, message: `${relative}: ${outcome.message}`, movedTo: null });
          continue;
        }
        const { release, ...rest } = outcome.version;
        versions.push({ ...rest, status: release.status, headline: release.headline });
      }
      versions.sort(
        (a, b) =>
          b.seq - a.seq || Date.parse(b.at) - Date.parse(a.at) || ((a.key ?? '') < (b.key ?? '') ? 1 : -1),
      );
      return { versions, problems };
    },

    async importVersions(releaseId, versions) {
      const folder = folderOf(releaseId);
      try {
        await fsp.mkdir(folder, { recursive: true });
        const files = await scan(folder);
        const here: HistoryVersion[] = [];
        for (const file of files) {
          if (file.seq === 0) continue;
          const outcome = await readVersion(join(folder, file.name), file);
          if (outcome.kind === 'ok') here.push(outcome.version);
        }
        let next = files.reduce((max, file) => Math.max(max, file.seq), 0) + 1;
        let written = 0;
        for (const version of versions) {
          const sameKey = version.key ? here.find((v) => v.key === version.key) : undefined;
          if (sameKey) {
            if (sameKey.contentHash === version.contentHash) continue;
            throw new StoreError(
              'conflict',
              `Version ${version.seq} in the file differs from version ${version.seq} kept here: the release ` +
                'was changed in both places since the file was made.',
            );
          }
          if (here.some((v) => sameVersion(v, version))) continue;
          // Its own number where no version here has that number, else the next free one.
          const seq = files.some((f) => f.seq === version.seq) ? next : version.seq;
          const kept = await write(folder, seq, version.reason, {
            at: version.at,
            actor: version.actor,
            revision: version.revision,
            contentHash: version.contentHash,
            release: version.release,
          });
          next = Math.max(next, kept.seq + 1);
          files.push({
            seq: kept.seq,
            name: `${kept.key}.json`,
            key: kept.key,
            computer: layout.computer.id,
          });
          here.push({ ...version, seq: kept.seq, key: kept.key });
          written++;
        }
        return written;
      } catch (error) {
        if (error instanceof StoreError) throw error;
        throw historyError(error, 'take the versions from the file');
      }
    },

    async get(releaseId, which) {
      const folder = folderOf(releaseId);
      const byKey = typeof which === 'string';
      if (byKey ? !FILE_NAME.test(`${which}.json`) : !Number.isSafeInteger(which) || which < 1) {
        throw new StoreError('invalid-input', `"${String(which)}" is not a version of this release.`);
      }
      let files: KeptFile[];
      try {
        files = await scan(folder);
      } catch (error) {
        throw historyError(error, 'read the history of this release');
      }
      const own = layout.computer.id;
      const file = byKey
        ? files.find((candidate) => candidate.key === which)
        : files
            .filter((candidate) => candidate.seq === which)
            .sort((a, b) => rank(a) - rank(b) || (a.name < b.name ? -1 : 1))[0];
      function rank(f: KeptFile) {
        return f.computer === own ? 0 : f.computer === null ? 1 : 2;
      }
      if (!file) {
        throw new StoreError('not-found', `Version ${which} is not in the history of this release.`, {
          ...(byKey ? { key: which } : { seq: which }),
        });
      }
      const outcome = await readVersion(join(folder, file.name), file);
      if (outcome.kind === 'bad') {
        throw new StoreError(outcome.code, `Version ${file.seq} could not be read: ${outcome.message}`, {
          file: layout.relative(join(folder, file.name)) ?? file.name,
        });
      }
      return outcome.version;
    },

    async saves(releaseId, page = {}) {
      const id = checkReleaseId(releaseId);
      const limit = Math.min(MAX_SAVES_PAGE_SIZE, Math.max(1, Math.floor(page.limit ?? SAVES_PAGE_SIZE)));
      let names: RevisionName[] | null;
      try {
        names = await listRevisionNames(layout, id);
      } catch (error) {
        throw historyError(error, 'read the saves of this release');
      }
      if (!names || names.length === 0) return { total: 0, saves: [], older: null };
      // Newest first; `before` is a save's id: the page starts below it, wherever new saves arrived meanwhile.
      const newestFirst = [...names].reverse();
      let start = 0;
      if (page.before !== undefined) {
        const cursor = parseSaveId(page.before);
        if (!cursor) throw new StoreError('invalid-input', `"${page.before}" is not a save of this release.`);
        start = newestFirst.findIndex((name) => compareNames(name, cursor) < 0);
        if (start < 0) start = newestFirst.length;
      }
      const shown = newestFirst.slice(start, start + limit);
      const [heads, reads] = await Promise.all([
        readHeads(layout, id, { names }).catch(() => null),
        Promise.all(
          shown.map((name) =>
            readRevision(layout, id, name).catch(
              (error: unknown) =>
                ({ kind: 'bad', message: `It could not be read (${describe(error)}).` }) as const,
            ),
          ),
        ),
      ]);
      const current = new Set(heads?.kind === 'ok' ? heads.heads.all.map((head) => head.id) : []);
      const saves: SaveSummary[] = [];
      shown.forEach((name, i) => {
        const read = reads[i]!;
        // Gone between the listing and the read (an engine moving it): not a save any more.
        if (read.kind === 'missing') return;
        if (read.kind === 'ok') {
          saves.push(summaryOf(read.revision, current.has(name.id)));
          return;
        }
        saves.push({
          id: name.id,
          revision: name.revision,
          computer: { id: name.computer, name: describeComputer(name.computer) },
          person: null,
          savedAt: new Date(0).toISOString(),
          why: 'saved',
          deleted: false,
          current: current.has(name.id),
          status: null,
          headline: null,
          problem: read.message,
        });
      });
      const end = start + shown.length;
      return {
        total: names.length,
        saves,
        older: end < newestFirst.length && shown.length > 0 ? shown[shown.length - 1]!.id : null,
      };
    },

    async saved(releaseId, saveId) {
      const id = checkReleaseId(releaseId);
      const name = parseSaveId(saveId);
      if (!name) throw new StoreError('invalid-input', `"${saveId}" is not a save of this release.`);
      let read: Awaited<ReturnType<typeof readRevision>>;
      try {
        read = await readRevision(layout, id, name);
      } catch (error) {
        throw historyError(error, 'read this save');
      }
      if (read.kind === 'missing') {
        throw new StoreError('not-found', `Save ${name.revision} is not among the saves of this release.`, {
          save: saveId,
        });
      }
      if (read.kind === 'bad') {
        throw new StoreError('corrupt-file', `Save ${name.revision} could not be read: ${read.message}`, {
          file: `releases/${id}/${name.id}.json`,
        });
      }
      const heads = await readHeads(layout, id).catch(() => null);
      const current = heads?.kind === 'ok' && heads.heads.all.some((head) => head.id === name.id);
      return { ...summaryOf(read.revision, current), release: read.revision.release };
    },
  };
}

/**
 * A save as a version the workflow's restore takes (`restoreVersion` reads the version it restores through
 * `history.get`): the same path as restoring a kept version, so the text becomes a new revision on top and any
 * sign-off over other content lapses.
 */
export function saveAsVersion(save: SavedText): HistoryVersion {
  return {
    seq: save.revision,
    at: save.savedAt,
    reason: 'manual',
    actor:
      save.person && save.person.name.trim()
        ? save.person
        : { id: save.computer.id, name: save.computer.name },
    revision: save.revision,
    contentHash: contentHash(save.release),
    key: save.id,
    computer: save.computer,
    release: save.release,
  };
}

/** `history` with `get` answering `version` whatever it is asked: hands one chosen version to the restore. */
export function historyPinnedTo(history: ReleaseHistory, version: HistoryVersion): ReleaseHistory {
  return { ...history, get: () => Promise.resolve(version) };
}

function summaryOf(revision: Revision, current: boolean): SaveSummary {
  return {
    id: revision.id,
    revision: revision.revision,
    computer: {
      id: revision.writer.computer,
      name: revision.why === 'taken-in' ? 'an older copy taken in' : revision.writer.computerName,
    },
    person: revision.writer.person,
    savedAt: revision.savedAt,
    why: revision.why,
    ...(revision.source ? { source: revision.source } : {}),
    deleted: revision.deleted,
    current,
    status: revision.release.status,
    headline: revision.release.headline,
    problem: null,
  };
}

function parseSaveId(id: string): RevisionName | null {
  const match = /^(\d{8})\.([a-z0-9][a-z0-9-]{0,40})$/.exec(id);
  return match ? { id, revision: Number(match[1]), computer: match[2]! } : null;
}

/** The order listRevisionNames sorts in (oldest first). */
function compareNames(a: RevisionName, b: RevisionName): number {
  return a.revision - b.revision || a.computer.localeCompare(b.computer);
}

function sameVersion(a: HistoryVersion, b: HistoryVersion): boolean {
  // Not the number: a version taken in under the next free number is still the same version.
  return (
    a.reason === b.reason &&
    a.contentHash === b.contentHash &&
    a.actor.id === b.actor.id &&
    Date.parse(a.at) === Date.parse(b.at)
  );
}

/** The `.json` files of a history folder with the number in their name (0 for a name that has none). */
async function scan(folder: string): Promise<KeptFile[]> {
  let names: string[];
  try {
    names = await fsp.readdir(folder);
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return [];
    throw error;
  }
  return names
    .filter((name) => name.endsWith('.json') && !isTempFileName(name))
    .map((name) => {
      const match = FILE_NAME.exec(name);
      const reason = match?.[2] as HistoryReason | undefined;
      const ok = match && reason && HISTORY_REASONS.includes(reason);
      return {
        seq: ok ? Number(match[1]) : 0,
        name,
        key: keyOf(name),
        computer: ok ? (match[3] ?? null) : null,
      };
    })
    .sort((a, b) => a.seq - b.seq || (a.name < b.name ? -1 : 1));
}

/**
 * The newest version kept, in the order list() gives (highest number, then latest time, then key), or null when
 * there is none or it cannot be read (a damaged newest file is reported by list(), not compared with).
 */
async function newestKept(folder: string, files: readonly KeptFile[]): Promise<HistoryVersion | null> {
  const top = files.reduce((max, file) => Math.max(max, file.seq), 0);
  if (top === 0) return null;
  const candidates: HistoryVersion[] = [];
  for (const file of files.filter((candidate) => candidate.seq === top)) {
    const outcome = await readVersion(join(folder, file.name), file);
    if (outcome.kind === 'bad') return null;
    candidates.push(outcome.version);
  }
  candidates.sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || ((a.key ?? '') < (b.key ?? '') ? 1 : -1));
  return candidates[0] ?? null;
}

async function readVersion(path: string, from: KeptFile): Promise<ReadOutcome> {
  let text: string | null;
  try {
    text = await readTextFile(path);
  } catch (error) {
    return { kind: 'bad', code: 'io', message: `Pressroom could not read it (${describe(error)}).` };
  }
  if (text === null)
    return { kind: 'bad', code: 'io', message: 'It disappeared while Pressroom was reading it.' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { kind: 'bad', code: 'corrupt-file', message: `It is not valid JSON (${describe(error)}).` };
  }
  const file = HistoryFileSchema.safeParse(raw);
  if (!file.success) {
    const newer =
      typeof raw === 'object' &&
      raw !== null &&
      typeof (raw as { schemaVersion?: unknown }).schemaVersion === 'number' &&
      (raw as { schemaVersion: number }).schemaVersion > HISTORY_SCHEMA_VERSION;
    return {
      kind: 'bad',
      code: 'corrupt-file',
      message: newer
        ? 'It was written by a newer version of Pressroom. Update Pressroom to read it.'
        : `It is not a version Pressroom can read (${summariseIssues(file.error.issues)}).`,
    };
  }
  if (file.data.seq !== from.seq) {
    return {
      kind: 'bad',
      code: 'corrupt-file',
      message: `Its name says version ${from.seq} but it holds version ${file.data.seq}; it may have been renamed or copied.`,
    };
  }
  if (from.computer !== null && file.data.computer && file.data.computer.id !== from.computer) {
    return {
      kind: 'bad',
      code: 'corrupt-file',
      message:
        'Its name names another computer than the one that kept it; it may have been renamed or copied.',
    };
  }
  let migrated: unknown;
  try {
    migrated = migrateRelease(file.data.release);
  } catch (error) {
    if (error instanceof NewerSchemaVersionError)
      return { kind: 'bad', code: 'corrupt-file', message: error.message };
    return {
      kind: 'bad',
      code: 'corrupt-file',
      message: `The release in it cannot be read (${describe(error)}).`,
    };
  }
  const release = ReleaseSchema.safeParse(migrated);
  if (!release.success) {
    return {
      kind: 'bad',
      code: 'corrupt-file',
      message: `The release in it is not valid (${summariseIssues(release.error.issues)}).`,
    };
  }
  const { schemaVersion: _schemaVersion, release: _raw, computer, ...rest } = file.data;
  return {
    kind: 'ok',
    version: {
      ...rest,
      key: from.key,
      ...(computer
        ? { computer }
        : from.computer
          ? { computer: { id: from.computer, name: describeComputer(from.computer) } }
          : {}),
      release: release.data,
    },
  };
}

function fileName(seq: number, reason: HistoryReason, computer: string): string {
  return `${String(seq).padStart(6, '0')}-${reason}.${computer}.json`;
}

function keyOf(name: string): string {
  return name.endsWith('.json') ? name.slice(0, -'.json'.length) : name;
}

function describe(error: unknown): string {
  if (isErrorCode(error, 'EACCES', 'EPERM')) return 'permission was denied';
  if (isErrorCode(error, 'EIO')) return 'the disk reported an error';
  return error instanceof Error ? error.message : String(error);
}

function historyError(error: unknown, action: string): StoreError {
  if (error instanceof StoreError) return error;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return new StoreError(
    'io',
    `Pressroom could not ${action}: ${describe(error)}.`,
    typeof code === 'string' ? { cause: code } : undefined,
  );
}
