export { anchorKey, CommentsStore, isCommentSection } from './comments-store';
export { contactItemId, placeAnchor } from './anchors';
export { COMMENTS_POLL_MS, CommentsContext, useComments, useCommentsStore } from './useComments';
export { CommentButton } from './CommentButton';
export { CommentPanelSlot } from './CommentThreadPanel';
export { CommentsOverview } from './CommentsOverview';
export { usePreviewCommentMarkers } from './usePreviewCommentMarkers';
