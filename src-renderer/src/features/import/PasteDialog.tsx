import { useEffect, useId, useRef, useState } from 'react';
import { useReturnFocus } from '../../return-focus';

/**
 * "Paste a release…": the writer pastes a release copied from Word, an email or a web page. The formatted copy
 * (headings, bold, links) is kept when the clipboard has one, so the import reads it as the document was laid
 * out; the box shows the plain text so the writer sees what was pasted.
 */
export function PasteDialog({
  onCancel,
  onPasted,
}: {
  onCancel: () => void;
  onPasted: (pasted: { html: string; text: string }) => void;
}) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const html = useRef('');
  const justPasted = useRef(false);
  useReturnFocus();
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="import-paste"
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (text.trim() !== '') onPasted({ html: html.current, text });
        }}
      >
        <h2 id={`${id}-title`}>Paste a release</h2>
        <label htmlFor={`${id}-text`}>
          The whole release, from the type line or headline to the contacts
        </label>
        <textarea
          id={`${id}-text`}
          rows={12}
          value={text}
          onPaste={(event) => {
            // Only a paste into an empty box is taken as formatted: anything typed around it would not be in the copy.
            html.current = text === '' ? event.clipboardData.getData('text/html') : '';
            justPasted.current = true;
          }}
          onChange={(event) => {
            // An edit after the paste: the formatted copy no longer says what the box says, so the box is read.
            if (!justPasted.current) html.current = '';
            justPasted.current = false;
            setText(event.target.value);
          }}
        />
        <div className="dialog-actions">
          <button type="submit" className="button-primary" disabled={text.trim() === ''}>
            Continue
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
