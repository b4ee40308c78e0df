import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import type { ExportFormat } from '../../../src-main/services/export/export-file-name';
import { exportRelease } from '../../../src-main/services/export/export-release';
import { resolveLocale } from '../../../src-shared/render/format-date';
import {
  metaLineItems,
  metaLineText,
  printedFields,
  timingWords,
} from '../../../src-shared/render/release-layout';
import type { OrganisationProfile, Release } from '../../../src-shared/release/schema';
import { fieldValue } from '../../../src-shared/release/structure';
import { str } from '../../../src-shared/release/loose-values';
import {
  AFTER_EMBARGO,
  BEFORE_EMBARGO,
  byTag,
  elements,
  parseHtml,
  profile,
  release,
  textOf,
} from './fixtures';

/**
 * The masthead says the same in every output: the issuer, the meta line ("Outcome / hearing result · 18 July
 * 2024") and the timing line ("FOR IMMEDIATE RELEASE" or the embargo line), as a reader of the HTML page, the
 * plain text and the Word document sees them. The words come from one place (release-layout.ts); this holds the
 * three outputs to it.
 */

async function exported(r: Release, format: ExportFormat, now: Date, who: OrganisationProfile) {
  const out = await exportRelease({ release: r, profile: who, format, now });
  if (!out.ok) throw new Error(out.error.message);
  return out.value.bytes;
}

interface Masthead {
  issuer: string | null;
  meta: string | null;
  timing: string | null;
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The HTML page's masthead, by its classes. */
async function htmlMasthead(r: Release, now: Date, who: OrganisationProfile): Promise<Masthead> {
  const root = parseHtml(new TextDecoder().decode(await exported(r, 'html', now, who)));
  const article = byTag(root, 'article')[0] ?? root;
  const byClass = (name: string) =>
    elements(article).find((el) =>
      el.attrs.some((a) => a.name === 'class' && a.value.split(/\s+/).includes(name)),
    );
  const read = (name: string) => {
    const el = byClass(name);
    return el ? squash(textOf(el)) : null;
  };
  // The separator is its own element, spaced by the stylesheet: read with the spaces a reader sees.
  const meta = read('release-meta')?.replace(/\s*·\s*/g, ' · ') ?? null;
  return { issuer: read('issuer'), meta, timing: read('immediate') ?? read('embargo') };
}

/** Whether a line (a paragraph of the document, a line of the text) is among `lines`. */
const has = (lines: readonly string[], line: string | null) => line !== null && lines.includes(line);

/** The expected masthead of a release, from the one function every output calls. */
function sharedMasthead(r: Release, now: Date, who: OrganisationProfile): Masthead {
  const masthead = printedFields('after-story').filter((spec) =>
    ['issuer', 'meta', 'reference'].includes(spec.render.placement),
  );
  const locale = resolveLocale(who.locale);
  const meta = metaLineText(metaLineItems(masthead, locale, (spec) => str(fieldValue(r, spec.path)).trim()));
  const issuer = r.header.organisation.trim() || who.name.trim();
  return {
    issuer: issuer || null,
    meta: meta || null,
    timing: timingWords(r.header.embargo, now, locale)?.text ?? null,
  };
}

const noName: OrganisationProfile = { ...profile, name: '' };

const CASES: Array<{ name: string; release: Release; now: Date; profile: OrganisationProfile }> = [
  { name: 'embargoed, before the embargo', release: release(), now: BEFORE_EMBARGO, profile },
  { name: 'embargoed, after the embargo passed', release: release(), now: AFTER_EMBARGO, profile },
  {
    name: 'for immediate release',
    release: release({ header: { ...release().header, embargo: null, type: 'witness-appeal' } }),
    now: BEFORE_EMBARGO,
    profile,
  },
  {
    name: "without the release's own organisation (the profile's name prints)",
    release: release({ header: { ...release().header, organisation: '', type: 'statement' } }),
    now: BEFORE_EMBARGO,
    profile,
  },
  {
    name: 'without any organisation, immediate, in German',
    release: release({ header: { ...release().header, organisation: '', embargo: null } }),
    now: BEFORE_EMBARGO,
    profile: { ...noName, locale: 'de-DE' },
  },
];

describe('the masthead in every output', () => {
  it.each(CASES)(
    'HTML, plain text and Word show the same issuer, meta line and timing line: $name',
    async ({ release: r, now, profile: who }) => {
      const expected = sharedMasthead(r, now, who);
      // What a reader sees: the type and the date, the timing line when the embargo has not passed.
      expect(expected.meta).toMatch(/^.+ · .*2024/);
      if (now === AFTER_EMBARGO && r.header.embargo) expect(expected.timing).toBeNull();
      else expect(expected.timing).toMatch(/^(FOR IMMEDIATE RELEASE|EMBARGOED UNTIL .+)$/);

      expect(await htmlMasthead(r, now, who)).toEqual(expected);

      const text = new TextDecoder().decode(await exported(r, 'txt', now, who));
      const textLines = text.split('\n').map((line) => line.trim());
      const word = (
        await mammoth.extractRawText({ buffer: Buffer.from(await exported(r, 'docx', now, who)) })
      ).value;
      const wordLines = word.split('\n').map((line) => line.trim());
      for (const [output, lines] of [
        ['text', textLines],
        ['Word', wordLines],
      ] as const) {
        expect(has(lines, expected.meta), `${output} has the meta line “${expected.meta}”`).toBe(true);
        if (expected.issuer) expect(has(lines, expected.issuer), `${output} names the issuer`).toBe(true);
        if (expected.timing) expect(has(lines, expected.timing), `${output} has the timing line`).toBe(true);
        else
          expect(
            lines.some((line) => /^(FOR IMMEDIATE RELEASE|EMBARGOED)/.test(line)),
            `${output} has no timing line`,
          ).toBe(false);
      }
    },
  );
});
