import { useEffect, useRef } from 'react';
import {
  acceleratorKeys,
  SHORTCUT_GROUPS,
  SHORTCUTS,
  type KeyPlatform,
  type Shortcut,
} from '../../../../src-shared/shortcuts';
import './shortcuts.css';
import { useReturnFocus } from '../../return-focus';

/**
 * Help > Keyboard shortcuts (F1, or ? when not typing): every frequent action with its keys, from the same table
 * the desktop menu takes its accelerators from. In the browser the keys the browser keeps for itself are listed
 * as the desktop app's.
 */
export function ShortcutsSheet({
  platform,
  desktop,
  onClose,
}: {
  platform: KeyPlatform;
  desktop: boolean;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useReturnFocus();
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="shortcuts-sheet"
      aria-labelledby="shortcuts-title"
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="shortcuts-header">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <button type="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
      <p className="hint">
        {platform === 'mac' ? '⌘ is Command, ⇧ Shift, ⌥ Option.' : 'On a Mac, use Cmd instead of Ctrl.'}
      </p>
      <div className="shortcuts-groups">
        {SHORTCUT_GROUPS.map((group) => (
          <section key={group} aria-labelledby={`shortcuts-${group}`}>
            <h3 id={`shortcuts-${group}`}>{group}</h3>
            <table className="shortcuts-table">
              <tbody>
                {SHORTCUTS.filter((entry) => entry.group === group).map((entry) => (
                  <ShortcutRow key={entry.id} entry={entry} platform={platform} desktop={desktop} />
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
    </dialog>
  );
}

function ShortcutRow({
  entry,
  platform,
  desktop,
}: {
  entry: Shortcut;
  platform: KeyPlatform;
  desktop: boolean;
}) {
  const keys = [entry.accelerator, ...(entry.alternatives ?? [])];
  return (
    <tr data-shortcut={entry.id}>
      <th scope="row">
        {entry.label}
        {entry.where && <span className="shortcut-where"> ({entry.where})</span>}
        {!desktop && !entry.browser && <span className="shortcut-where"> — in the desktop app</span>}
      </th>
      <td>
        {keys.map((accelerator, index) => (
          <span key={accelerator} className="shortcut-keys">
            {index > 0 && <span className="shortcut-or"> or </span>}
            {acceleratorKeys(accelerator, platform).map((key, keyIndex) => (
              <kbd key={keyIndex}>{key}</kbd>
            ))}
          </span>
        ))}
      </td>
    </tr>
  );
}
