import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { FileProblem } from '../../../src-shared/api/contract';
import { migrateRelease, NewerSchemaVersionError } from '../../../src-shared/release/migrate';
import { ReleaseSchema, type Release } from '../../../src-shared/release/schema';
import type { ErrorCode } from '../../../src-shared/result';
import {
  FileTooLargeError,
  formatBytes,
  NotRegularFileError,
  readRegularTextFile,
  renameDurably,
} from './durable-file';
import { classifyEngineFile, type SyncEngine } from './engine-files';
import type { SharedFolder, WorkspaceLayout } from './layout';
import { takeIn } from './revisions';
import {
  describeFsError,
  errorMessage,
  exists,
  fileTimestamp,
  freeFileName,
  isValidId,
  summariseIssues,
} from './store';

/**
 * Release files as an older Pressroom kept them (one file per release, rewritten on every save), and the copies
 * sync engines made of them, taken in as revisions (issue 12, item 1): the store calls this before each listing.
 */

const RELEASES = 'releases';
const TRASH = 'trash';
type Area = typeof RELEASES | typeof TRASH;

/** No release file can be this large; anything bigger is set aside by its size alone, without being read. */
const MAX_RELEASE_FILE_BYTES = 32 * 1024 * 1024;

/** What the take-in may use of the store: its layout, clock, problem list, locks and names. */
export interface OlderFilesHost {
  readonly layout: WorkspaceLayout;
  now(): Date;
  report(problem: FileProblem): FileProblem;
  locked<T>(id: string, action: () => Promise<T>): Promise<T>;
  freeName(folder: SharedFolder, stem: string, suffix: string): Promise<string>;
  relativeName(path: string): string;
}

type ReadOutcome =
  | { kind: 'ok'; release: Release }
  | { kind: 'missing' }
  /** `setAside`: damaged, so move it to quarantine; otherwise (newer version, unreadable, misnamed) leave it. */
  | { kind: 'bad'; message: string; setAside: boolean; code: ErrorCode };

/**
 * Takes in what an older Pressroom or a sync engine left as whole release files: `releases/<id>.json`,
 * `trash/<id>.json` (as deleted) and the engines' conflict copies of them. Each becomes a revision with no
 * parents (revisions.ts takeIn), so a copy that differs from the rest shows as a second version; the file is then
 * moved to `older-format/`, kept whole. Lossless, and safe to run on two computers at once: both make the same
 * revision file with the same bytes.
 */
export async function takeInOlderFiles(host: OlderFilesHost): Promise<void> {
  for (const area of [RELEASES, TRASH] as const) {
    let names: string[];
    try {
      const entries = await fsp.readdir(host.layout.folder(area), { withFileTypes: true });
      names = entries.filter((entry) => entry.isFile() && entry.name.endsWith('.json')).map((e) => e.name);
    } catch {
      continue;
    }
    const siblings = new Set(names);
    for (const name of names) {
      const made = classifyEngineFile(name, siblings);
      if (made.kind === 'temp') continue;
      const stem = name.slice(0, -'.json'.length);
      const id = made.kind === 'conflict-copy' ? made.original.replace(/\.json$/, '') : stem;
      if (!isValidId(id)) {
        if (area === RELEASES) {
          host.report({
            file: `${area}/${name}`,
            message:
              'Pressroom only opens release files named after their id, like "r-abc123.json" (letters, digits, - and _). ' +
              'This file was left where it is; if a sync tool made it as a copy, compare it with the original and remove it.',
            movedTo: null,
          });
        }
        continue;
      }
      await host
        .locked(id, () =>
          takeInOlderFile(host, area, name, id, made.kind === 'conflict-copy' ? made.engine : null),
        )
        .catch((error: unknown) => {
          // Busy or not movable right now: the listing must still succeed, and the next one tries again.
          host.report({ file: `${area}/${name}`, message: errorMessage(error), movedTo: null });
        });
    }
  }
}

async function takeInOlderFile(
  host: OlderFilesHost,
  area: Area,
  name: string,
  id: string,
  engine: SyncEngine | null,
): Promise<void> {
  const outcome = await readOlderRelease(host, area, name, id);
  if (outcome.kind === 'missing') return;
  if (outcome.kind === 'bad') {
    if (outcome.setAside) await setAside(host, area, name, id);
    else
      host.report({
        file: `${area}/${name}`,
        message: `${outcome.message} It was left where it is.`,
        movedTo: null,
      });
    return;
  }
  const source = engine
    ? `${area}/${name} (a copy ${engine} made during a sync conflict)`
    : `${area}/${name}`;
  await takeIn(host.layout, outcome.release, { source, deleted: area === TRASH });
  const folder = join(host.layout.folder('olderFormat'), area);
  await fsp.mkdir(folder, { recursive: true });
  let target = join(folder, name);
  if (await exists(target))
    target = await freeFileName(
      folder,
      `${name.slice(0, -'.json'.length)}.${fileTimestamp(host.now())}`,
      '.json',
    );
  await renameDurably(join(host.layout.folder(area), name), target);
}

/** A whole release file of an older Pressroom (or an engine's copy of one), checked as it always was. */
async function readOlderRelease(
  host: OlderFilesHost,
  area: Area,
  name: string,
  id: string,
): Promise<ReadOutcome> {
  let text: string | null;
  try {
    text = await readRegularTextFile(join(host.layout.folder(area), name), MAX_RELEASE_FILE_BYTES);
  } catch (error) {
    if (error instanceof NotRegularFileError) {
      // Replaced by one since the listing, or asked for by id: never opened, never moved, its target never shown.
      return {
        kind: 'bad',
        code: 'io',
        setAside: false,
        message: `It is not a regular file (${error.kind}), so Pressroom did not open it.`,
      };
    }
    if (error instanceof FileTooLargeError) {
      return {
        kind: 'bad',
        code: 'corrupt-file',
        setAside: true,
        message: `It is ${formatBytes(error.size)}, larger than any release can be (${formatBytes(error.limit)}), so it was not read.`,
      };
    }
    return {
      kind: 'bad',
      code: 'io',
      setAside: false,
      message: `Pressroom could not read this file (${describeFsError(error)}).`,
    };
  }
  if (text === null) return { kind: 'missing' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return {
      kind: 'bad',
      code: 'corrupt-file',
      setAside: true,
      message: `It is not valid JSON (${errorMessage(error)}).`,
    };
  }
  let migrated: unknown;
  try {
    migrated = migrateRelease(raw);
  } catch (error) {
    if (error instanceof NewerSchemaVersionError) {
      return { kind: 'bad', code: 'corrupt-file', setAside: false, message: error.message };
    }
    throw error;
  }
  const parsed = ReleaseSchema.safeParse(migrated);
  if (!parsed.success) {
    return {
      kind: 'bad',
      code: 'corrupt-file',
      setAside: true,
      message: `It is not a valid Pressroom release (${summariseIssues(parsed.error.issues)}).`,
    };
  }
  if (parsed.data.id !== id) {
    return {
      kind: 'bad',
      code: 'corrupt-file',
      setAside: false,
      message: `It holds the release "${parsed.data.id}" but is named "${id}.json"; rename it to "${parsed.data.id}.json" to open it.`,
    };
  }
  return { kind: 'ok', release: parsed.data };
}

/**
 * Moves a damaged file to quarantine. The caller holds the release's lock; the file is read again first because
 * another writer may have replaced it with a good copy since it was found damaged.
 */
async function setAside(
  host: OlderFilesHost,
  area: Area,
  name: string,
  id: string,
): Promise<FileProblem | null> {
  const outcome = await readOlderRelease(host, area, name, id);
  if (outcome.kind !== 'bad') return null;
  const file = `${area}/${name}`;
  if (!outcome.setAside) {
    return host.report({ file, message: `${outcome.message} It was left where it is.`, movedTo: null });
  }
  try {
    const target = await host.freeName('quarantine', area === TRASH ? `trash-${id}` : id, '');
    await renameDurably(join(host.layout.folder(area), name), target);
    const movedTo = host.relativeName(target);
    return host.report({
      file,
      message: `${file} is damaged and could not be opened. ${outcome.message} Pressroom moved it to ${movedTo} so that nothing overwrites it; the rest of the workspace is unaffected.`,
      movedTo,
    });
  } catch (error) {
    return host.report({
      file,
      message: `${file} is damaged and could not be opened. ${outcome.message} It could not be moved aside (${describeFsError(error)}), so it was left where it is.`,
      movedTo: null,
    });
  }
}
