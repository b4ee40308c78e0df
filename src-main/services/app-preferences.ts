import { join, resolve } from 'node:path';
import { z } from 'zod';
import { DocumentNotWritableError, openDocument } from './storage/document-store';
import { SavedWindowStateSchema, type SavedWindowState } from './window-state';

/**
 * The desktop app's own preferences, kept in its user-data folder (not in a workspace, which colleagues share):
 * the last workspace, the recent workspaces and where the window was. Plain Node, so it is tested without
 * Electron.
 *
 * A preferences file is a convenience: one that cannot be read never stops the app. Each field is taken on its
 * own (a bad window entry does not lose the recent list); a file that is not JSON at all is set aside as
 * `preferences.json.unreadable-<time>` for whoever wants to look, and the app starts from the defaults. Read and
 * written through the app's document store (storage/document-store.ts: durable, checked, one change at a time).
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
  const document = openDocument<AppPreferences>({
    path: file,
    schema: PreferencesSchema,
    version: 1,
    versionField: 'version',
    defaults: () => ({ ...DEFAULT_PREFERENCES, recentWorkspaces: [] }),
    // The schema takes each field on its own, so a newer Pressroom's file still gives what this one understands.
    newer: 'read-as-current',
    now: options.now,
    onProblem: (problem) =>
      log(
        problem.movedTo === null
          ? `[pressroom] preferences could not be read (${problem.detail}); using the defaults.`
          : `[pressroom] ${file} was not ${problem.kind === 'not-json' ? 'readable JSON' : 'valid preferences'} (${problem.detail}); it was kept as ${problem.movedTo} and the defaults are used.`,
      ),
  });
  /** Changes made while a file that could not be read is in place: kept for this run, never written over it. */
  let unsaved: AppPreferences | null = null;

  /** One change at a time (the document store's turn), each written whole and durably before the next is read. */
  const update = async (change: (current: AppPreferences) => AppPreferences): Promise<AppPreferences> => {
    if (unsaved) return (unsaved = PreferencesSchema.parse(change(unsaved)));
    try {
      return await document.update(change);
    } catch (error) {
      if (!(error instanceof DocumentNotWritableError)) throw error;
      return (unsaved = PreferencesSchema.parse(change(await document.get())));
    }
  };

  return {
    file,
    read: async () => unsaved ?? (await document.get()),
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
