import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { z } from 'zod';
import { StoreError } from '../workspace/store';
import { toJsonText, writeFileDurably } from '../workspace/durable-file';

/**
 * Writes the newsroom's files into the folder the office uploads (issue 17, item 1), rewriting only what changed:
 * a manifest in the folder keeps the hash of every file Pressroom wrote there, so a re-export leaves an unchanged
 * file alone (its date too, so an upload tool that copies changed files copies only those), and a file Pressroom
 * wrote before that is no longer part of the site (a release withdrawn, a tag gone) is removed. Files Pressroom did
 * not write are never touched.
 */

export const MANIFEST_NAME = '.pressroom-newsroom.json';

const ManifestSchema = z.object({
  format: z.literal('pressroom-newsroom/1'),
  files: z.record(z.string(), z.string()),
});

export interface FolderReport {
  written: string[];
  unchanged: string[];
  removed: string[];
}

const hashOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Root-relative paths with forward slashes only, nothing climbing out ("../") and no hidden names. */
function isSitePath(path: string): boolean {
  return /^(?:[A-Za-z0-9_][A-Za-z0-9._-]*\/)*[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(path) && !path.includes('..');
}

async function readManifest(folder: string): Promise<Record<string, string> | null> {
  let text: string;
  try {
    text = await fsp.readFile(join(folder, MANIFEST_NAME), 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = ManifestSchema.safeParse(JSON.parse(text));
    // A manifest that cannot be read is treated as none: everything is written again, nothing removed.
    return parsed.success ? parsed.data.files : {};
  } catch {
    return {};
  }
}

async function sizeOf(path: string): Promise<number | null> {
  try {
    return (await fsp.stat(path)).size;
  } catch {
    return null;
  }
}

export async function writeNewsroomFolder(
  folder: string,
  files: ReadonlyMap<string, string | Uint8Array>,
): Promise<FolderReport> {
  try {
    await fsp.mkdir(folder, { recursive: true });
  } catch (error) {
    throw new StoreError(
      'io',
      `The newsroom folder ${folder} could not be created: ${(error as Error).message}`,
    );
  }
  const previous = await readManifest(folder);
  if (previous === null && (await sizeOf(join(folder, 'index.html'))) !== null) {
    // Someone else's site: overwriting its index would break it.
    throw new StoreError(
      'refused',
      `${folder} already has an index.html that Pressroom did not write. Choose an empty folder, or the ` +
        'folder of an earlier newsroom export.',
    );
  }
  const report: FolderReport = { written: [], unchanged: [], removed: [] };
  const next: Record<string, string> = {};
  const paths = [...files.keys()].sort();
  for (const path of paths) {
    if (!isSitePath(path)) throw new Error(`Not a path inside the newsroom: ${path}`);
    const content = files.get(path)!;
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    const hash = hashOf(bytes);
    next[path] = hash;
    const target = join(folder, ...path.split('/'));
    // The manifest's word and the file's size: a file deleted or replaced by hand since is written again.
    if (previous?.[path] === hash && (await sizeOf(target)) === bytes.byteLength) {
      report.unchanged.push(path);
      continue;
    }
    try {
      await fsp.mkdir(dirname(target), { recursive: true });
      await writeFileDurably(target, bytes);
    } catch (error) {
      throw new StoreError('io', `${path} could not be written to ${folder}: ${(error as Error).message}`);
    }
    report.written.push(path);
  }
  for (const path of Object.keys(previous ?? {}).sort()) {
    if (Object.hasOwn(next, path) || !isSitePath(path)) continue;
    const target = join(folder, ...path.split('/'));
    await fsp.rm(target, { force: true }).catch(() => undefined);
    report.removed.push(path);
    // A folder left empty (a tag's pages all gone) goes too; one with anything else in it stays.
    const parent = dirname(target);
    if (parent !== folder && parent.startsWith(folder + sep)) await fsp.rmdir(parent).catch(() => undefined);
  }
  await writeFileDurably(
    join(folder, MANIFEST_NAME),
    toJsonText({ format: 'pressroom-newsroom/1', files: next }),
  );
  return report;
}
