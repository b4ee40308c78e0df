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

/** The value of an API answer that must have succeeded; a failure fails the test with the person's message. */
export async function value<T>(
  result: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new Error(`expected success, got: ${settled.error.message}`);
  return settled.value;
}
