import { ROLE_LABELS } from '../../../../src-shared/workflow/workflow';
import { useSession } from './session';
import './review.css';

/** Who Pressroom thinks is at the keyboard, with a way to correct it. */
export function IdentityChip() {
  const { person, changeIdentity } = useSession();
  return (
    <span className="identity-chip" data-testid="identity-chip">
      You: <strong>{person.name}</strong> ({person.roles.map((role) => ROLE_LABELS[role]).join(', ')}){' '}
      <button type="button" className="button-quiet" onClick={changeIdentity}>
        Change
      </button>
    </span>
  );
}
