import { useEffect, useId, useRef, useState } from 'react';
import { callApi } from '../../api';
import type { LibraryRow } from '../../../../src-shared/api/contract';
import { formatEmbargoLine, isEmbargoActive, resolveLocale } from '../../../../src-shared/render/format-date';
import { DRAFT_MARK } from '../../../../src-shared/render/render-release';
import { exportsAsFinal } from './ExportDialog';
import { FolderField } from './FolderField';
import { FormatFields, type ExportFormat, type PaperSize } from './FormatFields';
import './export.css';
import { useReturnFocus } from '../../return-focus';

interface Done {
  id: string;
  headline: string;
  outcome: { ok: true; path: string; draft: boolean } | { ok: false; message: string };
}

/**
 * Export a selection into one folder, one release after another, with a progress bar and a Cancel that stops
 * after the file being written (a half-written file is never left: each is written whole and renamed into place).
 * Final exports under embargo are listed by name and time, and need one confirmation covering them all.
 */
export function BatchExportDialog({
  rows,
  locale,
  onClose,
  onFinished,
}: {
  rows: readonly LibraryRow[];
  locale: string;
  onClose: () => void;
  onFinished: () => void;
}) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancelled = useRef(false);
  const [format, setFormat] = useState<ExportFormat>('pdf');
  const [pageSize, setPageSize] = useState<PaperSize>('A4');
  const [folder, setFolder] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [running, setRunning] = useState(false);
  const [current, setCurrent] = useState<string | null>(null);
  const [done, setDone] = useState<Done[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  const finals = rows.filter((row) => exportsAsFinal(row));
  const drafts = rows.length - finals.length;
  const now = new Date();
  const embargoed = finals
    .filter((row) => isEmbargoActive(row.embargo, now))
    .map((row) => ({ row, line: formatEmbargoLine(row.embargo!, resolveLocale(locale)) }));

  useReturnFocus();
  useEffect(() => {
    dialog.current?.showModal();
    void callApi('export.folder', {}).then((result) => {
      if (result.ok) setFolder((value) => value || result.value.folder);
    });
  }, []);

  async function run() {
    if (embargoed.length > 0 && !confirmed) {
      setProblem('Confirm the embargo times listed above first.');
      return;
    }
    setProblem(null);
    cancelled.current = false;
    setRunning(true);
    setDone([]);
    for (const row of rows) {
      if (cancelled.current) break;
      const headline = row.headline.trim() || 'Untitled release';
      setCurrent(headline);
      const result = await callApi('export.toFolder', {
        id: row.id,
        format,
        pageSize,
        folder,
        confirmEmbargo: confirmed,
      });
      const outcome: Done['outcome'] = result.ok
        ? { ok: true, path: result.value.path, draft: result.value.draft }
        : { ok: false, message: result.error.message };
      setDone((list) => [...list, { id: row.id, headline, outcome }]);
      // A folder that cannot be written to fails every file the same way: stop at the first.
      if (!result.ok && (result.error.code === 'io' || result.error.code === 'invalid-input')) {
        setProblem(result.error.message);
        break;
      }
    }
    setCurrent(null);
    setRunning(false);
    onFinished();
  }

  const failed = done.filter((entry) => !entry.outcome.ok).length;
  const stoppedEarly = !running && done.length > 0 && done.length < rows.length;

  return (
    <dialog
      ref={dialog}
      className="batch-export-dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        if (running) {
          event.preventDefault();
          cancelled.current = true;
        } else onClose();
      }}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          void run();
        }}
      >
        <h2 id={`${id}-title`}>
          Export {rows.length} {rows.length === 1 ? 'release' : 'releases'}
        </h2>
        <p className="hint">
          {finals.length > 0 &&
            `${finals.length} approved: exported as final, recorded in the audit trail and published. `}
          {drafts > 0 && `${drafts} not approved: marked “${DRAFT_MARK}” on every page and in the file name.`}
        </p>
        {embargoed.length > 0 && (
          <div className="field">
            <p className="export-embargo">
              Under embargo:{' '}
              {embargoed
                .map(({ row, line }) => `${row.headline.trim() || 'Untitled release'} (${line})`)
                .join('; ')}
            </p>
            <div className="checkbox">
              <input
                id={`${id}-embargo`}
                type="checkbox"
                checked={confirmed}
                onChange={(event) => setConfirmed(event.target.checked)}
              />
              <label htmlFor={`${id}-embargo`}>
                I confirm these embargo times: recipients must not publish before them.
              </label>
            </div>
          </div>
        )}
        <FormatFields
          id={id}
          format={format}
          pageSize={pageSize}
          disabled={running}
          onFormat={setFormat}
          onPageSize={setPageSize}
        />
        <FolderField
          id={`${id}-folder`}
          value={folder}
          disabled={running}
          onChange={setFolder}
          onProblem={setProblem}
        />

        {(running || done.length > 0) && (
          <div className="field">
            <label htmlFor={`${id}-progress`}>
              {running
                ? `Exporting ${Math.min(done.length + 1, rows.length)} of ${rows.length}: ${current ?? ''}`
                : stoppedEarly
                  ? `Stopped after ${done.length} of ${rows.length}.`
                  : `Done: ${done.length - failed} exported${failed ? `, ${failed} failed` : ''}.`}
            </label>
            <progress
              id={`${id}-progress`}
              className="batch-progress"
              max={rows.length}
              value={done.length}
            />
          </div>
        )}
        {done.length > 0 && (
          <ol className="batch-list" aria-label="Exported files">
            {done.map((entry) => (
              <li key={entry.id} className={entry.outcome.ok ? undefined : 'batch-failed'}>
                {entry.outcome.ok
                  ? `${entry.outcome.path}${entry.outcome.draft ? ' (draft)' : ''}`
                  : `${entry.headline}: ${entry.outcome.message}`}
              </li>
            ))}
          </ol>
        )}
        <p className="export-status" role="alert">
          {problem ?? ''}
        </p>
        <div className="dialog-actions">
          {running ? (
            <button type="button" onClick={() => (cancelled.current = true)}>
              Cancel
            </button>
          ) : (
            <>
              <button type="submit" className="button-primary">
                {done.length > 0 ? 'Export again' : 'Export'}
              </button>
              <button type="button" className="button-quiet" onClick={onClose}>
                Close
              </button>
            </>
          )}
        </div>
      </form>
    </dialog>
  );
}
