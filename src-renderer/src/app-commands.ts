import { useLayoutEffect, useRef } from 'react';
import {
  parseAppCommand,
  type AppCommand,
  type AppCommandBridge,
  type AppCommandName,
} from '../../src-shared/api/app-commands';
import { SHORTCUTS, matchesAccelerator, type KeyPlatform } from '../../src-shared/shortcuts';

/**
 * App commands in the page (src-shared/api/app-commands.ts): from the desktop menu over the preload's one channel,
 * and from the keyboard in both hosts, using the same shortcuts table as the menu. A view that can carry out a
 * command registers a handler with useAppCommand while it is shown; the latest registered handler wins.
 *
 * Save, undo and redo keep the editor's own key handling: the menu does not register those keys (so they reach
 * the page as in the browser), and a click on the menu item "presses" the key for the editor. Outside the editor
 * undo and redo fall back to the text field's own.
 */

declare global {
  interface Window {
    pressroomCommands?: AppCommandBridge;
  }
}

type CommandOf<N extends AppCommandName> = Extract<AppCommand, { name: N }>;
/** Return false when the command does not apply here (a key then keeps its browser meaning). */
type Handler<N extends AppCommandName> = (command: CommandOf<N>) => void | boolean;

const handlers = new Map<AppCommandName, Array<Handler<AppCommandName>>>();
/** Commands that may arrive before the view that handles them is shown (at start-up, behind the identity dialog). */
const QUEUED: ReadonlySet<AppCommandName> = new Set([
  'new-release',
  'open-release',
  'open-release-file',
  'notify',
]);
let queue: AppCommand[] = [];

export const keyPlatform: KeyPlatform =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/i.test(navigator.platform || navigator.userAgent)
    ? 'mac'
    : 'other';

export function hasAppCommandHandler(name: AppCommandName): boolean {
  return (handlers.get(name)?.length ?? 0) > 0;
}

/** Carries out a command; true when something here did. */
export function runAppCommand(command: AppCommand): boolean {
  const stack = handlers.get(command.name);
  const handler = stack?.[stack.length - 1];
  if (handler) return handler(command) !== false;
  if (command.name === 'save' || command.name === 'undo' || command.name === 'redo') {
    return pressEditorKey(command.name);
  }
  if (QUEUED.has(command.name)) queue.push(command);
  return false;
}

const EDITOR_KEYS = { save: 's', undo: 'z', redo: 'y' } as const;

/** The editor listens for its keys on the window: the menu item sends the same key, so it does the same thing. */
function pressEditorKey(name: keyof typeof EDITOR_KEYS): boolean {
  const target = document.activeElement ?? document.body;
  const event = new KeyboardEvent('keydown', {
    key: EDITOR_KEYS[name],
    ctrlKey: keyPlatform !== 'mac',
    metaKey: keyPlatform === 'mac',
    bubbles: true,
    cancelable: true,
  });
  const claimed = !target.dispatchEvent(event);
  if (claimed || name === 'save') return claimed;
  // Not in the editor: the focused text field's own undo and redo.
  // execCommand is deprecated but still the only way to reach a field's native undo stack.
  return document.execCommand(name);
}

export function useAppCommand<N extends AppCommandName>(name: N, handler: Handler<N>): void {
  const latest = useRef(handler);
  latest.current = handler;
  // A layout effect: registered before the view is painted, so a key pressed as soon as it shows is not lost.
  useLayoutEffect(() => {
    const stable: Handler<AppCommandName> = (command) => latest.current(command as CommandOf<N>);
    const stack = handlers.get(name) ?? [];
    handlers.set(name, [...stack, stable]);
    // Commands that waited for this view.
    const waiting = queue.filter((command) => command.name === name);
    queue = queue.filter((command) => command.name !== name);
    for (const command of waiting) stable(command);
    return () => {
      handlers.set(
        name,
        (handlers.get(name) ?? []).filter((entry) => entry !== stable),
      );
    };
  }, [name]);
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return (
    target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type)
  );
}

/** The keys of the commands the page binds itself (src-shared/shortcuts.ts: `page` with a `command`). */
const KEY_BOUND = SHORTCUTS.filter((entry) => entry.page && entry.command);

function onKeyDown(event: KeyboardEvent): void {
  if (event.defaultPrevented || event.repeat) return;
  for (const entry of KEY_BOUND) {
    const keys = [entry.accelerator, ...(entry.alternatives ?? [])];
    const matched = keys.find((keys) => matchesAccelerator(event, keys, keyPlatform));
    if (!matched) continue;
    // "?" is a character: while typing it is text, not a command.
    if (matched === '?' && isTyping(event.target)) return;
    const name = entry.command!;
    // The sheet is always there to open; other commands only where a view carries them out.
    if (name !== 'show-shortcuts' && !hasAppCommandHandler(name)) return;
    if (runAppCommand({ name } as AppCommand) || name === 'show-shortcuts') event.preventDefault();
    return;
  }
}

let listening = false;

/**
 * Starts listening: for menu commands (desktop app) and for the keys (both hosts). Called once, at start-up, so
 * that a command sent while the page is still loading waits in the queue instead of being lost.
 */
export function startAppCommands(): void {
  if (listening) return;
  listening = true;
  window.pressroomCommands?.onCommand((value) => {
    const command = parseAppCommand(value);
    if (command) runAppCommand(command);
  });
  window.addEventListener('keydown', onKeyDown);
}
