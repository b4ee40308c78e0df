import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, startHost, test } from './fixtures';

/**
 * The app's own small JSON documents go through one store (issue 15, item 2): a file that cannot be read is set
 * aside for a look, never silently written over.
 */

test('a damaged identity file is kept aside, and the person is asked who they are again', async ({
  browser,
  workspace,
}) => {
  const host = await startHost(workspace, { person: null });
  const damaged = '{"id": "u-sam", "name": "Sam Tay';
  try {
    // Before the page asks who is at the keyboard: identity.json is read on that first question.
    await writeFile(join(host.userData, 'identity.json'), damaged);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(host.url);
    const dialog = page.getByRole('dialog', { name: 'Welcome to Pressroom' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Your name').fill('Jo Press');
    await dialog.getByLabel('Reviewer').check();
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByTestId('identity-chip')).toContainText('Jo Press');

    const files = await readdir(host.userData);
    const aside = files.filter((name) => name.startsWith('identity.json.unreadable-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(host.userData, aside[0]!), 'utf8')).toBe(damaged);
    expect(JSON.parse(await readFile(join(host.userData, 'identity.json'), 'utf8'))).toMatchObject({
      schemaVersion: 1,
      name: 'Jo Press',
    });
    await page.close();
  } finally {
    await host.stop();
  }
});
