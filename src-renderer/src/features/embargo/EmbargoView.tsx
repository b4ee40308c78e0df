import { useCallback, useEffect, useId, useState } from 'react';
import { callApi } from '../../api';
import type { ReleaseSummary } from '../../../../src-shared/release/schema';
import {
  COPY_FORMAT_LABELS,
  COPY_FORMATS,
  type CopyFormat,
  type CopyRecord,
  type MakeCopiesOutcome,
  type TraceOutcome,
} from '../../../../src-shared/embargo/embargo-api';
import { isEmbargoActive } from '../../../../src-shared/render/format-date';
import { parseRecipientLines } from './recipient-lines';
import { TraceResult, formatMadeAt } from './TraceResult';
import { ScreenTopBar } from '../screen/ScreenTopBar';
import './embargo.css';

type Busy = 'idle' | 'making' | 'tracing';

/**
 * Recipients' embargoed copies and the trace of leaked text (issue 16, item 4): make a fingerprinted copy per
 * recipient of a release still under embargo, see the embargo register, and paste leaked text to learn whose copy
 * it came from.
 */
export function EmbargoView({ releaseId, onClose }: { releaseId: string | null; onClose: () => void }) {
  const id = useId();
  const [releases, setReleases] = useState<ReleaseSummary[] | null>(null);
  const [chosen, setChosen] = useState(releaseId ?? '');
  const [recipientText, setRecipientText] = useState('');
  const [formats, setFormats] = useState<CopyFormat[]>(['pdf', 'html']);
  const [folder, setFolder] = useState('');
  const [busy, setBusy] = useState<Busy>('idle');
  const [makeError, setMakeError] = useState<string | null>(null);
  const [made, setMade] = useState<MakeCopiesOutcome | null>(null);
  const [register, setRegister] = useState<CopyRecord[] | null>(null);
  const [leak, setLeak] = useState('');
  const [traceError, setTraceError] = useState<string | null>(null);
  const [traced, setTraced] = useState<TraceOutcome | null>(null);
  /** The workspace's distribution list, those who may be emailed now; null until read (or when there is none). */
  const [listed, setListed] = useState<Array<{ name: string; outlet: string; email: string }> | null>(null);
  const [leftOut, setLeftOut] = useState(0);

  const loadRegister = useCallback(async () => {
    const result = await callApi('embargo.register', {});
    if (result.ok) setRegister(result.value.copies);
  }, []);

  useEffect(() => {
    void callApi('releases.list', {}).then((result) => {
      if (!result.ok) return;
      const now = new Date();
      const embargoed = result.value.filter((release) => isEmbargoActive(release.embargo, now));
      setReleases(embargoed);
      setChosen((current) => current || embargoed[0]?.id || '');
    });
    void callApi('export.folder', {}).then((result) => {
      if (result.ok) setFolder((current) => current || `${result.value.folder}/Embargoed copies`);
    });
    void callApi('distribution.list', {}).then((result) => {
      if (!result.ok) return;
      // Nobody on the do-not-contact list is offered a copy.
      setListed(result.value.contacts.filter((contact) => contact.refusedBecause === null));
      setLeftOut(result.value.contacts.filter((contact) => contact.refusedBecause !== null).length);
    });
    void loadRegister();
  }, [loadRegister]);

  const addDistributionList = () => {
    if (!listed) return;
    const lines = listed.map((contact) =>
      [contact.name || contact.email, contact.outlet, contact.email].filter(Boolean).join(', '),
    );
    setRecipientText((current) => [current.trim(), ...lines].filter(Boolean).join('\n'));
  };

  const makeCopies = async () => {
    setMakeError(null);
    setMade(null);
    const parsed = parseRecipientLines(recipientText);
    if (!chosen) return setMakeError('Choose the release the copies are of.');
    if (parsed.problems.length > 0) return setMakeError(parsed.problems.join(' '));
    if (parsed.recipients.length === 0) return setMakeError('Add at least one recipient, one a line.');
    if (formats.length === 0) return setMakeError('Choose at least one format.');
    setBusy('making');
    const result = await callApi('embargo.makeCopies', {
      id: chosen,
      recipients: parsed.recipients,
      formats,
      folder,
    });
    setBusy('idle');
    if (!result.ok) return setMakeError(result.error.message);
    setMade(result.value);
    void loadRegister();
  };

  const trace = async () => {
    setTraceError(null);
    setTraced(null);
    if (leak.trim() === '') return setTraceError('Paste the leaked text first.');
    setBusy('tracing');
    const result = await callApi('embargo.trace', { text: leak });
    setBusy('idle');
    if (!result.ok) return setTraceError(result.error.message);
    setTraced(result.value);
  };

  return (
    <div className="embargo-screen">
      <ScreenTopBar backLabel="← Releases" onBack={onClose}>
        <span className="app-name">Embargoed copies</span>
      </ScreenTopBar>
      <main className="embargo-main">
        <h1 className="embargo-heading">Embargoed copies and leaks</h1>
        <p className="embargo-intro">
          Each recipient gets their own copy, marked “Embargoed copy for” them and carrying an invisible
          fingerprint. If the text appears before the embargo lifts, paste it below to see whose copy it came
          from.
        </p>

        <section className="form-section" aria-labelledby={`${id}-trace`}>
          <h2 id={`${id}-trace`}>Trace leaked text</h2>
          <div className="field">
            <label htmlFor={`${id}-leak`}>Leaked text</label>
            <p className="hint" id={`${id}-leak-hint`}>
              Paste a paragraph or more, as it appeared (from a web page, a PDF or an email). One paragraph is
              usually enough.
            </p>
            <textarea
              id={`${id}-leak`}
              aria-describedby={`${id}-leak-hint`}
              rows={6}
              value={leak}
              onChange={(event) => setLeak(event.target.value)}
            />
          </div>
          <button
            type="button"
            className="button-primary"
            disabled={busy !== 'idle'}
            onClick={() => void trace()}
          >
            {busy === 'tracing' ? 'Tracing…' : 'Trace'}
          </button>
          {traceError && (
            <p className="notice notice-error" role="alert">
              {traceError}
            </p>
          )}
          <div role="status" aria-live="polite">
            {traced && <TraceResult outcome={traced} />}
          </div>
        </section>

        <section className="form-section" aria-labelledby={`${id}-make`}>
          <h2 id={`${id}-make`}>Make recipients’ copies</h2>
          {releases && releases.length === 0 ? (
            <p>No release is under embargo now. Copies are only made before a release’s embargo lifts.</p>
          ) : (
            <>
              <div className="field">
                <label htmlFor={`${id}-release`}>Release</label>
                <select
                  id={`${id}-release`}
                  value={chosen}
                  onChange={(event) => setChosen(event.target.value)}
                >
                  {(releases ?? []).map((release) => (
                    <option key={release.id} value={release.id}>
                      {release.headline || 'Untitled release'}
                      {release.status === 'approved' || release.status === 'published' ? '' : ' (draft)'}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-recipients`}>Recipients</label>
                <p className="hint" id={`${id}-recipients-hint`}>
                  One a line: name, outlet, email. For example: Jane Smith, The Northshire Echo,
                  jane.smith@example.org
                </p>
                {listed && listed.length > 0 && (
                  <p className="embargo-list-row">
                    <button type="button" onClick={addDistributionList}>
                      Add the distribution list (
                      {listed.length === 1 ? '1 contact' : `${listed.length} contacts`})
                    </button>
                    {leftOut > 0 && (
                      <span className="hint">
                        {leftOut === 1 ? '1 contact is' : `${leftOut} contacts are`} on the do-not-contact
                        list and left out.
                      </span>
                    )}
                  </p>
                )}
                <textarea
                  id={`${id}-recipients`}
                  aria-describedby={`${id}-recipients-hint`}
                  rows={5}
                  value={recipientText}
                  onChange={(event) => setRecipientText(event.target.value)}
                />
              </div>
              <fieldset>
                <legend>Formats</legend>
                {COPY_FORMATS.map((format) => (
                  <label key={format} className="checkbox">
                    <input
                      type="checkbox"
                      checked={formats.includes(format)}
                      onChange={(event) =>
                        setFormats((current) =>
                          event.target.checked
                            ? COPY_FORMATS.filter((each) => each === format || current.includes(each))
                            : current.filter((each) => each !== format),
                        )
                      }
                    />
                    {COPY_FORMAT_LABELS[format]}
                  </label>
                ))}
              </fieldset>
              <div className="field">
                <label htmlFor={`${id}-folder`}>Folder for the copies</label>
                <input
                  id={`${id}-folder`}
                  className="input-wide"
                  value={folder}
                  onChange={(event) => setFolder(event.target.value)}
                />
              </div>
              <button
                type="button"
                className="button-primary"
                disabled={busy !== 'idle'}
                onClick={() => void makeCopies()}
              >
                {busy === 'making' ? 'Making copies…' : 'Make copies'}
              </button>
              {makeError && (
                <p className="notice notice-error" role="alert">
                  {makeError}
                </p>
              )}
              {made && (
                <p className="notice embargo-made" role="status">
                  {made.copies.length === 1 ? '1 copy' : `${made.copies.length} copies`} made in {made.folder}
                  {made.draft ? ', marked DRAFT — NOT APPROVED' : ''}. Each says whose copy it is, under “
                  {made.embargoLine}”.
                </p>
              )}
            </>
          )}
        </section>

        <section className="form-section" aria-labelledby={`${id}-register`}>
          <h2 id={`${id}-register`}>Embargo register</h2>
          {register === null ? (
            <p>Reading the register…</p>
          ) : register.length === 0 ? (
            <p>No copies made yet.</p>
          ) : (
            <div className="embargo-table-wrap">
              <table className="release-table embargo-register">
                <thead>
                  <tr>
                    <th scope="col">Recipient</th>
                    <th scope="col">Format</th>
                    <th scope="col">Release</th>
                    <th scope="col">Made</th>
                    <th scope="col">Embargo lifts</th>
                    <th scope="col">Fingerprint</th>
                  </tr>
                </thead>
                <tbody>
                  {register.map((copy) => (
                    <tr key={copy.fingerprint}>
                      <td data-label="Recipient">
                        <span>
                          {copy.recipient}
                          {copy.outlet ? <span className="embargo-outlet">{copy.outlet}</span> : null}
                        </span>
                      </td>
                      <td data-label="Format">
                        {COPY_FORMAT_LABELS[copy.format as CopyFormat] ?? copy.format}
                      </td>
                      <td data-label="Release">
                        {copy.headline}
                        {copy.draft ? ' (draft)' : ''}
                      </td>
                      <td data-label="Made">
                        {formatMadeAt(copy.madeAt)} by {copy.madeBy}
                      </td>
                      <td data-label="Embargo lifts">{copy.liftUk}</td>
                      <td data-label="Fingerprint" className="embargo-fingerprint">
                        {copy.fingerprint}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </main>
    </div>
  );
}
