import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { EditorPage, LibraryPage, expect, test, type RunningHost } from './fixtures';
import { DEFAULT_PROFILE, type OrganisationProfile } from '../../src-shared/release/schema';
import { formSections } from '../../src-renderer/src/features/editor/kinds/form-plan';
import { RELEASE_TEMPLATES } from '../../src-shared/release/templates';

/**
 * The editor as a press officer sees it, with a witness appeal filled in from top to bottom, wide (three columns)
 * and narrow (the form on its own): screenshots under test-results/editor-screens/ for a person to look at, and
 * the layout rules that can be checked by machine (short fields in pairs, nothing wider than the form, the
 * navigator listing every section the form shows).
 */

// A UK press office's machine. (The browser's own date box follows the operating system's locale: on a machine
// without en_GB locale data it shows month/day, which is why the form says how the date prints.)
test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

const SHOTS = join('test-results', 'editor-screens');

const PROFILE: OrganisationProfile = {
  ...DEFAULT_PROFILE,
  name: 'Northshire Office for Police Conduct',
  boilerplate:
    'The Northshire Office for Police Conduct (NOPC) investigates the most serious complaints about the police in Northshire. It is independent of the police and of government.',
  contacts: [
    {
      name: 'NOPC press office',
      role: 'Media relations',
      phone: '01632 960000',
      email: 'press@nopc.example',
      outOfHours: '07700 900123',
    },
  ],
  outOfHours: '07700 900123',
};

async function setProfile(host: RunningHost, profile: OrganisationProfile) {
  const response = await fetch(`${host.origin}/api/workspace.updateProfile`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ profile }),
  });
  expect(((await response.json()) as { ok: boolean }).ok).toBe(true);
}

/** A witness appeal with every section filled, typed into the form as a writer would. */
async function fillWitnessAppeal(page: Page) {
  const form = page.locator('form.editor-form');
  await page.locator('#field-header-reference').fill('NOPC/2024/0173');
  await page.locator('#field-header-releaseDate').fill('2024-07-18T09:30');
  const tags = page.getByRole('group', { name: 'Tags', exact: true }).getByRole('textbox');
  await tags.first().fill('Ashford');
  await page.getByRole('button', { name: 'Add tag' }).click();
  await page.keyboard.type('Northshire Police');
  await page
    .locator('#field-headline')
    .fill('Appeal for witnesses after man injured during arrest in Ashford');
  await page
    .locator('#field-standfirst')
    .fill(
      'The NOPC is appealing for witnesses after a 34-year-old man was injured during his arrest on Station Road, Ashford, on Tuesday 16 July.',
    );
  await page
    .locator('#field-details-0-text')
    .fill(
      'Anyone with information is asked to call the investigation team on 01632 960111 or email ashford@nopc.example, quoting reference NOPC/2024/0173. You can stay anonymous.',
    );
  await page
    .locator('#field-body-0-text')
    .fill(
      'Investigators want to hear from anyone who saw the arrest on Station Road in Ashford at about 11.15pm on Tuesday 16 July 2024, or who filmed it on a phone or dashcam.',
    );
  await page
    .locator('#field-body-1-text')
    .fill(
      'The man was taken to hospital with a broken wrist and has since been discharged. Two officers have been told they are under investigation for misconduct.',
    );
  await page.getByRole('button', { name: 'Add quote' }).click();
  await page.keyboard.type('Sarah Okafor');
  await form.getByLabel('Role', { exact: true }).first().fill('NOPC Regional Director');
  await form
    .getByLabel('What they said')
    .fill(
      'We want to build a full picture of what happened that night.\n\nIf you saw or filmed anything, however small, please get in touch.',
    );
  await page.getByRole('button', { name: 'Add background paragraph' }).click();
  await page.keyboard.type('Northshire Police referred the matter to the NOPC on Wednesday 17 July.');
  await page.getByRole('button', { name: 'Add note to editors' }).click();
  await page.keyboard.type(
    'Being investigated does not necessarily mean that misconduct proceedings will follow.',
  );
  await page.getByRole('button', { name: "Reset to the profile's wording" }).click();
  await page.getByRole('button', { name: "Reset to the profile's contacts" }).click();
  await page.locator('#field-canonicalUrl').fill('https://nopc.example/news/ashford-appeal');
  await page.getByRole('button', { name: 'Add related link' }).click();
  await page.keyboard.type('How we investigate');
  await page.locator('#field-relatedLinks-0-url').fill('https://nopc.example/how-we-investigate');
  await page.getByRole('button', { name: 'Add protected person' }).click();
  await page.keyboard.type('Daniel Price');
}

async function shoot(page: Page, width: number) {
  // Tall enough that each section fits in the form's scroller: an element screenshot shows what is in view.
  await page.setViewportSize({ width, height: 2400 });
  await page.locator('#field-headline').focus();
  await page.locator('.editor-form').evaluate((form) => form.scrollTo(0, 0));
  await page.screenshot({ path: join(SHOTS, `editor-${width}.png`) });
  for (const section of formSections(RELEASE_TEMPLATES['witness-appeal'])) {
    const element = page.locator(`#section-${section}`);
    await element.scrollIntoViewIfNeeded();
    await element.screenshot({ path: join(SHOTS, `section-${section}-${width}.png`) });
  }
}

test('a witness appeal filled in, wide and narrow: screenshots, and the layout a machine can check', async ({
  page,
  host,
}) => {
  await mkdir(SHOTS, { recursive: true });
  await setProfile(host, PROFILE);
  const library = new LibraryPage(page);
  await library.open(host.url);
  await library.createRelease('Witness appeal');
  const editor = new EditorPage(page);
  await fillWitnessAppeal(page);
  await editor.waitUntilSaved();
  await expect(editor.preview.locator('h1')).toHaveText(
    'Appeal for witnesses after man injured during arrest in Ashford',
  );

  // The release date says how it prints, in the organisation's locale.
  await expect(page.locator('[data-path="header.releaseDate"] .kind-prints-as')).toHaveText(
    'Prints as 18 July 2024 at 09:30',
  );

  // The navigator lists what the form shows, the internal protected people too, and takes you there.
  await page.setViewportSize({ width: 1440, height: 1000 });
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await expect(nav.getByRole('link')).toHaveCount(formSections(RELEASE_TEMPLATES['witness-appeal']).length);
  await nav.getByRole('link', { name: /^Protected people, complete/ }).click();
  await expect(
    page.locator('#section-protectedPeople').getByRole('textbox', { name: 'Name', exact: true }),
  ).toBeFocused();

  for (const width of [1440, 800]) {
    await page.setViewportSize({ width, height: 1000 });
    // Short fields pair up, level, whatever hint either has: the release date and its zone, a speaker and role.
    for (const [left, right] of [
      ['#field-header-releaseDate', '#field-header-timeZone'],
      ['#field-quotes-0-speakerName', '#field-quotes-0-speakerRole'],
      ['#field-relatedLinks-0-label', '#field-relatedLinks-0-url'],
    ] as const) {
      const a = (await page.locator(left).boundingBox())!;
      const b = (await page.locator(right).boundingBox())!;
      expect(Math.abs(a.y - b.y), `${left} and ${right} at ${width}px`).toBeLessThan(1);
      expect(b.x).toBeGreaterThan(a.x + a.width);
    }
    // Nothing sticks out of the form or its sections.
    const overflow = await page
      .locator('.editor-form')
      .evaluate((form) => form.scrollWidth - form.clientWidth);
    expect(overflow, `the form scrolls sideways at ${width}px`).toBeLessThanOrEqual(0);
    const outside = await page.locator('.form-section').evaluateAll((sections) =>
      sections.flatMap((section) => {
        const edge = section.getBoundingClientRect().right;
        return [...section.querySelectorAll('input, select, textarea, button')]
          .filter((control) => control.getBoundingClientRect().right > edge + 0.5)
          .map((control) => control.id || control.textContent || control.tagName);
      }),
    );
    expect(outside, `controls wider than their section at ${width}px`).toEqual([]);
    await shoot(page, width);
  }

  // An embargo: its date box under the tick, in the release's zone, saying how the line prints.
  await page.getByLabel('Embargoed (otherwise “For immediate release”)').check();
  await page.locator('#field-header-embargo').fill('2024-07-19T00:01');
  await expect(page.locator('.embargo .kind-prints-as')).toHaveText(
    'Prints as EMBARGOED UNTIL 00:01 BST, Friday 19 July 2024',
  );
  await page.setViewportSize({ width: 1440, height: 2400 });
  await page
    .locator('#section-header')
    .screenshot({ path: join(SHOTS, 'section-header-embargoed-1440.png') });
});
