import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  call,
  createDispatcher,
  createWorkspaceHandlers,
  type ApiDispatcher,
} from '../../../src-main/services/api/dispatch';
import { createDistributionLists } from '../../../src-main/services/distribution/distribution-list';
import { readContactsCsv } from '../../../src-main/services/distribution/csv-contacts';
import { createChromiumPrinter } from '../../../src-main/services/export/chromium-printer';
import { createMemoryIdentityStore } from '../../../src-main/services/identity';
import { workspaceLayout } from '../../../src-main/services/workspace/layout';
import { openWorkspace } from '../../../src-main/services/workspace/store';
import type { Release } from '../../../src-shared/release/schema';
import { APPROVER, WRITER, value } from './people';

/**
 * Email drafts and the distribution list (issue 16, items 3 and 5): CSV import with a message per bad row, the
 * do-not-contact list checked before every draft, the drafts parsed back with a mail parser (X-Unsent, the
 * embargo in the subject and first line, HTML and text, the PDF attached), the export rules of every format, and
 * the lists kept as one append-only file per computer.
 */

const printer = createChromiumPrinter();
afterAll(() => printer.close());

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
});
async function temp(prefix: string) {
  const folder = await mkdtemp(join(tmpdir(), prefix));
  folders.push(folder);
  return folder;
}

/** Before the embargo of the releases below (18 July 2026, 00:01 London). */
const NOW = new Date('2026-07-01T09:00:00Z');

async function office() {
  const folder = await temp('pressroom-mail-');
  const userData = await temp('pressroom-mail-user-');
  const session = async (person: typeof WRITER) =>
    createDispatcher(
      createWorkspaceHandlers(await openWorkspace(folder), {
        identity: createMemoryIdentityStore(person),
        printer: () => printer,
        userData,
        now: () => NOW,
      }),
    );
  return { folder, writer: await session(WRITER), approver: await session(APPROVER) };
}

async function saved(api: ApiDispatcher, change: Partial<Release> = {}): Promise<Release> {
  const created = await value(call(api, 'releases.create', { type: 'news-release' }));
  return value(
    call(api, 'releases.save', {
      release: {
        ...created,
        headline: 'Council approves new cycle lanes',
        standfirst: 'The council voted on Monday to build three new cycle lanes.',
        header: { ...created.header, embargo: { until: '2026-07-18T00:01', timeZone: 'Europe/London' } },
        mediaContacts: [
          { name: 'Press office', role: '', phone: '', email: 'press@council.example', outOfHours: '' },
        ],
        ...change,
      },
    }),
  );
}

const CSV = [
  'Email address,Name,Publication',
  'ann@kentecho.example,Ann Reporter,Kent Echo',
  'not-an-address,Bad Row,Nowhere',
  'bob@dailybugle.example,Bob Writer,Daily Bugle',
  ',No Address,Somewhere',
  'ANN@kentecho.example,Ann Again,Kent Echo',
  'cat@radio.example,Cat Presenter,Radio Northshire',
].join('\r\n');

const parse = async (base64: string): Promise<ParsedMail> => simpleParser(Buffer.from(base64, 'base64'));
const addresses = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((each) => each.value.map((v) => v.address));

describe('the distribution list', () => {
  it('imports a CSV: columns by heading, each bad row said by its line, the good rows in', async () => {
    const { writer } = await office();
    const outcome = await value(call(writer, 'distribution.importCsv', { text: CSV }));
    expect(outcome.added).toBe(3);
    expect(outcome.rejected.map((r) => r.message)).toEqual([
      'Row 3: “not-an-address” is not an email address.',
      'Row 5: there is no email address.',
      'Row 6: ANN@kentecho.example is already on row 2.',
    ]);
    expect(outcome.list.contacts.map((c) => [c.name, c.outlet, c.email])).toEqual([
      ['Ann Reporter', 'Kent Echo', 'ann@kentecho.example'],
      ['Bob Writer', 'Daily Bugle', 'bob@dailybugle.example'],
      ['Cat Presenter', 'Radio Northshire', 'cat@radio.example'],
    ]);
    // The same file again changes nothing.
    const again = await value(call(writer, 'distribution.importCsv', { text: CSV }));
    expect([again.added, again.updated]).toEqual([0, 0]);
  });

  it('reads a file without headings as name, outlet, email, and semicolons as Excel writes them', () => {
    expect(readContactsCsv('Dee Editor;The Post;dee@post.example\n').contacts).toEqual([
      { name: 'Dee Editor', outlet: 'The Post', email: 'dee@post.example', row: 1 },
    ]);
    expect(readContactsCsv('"unclosed,quote\n').rejected[0]!.message).toMatch(/could not be read as CSV/);
  });

  it('marks contacts on the do-not-contact list by address, domain or outlet', async () => {
    const { writer } = await office();
    await value(call(writer, 'distribution.importCsv', { text: CSV }));
    await value(
      call(writer, 'distribution.addDoNotContact', {
        value: 'Kent Echo',
        reason: 'Asked not to be sent releases',
      }),
    );
    const list = await value(
      call(writer, 'distribution.addDoNotContact', { value: '@radio.example', reason: '' }),
    );
    expect(list.contacts.map((c) => [c.email, c.refusedBecause])).toEqual([
      ['ann@kentecho.example', 'on the do-not-contact list (Kent Echo: Asked not to be sent releases)'],
      ['bob@dailybugle.example', null],
      ['cat@radio.example', 'on the do-not-contact list (@radio.example)'],
    ]);
    const entry = list.doNotContact.find((e) => e.value === '@radio.example')!;
    const after = await value(call(writer, 'distribution.removeDoNotContact', { id: entry.id }));
    expect(after.contacts.find((c) => c.email === 'cat@radio.example')!.refusedBecause).toBeNull();
    expect(
      await call(writer, 'distribution.addContact', { name: 'X', outlet: '', email: 'x@' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });

  it('is one append-only file per computer, the list their merge', async () => {
    const folder = await temp('pressroom-mail-sync-');
    const laptop = createDistributionLists(workspaceLayout(folder, await temp('pressroom-a-')));
    const desktop = createDistributionLists(workspaceLayout(folder, await temp('pressroom-b-')));
    const sam = { id: 'u-sam', name: 'Sam' };
    await laptop.addContact(
      { name: 'Ann Reporter', outlet: 'Kent Echo', email: 'ann@kentecho.example' },
      sam,
    );
    await desktop.addContact(
      { name: 'Bob Writer', outlet: 'Daily Bugle', email: 'bob@dailybugle.example' },
      sam,
    );
    await desktop.addDoNotContact({ value: 'ann@kentecho.example', reason: '' }, sam);
    const files = await readdir(join(folder, 'distribution'));
    expect(files).toHaveLength(2);
    const seenByLaptop = await laptop.list();
    expect(seenByLaptop.contacts.map((c) => [c.name, c.refusedBecause !== null])).toEqual([
      ['Ann Reporter', true],
      ['Bob Writer', false],
    ]);
    // Each file holds only its own computer's changes.
    const texts = await Promise.all(files.map((f) => readFile(join(folder, 'distribution', f), 'utf8')));
    expect(texts.map((t) => t.trim().split('\n').length).sort()).toEqual([1, 2]);
  });
});

describe('email drafts', () => {
  it('one draft per recipient: unsent, To one person, embargo and draft mark in the subject and first line, HTML, text and the PDF', async () => {
    const { writer } = await office();
    await value(call(writer, 'distribution.importCsv', { text: CSV }));
    await value(
      call(writer, 'distribution.addDoNotContact', {
        value: 'cat@radio.example',
        reason: 'Left the station',
      }),
    );
    const plain = await saved(writer);
    // Internal fields (tags, the protected people) never reach a draft.
    const release = await saved(writer, {
      header: { ...plain.header, tags: ['Internal-tag-marker'] },
      anonymityList: [{ id: 'p-x', name: 'Quentin Protectedperson', variants: [], identifiers: [] }],
    });
    const out = await value(call(writer, 'export.emailDrafts', { id: release.id, mode: 'per-recipient' }));
    expect(out.draft).toBe(true);
    expect(out.refused.map((c) => [c.email, c.reason])).toEqual([
      ['cat@radio.example', 'on the do-not-contact list (cat@radio.example: Left the station)'],
    ]);
    expect(out.drafts.map((d) => d.fileName)).toEqual([
      expect.stringMatching(/^DRAFT-NOT-APPROVED-.*-to-ann-kentecho-example\.eml$/),
      expect.stringMatching(/^DRAFT-NOT-APPROVED-.*-to-bob-dailybugle-example\.eml$/),
    ]);
    const mail = await parse(out.drafts[0]!.dataBase64);
    expect(mail.headers.get('x-unsent')).toBe('1');
    expect(addresses(mail.to)).toEqual(['ann@kentecho.example']);
    expect(addresses(mail.bcc)).toEqual([]);
    expect(addresses(mail.from)).toEqual(['press@council.example']);
    expect(mail.subject).toBe(
      '[DRAFT — NOT APPROVED] EMBARGOED UNTIL 00:01 BST, Saturday 18 July 2026: Council approves new cycle lanes',
    );
    expect(mail.text!.split('\n')[0]).toBe('EMBARGOED UNTIL 00:01 BST, Saturday 18 July 2026');
    expect(mail.text).toContain('DRAFT — NOT APPROVED');
    expect(mail.html).toMatch(
      /<body><p class="email-embargo"><strong>EMBARGOED UNTIL 00:01 BST, Saturday 18 July 2026/,
    );
    expect(mail.html).toContain('class="draft-banner"');
    expect(mail.html).toContain('<h1 data-field="headline">Council approves new cycle lanes</h1>');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ contentType: 'application/pdf' });
    expect(mail.attachments[0]!.filename).toMatch(/^DRAFT-NOT-APPROVED-.*\.pdf$/);
    expect(mail.attachments[0]!.content.subarray(0, 4).toString()).toBe('%PDF');
    for (const internal of ['Internal-tag-marker', 'Protectedperson']) {
      expect(`${mail.subject}${mail.text}${mail.html}`).not.toContain(internal);
    }
    // Nobody on the do-not-contact list is in any draft.
    for (const draft of out.drafts) {
      expect(Buffer.from(draft.dataBase64, 'base64').toString('latin1')).not.toContain('cat@radio.example');
    }
    const trail = (await value(call(writer, 'audit.read', { id: release.id }))).entries;
    expect(trail.at(-1)).toMatchObject({
      event: 'exported',
      details: { format: 'eml', kind: 'draft', drafts: 2 },
    });
  }, 60_000);

  it('one draft with Bcc: To the press office, everyone allowed in Bcc; a final one asks for the embargo first', async () => {
    const { writer, approver } = await office();
    await value(call(writer, 'distribution.importCsv', { text: CSV }));
    let release = await saved(writer);
    release = await value(
      call(writer, 'releases.act', { id: release.id, revision: release.revision, action: 'submit' }),
    );
    release = await value(
      call(approver, 'releases.act', { id: release.id, revision: release.revision, action: 'approve' }),
    );
    const refused = await call(writer, 'export.emailDrafts', { id: release.id, mode: 'bcc' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'refused', message: expect.stringMatching(/embargo/) },
    });
    const out = await value(
      call(writer, 'export.emailDrafts', { id: release.id, mode: 'bcc', confirmEmbargo: true }),
    );
    expect(out).toMatchObject({ draft: false, published: true });
    expect(out.drafts).toHaveLength(1);
    const mail = await parse(out.drafts[0]!.dataBase64);
    expect(addresses(mail.to)).toEqual(['press@council.example']);
    expect(addresses(mail.bcc)).toEqual([
      'ann@kentecho.example',
      'bob@dailybugle.example',
      'cat@radio.example',
    ]);
    expect(mail.subject).toBe(
      'EMBARGOED UNTIL 00:01 BST, Saturday 18 July 2026: Council approves new cycle lanes',
    );
    expect(mail.text).not.toContain('DRAFT');
    expect(mail.html).not.toContain('class="draft-banner"');
    const trail = (await value(call(writer, 'audit.read', { id: release.id }))).entries;
    expect(trail.at(-1)).toMatchObject({ event: 'exported', details: { format: 'eml', kind: 'final' } });
  }, 60_000);

  it('makes no draft when everyone chosen is on the do-not-contact list, or the list is empty', async () => {
    const { writer } = await office();
    const release = await saved(writer);
    expect(await call(writer, 'export.emailDrafts', { id: release.id, mode: 'bcc' })).toMatchObject({
      ok: false,
      error: { code: 'refused', message: expect.stringMatching(/distribution list is empty/) },
    });
    const list = await value(
      call(writer, 'distribution.addContact', {
        name: 'Ann',
        outlet: 'Kent Echo',
        email: 'ann@kentecho.example',
      }),
    );
    await value(call(writer, 'distribution.addDoNotContact', { value: 'kent echo', reason: '' }));
    expect(
      await call(writer, 'export.emailDrafts', {
        id: release.id,
        mode: 'per-recipient',
        contactIds: [list.contacts[0]!.id],
      }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'refused',
        message: 'No draft was made: the contact chosen is on the do-not-contact list.',
      },
    });
    const trail = (await value(call(writer, 'audit.read', { id: release.id }))).entries;
    expect(trail.map((e) => e.event)).not.toContain('exported');
  });

  it('refuses a protected person as every export does (the file name would carry the name)', async () => {
    const { writer } = await office();
    await value(call(writer, 'distribution.importCsv', { text: CSV }));
    const release = await saved(writer, {
      headline: 'Jane Doe speaks out',
      anonymityList: [{ id: 'p-jane', name: 'Jane Doe', variants: [], identifiers: [] }],
    });
    for (const answer of [
      await call(writer, 'export.emailDrafts', { id: release.id, mode: 'bcc' }),
      await call(writer, 'export.release', { id: release.id, format: 'docx' }),
    ]) {
      expect(answer).toMatchObject({
        ok: false,
        error: { code: 'refused', details: { privacy: 'protected-person' } },
      });
    }
  });
});

describe('Word export through the workflow', () => {
  it('a draft leaves marked; a final export is recorded as docx', async () => {
    const { writer, approver } = await office();
    let release = await saved(writer, { header: { ...(await saved(writer)).header, embargo: null } });
    const draft = await value(call(writer, 'export.release', { id: release.id, format: 'docx' }));
    expect(draft).toMatchObject({ draft: true, published: false });
    expect(draft.fileName).toMatch(/^DRAFT-NOT-APPROVED-.*\.docx$/);
    release = await value(
      call(writer, 'releases.act', { id: release.id, revision: release.revision, action: 'submit' }),
    );
    release = await value(
      call(approver, 'releases.act', { id: release.id, revision: release.revision, action: 'approve' }),
    );
    const final = await value(call(writer, 'export.release', { id: release.id, format: 'docx' }));
    expect(final).toMatchObject({ draft: false, published: true });
    const trail = (await value(call(writer, 'audit.read', { id: release.id }))).entries;
    expect(trail.at(-1)).toMatchObject({ event: 'exported', details: { format: 'docx', kind: 'final' } });
  });
});
