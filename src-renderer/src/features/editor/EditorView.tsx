import { useCallback, useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { callApi } from '../../api';
import { ExportDialog } from '../export/ExportDialog';
import { PreviewPane, type PreviewView } from '../preview/PreviewPane';
import { CommentsContext, CommentsOverview, useComments } from '../review/comments';
import { ConflictDialog } from '../review/ConflictDialog';
import { saveReleaseFile } from '../review/release-file';
import { ReviewStrip } from '../review/ReviewStrip';
import { withdrawnOf } from '../../../../src-shared/workflow/published-records';
import { useWorkflowActions } from '../review/useWorkflowActions';
import { PresenceBanner, usePresence } from '../shared-workspace';
import { focusField, previewMarkToFormPath } from './field-ids';
import { EditorBanners } from './EditorBanners';
import { FindingsProvider } from './FindingsContext';
import { LapseWarning, type LapseGuard } from './LapseWarning';
import { useControlsOwnForms } from './own-forms';
import { RecoveryBanner } from './RecoveryBanner';
import { DocumentTitle } from './DocumentTitle';
import { contentOf } from './release-content';
import { ReleaseSections } from './ReleaseForm';
import { formSections } from './kinds/form-plan';
import { SaveIndicator } from './SaveIndicator';
import { FindingsSummary, SectionNav } from './SectionNav';
import { useAutosave, useSavedRelease, type SavedRelease } from './useAutosave';
import { useColleagueSaves } from './useColleagueSaves';
import { useEditorShortcuts } from './useEditorShortcuts';
import { usePreviewWidth } from './usePreviewWidth';
import { useUndoHistory } from './useUndoHistory';
import { sameDecision, TwoVersions } from './versions/TwoVersions';
import { useReleaseVersions } from './versions/useReleaseVersions';
import type { RecoverableEdit } from '../../../../src-shared/api/contract';
import type {
  OrganisationProfile,
  Release,
  ReleaseContent,
  WorkspaceSettings,
} from '../../../../src-shared/release/schema';
import { RELEASE_TEMPLATES } from '../../../../src-shared/release/templates';
import './editor.css';
import { CopyOfTag } from '../library/CopyOfTag';
import '../review/review.css';

/**
 * The editor of one release: top bar, review strip, notices, and three columns (sections, form, preview). The
 * parts live beside it: the form (ReleaseForm), saving (useAutosave, SaveIndicator), colleagues' saves
 * (useColleagueSaves), keys (useEditorShortcuts), the preview's width (usePreviewWidth), recovery
 * (RecoveryBanner), and the workflow (review/ReviewStrip, review/useWorkflowActions).
 */
export function EditorView({
  id,
  profile,
  settings,
  logoDataUrl,
  onClose,
}: {
  id: string;
  profile: OrganisationProfile;
  settings: WorkspaceSettings;
  logoDataUrl: string | null;
  onClose: () => void;
}) {
  const [loaded, setLoaded] = useState<{ release: Release; recovery: RecoverableEdit | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const comments = useComments(id);

  useEffect(() => {
    // The list first: it answers once this computer's saves still being written have landed (a reload right after
    // typing sends them as the page goes), so that the release read after it has them.
    void callApi('recovery.list', {})
      .then(async (recovery) => [await callApi('releases.get', { id }), recovery] as const)
      .then(([release, recovery]) => {
        if (!release.ok) {
          setError(release.error.message);
          return;
        }
        const stash = recovery.ok ? (recovery.value.find((r) => r.release.id === id) ?? null) : null;
        setLoaded({ release: release.value, recovery: stash });
      });
  }, [id]);

  if (error) {
    return (
      <main className="app-message" role="alert">
        <h1>This release could not be opened</h1>
        <p>{error}</p>
        <button type="button" onClick={onClose}>
          Back to the library
        </button>
      </main>
    );
  }
  if (!loaded) return <main className="app-message">Opening release…</main>;
  const editor = (
    <ReleaseEditor
      release={loaded.release}
      recovery={loaded.recovery}
      profile={profile}
      settings={settings}
      logoDataUrl={logoDataUrl}
      onClose={onClose}
    />
  );
  return <CommentsContext.Provider value={comments}>{editor}</CommentsContext.Provider>;
}

function ReleaseEditor({
  release,
  recovery,
  profile,
  settings,
  logoDataUrl,
  onClose,
}: {
  release: Release;
  recovery: RecoverableEdit | null;
  profile: OrganisationProfile;
  settings: WorkspaceSettings;
  logoDataUrl: string | null;
  onClose: () => void;
}) {
  const form = useForm<ReleaseContent>({ defaultValues: contentOf(release), mode: 'onChange' });
  const autosave = useAutosave(form, release);
  const { state, saveNow, savePending, markChanged, rebase, adopt, takeSaved, isAdopting, isIdle, saved } =
    autosave;
  const others = usePresence(release.id);
  const versions = useReleaseVersions(release.id, saved);
  const colleagues = useColleagueSaves({
    releaseId: release.id,
    saved,
    isIdle,
    takeSaved,
    settled: autosave.settled,
    onChanged: () => void versions.refresh(),
  });
  const history = useUndoHistory(form, markChanged, isAdopting);
  const { canUndo, canRedo } = history;
  // An undo, a redo or restoring recovered edits changes signed-off text too: the lapse warning asks first.
  const lapseGuard = useRef<LapseGuard>(null);
  const guarded = (edit: () => void) => () => {
    if (!lapseGuard.current?.holds(edit)) edit();
  };
  const undo = guarded(history.undo);
  const redo = guarded(history.redo);
  const [pendingRecovery, setPendingRecovery] = useState(recovery);
  const [view, setView] = useState<PreviewView>('desktop');
  const [narrowTab, setNarrowTab] = useState<'form' | 'preview'>('form');
  const template = RELEASE_TEMPLATES[release.header.type];
  const columns = useRef<HTMLDivElement>(null);
  const preview = usePreviewWidth(columns);
  const releaseForm = useRef<HTMLFormElement>(null);
  const ownForms = useRef<HTMLDivElement>(null);
  useControlsOwnForms(releaseForm, ownForms);

  async function close() {
    await saveNow();
    onClose();
  }

  const [comparing, setComparing] = useState(false);
  const [exporting, setExporting] = useState(false);
  const workflow = useWorkflowActions({
    releaseId: release.id,
    saved,
    savePending,
    isIdle,
    adopt,
    takeSaved,
    whileActing: autosave.whileActing,
  });

  const restoreRecovered = useCallback(() => {
    if (!pendingRecovery) return;
    // The recovered text goes on top of whatever is on disk now; the next save records it as a new revision.
    if (pendingRecovery.currentRevision !== null) rebase(pendingRecovery.currentRevision);
    form.reset(contentOf(pendingRecovery.release), { keepDefaultValues: true });
    setPendingRecovery(null);
    markChanged();
  }, [form, markChanged, pendingRecovery, rebase]);

  const discardRecovered = useCallback(() => {
    if (!pendingRecovery) return;
    void callApi('recovery.discard', { id: pendingRecovery.release.id });
    setPendingRecovery(null);
  }, [pendingRecovery]);

  useEditorShortcuts({ undo, redo, saveNow });

  return (
    <FindingsProvider form={form} profile={profile} saved={saved}>
      <DocumentTitle control={form.control} />
      <div className={`editor editor-tab-${narrowTab}`}>
        <a
          className="skip-link"
          href="#release-form"
          onClick={(event) => {
            // The app routes by the URL's hash: the link moves the focus instead of the route.
            event.preventDefault();
            setNarrowTab('form');
            requestAnimationFrame(() => document.getElementById('release-form')?.focus());
          }}
        >
          Skip to the form
        </a>
        <header className="topbar editor-topbar">
          <div className="topbar-title">
            <button type="button" className="button-quiet" onClick={() => void close()}>
              ← Library
            </button>
            <span className="template-name">{template.label}</span>
            <CopyOfTag copiedFrom={release.copiedFrom} className="editor-copy-of" />
            <button
              type="button"
              className="button-quiet"
              onClick={async () => {
                // The History screen compares what is on disk: the last keystrokes go there first.
                await savePending();
                window.location.hash = `#/release/${release.id}/history`;
              }}
            >
              History
            </button>
            <button
              type="button"
              className="button-quiet"
              title="One file with the release, its history, comments and audit trail, to send to a reviewer outside this workspace"
              onClick={async () => {
                await savePending();
                const problem = await saveReleaseFile(release.id);
                workflow.setNotice(problem ? { kind: 'error', text: problem } : null);
              }}
            >
              Save as release file
            </button>
            <button
              type="button"
              className="button-quiet"
              onClick={async () => {
                // An export is of the text on disk: the last keystrokes go there first.
                await savePending();
                setExporting(true);
              }}
            >
              Export…
            </button>
          </div>
          <div className="topbar-actions">
            <button
              type="button"
              className="button-quiet"
              onClick={undo}
              disabled={!canUndo}
              aria-keyshortcuts="Control+Z"
            >
              Undo
            </button>
            <button
              type="button"
              className="button-quiet"
              onClick={redo}
              disabled={!canRedo}
              aria-keyshortcuts="Control+Shift+Z"
            >
              Redo
            </button>
            <div className="narrow-tabs" role="group" aria-label="Show">
              <button type="button" aria-pressed={narrowTab === 'form'} onClick={() => setNarrowTab('form')}>
                Form
              </button>
              <button
                type="button"
                aria-pressed={narrowTab === 'preview'}
                onClick={() => setNarrowTab('preview')}
              >
                Preview
              </button>
            </div>
            <SaveIndicator
              state={state}
              onRetry={() => void saveNow()}
              onCompare={() => setComparing(true)}
            />
          </div>
        </header>
        {exporting && (
          <ExportDialog
            release={{ ...saved.current, ...form.getValues() }}
            profile={profile}
            onExported={(next) => adopt(next)}
            onClose={() => setExporting(false)}
          />
        )}
        {comparing && (
          <ConflictDialog
            releaseId={release.id}
            mine={form.getValues()}
            onClose={() => setComparing(false)}
            onKeepMine={async (theirs) => {
              // Theirs stays in History; mine goes on top of it as the next revision.
              const kept = await callApi('history.keep', { id: release.id });
              if (!kept.ok) {
                workflow.setNotice({ kind: 'error', text: kept.error.message });
                return;
              }
              rebase(theirs.revision);
              await saveNow();
              setComparing(false);
            }}
            onTakeTheirs={(theirs) => {
              takeSaved(theirs);
              setComparing(false);
            }}
          />
        )}
        <ReviewStrip saved={saved} settings={settings} busy={workflow.acting} onAct={workflow.act} />
        <LapseWarning saved={saved} profile={profile} formId="release-form" guard={lapseGuard} />
        {/* Most important first: what the person's own step did, then what needs a decision, then news. */}
        <EditorBanners>
          {workflow.notice && (
            <p
              className={`workflow-notice workflow-notice-${workflow.notice.kind}`}
              role={workflow.notice.kind === 'error' ? 'alert' : 'status'}
              data-testid="workflow-notice"
            >
              {workflow.notice.text}{' '}
              <button type="button" className="button-quiet" onClick={() => workflow.setNotice(null)}>
                Dismiss
              </button>
            </p>
          )}
          <TwoVersions
            state={versions}
            profile={profile}
            savePending={savePending}
            onSettled={(kept, said) => {
              takeSaved(kept);
              workflow.setNotice({ kind: 'done', text: said });
            }}
            onStanding={(standing) => {
              if (isIdle() && !sameDecision(saved.current, standing)) takeSaved(standing);
            }}
          />
          {colleagues.notice && (
            <p className="external-notice" role="status" data-testid="external-notice">
              {colleagues.notice}{' '}
              <button type="button" className="button-quiet" onClick={colleagues.dismiss}>
                Dismiss
              </button>
            </p>
          )}
          {pendingRecovery && (
            <RecoveryBanner
              recovery={pendingRecovery}
              revision={release.revision}
              onRestore={guarded(restoreRecovered)}
              onDiscard={discardRecovered}
            />
          )}
          <PresenceBanner others={others} />
        </EditorBanners>
        <div
          className="editor-columns"
          ref={columns}
          style={{ gridTemplateColumns: `200px minmax(360px, 1fr) 8px minmax(320px, ${preview.width}%)` }}
        >
          <SectionNav sections={formSections(template)} />
          <form
            id="release-form"
            ref={releaseForm}
            tabIndex={-1}
            className="editor-form"
            aria-label="Release"
            onSubmit={(event) => {
              event.preventDefault();
              void saveNow();
            }}
          >
            <CommentsOverview />
            <FindingsSummary />
            <ReleaseSections form={form} profile={profile} template={template} />
            <button type="submit" className="visually-hidden">
              Save now
            </button>
          </form>
          <div className="resize-handle" {...preview.handleProps} />
          <aside className="editor-preview" aria-label="Preview">
            <div className="preview-toolbar" role="group" aria-label="Preview view">
              {(['desktop', 'narrow', 'print'] as const).map((option) => (
                <button
                  key={option}
                  type="button"
                  aria-pressed={view === option}
                  onClick={() => setView(option)}
                >
                  {{ desktop: 'Desktop', narrow: 'Narrow', print: 'Print' }[option]}
                </button>
              ))}
            </div>
            <SavedStatusPreview
              saved={saved}
              control={form.control}
              profile={profile}
              logoDataUrl={logoDataUrl}
              view={view}
              onFocusField={(mark) => {
                setNarrowTab('form');
                requestAnimationFrame(() => focusField(previewMarkToFormPath(mark)));
              }}
            />
          </aside>
        </div>
        {/* The forms of their own of the release's text controls (own-forms.ts): empty, never shown. */}
        <div hidden ref={ownForms} />
      </div>
    </FindingsProvider>
  );
}

/**
 * The preview with the status of the release as saved now (a draft mark until approved), not as it was opened:
 * after a colleague's approval the preview drops the mark. Subscribed here so that a save re-renders the preview's
 * frame and not the form.
 */
function SavedStatusPreview({
  saved,
  ...props
}: { saved: SavedRelease } & Omit<Parameters<typeof PreviewPane>[0], 'status'>) {
  const release = useSavedRelease(saved);
  return (
    <PreviewPane {...props} status={release.status} releaseId={release.id} withdrawn={withdrawnOf(release)} />
  );
}
