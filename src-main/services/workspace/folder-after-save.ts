import { sameIdentity, type FileIdentity } from './durable-file';
import type { NewestFiles } from './file-worker';
import { parseRevisionName, type Revision } from './revisions';

/**
 * What a release's revisions folder held after this process's last save of it: each computer's newest revision
 * (by file name, the identity of its file), how many revision files, and the highest number. A save works out what
 * it will write from this while the file worker takes the release's lock, and writes it only if the lock's trip
 * finds the folder still so (`stillAsLeft`); otherwise it reads the heads under the lock as before. The heads of a
 * release depend on nothing else (revisions.ts readHeads: each computer's newest file, and the highest number), so
 * a folder found as it was left has the heads it had, whatever happened in between.
 *
 * Why: a save's own work (reading the heads, the workflow's bookkeeping, the revision's JSON) then runs beside the
 * lock's trip instead of after it: issue 15, a save against the floor of a bare durable write.
 */
export interface FolderAfterSave {
  newest: ReadonlyMap<string, FileIdentity>;
  files: number;
  highest: number;
}

/** The folder after `written` was added to what the lock's trip found (`found`); null when that is not known whole. */
export function folderAfterSave(
  found: NewestFiles | undefined,
  written: Revision,
  writtenIdentity: FileIdentity | undefined,
): FolderAfterSave | null {
  // A newest file that could not be stat-ed leaves a computer out: then nothing is known for sure.
  if (!found || !writtenIdentity || found.identities.size !== found.writers) return null;
  const computer = written.writer.computer;
  const newest = new Map<string, FileIdentity>();
  for (const [name, identity] of found.identities) {
    if (parseRevisionName(name)?.computer !== computer) newest.set(name, identity);
  }
  newest.set(`${written.id}.json`, writtenIdentity);
  return { newest, files: found.files + 1, highest: Math.max(found.highest, written.revision) };
}

/** The lock's trip found the folder as the last save left it: the same newest files, as many, the same highest. */
export function stillAsLeft(left: FolderAfterSave, found: NewestFiles | undefined): boolean {
  if (!found || found.files !== left.files || found.highest !== left.highest) return false;
  if (found.writers !== left.newest.size || found.identities.size !== left.newest.size) return false;
  for (const [name, identity] of left.newest) {
    const now = found.identities.get(name);
    if (!now || !sameIdentity(now, identity)) return false;
  }
  return true;
}

/** The folders of the releases saved lately, by release id; the least recently saved go first. */
export class FoldersAfterSave {
  private readonly folders = new Map<string, FolderAfterSave>();
  constructor(private readonly limit = 64) {}

  get(id: string): FolderAfterSave | undefined {
    return this.folders.get(id);
  }

  set(id: string, folder: FolderAfterSave | null): void {
    this.folders.delete(id);
    if (!folder) return;
    this.folders.set(id, folder);
    if (this.folders.size > this.limit) this.folders.delete(this.folders.keys().next().value!);
  }
}
