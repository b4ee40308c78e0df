import type { ReleaseType } from '../release/schema';

/**
 * Commands that reach the renderer from outside the page: the desktop menu, a second launch of the app, the main
 * side reporting on something it did (an export written, a workspace that could not be opened). They travel on
 * ONE channel, main -> renderer only; the renderer never sends on it. The same commands are bound to keys in the
 * page (src-renderer/src/app-commands.ts), so the browser host has them too where the browser lets a page take the
 * key.
 *
 * Plain TypeScript without zod: the sandboxed preload imports this file, and it must stay small.
 */
export const APP_COMMAND_CHANNEL = 'pressroom:app-command';

export const APP_COMMAND_NAMES = [
  'new-release',
  'open-release',
  'open-release-file',
  'save',
  'export',
  'undo',
  'redo',
  'find',
  'toggle-preview',
  'show-shortcuts',
  'notify',
] as const;
export type AppCommandName = (typeof APP_COMMAND_NAMES)[number];

export type AppCommand =
  | { name: 'new-release'; type: ReleaseType }
  /** Opens a release of the current workspace in the editor (after an import, say). */
  | { name: 'open-release'; id: string }
  /**
   * A `.pressrelease` file handed to the app by the system (a double click, "Open with", a second launch). The
   * main side has read it; the renderer checks and opens it like a file picked in the library.
   */
  | { name: 'open-release-file'; path: string; fileName: string; text: string }
  | { name: 'save' }
  /** Opens the editor's export dialog (format, destination, the workflow's checks) for the open release. */
  | { name: 'export' }
  | { name: 'undo' }
  | { name: 'redo' }
  | { name: 'find' }
  | { name: 'toggle-preview' }
  | { name: 'show-shortcuts' }
  /** Something the main side did or could not do, for the person to read (a live region announces it). */
  | { name: 'notify'; tone: 'info' | 'error'; message: string };

/**
 * The release types, as a set the compiler checks against the schema's list (every type, nothing else), so that
 * this file imports no zod: the preload bundles it.
 */
const RELEASE_TYPE_SET: Readonly<Record<ReleaseType, true>> = {
  'news-release': true,
  statement: true,
  'witness-appeal': true,
  'media-advisory': true,
  outcome: true,
  'embargoed-release': true,
};

const isString = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length <= max;

/**
 * Checks a command that arrived over the bridge. The main side is trusted, but the renderer still takes nothing it
 * does not understand: an unknown or malformed command is dropped.
 */
export function parseAppCommand(value: unknown): AppCommand | null {
  if (typeof value !== 'object' || value === null) return null;
  const command = value as Record<string, unknown>;
  switch (command.name) {
    case 'new-release':
      return typeof command.type === 'string' && Object.hasOwn(RELEASE_TYPE_SET, command.type)
        ? { name: 'new-release', type: command.type as ReleaseType }
        : null;
    case 'open-release':
      return isString(command.id, 200) && /^[A-Za-z0-9_-]+$/.test(command.id)
        ? { name: 'open-release', id: command.id }
        : null;
    case 'open-release-file':
      return isString(command.path, 4096) &&
        isString(command.fileName, 1024) &&
        isString(command.text, 50 * 1024 * 1024)
        ? { name: 'open-release-file', path: command.path, fileName: command.fileName, text: command.text }
        : null;
    case 'notify':
      return (command.tone === 'info' || command.tone === 'error') && isString(command.message, 2000)
        ? { name: 'notify', tone: command.tone, message: command.message }
        : null;
    case 'save':
    case 'export':
    case 'undo':
    case 'redo':
    case 'find':
    case 'toggle-preview':
    case 'show-shortcuts':
      return { name: command.name };
    default:
      return null;
  }
}

/** What the preload exposes for commands, next to the API table: a listener, and a way to stop listening. */
export interface AppCommandBridge {
  onCommand(listener: (command: unknown) => void): () => void;
}
