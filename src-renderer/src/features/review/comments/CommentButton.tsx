import './comments.css';
import type { CommentAnchor } from '../../../../../src-shared/workflow/review-records';
import { anchorKey } from './comments-store';
import { useCommentsSelector, useCommentsStore } from './useComments';

/** The DOM id of an anchor's thread panel (anchor keys hold ':' and item ids). */
export function panelDomId(key: string): string {
  return `comments-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/**
 * "Comment" beside a section heading or an item, with the number of open threads on it. It subscribes to its own
 * count and open state only: other comments, and typing in the form, leave it alone.
 */
export function CommentButton({
  anchor,
  label,
  text,
  className,
}: {
  anchor: CommentAnchor;
  /** What it is on, for the accessible name: "Comment on Headline", "Comment on paragraph 2". */
  label: string;
  /** Visible words instead of "Comment" (then also the accessible name, with the count). */
  text?: string;
  className?: string;
}) {
  const store = useCommentsStore();
  const key = anchorKey(anchor);
  const count = useCommentsSelector((state) => state.openCounts.get(key) ?? 0, 0);
  const expanded = useCommentsSelector((state) => state.panel?.key === key, false);
  if (!store) return null;
  return (
    <button
      type="button"
      className={`comment-button${count > 0 ? ' has-comments' : ''}${className ? ` ${className}` : ''}`}
      aria-expanded={expanded}
      aria-controls={expanded ? panelDomId(key) : undefined}
      data-comment-anchor={key}
      onClick={() => store.toggle(anchor)}
    >
      <span className="comment-icon" aria-hidden="true" />
      {text ?? 'Comment'}
      <span className="visually-hidden">
        {text ? '' : ` on ${label}`}
        {count > 0 && `, ${count} open`}
      </span>
      {count > 0 && (
        <span className="comment-count" aria-hidden="true">
          {count}
        </span>
      )}
    </button>
  );
}
