import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { SHARED_FOLDERS, type WorkspaceLayout } from './layout';
import { z } from 'zod';
import type { PresenceEntry } from '../../../src-shared/api/contract';
import { IdSchema } from '../../../src-shared/release/schema';
import { isErrorCode, isTempFileName, readRegularTextFile, toJsonText, writeFileDurably } from './durable-file';

const MAX_PRESENCE_FILE_BYTES = 64 * 1024;
import { withMutex } from './file-lock';
import { StoreError } from './store';

export type { PresenceEntry };

/**
 * Who has which release open, across windows and computers sharing a workspace folder:
 *
 *   .presence/<releaseId>/<user>@<host>.<session>.json   { name, owner, sessionId, openedAt, heartbeatAt }
 *
 * One file per person, machine and running Pressroom, so that nobody ever writes another's file (a shared or synced
 * folder has no safe read-modify-write of one common file). An entry is refreshed every `heartbeatMs` while its
 * release is open and removed when it is closed; one whose writer vanished (crash, sleep, pulled cable) is ignored
 * once its heartbeat is older than `freshMs` and removed later still.
 *
 * This is information for people, not a lock: two people may still edit the same release, and the store's revision
 * check keeps the second save as a conflict copy.
 */
export interface Presence {
  readonly owner: string;
  readonly sessionId: string;
  /** Marks the release as open by us, or renews that mark; must be repeated within `leaseMs` to stay open. */
  open(releaseId: string): Promise<void>;
  /** Refreshes every open entry (the timer calls it too) and drops the ones nobody renewed within `leaseMs`. */
  heartbeat(): Promise<void>;
  close(releaseId: string): Promise<void>;
  /** Removes every entry of ours and stops the heartbeat. */
  closeAll(): Promise<void>;
  /** Everyone else with the release open, earliest first. */
  othersOn(releaseId: string): Promise<PresenceEntry[]>;
  /** Everyone else, per release, for the library; releases that nobody else has open are left out. */
  allOthers(): Promise<Record<string, PresenceEntry[]>>;
}

export interface PresenceOptions {
  /**
   * Read at every write, so that a change of name shows at the next heartbeat. May be async, so that an identity
   * kept in a file (the review feature's) can stand in for currentDisplayName().
   */
  displayName: () => string | Promise<string>;
  now?: () => Date;
  /** `<user>@<host>`; tests pretend to be another machine with it. */
  owner?: string;
  /** Per running Pressroom, so that two windows or hosts of one person on one machine are told apart. */
  sessionId?: string;
  heartbeatMs?: number;
  /** An entry whose heartbeat is older than this is ignored. */
  freshMs?: number;
  /** Someone else's entry (or an unreadable file) older than this is removed. */
  cleanupMs?: number;
  /**
   * An open mark that the renderer has not renewed for this long is closed: a browser tab that crashed or was
   * killed never sends its close, and the heartbeat must not keep it "open" for as long as the host runs.
   */
  leaseMs?: number;
}

export const PRESENCE_FOLDER = SHARED_FOLDERS.presence;
const HEARTBEAT_MS = 20_000;
const FRESH_MS = 60_000;
/**
 * Much longer than FRESH_MS: a sync client may deliver a heartbeat minutes late and a laptop waking from sleep
 * rewrites its entry; deleting it meanwhile would only make the sync client produce conflicted copies.
 */
const CLEANUP_MS = 10 * 60_000;
/** Six missed renewals of the renderer's 15-second poll, with room for a throttled background tab. */
const LEASE_MS = 90_000;
/** open() is called by every poll; rewriting the file more often than this adds nothing. */
const MIN_REWRITE_MS = 5_000;

const PresenceFileSchema = z.object({
  name: z.string().trim().min(1).max(200),
  owner: z.string().max(300),
  sessionId: z.string().max(100),
  openedAt: z.iso.datetime({ offset: true }),
  heartbeatAt: z.iso.datetime({ offset: true }),
});
type PresenceFile = z.infer<typeof PresenceFileSchema>;

/** `<user>@<host>`, named exactly as the recovery folder of edit-recovery.ts names a person on a machine. */
export function ownerName(): string {
  let user = 'user';
  try {
    user = userInfo().username;
  } catch {
    // Some containers have no passwd entry; the host name still keeps machines apart.
  }
  return `${user}@${hostname()}`.replace(/[^A-Za-z0-9@._-]/g, '_');
}

/**
 * The name shown to colleagues. The one place to change when people get a proper identity (the review feature):
 * for now the `PRESSROOM_USER_NAME` environment variable, else the OS user name.
 */
export function currentDisplayName(): string {
  const fromEnvironment = process.env.PRESSROOM_USER_NAME?.trim();
  if (fromEnvironment) return fromEnvironment.slice(0, 200);
  try {
    const user = userInfo().username.trim();
    if (user) return user;
  } catch {
    // No passwd entry (some containers).
  }
  return 'Someone';
}

export function createPresence(layout: WorkspaceLayout, options: PresenceOptions): Presence {
  const now = options.now ?? (() => new Date());
  const owner = options.owner ?? ownerName();
  const sessionId = options.sessionId ?? randomBytes(6).toString('hex');
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const freshMs = options.freshMs ?? FRESH_MS;
  const cleanupMs = options.cleanupMs ?? CLEANUP_MS;
  const leaseMs = options.leaseMs ?? LEASE_MS;
  const root = layout.folder('presence');
  const ownFileName = `${owner}.${sessionId}.json`;

  interface OpenEntry {
    openedAt: string;
    renewedAt: number;
    writtenAt: number;
  }
  const open = new Map<string, OpenEntry>();
  let timer: NodeJS.Timeout | undefined;

  const folderOf = (releaseId: string) => {
    if (!IdSchema.safeParse(releaseId).success) {
      throw new StoreError('invalid-input', 'Not a valid release id.');
    }
    return layout.presenceFolder(releaseId);
  };
  const ownFile = (releaseId: string) => join(folderOf(releaseId), ownFileName);

  function updateTimer(): void {
    if (open.size > 0 && timer === undefined) {
      timer = setInterval(() => void heartbeat(), heartbeatMs);
      // The heartbeat alone must never keep the process alive.
      timer.unref();
    } else if (open.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  }

  /**
   * Writes our entry unless it was closed meanwhile. Writes and removals of one file are serialised, so that a
   * heartbeat finishing after close() cannot bring a closed entry back.
   */
  async function write(releaseId: string, entry: OpenEntry): Promise<void> {
    const file = ownFile(releaseId);
    await withMutex(file, async () => {
      if (open.get(releaseId) !== entry) return;
      const name = String(await options.displayName())
        .trim()
        .slice(0, 200);
      const at = now();
      const content: PresenceFile = {
        name: name || 'Someone',
        owner,
        sessionId,
        openedAt: entry.openedAt,
        heartbeatAt: at.toISOString(),
      };
      const attempt = async () => {
        await fsp.mkdir(folderOf(releaseId), { recursive: true });
        await writeFileDurably(file, toJsonText(content));
      };
      try {
        await attempt();
      } catch (error) {
        // Someone tidying up removed the empty folder between our mkdir and our write.
        if (!isErrorCode(error, 'ENOENT')) throw error;
        await attempt();
      }
      entry.writtenAt = at.getTime();
    });
  }

  async function remove(releaseId: string): Promise<void> {
    const file = ownFile(releaseId);
    await withMutex(file, () => fsp.rm(file, { force: true }));
    await removeIfEmpty(folderOf(releaseId));
  }

  async function heartbeat(): Promise<void> {
    const at = now().getTime();
    await Promise.all(
      [...open].map(async ([releaseId, entry]) => {
        try {
          if (at - entry.renewedAt > leaseMs) await closeOne(releaseId);
          else await write(releaseId, entry);
        } catch {
          // A share that is offline for a moment: the next heartbeat tries again.
        }
      }),
    );
  }

  async function closeOne(releaseId: string): Promise<void> {
    folderOf(releaseId);
    open.delete(releaseId);
    updateTimer();
    await remove(releaseId);
  }

  async function othersOn(releaseId: string): Promise<PresenceEntry[]> {
    const folder = folderOf(releaseId);
    let names: string[];
    try {
      names = await fsp.readdir(folder);
    } catch {
      return [];
    }
    const at = now().getTime();
    const byOwner = new Map<string, PresenceEntry>();
    let removed = false;
    for (const name of names) {
      if (name === ownFileName) continue;
      const path = join(folder, name);
      const entry = isTempFileName(name) || !name.endsWith('.json') ? 'unreadable' : await readEntry(path);
      if (entry === 'gone') continue;
      if (entry === 'unreadable') {
        // A torn write, a sync client's conflicted copy, a crash's temp file: tidied once clearly abandoned.
        if (await olderThan(path, at - cleanupMs)) removed = (await removeQuietly(path)) || removed;
        continue;
      }
      const lastSeen = Math.min(at, Math.max(Date.parse(entry.file.heartbeatAt), entry.mtimeMs));
      const age = at - lastSeen;
      if (age > freshMs) {
        if (age > cleanupMs) removed = (await removeQuietly(path)) || removed;
        continue;
      }
      // Two windows of one person on one machine are one person to their colleagues.
      const previous = byOwner.get(entry.file.owner);
      // Their own clock's word for when they last said so, never later than now here.
      const heardAt = Math.min(at, Date.parse(entry.file.heartbeatAt));
      const heard = new Date(heardAt).toISOString();
      const computer = entry.file.owner.includes('@')
        ? entry.file.owner.slice(entry.file.owner.indexOf('@') + 1)
        : '';
      if (!previous || Date.parse(entry.file.openedAt) < Date.parse(previous.since)) {
        byOwner.set(entry.file.owner, {
          name: entry.file.name,
          since: entry.file.openedAt,
          lastHeard: previous && Date.parse(previous.lastHeard ?? '') > heardAt ? previous.lastHeard! : heard,
          ...(computer ? { computer } : {}),
        });
      } else if (Date.parse(previous.lastHeard ?? '') < heardAt) {
        previous.lastHeard = heard;
      }
    }
    if (removed) await removeIfEmpty(folder);
    return [...byOwner.values()].sort((a, b) => Date.parse(a.since) - Date.parse(b.since));
  }

  return {
    owner,
    sessionId,

    async open(releaseId) {
      folderOf(releaseId);
      const at = now();
      let entry = open.get(releaseId);
      if (!entry) {
        entry = { openedAt: at.toISOString(), renewedAt: at.getTime(), writtenAt: 0 };
        open.set(releaseId, entry);
        updateTimer();
      }
      entry.renewedAt = at.getTime();
      if (at.getTime() - entry.writtenAt >= MIN_REWRITE_MS) await write(releaseId, entry);
    },

    heartbeat,

    close: closeOne,

    async closeAll() {
      const ids = [...open.keys()];
      open.clear();
      updateTimer();
      await Promise.all(ids.map((releaseId) => remove(releaseId).catch(() => undefined)));
    },

    othersOn,

    async allOthers() {
      let ids: string[];
      try {
        ids = await fsp.readdir(root);
      } catch {
        return {};
      }
      const out: Record<string, PresenceEntry[]> = {};
      for (const releaseId of ids) {
        if (!IdSchema.safeParse(releaseId).success) continue;
        const others = await othersOn(releaseId);
        if (others.length > 0) out[releaseId] = others;
      }
      return out;
    },
  };
}

type ReadEntry = { file: PresenceFile; mtimeMs: number } | 'unreadable' | 'gone';

async function readEntry(path: string): Promise<ReadEntry> {
  try {
    const stats = await fsp.lstat(path);
    if (!stats.isFile()) return 'unreadable';
    // A heartbeat is a few hundred bytes: a pipe or a huge file put in its place is never read.
    const text = await readRegularTextFile(path, MAX_PRESENCE_FILE_BYTES);
    if (text === null) return 'gone';
    const parsed = PresenceFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? { file: parsed.data, mtimeMs: stats.mtimeMs } : 'unreadable';
  } catch (error) {
    return isErrorCode(error, 'ENOENT') ? 'gone' : 'unreadable';
  }
}

async function olderThan(path: string, cutoffMs: number): Promise<boolean> {
  try {
    return (await fsp.stat(path)).mtimeMs < cutoffMs;
  } catch {
    return false;
  }
}

async function removeQuietly(path: string): Promise<boolean> {
  try {
    await fsp.rm(path, { force: true });
    return true;
  } catch {
    // Removed by its owner or another colleague's clean-up at the same moment, or not ours to remove.
    return false;
  }
}

/** rmdir only removes an empty folder, so a colleague who has just written an entry there keeps it. */
async function removeIfEmpty(folder: string): Promise<void> {
  await fsp.rmdir(folder).catch(() => undefined);
}
