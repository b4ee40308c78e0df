import type { AppCommandName } from './api/app-commands';

/**
 * Every keyboard shortcut of the app, once. The desktop menu takes its accelerators from here, the page binds the
 * renderer's commands from here (src-renderer/src/app-commands.ts), and the Keyboard shortcuts sheet lists this
 * table, so the three cannot disagree.
 *
 * Keys are written in Electron's accelerator syntax ("CmdOrCtrl+Shift+Z"): Cmd on macOS, Ctrl elsewhere.
 */

export type ShortcutGroup = 'Releases' | 'Editing' | 'Formatting text' | 'View' | 'Help';

export interface Shortcut {
  id: ShortcutId;
  label: string;
  group: ShortcutGroup;
  accelerator: string;
  /** Other keys that do the same (shown in the sheet; the menu shows `accelerator` only). */
  alternatives?: readonly string[];
  /** Where it works, when not everywhere. */
  where?: string;
  /**
   * The page itself handles the key (the editor's Ctrl+S/Z/Y, the formatting keys, the app commands bound in
   * the page). The menu then shows the key without registering it, so that the key reaches the page and does
   * exactly what it does in the browser; clicking the menu item sends the command instead.
   */
  page: boolean;
  /** Works in the browser host too. False where the browser keeps the key (Ctrl+N) or the action is desktop-only. */
  browser: boolean;
  /** The renderer command the key triggers, for shortcuts bound by src-renderer/src/app-commands.ts. */
  command?: AppCommandName;
}

export const SHORTCUT_IDS = [
  'new-release',
  'open-workspace',
  'export',
  'print',
  'save',
  'undo',
  'redo',
  'find',
  'emphasis',
  'strong',
  'link',
  'bullets',
  'numbers',
  'paragraph-up',
  'paragraph-down',
  'paragraph-split',
  'line-break',
  'paragraph-join-next',
  'paragraph-join-previous',
  'paragraph-next-section',
  'paragraph-previous-section',
  'toggle-preview',
  'zoom-in',
  'zoom-out',
  'zoom-reset',
  'shortcuts',
] as const;
export type ShortcutId = (typeof SHORTCUT_IDS)[number];

export const SHORTCUTS: readonly Shortcut[] = [
  {
    id: 'new-release',
    label: 'New news release',
    group: 'Releases',
    accelerator: 'CmdOrCtrl+N',
    page: false,
    browser: false,
  },
  {
    id: 'open-workspace',
    label: 'Open another workspace folder',
    group: 'Releases',
    accelerator: 'CmdOrCtrl+O',
    page: false,
    browser: false,
  },
  {
    id: 'export',
    label: 'Export the open release',
    group: 'Releases',
    accelerator: 'CmdOrCtrl+E',
    where: 'in the editor',
    page: true,
    browser: true,
    command: 'export',
  },
  {
    id: 'print',
    label: 'Print the open release',
    group: 'Releases',
    accelerator: 'CmdOrCtrl+P',
    where: 'in the editor',
    page: false,
    browser: false,
  },
  {
    id: 'find',
    label: 'Search the library',
    group: 'Releases',
    accelerator: 'CmdOrCtrl+F',
    where: 'in the library',
    page: true,
    browser: true,
    command: 'find',
  },
  {
    id: 'save',
    label: 'Save now',
    group: 'Editing',
    accelerator: 'CmdOrCtrl+S',
    where: 'in the editor',
    page: true,
    browser: true,
  },
  {
    id: 'undo',
    label: 'Undo (the whole release)',
    group: 'Editing',
    accelerator: 'CmdOrCtrl+Z',
    where: 'in the editor',
    page: true,
    browser: true,
  },
  {
    id: 'redo',
    label: 'Redo',
    group: 'Editing',
    accelerator: 'CmdOrCtrl+Shift+Z',
    alternatives: ['CmdOrCtrl+Y'],
    where: 'in the editor',
    page: true,
    browser: true,
  },
  {
    id: 'paragraph-up',
    label: 'Move the paragraph up',
    group: 'Editing',
    accelerator: 'Alt+Up',
    where: 'in a paragraph',
    page: true,
    browser: true,
  },
  {
    id: 'paragraph-down',
    label: 'Move the paragraph down',
    group: 'Editing',
    accelerator: 'Alt+Down',
    where: 'in a paragraph',
    page: true,
    browser: true,
  },
  {
    id: 'paragraph-split',
    label: 'Split the paragraph at the cursor',
    group: 'Editing',
    accelerator: 'Enter',
    where: 'in a paragraph; in a list, the next item',
    page: true,
    browser: true,
  },
  {
    id: 'line-break',
    label: 'Line break inside the paragraph',
    group: 'Editing',
    accelerator: 'Shift+Enter',
    where: 'in a paragraph',
    page: true,
    browser: true,
  },
  {
    id: 'paragraph-join-next',
    label: 'Join with the next paragraph',
    group: 'Editing',
    accelerator: 'Delete',
    where: 'at the end of a paragraph',
    page: true,
    browser: true,
  },
  {
    id: 'paragraph-join-previous',
    label: 'Join with the paragraph before',
    group: 'Editing',
    accelerator: 'Backspace',
    where: 'at the start of a paragraph',
    page: true,
    browser: true,
  },
  {
    id: 'paragraph-next-section',
    label: 'Move the paragraph to the next section',
    group: 'Editing',
    accelerator: 'Alt+Shift+Down',
    where: 'body to background',
    page: true,
    browser: true,
  },
  {
    id: 'paragraph-previous-section',
    label: 'Move the paragraph to the section before',
    group: 'Editing',
    accelerator: 'Alt+Shift+Up',
    where: 'background to body',
    page: true,
    browser: true,
  },
  {
    id: 'emphasis',
    label: '*Emphasis*',
    group: 'Formatting text',
    accelerator: 'CmdOrCtrl+I',
    where: 'in text',
    page: true,
    browser: true,
  },
  {
    id: 'strong',
    label: '**Strong**',
    group: 'Formatting text',
    accelerator: 'CmdOrCtrl+B',
    where: 'in text',
    page: true,
    browser: true,
  },
  {
    id: 'link',
    label: 'Link',
    group: 'Formatting text',
    accelerator: 'CmdOrCtrl+K',
    where: 'in text',
    page: true,
    browser: true,
  },
  {
    id: 'bullets',
    label: 'Bulleted list',
    group: 'Formatting text',
    accelerator: 'CmdOrCtrl+Shift+8',
    where: 'in text',
    page: true,
    browser: true,
  },
  {
    id: 'numbers',
    label: 'Numbered list',
    group: 'Formatting text',
    accelerator: 'CmdOrCtrl+Shift+7',
    where: 'in text',
    page: true,
    browser: true,
  },
  {
    id: 'toggle-preview',
    label: 'Show or hide the preview',
    group: 'View',
    accelerator: 'CmdOrCtrl+Shift+P',
    where: 'in the editor',
    page: true,
    browser: true,
    command: 'toggle-preview',
  },
  {
    id: 'zoom-in',
    label: 'Zoom in',
    group: 'View',
    accelerator: 'CmdOrCtrl+=',
    alternatives: ['CmdOrCtrl+Plus'],
    page: false,
    browser: true,
  },
  {
    id: 'zoom-out',
    label: 'Zoom out',
    group: 'View',
    accelerator: 'CmdOrCtrl+-',
    page: false,
    browser: true,
  },
  {
    id: 'zoom-reset',
    label: 'Actual size',
    group: 'View',
    accelerator: 'CmdOrCtrl+0',
    page: false,
    browser: true,
  },
  {
    id: 'shortcuts',
    label: 'This list of keyboard shortcuts',
    group: 'Help',
    accelerator: 'F1',
    alternatives: ['?'],
    where: '? when not typing',
    page: true,
    browser: true,
    command: 'show-shortcuts',
  },
];

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  'Releases',
  'Editing',
  'Formatting text',
  'View',
  'Help',
];

export function shortcut(id: ShortcutId): Shortcut {
  const found = SHORTCUTS.find((entry) => entry.id === id);
  if (!found) throw new Error(`No shortcut ${id}`);
  return found;
}

export type KeyPlatform = 'mac' | 'other';

const MAC_SYMBOLS: Record<string, string> = { CmdOrCtrl: '⌘', Shift: '⇧', Alt: '⌥', Ctrl: '⌃' };
const KEY_NAMES: Record<string, string> = { Up: '↑', Down: '↓', Left: '←', Right: '→', Plus: '+' };

/** The keys of an accelerator as a person reads them: ["Ctrl", "Shift", "Z"], or ["⌘", "⇧", "Z"] on a Mac. */
export function acceleratorKeys(accelerator: string, platform: KeyPlatform): string[] {
  // "CmdOrCtrl+-" and "CmdOrCtrl+=" end in the key itself; a lone "+" never appears (Electron spells it Plus).
  const parts = accelerator.split('+');
  return parts.map((part, index) => {
    const isKey = index === parts.length - 1;
    if (!isKey && platform === 'mac') return MAC_SYMBOLS[part] ?? part;
    if (!isKey) return part === 'CmdOrCtrl' ? 'Ctrl' : part;
    return KEY_NAMES[part] ?? (part.length === 1 ? part.toUpperCase() : part);
  });
}

/** The accelerator as one string: "Ctrl+Shift+Z", "⌘⇧Z". */
export function formatAccelerator(accelerator: string, platform: KeyPlatform): string {
  return acceleratorKeys(accelerator, platform).join(platform === 'mac' ? '' : '+');
}

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

const EVENT_KEYS: Record<string, string> = {
  up: 'arrowup',
  down: 'arrowdown',
  left: 'arrowleft',
  right: 'arrowright',
  plus: '+',
};

/**
 * Whether a key event is the accelerator. Modifiers must match exactly (Ctrl+S is not Ctrl+Shift+S); a printable
 * key such as "?" is matched by the character typed, whatever Shift it took on the person's keyboard layout.
 */
export function matchesAccelerator(event: KeyLike, accelerator: string, platform: KeyPlatform): boolean {
  const parts = accelerator.split('+');
  const key = parts[parts.length - 1]!.toLowerCase();
  const modifiers = new Set(parts.slice(0, -1));
  const wantCommand = modifiers.has('CmdOrCtrl');
  const command = platform === 'mac' ? event.metaKey : event.ctrlKey;
  const otherCommand = platform === 'mac' ? event.ctrlKey && !modifiers.has('Ctrl') : event.metaKey;
  if (command !== wantCommand || otherCommand) return false;
  if (event.altKey !== modifiers.has('Alt')) return false;
  const printable = key.length === 1 && !/[a-z0-9]/.test(key);
  if (!printable && event.shiftKey !== modifiers.has('Shift')) return false;
  return event.key.toLowerCase() === (EVENT_KEYS[key] ?? key);
}
