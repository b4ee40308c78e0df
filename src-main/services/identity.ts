import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PersonSchema, type Person, type Role } from '../../src-shared/workflow/workflow';
import { readTextFile, toJsonText, writeFileDurably } from './workspace/durable-file';
import { StoreError } from './workspace/store';

/**
 * Who is using this copy of Pressroom: a name and roles the person gives on first run, kept in the app's own
 * data folder (not the workspace), so that the same person is recognised in every workspace they open.
 *
 * Identity is local and self-declared. The review rules built on it (four-eyes, approval chains) are workflow
 * guards against mistakes, not security against a colleague who chooses to lie about their name.
 */
export interface IdentityStore {
  get(): Promise<Person | null>;
  set(details: { name: string; roles: Role[] }): Promise<Person>;
}

export function createIdentityStore(userDataFolder: string, makeId: () => string = defaultId): IdentityStore {
  const file = join(userDataFolder, 'identity.json');
  let cached: Person | null | undefined;
  return {
    async get() {
      if (cached !== undefined) return cached;
      const text = await readTextFile(file).catch(() => null);
      if (text === null) return (cached = null);
      try {
        cached = PersonSchema.parse(JSON.parse(text));
      } catch {
        // An unreadable identity is asked for again rather than guessed.
        cached = null;
      }
      return cached;
    },
    async set({ name, roles }) {
      const trimmed = name.trim().replace(/\s+/g, ' ');
      if (!trimmed) throw new StoreError('invalid-input', 'Give your name, as colleagues know you.');
      if (roles.length === 0) throw new StoreError('invalid-input', 'Choose at least one role.');
      const existing = await this.get();
      const person = PersonSchema.parse({
        id: existing?.id ?? makeId(),
        name: trimmed,
        roles: [...new Set(roles)],
      });
      await mkdir(userDataFolder, { recursive: true });
      await writeFileDurably(file, toJsonText(person));
      cached = person;
      return person;
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
