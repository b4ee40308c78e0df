import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { workspaceLayout } from '../../src-main/services/workspace/layout';
import { parseRevisionName, readHeads, type ReleaseHeads } from '../../src-main/services/workspace/revisions';
import type { Release } from '../../src-shared/release/schema';

/**
 * What is on disk for a release, read the way a colleague's Pressroom would read it: from the revision files in
 * `releases/<id>/`, not through the store under test. Tests assert "the file on disk" with these.
 */

/** The heads of a release as stored, or null when it has no revisions. */
export async function storedHeads(folder: string, id: string): Promise<ReleaseHeads | null> {
  const outcome = await readHeads(workspaceLayout(folder), id);
  return outcome.kind === 'ok' ? outcome.heads : null;
}

/** The release as stored now (the newest version when there is a fork), or null when there is none. */
export async function readStoredRelease(folder: string, id: string): Promise<Release | null> {
  const heads = await storedHeads(folder, id);
  if (!heads) return null;
  const newest = [...heads.heads].sort(
    (a, b) => b.revision - a.revision || b.savedAt.localeCompare(a.savedAt),
  )[0]!;
  return newest.release;
}

/** The revision file names of a release, oldest first. */
export async function revisionNames(folder: string, id: string): Promise<string[]> {
  const names = await readdir(`${folder}/releases/${id}`).catch(() => [] as string[]);
  return names
    .map((name) => ({ name, parsed: parseRevisionName(name) }))
    .filter((entry) => entry.parsed !== null)
    .sort((a, b) => a.parsed!.revision - b.parsed!.revision || a.name.localeCompare(b.name))
    .map((entry) => entry.name);
}

/** The ids of the releases that have revisions in the workspace. */
export async function storedReleaseIds(folder: string): Promise<string[]> {
  const entries = await readdir(`${folder}/releases`, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** A revision file as written (the wrapper: format, writer, parents, seen, deleted, release). */
export async function readRevisionFile(
  folder: string,
  id: string,
  name: string,
): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(`${folder}/releases/${id}/${name}`, 'utf8')) as Record<string, unknown>;
}

/**
 * Every file under `folder` (recursively, lock files included) with its text, by workspace-relative path: two
 * snapshots tell which files a step added, changed or removed.
 */
export async function snapshotFiles(folder: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(relative ? `${folder}/${relative}` : folder, { withFileTypes: true }).catch(
      () => [],
    );
    for (const entry of entries) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) out.set(path, await readFile(`${folder}/${path}`, 'utf8'));
    }
  };
  await walk('');
  return out;
}

/** What changed between two snapshots. */
export function filesChanged(
  before: Map<string, string>,
  after: Map<string, string>,
): { added: string[]; changed: string[]; removed: string[] } {
  return {
    added: [...after.keys()].filter((path) => !before.has(path)).sort(),
    changed: [...after.keys()]
      .filter((path) => before.has(path) && before.get(path) !== after.get(path))
      .sort(),
    removed: [...before.keys()].filter((path) => !after.has(path)).sort(),
  };
}

/**
 * Rewrites one revision file in place, as a person with a text editor would: `change` edits the release in it.
 * With `rehash`, the revision's hash is recomputed too, so that the edit is not detectable by the hash alone (a
 * careful hand, or a tool); without it the hash no longer matches and Pressroom must refuse the revision.
 */
export async function editRevisionFile(
  folder: string,
  id: string,
  name: string,
  change: (release: Release) => Release,
  options: { rehash: boolean },
): Promise<void> {
  const file = await readRevisionFile(folder, id, name);
  const release = change(file.release as Release);
  const sha256 = options.rehash
    ? createHash('sha256').update(JSON.stringify(release)).digest('hex')
    : file.sha256;
  await writeFile(
    `${folder}/releases/${id}/${name}`,
    `${JSON.stringify({ ...file, release, sha256 }, null, 2)}\n`,
  );
}

/** The per-computer audit chains of a release (`audit/<id>/<computer>.jsonl`), as files on disk. */
export async function auditChainFiles(folder: string, id: string): Promise<string[]> {
  const names = await readdir(`${folder}/audit/${id}`).catch(() => [] as string[]);
  return names.filter((name) => name.endsWith('.jsonl')).map((name) => `${folder}/audit/${id}/${name}`);
}

/** Every entry of every chain of a release's audit trail, read from disk, in time order (then chain order). */
export async function readAuditEntries(
  folder: string,
  id: string,
): Promise<
  Array<{
    seq: number;
    at: string;
    event: string;
    actor: { id: string; name: string };
    details: Record<string, string | number>;
  }>
> {
  const entries = [];
  for (const path of await auditChainFiles(folder, id)) {
    const text = await readFile(path, 'utf8');
    for (const line of text.split('\n')) if (line.trim()) entries.push(JSON.parse(line));
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at) || a.seq - b.seq);
}
