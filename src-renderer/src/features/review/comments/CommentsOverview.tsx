import { useId, useState } from 'react';
import { useFindings } from '../../editor/FindingsContext';
import { focusField } from '../../editor/field-ids';
import { sectionDomId } from '../../editor/SectionNav';
import type { CommentAnchor, CommentThread } from '../../../../../src-shared/workflow/review-records';
import { commentTime, placeAnchor } from './anchors';
import { CommentButton } from './CommentButton';
import { CommentPanelSlot } from './CommentThreadPanel';
import type { CommentsStore } from './comments-store';
import { useCommentsSelector, useCommentsStore } from './useComments';

const NO_THREADS: readonly CommentThread[] = [];
const WHOLE_RELEASE: CommentAnchor = { section: 'release', itemId: null };

/**
 * The release's comments in one place, at the top of the form: collapsed to a count, opened to a list of every
 * open thread, each named by where it sits ("Body, paragraph 3") and jumping there when chosen. Also where a
 * comment on the release as a whole is written.
 */
const NO_PROBLEMS: readonly string[] = [];

export function CommentsOverview() {
  const store = useCommentsStore();
  const openCount = useCommentsSelector((state) => state.threads.filter((t) => !t.resolved).length, 0);
  const total = useCommentsSelector((state) => state.threads.length, 0);
  const unreadable = useCommentsSelector((state) => state.unreadable, NO_PROBLEMS);
  const [expanded, setExpanded] = useState(false);
  const listId = useId();
  if (!store) return null;
  const summary = total === 0 ? 'none yet' : openCount === 0 ? 'all resolved' : `${openCount} open`;
  return (
    <section className="comments-overview" aria-label="Comments">
      <div className="comments-overview-head">
        <h2>
          <button
            type="button"
            className="comments-overview-toggle"
            aria-expanded={expanded}
            aria-controls={listId}
            onClick={() => setExpanded((open) => !open)}
          >
            <span className="comments-overview-chevron" aria-hidden="true" />
            Comments <span className="comments-overview-count">{summary}</span>
          </button>
        </h2>
        <CommentButton
          anchor={WHOLE_RELEASE}
          label="the whole release"
          text="Comment on the whole release"
          className="comment-button-release"
        />
      </div>
      <CommentPanelSlot anchor={WHOLE_RELEASE} label="the whole release" />
      {unreadable.length > 0 && (
        <div className="notice notice-warning comments-unreadable" role="status">
          <p>
            {unreadable.length === 1
              ? 'One comment record could not be read, so it is not shown:'
              : `${unreadable.length} comment records could not be read, so they are not shown:`}
          </p>
          <ul>
            {unreadable.slice(0, 5).map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
      {expanded && <CommentsList id={listId} store={store} />}
    </section>
  );
}

/** Mounted only while the overview is open: it follows the form's values (deferred) to name each anchor. */
function CommentsList({ id, store }: { id: string; store: CommentsStore }) {
  const threads = useCommentsSelector((state) => state.threads, NO_THREADS);
  const { content } = useFindings();
  const [showResolved, setShowResolved] = useState(false);
  const open = threads.filter((t) => !t.resolved);
  const resolved = threads.filter((t) => t.resolved);

  const jump = (thread: CommentThread) => {
    const placed = placeAnchor(thread.anchor, content);
    if (thread.anchor.section === 'release') {
      store.open(WHOLE_RELEASE, { focus: true });
      return;
    }
    if (placed.removed) {
      // The item is gone: its comments are read and resolved in the section's own panel.
      store.open({ section: thread.anchor.section, itemId: null }, { extraThreadIds: [thread.id] });
    } else {
      store.open(thread.anchor);
    }
    if (!placed.formPath || !focusField(placed.formPath)) {
      document.getElementById(sectionDomId(thread.anchor.section))?.scrollIntoView({ block: 'start' });
    }
  };

  const item = (thread: CommentThread) => {
    const placed = placeAnchor(thread.anchor, content);
    const replies = thread.replies.length;
    return (
      <li key={thread.id} className={`comments-overview-item${placed.removed ? ' is-removed' : ''}`}>
        <button type="button" className="link-button" onClick={() => jump(thread)}>
          {placed.label}
        </button>
        <p className="comments-overview-text">{excerpt(thread.text)}</p>
        <p className="comments-overview-meta">
          {thread.author.name}, <time dateTime={thread.at}>{commentTime(thread.at)}</time>
          {replies > 0 && ` · ${replies} ${replies === 1 ? 'reply' : 'replies'}`}
          {thread.resolved && ' · resolved'}
        </p>
      </li>
    );
  };

  return (
    <div id={id} className="comments-overview-body">
      {open.length === 0 ? (
        <p className="hint">
          No open comments. Use “Comment” beside a section, paragraph, quote or contact to start one.
        </p>
      ) : (
        <ol className="comments-overview-list" aria-label="Open comments">
          {open.map(item)}
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
      {showResolved && (
        <ol className="comments-overview-list is-resolved" aria-label="Resolved comments">
          {resolved.map(item)}
        </ol>
      )}
    </div>
  );
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 140 ? `${flat.slice(0, 139)}…` : flat;
}
