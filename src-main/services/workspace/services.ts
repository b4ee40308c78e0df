import { createPresence, currentDisplayName, type Presence } from './presence';
import type { WorkspaceStore } from './store';
import { createWorkspaceWatch, type WorkspaceWatch } from './watch';
import { createLibraryCatalogue, type LibraryCatalogue } from '../library/library-catalogue';

/**
 * The parts of a shared workspace that hold resources (folder watchers, the presence heartbeat) and leave files
 * behind (presence entries), made together so that a host can close them together when it stops.
 */
export interface WorkspaceServices {
  watch: WorkspaceWatch;
  presence: Presence;
  /**
   * The library index (issue 15), opened at once so that the library is ready when the window is; it follows the
   * watcher and this app's own saves, and is written back to user-data on close.
   */
  catalogue: LibraryCatalogue;
  /** Removes our presence entries, stops watching and keeps the library index; safe to call more than once. */
  close(): Promise<void>;
}

export function createWorkspaceServices(
  store: Pick<WorkspaceStore, 'layout' | 'onReleaseWritten'>,
  options: { displayName?: () => string | Promise<string> } = {},
): WorkspaceServices {
  const watch = createWorkspaceWatch(store.layout);
  const presence = createPresence(store.layout, { displayName: options.displayName ?? currentDisplayName });
  const catalogue = createLibraryCatalogue(store.layout, { watch: () => watch });
  const stopFollowingSaves = store.onReleaseWritten((id) => catalogue.changed(id));
  let closing: Promise<void> | undefined;
  return {
    watch,
    presence,
    catalogue,
    close() {
      closing ??= (async () => {
        stopFollowingSaves();
        // Before the watcher stops: the index catches up with what it reported, then is written.
        await catalogue.close().catch(() => undefined);
        watch.close();
        await presence.closeAll().catch(() => undefined);
      })();
      return closing;
    },
  };
}
