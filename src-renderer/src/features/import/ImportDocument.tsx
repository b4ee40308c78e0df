import { lazy, Suspense, useRef, useState } from 'react';
import { callApi } from '../../api';
import {
  importKindOf,
  MAX_DOCX_BYTES,
  MAX_IMPORT_TEXT,
  type ImportKind,
  type ImportPlacement,
} from '../../../../src-shared/import/placement';
import { PasteDialog } from './PasteDialog';
import './import.css';

// The review screen is only needed once a document has been read: it is loaded then, not with the library.
const ImportReview = lazy(() =>
  import('./ImportReview').then((module) => ({ default: module.ImportReview })),
);

/**
 * "Import…" in the library (issue 16, item 1): a press release written in Word, Markdown or plain text is read,
 * each paragraph placed in its section, and the review screen shows what went where before the release is made.
 *
 * "Import…" and "Paste a release…" are buttons in the library's "More ways to start" menu, which closes once one is
 * pressed; the file box, the paste and review dialogs and any problem (`outcome`) are rendered outside the menu.
 */
export function useImportDocument(onCreated: (id: string) => void) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [placement, setPlacement] = useState<ImportPlacement | null>(null);
  const [pasting, setPasting] = useState(false);

  async function analyse(file: File) {
    const kind = importKindOf(file.name);
    if (!kind) {
      setProblem(
        `${file.name} is not a file Pressroom can import: choose a Word document (.docx), a Markdown file (.md) or a text file (.txt).`,
      );
      return;
    }
    const limit = kind === 'docx' ? MAX_DOCX_BYTES : MAX_IMPORT_TEXT * 4;
    if (file.size > limit) {
      setProblem(
        `${file.name} is ${megabytes(file.size)}, too large to import: Pressroom imports a press release of up to ${megabytes(kind === 'docx' ? MAX_DOCX_BYTES : MAX_IMPORT_TEXT)}.`,
      );
      return;
    }
    setBusy(true);
    setProblem(null);
    const result = await callApi('import.analyse', await request(file, kind));
    setBusy(false);
    if (!result.ok) setProblem(result.error.message);
    else setPlacement(result.value);
  }

  async function analysePasted(pasted: { html: string; text: string }) {
    setPasting(false);
    setBusy(true);
    setProblem(null);
    if (pasted.text.length > MAX_IMPORT_TEXT) {
      setBusy(false);
      setProblem(
        `The pasted text is ${megabytes(pasted.text.length)}, too large to import: Pressroom imports a press release of up to ${megabytes(MAX_IMPORT_TEXT)}. Paste the release on its own.`,
      );
      return;
    }
    // Formatted text keeps its headings, bold and links; plain text is read line by line. Formatting that makes
    // the copy too large (Word's HTML can be ten times its text) is dropped rather than the paste refused.
    const html = pasted.html.trim() !== '' && pasted.html.length <= MAX_IMPORT_TEXT;
    const result = await callApi('import.analyse', {
      fileName: 'Pasted text',
      kind: html ? 'html' : 'text',
      text: html ? pasted.html : pasted.text,
    });
    setBusy(false);
    if (!result.ok) setProblem(result.error.message);
    else setPlacement(result.value);
  }

  const outcome = (
    <div className="import-document">
      {busy && (
        // The "Import…" button is in a menu that has closed: the reading shows here.
        <p className="notice import-problem" role="status">
          Reading the document…
        </p>
      )}
      {pasting && (
        <PasteDialog onCancel={() => setPasting(false)} onPasted={(pasted) => void analysePasted(pasted)} />
      )}
      <input
        ref={input}
        type="file"
        accept=".docx,.md,.markdown,.txt,.htm,.html,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/markdown,text/plain"
        className="visually-hidden"
        aria-label="Press release to import (Word, Markdown or text)"
        tabIndex={-1}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void analyse(file);
        }}
      />
      {problem && (
        <div className="notice notice-error import-problem" role="alert">
          <p className="preserve-lines">{problem}</p>
          <button type="button" className="button-quiet" onClick={() => setProblem(null)}>
            Dismiss
          </button>
        </div>
      )}
      {placement && (
        <Suspense
          fallback={
            <p className="visually-hidden" role="status">
              Opening…
            </p>
          }
        >
          <ImportReview
            placement={placement}
            onCancel={() => setPlacement(null)}
            onCreated={(id) => {
              setPlacement(null);
              onCreated(id);
            }}
          />
        </Suspense>
      )}
    </div>
  );
  return { busy, chooseFile: () => input.current?.click(), paste: () => setPasting(true), outcome };
}

async function request(file: File, kind: ImportKind) {
  if (kind !== 'docx') return { fileName: file.name, kind, text: await file.text() };
  return { fileName: file.name, kind, dataBase64: toBase64(new Uint8Array(await file.arrayBuffer())) };
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: a spread of a whole file into fromCharCode overflows the stack.
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary);
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;
}
