import type { PresenceEntry } from '../../../../src-shared/api/contract';
import { formatSince, listNames } from './presence-format';
import './shared-workspace.css';

/** In a library row: who else has this release open right now (from usePresenceList). */
export function HolderBadge({ holders }: { holders: readonly PresenceEntry[] | undefined }) {
  if (!holders || holders.length === 0) return null;
  const [first] = holders as [PresenceEntry, ...PresenceEntry[]];
  const text =
    holders.length === 1
      ? `Open by ${first.name}`
      : `Open by ${first.name} and ${holders.length - 1} other${holders.length > 2 ? 's' : ''}`;
  const detail = holders.map((holder) => `${holder.name} since ${formatSince(holder.since)}`).join('; ');
  return (
    <span className="holder-badge" title={`Open now: ${detail}`} data-holders={listNames(holders)}>
      <span className="holder-badge-dot" aria-hidden="true" />
      {text}
    </span>
  );
}
