import { promises as fsp } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { readTextFile, toJsonText, writeFileDurably } from './workspace/durable-file';
import { withMutex } from './workspace/file-lock';
import { SavedWindowStateSchema, type SavedWindowState } from './window-state';

/**
 * The desktop app's own preferences, kept in its user-data folder (not in a workspace, which colleagues share):
 * the last workspace, the recent workspaces and where the window was. Plain Node, so it is tested without
 * Electron.
 *
 * A preferences file is a convenience: one that cannot be read never stops the app. Each field is taken on its
 * own (a bad window entry does not lose the recent list); a file that is not JSON at all is set aside as
 * `preferences.json.unreadable-<time>` for whoever wants to look, and the app starts from the defaults.
 */

export const PREFERENCES_FILE = 'preferences.json';
export const MAX_RECENT_WORKSPACES = 8;

const PreferencesSchema = z.object({
  version: z.literal(1).catch(1),
  lastWorkspace: z.string().min(1).max(4096).nullable().catch(null),
  recentWorkspaces: z
    .array(z.string().min(1).max(4096))
    .catch([])
    .transform((list) => [...new Set(list)].slice(0, MAX_RECENT_WORKSPACES)),
  window: SavedWindowStateSchema.nullable().catch(null),
});
export type AppPreferences = z.output<typeof PreferencesSchema>;

export const DEFAULT_PREFERENCES: AppPreferences = Object.freeze({
  version: 1,
  lastWorkspace: null,
  recentWorkspaces: [],
  window: null,
}) as AppPreferences;

export interface AppPreferencesStore {
  readonly file: string;
  read(): Promise<AppPreferences>;
  /** Makes the folder the last workspace and puts it first in the recent list. */
  rememberWorkspace(folder: string): Promise<AppPreferences>;
  /** Takes a folder off the recent list (it could not be opened), or clears the list when none is given. */
  forgetRecent(folder?: string): Promise<AppPreferences>;
  saveWindow(state: SavedWindowState): Promise<AppPreferences>;
}

export function createAppPreferences(
  userDataFolder: string,
  options: { log?: (message: string) => void; now?: () => Date } = {},
): AppPreferencesStore {
  const file = join(userDataFolder, PREFERENCES_FILE);
  const log = options.log ?? ((message: string) => console.warn(message));
  const now = options.now ?? (() => new Date());
  let cached: AppPreferences | undefined;

  const load = async (): Promise<AppPreferences> => {
    if (cached) return cached;
    let text: string | null;
    try {
      text = await readTextFile(file);
    } catch (error) {
      log(`[pressroom] preferences could not be read (${(error as Error).message}); using the defaults.`);
      return (cached = { ...DEFAULT_PREFERENCES });
    }
    if (text === null) return (cached = { ...DEFAULT_PREFERENCES });
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      const aside = `${file}.unreadable-${now().toISOString().replace(/[:.]/g, '-')}`;
      await fsp.rename(file, aside).catch(() => undefined);
      log(`[pressroom] ${file} was not readable JSON; it was kept as ${aside} and the defaults are used.`);
      return (cached = { ...DEFAULT_PREFERENCES });
    }
    const parsed = PreferencesSchema.safeParse(typeof raw === 'object' && raw !== null ? raw : {});
    return (cached = parsed.success ? parsed.data : { ...DEFAULT_PREFERENCES });
  };

  /** One change at a time, each written whole and durably before the next is read. */
  const update = (change: (current: AppPreferences) => AppPreferences) =>
    withMutex(file, async () => {
      const next = PreferencesSchema.parse(change(await load()));
      await fsp.mkdir(userDataFolder, { recursive: true });
      await writeFileDurably(file, toJsonText(next));
      cached = next;
      return next;
    });

  return {
    file,
    read: () => withMutex(file, load),
    rememberWorkspace: (folder) => {
      const absolute = resolve(folder);
      return update((current) => ({
        ...current,
        lastWorkspace: absolute,
        recentWorkspaces: [absolute, ...current.recentWorkspaces.filter((entry) => entry !== absolute)],
      }));
    },
    forgetRecent: (folder) =>
      update((current) => {
        if (folder === undefined) return { ...current, recentWorkspaces: [] };
        const absolute = resolve(folder);
        return {
          ...current,
          lastWorkspace: current.lastWorkspace === absolute ? null : current.lastWorkspace,
          recentWorkspaces: current.recentWorkspaces.filter((entry) => entry !== absolute),
        };
      }),
    saveWindow: (state) => update((current) => ({ ...current, window: state })),
  };
}
