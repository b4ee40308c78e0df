import { createContext, useContext } from 'react';
import type { Person } from '../../../../src-shared/workflow/workflow';

/** Who is at the keyboard (self-declared), and a way to open the dialog that changes it. */
export interface Session {
  person: Person;
  changeIdentity: () => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the identified app');
  return session;
}
