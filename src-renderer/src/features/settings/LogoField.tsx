import { useRef, useState } from 'react';
import { callApi } from '../../api';
import type { WorkspaceDescription } from '../../../../src-shared/api/contract';
import { Field } from './form-errors';

const ACCEPTED = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
type AcceptedType = (typeof ACCEPTED)[number];
const MAX_BYTES = 2 * 1024 * 1024;

type LogoState =
  | { kind: 'idle' }
  | { kind: 'busy'; text: string }
  | { kind: 'done'; text: string }
  | { kind: 'failed'; message: string };

/**
 * The logo is saved the moment a file is chosen, not with the rest of the form: it is a file in the workspace
 * rather than a field, and the store keeps it apart from profile saves so that neither can undo the other.
 */
export function LogoField({
  workspace,
  onChange,
}: {
  workspace: WorkspaceDescription;
  onChange: (description: WorkspaceDescription) => void;
}) {
  const [state, setState] = useState<LogoState>({ kind: 'idle' });
  const input = useRef<HTMLInputElement>(null);
  const { logo } = workspace.profile;
  const missing = logo !== null && workspace.logoDataUrl === null;

  async function upload(file: File) {
    if (!isAccepted(file.type)) {
      setState({
        kind: 'failed',
        message: `“${file.name}” is not a PNG, JPEG, WebP or GIF image. Choose one of those; SVG and other formats cannot be used.`,
      });
      return;
    }
    // Checked here as well as by the store, so that a large file is not read and sent only to be refused.
    if (file.size > MAX_BYTES) {
      const size = (file.size / (1024 * 1024)).toLocaleString('en-GB', { maximumFractionDigits: 1 });
      setState({
        kind: 'failed',
        message: `The logo must be smaller than 2 MB; “${file.name}” is ${size} MB.`,
      });
      return;
    }
    setState({ kind: 'busy', text: 'Saving the logo…' });
    let dataBase64: string;
    try {
      dataBase64 = await readAsBase64(file);
    } catch {
      setState({ kind: 'failed', message: `“${file.name}” could not be read. Try choosing it again.` });
      return;
    }
    const result = await callApi('workspace.setLogo', {
      fileName: file.name,
      mediaType: file.type,
      dataBase64,
    });
    if (result.ok) {
      onChange(result.value);
      setState({ kind: 'done', text: 'Logo saved' });
    } else {
      setState({ kind: 'failed', message: result.error.message });
    }
  }

  async function remove() {
    setState({ kind: 'busy', text: 'Removing the logo…' });
    const result = await callApi('workspace.removeLogo', {});
    if (result.ok) {
      onChange(result.value);
      setState({ kind: 'done', text: 'Logo removed' });
      input.current?.focus();
    } else {
      setState({ kind: 'failed', message: result.error.message });
    }
  }

  return (
    <div className="logo-field">
      <div className="logo-preview" aria-live="polite">
        {workspace.logoDataUrl ? (
          <img src={workspace.logoDataUrl} alt="Current logo" />
        ) : (
          <p className="logo-empty">
            {missing ? 'The logo file cannot be found. Choose it again.' : 'No logo yet'}
          </p>
        )}
      </div>
      <div className="logo-controls">
        <Field
          id="profile-logo"
          label={logo ? 'Replace the logo' : 'Add a logo'}
          hint="A PNG, JPEG, WebP or GIF image smaller than 2 MB. It is saved as soon as you choose it and appears at the top of every release."
          error={state.kind === 'failed' ? state.message : undefined}
        >
          {(control) => (
            <input
              {...control}
              ref={input}
              type="file"
              accept={ACCEPTED.join(',')}
              disabled={state.kind === 'busy'}
              onChange={(event) => {
                const file = event.target.files?.[0];
                // Cleared so that choosing the same file again (after fixing it) fires a change.
                event.target.value = '';
                if (file) void upload(file);
              }}
            />
          )}
        </Field>
        {logo !== null && (
          <button
            type="button"
            className="button-danger"
            disabled={state.kind === 'busy'}
            onClick={() => void remove()}
          >
            Remove logo
          </button>
        )}
        <p className="logo-status" role="status">
          {state.kind === 'busy' || state.kind === 'done' ? state.text : ''}
        </p>
      </div>
    </div>
  );
}

function isAccepted(type: string): type is AcceptedType {
  return (ACCEPTED as readonly string[]).includes(type);
}

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      const comma = url.indexOf(',');
      resolve(comma === -1 ? '' : url.slice(comma + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}
