import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { FileProblem, LogoUploadSchema, WorkspaceDescription } from '../../../src-shared/api/contract';
import { createBlankRelease, duplicateRelease } from '../../../src-shared/release/new-release';
import {
  IdSchema,
  RELEASE_SCHEMA_VERSION,
  ReleaseSchema,
  summariseRelease,
  type OrganisationProfile,
  type Release,
  type ReleaseStatus,
  type ReleaseSummary,
  type ReleaseType,
  type WorkspaceSettings,
} from '../../../src-shared/release/schema';
import type { AppError, ErrorCode } from '../../../src-shared/result';
import { contentHash } from '../../../src-shared/workflow/content-hash';
import type { Person } from '../../../src-shared/workflow/workflow';
import {
  bookkeepEdit,
  bookkeepSettlement,
  type EditBookkeeping,
} from '../../../src-shared/workflow/edit-bookkeeping';
import {
  isErrorCode,
  isTempFileName,
  oddEntryKind,
  sameIdentity,
  toJsonText,
  writeFileDurably,
} from './durable-file';
import {
  LockBusyError,
  LockFileError,
  withFileLock,
  type LockHeld,
  type LockOptions,
  type LockRelease,
} from './file-lock';
import { workspaceLayout, type SharedFolder, type WorkspaceLayout } from './layout';
import { WorkspaceSettingsStore } from './workspace-settings';
import { takeInOlderFiles, type OlderFilesHost } from './older-files';
import {
  addRevision,
  addRevisionUnderExpectedLock,
  commonAncestor,
  composeRevision,
  keptIdentity,
  knownContentHash,
  nativeContentHash,
  parseRevisionName,
  readHeads,
  REVISION_NAME,
  revisionNamesUnsorted,
  sameVersion,
  type ComposedRevision,
  type HeadsOutcome,
  type NewRevision,
  type ReleaseHeads,
  type Revision,
  type RevisionName,
  type RevisionWhy,
} from './revisions';
import { folderAfterSave, FoldersAfterSave, type FolderAfterSave } from './folder-after-save';
import { mapLimit } from './map-limit';

export type LogoUpload = z.output<typeof LogoUploadSchema>;

/**
 * The workspace on disk (ARCHITECTURE §4):
 *
 *   workspace.json          organisation profile and settings
 *   releases/<id>.json      one file per release, so that a save rewrites exactly one file
 *   trash/<id>.json         deleted releases, restorable
 *   quarantine/             files that could not be read, moved here instead of ever being overwritten
 *   conflicts/              a writer's text whose save was refused, so that it is never lost
 *
 * Nothing kept from an earlier call is used without checking the folder: another window or another computer on a
 * shared folder may change any file at any time, and every answer reflects the folder as it is now. (A revision's
 * text is kept only with its file's identity, which a stat compares; a save's plan from the folder as the last save
 * left it is used only if the lock's trip finds it so: revisions.ts, folder-after-save.ts.)
 */

export interface WorkspaceStore {
  /** The workspace folder (shared with colleagues); `layout.shared`. */
  readonly path: string;
  /** Where every kind of file of this workspace lives (layout.ts): the other services ask it, never `path`. */
  readonly layout: WorkspaceLayout;
  /** Resolves when the tidy-up begun at open (abandoned temp files in the release folders) is over. */
  readonly tidied: Promise<void>;
  /**
   * How this store's saves went: worked out while the lock was being taken, from the folder as the last save left
   * it, or read under the lock (the folder had changed, or nothing was known of it). For the bench and the tests.
   */
  readonly saveRoutes: { readonly workedOutEarly: number; readonly readUnderLock: number };
  describe(): Promise<WorkspaceDescription>;
  list(): Promise<ReleaseSummary[]>;
  listTrash(): Promise<ReleaseSummary[]>;
  create(type: ReleaseType): Promise<Release>;
  get(id: string): Promise<Release>;
  /** Every version of the release that no other has seen: one normally, two or more after a fork (revisions.ts). */
  versions(id: string): Promise<ReleaseHeads>;
  /** The newest text every version of a fork started from (null for one version, or when not found). */
  baseOf(id: string, heads: ReleaseHeads): Promise<Release | null>;
  /**
   * Settles a fork: `release` (one version as it was, or a merge the person saw) becomes the text on top of every
   * version in `versionIds`, which must be the heads now (else a conflict: another version arrived meanwhile).
   * The workflow state is the shown version's, and a sign-off lapses unless it was given for exactly this text.
   */
  resolveFork(
    release: Release,
    versionIds: readonly string[],
    person: { id: string; name: string } | null,
  ): Promise<Release>;
  /** `release.revision` is the revision the edit was based on; answers with the stored release (revision + 1). */
  save(release: Release): Promise<Release>;
  /**
   * save(), plus what the edit did to the workflow: the editor's id joins `editedSinceApproval` when the content
   * changed, and sign-offs made over other content lapse (ARCHITECTURE §5). Status, sign-offs and that list are
   * taken from the stored file, never from the request. With `editorName`, a save that changes the content also
   * records itself in the file (`lastEdit`: who, revision, content hash), in the same atomic write, so that its
   * audit entry can be recorded after a crash (review/workflow.ts).
   */
  saveEdit(release: Release, editorId: string | null, editorName?: string): Promise<SaveOutcome>;
  /**
   * Read-modify-write of one release under its lock, refused as a conflict when the stored revision is not
   * `expectedRevision` (the person decided on what they saw). `change` may throw a StoreError to refuse.
   */
  update(id: string, expectedRevision: number, change: (stored: Release) => Release): Promise<Release>;
  /**
   * Writes a release that comes from elsewhere (a release file) under its own id, which must be free in both the
   * library and the trash: answers the release as stored.
   */
  importNew(release: Release): Promise<Release>;
  /**
   * Adds the person to the workspace's list of people, or updates their name and roles. Profile, settings and
   * people are kept by workspace-settings.ts: each computer appends its changes to its own log.
   */
  recordPerson(person: Person): Promise<void>;
  /** Adds a revision that says the release is deleted, naming who deleted it. */
  delete(id: string, person?: { id: string; name: string } | null): Promise<void>;
  restore(id: string, person?: { id: string; name: string } | null): Promise<Release>;
  /** Every readable release of the area, newest change first; unreadable files are reported as list() does. */
  readAll(area: 'releases' | 'trash'): Promise<Release[]>;
  /** A copy of the release as a new draft in the library (revision 1 on disk). */
  duplicate(id: string): Promise<Release>;
  /** As duplicate, from a release that need not be in this workspace (a release file opened as a copy). */
  copyOf(source: Release): Promise<Release>;
  /** The logo is kept as it is stored: it changes only through setLogo and removeLogo. */
  /**
   * `by`: who is making the change, recorded beside it (describe().changes). `base`: what the person's form
   * started from; only the fields they changed from it are written (workspace-settings.ts).
   */
  updateProfile(
    profile: OrganisationProfile,
    by?: ChangedBy,
    base?: OrganisationProfile,
  ): Promise<OrganisationProfile>;
  updateSettings(
    settings: WorkspaceSettings,
    by?: ChangedBy,
    base?: WorkspaceSettings,
  ): Promise<WorkspaceSettings>;
  /** The settings alone, without describe()'s logo read: for the workflow, which asks on every search. */
  readSettings(): Promise<WorkspaceSettings>;
  /** Stores the image in assets/ and makes it the logo; a previous logo goes to trash/. */
  setLogo(upload: LogoUpload, by?: ChangedBy): Promise<OrganisationProfile>;
  removeLogo(by?: ChangedBy): Promise<OrganisationProfile>;
  /**
   * Calls `listener` with the release's id after every revision this store writes (a save, a workflow step, a
   * deletion...), so that the library index follows this app's own changes at once. Answers an unsubscribe.
   */
  onReleaseWritten(listener: (id: string) => void): () => void;
}

/** The person a change to the profile or settings is recorded under; null when nobody has said who they are. */
export type ChangedBy = { id: string; name: string } | null;

export interface SaveOutcome {
  release: Release;
  /** The content hash differs from the stored one (not just the revision). */
  contentChanged: boolean;
  /** Sign-offs were set aside by this save; `previousStatus` is where the release was. */
  lapsed: boolean;
  previousStatus: ReleaseStatus;
  /** Hash of the content as saved. */
  contentHash: string;
}

export interface OpenWorkspaceOptions {
  now?: () => Date;
  /** Makes release ids (and, when given, paragraph ids), so that tests are deterministic. */
  makeId?: () => string;
  /** The app's user-data folder, where this computer's part of the workspace lives (see layout.ts). */
  userData?: string | null;
  /**
   * false: every save reads the release's heads under its lock, never works its write out beforehand from the
   * folder as its last save left it (folder-after-save.ts). The tests compare the two ways; the app uses the default.
   */
  guessSaves?: boolean;
}

/** A failure a person can act on; the API layer passes code, message and details to the renderer unchanged. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: AppError['details'],
  ) {
    super(message);
  }
}

export async function openWorkspace(
  folder: string,
  options: OpenWorkspaceOptions = {},
): Promise<WorkspaceStore> {
  const store = new FolderWorkspaceStore(workspaceLayout(folder, options.userData), options);
  await store.open();
  return store;
}

/** Names as people see them in messages; the paths come from the layout. */
const RELEASES = 'releases';
const TRASH = 'trash';

/** Temp files older than this cannot belong to a write still in progress, even on another computer. */
const ABANDONED_TEMP_MS = 60 * 60 * 1000;
/** Enough parallel reads to hide disk latency without running out of file handles on a large library. */
const READ_CONCURRENCY = 16;
/** Few at a time: the tidy-up of release folders runs beside the app's own reads and saves. */
const TIDY_CONCURRENCY = 4;
/** Reserved device names on Windows, where `CON.json` cannot be created whatever the extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

type Area = typeof RELEASES | typeof TRASH;

class FolderWorkspaceStore implements WorkspaceStore {
  private readonly now: () => Date;
  private readonly makeReleaseId: () => string;
  private readonly makePartId: () => string;
  private readonly problems = new Map<string, FileProblem>();
  private readonly workspace: WorkspaceSettingsStore;
  private readonly writtenListeners = new Set<(id: string) => void>();
  /** What each release's folder held after this process's last save of it (folder-after-save.ts). */
  private readonly foldersAfterSave = new FoldersAfterSave();
  private readonly guessSaves: boolean;
  readonly saveRoutes = { workedOutEarly: 0, readUnderLock: 0 };
  tidied: Promise<void> = Promise.resolve();

  readonly path: string;

  constructor(
    readonly layout: WorkspaceLayout,
    options: OpenWorkspaceOptions,
  ) {
    this.path = layout.shared;
    this.now = options.now ?? (() => new Date());
    this.makeReleaseId = options.makeId ?? (() => `r-${randomBase36(10)}`);
    this.makePartId = options.makeId ?? (() => `p-${randomBase36(8)}`);
    this.guessSaves = options.guessSaves ?? true;
    this.workspace = new WorkspaceSettingsStore({ layout, now: this.now, problems: this.problems });
  }

  async open(): Promise<void> {
    try {
      await fsp.mkdir(this.layout.folder('releases'), { recursive: true });
      await fsp.mkdir(this.layout.folder('trash'), { recursive: true });
    } catch (error) {
      throw ioError(error, `open the workspace folder ${this.path}`);
    }
    await this.removeAbandonedTempFiles();
    await this.loadWorkspace();
    // Files in the layouts of older versions are moved into today's at once, before anything reads a release.
    await takeInOlderFiles(this.olderFilesHost);
  }

  async describe(): Promise<WorkspaceDescription> {
    const { file, changes } = await this.loadWorkspace();
    // Before the problems are copied: reading the logo may add or clear one.
    const logoDataUrl = await this.workspace.readLogo(file.profile.logo);
    return {
      path: this.path,
      profile: file.profile,
      logoDataUrl,
      settings: file.settings,
      people: file.people,
      changes,
      problems: [...this.problems.values()],
    };
  }

  list(): Promise<ReleaseSummary[]> {
    return this.listArea(RELEASES);
  }

  listTrash(): Promise<ReleaseSummary[]> {
    return this.listArea(TRASH);
  }

  async create(type: ReleaseType): Promise<Release> {
    const { file } = await this.loadWorkspace();
    return this.writeNewRelease(
      (id) =>
        createBlankRelease({ id, type, profile: file.profile, now: this.now(), makeId: this.makePartId }),
      'create the release',
    );
  }

  async duplicate(id: string): Promise<Release> {
    return this.copyOf(await this.get(id));
  }

  async copyOf(source: Release): Promise<Release> {
    return this.writeNewRelease(
      (newId) => duplicateRelease(source, { id: newId, now: this.now(), makeId: this.makePartId }),
      'copy the release',
    );
  }

  readAll(area: 'releases' | 'trash'): Promise<Release[]> {
    return this.readArea(area);
  }

  /** Writes a release under a fresh id as revision 1: the file a new or copied release starts from. */
  private async writeNewRelease(build: (id: string) => Release, action: string): Promise<Release> {
    // A clash is all but impossible with random ids, but an injected or future id scheme must not overwrite.
    for (let attempt = 0; attempt < 5; attempt++) {
      const id = this.makeReleaseId();
      this.releasePath(id);
      const created = await this.locked(id, async () => {
        if (await this.idInUse(id)) return null;
        const release: Release = { ...build(id), revision: 1 };
        // Checked but not replaced by zod's copy, which would reorder the keys of a file people read.
        const parsed = ReleaseSchema.safeParse(release);
        if (!parsed.success) {
          throw new StoreError(
            'invalid-input',
            `Pressroom could not ${action}: ${summariseIssues(parsed.error.issues)}`,
          );
        }
        return (await this.addRevision(release, [], [], 'created', null, action)).release;
      });
      if (created) return created;
    }
    throw new StoreError(
      'internal',
      'Pressroom could not find a free id for the new release. Please try again.',
    );
  }

  async get(id: string): Promise<Release> {
    this.releasePath(id);
    const heads = await this.headsOrThrow(id);
    if (heads.current.deleted && heads.heads.every((head) => head.deleted)) {
      throw new StoreError(
        'not-found',
        'This release has been deleted. You can restore it from Deleted releases.',
        {
          id,
        },
      );
    }
    return this.shownHead(heads).release;
  }

  async versions(id: string): Promise<ReleaseHeads> {
    this.releasePath(id);
    return this.headsOrThrow(id);
  }

  async baseOf(id: string, heads: ReleaseHeads): Promise<Release | null> {
    if (heads.kind === 'one') return null;
    return (await commonAncestor(this.layout, id, heads.heads))?.release ?? null;
  }

  async resolveFork(
    input: Release,
    versionIds: readonly string[],
    person: { id: string; name: string } | null,
  ): Promise<Release> {
    const parsed = ReleaseSchema.safeParse(input);
    if (!parsed.success) {
      throw new StoreError(
        'invalid-input',
        `The version was not kept: ${summariseIssues(parsed.error.issues)}`,
      );
    }
    const release = parsed.data;
    const id = release.id;
    this.releasePath(id);
    return this.locked(id, async () => {
      const heads = await this.headsOrThrow(id);
      const now = new Set(heads.heads.map((head) => head.id));
      if (heads.kind !== 'texts' || now.size !== versionIds.length || versionIds.some((v) => !now.has(v))) {
        throw new StoreError(
          'conflict',
          heads.kind === 'texts'
            ? 'Another version of this release arrived while you were choosing. Look at the versions again.'
            : 'This release has only one version now (someone settled it on another computer). Reopen it to see it.',
          { currentRevision: heads.current.revision },
        );
      }
      const shown = this.shownHead(heads);
      // The chosen text, with the workflow state of the version it came from (or of the shown one for a merge).
      const from = heads.heads.find((head) => contentHash(head.release) === contentHash(release)) ?? shown;
      const next: Release = {
        ...bookkeepSettlement(
          release,
          from.release,
          heads.heads.map((head) => head.release),
          person,
          { revision: nextRevisionAfter(heads), at: this.now().toISOString() },
        ),
        schemaVersion: RELEASE_SCHEMA_VERSION,
      };
      return (await this.addRevision(next, heads.all, heads.all, 'resolved', person, 'keep this version'))
        .release;
    });
  }

  async save(input: Release): Promise<Release> {
    return (await this.saveEdit(input, null)).release;
  }

  async saveEdit(input: Release, editorId: string | null, editorName?: string): Promise<SaveOutcome> {
    const id: unknown = (input as Partial<Release> | null)?.id;
    if (!isValidId(id)) {
      const refused = checkEdit(input);
      throw refused instanceof StoreError
        ? refused
        : new StoreError('invalid-input', 'The release id is not valid.');
    }
    const editor: Editor = { id: editorId, name: editorName };
    // The lock is asked for first. While the file worker takes it and lists the folder, this thread checks and
    // hashes the edit, and works out the whole save as if the folder were as this process's last save of it left
    // it (folder-after-save.ts), and sends the write at once: the worker does it right after taking the lock, if
    // it found the folder so, and removes the lock in the same trip. Most of a save's own work then runs beside the
    // lock's trip instead of after it, and the save waits for the worker once instead of twice. When the folder
    // has changed, nothing is written early, and the action reads the heads under the lock as before. The action
    // runs once the lock is held (an answer from the worker, so never within this call), by which time the check is
    // done (the checked edit or why it was refused) and the early write sent, or not.
    const left = this.guessSaves ? this.foldersAfterSave.get(id) : undefined;
    let lockToken: string | undefined;
    const check: { done?: CheckedEdit | StoreError; early?: Promise<EarlyWrite> } = {};
    const saving = this.locked(
      id,
      async (held) => {
        if (!check.done || check.done instanceof StoreError) throw check.done;
        const checked = check.done;
        const early = await check.early;
        if (early?.kind === 'written') {
          this.saveRoutes.workedOutEarly++;
          if (early.unlocked) held.release.released();
          this.rememberFolder(id, held, early.revision);
          return { ...early.plan.outcome, release: early.revision.release };
        }
        this.saveRoutes.readUnderLock++;
        const current = await this.readCurrent(id, held);
        if (current.kind === 'missing' || (current.kind === 'ok' && allDeleted(current.heads))) {
          const copy = await this.keepConflictCopy(checked.release);
          throw new StoreError(
            'not-found',
            'This release is no longer in the library (it may have been deleted in another window or on ' +
              `another computer). Your text was kept in ${copy}.`,
            { conflictCopy: copy },
          );
        }
        if (current.kind === 'bad') {
          const copy = await this.keepConflictCopy(checked.release);
          throw new StoreError(
            'corrupt-file',
            `The stored copy of this release cannot be read, so Pressroom did not save over it: ${current.message} ` +
              `Your text was kept in ${copy}.`,
            { conflictCopy: copy },
          );
        }
        const base = this.baseFor(current.heads, checked.release.revision);
        if (!base) {
          const copy = await this.keepConflictCopy(checked.release);
          const shown = this.shownHead(current.heads);
          throw new StoreError(
            'conflict',
            `This release was changed elsewhere (revision ${shown.revision}) after you opened revision ` +
              `${checked.release.revision}. Your text was kept in ${copy}. Reopen the release to see the latest ` +
              'version.',
            { conflictCopy: copy, currentRevision: shown.revision },
          );
        }
        const plan = this.planSave(current.heads, base, checked, editor);
        const saved = await this.writeRevision(
          // The save's last step: the lock goes in the same trip as the write.
          { ...plan.revision, lock: held.release },
          'save this release',
          SAVE_ADVICE,
        );
        this.rememberFolder(id, held, saved);
        return { ...plan.outcome, release: saved.release };
      },
      // The release's folder, listed as soon as the lock is held, in the same trip, with its newest revisions'
      // identities (the files the save reads next), and whether it holds what the last save left.
      {
        list: {
          folder: this.layout.revisionsFolder(id),
          newest: REVISION_NAME,
          ...(left ? { expect: left, sent: (token) => (lockToken ??= token) } : {}),
        },
      },
    );
    try {
      check.done = checkEdit(input);
      // Only when the lock was asked for within this call (nobody in this process ahead): the worker then takes
      // the lock before it sees the write.
      const token = lockToken;
      if (left && token && !(check.done instanceof StoreError)) {
        const checked = check.done;
        // Worked out within this call (from revisions this process keeps, no file is read): sent before the
        // worker's answer to the lock can come back.
        check.early = this.guessSave(id, left, checked, editor).then((guessed) =>
          guessed ? this.writeUnderExpectedLock(guessed, token) : { kind: 'not-sent' as const },
        );
        // Answered by the action, which always awaits it; never a second, unhandled rejection.
        check.early.catch(() => undefined);
      }
    } catch (error) {
      // Never thrown from here while the save waits for the lock: the save answers it, once.
      check.done = new StoreError('internal', `The release could not be saved: ${errorMessage(error)}`);
    }
    return saving;
  }

  /**
   * The save of `checked` worked out before its lock is held, from the folder as this process's last save of the
   * release left it; null when that is not known, or when the save would be anything but the usual one (a single
   * version continued, from files this process keeps: a fork, a damaged file or a conflict are read and decided
   * under the lock).
   */
  private async guessSave(
    id: string,
    left: FolderAfterSave,
    checked: CheckedEdit,
    editor: Editor,
  ): Promise<GuessedSave | null> {
    const folder = this.layout.revisionsFolder(id);
    const names: RevisionName[] = [];
    for (const [file, identity] of left.identities) {
      const name = parseRevisionName(file);
      const kept = keptIdentity(join(folder, file));
      if (!name || !kept || !sameIdentity(kept, identity)) return null;
      names.push(name);
    }
    const outcome = await readHeads(this.layout, id, {
      names,
      identities: left.identities,
      newestOnly: { files: left.files, highest: left.highest },
    });
    if (outcome.kind !== 'ok') return null;
    const { heads } = outcome;
    if (heads.kind !== 'one' || heads.all.length !== 1 || heads.problems.length > 0 || allDeleted(heads)) {
      return null;
    }
    const base = this.baseFor(heads, checked.release.revision);
    if (!base) return null;
    const plan = this.planSave(heads, base, checked, editor);
    return { plan, composed: composeRevision(this.layout, plan.revision) };
  }

  /**
   * Writes a save worked out early under the release's lock that the file worker is taking (`token`, the lock's
   * owner): written only if the lock's trip found the folder as the last save left it.
   */
  private async writeUnderExpectedLock(guessed: GuessedSave, token: string): Promise<EarlyWrite> {
    const { plan, composed } = guessed;
    let written: Awaited<ReturnType<typeof addRevisionUnderExpectedLock>>;
    try {
      written = await addRevisionUnderExpectedLock(plan.revision, composed, token);
    } catch (error) {
      throw ioError(error, 'save this release', SAVE_ADVICE);
    }
    if (typeof written === 'string') return { kind: written };
    this.announceWritten(composed.release.id);
    return { kind: 'written', plan, revision: written.revision, unlocked: written.unlocked };
  }

  /** What the folder holds now that `saved` was added to what the lock's trip found: the next save's guess. */
  private rememberFolder(id: string, held: LockHeld, saved: Revision): void {
    const identity = keptIdentity(join(this.layout.revisionsFolder(id), `${saved.id}.json`));
    this.foldersAfterSave.set(id, folderAfterSave(held.newest, saved, identity));
  }

  private announceWritten(id: string): void {
    for (const listener of this.writtenListeners) listener(id);
  }

  /** What a save of `checked` on `base` (one of `heads`) writes, and what the workflow's bookkeeping made of it. */
  private planSave(heads: ReleaseHeads, base: Revision, checked: CheckedEdit, editor: Editor): PlannedSave {
    const stored = base.release;
    // Status, sign-offs, the four-eyes list and lastEdit: the workflow's rules (edit-bookkeeping.ts).
    const outcome = bookkeepEdit(
      stored,
      checked.release,
      {
        editorId: editor.id,
        editorName: editor.name,
        revision: nextRevisionAfter(heads),
        at: this.now().toISOString(),
      },
      { stored: knownContentHash(stored), edited: checked.hash },
    );
    // A migrated file is written in the current format on its first save, never before.
    const next: Release = { ...outcome.release, schemaVersion: RELEASE_SCHEMA_VERSION };
    // What a copy was duplicated from is the store's record, like createdAt: kept from the stored version,
    // never taken from (or dropped by) the request.
    if (stored.copiedFrom) next.copiedFrom = stored.copiedFrom;
    else delete next.copiedFrom;
    const name = editor.name?.trim();
    const person = editor.id && name ? { id: editor.id.slice(0, 100), name: name.slice(0, 200) } : null;
    return {
      outcome,
      revision: {
        release: next,
        parents: parentsFor(heads, base, this.layout.computer.id),
        above: heads.all,
        why: 'saved',
        person,
        deleted: false,
        savedAt: next.updatedAt,
        // The text is the edit's (bookkeeping changes the workflow fields alone): its hash is the edit's hash.
        contentHash: outcome.contentHash,
      },
    };
  }

  async update(id: string, expectedRevision: number, change: (stored: Release) => Release): Promise<Release> {
    this.releasePath(id);
    return this.locked(id, async () => {
      const current = await this.readCurrent(id);
      if (current.kind === 'missing' || (current.kind === 'ok' && allDeleted(current.heads))) {
        throw new StoreError('not-found', 'This release is no longer in the library.', { id });
      }
      if (current.kind === 'bad') throw new StoreError('corrupt-file', current.message, { id });
      const base = this.baseFor(current.heads, expectedRevision);
      if (!base) {
        const shown = this.shownHead(current.heads);
        throw new StoreError(
          'conflict',
          `This release was changed elsewhere (revision ${shown.revision}) after you opened revision ` +
            `${expectedRevision}. Look at the latest version before you act on it.`,
          { currentRevision: shown.revision },
        );
      }
      const stored = base.release;
      const changed = change(stored);
      const next: Release = {
        ...changed,
        schemaVersion: RELEASE_SCHEMA_VERSION,
        id: stored.id,
        createdAt: stored.createdAt,
        revision: nextRevisionAfter(current.heads),
        updatedAt: this.now().toISOString(),
      };
      const parsed = ReleaseSchema.safeParse(next);
      if (!parsed.success) {
        throw new StoreError(
          'internal',
          `The release could not be updated: ${summariseIssues(parsed.error.issues)}`,
        );
      }
      return (
        await this.addRevision(
          next,
          parentsFor(current.heads, base, this.layout.computer.id),
          current.heads.all,
          'workflow',
          null,
          'update this release',
        )
      ).release;
    });
  }

  async importNew(input: Release): Promise<Release> {
    const parsed = ReleaseSchema.safeParse(input);
    if (!parsed.success) {
      throw new StoreError(
        'invalid-input',
        `The release is not complete: ${summariseIssues(parsed.error.issues)}`,
      );
    }
    const release = parsed.data;
    this.releasePath(release.id);
    return this.locked(release.id, async () => {
      if (await this.idInUse(release.id)) {
        throw new StoreError(
          'conflict',
          'A release with this id is already in this workspace (or its deleted releases).',
        );
      }
      return (await this.addRevision(release, [], [], 'imported', null, 'add the release')).release;
    });
  }

  recordPerson(person: Person): Promise<void> {
    return this.workspace.recordPerson(person);
  }

  async delete(id: string, person: { id: string; name: string } | null = null): Promise<void> {
    this.releasePath(id);
    await this.locked(id, async () => {
      const current = await this.readCurrent(id);
      if (current.kind !== 'ok' || allDeleted(current.heads)) {
        throw new StoreError(
          'not-found',
          'This release is no longer in the library, so there was nothing to delete.',
          { id },
        );
      }
      // Deleting adds a revision that says so, on top of every version: nothing is removed, so a colleague's save
      // that crosses the deletion is still there (as a second version) and every version stays in History.
      const shown = this.shownHead(current.heads);
      await this.addRevision(
        shown.release,
        current.heads.all,
        current.heads.all,
        'deleted',
        person,
        'delete this release',
        { deleted: true, savedAt: this.now().toISOString() },
      );
    });
  }

  async restore(id: string, person: { id: string; name: string } | null = null): Promise<Release> {
    this.releasePath(id);
    return this.locked(id, async () => {
      const current = await this.readCurrent(id);
      if (current.kind === 'missing') {
        throw new StoreError('not-found', 'This release is not in Deleted releases any more.', { id });
      }
      if (current.kind === 'bad') throw new StoreError('corrupt-file', current.message, { id });
      if (!allDeleted(current.heads)) {
        throw new StoreError(
          'conflict',
          'This release is already in the library (it may have been restored in another window or on another computer).',
          { id },
        );
      }
      const shown = this.shownHead(current.heads);
      const restored = await this.addRevision(
        shown.release,
        current.heads.all,
        current.heads.all,
        'restored',
        person,
        'restore this release',
        { savedAt: this.now().toISOString() },
      );
      return restored.release;
    });
  }

  updateProfile(profile: OrganisationProfile, by: ChangedBy = null, base?: OrganisationProfile) {
    return this.workspace.updateProfile(profile, by, base);
  }

  async readSettings(): Promise<WorkspaceSettings> {
    return this.workspace.readSettings();
  }

  updateSettings(settings: WorkspaceSettings, by: ChangedBy = null, base?: WorkspaceSettings) {
    return this.workspace.updateSettings(settings, by, base);
  }

  setLogo(upload: LogoUpload, by: ChangedBy = null): Promise<OrganisationProfile> {
    return this.workspace.setLogo(upload, by);
  }

  removeLogo(by: ChangedBy = null): Promise<OrganisationProfile> {
    return this.workspace.removeLogo(by);
  }

  onReleaseWritten(listener: (id: string) => void): () => void {
    this.writtenListeners.add(listener);
    return () => this.writtenListeners.delete(listener);
  }

  // --- releases ------------------------------------------------------------------------------------------------

  private async listArea(area: Area): Promise<ReleaseSummary[]> {
    return (await this.readArea(area)).map(summariseRelease);
  }

  /**
   * The one scan of the releases: list(), the search and the trash all see the same revisions the same way. A
   * release is in the library while any of its versions is not deleted, and in the trash when all are.
   */
  private async readArea(area: Area): Promise<Release[]> {
    // Problems of files that were left in place are re-found on every scan, so that fixed files drop off the list.
    for (const [file, problem] of this.problems) {
      if ((file.startsWith(`${RELEASES}/`) || file.startsWith(`${TRASH}/`)) && problem.movedTo === null)
        this.problems.delete(file);
    }
    await takeInOlderFiles(this.olderFilesHost);
    let ids: string[];
    let odd: Array<{ name: string; kind: string }>;
    try {
      const entries = await fsp.readdir(this.layout.folder(RELEASES), { withFileTypes: true });
      ids = entries
        .filter((entry) => entry.isDirectory() && isValidId(entry.name))
        .map((entry) => entry.name);
      // A pipe, link or device named like a release is never opened (a pipe would hold the read forever, a link
      // could show a file from outside the workspace): it is reported by name.
      odd = entries
        .filter((entry) => !entry.isDirectory() && !entry.isFile() && isCandidateName(entry.name))
        .map((entry) => ({ name: entry.name, kind: oddEntryKind(entry) }));
    } catch (error) {
      if (isErrorCode(error, 'ENOENT')) return [];
      throw ioError(error, area === RELEASES ? 'list the releases' : 'list the deleted releases');
    }
    for (const entry of odd) {
      this.report({
        file: `${RELEASES}/${entry.name}`,
        message: `${RELEASES}/${entry.name} is not a regular file (${entry.kind}): left alone.`,
        movedTo: null,
      });
    }
    const releases = await mapLimit(ids, READ_CONCURRENCY, async (id): Promise<Release | null> => {
      const outcome = await this.readCurrent(id);
      if (outcome.kind === 'missing') return null;
      if (outcome.kind === 'bad') {
        this.report({ file: `${RELEASES}/${id}/`, message: outcome.message, movedTo: null });
        return null;
      }
      const live = outcome.heads.heads.filter((head) => !head.deleted);
      if (area === TRASH) return live.length === 0 ? outcome.heads.current.release : null;
      if (live.length === 0) return null;
      return this.shownHead(outcome.heads).release;
    });
    return releases
      .filter((release): release is Release => release !== null)
      .sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || a.id.localeCompare(b.id));
  }

  /** What the take-in of older files (older-files.ts) may use of the store. */
  private get olderFilesHost(): OlderFilesHost {
    return {
      layout: this.layout,
      now: this.now,
      report: (problem) => this.report(problem),
      locked: (id, action) => this.locked(id, action),
      freeName: (folder, stem, suffix) => this.freeName(folder, stem, suffix),
      relativeName: (path) => this.relativeName(path),
    };
  }

  /**
   * The heads of a release, with its damaged revisions reported (by file and computer) and never used. Every read of
   * a release goes through here.
   */
  /**
   * `held`: what the lock's trip found (the release folder's names, null when there is no folder, and its newest
   * revisions' identities), used instead of listing and stat-ing again.
   */
  private async readCurrent(
    id: string,
    held?: Pick<LockHeld, 'listing' | 'newest'>,
  ): Promise<{ kind: 'ok'; heads: ReleaseHeads } | { kind: 'missing' } | { kind: 'bad'; message: string }> {
    let outcome: HeadsOutcome;
    try {
      outcome = await readHeads(
        this.layout,
        id,
        held?.listing === undefined
          ? {}
          : {
              names: held.listing === null ? null : revisionNamesUnsorted(held.listing),
              ...(held.newest ? { identities: held.newest.identities } : {}),
            },
      );
    } catch (error) {
      return { kind: 'bad', message: unreadableReleaseMessage(error) };
    }
    for (const problem of outcome.kind === 'ok' ? outcome.heads.problems : outcome.problems)
      this.report(problem);
    if (outcome.kind === 'missing') return { kind: 'missing' };
    if (outcome.kind === 'bad') return { kind: 'bad', message: badReleaseMessage(outcome) };
    return outcome;
  }

  private async headsOrThrow(id: string): Promise<ReleaseHeads> {
    const outcome = await this.readCurrent(id);
    if (outcome.kind === 'ok') return outcome.heads;
    if (outcome.kind === 'missing') {
      throw new StoreError(
        'not-found',
        'This release is no longer in the library. It may have been deleted in another window or on another computer.',
        { id },
      );
    }
    throw new StoreError('corrupt-file', outcome.message, { file: `${RELEASES}/${id}/` });
  }

  /** The version shown in the library and the editor: this computer's own during a fork, never a deleted one. */
  private shownHead(heads: ReleaseHeads): Revision {
    if (!heads.current.deleted) return heads.current;
    return heads.heads.find((head) => !head.deleted) ?? heads.current;
  }

  /**
   * The head an edit or a decision made on `revision` continues, or null when that revision is no longer a head
   * (someone saved since: the caller refuses, as before). During a fork, a computer continues its own line and may
   * not step over it onto a colleague's: that would hide its own version from the fork (revisions.ts).
   */
  private baseFor(heads: ReleaseHeads, revision: number): Revision | null {
    // Settled decisions: the standing version is what everyone sees and continues.
    if (heads.kind !== 'texts') return heads.current.revision === revision ? heads.current : null;
    const me = this.layout.computer.id;
    const matching = heads.heads.filter((head) => head.revision === revision && !head.deleted);
    const own = matching.find((head) => head.writer.computer === me);
    if (own) return own;
    const candidate = matching[0];
    if (!candidate) return null;
    // Stepping onto a colleague's text would leave this computer's own, different text out of the fork.
    // (A deletion of its own is no such text: the save then continues the colleague's text on top of both.)
    if (
      heads.all.some((head) => head.writer.computer === me && !head.deleted && !sameVersion(head, candidate))
    )
      return null;
    return candidate;
  }

  /** Adds a revision written by this computer; the caller holds the release's lock. */
  private async addRevision(
    release: Release,
    parents: readonly Revision[],
    above: readonly Revision[],
    why: RevisionWhy,
    person: { id: string; name: string } | null,
    action: string,
    more: {
      advice?: string;
      deleted?: boolean;
      savedAt?: string;
      /** The release's lock, removed with the write when this is the action's last step (LockHeld.release). */
      lock?: LockRelease;
    } = {},
  ): Promise<Revision> {
    const { advice, deleted = false, savedAt = release.updatedAt, lock } = more;
    return this.writeRevision(
      {
        release,
        parents,
        above,
        why,
        person,
        deleted,
        ...(lock ? { lock } : {}),
        // One clock reading per save: the revision was saved when the release says it was updated (a deletion or
        // a restore says when it happened, and leaves the release's "last changed" as it was).
        savedAt,
      },
      action,
      advice,
    );
  }

  /** Writes `revision`; the caller holds the release's lock. */
  private async writeRevision(revision: NewRevision, action: string, advice?: string): Promise<Revision> {
    let written: Revision;
    try {
      written = await addRevision(this.layout, revision);
    } catch (error) {
      throw ioError(error, action, advice);
    }
    this.announceWritten(revision.release.id);
    return written;
  }

  /** An id is taken while anything of it exists: revisions, or a file of an older Pressroom not yet taken in. */
  private async idInUse(id: string): Promise<boolean> {
    return (
      (await exists(this.layout.revisionsFolder(id))) ||
      (await exists(this.areaPath(RELEASES, id))) ||
      (await exists(this.areaPath(TRASH, id)))
    );
  }

  /** Writes the text of a refused save where a person can find it; the caller holds the release's lock. */
  private async keepConflictCopy(release: Release): Promise<string> {
    try {
      const target = await this.freeName('conflicts', release.id, '');
      await writeFileDurably(target, toJsonText(release));
      return this.relativeName(target);
    } catch (error) {
      throw ioError(
        error,
        'keep a copy of your text',
        'Your text is still open here; copy it somewhere safe.',
      );
    }
  }

  /**
   * A name in `folder` that nothing uses yet: `<stem>.<time><suffix>.json`, with -2, -3... on a clash. Free only
   * while the caller holds the matching lock, which every writer of these folders does.
   */
  private async freeName(folder: SharedFolder, stem: string, suffix: string): Promise<string> {
    const dir = this.layout.folder(folder);
    await fsp.mkdir(dir, { recursive: true });
    const base = `${stem}.${fileTimestamp(this.now())}${suffix}`;
    for (let n = 1; ; n++) {
      const candidate = join(dir, `${base}${n === 1 ? '' : `-${n}`}.json`);
      if (!(await exists(candidate))) return candidate;
    }
  }

  // --- workspace.json and the changes to it (workspace-settings.ts) ---------------------------------------------

  /** The profile, settings and people as they are now (workspace.json with every computer's changes). */
  private loadWorkspace() {
    return this.workspace.load();
  }

  // --- helpers -------------------------------------------------------------------------------------------------

  /** The one place a release id becomes a path: anything that is not a plain id is refused before touching disk. */
  private releasePath(id: unknown): string {
    if (!isValidId(id)) {
      throw new StoreError('invalid-input', `"${String(id).slice(0, 80)}" is not a valid release id.`);
    }
    return this.areaPath(RELEASES, id);
  }

  private areaPath(area: Area, id: string): string {
    return this.layout.releaseFile(area, id);
  }

  /** Workspace-relative, with forward slashes on every platform, as shown to people and sent to the renderer. */
  private relativeName(path: string): string {
    return this.layout.relative(path) ?? path;
  }

  /** Every change to a release, in releases/ or trash/, happens under the lock of releases/<id>.json. */
  private locked<T>(
    id: string,
    action: (held: LockHeld) => Promise<T>,
    options: LockOptions = {},
  ): Promise<T> {
    return withFileLock(this.releasePath(id), action, options).catch((error: unknown) => {
      if (error instanceof LockBusyError) {
        throw new StoreError(
          'io',
          'Another Pressroom window or computer is saving this release right now. Please try again in a moment.',
          { id },
        );
      }
      // Nothing was written: the lock itself could not be made (a full disk, a share gone read-only).
      if (error instanceof LockFileError) throw ioError(error.cause, "write to this release's folder");
      throw error;
    });
  }

  private async writeJson(path: string, data: unknown, action: string, advice?: string): Promise<void> {
    try {
      await writeFileDurably(path, toJsonText(data));
    } catch (error) {
      throw ioError(error, action, advice);
    }
  }

  private report(problem: FileProblem): FileProblem {
    this.problems.set(problem.file, problem);
    return problem;
  }

  /** Temp files left by a crash are harmless (readers skip them) but would pile up; old ones are removed. */
  /**
   * Removes temp files abandoned for over an hour: those of the workspace's own folders at once, and those of the
   * release folders (where a crash mid-save leaves its temp file beside the revision it was writing) in the
   * background, which at 10,000 releases is 10,000 folder listings that the library need not wait for.
   */
  private async removeAbandonedTempFiles(): Promise<void> {
    const cutoff = Date.now() - ABANDONED_TEMP_MS;
    const { layout } = this;
    for (const folder of [
      layout.shared,
      layout.folder('releases'),
      layout.folder('trash'),
      layout.folder('conflicts'),
      layout.folder('assets'),
    ]) {
      await removeTempFilesOlderThan(folder, cutoff);
    }
    this.tidied = (async () => {
      const ids = await fsp
        .readdir(layout.folder('releases'), { withFileTypes: true })
        .then((entries) => entries.filter((e) => e.isDirectory() && isValidId(e.name)).map((e) => e.name))
        .catch(() => [] as string[]);
      await mapLimit(ids, TIDY_CONCURRENCY, (id) =>
        removeTempFilesOlderThan(layout.revisionsFolder(id), cutoff),
      );
    })();
  }
}

/** The edit a save was given, checked against the schema, and its content hash. */
type CheckedEdit = { release: Release; hash: string };

/** Who saves: their id and name, when the caller knows them. */
type Editor = { id: string | null; name: string | undefined };

/** What a save writes, and what the workflow's bookkeeping made of the edit. */
interface PlannedSave {
  outcome: EditBookkeeping;
  revision: NewRevision;
}

/** A save worked out before its lock was held (saveEdit), from the folder as the last save left it. */
interface GuessedSave {
  plan: PlannedSave;
  composed: ComposedRevision;
}

/**
 * What came of a save worked out early (saveEdit): written under the lock, with the lock removed in the same trip
 * or not; or not written: not worked out or sent (not-sent), the folder changed (not-as-expected), the name taken.
 */
type EarlyWrite =
  | { kind: 'written'; plan: PlannedSave; revision: Revision; unlocked: boolean }
  | { kind: 'not-sent' | 'not-as-expected' | 'exists' };

const SAVE_ADVICE = 'Your text is still open here; save again once that is fixed.';

function checkEdit(input: Release): CheckedEdit | StoreError {
  const parsed = ReleaseSchema.safeParse(input);
  if (!parsed.success) {
    return new StoreError(
      'invalid-input',
      `The release could not be saved: ${summariseIssues(parsed.error.issues)}`,
    );
  }
  return { release: parsed.data, hash: nativeContentHash(parsed.data) };
}

/** A save continues its base; during settled decisions it settles them too (every head becomes its parent). */
function parentsFor(heads: ReleaseHeads, base: Revision, computer: string): Revision[] {
  if (heads.kind !== 'texts') return heads.all;
  // The base and its identical twins (the same text saved on two computers), and this computer's own deletion,
  // which the save on the text it is shown undoes: never a colleague's other text, which stays a version.
  return heads.all.filter(
    (head) => head === base || sameVersion(head, base) || (head.deleted && head.writer.computer === computer),
  );
}

/** Every version of the release is deleted: it belongs in Deleted releases. */
function allDeleted(heads: ReleaseHeads): boolean {
  return heads.heads.every((head) => head.deleted);
}

/** One more than the highest head: a Lamport number, so a computer's own revision numbers only ever rise. */
function nextRevisionAfter(heads: ReleaseHeads): number {
  return Math.max(...heads.all.map((head) => head.revision), heads.current.revision, heads.highest) + 1;
}

/** A release id that is safe as a file name on every platform (shared by every per-release file service). */
export function isValidId(id: unknown): id is string {
  return typeof id === 'string' && IdSchema.safeParse(id).success && !WINDOWS_RESERVED.test(id);
}

/** `<id>.json` files only: temp files, lock files and anything a sync tool or the OS drops in are not releases. */
function isCandidateName(name: string): boolean {
  return name.endsWith('.json') && !name.startsWith('.');
}

export async function exists(path: string): Promise<boolean> {
  try {
    await fsp.lstat(path);
    return true;
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return false;
    throw error;
  }
}

/** `<folder>/<stem><extension>`, or with -2, -3... before the extension when that name is taken. */
export async function freeFileName(folder: string, stem: string, extension: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = join(folder, `${stem}${n === 1 ? '' : `-${n}`}${extension}`);
    if (!(await exists(candidate))) return candidate;
  }
}

/** An ISO time that is a valid file name on Windows too (no colons). */
export function fileTimestamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

function randomBase36(length: number): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  // 252 is the largest multiple of 36 below 256: rejecting bytes above it keeps every character equally likely.
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 252 && out.length < length) out += alphabet[byte % 36];
    }
  }
  return out;
}

/** Refuses an id that could escape its folder or name a device; returns it for use in a path. */
export function checkReleaseId(releaseId: string): string {
  if (!isValidId(releaseId)) {
    throw new StoreError('invalid-input', `"${String(releaseId).slice(0, 80)}" is not a valid release id.`);
  }
  return releaseId;
}

export function summariseIssues(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
): string {
  const parts = issues.slice(0, 3).map((issue) => {
    const where = issue.path.map(String).join('.');
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  return parts.join('; ') + (issues.length > 3 ? ` (and ${issues.length - 3} more)` : '');
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function describeFsError(error: unknown): string {
  if (isErrorCode(error, 'ENOSPC')) return 'the disk is full';
  if (isErrorCode(error, 'EACCES', 'EPERM')) return 'permission was denied';
  if (isErrorCode(error, 'EROFS')) return 'the disk is read-only';
  if (isErrorCode(error, 'ENOENT')) return 'the file or folder could not be found (is the drive connected?)';
  if (isErrorCode(error, 'EBUSY')) return 'another program is using the file';
  if (isErrorCode(error, 'EIO')) return 'the disk reported an error';
  return errorMessage(error);
}

function ioError(error: unknown, action: string, advice?: string): StoreError {
  if (error instanceof StoreError) return error;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return new StoreError(
    'io',
    `Pressroom could not ${action}: ${describeFsError(error)}.${advice ? ` ${advice}` : ''}`,
    typeof code === 'string' ? { cause: code } : undefined,
  );
}

/** What the library says of a release whose folder could not be read at all (the library index says the same). */
export function unreadableReleaseMessage(error: unknown): string {
  return `Pressroom could not read this release (${describeFsError(error)}).`;
}

/** What the library says of a release none of whose revisions can be used. */
export function badReleaseMessage(outcome: Extract<HeadsOutcome, { kind: 'bad' }>): string {
  return outcome.newer
    ? `This release was saved by a newer version of Pressroom: ${outcome.message}`
    : `No saved version of this release can be read: ${outcome.message}`;
}

/** Removes the temp files of one folder last written before `cutoff`; a folder that cannot be listed is skipped. */
async function removeTempFilesOlderThan(folder: string, cutoff: number): Promise<void> {
  let names: string[];
  try {
    names = await fsp.readdir(folder);
  } catch {
    return;
  }
  for (const name of names.filter(isTempFileName)) {
    const path = join(folder, name);
    try {
      if ((await fsp.stat(path)).mtimeMs < cutoff) await fsp.rm(path, { force: true });
    } catch {
      // Another process may be cleaning up too; a temp file that stays is still harmless.
    }
  }
}
