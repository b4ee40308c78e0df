import { useEffect, useRef, useState } from 'react';
import { ROLE_LABELS, ROLES, type Person, type Role } from '../../../../src-shared/workflow/workflow';
import { useReturnFocus } from '../../return-focus';

/**
 * First run: who is this? Name and roles, as GOV.UK's question pages do it: one question, a hint, an error
 * message when the answer is missing. Self-declared, and the dialog says so.
 */
export function IdentityDialog({
  current,
  onSubmit,
  onCancel,
}: {
  current: Person | null;
  onSubmit: (details: { name: string; roles: Role[] }) => Promise<string | null>;
  onCancel?: () => void;
}) {
  const [name, setName] = useState(current?.name ?? '');
  const [roles, setRoles] = useState<Role[]>(current?.roles ?? ['writer']);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);

  useReturnFocus();
  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="identity-dialog"
      aria-labelledby="identity-title"
      onCancel={(event) => {
        if (!onCancel) event.preventDefault();
        else onCancel();
      }}
    >
      <form
        method="dialog"
        onSubmit={async (event) => {
          event.preventDefault();
          if (!name.trim()) return setError('Enter your name');
          if (roles.length === 0) return setError('Choose at least one role');
          setBusy(true);
          const problem = await onSubmit({ name, roles });
          setBusy(false);
          if (problem) setError(problem);
        }}
      >
        <h1 id="identity-title">{current ? 'Your name and roles' : 'Welcome to Pressroom'}</h1>
        <p>
          Reviews and approvals record who did what. Give your name as colleagues know you and the roles you
          hold in the press office.
        </p>
        {error && (
          <p className="finding finding-error" role="alert">
            <span className="visually-hidden">Error: </span>
            {error}
          </p>
        )}
        <div className="field">
          <label htmlFor="identity-name">Your name</label>
          <input
            id="identity-name"
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoFocus
          />
        </div>
        <fieldset className="field">
          <legend>Your roles</legend>
          <p className="hint">
            Writers draft and submit; reviewers comment and approve; approvers give the final sign-off.
          </p>
          {ROLES.map((role) => (
            <div className="checkbox" key={role}>
              <input
                id={`identity-role-${role}`}
                type="checkbox"
                checked={roles.includes(role)}
                onChange={(e) =>
                  setRoles((now) => (e.target.checked ? [...now, role] : now.filter((r) => r !== role)))
                }
              />
              <label htmlFor={`identity-role-${role}`}>{ROLE_LABELS[role]}</label>
            </div>
          ))}
        </fieldset>
        <p className="hint">
          Names and roles are local and self-declared: the review rules stop honest mistakes (such as
          approving your own text); they are not a security control.
        </p>
        <div className="dialog-actions">
          <button type="submit" className="button-primary" disabled={busy}>
            Continue
          </button>
          {onCancel && (
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
          )}
        </div>
      </form>
    </dialog>
  );
}
