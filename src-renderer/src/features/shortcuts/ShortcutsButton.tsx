import { runAppCommand } from '../../app-commands';

/** Opens the Keyboard shortcuts sheet (also F1, or ? when not typing). */
export function ShortcutsButton() {
  return (
    <button
      type="button"
      className="button-quiet"
      aria-keyshortcuts="F1"
      onClick={() => runAppCommand({ name: 'show-shortcuts' })}
    >
      Keyboard shortcuts
    </button>
  );
}
