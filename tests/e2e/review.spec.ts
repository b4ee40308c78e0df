import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { auditChainFiles, readAuditEntries, readStoredRelease } from '../support/stored-release';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { readStoredWorkspace } from '../../src-main/services/workspace/workspace-settings';
import { EditorPage, expect, startHost, test, type E2EPerson, type RunningHost, takeStep } from './fixtures';

/**
 * Review and approval with two people on one workspace folder, each with their own browser host and user-data
 * folder (issue 5, item 9): what one does reaches the other through the folder, and the workflow guards hold.
 */

const WREN: E2EPerson = { id: 'u-wren', name: 'Wren Writer', roles: ['writer'] };
const RAFI: E2EPerson = { id: 'u-rafi', name: 'Rafi Reviewer', roles: ['reviewer', 'approver'] };
const LEGAL: E2EPerson = { id: 'u-lee', name: 'Lee Legal', roles: ['reviewer'] };
const DANA: E2EPerson = { id: 'u-dana', name: 'Dana Director', roles: ['approver'] };

async function open(browser: Browser, host: RunningHost, hash = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${host.url}${hash}`);
  return page;
}

async function releaseFile(workspace: string, id: string) {
  return (await readStoredRelease(workspace, id)) as unknown as {
    status: string;
    approvals: Array<{ personName: string; stepLabel: string; contentHash: string }>;
    headline: string;
  };
}

const status = (page: Page) => page.locator('.workflow-bar [data-status]');

async function writeDraft(page: Page, headline: string): Promise<string> {
  await expect(page.getByRole('heading', { name: 'Releases', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'New release' }).click();
  const editor = new EditorPage(page);
  await editor.headline.fill(headline);
  await editor.waitUntilSaved();
  return editor.releaseIdFromUrl();
}

test('writer submits, reviewer asks for changes, writer revises, reviewer approves, an edit lapses it', async ({
  browser,
  workspace,
}) => {
  const writerHost = await startHost(workspace, { person: WREN });
  const reviewerHost = await startHost(workspace, { person: RAFI });
  try {
    const writer = await open(browser, writerHost);
    const id = await writeDraft(writer, 'Officer dismissed after gross misconduct hearing');
    await expect(status(writer)).toHaveText('Draft');
    await takeStep(writer, 'Submit for review');
    await expect(status(writer)).toHaveText('In review');
    expect((await releaseFile(workspace, id)).status).toBe('in-review');

    // The reviewer finds it waiting, comments on the headline and asks for changes with a reason.
    const reviewer = await open(browser, reviewerHost);
    await expect(reviewer.getByTestId('waiting-count')).toHaveText('1');
    await reviewer.getByRole('button', { name: /Waiting for me/ }).click();
    await reviewer.getByRole('link', { name: 'Officer dismissed after gross misconduct hearing' }).click();
    await expect(status(reviewer)).toHaveText('In review');
    // A comment on the headline, beside the field; the writer will see it there.
    await reviewer.getByRole('button', { name: /^Comment on Headline/ }).click();
    const onHeadline = reviewer.getByRole('region', { name: 'Comments on Headline', exact: true });
    await onHeadline.getByRole('textbox', { name: 'Add a comment' }).fill('Which hearing? Give the date.');
    await onHeadline.getByRole('button', { name: 'Add comment' }).click();
    await expect(onHeadline.locator('.comment-thread')).toHaveCount(1);
    await reviewer.getByRole('button', { name: 'Request changes…' }).click();
    await reviewer.getByRole('button', { name: 'Request changes', exact: true }).click();
    await expect(reviewer.getByText('Give a reason')).toBeVisible();
    await reviewer.getByLabel('What needs to change?').fill('Say when the hearing took place.');
    await reviewer.getByRole('button', { name: 'Request changes', exact: true }).click();
    await expect(status(reviewer)).toHaveText('Changes requested');

    // The writer sees the request and the reason (the release changed on disk; reopening shows it).
    await writer.reload();
    await expect(status(writer)).toHaveText('Changes requested');
    await expect(writer.getByTestId('changes-requested-reason')).toContainText(
      'Rafi Reviewer asked for changes: Say when the hearing took place.',
    );
    await expect(writer.getByRole('button', { name: 'Comment on Headline, 1 open' })).toBeVisible();
    await writer.getByRole('button', { name: 'Comment on Headline, 1 open' }).click();
    await expect(
      writer.getByRole('region', { name: 'Comments on Headline', exact: true }).locator('.comment-text'),
    ).toHaveText('Which hearing? Give the date.');
    const editor = new EditorPage(writer);
    await editor.headline.fill('Officer dismissed after gross misconduct hearing on 3 June');
    await editor.waitUntilSaved();
    await takeStep(writer, 'Submit for review');
    await expect(status(writer)).toHaveText('In review');

    // The reviewer approves: the sign-off is bound to the hash of exactly this text.
    await reviewer.reload();
    await expect(status(reviewer)).toHaveText('In review');
    await takeStep(reviewer, 'Approve');
    await expect(status(reviewer)).toHaveText('Approved');
    await expect(reviewer.locator('.approval-steps')).toContainText('Approval: Rafi Reviewer');
    const approved = await releaseFile(workspace, id);
    expect(approved.status).toBe('approved');
    expect(approved.approvals).toEqual([
      expect.objectContaining({
        personName: 'Rafi Reviewer',
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);

    // The writer changes one word: the approval lapses, the release is a draft again, on screen and on disk.
    await writer.reload();
    await expect(status(writer)).toHaveText('Approved');
    await expect(writer.getByText(/any change to it sets the sign-off aside/)).toBeVisible();
    // The first edit asks before it withdraws the approval (issue 14, item 10): the writer goes ahead.
    await editor.headline.fill('Officer sacked after gross misconduct hearing on 3 June');
    await writer
      .getByRole('dialog', { name: 'Edit the approved text?' })
      .getByRole('button', { name: 'Edit and withdraw' })
      .click();
    await editor.headline.fill('Officer sacked after gross misconduct hearing on 3 June');
    await editor.waitUntilSaved();
    await expect(status(writer)).toHaveText('Draft');
    await expect(writer.getByTestId('lapse-notice')).toBeVisible();
    const lapsed = await releaseFile(workspace, id);
    expect(lapsed).toMatchObject({ status: 'draft', approvals: [] });

    // Every step is in the audit trail, in order, with the chain intact.
    const trail = (await readAuditEntries(workspace, id)).map((entry) => entry.event);
    expect(trail).toEqual([
      'created',
      'edited',
      'submitted',
      'commented',
      'changes-requested',
      'edited',
      'submitted',
      'approved',
      'lapsed',
      'edited',
    ]);
  } finally {
    await Promise.all([writerHost.stop(), reviewerHost.stop()]);
  }
});

test('a self-approval attempt is refused with the reason on screen', async ({ browser, workspace }) => {
  const host = await startHost(workspace); // Sam Taylor holds every role
  try {
    const page = await open(browser, host);
    const id = await writeDraft(page, 'Council confirms road closure');
    await takeStep(page, 'Submit for review');
    await expect(status(page)).toHaveText('In review');
    await takeStep(page, 'Approve');
    await expect(page.getByTestId('workflow-notice')).toContainText(
      'You edited this release since it was last approved, so someone else must approve it.',
    );
    await expect(status(page)).toHaveText('In review');
    expect((await releaseFile(workspace, id)).status).toBe('in-review');
  } finally {
    await host.stop();
  }
});

test('a two-step approval chain completes in order', async ({ browser, workspace }) => {
  const writerHost = await startHost(workspace, { person: WREN });
  const legalHost = await startHost(workspace, { person: LEGAL });
  const directorHost = await startHost(workspace, { person: DANA });
  try {
    // The chain is set in the review settings on the profile screen.
    const writer = await open(browser, writerHost, '#/profile');
    await writer.getByLabel('Step 1 name').fill('Legal');
    await writer.getByLabel('Signed by').selectOption('reviewer');
    await writer.getByRole('button', { name: 'Add a step' }).click();
    await writer.getByLabel('Step 2 name').fill('Director');
    await writer.getByRole('button', { name: 'Save profile' }).click();
    await expect(writer.getByRole('status').filter({ hasText: 'Profile saved' })).toBeVisible();
    await writer.getByRole('link', { name: '← Library' }).click();

    const id = await writeDraft(writer, 'Watchdog publishes annual complaints figures');
    await takeStep(writer, 'Submit for review');
    await expect(writer.locator('.approval-steps')).toContainText('○ Legal');

    // The director is not due yet: the release does not wait for them, and their approval is refused.
    const director = await open(browser, directorHost);
    await expect(director.getByTestId('waiting-count')).toHaveText('0');
    await director.goto(`${directorHost.url}#/release/${id}`);
    await takeStep(director, 'Approve');
    await expect(director.getByTestId('workflow-notice')).toContainText('Legal');
    expect((await releaseFile(workspace, id)).approvals).toEqual([]);

    const legal = await open(browser, legalHost);
    await expect(legal.getByTestId('waiting-count')).toHaveText('1');
    await legal.goto(`${legalHost.url}#/release/${id}`);
    await takeStep(legal, 'Approve');
    await expect(legal.getByTestId('workflow-notice')).toContainText('next step of the approval chain');
    await expect(status(legal)).toHaveText('In review');

    await director.reload();
    await expect(director.locator('.approval-steps')).toContainText('✓ Legal: Lee Legal');
    await takeStep(director, 'Approve');
    await expect(status(director)).toHaveText('Approved');
    const file = await releaseFile(workspace, id);
    expect(file.approvals.map((a) => [a.stepLabel, a.personName])).toEqual([
      ['Legal', 'Lee Legal'],
      ['Director', 'Dana Director'],
    ]);
  } finally {
    await Promise.all([writerHost.stop(), legalHost.stop(), directorHost.stop()]);
  }
});

test('first run asks for a name and roles before anything else', async ({ browser, workspace }) => {
  const host = await startHost(workspace, { person: null });
  try {
    const page = await open(browser, host);
    const dialog = page.getByRole('dialog', { name: 'Welcome to Pressroom' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('self-declared');
    await dialog.getByLabel('Writer').uncheck();
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expect(dialog.getByRole('alert')).toContainText('Enter your name');
    await dialog.getByLabel('Your name').fill('Jo Press');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expect(dialog.getByRole('alert')).toContainText('Choose at least one role');
    await dialog.getByLabel('Reviewer').check();
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByTestId('identity-chip')).toContainText('Jo Press (Reviewer)');
    // workspace.json is never written now (issue 12, item 5): people are recorded in workspace-changes/.
    const people = await readStoredWorkspace(workspace);
    expect(people.people).toEqual([expect.objectContaining({ name: 'Jo Press', roles: ['reviewer'] })]);
  } finally {
    await host.stop();
  }
});

test('an altered audit trail is reported when the release is opened', async ({ browser, workspace }) => {
  const host = await startHost(workspace);
  try {
    const page = await open(browser, host);
    const id = await writeDraft(page, 'Audit trail under test');
    await expect(page.getByTestId('audit-broken')).toHaveCount(0);
    // This computer's chain: one host is one computer.
    const [path] = await auditChainFiles(workspace, id);
    const text = await readFile(path!, 'utf8');
    // One byte of the first entry: "created" becomes "creat3d" (still valid JSON, no longer the written text).
    await writeFile(path!, text.replace('"created"', '"creat3d"'));
    await page.reload();
    await expect(page.getByTestId('audit-broken')).toContainText(
      'The audit trail of this release has been altered',
    );
  } finally {
    await host.stop();
  }
});

test('a release file goes to an outside approver and comes back approved', async ({ browser }) => {
  const officeFolder = await mkdtemp(join(tmpdir(), 'pressroom-e2e-office-'));
  const outsideFolder = await mkdtemp(join(tmpdir(), 'pressroom-e2e-outside-'));
  const officeHost = await startHost(officeFolder, { person: WREN });
  const outsideHost = await startHost(outsideFolder, { person: DANA });
  try {
    const office = await open(browser, officeHost);
    const id = await writeDraft(office, 'Independent review of custody death published');
    await takeStep(office, 'Submit for review');
    await expect(status(office)).toHaveText('In review');
    const [sent] = await Promise.all([
      office.waitForEvent('download'),
      office.getByRole('button', { name: 'Save as release file' }).click(),
    ]);
    expect(sent.suggestedFilename()).toBe('independent-review-of-custody-death-published.pressrelease');
    const sentPath = join(officeFolder, '..', `sent-${id}.pressrelease`);
    await sent.saveAs(sentPath);

    // The outside approver opens it in their own Pressroom, approves, and saves it back.
    const outside = await open(browser, outsideHost);
    await outside.getByLabel('Release file to open').setInputFiles(sentPath);
    await expect(status(outside)).toHaveText('In review');
    await takeStep(outside, 'Approve');
    await expect(status(outside)).toHaveText('Approved');
    const [back] = await Promise.all([
      outside.waitForEvent('download'),
      outside.getByRole('button', { name: 'Save as release file' }).click(),
    ]);
    const backPath = join(outsideFolder, '..', `back-${id}.pressrelease`);
    await back.saveAs(backPath);

    // A tampered copy is refused with the reason; the genuine one brings the approval home.
    const tampered = (await readFile(backPath, 'utf8')).replace(
      '"headline": "Independent review of custody death published"',
      '"headline": "Independent review of custody death buried"',
    );
    const tamperedPath = join(outsideFolder, '..', `tampered-${id}.pressrelease`);
    await writeFile(tamperedPath, tampered);
    await office.goto(`${officeHost.url.split('#')[0]}#/`);
    await office.getByLabel('Release file to open').setInputFiles(tamperedPath);
    const problem = office.locator('.open-release-file-problem');
    await expect(problem).toContainText('was given for other text');
    await problem.getByRole('button', { name: 'Dismiss' }).click();
    expect((await releaseFile(officeFolder, id)).status).toBe('in-review');

    await office.getByLabel('Release file to open').setInputFiles(backPath);
    await expect(status(office)).toHaveText('Approved');
    await expect(office.locator('.approval-steps')).toContainText('Approval: Dana Director');
    expect((await releaseFile(officeFolder, id)).status).toBe('approved');
  } finally {
    await Promise.all([officeHost.stop(), outsideHost.stop()]);
    await Promise.all([officeFolder, outsideFolder].map((f) => rm(f, { recursive: true, force: true })));
  }
});

test('a stale save is refused, kept as a conflict copy, and compared before the writer chooses', async ({
  browser,
  workspace,
}) => {
  const host = await startHost(workspace, { person: WREN });
  const colleague = await startHost(workspace, { person: RAFI });
  try {
    const page = await open(browser, host);
    const id = await writeDraft(page, 'Bridge closed for repairs');
    const editor = new EditorPage(page);

    // The colleague saves a new headline through their own host just as the writer starts typing.
    const api = async (method: string, input: unknown) => {
      const response = await fetch(`${colleague.origin}/api/${method}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${colleague.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
      return ((await response.json()) as { value: Record<string, unknown> }).value;
    };
    await editor.headline.fill('Bridge closed for urgent repairs');
    const theirs = await api('releases.get', { id });
    await api('releases.save', { release: { ...theirs, headline: 'Bridge shut for repairs until May' } });

    await expect(editor.saveState).toHaveAttribute('data-save-state', 'failed');
    await expect(page.locator('.save-error')).toContainText('Your text was kept in conflicts/');
    const copies = await readdir(join(workspace, 'conflicts'));
    expect(copies).toHaveLength(1);

    await page.getByRole('button', { name: 'Compare and choose' }).click();
    const dialog = page.getByRole('dialog', { name: 'Your text and the version saved elsewhere' });
    await expect(dialog.locator('[data-field="headline"] del')).toContainText('shut');
    await expect(dialog.locator('[data-field="headline"] ins')).toContainText('urgent');
    if (process.env.PRESSROOM_SCREENSHOTS) await page.screenshot({ path: '.tmp/conflict-dialog.png' });
    await dialog.getByRole('button', { name: 'Keep my text' }).click();
    await editor.waitUntilSaved();
    expect((await releaseFile(workspace, id)).headline).toBe('Bridge closed for urgent repairs');
    // Their version was kept in History, not silently overwritten.
    const kept = await readdir(join(workspace, 'history', id));
    const keptTexts = await Promise.all(
      kept.map((name) => readFile(join(workspace, 'history', id, name), 'utf8')),
    );
    expect(keptTexts.some((text) => text.includes('Bridge shut for repairs until May'))).toBe(true);
  } finally {
    await Promise.all([host.stop(), colleague.stop()]);
  }
});

test('submitting a release the checks find errors in asks first, and going back changes nothing', async ({
  page,
  host,
  workspace,
}) => {
  await page.goto(host.url);
  const id = await writeDraft(page, 'Short draft');
  await page.getByRole('button', { name: 'Submit for review', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /The checks found \d+ errors?/ });
  await expect(dialog).toContainText('standfirst');
  await dialog.getByRole('button', { name: /Go back and fix/ }).click();
  await expect(status(page)).toHaveText('Draft');
  expect((await releaseFile(workspace, id)).status).toBe('draft');
  await takeStep(page, 'Submit for review');
  await expect(status(page)).toHaveText('In review');
});
