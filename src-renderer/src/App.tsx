import { useCallback, useEffect, useState } from 'react';
import { LibraryView } from './features/library/LibraryView';
import { EditorView } from './features/editor/EditorView';
import { ProfileView } from './features/settings/ProfileView';
import { callApi } from './api';
import { RecoveryNotice } from './RecoveryNotice';
import type { WorkspaceDescription } from '../../src-shared/api/contract';

/** `#/release/<id>` opens the editor, so a reload (or the browser's back button) returns to the same place. */
function readRoute(): { view: 'library' } | { view: 'editor'; id: string } | { view: 'profile' } {
  if (window.location.hash === '#/profile') return { view: 'profile' };
  const match = /^#\/release\/([A-Za-z0-9_-]+)$/.exec(window.location.hash);
  return match ? { view: 'editor', id: match[1]! } : { view: 'library' };
}

export function App() {
  const [route, setRoute] = useState(readRoute);
  const [workspace, setWorkspace] = useState<WorkspaceDescription | null>(null);
  const [workspaceError, setWorkspaceError] = useState<string | null>(null);

  useEffect(() => {
    const onHashChange = () => setRoute(readRoute());
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  useEffect(() => {
    void callApi('workspace.describe', {}).then((result) => {
      if (result.ok) setWorkspace(result.value);
      else setWorkspaceError(result.error.message);
    });
  }, []);

  const openRelease = useCallback((id: string) => {
    window.location.hash = `#/release/${id}`;
  }, []);
  const openLibrary = useCallback(() => {
    window.location.hash = '';
  }, []);

  if (workspaceError) {
    return (
      <main className="app-message" role="alert">
        <h1>Pressroom cannot open its workspace</h1>
        <p>{workspaceError}</p>
      </main>
    );
  }
  if (!workspace) return <main className="app-message">Opening workspace…</main>;

  if (route.view === 'profile') {
    return <ProfileView workspace={workspace} onSaved={setWorkspace} onClose={openLibrary} />;
  }
  return route.view === 'editor' ? (
    <EditorView
      key={route.id}
      id={route.id}
      profile={workspace.profile}
      logoDataUrl={workspace.logoDataUrl}
      onClose={openLibrary}
    />
  ) : (
    <>
      <RecoveryNotice onOpen={openRelease} />
      <LibraryView workspace={workspace} onOpen={openRelease} />
    </>
  );
}
