import { useEffect, useState } from 'react';
import { callApi } from './api';
import type { RecoverableEdit } from '../../src-shared/api/contract';

/**
 * On start, and whenever the library is shown: edits that never reached a release file (a crash, a killed
 * window, a refused save) are listed here, so that they are offered back even if the writer does not reopen
 * that release by chance. Opening the release shows its own Restore / Discard choice.
 */
export function RecoveryNotice({ onOpen }: { onOpen: (id: string) => void }) {
  const [edits, setEdits] = useState<RecoverableEdit[]>([]);
  useEffect(() => {
    void callApi('recovery.list', {}).then((result) => {
      if (result.ok) setEdits(result.value);
    });
  }, []);
  if (edits.length === 0) return null;
  return (
    <section className="recovery-notice" role="alert" aria-labelledby="recovery-notice-title">
      <h2 id="recovery-notice-title">
        Unsaved edits were found for {edits.length === 1 ? 'one release' : `${edits.length} releases`}
      </h2>
      <p>They never reached the release file. Open a release to restore or discard its edits.</p>
      <ul>
        {edits.map((edit) => (
          <li key={edit.release.id}>
            <button type="button" className="link-button" onClick={() => onOpen(edit.release.id)}>
              {edit.release.headline.trim() || 'Untitled release'}
            </button>{' '}
            <span className="hint">
              (edited{' '}
              {new Date(edit.stashedAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}
              {edit.currentRevision === null ? '; the release has since been deleted' : ''})
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
