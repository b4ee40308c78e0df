import { createPresence, currentDisplayName, type Presence } from './presence';
import type { WorkspaceStore } from './store';
import { createWorkspaceWatch, type WorkspaceWatch } from './watch';

/**
 * The parts of a shared workspace that hold resources (folder watchers, the presence heartbeat) and leave files
 * behind (presence entries), made together so that a host can close them together when it stops.
 */
export interface WorkspaceServices {
  watch: WorkspaceWatch;
  presence: Presence;
  /** Removes our presence entries and stops watching; safe to call more than once. */
  close(): Promise<void>;
}

export function createWorkspaceServices(
  store: Pick<WorkspaceStore, 'layout'>,
  options: { displayName?: () => string | Promise<string> } = {},
): WorkspaceServices {
  const watch = createWorkspaceWatch(store.layout);
  const presence = createPresence(store.layout, { displayName: options.displayName ?? currentDisplayName });
  let closing: Promise<void> | undefined;
  return {
    watch,
    presence,
    close() {
      closing ??= (async () => {
        watch.close();
        await presence.closeAll().catch(() => undefined);
      })();
      return closing;
    },
  };
}
