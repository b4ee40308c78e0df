import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChromiumPrinter } from '../../../src-main/services/export/chromium-printer';
import { exportRelease } from '../../../src-main/services/export/export-release';
import type { PdfPrinter } from '../../../src-main/services/export/pdf-printer';
import { protectedPeopleNamed, ReleaseSchema, type Release } from '../../../src-shared/release/schema';
import { FIELD_LIST, type FieldSpec } from '../../../src-shared/release/structure';
import { allMarkers, markedRelease, PROBE_NOW, type Probe } from './field-markers';
import { BEFORE_EMBARGO, parseHtml, pdfText, profile, release, textOf } from './fixtures';

/**
 * "Comments and internal notes never appear in an export" (issue 6). The content's fields are published or
 * internal as the structure table says; this walks the table: a marker in every internal field (tags, the
 * protected people) must reach no format, and a marker in every published field must reach each of them (so
 * that the first half can fail). What the workflow records beside the content is internal too.
 */

const INTERNAL = FIELD_LIST.filter((spec) => !spec.published);
const PUBLISHED = FIELD_LIST.filter((spec) => spec.published);

/** The content's keys, as the table has them (`header` for all of `header.*`). */
const CONTENT_KEYS = new Set(FIELD_LIST.map((spec) => spec.path.split('.')[0]!));

/** What a stored release records beside its content; none of it is printed. Each gets a marker below. */
const WORKFLOW: Record<string, (marker: string) => Partial<Release>> = {
  approvals: (marker) => ({
    approvals: [
      {
        personId: marker,
        personName: marker,
        stepIndex: 0,
        stepLabel: marker,
        at: '2024-07-17T08:00:00.000Z',
        contentHash: 'a'.repeat(64),
      },
    ],
  }),
  editedSinceApproval: (marker) => ({ editedSinceApproval: [marker] }),
  privacyDecisions: (marker) => ({
    privacyDecisions: [
      {
        releaseId: 'r-1',
        personId: marker,
        personName: marker,
        at: '2024-07-17T08:00:00.000Z',
        contentHash: 'a'.repeat(64),
        reason: marker,
        covers: [marker],
      },
    ],
  }),
  lastEdit: (marker) => ({
    lastEdit: {
      revision: 1,
      by: { id: marker, name: marker },
      contentHash: 'a'.repeat(64),
      at: '2024-07-17T08:00:00.000Z',
    },
  }),
  // A copy's mark names the original's headline: shown in the library and the editor, never in an export.
  copiedFrom: (marker) => ({ copiedFrom: { id: 'r-original', headline: marker } }),
  // A withdrawal asked for but not confirmed: its explanation is printed only once the release is withdrawn.
  withdrawal: (marker) => ({
    withdrawal: {
      explanation: marker,
      requestedBy: { id: marker, name: marker },
      requestedAt: '2024-07-17T08:00:00.000Z',
      confirmedBy: null,
      confirmedAt: null,
    },
  }),
  // Why an approver published alone is for the office, never the reader.
  uncheckedPublish: (marker) => ({
    uncheckedPublish: {
      by: { id: marker, name: marker },
      at: '2024-07-17T08:00:00.000Z',
      reason: marker,
      contentHash: 'a'.repeat(64),
      reviewedAfter: { by: { id: marker, name: marker }, at: '2024-07-17T09:00:00.000Z', outcome: 'fine' },
    },
  }),
  // Identity and bookkeeping: the id may appear in a file name, nothing else of these is shown.
  schemaVersion: () => ({}),
  id: () => ({}),
  revision: () => ({}),
  createdAt: () => ({}),
  updatedAt: () => ({}),
  status: () => ({}),
};

let printer: PdfPrinter;
beforeAll(() => {
  printer = createChromiumPrinter();
});
afterAll(async () => {
  await printer.close();
});

type Outputs = Record<'html' | 'page' | 'txt' | 'pdf', string>;

/**
 * The release in each format, as text to search: the HTML page's source and its text, the plain text, and the
 * PDF's text without spaces (letter-spacing, as the end mark has, makes pdftotext space out the letters).
 */
async function allFormats(r: Release, now = PROBE_NOW): Promise<Outputs> {
  const bytes = async (format: 'html' | 'txt' | 'pdf') => {
    const result = await exportRelease({ release: r, profile, format, now, printer });
    if (!result.ok) throw new Error(result.error.message);
    return result.value.bytes;
  };
  const html = new TextDecoder().decode(await bytes('html'));
  return {
    html,
    page: textOf(parseHtml(html)),
    txt: new TextDecoder().decode(await bytes('txt')),
    pdf: unspaced(pdfText(await bytes('pdf'), 'raw')),
  };
}

const unspaced = (text: string) => text.replace(/\s+/g, '');

describe('internal fields', () => {
  it('the table has internal fields (tags, protected people) and every stored field is content or workflow', () => {
    expect(INTERNAL.map((spec) => spec.path)).toEqual(['header.tags', 'anonymityList']);
    // A field added to the stored release fails here until someone decides whether it is content or workflow.
    expect([...CONTENT_KEYS, ...Object.keys(WORKFLOW)].sort()).toEqual(
      Object.keys(ReleaseSchema.shape).sort(),
    );
  });

  describe('a marker in every field of the table', () => {
    let internal: { outputs: Outputs; probes: Map<FieldSpec, Probe> };
    let published: { outputs: Outputs; probes: Map<FieldSpec, Probe> };
    beforeAll(async () => {
      // One release with every internal field marked (the rest as usual), one with every published field marked.
      const marked = markedRelease(INTERNAL);
      internal = { outputs: await allFormats(marked.release, BEFORE_EMBARGO), probes: marked.probes };
      const shown = markedRelease(PUBLISHED);
      published = { outputs: await allFormats(shown.release), probes: shown.probes };
    }, 60_000);

    it.each(INTERNAL.map((spec) => [spec.path, spec] as const))(
      'never exports the internal field %s: not in the HTML, the plain text or the PDF',
      (_path, spec) => {
        const markers = allMarkers(internal.probes.get(spec)!);
        expect(markers.length).toBeGreaterThan(0);
        for (const marker of markers) {
          expect(internal.outputs.html, `${marker} in the HTML`).not.toContain(marker);
          expect(internal.outputs.txt, `${marker} in the text`).not.toContain(marker);
          expect(internal.outputs.pdf, `${marker} in the PDF`).not.toContain(unspaced(marker));
        }
      },
    );

    it.each(PUBLISHED.map((spec) => [spec.path, spec] as const))(
      'exports the published field %s: in the HTML, the plain text and the PDF',
      (_path, spec) => {
        const probe = published.probes.get(spec)!;
        for (const marker of probe.visible) {
          expect(published.outputs.page, `${marker} on the HTML page`).toContain(marker);
          expect(published.outputs.pdf, `${marker} in the PDF`).toContain(unspaced(marker));
        }
        for (const marker of probe.raw)
          expect(published.outputs.html, `${marker} in the HTML`).toContain(marker);
        for (const marker of probe.text)
          expect(published.outputs.txt, `${marker} in the text`).toContain(marker);
      },
    );
  });

  it.each(['html', 'txt'] as const)('nothing the workflow records reaches the %s export', async (format) => {
    let overrides: Partial<Release> = {};
    for (const [field, set] of Object.entries(WORKFLOW))
      overrides = { ...overrides, ...set(`SECRET-${field}-MARK`) };
    const result = await exportRelease({
      release: release(overrides, 'approved'),
      profile,
      format,
      now: BEFORE_EMBARGO,
    });
    if (!result.ok) throw new Error(result.error.message);
    const output = new TextDecoder().decode(result.value.bytes);
    expect(output).not.toMatch(/SECRET-[A-Za-z]+-MARK/);
  });

  it('a name on the anonymity list is not added to the page, even where the text names it', async () => {
    // The checks stop the writer from using the name; the export never adds the list itself.
    const result = await exportRelease({
      release: release({ anonymityList: protectedPeopleNamed('Jane Victim') }),
      profile,
      format: 'html',
      now: BEFORE_EMBARGO,
    });
    expect(result.ok && new TextDecoder().decode(result.value.bytes)).not.toContain('Jane Victim');
  });

  it('the tags the office files a release under are printed nowhere (they were, on every export, once)', async () => {
    const outputs = await allFormats(
      release({ header: { ...release().header, tags: ['Operation Kestrel', 'Ashford'] } }),
      BEFORE_EMBARGO,
    );
    for (const output of Object.values(outputs)) {
      expect(output).not.toContain('Operation Kestrel');
      expect(output).not.toMatch(/Tags:/);
    }
  });
});
