import { callApi, isDesktopApp } from '../../api';

/**
 * Where exports go: a path typed in, or — in the desktop app — picked with the system's folder dialog. The browser
 * has no folder picker that yields a path, so there the field is the way.
 */
export function FolderField({
  id,
  value,
  disabled,
  onChange,
  onProblem,
}: {
  id: string;
  value: string;
  disabled?: boolean;
  onChange: (folder: string) => void;
  onProblem: (message: string) => void;
}) {
  return (
    <div className="field export-folder">
      <label htmlFor={id}>Export folder</label>
      <p className="hint" id={`${id}-hint`}>
        The full path of a folder on this computer; it is created if missing and remembered.
      </p>
      <div className="export-folder-row">
        <input
          id={id}
          aria-describedby={`${id}-hint`}
          value={value}
          disabled={disabled}
          spellCheck={false}
          onChange={(event) => onChange(event.target.value)}
        />
        {isDesktopApp && (
          <button
            type="button"
            disabled={disabled}
            onClick={async () => {
              const result = await callApi('dialogs.chooseFolder', {
                title: 'Export into this folder',
                ...(value ? { defaultPath: value } : {}),
              });
              if (!result.ok) onProblem(result.error.message);
              else if (result.value.folder) onChange(result.value.folder);
            }}
          >
            Choose…
          </button>
        )}
      </div>
    </div>
  );
}
