import { readFile, readdir } from 'node:fs/promises';
import { readStoredRelease } from '../support/stored-release';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { EditorPage, LibraryPage, expect, test } from './fixtures';
import { RELEASE_TEMPLATES } from '../../src-shared/release/templates';
import { RELEASE_TYPES, type Release } from '../../src-shared/release/schema';

/** The accessible name of the focused control: its label, aria-label, or its own text for a button. */
async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    const labelled = (el as HTMLInputElement).labels?.[0]?.textContent;
    return (labelled ?? el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}

/**
 * Moves focus with Tab only (never a click) until the focused control has `name`, and records the order met,
 * so that a test can both drive the form by keyboard and check that focus follows the release structure.
 */
async function tabTo(page: Page, name: string | RegExp, visited?: string[], limit = 120): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const current = await focusedName(page);
    visited?.push(current);
    if (typeof name === 'string' ? current === name : name.test(current)) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

async function typeAt(page: Page, name: string | RegExp, text: string, visited?: string[]) {
  await tabTo(page, name, visited);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

async function releaseOnDisk(workspace: string, id: string): Promise<Release> {
  return (await readStoredRelease(workspace, id)) as unknown as Release;
}

const INITIAL: Record<(typeof RELEASE_TYPES)[number], string> = {
  'news-release': 'N',
  statement: 'S',
  'witness-appeal': 'W',
  'media-advisory': 'M',
  outcome: 'O',
  'embargoed-release': 'E',
};

for (const type of RELEASE_TYPES) {
  const template = RELEASE_TEMPLATES[type];

  test(`a complete ${template.label.toLowerCase()} written with the keyboard alone`, async ({
    page,
    host,
  }) => {
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: 'Releases', exact: true })).toBeVisible();
    await tabTo(page, 'Release type');
    await page.keyboard.press(INITIAL[type]);
    await tabTo(page, 'New release');
    await page.keyboard.press('Enter');
    const editor = new EditorPage(page);
    await expect(editor.headline).toBeVisible();

    const order: string[] = [];
    await typeAt(page, 'Reference', 'REF-1', order);
    await typeAt(page, 'Headline', 'Police watchdog opens investigation into Ashford arrest', order);
    await typeAt(
      page,
      'Standfirst',
      'Northshire Office for Police Conduct began an investigation in Ashford on Tuesday.',
      order,
    );
    for (const detail of template.details) {
      await typeAt(page, detail.label, `${detail.label}: details here.`, order);
    }
    await typeAt(page, 'Paragraph 1', 'Investigators were sent to the scene on Tuesday evening.', order);
    if (template.body.length > 1)
      await typeAt(page, 'Paragraph 2', 'They want to hear from witnesses.', order);
    else {
      await tabTo(page, 'Add paragraph', order);
      await page.keyboard.press('Enter'); // the new paragraph takes the focus
      await page.keyboard.type('They want to hear from witnesses.');
    }
    if (template.sections.includes('quotes')) {
      await tabTo(page, 'Add quote', order);
      await page.keyboard.press('Enter');
      await page.keyboard.type('Jane Smith');
      await typeAt(page, 'Role', 'Regional Director', order);
      await typeAt(
        page,
        'What they said',
        'We will follow the evidence wherever it leads.\n\nWe ask anyone who saw it to come forward.',
        order,
      );
    }
    if (template.sections.includes('background')) {
      await tabTo(page, 'Add background paragraph', order);
      await page.keyboard.press('Enter');
      await page.keyboard.type('The arrest took place on 16 July.');
    }
    await tabTo(page, 'Add note to editors', order);
    await page.keyboard.press('Enter');
    await page.keyboard.type('Being investigated does not imply wrongdoing.');
    await tabTo(page, 'Add media contact', order);
    await page.keyboard.press('Enter'); // the new contact's name takes the focus
    await page.keyboard.type('Press office');
    await typeAt(page, 'Phone', '01632 960000', order);
    await typeAt(page, 'Email', 'press@nopc.example', order);
    await typeAt(page, 'Original article link', 'https://nopc.example/news/ashford', order);

    // Focus met the sections in the order of the standard structure.
    const positions = [
      'Headline',
      'Standfirst',
      'Paragraph 1',
      'Add note to editors',
      'Phone',
      'Original article link',
    ].map((n) => order.indexOf(n));
    expect(
      positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]!)),
      order.join(' | '),
    ).toBe(true);

    const preview = editor.preview;
    await expect(preview.locator('h1')).toHaveCount(1);
    await expect(preview.locator('h1')).toHaveText('Police watchdog opens investigation into Ashford arrest');
    await expect(preview.locator('time[datetime]').first()).toHaveAttribute(
      'datetime',
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00[+-]\d{2}:\d{2}$/,
    );
    if (template.sections.includes('quotes')) {
      await expect(preview.locator('.attribution')).toHaveText('Regional Director Jane Smith said:');
      // UK style: an opening mark at every paragraph, a closing one at the end of the last only.
      await expect(preview.locator('blockquote p')).toHaveText([
        '“We will follow the evidence wherever it leads.',
        '“We ask anyone who saw it to come forward.”',
      ]);
    }
    await expect(preview.locator('section.notes-to-editors ol > li')).toContainText([
      'Being investigated does not imply wrongdoing.',
    ]);
    for (const detail of template.details)
      await expect(preview.locator('dl.key-details')).toContainText(`${detail.label}: details here.`);
    if (template.embargoed) await expect(preview.getByText(/EMBARGOED UNTIL/)).toBeVisible();

    await editor.waitUntilSaved();
    const id = editor.releaseIdFromUrl();
    await expect
      .poll(async () => (await releaseOnDisk(host.workspace, id)).mediaContacts[0]?.email)
      .toBe('press@nopc.example');
    const saved = await releaseOnDisk(host.workspace, id);
    expect(saved.header.type).toBe(type);
    expect(saved.headline).toBe('Police watchdog opens investigation into Ashford arrest');
    expect(saved.canonicalUrl).toBe('https://nopc.example/news/ashford');
  });
}

test('a warning appears while the headline breaks house style and clears when fixed', async ({
  page,
  host,
}) => {
  await new LibraryPage(page).open(host.url);
  await new LibraryPage(page).createRelease();
  const editor = new EditorPage(page);
  await editor.headline.fill('COUNCIL OPENS NEW LIBRARY.');
  const headlineField = page.locator('[data-path="headline"]');
  await expect(headlineField.getByText('Headline is in capitals: write it in sentence case')).toBeVisible();
  await expect(headlineField.getByText('Headline ends with a full stop: headlines take none')).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: /Headline, 2 warnings/ }),
  ).toBeVisible();
  await editor.headline.fill('Council opens new library');
  await expect(headlineField.locator('.finding')).toHaveCount(0);
  await expect(page.getByRole('link', { name: /Headline, complete/ })).toBeVisible();
  await expect(page.locator('[data-path="headline"] .character-count')).toHaveText(
    'You have 40 characters remaining',
  );
  await editor.headline.fill('x'.repeat(70));
  await expect(page.locator('[data-path="headline"] .character-count')).toHaveText(
    'You have 5 characters too many',
  );
});

test('a name on the anonymity list is an error wherever it appears, and the summary jumps to it', async ({
  page,
  host,
}) => {
  await new LibraryPage(page).open(host.url);
  await new LibraryPage(page).createRelease();
  const editor = new EditorPage(page);
  await page.getByRole('button', { name: 'Add protected person' }).click();
  await expect(
    page
      .getByRole('region', { name: 'Protected people (internal)' })
      .getByRole('textbox', { name: 'Name', exact: true }),
  ).toBeFocused();
  await page.keyboard.type('Tom Hardy');
  await page.getByLabel('Paragraph 1', { exact: true }).fill('The boy, tom hardy, was unhurt.');
  // The error at the paragraph names the person; the summary carries the same message as a link.
  const error = page.locator('[data-path="body.0.text"] .finding-error', { hasText: '“Tom Hardy”' }).first();
  await expect(error).toBeVisible();
  const message = (await error.textContent())!.replace(/^Error: /, '');
  const summaryLink = page.locator('.findings-summary').getByRole('link', { name: message });
  await expect(summaryLink).toBeVisible();
  await page.getByLabel('Paragraph 1', { exact: true }).blur();
  await summaryLink.click();
  await expect(page.getByLabel('Paragraph 1', { exact: true })).toBeFocused();
  // The list itself is internal: it never reaches the page.
  await expect(editor.preview.locator('body')).not.toContainText('Tom Hardy');
  await page.getByLabel('Paragraph 1', { exact: true }).fill('The boy was unhurt.');
  await expect(summaryLink).toHaveCount(0);
});

test('paragraphs reorder by keyboard and by drag, and the preview follows', async ({ page, host }) => {
  await new LibraryPage(page).open(host.url);
  await new LibraryPage(page).createRelease();
  const editor = new EditorPage(page);
  await page.getByLabel('Paragraph 1', { exact: true }).fill('Alpha.');
  for (const text of ['Bravo.', 'Charlie.']) {
    await page.getByRole('button', { name: 'Add paragraph' }).click();
    await page.keyboard.type(text);
  }
  // Alt+Up on the focused third paragraph moves it up, keeping the focus on it.
  await page.keyboard.press('Alt+ArrowUp');
  await expect(page.getByLabel('Paragraph 2', { exact: true })).toHaveValue('Charlie.');
  await expect(page.getByLabel('Paragraph 2', { exact: true })).toBeFocused();
  await expect(editor.preview.locator('.body > p')).toHaveText(['Alpha.', 'Charlie.', 'Bravo.']);

  // Drag the first paragraph's handle onto the last paragraph.
  const items = page.locator('#section-body .paragraph-item');
  // HTML5 drag and drop, event by event as the browser fires it, with one shared DataTransfer.
  const dataTransfer = await page.evaluateHandle(() => new DataTransfer());
  await items.nth(0).locator('.drag-handle').dispatchEvent('dragstart', { dataTransfer });
  await items.nth(2).dispatchEvent('dragover', { dataTransfer });
  await expect(items.nth(2)).toHaveClass(/is-drop-target/);
  await items.nth(2).dispatchEvent('drop', { dataTransfer });
  await items.nth(0).locator('.drag-handle').dispatchEvent('dragend', { dataTransfer });
  await expect(editor.preview.locator('.body > p')).toHaveText(['Charlie.', 'Bravo.', 'Alpha.']);
  await editor.waitUntilSaved();
  const id = editor.releaseIdFromUrl();
  await expect
    .poll(async () => (await releaseOnDisk(host.workspace, id)).body.map((p) => p.text))
    .toEqual(['Charlie.', 'Bravo.', 'Alpha.']);
});

test('undo and redo work across fields and structure', async ({ page, host }) => {
  await new LibraryPage(page).open(host.url);
  await new LibraryPage(page).createRelease();
  const editor = new EditorPage(page);
  await editor.headline.fill('First headline');
  await expect(editor.preview.locator('h1')).toHaveText('First headline');
  await page.waitForTimeout(700); // a pause in typing closes an undo step, as in a word processor
  await page.getByRole('button', { name: 'Add paragraph' }).click();
  await page.keyboard.type('Second paragraph.');
  await expect(page.getByLabel('Paragraph 2', { exact: true })).toHaveValue('Second paragraph.');
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(page.getByLabel('Paragraph 2', { exact: true })).toHaveValue('');
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(page.getByLabel('Paragraph 2', { exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(page.getByLabel('Paragraph 2', { exact: true })).toBeVisible();
  await editor.waitUntilSaved();
});

test('clicking a part of the preview focuses its field', async ({ page, host }) => {
  await new LibraryPage(page).open(host.url);
  await new LibraryPage(page).createRelease();
  const editor = new EditorPage(page);
  await editor.headline.fill('Click me');
  await page.getByLabel('Paragraph 1', { exact: true }).fill('A body paragraph to click.');
  await editor.preview.getByText('A body paragraph to click.').click();
  await expect(page.getByLabel('Paragraph 1', { exact: true })).toBeFocused();
  await editor.preview.locator('h1').click();
  await expect(editor.headline).toBeFocused();
});

test('edits that never reached the disk are offered back when the release is reopened', async ({
  page,
  context,
  host,
}) => {
  await new LibraryPage(page).open(host.url);
  await new LibraryPage(page).createRelease();
  const editor = new EditorPage(page);
  await editor.headline.fill('Saved headline');
  await editor.waitUntilSaved();
  const id = editor.releaseIdFromUrl();

  // From now on saves never arrive (as if the app died mid-save); the recovery stash still does.
  await page.route('**/api/releases.save', (route) => route.abort());
  await editor.headline.fill('Typed just before the crash');
  // The stash stays on this computer: in the user-data folder, never in the (possibly shared) workspace.
  const stashes = join(host.userData, 'workspaces');
  await expect
    .poll(async () => {
      const folders = await readdir(stashes).catch(() => []);
      const texts = await Promise.all(
        folders.map((f) => readFile(join(stashes, f, 'recovery', `${id}.json`), 'utf8').catch(() => '')),
      );
      return texts.join('');
    })
    .toContain('Typed just before the crash');
  expect(await readdir(join(host.workspace, '.recovery')).catch(() => [])).toEqual([]);
  // A crash: nothing more gets out (a page closed normally sends its last edits as it goes, past the route).
  await page.evaluate(() => {
    window.fetch = () => Promise.reject(new TypeError('crashed'));
  });
  await page.close({ runBeforeUnload: false });
  expect((await releaseOnDisk(host.workspace, id)).headline).toBe('Saved headline');

  // The next start lists the release with unsaved edits; opening it offers them back.
  const next = await context.newPage();
  await next.goto(`${host.origin}/?token=${host.token}`);
  await expect(next.getByRole('heading', { name: 'Unsaved edits were found for one release' })).toBeVisible();
  await next.locator('.recovery-notice').getByRole('button', { name: 'Typed just before the crash' }).click();
  await expect(next.getByText('Unsaved edits found.')).toBeVisible();
  const reopened = new EditorPage(next);
  await expect(reopened.headline).toHaveValue('Saved headline');
  await next.getByRole('button', { name: 'Restore unsaved edits' }).click();
  await expect(reopened.headline).toHaveValue('Typed just before the crash');
  await reopened.waitUntilSaved();
  await expect
    .poll(async () => (await releaseOnDisk(host.workspace, id)).headline)
    .toBe('Typed just before the crash');
});

test('formatting shortcuts add the allowed inline markup and the preview shows it', async ({
  page,
  host,
}) => {
  await new LibraryPage(page).open(host.url);
  await new LibraryPage(page).createRelease();
  const editor = new EditorPage(page);
  const paragraph = page.getByLabel('Paragraph 1', { exact: true });
  await paragraph.fill('Read the report now');
  // Select "report" with the keyboard, then make it strong.
  await paragraph.press('End');
  for (let i = 0; i < 4; i++) await paragraph.press('ArrowLeft');
  for (let i = 0; i < 6; i++) await paragraph.press('Shift+ArrowLeft');
  await paragraph.press('ControlOrMeta+B');
  await expect(paragraph).toHaveValue('Read the **report** now');
  await expect(editor.preview.locator('.body strong')).toHaveText('report');
  // Ctrl+K wraps the selection in a link and selects the address to type over.
  await paragraph.press('End');
  // Shift+Enter is a line break inside the paragraph (Enter would start a new paragraph).
  await paragraph.press('Shift+Enter');
  await page.keyboard.type('here');
  for (let i = 0; i < 4; i++) await paragraph.press('Shift+ArrowLeft');
  await paragraph.press('ControlOrMeta+K');
  await page.keyboard.type('https://example.org/report');
  await expect(editor.preview.locator('.body a')).toHaveAttribute('href', 'https://example.org/report');
  await expect(editor.preview.locator('.body a')).toHaveText('here');
  // Bullets on the current line.
  await paragraph.press('ControlOrMeta+Shift+8');
  await expect(editor.preview.locator('.body ul > li')).toHaveCount(1);
});

test('the preview offers desktop, narrow and print views', async ({ page, host }) => {
  await new LibraryPage(page).open(host.url);
  await new LibraryPage(page).createRelease();
  const editor = new EditorPage(page);
  await editor.headline.fill('Views');
  const frame = page.locator('iframe[title="Preview of the finished release"]');
  await page.getByRole('button', { name: 'Narrow', exact: true }).click();
  await expect.poll(async () => (await frame.boundingBox())?.width).toBe(390);
  await page.getByRole('button', { name: 'Print', exact: true }).click();
  await expect(editor.preview.locator('html')).toHaveClass(/print-view/);
  await page.getByRole('button', { name: 'Desktop', exact: true }).click();
  await expect(editor.preview.locator('html')).not.toHaveClass(/print-view/);
  await expect.poll(async () => (await frame.boundingBox())?.width).toBeGreaterThan(390);
});
