import { useCallback, useState } from 'react';
import { RELEASE_TYPE_LABELS } from '../../src-shared/release/schema';
import { callApi } from './api';
import { keyPlatform, startAppCommands, useAppCommand } from './app-commands';
import { ShortcutsSheet } from './features/shortcuts/ShortcutsSheet';
import './features/shortcuts/shortcuts.css';

// Listening starts when the app's code loads, before any view: a command sent at start-up waits, it is not lost.
startAppCommands();

const OPENED = {
  added: 'was added to the library',
  updated: 'was brought up to date from the file',
  unchanged: 'was already up to date; nothing changed',
  copied: 'was opened as a new draft copy',
} as const;

/**
 * What the app does for commands that come from outside the views (src-shared/api/app-commands.ts): the
 * Keyboard shortcuts sheet, a new release from a template, a release or release file to open, and messages from
 * the main side, announced in a live region.
 */
export function DesktopIntegration({ onOpen }: { onOpen: (id: string) => void }) {
  const [sheetOpen, setSheetOpen] = useState(false);
  const [message, setMessage] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  const say = useCallback((tone: 'info' | 'error', text: string) => setMessage({ tone, text }), []);

  useAppCommand('show-shortcuts', () => setSheetOpen(true));
  useAppCommand('notify', (command) => say(command.tone, command.message));
  useAppCommand('open-release', (command) => onOpen(command.id));
  useAppCommand('new-release', (command) => {
    void callApi('releases.create', { type: command.type }).then((result) => {
      if (result.ok) onOpen(result.value.id);
      else
        say(
          'error',
          `A new ${RELEASE_TYPE_LABELS[command.type].toLowerCase()} could not be made: ${result.error.message}`,
        );
    });
  });
  useAppCommand('open-release-file', (command) => {
    void callApi('releaseFile.open', { text: command.text, asCopy: false }).then((result) => {
      if (result.ok) {
        const headline = result.value.release.headline || 'The release';
        say('info', `${command.fileName}: “${headline}” ${OPENED[result.value.outcome]}.`);
        onOpen(result.value.release.id);
      } else {
        say('error', `${command.fileName} was not opened. ${result.error.message}`);
      }
    });
  });
  // Edit > Find: the library's search box, when the library is shown.
  useAppCommand('find', () => {
    const search = document.querySelector<HTMLInputElement>('.library-search input[type="search"]');
    if (!search) return false;
    search.focus();
    search.select();
    return true;
  });

  // File > Export… and Ctrl+E: the editor's own Export button, with the workflow's checks.
  useAppCommand('export', () => {
    const button = document.querySelector('.editor') ? findButton('Export…') : null;
    if (!button) {
      say('error', 'Open a release in the editor, then choose Export… again.');
      return false;
    }
    button.click();
    return true;
  });
  // View > Show or hide the preview: the Form/Preview tabs on a narrow window, the preview column on a wide one.
  useAppCommand('toggle-preview', () => {
    if (!document.querySelector('.editor')) return false;
    const tabs = document.querySelector<HTMLElement>('.narrow-tabs');
    if (tabs && tabs.offsetParent !== null) {
      tabs.querySelector<HTMLButtonElement>('button[aria-pressed="false"]')?.click();
      return true;
    }
    const root = document.documentElement;
    if (root.dataset.preview === 'hidden') delete root.dataset.preview;
    else root.dataset.preview = 'hidden';
    return true;
  });

  return (
    <>
      <div className="app-announcer" role="status" aria-live="polite">
        {message?.tone === 'info' && (
          <AnnouncerMessage text={message.text} onDismiss={() => setMessage(null)} />
        )}
      </div>
      <div className="app-announcer app-announcer-error" role="alert">
        {message?.tone === 'error' && (
          <AnnouncerMessage text={message.text} onDismiss={() => setMessage(null)} />
        )}
      </div>
      {sheetOpen && (
        <ShortcutsSheet
          platform={keyPlatform}
          desktop={window.pressroomCommands !== undefined}
          onClose={() => setSheetOpen(false)}
        />
      )}
    </>
  );
}

function findButton(text: string): HTMLButtonElement | null {
  for (const button of document.querySelectorAll<HTMLButtonElement>('button')) {
    if (button.textContent?.trim() === text && !button.disabled) return button;
  }
  return null;
}

function AnnouncerMessage({ text, onDismiss }: { text: string; onDismiss: () => void }) {
  return (
    <p className="app-announcer-message">
      <span>{text}</span>
      <button type="button" className="button-quiet" onClick={onDismiss}>
        Dismiss
      </button>
    </p>
  );
}
