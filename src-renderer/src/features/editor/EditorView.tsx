import { useCallback, useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { ReleaseSections } from './ReleaseForm';
import { callApi } from '../../api';
import { PreviewPane, type PreviewView } from '../preview/PreviewPane';
import { focusField, previewMarkToFormPath } from './field-ids';
import { FindingsProvider, useFindingsNow } from './FindingsContext';
import { FindingsSummary, SectionNav } from './SectionNav';
import { CommentsContext, CommentsOverview, useComments } from '../review/comments';
import { useAutosave, useSavedRelease, type SavedRelease, type SaveState } from './useAutosave';
import { PresenceBanner, usePresence, useWorkspaceChanges } from '../shared-workspace';
import { useUndoHistory } from './useUndoHistory';
import type { RecoverableEdit } from '../../../../src-shared/api/contract';
import {
  RELEASE_STATUS_LABELS,
  type OrganisationProfile,
  type Release,
  type ReleaseContent,
  type WorkspaceSettings,
} from '../../../../src-shared/release/schema';
import { RELEASE_TEMPLATES } from '../../../../src-shared/release/templates';
import type { WorkflowAction } from '../../../../src-shared/workflow/workflow';
import { WorkflowBar } from '../review/WorkflowBar';
import { useSession } from '../review/session';
import { saveReleaseFile } from '../review/release-file';
import { ConflictDialog } from '../review/ConflictDialog';
import { contactItemId } from '../review/comments';
import { ExportDialog } from '../export/ExportDialog';
import './editor.css';
import '../review/review.css';

/** The content fields of a release, without the identity and workflow fields the store owns. */
export function contentOf(release: Release): ReleaseContent {
  const {
    schemaVersion: _v,
    id: _id,
    revision: _r,
    createdAt: _c,
    updatedAt: _u,
    status: _s,
    approvals: _a,
    editedSinceApproval: _e,
    ...content
  } = release;
  // Contacts from before contacts had ids get the id their comments already use (their place), saved with the
  // next edit; it is not part of the content hash, so this changes nothing anyone signed.
  return {
    ...content,
    mediaContacts: content.mediaContacts.map((contact, index) => ({
      ...contact,
      id: contactItemId(index, contact.id),
    })),
  };
}

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
    void Promise.all([callApi('releases.get', { id }), callApi('recovery.list', {})]).then(
      ([release, recovery]) => {
        if (!release.ok) {
          setError(release.error.message);
          return;
        }
        const stash = recovery.ok ? (recovery.value.find((r) => r.release.id === id) ?? null) : null;
        setLoaded({ release: release.value, recovery: stash });
      },
    );
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

const PREVIEW_WIDTH_KEY = 'pressroom.previewWidth';

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
  const { state, saveNow, savePending, markChanged, rebase, adopt, isIdle, saved } = useAutosave(
    form,
    release,
  );
  const others = usePresence(release.id);
  const [externalNotice, setExternalNotice] = useState<string | null>(null);

  // A colleague (or another window) saved this release: take their version when nothing here is unsaved;
  // otherwise the next save here is refused and kept as a conflict copy, and the save state says so.
  useWorkspaceChanges((ids) => {
    if (!ids.includes(release.id)) return;
    void callApi('releases.get', { id: release.id }).then((latest) => {
      if (!latest.ok || latest.value.revision <= saved.current.revision) return;
      if (isIdle()) {
        form.reset(contentOf(latest.value), { keepDefaultValues: true });
        adopt(latest.value);
        setExternalNotice(
          `Updated with changes saved elsewhere at ${new Date(latest.value.updatedAt).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}.`,
        );
      } else {
        setExternalNotice(
          'This release was changed elsewhere while you were typing. Your next save will be kept as a conflict copy.',
        );
      }
    });
  });
  const { undo, redo, canUndo, canRedo } = useUndoHistory(form, markChanged);
  const [pendingRecovery, setPendingRecovery] = useState(recovery);
  const [view, setView] = useState<PreviewView>('desktop');
  const [narrowTab, setNarrowTab] = useState<'form' | 'preview'>('form');
  const [previewWidth, setPreviewWidth] = useState(
    () => Number(localStorage.getItem(PREVIEW_WIDTH_KEY)) || 42,
  );
  const template = RELEASE_TEMPLATES[release.header.type];
  const columns = useRef<HTMLDivElement>(null);

  async function close() {
    await saveNow();
    onClose();
  }

  const [comparing, setComparing] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [acting, setActing] = useState(false);
  const [workflowNotice, setWorkflowNotice] = useState<{ kind: 'done' | 'error'; text: string } | null>(null);
  /** A workflow action covers the text as saved: anything still waiting is saved first. */
  async function act(action: WorkflowAction, reason?: string) {
    setActing(true);
    setWorkflowNotice(null);
    try {
      await savePending();
      if (!isIdle()) {
        setWorkflowNotice({
          kind: 'error',
          text: 'Your latest changes are not saved yet, so nothing was done. Fix the save problem shown above first.',
        });
        return;
      }
      const result = await callApi('releases.act', {
        id: release.id,
        revision: saved.current.revision,
        action: action as Exclude<WorkflowAction, 'lapse'>,
        ...(reason ? { reason } : {}),
      });
      if (!result.ok) {
        setWorkflowNotice({ kind: 'error', text: result.error.message });
        return;
      }
      adopt(result.value);
      setWorkflowNotice({ kind: 'done', text: actionDone(action, result.value) });
    } finally {
      setActing(false);
    }
  }

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

  // On the window, not the editor's element: after an undo re-creates the fields, focus may be on <body>.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      if (!mod || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        undo();
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault();
        redo();
      } else if (key === 's') {
        event.preventDefault();
        void saveNow();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [undo, redo, saveNow]);

  const startResize = (event: React.PointerEvent) => {
    const container = columns.current;
    if (!container) return;
    event.preventDefault();
    const box = container.getBoundingClientRect();
    const move = (e: PointerEvent) => {
      const percent = Math.min(70, Math.max(25, ((box.right - e.clientX) / box.width) * 100));
      setPreviewWidth(percent);
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      setPreviewWidth((w) => {
        localStorage.setItem(PREVIEW_WIDTH_KEY, String(Math.round(w)));
        return w;
      });
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };

  return (
    <FindingsProvider control={form.control} profile={profile} saved={saved}>
      <div className={`editor editor-tab-${narrowTab}`}>
        <header className="topbar editor-topbar">
          <div className="topbar-title">
            <button type="button" className="button-quiet" onClick={() => void close()}>
              ← Library
            </button>
            <span className="template-name">{template.label}</span>
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
                setWorkflowNotice(problem ? { kind: 'error', text: problem } : null);
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
                setWorkflowNotice({ kind: 'error', text: kept.error.message });
                return;
              }
              rebase(theirs.revision);
              await saveNow();
              setComparing(false);
            }}
            onTakeTheirs={(theirs) => {
              form.reset(contentOf(theirs), { keepDefaultValues: true });
              adopt(theirs);
              setComparing(false);
            }}
          />
        )}
        <ReviewStrip saved={saved} settings={settings} busy={acting} onAct={act} />
        {workflowNotice && (
          <p
            className={`workflow-notice workflow-notice-${workflowNotice.kind}`}
            role={workflowNotice.kind === 'error' ? 'alert' : 'status'}
            data-testid="workflow-notice"
          >
            {workflowNotice.text}{' '}
            <button type="button" className="button-quiet" onClick={() => setWorkflowNotice(null)}>
              Dismiss
            </button>
          </p>
        )}
        <PresenceBanner others={others} />
        {externalNotice && (
          <p className="external-notice" role="status" data-testid="external-notice">
            {externalNotice}{' '}
            <button type="button" className="button-quiet" onClick={() => setExternalNotice(null)}>
              Dismiss
            </button>
          </p>
        )}
        {pendingRecovery && (
          <div className="recovery-banner" role="alert">
            <p>
              <strong>Unsaved edits found.</strong> Pressroom kept edits to this release from{' '}
              {new Date(pendingRecovery.stashedAt).toLocaleString('en-GB', {
                dateStyle: 'medium',
                timeStyle: 'short',
              })}{' '}
              that never reached the release file
              {pendingRecovery.currentRevision === null
                ? ''
                : pendingRecovery.currentRevision !== release.revision
                  ? ' (the release has changed since)'
                  : ''}
              .
            </p>
            <div className="recovery-actions">
              <button type="button" className="button-primary" onClick={restoreRecovered}>
                Restore unsaved edits
              </button>
              <button type="button" onClick={discardRecovered}>
                Discard them
              </button>
            </div>
          </div>
        )}
        <div
          className="editor-columns"
          ref={columns}
          style={{ gridTemplateColumns: `200px minmax(360px, 1fr) 8px minmax(320px, ${previewWidth}%)` }}
        >
          <SectionNav sections={template.sections} />
          <form
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
          <div
            className="resize-handle"
            role="separator"
            aria-orientation="vertical"
            aria-label="Resize preview"
            aria-valuemin={25}
            aria-valuemax={70}
            aria-valuenow={Math.round(previewWidth)}
            tabIndex={0}
            onPointerDown={startResize}
            onKeyDown={(event) => {
              if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
                event.preventDefault();
                const next = Math.min(70, Math.max(25, previewWidth + (event.key === 'ArrowLeft' ? 2 : -2)));
                setPreviewWidth(next);
                localStorage.setItem(PREVIEW_WIDTH_KEY, String(next));
              }
            }}
          />
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
            <PreviewPane
              control={form.control}
              profile={profile}
              logoDataUrl={logoDataUrl}
              status={release.status}
              view={view}
              onFocusField={(mark) => {
                setNarrowTab('form');
                requestAnimationFrame(() => focusField(previewMarkToFormPath(mark)));
              }}
            />
          </aside>
        </div>
      </div>
    </FindingsProvider>
  );
}

/**
 * The release's place in the review workflow, subscribed to the saved release alone so that a save or an action
 * re-renders this strip and not the form. It also says when an edit has just set a sign-off aside.
 */
function ReviewStrip({
  saved,
  settings,
  busy,
  onAct,
}: {
  saved: SavedRelease;
  settings: WorkspaceSettings;
  busy: boolean;
  onAct: (action: WorkflowAction, reason?: string) => void;
}) {
  const release = useSavedRelease(saved);
  const { person } = useSession();
  // Read on the click, not subscribed: the strip must not re-render on every keystroke's new findings.
  const findingsNow = useFindingsNow();
  const [unchecked, setUnchecked] = useState<{ action: WorkflowAction; messages: string[] } | null>(null);
  const previous = useRef(release);
  const [lapsed, setLapsed] = useState(false);
  const [requested, setRequested] = useState<{ by: string; reason: string } | null>(null);
  const [trailProblem, setTrailProblem] = useState<string | null>(null);
  // Checked on open: damage to the audit trail is reported where people work, not only on the History screen.
  useEffect(() => {
    let live = true;
    void callApi('audit.read', { id: release.id }).then((result) => {
      if (live && result.ok && !result.value.intact) setTrailProblem(result.value.problem);
    });
    return () => {
      live = false;
    };
  }, [release.id]);
  // The writer needs the reviewer's words, not just the state: the newest request from the audit trail.
  useEffect(() => {
    if (release.status !== 'changes-requested') return setRequested(null);
    let live = true;
    void callApi('audit.read', { id: release.id }).then((result) => {
      if (!live || !result.ok) return;
      const last = result.value.entries.findLast((entry) => entry.event === 'changes-requested');
      const reason = last?.details.reason;
      setRequested(last && typeof reason === 'string' ? { by: last.actor.name, reason } : null);
    });
    return () => {
      live = false;
    };
  }, [release.id, release.status, release.revision]);
  useEffect(() => {
    const before = previous.current;
    previous.current = release;
    if (before.approvals.length > 0 && release.approvals.length === 0 && release.status === 'draft') {
      setLapsed(true);
    } else if (release.status !== before.status) {
      setLapsed(false);
    }
  }, [release]);
  return (
    <div className="review-strip">
      <WorkflowBar
        status={release.status}
        approvals={release.approvals}
        person={person}
        settings={settings}
        busy={busy}
        release={release}
        onReleaseChanged={(next) => saved.set(next)}
        onAct={(action, reason) => {
          // The checks are advice a person may overrule (a name the anonymity list flags on purpose), so errors
          // ask for a second thought rather than forbid the step.
          const errors = findingsNow().findings.filter((finding) => finding.severity === 'error');
          if ((action === 'submit' || action === 'approve') && errors.length > 0) {
            setUnchecked({ action, messages: errors.map((finding) => finding.message) });
          } else onAct(action, reason);
        }}
      />
      {unchecked && (
        <CheckErrorsDialog
          action={unchecked.action}
          messages={unchecked.messages}
          onCancel={() => setUnchecked(null)}
          onConfirm={() => {
            setUnchecked(null);
            onAct(unchecked.action);
          }}
        />
      )}
      {release.approvals.length > 0 && (
        <p className="review-hint">
          Signed off over this exact text: any change to it sets the sign-off aside and makes the release a
          draft again.
        </p>
      )}
      {trailProblem && (
        <p className="review-hint review-trail-broken" role="alert" data-testid="audit-broken">
          <strong>The audit trail of this release has been altered:</strong> {trailProblem} See{' '}
          <a href={`#/release/${release.id}/history/audit`}>the audit trail</a>.
        </p>
      )}
      {requested && (
        <p className="review-hint review-reason" data-testid="changes-requested-reason">
          <strong>{requested.by} asked for changes:</strong> {requested.reason}
        </p>
      )}
      {lapsed && (
        <p className="review-hint review-lapsed" role="status" data-testid="lapse-notice">
          The text changed after it was signed off, so the sign-off lapsed and the release is a draft again.
          Submit it for review when it is ready.
        </p>
      )}
    </div>
  );
}

function CheckErrorsDialog({
  action,
  messages,
  onCancel,
  onConfirm,
}: {
  action: WorkflowAction;
  messages: string[];
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => dialog.current?.showModal(), []);
  const verb = action === 'approve' ? 'Approve' : 'Submit';
  return (
    <dialog ref={dialog} className="reason-dialog" aria-labelledby="check-errors-title" onCancel={onCancel}>
      <h2 id="check-errors-title">
        The checks found {messages.length === 1 ? 'an error' : `${messages.length} errors`}
      </h2>
      <ul className="check-errors-list">
        {messages.slice(0, 8).map((message, index) => (
          <li key={index}>{message}</li>
        ))}
        {messages.length > 8 && <li>and {messages.length - 8} more, listed at the top of the form</li>}
      </ul>
      <p>
        {action === 'approve'
          ? 'An approval says this text is ready to leave the office as it is.'
          : 'A reviewer will see the release as it is now.'}
      </p>
      <div className="dialog-actions">
        <button type="button" className="button-primary" onClick={onCancel} autoFocus>
          Go back and fix {messages.length === 1 ? 'it' : 'them'}
        </button>
        <button type="button" onClick={onConfirm}>
          {verb} anyway
        </button>
      </div>
    </dialog>
  );
}

function actionDone(action: WorkflowAction, release: Release): string {
  switch (action) {
    case 'submit':
      return 'Submitted for review. Reviewers see it under “Waiting for me”.';
    case 'approve':
      return release.status === 'approved'
        ? 'Approved: every sign-off is recorded. It can now be exported as final.'
        : 'Your sign-off is recorded; the next step of the approval chain is due.';
    case 'request-changes':
      return 'Changes requested. The writer sees your reason here and in the audit trail.';
    case 'withdraw':
      return 'Withdrawn. Reopen it as a draft to work on it again.';
    case 'reopen':
      return 'Reopened as a draft.';
    default:
      return `${RELEASE_STATUS_LABELS[release.status]}.`;
  }
}

function SaveIndicator({
  state,
  onRetry,
  onCompare,
}: {
  state: SaveState;
  onRetry: () => void;
  onCompare: () => void;
}) {
  const text =
    state.kind === 'saved'
      ? 'All changes saved'
      : state.kind === 'saving'
        ? 'Saving…'
        : state.kind === 'pending'
          ? 'Unsaved changes'
          : 'Not saved';
  return (
    <div
      className={`save-state save-state-${state.kind}`}
      role="status"
      aria-live="polite"
      data-save-state={state.kind}
    >
      <span>{text}</span>
      {state.kind === 'failed' && (
        <>
          <span className="save-error">{state.message}</span>
          {!state.conflict && (
            <button type="button" className="button-quiet" onClick={onRetry}>
              Try again
            </button>
          )}
          {state.conflict && (
            <button type="button" className="button-quiet" onClick={onCompare}>
              Compare and choose
            </button>
          )}
        </>
      )}
    </div>
  );
}
