import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * This computer, as its writing is named in a shared workspace (issue 12): every file that only one computer may
 * write (revisions, audit chains, settings changes) carries this id in its name, so two computers never write one
 * file however a sync engine delivers them.
 *
 * The id is made once per user-data folder and kept there, so it survives a renamed computer; the name is what
 * people see ("saved on PRESS-PC1"). Tests and the sync harness give each simulated computer its own user-data
 * folder and PRESSROOM_COMPUTER_NAME.
 */
export interface Computer {
  /** `<name slug>-<6 random>`; letters, digits and '-' only, so it is safe inside a file name on every system. */
  readonly id: string;
  /** As people know the computer: PRESSROOM_COMPUTER_NAME, else the host name. */
  readonly name: string;
}

export const COMPUTER_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,40}$/;
const ID_FILE = 'computer-id.txt';

const known = new Map<string, Computer>();

export function computerName(env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env.PRESSROOM_COMPUTER_NAME?.trim();
  return (chosen || hostname() || 'computer').slice(0, 64);
}

function slug(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 24)
    .replace(/-+$/, '');
  return cleaned || 'computer';
}

/**
 * The computer that owns `userData`. Read synchronously and once per folder: it is needed before the first file
 * of a workspace is written, and it never changes while the app runs.
 */
export function thisComputer(userData: string, env: NodeJS.ProcessEnv = process.env): Computer {
  const folder = resolve(userData);
  const name = computerName(env);
  const cached = known.get(folder);
  if (cached && cached.name === name) return cached;
  const file = join(folder, ID_FILE);
  let id: string | null = null;
  try {
    const stored = readFileSync(file, 'utf8').trim();
    if (COMPUTER_ID_PATTERN.test(stored)) id = stored;
  } catch {
    // First run on this computer: made below.
  }
  if (id === null) {
    id = `${slug(name)}-${randomBytes(4).toString('hex').slice(0, 6)}`;
    try {
      mkdirSync(folder, { recursive: true });
      writeFileSync(file, `${id}\n`, { flag: 'wx' });
    } catch {
      // Another process made it first (flag wx): use theirs, so that one computer has one id.
      try {
        const stored = readFileSync(file, 'utf8').trim();
        if (COMPUTER_ID_PATTERN.test(stored)) id = stored;
      } catch {
        // Not writable: this run keeps the id it made; files it writes are still its own.
      }
    }
  }
  const computer = { id, name };
  known.set(folder, computer);
  return computer;
}
