import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import type { EndMarkPlacement } from '../../../src-shared/release/schema';
import { FIELD_LIST, type FieldSpec } from '../../../src-shared/release/structure';
import { printedFields } from '../../../src-shared/render/release-layout';
import { renderReleaseBody } from '../../../src-shared/render/render-release';
import { renderReleaseText } from '../../../src-shared/render/render-text';
import { markedRelease, PROBE_NOW, type Probe } from '../export/field-markers';
import { profile, textOf } from '../export/fixtures';

/**
 * Both renderers walk the structure table: every published field reaches the HTML page and the plain text, in
 * the table's reading order (the end mark where the house puts it), and no field is listed by hand.
 */

const PUBLISHED = FIELD_LIST.filter((spec) => spec.published);
const { release, probes } = markedRelease(PUBLISHED);

function renders(placement: EndMarkPlacement) {
  const options = { draftMark: false, now: PROBE_NOW, profile: { ...profile, endMarkPlacement: placement } };
  const html = renderReleaseBody(release, { ...options, mode: 'export' });
  return { html, page: textOf(parse(html)), text: renderReleaseText(release, options) };
}

/** Where a field first shows in `output`, by any of its markers; -1 when none shows. */
function firstAt(output: string, markers: readonly string[]): number {
  const found = markers.map((marker) => output.indexOf(marker)).filter((at) => at >= 0);
  return found.length > 0 ? Math.min(...found) : -1;
}

/** The printed order below the masthead: the header section is one block, laid out on its own (see below). */
function storyOrder(order: readonly FieldSpec[]): FieldSpec[] {
  return order.filter((spec) => spec.section !== 'header');
}

describe('the renderers walk the structure table', () => {
  it('prints the table in its own order, with only the end mark and the updates (at the foot) moved', () => {
    const table = PUBLISHED.map((spec) => spec.path);
    expect(printedFields('after-everything').map((spec) => spec.path)).toEqual([
      ...table.filter((path) => path !== 'endMark' && path !== 'changeNotes'),
      'endMark',
      'changeNotes',
    ]);
    expect(printedFields('after-story').at(-1)?.path).toBe('changeNotes');
    // UK practice: ENDS after the story, its quotes and background; notes to editors, about and contacts after.
    const afterStory = printedFields('after-story').map((spec) => spec.path);
    expect(afterStory.slice(afterStory.indexOf('background'), afterStory.indexOf('background') + 3)).toEqual([
      'background',
      'endMark',
      'notesToEditors',
    ]);
    expect([...afterStory].sort()).toEqual([...table].sort());
  });

  it.each(PUBLISHED.map((spec) => [spec.path, spec] as const))(
    'prints a marker of the published field %s in the HTML and the plain text',
    (_path, spec) => {
      const probe = probes.get(spec)!;
      const { html, page, text } = renders('after-story');
      for (const marker of probe.visible) expect(page, `${marker} on the page`).toContain(marker);
      for (const marker of probe.raw) expect(html, `${marker} in the HTML`).toContain(marker);
      for (const marker of probe.text) expect(text, `${marker} in the text`).toContain(marker);
      // Every field shows somewhere (a probe that checks nothing would prove nothing).
      expect(probe.visible.length + probe.raw.length).toBeGreaterThan(0);
    },
  );

  it.each(['after-story', 'after-everything'] as const)(
    'prints the fields in reading order, end mark %s, in the HTML and the plain text',
    (placement) => {
      const { page, text } = renders(placement);
      const order = storyOrder(printedFields(placement));
      const at = (output: string, markers: (probe: Probe) => string[]) =>
        order.map((spec) => ({ path: spec.path, at: firstAt(output, markers(probes.get(spec)!)) }));
      for (const [what, positions] of [
        ['page', at(page, (probe) => probe.visible)],
        ['text', at(text, (probe) => probe.text)],
      ] as const) {
        for (const { path, at: position } of positions)
          expect(position, `${path} in the ${what}`).toBeGreaterThan(0);
        const sorted = [...positions].sort((a, b) => a.at - b.at).map((each) => each.path);
        expect(sorted, what).toEqual(positions.map((each) => each.path));
      }
    },
  );

  it('prints the header section above the headline, as one masthead', () => {
    const { page, text } = renders('after-story');
    const headline = probes.get(PUBLISHED.find((spec) => spec.path === 'headline')!)!.visible[0]!;
    for (const spec of PUBLISHED.filter((each) => each.section === 'header')) {
      const probe = probes.get(spec)!;
      if (probe.visible.length > 0) expect(firstAt(page, probe.visible)).toBeLessThan(page.indexOf(headline));
      if (probe.text.length > 0) expect(firstAt(text, probe.text)).toBeLessThan(text.indexOf(headline));
    }
  });
});
