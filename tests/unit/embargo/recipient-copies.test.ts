import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { simpleParser } from 'mailparser';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../../src-main/cli';
import { call, createDispatcher, createWorkspaceHandlers } from '../../../src-main/services/api/dispatch';
import { createMemoryIdentityStore } from '../../../src-main/services/identity';
import type { PdfPrinter } from '../../../src-main/services/export/pdf-printer';
import { openWorkspace } from '../../../src-main/services/workspace/store';
import { stripCopyMarks } from '../../../src-shared/embargo/fingerprint';
import { protectedPeopleNamed, type Release } from '../../../src-shared/release/schema';
import { DRAFT_MARK } from '../../../src-shared/render/render-release';
import { APPROVER, value, WRITER } from '../services/people';
import { attr, byTag, parseHtml, textOf } from '../export/fixtures';

/**
 * Recipients' embargoed copies keep the rules of every export (issue 16, item 5) and are recorded in the embargo
 * register; `pressroom trace FILE` names the copy. Page copies only (no browser): the PDF path is the 100-recipient
 * test's (embargo-trace.test.ts).
 */

const NOW = new Date('2026-11-24T09:00:00Z');
const EMBARGO = { until: '2026-11-30T00:01', timeZone: 'Europe/London' };
const PARAGRAPH =
  'Detectives are keen to hear from anyone who was in the area between 9pm and 10.30pm and saw or heard ' +
  'anything unusual, or who has doorbell or dashcam footage from Mill Lane, Station Road or the High Street.';
const JANE = { name: 'Jane Smith', outlet: 'The Northshire Echo', email: 'jane.smith@example.org' };
const OMAR = { name: 'Omar Haddad', outlet: 'Radio Northshire', email: '' };

const folders: string[] = [];
afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));
async function temp(prefix: string) {
  const folder = await mkdtemp(join(tmpdir(), prefix));
  folders.push(folder);
  return folder;
}

const noPrinter: PdfPrinter = {
  print: () => Promise.reject(new Error('no PDF in this test')),
  close: () => Promise.resolve(),
};

async function office(now = NOW) {
  const workspace = await temp('pressroom-copies-');
  const session = async (person: typeof WRITER, at = now) =>
    createDispatcher(
      createWorkspaceHandlers(await openWorkspace(workspace), {
        identity: createMemoryIdentityStore(person),
        printer: () => noPrinter,
        now: () => at,
      }),
    );
  return { workspace, writer: await session(WRITER), approver: await session(APPROVER), session };
}

async function releaseIn(
  { writer, approver }: Awaited<ReturnType<typeof office>>,
  change: Partial<Release> = {},
  approve = true,
) {
  const created = await value(call(writer, 'releases.create', { type: 'news-release' }));
  let release = await value(
    call(writer, 'releases.save', {
      release: {
        ...created,
        headline: 'Appeal after man seriously assaulted in Ashford',
        header: { ...created.header, embargo: EMBARGO, tags: ['Ashford internal tag'] },
        body: [{ id: 'p1', text: PARAGRAPH }],
        ...change,
      },
    }),
  );
  if (!approve) return release;
  release = await value(
    call(writer, 'releases.act', { id: release.id, revision: release.revision, action: 'submit' }),
  );
  return value(
    call(approver, 'releases.act', { id: release.id, revision: release.revision, action: 'approve' }),
  );
}

function paragraphText(html: string): string {
  const p = byTag(parseHtml(html), 'p').find((each) => attr(each, 'data-field') === 'body.0');
  return p ? textOf(p) : '';
}

describe('recipients’ embargoed copies', () => {
  it('say whose copy they are under the embargo line, carry the marks, and are in the register', async () => {
    const place = await office();
    const release = await releaseIn(place);
    const out = await temp('pressroom-copies-out-');
    const made = await value(
      call(place.approver, 'embargo.makeCopies', {
        id: release.id,
        recipients: [JANE, OMAR],
        formats: ['html'],
        folder: out,
      }),
    );
    expect(made.draft).toBe(false);
    expect(made.copies.map((copy) => copy.recipient)).toEqual(['Jane Smith', 'Omar Haddad']);
    const html = await readFile(made.copies[0]!.path, 'utf8');
    const text = textOf(parseHtml(html));
    expect(text).toContain('EMBARGOED UNTIL');
    expect(text).toContain('Embargoed copy for Jane Smith, The Northshire Echo');
    expect(text.indexOf('EMBARGOED UNTIL')).toBeLessThan(text.indexOf('Embargoed copy for'));
    expect(html).toContain(`<meta name="pressroom-copy" content="${made.copies[0]!.fingerprint}">`);
    // The words are the release's; only the spaces carry the copy.
    const marked = paragraphText(html);
    expect(marked).not.toBe(PARAGRAPH);
    expect(stripCopyMarks(marked)).toBe(PARAGRAPH);
    expect(made.copies[0]!.fileName).toMatch(/-copy-jane-smith-the-northshire-echo-fp-[0-9a-f]{10}\.html$/);
    // Internal fields stay out: tags, the copy's key, the recipient's email.
    expect(html).not.toContain('Ashford internal tag');
    expect(html).not.toContain('jane.smith@example.org');

    const trail = await value(call(place.approver, 'audit.read', { id: release.id }));
    const register = trail.entries.filter((entry) => entry.event === 'embargo-copy');
    expect(register).toHaveLength(2);
    expect(register[0]!.details).toMatchObject({
      recipient: 'Jane Smith',
      outlet: 'The Northshire Echo',
      format: 'html',
      fingerprint: made.copies[0]!.fingerprint,
      liftUtc: '2026-11-30T00:01:00.000Z',
      liftUk: 'Monday 30 November 2026, 00:01 GMT',
      kind: 'final',
    });
    expect(html).not.toContain(String(register[0]!.details.copyKey));
    const listed = await value(call(place.approver, 'embargo.register', {}));
    expect(listed.copies.map((copy) => copy.recipient).sort()).toEqual(['Jane Smith', 'Omar Haddad']);
    expect(JSON.stringify(listed)).not.toContain(String(register[0]!.details.copyKey));

    // A paragraph of Omar's page names Omar; the text without marks names nobody.
    const omar = paragraphText(await readFile(made.copies[1]!.path, 'utf8'));
    const traced = await value(call(place.writer, 'embargo.trace', { text: omar }));
    expect(traced.match).toMatchObject({ recipient: 'Omar Haddad', format: 'html' });
    expect(traced.match!.confidence).toBeGreaterThan(0.99);
    const plain = await value(call(place.writer, 'embargo.trace', { text: PARAGRAPH }));
    expect(plain.match).toBeNull();
    expect(plain.unmarked).toBeGreaterThan(0.99);

    // pressroom trace FILE says the same.
    const leaked = join(out, 'leaked.txt');
    await writeFile(leaked, `Seen on a forum:\n\n${omar}\n`);
    let stdout = '';
    const io: CliIo = {
      stdout: (chunk) => (stdout += chunk),
      stderr: () => undefined,
      env: { XDG_CONFIG_HOME: join(out, 'config') },
      cwd: out,
      now: () => NOW,
      createPrinter: () => noPrinter,
    };
    expect(await runCli(['trace', leaked, '--workspace', place.workspace], io)).toBe(0);
    expect(stdout).toContain('Traced to: Omar Haddad, Radio Northshire — web page (HTML) copy');
    expect(stdout).toMatch(/Confidence: (>99\.99|99\.\d\d)%/);
    expect(stdout).toContain('Embargo lifts: Monday 30 November 2026, 00:01 GMT (2026-11-30T00:01:00.000Z)');
    stdout = '';
    await writeFile(leaked, PARAGRAPH);
    expect(await runCli(['trace', leaked, '--workspace', place.workspace], io)).toBe(0);
    expect(stdout).toContain('This text matches no recorded copy');
  });

  it('in Word carry the line and the marks in the story, and a paragraph of one names its recipient', async () => {
    const place = await office();
    const release = await releaseIn(place);
    const made = await value(
      call(place.approver, 'embargo.makeCopies', {
        id: release.id,
        recipients: [JANE, OMAR],
        formats: ['docx'],
        folder: await temp('pressroom-copies-out-'),
      }),
    );
    expect(made.copies.map((copy) => copy.fileName)).toEqual([
      expect.stringMatching(/-copy-jane-smith-the-northshire-echo-fp-[0-9a-f]{10}\.docx$/),
      expect.stringMatching(/-copy-omar-haddad-radio-northshire-fp-[0-9a-f]{10}\.docx$/),
    ]);
    const words = (await mammoth.extractRawText({ path: made.copies[1]!.path })).value;
    const paragraph = words.split('\n').find((line) => stripCopyMarks(line) === PARAGRAPH);
    expect(paragraph).toBeTruthy();
    expect(paragraph).not.toBe(PARAGRAPH);
    const traced = await value(call(place.writer, 'embargo.trace', { text: paragraph! }));
    expect(traced.match).toMatchObject({ recipient: 'Omar Haddad', format: 'docx' });
    // The header of every page: the embargo line and whose copy it is.
    const zip = await JSZip.loadAsync(await readFile(made.copies[1]!.path));
    const headerNames = Object.keys(zip.files).filter((name) => /^word\/header\d*\.xml$/.test(name));
    const headerXml = (await Promise.all(headerNames.map((name) => zip.file(name)!.async('string')))).join(
      '',
    );
    expect(headerXml).toContain('EMBARGOED UNTIL');
    expect(headerXml).toContain('Embargoed copy for Omar Haddad, Radio Northshire');
  });

  it('as email drafts go to the recipient alone and a paragraph of the message names them', async () => {
    const place = await office();
    const release = await releaseIn(place);
    const made = await value(
      call(place.approver, 'embargo.makeCopies', {
        id: release.id,
        recipients: [JANE, { ...OMAR, email: 'omar@radio.example' }],
        formats: ['eml'],
        folder: await temp('pressroom-copies-out-'),
      }),
    );
    const message = await simpleParser(await readFile(made.copies[0]!.path));
    expect(message.to).toMatchObject({ value: [{ name: 'Jane Smith', address: 'jane.smith@example.org' }] });
    expect(message.subject).toMatch(/^EMBARGOED UNTIL 00:01 GMT, Monday 30 November 2026: /);
    expect(message.text).toContain('Embargoed copy for Jane Smith, The Northshire Echo');
    // The plain text is wrapped at 72 columns: the paragraph is read across its lines.
    const start = message.text!.indexOf('Detectives');
    const paragraph = message.text!.slice(start, message.text!.indexOf('Street.', start) + 'Street.'.length);
    expect(stripCopyMarks(paragraph).replace(/\s+/g, ' ')).toBe(PARAGRAPH);
    const traced = await value(call(place.writer, 'embargo.trace', { text: paragraph }));
    expect(traced.match).toMatchObject({ recipient: 'Jane Smith', format: 'eml' });
    const fromHtml = await value(
      call(place.writer, 'embargo.trace', { text: paragraphText(String(message.html)) }),
    );
    expect(fromHtml.match).toMatchObject({ recipient: 'Jane Smith', format: 'eml' });
  });

  it('of a release not approved are drafts, marked in the page and the file name', async () => {
    const place = await office();
    const release = await releaseIn(place, {}, false);
    const made = await value(
      call(place.writer, 'embargo.makeCopies', {
        id: release.id,
        recipients: [JANE],
        formats: ['html'],
        folder: await temp('pressroom-copies-out-'),
      }),
    );
    expect(made.draft).toBe(true);
    expect(made.copies[0]!.fileName).toMatch(/^DRAFT-NOT-APPROVED-/);
    expect(textOf(parseHtml(await readFile(made.copies[0]!.path, 'utf8')))).toContain(DRAFT_MARK);
  });

  it('are refused without an embargo, after it lifts, and when they would name a protected person', async () => {
    const place = await office();
    const folder = await temp('pressroom-copies-out-');
    const request = (id: string) => ({ id, recipients: [JANE], formats: ['html' as const], folder });

    const open = await releaseIn(place, { header: { ...(await releaseIn(place)).header, embargo: null } });
    const noEmbargo = await call(place.approver, 'embargo.makeCopies', request(open.id));
    expect(noEmbargo).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(!noEmbargo.ok && noEmbargo.error.message).toMatch(/no embargo/);

    const release = await releaseIn(place);
    const later = await place.session(APPROVER, new Date('2026-12-01T09:00:00Z'));
    const lifted = await call(later, 'embargo.makeCopies', request(release.id));
    expect(lifted).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(!lifted.ok && lifted.error.message).toMatch(/embargo on this release has lifted/);

    // A draft's file name carries its headline: a protected name there refuses even a draft, as an export does.
    const naming = await releaseIn(
      place,
      {
        headline: 'Sam Protected recovering after assault',
        anonymityList: protectedPeopleNamed('Sam Protected'),
      },
      false,
    );
    const refused = await call(place.writer, 'embargo.makeCopies', request(naming.id));
    expect(refused).toMatchObject({ ok: false, error: { code: 'refused' } });
    const trail = await value(call(place.approver, 'audit.read', { id: naming.id }));
    expect(trail.entries.some((entry) => entry.event === 'embargo-copy')).toBe(false);
  });
});
