import { join } from 'node:path';
import { PersonSchema, type Person, type Role } from '../../src-shared/workflow/workflow';
import { DocumentNotWritableError, openDocument } from './storage/document-store';
import { StoreError } from './workspace/store';

/**
 * Who is using this copy of Pressroom: a name and roles the person gives on first run, kept in the app's own
 * data folder (not the workspace), so that the same person is recognised in every workspace they open.
 *
 * Identity is local and self-declared. The review rules built on it (four-eyes, approval chains) are workflow
 * guards against mistakes, not security against a colleague who chooses to lie about their name.
 *
 * Kept through the app's document store (storage/document-store.ts): a damaged identity.json is set aside as
 * `identity.json.unreadable-<time>` and the person is asked again; a change is written durably.
 */
export interface IdentityStore {
  get(): Promise<Person | null>;
  set(details: { name: string; roles: Role[] }): Promise<Person>;
}

export const IDENTITY_FILE = 'identity.json';

export function createIdentityStore(
  userDataFolder: string,
  makeId: () => string = defaultId,
  options: { log?: (message: string) => void; now?: () => Date } = {},
): IdentityStore {
  const log = options.log ?? ((message: string) => console.warn(message));
  // Version 1 added the version field itself; an identity.json written before it is the same person.
  const document = openDocument<Person | null>({
    path: join(userDataFolder, IDENTITY_FILE),
    schema: PersonSchema.nullable(),
    version: 1,
    migrations: { 0: (file) => file },
    defaults: () => null,
    now: options.now,
    // An unreadable identity is asked for again rather than guessed; a damaged file is kept aside for a look.
    onProblem: (problem) =>
      log(
        `[pressroom] ${IDENTITY_FILE} could not be used (${problem.detail})${problem.movedTo ? `; it was kept as ${problem.movedTo}` : ''}. Pressroom asks who you are again.`,
      ),
  });
  return {
    get: () => document.get(),
    async set({ name, roles }) {
      const trimmed = name.trim().replace(/\s+/g, ' ');
      if (!trimmed) throw new StoreError('invalid-input', 'Give your name, as colleagues know you.');
      if (roles.length === 0) throw new StoreError('invalid-input', 'Choose at least one role.');
      try {
        const person = await document.update((existing) => ({
          id: existing?.id ?? makeId(),
          name: trimmed,
          roles: [...new Set(roles)],
        }));
        return person!;
      } catch (error) {
        if (error instanceof DocumentNotWritableError) throw new StoreError('io', error.message);
        throw error;
      }
    },
  };
}

function defaultId(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return `u-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** An identity kept only in memory: for tests and the CLI, which say who is acting on each call. */
export function createMemoryIdentityStore(
  initial: Person | null = null,
  makeId: () => string = defaultId,
): IdentityStore {
  let person = initial;
  return {
    get: () => Promise.resolve(person),
    set({ name, roles }) {
      const trimmed = name.trim().replace(/\s+/g, ' ');
      if (!trimmed)
        return Promise.reject(new StoreError('invalid-input', 'Give your name, as colleagues know you.'));
      if (roles.length === 0)
        return Promise.reject(new StoreError('invalid-input', 'Choose at least one role.'));
      person = PersonSchema.parse({ id: person?.id ?? makeId(), name: trimmed, roles: [...new Set(roles)] });
      return Promise.resolve(person);
    },
  };
}
