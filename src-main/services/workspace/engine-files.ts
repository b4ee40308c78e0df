/**
 * Files that sync engines make in a shared folder, recognised by name (issue 12, item 6), so that none of them is
 * listed as a release or reported as "could not be read":
 *
 *  - conflict copies, made when two computers changed one file before their copies met. Each holds a version that
 *    someone saved, so Pressroom keeps it and shows it as a second version, never uses it silently:
 *      Syncthing   `<name>.sync-conflict-YYYYMMDD-HHMMSS-<device>.<ext>`
 *      Dropbox     `<name> (<who>'s conflicted copy YYYY-MM-DD).<ext>`, `<name> (conflicted copy YYYY-MM-DD).<ext>`
 *      OneDrive and SharePoint  `<name>-<COMPUTERNAME>.<ext>` (and `-<COMPUTERNAME>-2`), beside `<name>.<ext>`
 *  - the engines' own temp files, and office lock files a person's editor may leave: skipped without a word.
 */

export type SyncEngine = 'Syncthing' | 'Dropbox' | 'OneDrive';

export type EngineFile =
  | { kind: 'temp' }
  /** `original` is the name of the file this is a copy of (`r-abc.json`). */
  | { kind: 'conflict-copy'; engine: SyncEngine; original: string }
  | { kind: 'plain' };

const SYNCTHING_CONFLICT = /^(.*)\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7}(\.[^./]+)?$/;
/** "(Sam's conflicted copy 2024-07-18)", "(conflicted copy 2024-07-18)", "(conflicted copy 2024-07-18 (1))". */
const DROPBOX_CONFLICT =
  /^(.*?) \((?:[^()]*'s )?conflicted copy(?: \d{4}-\d{2}-\d{2})?(?: \(\d+\))?\)(\.[^./]+)?$/i;
/** A Windows computer name (NetBIOS: up to 15 characters, shown in capitals), optionally numbered. */
const COMPUTER_NAME = /^(?=[A-Z0-9-]*[A-Z])[A-Z0-9][A-Z0-9-]{0,14}(?:-\d+)?$/;

const TEMP_NAMES: readonly RegExp[] = [
  /^\.syncthing\..*\.tmp$/, // Syncthing, while a file arrives
  /^~syncthing~.*\.tmp$/, // Syncthing on Windows
  /^~\$/, // Microsoft Office owner files
  /^\.~lock\..*#?$/, // LibreOffice lock files
  /\.tmp$/i, // Pressroom's own temp files, and most other programs'
];

/**
 * What `name` is, among the files of one folder. `siblings` are the other names in that folder: a OneDrive copy
 * is only recognised beside its original, since `r-abc-LAPTOP2.json` could otherwise be a release's own name.
 */
export function classifyEngineFile(name: string, siblings: ReadonlySet<string> = new Set()): EngineFile {
  if (TEMP_NAMES.some((pattern) => pattern.test(name))) return { kind: 'temp' };
  const syncthing = SYNCTHING_CONFLICT.exec(name);
  if (syncthing)
    return { kind: 'conflict-copy', engine: 'Syncthing', original: syncthing[1]! + (syncthing[2] ?? '') };
  const dropbox = DROPBOX_CONFLICT.exec(name);
  if (dropbox)
    return { kind: 'conflict-copy', engine: 'Dropbox', original: dropbox[1]! + (dropbox[2] ?? '') };
  // Computer names contain hyphens too (DESKTOP-4F2K9AB), so every hyphen is a candidate for where it starts.
  const dot = name.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let at = stem.indexOf('-'); at > 0; at = stem.indexOf('-', at + 1)) {
    const original = stem.slice(0, at) + extension;
    if (COMPUTER_NAME.test(stem.slice(at + 1)) && siblings.has(original)) {
      return { kind: 'conflict-copy', engine: 'OneDrive', original };
    }
  }
  return { kind: 'plain' };
}
