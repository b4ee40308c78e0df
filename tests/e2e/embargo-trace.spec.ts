import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { release } from '../unit/export/fixtures';
import { expect, startHost, test } from './fixtures';

/**
 * Issue 16, item 4: from the Embargoed copies screen, copies for two recipients; a paragraph copied out of one
 * recipient's page (as a reader selects it) is pasted into Trace and that recipient is named; the text as
 * written matches nobody. Screenshots at 1440 and 600 px.
 */

const REPO = resolve(import.meta.dirname, '../..');
const PARAGRAPH =
  'Detectives are keen to hear from anyone who was in the area between 9pm and 10.30pm and saw or heard ' +
  'anything unusual, or who has doorbell or dashcam footage from Mill Lane, Station Road or the High Street.';

test('copies for two recipients, and a pasted paragraph is traced to its recipient', async ({
  page,
  workspace,
}) => {
  test.setTimeout(120_000);
  await cp(join(REPO, 'resources/default-workspace'), workspace, { recursive: true });
  await mkdir(join(workspace, 'releases'), { recursive: true });
  const embargoed = release(
    {
      id: 'r-mill-lane',
      headline: 'Appeal after man seriously assaulted in Mill Lane',
      header: {
        ...release().header,
        releaseDate: '2030-01-06T00:01',
        embargo: { until: '2030-01-06T00:01', timeZone: 'Europe/London' },
      },
      body: [{ id: 'p1', text: PARAGRAPH }],
    },
    'approved',
  );
  await writeFile(join(workspace, 'releases', `${embargoed.id}.json`), JSON.stringify(embargoed, null, 2));
  const out = await mkdtemp(join(tmpdir(), 'pressroom-copies-e2e-'));
  const host = await startHost(workspace);
  try {
    // Omar is on the workspace's distribution list; Jane is typed in.
    const added = await fetch(`${host.origin}/api/distribution.addContact`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Omar Haddad', outlet: 'Radio Northshire', email: 'omar@radio.example' }),
    });
    expect(((await added.json()) as { ok: boolean }).ok).toBe(true);
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Workspace', exact: true }).click();
    await page.getByRole('link', { name: 'Embargoed copies', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Embargoed copies and leaks', level: 1 })).toBeVisible();

    await expect(page.getByLabel('Release', { exact: true })).toHaveValue('r-mill-lane');
    await page
      .getByLabel('Recipients', { exact: true })
      .fill('Jane Smith, The Northshire Echo, jane.smith@example.org');
    await page.getByRole('button', { name: 'Add the distribution list (1 contact)' }).click();
    await expect(page.getByLabel('Recipients', { exact: true })).toHaveValue(
      'Jane Smith, The Northshire Echo, jane.smith@example.org\nOmar Haddad, Radio Northshire, omar@radio.example',
    );
    await page.getByLabel('Folder for the copies', { exact: true }).fill(out);
    await page.getByRole('button', { name: 'Make copies' }).click();
    await expect(page.getByText(`4 copies made in ${out}`, { exact: false })).toBeVisible({
      timeout: 60_000,
    });
    const register = page.getByRole('table');
    await expect(register.getByRole('row')).toHaveCount(5);
    await expect(register).toContainText('Jane Smith');
    await expect(register).toContainText('Radio Northshire');

    // Omar's page, opened as he would, and the paragraph copied out of it.
    const omarsPage = (await readdir(out)).find((name) =>
      /-copy-omar-haddad-radio-northshire-fp-.*\.html$/.test(name),
    );
    expect(omarsPage).toBeTruthy();
    const reader = await page.context().newPage();
    await reader.goto(pathToFileURL(join(out, omarsPage!)).href);
    await expect(reader.getByText('Embargoed copy for Omar Haddad, Radio Northshire')).toBeVisible();
    await mkdir('/tmp/shots', { recursive: true });
    await reader.screenshot({ path: '/tmp/shots/embargo-copy-page.png' });
    const copied = await reader.locator('[data-field="body.0"]').evaluate((element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return selection.toString();
    });
    await reader.close();

    await page.getByLabel('Leaked text', { exact: true }).fill(copied);
    await page.getByRole('button', { name: 'Trace' }).click();
    const result = page.getByRole('status').filter({ hasText: 'Traced to' });
    await expect(
      result.getByRole('heading', { name: 'Traced to Omar Haddad, Radio Northshire' }),
    ).toBeVisible();
    await expect(result).toContainText('web page copy FP-');
    await expect(result).toContainText('Sunday 6 January 2030, 00:01 GMT');
    await expect(page.getByText(/4 copies made in .* Each says whose copy it is/)).toBeVisible();

    await mkdir('/tmp/shots', { recursive: true });
    for (const width of [1440, 600]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `/tmp/shots/embargo-trace-${width}.png`, fullPage: true });
    }

    // The text as written (the public version) carries no one's marks.
    await page.getByLabel('Leaked text', { exact: true }).fill(PARAGRAPH);
    await page.getByRole('button', { name: 'Trace' }).click();
    await expect(page.getByRole('heading', { name: 'This text matches no recorded copy' })).toBeVisible();
    await expect(page.getByText('It reads like the public text')).toBeVisible();
  } finally {
    await host.stop();
    await rm(out, { recursive: true, force: true });
  }
});
