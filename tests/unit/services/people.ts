import { createMemoryIdentityStore } from '../../../src-main/services/identity';
import type { Person } from '../../../src-shared/workflow/workflow';

/** People of the review tests: one per role, plus someone who holds them all. */
export const WRITER: Person = { id: 'u-wren', name: 'Wren Writer', roles: ['writer'] };
export const REVIEWER: Person = { id: 'u-rafi', name: 'Rafi Reviewer', roles: ['reviewer'] };
export const APPROVER: Person = { id: 'u-ada', name: 'Ada Approver', roles: ['approver'] };
export const ALL_ROLES: Person = {
  id: 'u-sol',
  name: 'Sol Everything',
  roles: ['writer', 'reviewer', 'approver'],
};

/** Handler parts for a session in which `person` has already said who they are. */
export function as(person: Person = WRITER) {
  return { identity: createMemoryIdentityStore(person) };
}
