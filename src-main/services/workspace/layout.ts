import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { thisComputer, type Computer } from './computer';

/**
 * Where every kind of file of a workspace lives, who may write it and whether it travels (ARCHITECTURE §4).
 *
 * A workspace has two roots:
 *  - the shared folder the person picked (on a share or kept in step by a sync engine): what colleagues see;
 *  - this computer's folder for that workspace, in the user-data folder, keyed by a hash of the workspace's path:
 *    what must never reach a colleague (unsaved-edit stashes, caches).
 *
 * Services ask this module for paths instead of joining names onto the workspace folder themselves, so that the
 * rule "this file travels, that one does not; this one is written by any computer, that one by its writer only"
 * is written once, here, and a test can walk it. Temp files and locks cannot leave the shared folder (a rename is
 * only atomic within one file system, and a lock only excludes a colleague on a share if it is on the share), so
 * they stay beside what they protect under names the engines are told to skip (SYNC_IGNORE_PATTERNS).
 */

/** Who may write files of a kind. Only `its-writer` and `this-computer` are safe on a sync engine. */
export type Writer =
  /** Any computer rewrites or adds these: on a sync engine two computers can write one file (issue 12). */
  | 'any-computer'
  /** One file per person or session, written only by them (comments, presence). */
  | 'its-writer'
  /** Never seen by another computer. */
  | 'this-computer'
  /** Written by an older Pressroom: read, taken in (migrated) and left as it was; never written now. */
  | 'nobody-now';

/** Whether files of a kind reach colleagues. */
export type Travel =
  /** In the shared folder, synced or shared with everyone. */
  | 'travels'
  /** In this computer's folder for the workspace (user-data); never in the shared folder. */
  | 'stays-here'
  /** In the shared folder for a technical reason, under a name the engines are told to skip. */
  | 'skipped-by-name';

export type FileKind =
  | 'workspace-file'
  | 'workspace-change'
  | 'release'
  | 'revision'
  | 'trash'
  | 'conflict-copy'
  | 'quarantine'
  | 'asset'
  | 'history'
  | 'audit-trail'
  | 'audit-head'
  | 'audit-chain'
  | 'audit-chain-head'
  | 'comments'
  | 'distribution-change'
  | 'presence'
  | 'dictionary'
  | 'lock'
  | 'temp-file'
  | 'recovery-stash'
  | 'cache';

export interface KindRule {
  /** What people see in the README's "Where data lives". */
  where: string;
  writer: Writer;
  travel: Travel;
  /** Why the rule is what it is, for whoever changes it. */
  why: string;
}

/** The table. Adding a kind without a rule does not compile. */
export const LAYOUT: Readonly<Record<FileKind, KindRule>> = {
  'workspace-file': {
    where: 'workspace.json',
    writer: 'nobody-now',
    travel: 'travels',
    why: 'Profile, settings and people as an older Pressroom kept them: the base that per-computer changes apply to.',
  },
  'workspace-change': {
    where: 'workspace-changes/<computer>.jsonl',
    writer: 'its-writer',
    travel: 'travels',
    why: 'One append-only file per computer of field changes (writer, time); the profile is their merge, field by field.',
  },
  release: {
    where: 'releases/<id>.json',
    writer: 'nobody-now',
    travel: 'travels',
    why: 'A release as an older Pressroom kept it (rewritten on every save): taken in as a first revision on open.',
  },
  revision: {
    where: 'releases/<id>/<revision>.<computer>.json',
    writer: 'its-writer',
    travel: 'travels',
    why: 'One immutable file per save, named by its writer: the current text is computed from what has arrived, and two saves on one parent are a fork that is shown, never a file one of them overwrote.',
  },
  trash: {
    where: 'trash/<id>.json',
    writer: 'any-computer',
    travel: 'travels',
    why: 'Deleted releases, moved here whole so that they can be restored anywhere.',
  },
  'conflict-copy': {
    where: 'conflicts/<id>.<time>.json',
    writer: 'any-computer',
    travel: 'travels',
    why: 'Only ever added under a new name: the text of a refused save, for whoever needs to compare it.',
  },
  quarantine: {
    where: 'quarantine/',
    writer: 'any-computer',
    travel: 'travels',
    why: 'Only ever added: damaged files moved aside untouched, so that a colleague can see what was set aside.',
  },
  asset: {
    where: 'assets/',
    writer: 'any-computer',
    travel: 'travels',
    why: 'Only ever added under a new name (the logo); every export on every computer needs it.',
  },
  history: {
    where: 'history/<id>/NNNNNN-<why>.<computer>.json',
    writer: 'its-writer',
    travel: 'travels',
    why: 'Kept versions, added and never rewritten.',
  },
  'audit-trail': {
    where: 'audit/<id>.jsonl',
    writer: 'nobody-now',
    travel: 'travels',
    why: 'The one chain per release an older Pressroom appended from every computer: verified and shown, never extended.',
  },
  'audit-head': {
    where: 'audit/<id>.head.json',
    writer: 'nobody-now',
    travel: 'travels',
    why: "The last entry of the older single chain, so that a cut-short trail is noticed.",
  },
  'audit-chain': {
    where: 'audit/<id>/<computer>.jsonl',
    writer: 'its-writer',
    travel: 'travels',
    why: "One hash chain per computer: the release's trail is the merge of all chains, each verified on its own.",
  },
  'audit-chain-head': {
    where: 'audit/<id>/<computer>.head.json',
    writer: 'its-writer',
    travel: 'travels',
    why: "The last entry of one computer's chain, so that a chain cut short is noticed.",
  },
  comments: {
    where: 'comments/<id>/<person>.jsonl',
    writer: 'its-writer',
    travel: 'travels',
    why: 'One append-only file per author: no two computers write one file.',
  },
  'distribution-change': {
    where: 'distribution/<computer>.jsonl',
    writer: 'its-writer',
    travel: 'travels',
    why: 'The distribution list and the do-not-contact list: one append-only file of changes per computer; the lists are their merge in time order.',
  },
  presence: {
    where: '.presence/<id>/<person>.<session>.json',
    writer: 'its-writer',
    travel: 'travels',
    why: 'Who has a release open: one heartbeat file per session, which colleagues must see.',
  },
  dictionary: {
    where: 'dictionary.txt',
    writer: 'any-computer',
    travel: 'travels',
    why: 'Words the spellchecker accepts, for everyone who opens the workspace.',
  },
  lock: {
    where: '<file>.lock beside the file it protects',
    writer: 'this-computer',
    travel: 'skipped-by-name',
    why: 'Held for the milliseconds of one save; on a share (SMB) it must be on the share to keep a colleague out.',
  },
  'temp-file': {
    where: '.<file>.<process>.<random>.tmp beside the file it replaces',
    writer: 'this-computer',
    travel: 'skipped-by-name',
    why: 'A save is only atomic when the temp file is renamed within one file system, so it sits beside its target.',
  },
  'recovery-stash': {
    where: '<user data>/workspaces/<hash>/recovery/<id>.json',
    writer: 'this-computer',
    travel: 'stays-here',
    why: "A person's unsaved typing: offered back after a crash on this computer, never shown to a colleague.",
  },
  cache: {
    where: '<user data>/workspaces/<hash>/cache/',
    writer: 'this-computer',
    travel: 'stays-here',
    why: 'Derived and rebuildable; a colleague rebuilds their own.',
  },
};

/**
 * Names the engines should skip, as Syncthing `.stignore` lines (the README shows them). `(?d)` lets Syncthing
 * delete a leftover ignored file when it would otherwise keep a folder from being removed.
 */
export const SYNC_IGNORE_PATTERNS: readonly string[] = [
  '(?d).*.tmp',
  '(?d)*.lock',
  '(?d)*.lock.*.stale',
  // Written by Pressroom before stashes moved to the user-data folder; an older copy on another computer may still.
  '/.recovery',
];

/** The lock file of `target` (file-lock.ts creates it with O_EXCL). */
export function lockFileOf(target: string): string {
  return `${resolve(target)}.lock`;
}

/** A temp file beside `target`, hidden and ending in .tmp so that readers and the engines skip it. */
export function tempFileOf(target: string, unique: string): string {
  return join(dirname(target), `.${basename(target)}.${unique}.tmp`);
}

/** Leftover temp files from a crash look like `.<name>.<pid>.<random>.tmp`; readers skip anything matching this. */
export function isTempFileName(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.tmp');
}

export const WORKSPACE_FILE = 'workspace.json';
export const DICTIONARY_FILE = 'dictionary.txt';

/** The shared folders of a workspace, by name. */
export const SHARED_FOLDERS = {
  releases: 'releases',
  trash: 'trash',
  conflicts: 'conflicts',
  quarantine: 'quarantine',
  assets: 'assets',
  history: 'history',
  audit: 'audit',
  comments: 'comments',
  presence: '.presence',
  workspaceChanges: 'workspace-changes',
  distribution: 'distribution',
  /** Whole release files of an older Pressroom, moved here once taken in as revisions. */
  olderFormat: 'older-format',
  /** Where stashes lived before they moved to the user-data folder; read once to migrate them. */
  legacyRecovery: '.recovery',
} as const;
export type SharedFolder = keyof typeof SHARED_FOLDERS;

export interface WorkspaceLayout {
  /** The workspace folder people picked (shared with colleagues). */
  readonly shared: string;
  /** This computer: the writer named in every file only it may write. */
  readonly computer: Computer;
  /** This computer's folder for the workspace (user-data); nothing here travels. */
  readonly local: string;
  readonly workspaceFile: string;
  readonly dictionaryFile: string;
  folder(name: SharedFolder): string;
  /** `<area>/<id>.json`; the caller has checked the id. */
  releaseFile(area: 'releases' | 'trash', id: string): string;
  /** A file in assets/; the caller has checked the name (logo-image.ts). */
  asset(name: string): string;
  historyFolder(id: string): string;
  /** `releases/<id>/`: the release's revisions, one file per save. */
  revisionsFolder(id: string): string;
  /** `releases/<id>/<revision, 8 digits>.<computer>.json`. */
  revisionFile(id: string, revision: number, computerId: string): string;
  /** The older single chain (read only). */
  auditTrail(id: string): string;
  auditHead(id: string): string;
  /** `audit/<id>/`: one chain per computer. */
  auditFolder(id: string): string;
  auditChain(id: string, computerId: string): string;
  auditChainHead(id: string, computerId: string): string;
  /** `workspace-changes/<computer>.jsonl`. */
  workspaceChanges(computerId: string): string;
  /** `distribution/<computer>.jsonl`: this computer's changes to the distribution and do-not-contact lists. */
  distributionChanges(computerId: string): string;
  commentsFolder(id: string): string;
  presenceFolder(id: string): string;
  recoveryFolder(): string;
  cacheFolder(): string;
  /** Workspace-relative with forward slashes, as shown to people; null for a path outside the shared folder. */
  relative(path: string): string | null;
}

/**
 * This computer's folder for a workspace: `<userData>/workspaces/<hash of the workspace's path>`, so that two
 * workspaces never share stashes and a renamed user-data folder is the only thing that loses them.
 */
export function localFolderFor(userData: string, workspaceFolder: string): string {
  const path = resolve(workspaceFolder);
  // Windows and macOS paths are case-insensitive: one folder, one key.
  const key = process.platform === 'linux' ? path : path.toLowerCase();
  return join(resolve(userData), 'workspaces', createHash('sha256').update(key).digest('hex').slice(0, 16));
}

/**
 * The layout of the workspace in `sharedFolder`. Hosts pass their user-data folder; without one (unit tests, a
 * one-off CLI run) this computer's part goes to the system temp folder, which keeps it out of the shared folder
 * all the same.
 */
export function workspaceLayout(sharedFolder: string, userData?: string | null): WorkspaceLayout {
  const shared = resolve(sharedFolder);
  const userDataFolder = userData ?? join(tmpdir(), 'pressroom-user-data');
  const local = localFolderFor(userDataFolder, shared);
  const folder = (name: SharedFolder) => join(shared, SHARED_FOLDERS[name]);
  let computer: Computer | undefined;
  return {
    shared,
    // Made on first use: most layouts (a dictionary, a path check) never write anything of their own.
    get computer() {
      return (computer ??= thisComputer(userDataFolder));
    },
    local,
    workspaceFile: join(shared, WORKSPACE_FILE),
    dictionaryFile: join(shared, DICTIONARY_FILE),
    folder,
    releaseFile: (area, id) => join(folder(area), `${id}.json`),
    asset: (name) => join(folder('assets'), name),
    historyFolder: (id) => join(folder('history'), id),
    revisionsFolder: (id) => join(folder('releases'), id),
    revisionFile: (id, revision, computerId) =>
      join(folder('releases'), id, `${String(revision).padStart(8, '0')}.${computerId}.json`),
    auditTrail: (id) => join(folder('audit'), `${id}.jsonl`),
    auditHead: (id) => join(folder('audit'), `${id}.head.json`),
    auditFolder: (id) => join(folder('audit'), id),
    auditChain: (id, computerId) => join(folder('audit'), id, `${computerId}.jsonl`),
    auditChainHead: (id, computerId) => join(folder('audit'), id, `${computerId}.head.json`),
    workspaceChanges: (computerId) => join(folder('workspaceChanges'), `${computerId}.jsonl`),
    distributionChanges: (computerId) => join(folder('distribution'), `${computerId}.jsonl`),
    commentsFolder: (id) => join(folder('comments'), id),
    presenceFolder: (id) => join(folder('presence'), id),
    recoveryFolder: () => join(local, 'recovery'),
    cacheFolder: () => join(local, 'cache'),
    relative(path) {
      const inside = relative(shared, resolve(path));
      if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
      return inside.split(sep).join('/');
    },
  };
}
