import './comments.css';
import { memo } from 'react';
import type { CommentAnchor } from '../../../../../src-shared/workflow/review-records';
import { anchorKey } from './comments-store';
import { useCommentsSelector, useCommentsStore } from './useComments';

/** The DOM id of an anchor's thread panel (anchor keys hold ':' and item ids). */
export function panelDomId(key: string): string {
  return `comments-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** Props that name an anchor compare by value: a parent re-rendering with a fresh `{ section, itemId }` is no change. */
export function sameAnchorProps<P extends { anchor: CommentAnchor }>(a: P, b: P): boolean {
  if (a.anchor.section !== b.anchor.section || a.anchor.itemId !== b.anchor.itemId) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  keys.delete('anchor');
  for (const key of keys) if (a[key as keyof P] !== b[key as keyof P]) return false;
  return true;
}

/**
 * "Comment" beside a section heading or an item, with the number of open threads on it. It subscribes to its own
 * count and open state only, and is memoised on its anchor: other comments, and a form re-rendering around it while
 * the writer types, leave it alone (a long release has hundreds of these).
 */
export const CommentButton = memo(function CommentButton({
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
}, sameAnchorProps);
