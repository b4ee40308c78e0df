import { createHash, randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import {
  ContactInputSchema,
  doNotContactReason,
  MAX_CONTACTS,
  MAX_DO_NOT_CONTACT,
  type Contact,
  type ContactInput,
  type DistributionList,
  type DoNotContact,
} from '../../../src-shared/distribution/distribution';
import {
  FileTooLargeError,
  formatBytes,
  isErrorCode,
  NotRegularFileError,
  readRegularTextFile,
  syncFolder,
} from '../workspace/durable-file';
import { withFileLock } from '../workspace/file-lock';
import { SHARED_FOLDERS, type WorkspaceLayout } from '../workspace/layout';
import { StoreError } from '../workspace/store';
import type { CsvRejection } from './csv-contacts';

/**
 * The distribution list and the do-not-contact list of a workspace (issue 16, item 3). Shared data, so kept as
 * ARCHITECTURE §4 asks: each computer appends its changes to its own file,
 *
 *   distribution/<computer>.jsonl   one change a line (a contact added or changed, removed; an entry of the
 *                                   do-not-contact list added or removed), with who and when
 *
 * and the lists are computed from every computer's file, in time order. A contact's id is made from its address,
 * so the same journalist added on two computers is one contact (the later change wins), and a removal on one
 * computer and an edit on another settle the same way everywhere. Nothing is ever rewritten.
 */

const MAX_FILE_BYTES = 16 * 1024 * 1024;

const Who = z.object({ id: z.string().max(200), name: z.string().max(200) });
const ChangeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('contact'),
    id: z.string().min(1).max(100),
    at: z.iso.datetime(),
    by: Who,
    name: z.string().max(200),
    outlet: z.string().max(200),
    email: z.string().max(254),
  }),
  z.object({
    kind: z.literal('contact-removed'),
    id: z.string().min(1).max(100),
    at: z.iso.datetime(),
    by: Who,
  }),
  z.object({
    kind: z.literal('do-not-contact'),
    id: z.string().min(1).max(100),
    at: z.iso.datetime(),
    by: Who,
    value: z.string().max(254),
    reason: z.string().max(500),
  }),
  z.object({
    kind: z.literal('do-not-contact-removed'),
    id: z.string().min(1).max(100),
    at: z.iso.datetime(),
    by: Who,
  }),
]);
type Change = z.infer<typeof ChangeSchema>;

export interface CsvImportOutcome {
  list: DistributionList;
  added: number;
  updated: number;
  rejected: CsvRejection[];
}

export interface DistributionLists {
  list(): Promise<DistributionList>;
  addContact(contact: ContactInput, by: Who): Promise<DistributionList>;
  removeContact(id: string, by: Who): Promise<DistributionList>;
  importCsv(text: string, by: Who): Promise<CsvImportOutcome>;
  addDoNotContact(entry: { value: string; reason: string }, by: Who): Promise<DistributionList>;
  removeDoNotContact(id: string, by: Who): Promise<DistributionList>;
  /**
   * The contacts a draft goes to (all, or those named), checked against the do-not-contact list at this moment:
   * `allowed` may be emailed, `refused` may not, each with the reason.
   */
  recipients(contactIds?: readonly string[]): Promise<{
    allowed: Contact[];
    refused: Array<Contact & { reason: string }>;
  }>;
}
type Who = z.infer<typeof Who>;

/** The same address is the same contact, on every computer. */
export function contactIdOf(email: string): string {
  return `ct-${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 16)}`;
}

export function createDistributionLists(
  layout: WorkspaceLayout,
  options: { now?: () => Date } = {},
): DistributionLists {
  const now = options.now ?? (() => new Date());
  const folder = join(layout.shared, SHARED_FOLDERS.distribution);

  async function readChanges(): Promise<{ changes: Change[]; problems: string[] }> {
    let names: string[];
    try {
      names = (await fsp.readdir(folder)).filter((name) => name.endsWith('.jsonl') && !name.startsWith('.'));
    } catch (error) {
      if (isErrorCode(error, 'ENOENT')) return { changes: [], problems: [] };
      throw new StoreError('io', `The distribution list could not be read (${String(error)}).`);
    }
    const ordered: Array<{ change: Change; file: string; line: number }> = [];
    const problems: string[] = [];
    for (const name of names.sort()) {
      const path = join(folder, name);
      const shown = layout.relative(path) ?? name;
      let text: string | null;
      let why = '';
      try {
        text = await readRegularTextFile(path, MAX_FILE_BYTES);
      } catch (error) {
        text = null;
        why =
          error instanceof FileTooLargeError
            ? ` (it is ${formatBytes(error.size)}, more than a distribution list can be)`
            : error instanceof NotRegularFileError
              ? ` (it is ${error.kind}, not a file)`
              : '';
      }
      if (text === null) {
        problems.push(`${shown} could not be read${why}; it was left as it is.`);
        continue;
      }
      const lines = text.split('\n');
      // A last line without its line break is an append cut short by a crash: not a change yet.
      const complete = lines.slice(0, -1);
      complete.forEach((line, index) => {
        if (!line.trim()) return;
        let parsed: ReturnType<typeof ChangeSchema.safeParse> | null;
        try {
          parsed = ChangeSchema.safeParse(JSON.parse(line));
        } catch {
          parsed = null;
        }
        if (parsed?.success) ordered.push({ change: parsed.data, file: name, line: index });
        else problems.push(`${shown}, line ${index + 1}, could not be read; it was left in the file.`);
      });
    }
    ordered.sort(
      (a, b) =>
        Date.parse(a.change.at) - Date.parse(b.change.at) ||
        (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1),
    );
    return { changes: ordered.map((entry) => entry.change), problems };
  }

  function listOf(changes: readonly Change[], problems: string[]): DistributionList {
    const contacts = new Map<string, Contact>();
    const doNotContact = new Map<string, DoNotContact>();
    for (const change of changes) {
      switch (change.kind) {
        case 'contact':
          contacts.delete(change.id); // a changed contact moves to where it was last changed
          contacts.set(change.id, {
            id: change.id,
            name: change.name,
            outlet: change.outlet,
            email: change.email,
          });
          break;
        case 'contact-removed':
          contacts.delete(change.id);
          break;
        case 'do-not-contact':
          doNotContact.set(change.id, {
            id: change.id,
            value: change.value,
            reason: change.reason,
            addedBy: change.by,
            at: change.at,
          });
          break;
        case 'do-not-contact-removed':
          doNotContact.delete(change.id);
          break;
      }
    }
    const entries = [...doNotContact.values()];
    return {
      contacts: [...contacts.values()]
        .sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || a.email.localeCompare(b.email))
        .map((contact) => ({ ...contact, refusedBecause: doNotContactReason(contact, entries) })),
      doNotContact: entries,
      problems,
    };
  }

  async function current(): Promise<DistributionList> {
    const { changes, problems } = await readChanges();
    return listOf(changes, problems);
  }

  /** This computer's file only; whole lines, durably (a torn last line of our own is cut off first). */
  async function append(changes: readonly Change[]): Promise<void> {
    if (changes.length === 0) return;
    const path = layout.distributionChanges(layout.computer.id);
    try {
      await fsp.mkdir(dirname(path), { recursive: true });
      await withFileLock(path, async () => {
        const handle = await fsp.open(path, 'a+', 0o666);
        try {
          const { size } = await handle.stat();
          if (size > 0) {
            const whole = await handle.readFile();
            if (whole[whole.length - 1] !== 0x0a) await handle.truncate(whole.lastIndexOf(0x0a) + 1);
          }
          await handle.appendFile(changes.map((change) => `${JSON.stringify(change)}\n`).join(''), 'utf8');
          await handle.sync();
        } finally {
          await handle.close();
        }
      });
      await syncFolder(dirname(path)).catch(() => undefined);
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError('io', `The distribution list could not be saved (${String(error)}).`);
    }
  }

  const who = (by: Who): Who => ({ id: by.id, name: by.name });
  const stamp = () => now().toISOString();

  function contactChange(contact: ContactInput, by: Who): Change {
    return {
      kind: 'contact',
      id: contactIdOf(contact.email),
      at: stamp(),
      by: who(by),
      name: contact.name,
      outlet: contact.outlet,
      email: contact.email,
    };
  }

  return {
    list: current,

    async addContact(contact, by) {
      const parsed = ContactInputSchema.parse(contact);
      const list = await current();
      if (
        list.contacts.length >= MAX_CONTACTS &&
        !list.contacts.some((c) => c.id === contactIdOf(parsed.email))
      ) {
        throw new StoreError('refused', `The distribution list holds ${MAX_CONTACTS} contacts at most.`);
      }
      await append([contactChange(parsed, by)]);
      return current();
    },

    async removeContact(id, by) {
      const list = await current();
      if (!list.contacts.some((contact) => contact.id === id)) {
        throw new StoreError('not-found', 'That contact is no longer on the list.');
      }
      await append([{ kind: 'contact-removed', id, at: stamp(), by: who(by) }]);
      return current();
    },

    async importCsv(text, by) {
      // Loaded on the first import: csv-parse is not held by the main process until then.
      const { readContactsCsv } = await import('./csv-contacts');
      const read = readContactsCsv(text);
      const before = await current();
      const known = new Map(before.contacts.map((contact) => [contact.id, contact]));
      let added = 0;
      let updated = 0;
      const changes: Change[] = [];
      const rejected = [...read.rejected];
      for (const contact of read.contacts) {
        const existing = known.get(contactIdOf(contact.email));
        if (existing) {
          // The same details again are not a change.
          if (
            existing.name === contact.name &&
            existing.outlet === contact.outlet &&
            existing.email === contact.email
          )
            continue;
          updated++;
        } else {
          if (known.size + added >= MAX_CONTACTS) {
            rejected.push({
              row: contact.row,
              message: `Row ${contact.row}: the list is full (${MAX_CONTACTS}).`,
            });
            continue;
          }
          added++;
        }
        const { row: _row, ...details } = contact;
        changes.push(contactChange(details, by));
      }
      await append(changes);
      rejected.sort((a, b) => a.row - b.row);
      return { list: await current(), added, updated, rejected };
    },

    async addDoNotContact(entry, by) {
      const list = await current();
      const value = entry.value.trim();
      const same = list.doNotContact.find((each) => each.value.trim().toLowerCase() === value.toLowerCase());
      if (same) return list;
      if (list.doNotContact.length >= MAX_DO_NOT_CONTACT) {
        throw new StoreError(
          'refused',
          `The do-not-contact list holds ${MAX_DO_NOT_CONTACT} entries at most.`,
        );
      }
      await append([
        {
          kind: 'do-not-contact',
          id: `dnc-${randomBytes(6).toString('hex')}`,
          at: stamp(),
          by: who(by),
          value,
          reason: entry.reason.trim(),
        },
      ]);
      return current();
    },

    async removeDoNotContact(id, by) {
      const list = await current();
      if (!list.doNotContact.some((entry) => entry.id === id)) {
        throw new StoreError('not-found', 'That entry is no longer on the do-not-contact list.');
      }
      await append([{ kind: 'do-not-contact-removed', id, at: stamp(), by: who(by) }]);
      return current();
    },

    async recipients(contactIds) {
      const list = await current();
      const wanted = contactIds ? new Set(contactIds) : null;
      if (wanted) {
        const missing = [...wanted].filter((id) => !list.contacts.some((contact) => contact.id === id));
        if (missing.length > 0) {
          throw new StoreError(
            'not-found',
            `${missing.length === 1 ? 'One contact' : `${missing.length} contacts`} chosen ` +
              'are no longer on the distribution list. Choose the recipients again.',
          );
        }
      }
      const chosen = list.contacts.filter((contact) => !wanted || wanted.has(contact.id));
      const strip = ({ refusedBecause: _r, ...contact }: (typeof chosen)[number]): Contact => contact;
      return {
        allowed: chosen.filter((contact) => contact.refusedBecause === null).map(strip),
        refused: chosen
          .filter((contact) => contact.refusedBecause !== null)
          .map((contact) => ({ ...strip(contact), reason: contact.refusedBecause! })),
      };
    },
  };
}
