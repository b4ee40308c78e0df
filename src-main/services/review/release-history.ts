import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
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
} from '../../../src-shared/workflow/review-records';
import { ActorSchema, ContentHashSchema, type Actor } from '../../../src-shared/workflow/workflow';
import {
  isErrorCode,
  isTempFileName,
  readTextFile,
  toJsonText,
  writeFileDurably,
} from '../workspace/durable-file';
import { LockBusyError, withFileLock } from '../workspace/file-lock';
import { checkReleaseId, StoreError, summariseIssues } from '../workspace/store';

/**
 * Kept versions of a release (ARCHITECTURE §5: "every submitted, approved and exported version is kept"):
 *
 *   history/<releaseId>/000001-submitted.json    one file per version, written once and never changed
 *
 * The number is zero-padded so that a file manager lists the versions in order; any number of digits is read.
 * Each file carries its own schema version (the format of the wrapper) and the release as it was, which is
 * migrated on read like any stored release.
 */

export { HISTORY_REASONS, type HistoryReason };

export const HISTORY_SCHEMA_VERSION = 1;

// The records themselves are described once, beside the API table that carries them.
export type { HistorySummary, HistoryVersion };

export interface HistoryListing {
  /** Newest first. */
  versions: HistorySummary[];
  /** Files in the release's history folder that could not be read; they are left where they are. */
  problems: FileProblem[];
}

export interface ReleaseHistory {
  record(release: Release, reason: HistoryReason, actor: Actor): Promise<HistorySummary>;
  list(releaseId: string): Promise<HistoryListing>;
  /** One version with its content; throws StoreError not-found, or corrupt-file when it cannot be read. */
  get(releaseId: string, seq: number): Promise<HistoryVersion>;
  /**
   * Takes versions from a release file under their own numbers. A number already kept here must hold the same
   * content (same hash); versions that are new here are written, so that importing only ever adds.
   */
  importVersions(releaseId: string, versions: readonly HistoryVersion[]): Promise<number>;
}

export interface ReleaseHistoryOptions {
  now?: () => Date;
}

const FILE_NAME = /^(\d{1,12})-([a-z]+)\.json$/;

const HistoryFileSchema = z.object({
  schemaVersion: z.literal(HISTORY_SCHEMA_VERSION),
  seq: z.number().int().positive(),
  at: z.iso.datetime(),
  reason: z.enum(HISTORY_REASONS),
  actor: ActorSchema,
  revision: z.number().int().nonnegative(),
  contentHash: ContentHashSchema,
  release: z.unknown(),
});

type ReadOutcome =
  { kind: 'ok'; version: HistoryVersion } | { kind: 'bad'; message: string; code: 'corrupt-file' | 'io' };

export function createReleaseHistory(
  layout: WorkspaceLayout,
  options: ReleaseHistoryOptions = {},
): ReleaseHistory {
  const now = options.now ?? (() => new Date());
  const folderOf = (releaseId: string) => layout.historyFolder(checkReleaseId(releaseId));

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
      try {
        await fsp.mkdir(folder, { recursive: true });
        // The lock makes "find the next number, write it" one step for every window and computer on the folder.
        return await withFileLock(folder, async () => {
          const seq = (await scan(folder)).reduce((max, file) => Math.max(max, file.seq), 0) + 1;
          const version = {
            schemaVersion: HISTORY_SCHEMA_VERSION,
            seq,
            at: now().toISOString(),
            reason,
            actor: { id: who.data.id, name: who.data.name },
            revision: release.revision,
            contentHash: contentHash(release),
            // As given, not zod's copy, which would reorder the keys of a file people read.
            release,
          };
          await writeFileDurably(join(folder, fileName(seq, reason)), toJsonText(version));
          const { schemaVersion: _schemaVersion, release: _release, ...rest } = version;
          return { ...rest, status: release.status, headline: release.headline };
        });
      } catch (error) {
        throw historyError(error, 'keep this version');
      }
    },

    async list(releaseId) {
      const folder = folderOf(releaseId);
      let files: Array<{ seq: number; name: string }>;
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
        const outcome = await readVersion(join(folder, file.name), file.seq);
        if (outcome.kind === 'bad') {
          problems.push({ file: relative, message: `${relative}: ${outcome.message}`, movedTo: null });
          continue;
        }
        if (versions.some((version) => version.seq === file.seq)) {
          problems.push({
            file: relative,
            message: `${relative} has the same number as another version (a copy made by a sync tool?); it was left as it is.`,
            movedTo: null,
          });
          continue;
        }
        const { release, ...rest } = outcome.version;
        versions.push({ ...rest, status: release.status, headline: release.headline });
      }
      versions.sort((a, b) => b.seq - a.seq);
      return { versions, problems };
    },

    async importVersions(releaseId, versions) {
      const folder = folderOf(releaseId);
      try {
        await fsp.mkdir(folder, { recursive: true });
        return await withFileLock(folder, async () => {
          const existing = await scan(folder);
          let written = 0;
          for (const version of versions) {
            const here = existing.find((file) => file.seq === version.seq);
            if (here) {
              const outcome = await readVersion(join(folder, here.name), here.seq);
              if (outcome.kind === 'ok' && outcome.version.contentHash === version.contentHash) continue;
              throw new StoreError(
                'conflict',
                `Version ${version.seq} in the file differs from version ${version.seq} kept here: the release ` +
                  'was changed in both places since the file was made.',
              );
            }
            const file = {
              schemaVersion: HISTORY_SCHEMA_VERSION,
              seq: version.seq,
              at: version.at,
              reason: version.reason,
              actor: { id: version.actor.id, name: version.actor.name },
              revision: version.revision,
              contentHash: version.contentHash,
              release: version.release,
            };
            await writeFileDurably(join(folder, fileName(version.seq, version.reason)), toJsonText(file));
            written++;
          }
          return written;
        });
      } catch (error) {
        if (error instanceof StoreError) throw error;
        throw historyError(error, 'take the versions from the file');
      }
    },

    async get(releaseId, seq) {
      const folder = folderOf(releaseId);
      if (!Number.isSafeInteger(seq) || seq < 1) {
        throw new StoreError('invalid-input', `"${String(seq)}" is not a version number.`);
      }
      let files: Array<{ seq: number; name: string }>;
      try {
        files = await scan(folder);
      } catch (error) {
        throw historyError(error, 'read the history of this release');
      }
      const file = files.find((candidate) => candidate.seq === seq);
      if (!file) {
        throw new StoreError('not-found', `Version ${seq} is not in the history of this release.`, { seq });
      }
      const outcome = await readVersion(join(folder, file.name), seq);
      if (outcome.kind === 'bad') {
        throw new StoreError(outcome.code, `Version ${seq} could not be read: ${outcome.message}`, {
          file: layout.relative(join(folder, file.name)) ?? file.name,
        });
      }
      return outcome.version;
    },
  };
}

/** The `.json` files of a history folder with the number in their name (0 for a name that has none). */
async function scan(folder: string): Promise<Array<{ seq: number; name: string }>> {
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
      return { seq: match && reason && HISTORY_REASONS.includes(reason) ? Number(match[1]) : 0, name };
    })
    .sort((a, b) => a.seq - b.seq || (a.name < b.name ? -1 : 1));
}

async function readVersion(path: string, seqFromName: number): Promise<ReadOutcome> {
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
  if (file.data.seq !== seqFromName) {
    return {
      kind: 'bad',
      code: 'corrupt-file',
      message: `Its name says version ${seqFromName} but it holds version ${file.data.seq}; it may have been renamed or copied.`,
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
  const { schemaVersion: _schemaVersion, release: _raw, ...rest } = file.data;
  return { kind: 'ok', version: { ...rest, release: release.data } };
}

function fileName(seq: number, reason: HistoryReason): string {
  return `${String(seq).padStart(6, '0')}-${reason}.json`;
}

function describe(error: unknown): string {
  if (isErrorCode(error, 'EACCES', 'EPERM')) return 'permission was denied';
  if (isErrorCode(error, 'EIO')) return 'the disk reported an error';
  return error instanceof Error ? error.message : String(error);
}

function historyError(error: unknown, action: string): StoreError {
  if (error instanceof StoreError) return error;
  if (error instanceof LockBusyError) {
    return new StoreError(
      'io',
      'Another Pressroom window or computer is keeping a version of this release right now. Please try again in a moment.',
    );
  }
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return new StoreError(
    'io',
    `Pressroom could not ${action}: ${describe(error)}.`,
    typeof code === 'string' ? { cause: code } : undefined,
  );
}
