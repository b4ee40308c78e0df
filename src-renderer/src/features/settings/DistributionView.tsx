import { useEffect, useId, useRef, useState } from 'react';
import { callApi } from '../../api';
import type { DistributionList } from '../../../../src-shared/distribution/distribution';
import { ScreenTopBar } from '../screen/ScreenTopBar';
import './settings.css';
import './distribution.css';

type Note = { kind: 'ok' | 'error'; text: string; lines?: string[] } | null;

/**
 * The workspace's distribution list (issue 16, item 3): the journalists email drafts go to, a CSV import, and the
 * do-not-contact list that is checked before every draft. Shared with colleagues: every change is kept as this
 * computer's own record, and the list shows everyone's.
 */
export function DistributionView({ onClose }: { onClose: () => void }) {
  const id = useId();
  const [list, setList] = useState<DistributionList | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [importNote, setImportNote] = useState<Note>(null);
  const [contactNote, setContactNote] = useState<Note>(null);
  const [blockNote, setBlockNote] = useState<Note>(null);
  const [contact, setContact] = useState({ name: '', outlet: '', email: '' });
  const [block, setBlock] = useState({ value: '', reason: '' });
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void callApi('distribution.list', {}).then((result) => {
      if (result.ok) setList(result.value);
      else setLoadError(result.error.message);
    });
  }, []);

  async function importFile(file: File) {
    setImportNote(null);
    if (file.size > 2 * 1024 * 1024) {
      setImportNote({
        kind: 'error',
        text: `${file.name} is larger than 2 MB: split it into smaller files.`,
      });
      return;
    }
    setBusy(true);
    const result = await callApi('distribution.importCsv', { text: await file.text() });
    setBusy(false);
    if (fileInput.current) fileInput.current.value = '';
    if (!result.ok) return setImportNote({ kind: 'error', text: result.error.message });
    setList(result.value.list);
    const { added, updated, rejected } = result.value;
    const parts = [
      `${added} ${added === 1 ? 'contact' : 'contacts'} added`,
      ...(updated > 0 ? [`${updated} updated`] : []),
      ...(rejected.length > 0
        ? [`${rejected.length} ${rejected.length === 1 ? 'row' : 'rows'} left out`]
        : []),
    ];
    setImportNote({
      kind: rejected.length > 0 ? 'error' : 'ok',
      text: `From ${file.name}: ${parts.join(', ')}.`,
      lines: rejected.map((row) => row.message),
    });
  }

  async function addContact() {
    setContactNote(null);
    const result = await callApi('distribution.addContact', contact);
    if (!result.ok) return setContactNote({ kind: 'error', text: result.error.message });
    setList(result.value);
    setContact({ name: '', outlet: '', email: '' });
    setContactNote({ kind: 'ok', text: `${contact.email.trim()} is on the list.` });
  }

  async function removeContact(contactId: string, email: string) {
    const result = await callApi('distribution.removeContact', { id: contactId });
    if (!result.ok) return setContactNote({ kind: 'error', text: result.error.message });
    setList(result.value);
    setContactNote({ kind: 'ok', text: `${email} was taken off the list.` });
  }

  async function addBlock() {
    setBlockNote(null);
    const result = await callApi('distribution.addDoNotContact', block);
    if (!result.ok) return setBlockNote({ kind: 'error', text: result.error.message });
    setList(result.value);
    setBlock({ value: '', reason: '' });
    setBlockNote({ kind: 'ok', text: `${block.value.trim()} will not be emailed.` });
  }

  async function removeBlock(entryId: string, value: string) {
    const result = await callApi('distribution.removeDoNotContact', { id: entryId });
    if (!result.ok) return setBlockNote({ kind: 'error', text: result.error.message });
    setList(result.value);
    setBlockNote({ kind: 'ok', text: `${value} was taken off the do-not-contact list.` });
  }

  const refusedCount = list?.contacts.filter((each) => each.refusedBecause !== null).length ?? 0;

  return (
    <div className="profile-page distribution-page">
      <ScreenTopBar backLabel="← Releases" onBack={onClose}>
        <span className="app-name">Distribution list</span>
      </ScreenTopBar>
      <main className="profile-main">
        <div className="profile-column distribution-column">
          <h1 className="profile-heading">Distribution list</h1>
          <p className="profile-intro">
            The journalists email drafts of a release go to. Everyone who opens this workspace sees the same
            list. Anyone on the do-not-contact list is left out of every draft.
          </p>
          {loadError && (
            <p className="notice notice-error" role="alert">
              {loadError}
            </p>
          )}
          {list && list.problems.length > 0 && (
            <div className="notice notice-warning" role="note">
              {list.problems.map((problem) => (
                <p key={problem}>{problem}</p>
              ))}
            </div>
          )}

          <section className="form-section" aria-labelledby={`${id}-import`}>
            <h2 id={`${id}-import`}>Import contacts from a CSV file</h2>
            <p className="hint" id={`${id}-import-hint`}>
              A spreadsheet saved as CSV, with columns headed Name, Outlet and Email (in any order). Contacts
              already on the list are updated; rows that cannot be read are listed here.
            </p>
            <div className="field">
              <label htmlFor={`${id}-csv`}>CSV file</label>
              <input
                ref={fileInput}
                id={`${id}-csv`}
                type="file"
                accept=".csv,text/csv"
                aria-describedby={`${id}-import-hint`}
                disabled={busy}
                onChange={(event) => {
                  const file = event.target.files?.[0];
                  if (file) void importFile(file);
                }}
              />
            </div>
            <NoteView note={importNote} testId="import-status" />
          </section>

          <section className="form-section" aria-labelledby={`${id}-contacts`}>
            <h2 id={`${id}-contacts`}>Contacts{list ? ` (${list.contacts.length})` : ''}</h2>
            {list && list.contacts.length === 0 && (
              <p className="contacts-empty">No contacts yet. Import a CSV file or add someone below.</p>
            )}
            {list && list.contacts.length > 0 && (
              <>
                {refusedCount > 0 && (
                  <p className="hint">
                    {refusedCount} {refusedCount === 1 ? 'contact is' : 'contacts are'} on the do-not-contact
                    list and will not be emailed.
                  </p>
                )}
                <div className="distribution-table-wrap">
                  <table className="release-table distribution-table" data-testid="distribution-contacts">
                    <thead>
                      <tr>
                        <th scope="col">Name</th>
                        <th scope="col">Outlet</th>
                        <th scope="col">Email</th>
                        <th scope="col">
                          <span className="visually-hidden">Actions</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {list.contacts.map((each) => (
                        <tr key={each.id} className={each.refusedBecause ? 'is-refused' : undefined}>
                          <td>{each.name || '—'}</td>
                          <td>{each.outlet || '—'}</td>
                          <td>
                            <span className="distribution-email">
                              <EmailAddress address={each.email} />
                            </span>
                            {each.refusedBecause && (
                              <span className="distribution-refused">Not emailed: {each.refusedBecause}</span>
                            )}
                          </td>
                          <td>
                            <button
                              type="button"
                              className="button-quiet button-danger"
                              onClick={() => void removeContact(each.id, each.email)}
                            >
                              Remove<span className="visually-hidden"> {each.email}</span>
                            </button>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
            <form
              className="distribution-add"
              onSubmit={(event) => {
                event.preventDefault();
                void addContact();
              }}
            >
              <h3>Add a contact</h3>
              <div className="distribution-grid">
                <div className="field">
                  <label htmlFor={`${id}-name`}>Name</label>
                  <input
                    id={`${id}-name`}
                    value={contact.name}
                    autoComplete="off"
                    onChange={(event) => setContact({ ...contact, name: event.target.value })}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`${id}-outlet`}>Outlet</label>
                  <input
                    id={`${id}-outlet`}
                    value={contact.outlet}
                    autoComplete="off"
                    onChange={(event) => setContact({ ...contact, outlet: event.target.value })}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`${id}-email`}>Email address</label>
                  <input
                    id={`${id}-email`}
                    type="email"
                    value={contact.email}
                    autoComplete="off"
                    spellCheck={false}
                    onChange={(event) => setContact({ ...contact, email: event.target.value })}
                  />
                </div>
              </div>
              <button type="submit">Add contact</button>
              <NoteView note={contactNote} testId="contact-status" />
            </form>
          </section>

          <section className="form-section" aria-labelledby={`${id}-block`}>
            <h2 id={`${id}-block`}>Do not contact</h2>
            <p className="hint">
              An address (jo@example.co.uk), everyone at a domain (@example.co.uk) or an outlet by name.
              Checked before every email draft.
            </p>
            {list && list.doNotContact.length > 0 && (
              <ul className="distribution-blocks" data-testid="do-not-contact">
                {list.doNotContact.map((entry) => (
                  <li key={entry.id}>
                    <span>
                      <strong>{entry.value}</strong>
                      {entry.reason ? ` — ${entry.reason}` : ''}
                      <span className="distribution-by"> (added by {entry.addedBy.name})</span>
                    </span>
                    <button
                      type="button"
                      className="button-quiet button-danger"
                      onClick={() => void removeBlock(entry.id, entry.value)}
                    >
                      Remove<span className="visually-hidden"> {entry.value}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <form
              className="distribution-add"
              onSubmit={(event) => {
                event.preventDefault();
                void addBlock();
              }}
            >
              <div className="distribution-grid">
                <div className="field">
                  <label htmlFor={`${id}-block-value`}>Address, domain or outlet</label>
                  <input
                    id={`${id}-block-value`}
                    value={block.value}
                    autoComplete="off"
                    spellCheck={false}
                    onChange={(event) => setBlock({ ...block, value: event.target.value })}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`${id}-block-reason`}>Reason (optional)</label>
                  <input
                    id={`${id}-block-reason`}
                    value={block.reason}
                    autoComplete="off"
                    onChange={(event) => setBlock({ ...block, reason: event.target.value })}
                  />
                </div>
              </div>
              <button type="submit">Add to do-not-contact list</button>
              <NoteView note={blockNote} testId="block-status" />
            </form>
          </section>
        </div>
      </main>
    </div>
  );
}

/** "ann@kentecho.example", allowed to break after the @ and nowhere else. */
function EmailAddress({ address }: { address: string }) {
  const at = address.lastIndexOf('@');
  if (at <= 0) return <>{address}</>;
  return (
    <>
      {address.slice(0, at + 1)}
      <wbr />
      {address.slice(at + 1)}
    </>
  );
}

function NoteView({ note, testId }: { note: Note; testId: string }) {
  return (
    <div
      className="distribution-note"
      role={note?.kind === 'error' ? 'alert' : 'status'}
      data-testid={testId}
    >
      {note && (
        <>
          <p className={note.kind === 'error' ? 'error-message' : undefined}>{note.text}</p>
          {note.lines && note.lines.length > 0 && (
            <ul className="distribution-rejected">
              {note.lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
