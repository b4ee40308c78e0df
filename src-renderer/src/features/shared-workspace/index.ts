// Shared workspace: what a colleague on the same folder changed, and who has which release open.
export { useWorkspaceChanges, WORKSPACE_POLL_MS } from './useWorkspaceChanges';
export { usePresence, usePresenceList, PRESENCE_POLL_MS } from './usePresence';
export { PresenceBanner } from './PresenceBanner';
export { HolderBadge } from './HolderBadge';
export { formatSince, presenceSentence, CONFLICT_REASSURANCE } from './presence-format';
