import type { SaveSummary } from '../../../../src-shared/workflow/review-records';
import type { Choice, Loadable } from './CompareView';
import { formatWhen, formatWhenFull, plural, savedBy, saveWhyLabel, statusLabel } from './history-format';

export interface SavesState {
  saves: SaveSummary[];
  total: number;
  /** The `before` of the next, older page; null when the first save is shown. */
  older: string | null;
}

export const saveChoice = (save: Pick<SaveSummary, 'id'>): Choice => `s:${save.id}`;

/**
 * Every save of the release (issue 12), newest first, a page at a time: each revision with when, who, on which
 * computer and why, whether it is current, its text on request, a compare with the current text and a restore.
 */
export function SavesList({
  state,
  loadingOlder,
  from,
  to,
  texts,
  onShowOlder,
  onToggleText,
  onCompare,
  onRestore,
  restoreDisabled,
  creator,
}: {
  state: Loadable<SavesState>;
  loadingOlder: boolean;
  from: Choice;
  to: Choice;
  /** The text of each save whose text is open, by save id. */
  texts: Record<string, Loadable<string>>;
  onShowOlder: () => void;
  onToggleText: (save: SaveSummary) => void;
  onCompare: (save: SaveSummary) => void;
  onRestore: (save: SaveSummary) => void;
  restoreDisabled: boolean;
  /** Who created the release (from the audit trail), for a first save that did not record its writer. */
  creator: string | null;
}) {
  if (state.state === 'loading') {
    return (
      <p className="compare-status" role="status">
        Loading the saves…
      </p>
    );
  }
  if (state.state === 'error') {
    return (
      <p className="notice notice-error" role="alert">
        {state.message}
      </p>
    );
  }
  const { saves, total, older } = state.value;
  const currents = saves.filter((save) => save.current && !save.problem).length;
  const remaining = total - saves.length;
  return (
    <>
      <p className="hint history-intro">
        Every save of this release, on any computer, newest first (
        {total === saves.length
          ? plural(total, 'save')
          : `${saves.length.toLocaleString('en-GB')} of ${plural(total, 'save')} shown`}
        ).
      </p>
      <ol className="version-list save-list">
        {saves.map((save) => {
          const choice = saveChoice(save);
          const text = texts[save.id];
          const label = `revision ${save.revision}`;
          const canCompare = !(from === choice && to === 'current') && !(save.current && currents === 1);
          return (
            <li
              key={save.id}
              className={`version-item save-item${from === choice || to === choice ? ' version-item-compared' : ''}${save.current ? ' save-item-current' : ''}`}
              data-revision={save.revision}
              data-save={save.id}
            >
              <div className="version-head">
                <h3 className="version-title">Revision {save.revision}</h3>
                {save.problem ? (
                  <span className="version-reason save-problem-tag">Cannot be read</span>
                ) : (
                  <span className="version-reason" title={save.source ? `From ${save.source}` : undefined}>
                    {saveWhyLabel(save)}
                  </span>
                )}
                {save.current && !save.problem && (
                  <span className="save-current-tag">
                    {currents > 1 ? 'One of the current versions' : 'Current text'}
                  </span>
                )}
              </div>
              {save.problem ? (
                <p className="version-meta save-problem">
                  Saved on {save.computer.name}. {save.problem}
                </p>
              ) : (
                <>
                  <p className="version-meta">
                    <time dateTime={save.savedAt} title={formatWhenFull(save.savedAt)}>
                      {formatWhen(save.savedAt)}
                    </time>{' '}
                    ·{' '}
                    {savedBy(
                      save.why === 'created' && !save.person && creator
                        ? { ...save, person: { id: '', name: creator } }
                        : save,
                    )}
                    {save.status && (
                      <>
                        {' '}
                        · <span className="visually-hidden">Status: </span>
                        {statusLabel(save.status)}
                      </>
                    )}
                  </p>
                  <p className="version-headline">
                    {save.deleted ? 'Moved to the bin. ' : ''}
                    {save.headline?.trim() || 'No headline'}
                  </p>
                  <button
                    type="button"
                    className="link-button save-text-toggle"
                    aria-expanded={text !== undefined}
                    aria-controls={`save-text-${save.id}`}
                    onClick={() => onToggleText(save)}
                  >
                    {text !== undefined ? 'Hide the text' : 'Show the text'}
                    <span className="visually-hidden"> ({label})</span>
                  </button>
                  {text !== undefined && (
                    <div id={`save-text-${save.id}`} className="save-text">
                      {text.state === 'ready' ? (
                        <pre className="save-text-body" tabIndex={0} aria-label={`Text of ${label}`}>
                          {text.value}
                        </pre>
                      ) : text.state === 'error' ? (
                        <p className="notice notice-error" role="alert">
                          {text.message}
                        </p>
                      ) : (
                        <p className="compare-status" role="status">
                          Loading the text…
                        </p>
                      )}
                    </div>
                  )}
                  {(from === choice || to === choice) && (
                    <p className="version-compare-mark">
                      {[from === choice && 'Comparing from', to === choice && 'Comparing to']
                        .filter(Boolean)
                        .join(' and ')}
                    </p>
                  )}
                  {(canCompare || !save.current) && (
                    <div className="version-actions">
                      {canCompare && (
                        <button type="button" onClick={() => onCompare(save)}>
                          Compare with current text
                          <span className="visually-hidden"> ({label})</span>
                        </button>
                      )}
                      {!save.current && (
                        <button type="button" onClick={() => onRestore(save)} disabled={restoreDisabled}>
                          Restore this text
                          <span className="visually-hidden"> ({label})</span>
                        </button>
                      )}
                    </div>
                  )}
                </>
              )}
            </li>
          );
        })}
      </ol>
      {older && remaining > 0 && (
        <div className="save-more">
          <button type="button" onClick={onShowOlder} disabled={loadingOlder}>
            {loadingOlder
              ? 'Loading older saves…'
              : `Show older saves (${remaining.toLocaleString('en-GB')} more)`}
          </button>
        </div>
      )}
    </>
  );
}
