import type { PresenceEntry } from '../../../../src-shared/api/contract';
import { CONFLICT_REASSURANCE, presenceSentence } from './presence-format';
import './shared-workspace.css';

/**
 * Above the editor while someone else has the same release open. role=status: announced when it appears,
 * without taking the focus from the text being typed.
 */
export function PresenceBanner({ others }: { others: readonly PresenceEntry[] }) {
  if (others.length === 0) return null;
  return (
    <div className="presence-banner" role="status" data-testid="presence-banner">
      {presenceSentence(others)} {CONFLICT_REASSURANCE}
    </div>
  );
}
