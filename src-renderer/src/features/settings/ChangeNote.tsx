import { createContext, useContext } from 'react';
import type { WorkspaceDescription } from '../../../../src-shared/api/contract';
import { changeNoteFor } from './field-changes';

/** The workspace's field changes, for every note on the profile screen (set once by ProfileView). */
export const FieldChangesContext = createContext<WorkspaceDescription['changes']>([]);

/** The note's element id, when there is a note for `field`: for the control's aria-describedby. */
export function useChangeNote(field: string | readonly string[] | undefined) {
  const changes = useContext(FieldChangesContext);
  return field === undefined ? null : changeNoteFor(changes, field);
}

/**
 * "Changed by Ben on PRESS-PC2, 7 Dec 2026 10:42" beside a field a colleague changed, and a line for each
 * colleague's value that a change made at the same time replaced. Nothing when the last change was made here.
 */
export function ChangeNote({ id, field }: { id: string; field: string | readonly string[] }) {
  const note = useChangeNote(field);
  if (!note) return null;
  return (
    <div className="field-change" id={id}>
      {note.changedBy && <p>{note.changedBy}</p>}
      {note.replaced.map((text, index) => (
        <p key={index} className="field-change-replaced">
          {text}
        </p>
      ))}
    </div>
  );
}
