import { mkdir } from 'node:fs/promises';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Download, Page } from '@playwright/test';
import { simpleParser, type AddressObject } from 'mailparser';
import mammoth from 'mammoth';
import { expect, test, hostApi as api } from './fixtures';

/**
 * Word and email (issue 16, items 2, 3 and 5) from the browser host: a distribution list imported from CSV with a
 * do-not-contact entry, then a Word document and email drafts downloaded from the export dialog and read back
 * (mammoth for the .docx, a mail parser for the .eml).
 */

const SHOTS = '/tmp/shots';

const CSV = [
  'Name,Outlet,Email',
  'Ann Reporter,Kent Echo,ann@kentecho.example',
  'Bob Writer,Daily Bugle,bob@dailybugle.example',
  'Bad Row,Nowhere,not-an-address',
  'Cat Presenter,Radio Northshire,cat@radio.example',
].join('\n');

async function shoot(page: Page, name: string) {
  await mkdir(SHOTS, { recursive: true });
  for (const width of [1440, 600]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`) });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

const addresses = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((each) => each.value.map((v) => v.address));

async function saved(download: Download): Promise<Buffer> {
  const path = await download.path();
  return readFile(path);
}

test('a distribution list from CSV, then a Word document and email drafts that leave out do-not-contact', async ({
  page,
  host,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Workspace', exact: true }).click();
  await page.getByRole('link', { name: 'Distribution list' }).click();
  await expect(page.getByRole('heading', { name: 'Distribution list', level: 1 })).toBeVisible();

  await page.getByLabel('CSV file', { exact: true }).setInputFiles({
    name: 'press-contacts.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(CSV),
  });
  const importStatus = page.getByTestId('import-status');
  await expect(importStatus).toContainText('From press-contacts.csv: 3 contacts added, 1 row left out.');
  await expect(importStatus).toContainText('Row 4: “not-an-address” is not an email address.');
  const contacts = page.getByTestId('distribution-contacts');
  await expect(contacts.getByRole('row')).toHaveCount(4);

  await page.getByLabel('Address, domain or outlet').fill('Radio Northshire');
  await page.getByLabel('Reason (optional)').fill('Asked not to be sent releases');
  await page.getByRole('button', { name: 'Add to do-not-contact list' }).click();
  await expect(contacts.getByRole('row', { name: /cat@radio\.example/ })).toContainText(
    'Not emailed: on the do-not-contact list (Radio Northshire: Asked not to be sent releases)',
  );
  await shoot(page, 'distribution-list');

  // A draft release under embargo, with the press office as its media contact.
  const created = await api(host, 'releases.create', { type: 'news-release' });
  const release = await api(host, 'releases.save', {
    release: {
      ...created,
      headline: 'Bridge to close for six weeks of repairs',
      standfirst: 'The council voted on Monday to close the bridge for repairs.',
      header: {
        ...(created.header as object),
        embargo: { until: '2099-07-18T00:01', timeZone: 'Europe/London' },
      },
      notesToEditors: [{ id: 'n1', text: 'Diversions are signposted.' }],
      mediaContacts: [
        { name: 'Press office', role: '', phone: '', email: 'press@council.example', outOfHours: '' },
      ],
    },
  });
  await page.goto(`${host.url}#/release/${String(release.id)}`);
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export this release' });

  // Word.
  await dialog.getByLabel('Word document (.docx)').check();
  const [word] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Export draft' }).click(),
  ]);
  expect(word.suggestedFilename()).toMatch(/^DRAFT-NOT-APPROVED-.*bridge-to-close.*\.docx$/);
  const text = (await mammoth.extractRawText({ buffer: await saved(word) })).value;
  expect(text).toContain('DRAFT — NOT APPROVED');
  expect(text).toContain('EMBARGOED UNTIL 00:01 BST, Saturday 18 July 2099');
  expect(text).toContain('Bridge to close for six weeks of repairs');
  expect(text).toContain('Diversions are signposted.');
  await expect(dialog.getByTestId('export-status')).toContainText('marked as a draft');

  // Email drafts, one per recipient: the do-not-contact entry is said before the button and left out.
  await dialog.getByLabel('Email draft (.eml)').check();
  await expect(dialog.getByTestId('email-recipients')).toHaveText(
    'To 2 contacts on the distribution list; 1 on the do-not-contact list will be left out.',
  );
  await expect(dialog.getByRole('group', { name: 'Where to' })).toBeHidden();
  await shoot(page, 'export-email-drafts');
  const downloads: Download[] = [];
  page.on('download', (download) => downloads.push(download));
  await dialog.getByRole('button', { name: 'Export draft' }).click();
  await expect(dialog.getByTestId('export-status')).toContainText(
    'Downloaded 2 email drafts, marked as a draft. Left out (do-not-contact list): cat@radio.example.',
  );
  await expect.poll(() => downloads.length).toBe(2);
  const mails = await Promise.all(downloads.map(async (download) => simpleParser(await saved(download))));
  expect(mails.map((mail) => addresses(mail.to))).toEqual([
    ['ann@kentecho.example'],
    ['bob@dailybugle.example'],
  ]);
  for (const mail of mails) {
    expect(mail.headers.get('x-unsent')).toBe('1');
    expect(mail.subject).toBe(
      '[DRAFT — NOT APPROVED] EMBARGOED UNTIL 00:01 BST, Saturday 18 July 2099: Bridge to close for six weeks of repairs',
    );
    expect(mail.text!.split('\n')[0]).toBe('EMBARGOED UNTIL 00:01 BST, Saturday 18 July 2099');
    expect(mail.html).toContain('Bridge to close for six weeks of repairs');
    expect(mail.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
  }
  for (const download of downloads)
    expect(download.suggestedFilename()).toMatch(/^DRAFT-NOT-APPROVED-.*\.eml$/);

  // One draft with everyone in Bcc.
  downloads.length = 0;
  await dialog.getByLabel('One draft, everyone in Bcc').check();
  await dialog.getByRole('button', { name: 'Export draft' }).click();
  await expect.poll(() => downloads.length).toBe(1);
  const bcc = await simpleParser(await saved(downloads[0]!));
  expect(addresses(bcc.to)).toEqual(['press@council.example']);
  expect(addresses(bcc.bcc)).toEqual(['ann@kentecho.example', 'bob@dailybugle.example']);
});
