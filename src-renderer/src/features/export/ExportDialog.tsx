import { isSignedOff } from '../../../../src-shared/release/status';
import { useContext, useEffect, useId, useRef, useState } from 'react';
import { callApi } from '../../api';
import type { OrganisationProfile, Release } from '../../../../src-shared/release/schema';
import { formatEmbargoLine, isEmbargoActive, resolveLocale } from '../../../../src-shared/render/format-date';
import { DRAFT_MARK, renderReleaseBody } from '../../../../src-shared/render/render-release';
import { renderReleaseText } from '../../../../src-shared/render/render-text';
import { useProtectedFindings } from '../editor/FindingsContext';
import { coveringDecision, mayDecide, PrivacyDecisionForm } from '../review/PrivacyDecision';
import { SessionContext } from '../review/session';
import { downloadBase64 } from './download';
import { FolderField } from './FolderField';
import { downloadEmailDrafts, EmailDraftFields } from './EmailDraftFields';
import type { EmailDraftMode } from '../../../../src-shared/distribution/distribution';
import { FormatFields, type ExportFormat, type PaperSize } from './FormatFields';
import './export.css';
import { useReturnFocus } from '../../return-focus';

type Destination = 'download' | 'folder';

/** Whether an export of this release leaves as final (approved text) or as a marked draft. */
export function exportsAsFinal(release: Pick<Release, 'status'>): boolean {
  return isSignedOff(release.status);
}

/**
 * Export one release: the format, where it goes, and — said before the button, not after — what the export will
 * be: a draft marked on every page, or a final export that is recorded and publishes the release. A final export
 * under embargo needs a confirmation that names the embargo time.
 */
export function ExportDialog({
  release,
  profile,
  onExported,
  onClose,
}: {
  release: Release;
  profile: OrganisationProfile;
  onExported: (release: Release) => void;
  onClose: () => void;
}) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [format, setFormat] = useState<ExportFormat>('pdf');
  const [asEmail, setAsEmail] = useState(false);
  const [emailMode, setEmailMode] = useState<EmailDraftMode>('per-recipient');
  const [pageSize, setPageSize] = useState<PaperSize>('A4');
  const [destination, setDestination] = useState<Destination>('download');
  const [folder, setFolder] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'busy' }
    | { kind: 'done'; text: string }
    | { kind: 'failed'; text: string; privacy?: boolean }
  >({ kind: 'idle' });
  const person = useContext(SessionContext)?.person ?? null;
  const protectedFindings = useProtectedFindings();
  // The release as stored now: a decision to publish anyway moves its revision on.
  const [current, setCurrent] = useState(release);
  const final = exportsAsFinal(release);
  const embargoLine = isEmbargoActive(release.header.embargo, new Date())
    ? formatEmbargoLine(release.header.embargo!, resolveLocale(profile.locale))
    : null;
  const needsConfirmation = final && embargoLine !== null;

  useReturnFocus();
  useEffect(() => {
    dialog.current?.showModal();
    void callApi('export.folder', {}).then((result) => {
      if (result.ok) setFolder((current) => current || result.value.folder);
    });
  }, []);

  async function run() {
    if (needsConfirmation && !confirmed) {
      setState({ kind: 'failed', text: `Confirm the embargo time (${embargoLine}) first.` });
      return;
    }
    setState({ kind: 'busy' });
    const request = { id: release.id, format, pageSize, confirmEmbargo: confirmed };
    // The protected-person guard's refusal is said in its own words, with the way past it (below).
    const failed = (error: { message: string; details?: Record<string, string | number> | undefined }) =>
      setState({
        kind: 'failed',
        text: error.message,
        privacy: error.details?.privacy === 'protected-person',
      });
    if (asEmail) {
      const result = await downloadEmailDrafts({
        id: release.id,
        mode: emailMode,
        pageSize,
        confirmEmbargo: confirmed,
      });
      if (!result.ok) return failed(result.error);
      onExported(result.value.release);
      setState({ kind: 'done', text: result.value.text });
      return;
    }
    if (destination === 'folder') {
      const result = await callApi('export.toFolder', { ...request, folder });
      if (!result.ok) return failed(result.error);
      onExported(result.value.release);
      setState({ kind: 'done', text: `Saved ${result.value.path}${describeOutcome(result.value)}` });
      return;
    }
    const result = await callApi('export.release', request);
    if (!result.ok) return failed(result.error);
    downloadBase64(result.value.fileName, result.value.dataBase64, result.value.mediaType);
    onExported(result.value.release);
    setState({ kind: 'done', text: `Downloaded ${result.value.fileName}${describeOutcome(result.value)}` });
  }

  async function copy() {
    // Copied from the same renderers as the exports, in the browser: a copy is not an export and publishes nothing.
    // But an unmarked copy is pasted as it stands, so it follows the final export's protected-person rule here.
    const decision = coveringDecision(current, protectedFindings);
    if (final && protectedFindings.length > 0 && (!decision || decision.personId === person?.id)) {
      setState({
        kind: 'failed',
        text:
          'This text names a protected person, so it cannot be copied unmarked: ' +
          `${protectedFindings[0]!.message}. Take it out, or a second person can record a decision to publish anyway.`,
        privacy: true,
      });
      return;
    }
    const now = new Date();
    const html = renderReleaseBody(release, { mode: 'export', draftMark: !final, now, profile });
    const text = renderReleaseText(release, { draftMark: !final, now, profile });
    try {
      await navigator.clipboard.write([
        new ClipboardItem({
          'text/html': new Blob([html], { type: 'text/html' }),
          'text/plain': new Blob([text], { type: 'text/plain' }),
        }),
      ]);
      setState({
        kind: 'done',
        text: final
          ? 'Copied as rich text (with a plain-text version for email).'
          : `Copied as rich text, marked “${DRAFT_MARK}”.`,
      });
    } catch (error) {
      setState({ kind: 'failed', text: `The clipboard refused the copy: ${(error as Error).message}` });
    }
  }

  return (
    <dialog ref={dialog} className="export-dialog" aria-labelledby={`${id}-title`} onCancel={onClose}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          void run();
        }}
      >
        <h2 id={`${id}-title`}>Export this release</h2>
        {final ? (
          <p className="export-kind export-kind-final" data-testid="export-kind">
            <strong>Final export.</strong> The approved text leaves unmarked; the export is recorded in the
            audit trail with the text&apos;s hash
            {release.status === 'approved' ? ' and the release becomes Published' : ''}.
          </p>
        ) : (
          <p className="export-kind export-kind-draft" data-testid="export-kind">
            <strong>This release is not approved.</strong> The export is marked “{DRAFT_MARK}” on every page
            and in its file name.
          </p>
        )}
        {embargoLine && (
          <p className="export-embargo">
            <strong>{embargoLine}</strong>
          </p>
        )}
        {needsConfirmation && (
          <div className="checkbox export-confirm">
            <input
              id={`${id}-embargo`}
              type="checkbox"
              checked={confirmed}
              onChange={(event) => setConfirmed(event.target.checked)}
            />
            <label htmlFor={`${id}-embargo`}>
              I confirm the embargo ({embargoLine}): recipients must not publish it before then.
            </label>
          </div>
        )}
        <FormatFields
          id={id}
          format={format}
          pageSize={pageSize}
          onFormat={(chosen) => {
            setFormat(chosen);
            setAsEmail(false);
            // What the last export said is about another format.
            setState({ kind: 'idle' });
          }}
          onPageSize={setPageSize}
          email={{
            chosen: asEmail,
            onChoose: () => {
              setAsEmail(true);
              setState({ kind: 'idle' });
            },
          }}
        />
        {asEmail && <EmailDraftFields id={`${id}-email`} mode={emailMode} onMode={setEmailMode} />}
        {!asEmail && (
          <fieldset>
            <legend>Where to</legend>
            <div className="radio">
              <input
                id={`${id}-download`}
                type="radio"
                name="destination"
                checked={destination === 'download'}
                onChange={() => setDestination('download')}
              />
              <label htmlFor={`${id}-download`}>Download</label>
            </div>
            <div className="radio">
              <input
                id={`${id}-to-folder`}
                type="radio"
                name="destination"
                checked={destination === 'folder'}
                onChange={() => setDestination('folder')}
              />
              <label htmlFor={`${id}-to-folder`}>Save in a folder</label>
            </div>
            {destination === 'folder' && (
              <FolderField
                id={`${id}-folder`}
                value={folder}
                onChange={setFolder}
                onProblem={(text) => setState({ kind: 'failed', text })}
              />
            )}
          </fieldset>
        )}
        <p
          className="export-status"
          role={state.kind === 'failed' ? 'alert' : 'status'}
          data-testid="export-status"
        >
          {state.kind === 'busy'
            ? 'Exporting…'
            : state.kind === 'done' || state.kind === 'failed'
              ? state.text
              : ''}
        </p>
        {state.kind === 'failed' && state.privacy && mayDecide(person, current) && (
          <PrivacyDecisionForm
            release={current}
            onDecided={(next) => {
              setCurrent(next);
              // The editor takes the release as stored now, as after an export.
              onExported(next);
              setState({
                kind: 'done',
                text: 'Your decision is recorded: someone other than you can now make this export.',
              });
            }}
          />
        )}
        <div className="dialog-actions">
          <button type="submit" className="button-primary" disabled={state.kind === 'busy'}>
            {final ? 'Export final' : 'Export draft'}
          </button>
          <button type="button" onClick={() => void copy()}>
            Copy as rich text
          </button>
          <button type="button" className="button-quiet" onClick={onClose}>
            Close
          </button>
        </div>
      </form>
    </dialog>
  );
}

function describeOutcome(outcome: { draft: boolean; published: boolean }): string {
  if (outcome.draft) return ', marked as a draft.';
  return outcome.published ? '. The export is recorded and the release is published.' : '.';
}
