import {
  memo,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import {
  CommentTextSchema,
  type CommentAnchor,
  type CommentThread,
} from '../../../../../src-shared/workflow/review-records';
import { commentTime } from './anchors';
import { panelDomId, sameAnchorProps } from './CommentButton';
import { anchorKey, type CommentResult, type CommentsStore, type OpenPanel } from './comments-store';
import { useCommentsSelector, useCommentsStore } from './useComments';

const NO_THREADS: readonly CommentThread[] = [];

/**
 * Where an anchor's thread panel appears, right beside its field. Renders nothing until that panel is opened
 * (by its Comment button, the release's comment list, or a marker on the preview).
 */
export const CommentPanelSlot = memo(function CommentPanelSlot({
  anchor,
  label,
}: {
  anchor: CommentAnchor;
  label: string;
}) {
  const store = useCommentsStore();
  const key = anchorKey(anchor);
  const panel = useCommentsSelector((state) => (state.panel?.key === key ? state.panel : null), null);
  if (!store || !panel) return null;
  return (
    <CommentThreadPanel store={store} anchor={anchor} anchorKeyValue={key} label={label} panel={panel} />
  );
}, sameAnchorProps);

function CommentThreadPanel({
  store,
  anchor,
  anchorKeyValue: key,
  label,
  panel,
}: {
  store: CommentsStore;
  anchor: CommentAnchor;
  anchorKeyValue: string;
  label: string;
  panel: OpenPanel;
}) {
  const threads = useCommentsSelector((state) => state.threads, NO_THREADS);
  const loadError = useCommentsSelector((state) => state.loadError, null);
  const [showResolved, setShowResolved] = useState(false);
  const titleId = useId();
  const region = useRef<HTMLElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);

  const mine = useMemo(
    () => threads.filter((t) => anchorKey(t.anchor) === key || panel.extraThreadIds.includes(t.id)),
    [threads, key, panel.extraThreadIds],
  );
  const open = mine.filter((t) => !t.resolved);
  const resolved = mine.filter((t) => t.resolved);

  // One opened by its own button takes the focus at once, before the next keystroke can go astray; every open
  // request then brings the panel into view (after any jump to its field has scrolled the form).
  useLayoutEffect(() => {
    if (panel.focus) textarea.current?.focus({ preventScroll: true });
  }, [panel.request, panel.focus]);
  useEffect(() => {
    const frame = requestAnimationFrame(() => region.current?.scrollIntoView({ block: 'nearest' }));
    return () => cancelAnimationFrame(frame);
  }, [panel.request]);

  const close = () => {
    store.close();
    document
      .querySelector<HTMLButtonElement>(`button[data-comment-anchor="${CSS.escape(key)}"]`)
      ?.focus({ preventScroll: true });
  };

  return (
    <section
      ref={region}
      className="comment-panel"
      id={panelDomId(key)}
      aria-labelledby={titleId}
      data-comment-panel={key}
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          close();
        }
      }}
    >
      <div className="comment-panel-head">
        <h3 id={titleId}>Comments on {label}</h3>
        <button type="button" className="button-quiet" onClick={close}>
          Close<span className="visually-hidden"> comments on {label}</span>
        </button>
      </div>
      {loadError && (
        <p className="comment-error" role="alert">
          {loadError}
        </p>
      )}
      {open.length === 0 ? (
        <p className="hint comment-none">No open comments here.</p>
      ) : (
        <ol className="comment-threads" aria-label="Open comments">
          {open.map((thread) => (
            <ThreadItem
              key={thread.id}
              store={store}
              thread={thread}
              orphan={anchorKey(thread.anchor) !== key}
            />
          ))}
        </ol>
      )}
      {resolved.length > 0 && (
        <button
          type="button"
          className="link-button comment-resolved-toggle"
          aria-expanded={showResolved}
          onClick={() => setShowResolved((shown) => !shown)}
        >
          {showResolved ? 'Hide' : 'Show'} resolved ({resolved.length})
        </button>
      )}
      {showResolved && resolved.length > 0 && (
        <ol className="comment-threads comment-threads-resolved" aria-label="Resolved comments">
          {resolved.map((thread) => (
            <ThreadItem
              key={thread.id}
              store={store}
              thread={thread}
              orphan={anchorKey(thread.anchor) !== key}
            />
          ))}
        </ol>
      )}
      <CommentTextForm
        textareaRef={textarea}
        label="Add a comment"
        hint="Say what should change and why. Comments are kept: they are resolved, never deleted."
        submitLabel="Add comment"
        onSubmit={(text) => store.add(anchor, text)}
      />
    </section>
  );
}

function ThreadItem({
  store,
  thread,
  orphan,
}: {
  store: CommentsStore;
  thread: CommentThread;
  orphan: boolean;
}) {
  const [replying, setReplying] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const last = thread.statusChanges.at(-1);

  const setResolved = async (resolved: boolean) => {
    setBusy(true);
    setError(null);
    const result = await store.setResolved(thread.id, resolved);
    setBusy(false);
    if (!result.ok) setError(result.message);
  };

  return (
    <li className={`comment-thread${thread.resolved ? ' is-resolved' : ''}`} data-thread-id={thread.id}>
      <CommentEntry author={thread.author.name} at={thread.at} text={thread.text} />
      {orphan && <p className="comment-orphan">On a part of this section that has since been removed.</p>}
      {thread.replies.length > 0 && (
        <ol className="comment-replies" aria-label={`Replies to ${thread.author.name}`}>
          {thread.replies.map((reply) => (
            <li key={reply.id}>
              <CommentEntry author={reply.author.name} at={reply.at} text={reply.text} />
            </li>
          ))}
        </ol>
      )}
      {thread.resolved && last && (
        <p className="comment-status">
          Resolved by {last.by.name}, <time dateTime={last.at}>{commentTime(last.at)}</time>
        </p>
      )}
      {error && (
        <p className="comment-error" role="alert">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      {replying ? (
        <CommentTextForm
          label={`Reply to ${thread.author.name}`}
          submitLabel="Send reply"
          autoFocus
          onSubmit={async (text) => {
            const result = await store.reply(thread.id, text);
            if (result.ok) setReplying(false);
            return result;
          }}
          onCancel={() => setReplying(false)}
        />
      ) : (
        <div className="comment-actions">
          {!thread.resolved && (
            <button type="button" className="button-quiet" onClick={() => setReplying(true)}>
              Reply<span className="visually-hidden"> to {thread.author.name}</span>
            </button>
          )}
          <button
            type="button"
            className="button-quiet"
            disabled={busy}
            onClick={() => void setResolved(!thread.resolved)}
          >
            {thread.resolved ? 'Reopen' : 'Resolve'}
            <span className="visually-hidden"> comment by {thread.author.name}</span>
          </button>
        </div>
      )}
    </li>
  );
}

function CommentEntry({ author, at, text }: { author: string; at: string; text: string }) {
  return (
    <div className="comment-entry">
      <p className="comment-meta">
        <strong>{author}</strong> <time dateTime={at}>{commentTime(at)}</time>
      </p>
      <p className="comment-text">{text}</p>
    </div>
  );
}

/**
 * GOV.UK's question pattern for a comment or a reply: label, hint, error message, then the box. The text stays
 * in the box when it cannot be saved, and the reason is shown in place.
 */
function CommentTextForm({
  label,
  hint,
  submitLabel,
  onSubmit,
  onCancel,
  autoFocus,
  textareaRef,
}: {
  label: string;
  hint?: string;
  submitLabel: string;
  onSubmit: (text: string) => Promise<CommentResult>;
  onCancel?: () => void;
  autoFocus?: boolean;
  textareaRef?: React.RefObject<HTMLTextAreaElement | null>;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ownRef = useRef<HTMLTextAreaElement>(null);
  const ref = textareaRef ?? ownRef;

  useEffect(() => {
    if (autoFocus) ref.current?.focus();
  }, [autoFocus, ref]);

  const submit = async () => {
    const parsed = CommentTextSchema.safeParse(text);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Write the comment first');
      ref.current?.focus();
      return;
    }
    setBusy(true);
    const result = await onSubmit(parsed.data);
    setBusy(false);
    if (result.ok) {
      setText('');
      setError(null);
    } else {
      setError(result.message);
      ref.current?.focus();
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key === 'Enter') {
      event.preventDefault();
      void submit();
    } else if (mod && ['z', 'y'].includes(event.key.toLowerCase())) {
      // The box's own undo, not the release's (the editor listens for Ctrl+Z on the window).
      event.stopPropagation();
    }
  };

  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`field comment-form${error ? ' field-has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="comment-error" id={`${id}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      <textarea
        ref={ref}
        id={id}
        rows={3}
        value={text}
        aria-describedby={describedBy || undefined}
        aria-invalid={error ? true : undefined}
        aria-keyshortcuts="Control+Enter"
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="comment-actions">
        <button type="button" className="button-primary" disabled={busy} onClick={() => void submit()}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button-quiet" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </div>
  );
}
