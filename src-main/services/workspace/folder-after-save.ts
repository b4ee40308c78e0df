import type { FileIdentity } from './durable-file';
import type { ExpectedFolder, NewestFiles } from './file-worker';
import { parseRevisionName, type Revision } from './revisions';

/**
 * What a release's revisions folder held after this process's last save of it: each computer's newest revision
 * (by file name, the identity of its file), how many revision files, and the highest number. The next save works
 * out what it will write from this while the file worker takes the release's lock, and the worker writes it right
 * after taking the lock only if it finds the folder still so (file-worker.ts); otherwise nothing is written early
 * and the save reads the heads under the lock as before. The heads of a release depend on nothing else
 * (revisions.ts readHeads: each computer's newest file, and the highest number), so a folder found as it was left
 * has the heads it had, whatever happened in between.
 *
 * Why: a save's own work (reading the heads, the workflow's bookkeeping, the revision's JSON) then runs beside the
 * lock's trip instead of after it, and the save waits for the worker once: issue 15, a save against the floor of a
 * bare durable write.
 */
export type FolderAfterSave = ExpectedFolder;

/** The folder after `written` was added to what the lock's trip found (`found`); null when that is not known whole. */
export function folderAfterSave(
  found: NewestFiles | undefined,
  written: Revision,
  writtenIdentity: FileIdentity | undefined,
): FolderAfterSave | null {
  // A newest file that could not be stat-ed leaves a computer out: then nothing is known for sure.
  if (!found || !writtenIdentity || found.identities.size !== found.writers) return null;
  const computer = written.writer.computer;
  const identities = new Map<string, FileIdentity>();
  for (const [name, identity] of found.identities) {
    if (parseRevisionName(name)?.computer !== computer) identities.set(name, identity);
  }
  identities.set(`${written.id}.json`, writtenIdentity);
  return { identities, files: found.files + 1, highest: Math.max(found.highest, written.revision) };
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
