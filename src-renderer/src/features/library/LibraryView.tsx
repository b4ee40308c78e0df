import { useEffect, useState } from 'react';
import { callApi } from '../../api';
import type { WorkspaceDescription } from '../../../../src-shared/api/contract';
import {
  RELEASE_STATUS_LABELS,
  RELEASE_TYPE_LABELS,
  RELEASE_TYPES,
  type ReleaseSummary,
  type ReleaseType,
} from '../../../../src-shared/release/schema';

const changedFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

export function LibraryView({
  workspace,
  onOpen,
}: {
  workspace: WorkspaceDescription;
  onOpen: (id: string) => void;
}) {
  const [releases, setReleases] = useState<ReleaseSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [newType, setNewType] = useState<ReleaseType>('news-release');
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    void callApi('releases.list', {}).then((result) => {
      if (result.ok) setReleases(result.value);
      else setError(result.error.message);
    });
  }, []);

  async function createRelease() {
    setCreating(true);
    const result = await callApi('releases.create', { type: newType });
    setCreating(false);
    if (result.ok) onOpen(result.value.id);
    else setError(result.error.message);
  }

  return (
    <div className="library">
      <header className="topbar">
        <div className="topbar-title">
          <span className="app-name">Pressroom</span>
          <span className="workspace-name">{workspace.profile.name}</span>
        </div>
        <form
          className="new-release"
          onSubmit={(event) => {
            event.preventDefault();
            void createRelease();
          }}
        >
          <label htmlFor="new-release-type">Release type</label>
          <select
            id="new-release-type"
            value={newType}
            onChange={(event) => setNewType(event.target.value as ReleaseType)}
          >
            {RELEASE_TYPES.map((type) => (
              <option key={type} value={type}>
                {RELEASE_TYPE_LABELS[type]}
              </option>
            ))}
          </select>
          <button type="submit" className="button-primary" disabled={creating}>
            New release
          </button>
        </form>
      </header>

      <main className="library-main">
        {workspace.problems.length > 0 && (
          <section className="notice notice-warning" aria-labelledby="problems-title">
            <h2 id="problems-title">Some files in this workspace could not be read</h2>
            <p>They were left untouched or moved aside; everything else works as normal.</p>
            <ul>
              {workspace.problems.map((problem) => (
                <li key={problem.file}>
                  <strong>{problem.file}</strong>: {problem.message}
                  {problem.movedTo ? ` (moved to ${problem.movedTo})` : ''}
                </li>
              ))}
            </ul>
          </section>
        )}
        {error && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}
        <h1 className="library-heading">Releases</h1>
        {releases === null ? (
          <p>Loading releases…</p>
        ) : releases.length === 0 ? (
          <div className="empty-state">
            <h2>No releases yet</h2>
            <p>
              Choose a release type above and press “New release”. The form leads you through each section.
            </p>
          </div>
        ) : (
          <table className="release-table">
            <thead>
              <tr>
                <th scope="col">Headline</th>
                <th scope="col">Type</th>
                <th scope="col">Status</th>
                <th scope="col">Last change</th>
              </tr>
            </thead>
            <tbody>
              {releases.map((release) => (
                <tr key={release.id}>
                  <td>
                    <button type="button" className="link-button" onClick={() => onOpen(release.id)}>
                      {release.headline.trim() || 'Untitled release'}
                    </button>
                  </td>
                  <td>{RELEASE_TYPE_LABELS[release.type]}</td>
                  <td>
                    <span className={`status status-${release.status}`}>
                      {RELEASE_STATUS_LABELS[release.status]}
                    </span>
                  </td>
                  <td>
                    <time dateTime={release.updatedAt}>
                      {changedFormat.format(new Date(release.updatedAt))}
                    </time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </main>
    </div>
  );
}
