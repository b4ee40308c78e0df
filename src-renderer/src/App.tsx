import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { LibraryView } from './features/library/LibraryView';
import { DISTRIBUTION_HASH } from './features/settings/DistributionLink';
import { callApi } from './api';
import { RecoveryNotice } from './RecoveryNotice';
import type { HistoryTab } from './features/history/HistoryView';
import type { WorkspaceDescription } from '../../src-shared/api/contract';
import type { Person } from '../../src-shared/workflow/workflow';
import { IdentityDialog } from './features/review/IdentityDialog';
import { SessionContext } from './features/review/session';
import { DesktopIntegration } from './DesktopIntegration';
import { OpeningScreen } from './OpeningScreen';

// The library is what the window opens on; every other screen is loaded when first opened, so that the window
// starts with less code to read (each of these modules must only ever be imported through here).
const EditorView = lazy(() =>
  import('./features/editor/EditorView').then((m) => ({ default: m.EditorView })),
);
const HistoryView = lazy(() =>
  import('./features/history/HistoryView').then((m) => ({ default: m.HistoryView })),
);
const ProfileView = lazy(() =>
  import('./features/settings/ProfileView').then((m) => ({ default: m.ProfileView })),
);
const DistributionView = lazy(() =>
  import('./features/settings/DistributionView').then((m) => ({ default: m.DistributionView })),
);
const NewsroomView = lazy(() =>
  import('./features/newsroom/NewsroomView').then((m) => ({ default: m.NewsroomView })),
);
const EmbargoView = lazy(() =>
  import('./features/embargo/EmbargoView').then((m) => ({ default: m.EmbargoView })),
);

/** `#/release/<id>` opens the editor, so a reload (or the browser's back button) returns to the same place. */
function readRoute():
  | { view: 'library' }
  | { view: 'editor'; id: string }
  | { view: 'history'; id: string; tab: HistoryTab }
  | { view: 'newsroom' }
  | { view: 'profile' }
  | { view: 'distribution' }
  | { view: 'embargo'; id: string | null } {
  if (window.location.hash === '#/profile') return { view: 'profile' };
  if (window.location.hash === DISTRIBUTION_HASH) return { view: 'distribution' };
  if (window.location.hash === '#/newsroom') return { view: 'newsroom' };
  const embargo = /^#\/embargo(?:\/([A-Za-z0-9_-]+))?$/.exec(window.location.hash);
  if (embargo) return { view: 'embargo', id: embargo[1] ?? null };
  const history = /^#\/release\/([A-Za-z0-9_-]+)\/history(\/audit)?$/.exec(window.location.hash);
  if (history) return { view: 'history', id: history[1]!, tab: history[2] ? 'audit' : 'versions' };
  const match = /^#\/release\/([A-Za-z0-9_-]+)$/.exec(window.location.hash);
  return match ? { view: 'editor', id: match[1]! } : { view: 'library' };
}

export function App() {
  const [route, setRoute] = useState(readRoute);
  const [workspace, setWorkspace] = useState<WorkspaceDescription | null>(null);
  const [workspaceError, setWorkspaceError] = useState<string | null>(null);
  /** undefined while asking the main side; null when this person has not said who they are yet. */
  const [person, setPerson] = useState<Person | null | undefined>(undefined);
  const [changingIdentity, setChangingIdentity] = useState(false);

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
    void callApi('session.whoami', {}).then((result) => {
      if (result.ok) setPerson(result.value.person);
      else setWorkspaceError(result.error.message);
    });
  }, []);

  const identify = useCallback(async (details: { name: string; roles: Person['roles'] }) => {
    const result = await callApi('session.identify', details);
    if (!result.ok) return result.error.message;
    setPerson(result.value);
    setChangingIdentity(false);
    // The workspace's list of people now includes this person.
    const described = await callApi('workspace.describe', {});
    if (described.ok) setWorkspace(described.value);
    return null;
  }, []);
  const session = useMemo(
    () => (person ? { person, changeIdentity: () => setChangingIdentity(true) } : null),
    [person],
  );

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
  if (!workspace || person === undefined) return <main className="app-message">Opening workspace…</main>;
  if (person === null || !session) {
    return (
      <main className="app-message">
        <IdentityDialog current={null} onSubmit={identify} />
      </main>
    );
  }

  return (
    <SessionContext.Provider value={session}>
      {changingIdentity && (
        <IdentityDialog current={person} onSubmit={identify} onCancel={() => setChangingIdentity(false)} />
      )}
      <Suspense fallback={<OpeningScreen />}>{renderRoute()}</Suspense>
      <DesktopIntegration onOpen={openRelease} />
    </SessionContext.Provider>
  );

  function renderRoute() {
    if (!workspace) return null;

    if (route.view === 'history') return <HistoryView key={route.id} id={route.id} tab={route.tab} />;
    if (route.view === 'embargo') return <EmbargoView releaseId={route.id} onClose={openLibrary} />;
    if (route.view === 'newsroom') {
      return <NewsroomView organisation={workspace.profile.name} onClose={openLibrary} />;
    }
    if (route.view === 'distribution') return <DistributionView onClose={openLibrary} />;
    if (route.view === 'profile') {
      return <ProfileView workspace={workspace} onSaved={setWorkspace} onClose={openLibrary} />;
    }
    return route.view === 'editor' ? (
      <EditorView
        key={route.id}
        id={route.id}
        profile={workspace.profile}
        settings={workspace.settings}
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
}
