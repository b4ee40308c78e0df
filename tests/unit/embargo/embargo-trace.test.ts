import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { call, createDispatcher, createWorkspaceHandlers } from '../../../src-main/services/api/dispatch';
import { createChromiumPrinter } from '../../../src-main/services/export/chromium-printer';
import { createMemoryIdentityStore } from '../../../src-main/services/identity';
import { openWorkspace } from '../../../src-main/services/workspace/store';
import type { TraceOutcome } from '../../../src-shared/embargo/embargo-api';
import { APPROVER, value, WRITER } from '../services/people';
import { byTag, attr, parseHtml, pdfInfo, textOf } from '../export/fixtures';
import { createEmbargoRegister } from '../../../src-main/services/embargo/embargo-register';
import { traceFile } from '../../../src-main/services/embargo/trace-file';
import { createAuditTrail } from '../../../src-main/services/review/audit-trail';

/**
 * Issue 16, item 4: a hundred recipients' copies, PDF (real Chromium, one warm browser) and page, made through the
 * API; one paragraph copied from each recipient's PDF text (pdftotext) and from each page's text (textContent) is
 * traced to its recipient; a paragraph of the public export matches nobody. The figures are printed for the
 * report: how many traced right, the false matches, and the confidences.
 */

const RECIPIENTS = 100;
const NOW = new Date('2026-11-24T09:00:00Z');

const PARAGRAPHS = [
  'Officers were called to a house in Mill Lane, Ashford, shortly after 10pm on Saturday 21 November following ' +
    'reports that a man had been seriously assaulted. He was taken to hospital, where he remains in a stable ' +
    'condition, and a 34-year-old woman from the town has been arrested on suspicion of grievous bodily harm.',
  'Detectives are keen to hear from anyone who was in the area between 9pm and 10.30pm and saw or heard ' +
    'anything unusual, or who has doorbell or dashcam footage from Mill Lane, Station Road or the High Street ' +
    'that evening. Even the smallest detail could help the investigation.',
  'A cordon remains in place while forensic examinations are carried out, and residents may see an increased ' +
    'police presence over the coming days. Officers will be on hand to answer questions and offer reassurance, ' +
    'and anyone with concerns is encouraged to speak to them.',
];

const folders: string[] = [];
const printer = createChromiumPrinter();
afterAll(async () => {
  await printer.close();
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

async function temp(prefix: string) {
  const folder = await mkdtemp(join(tmpdir(), prefix));
  folders.push(folder);
  return folder;
}

function pdftotext(path: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8', maxBuffer: 16 << 20 });
}

/** The paragraph as it stands in extracted text, with whatever the extraction put between its words. */
function copiedParagraph(extracted: string, paragraph: string): string | null {
  const words = paragraph.split(' ').map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const found = new RegExp(words.join('[\\s\\u200b\\u200c\\u2060]+')).exec(extracted);
  return found ? found[0] : null;
}

/** textContent of the page's body paragraph `index`, as a reader's copy from the web page gives it. */
function pageParagraph(html: string, index: number): string {
  const paragraph = byTag(parseHtml(html), 'p').find((p) => attr(p, 'data-field') === `body.${index}`);
  return paragraph ? textOf(paragraph) : '';
}

/** Confidences as the report gives them: the lowest, the median, and how far from certainty the lowest is. */
function summary(confidences: number[]) {
  if (confidences.length === 0) return 'none';
  const sorted = [...confidences].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const doubt = (x: number) => (1 - x).toExponential(1);
  return `lowest ${(sorted[0]! * 100).toFixed(4)}% (1 − ${doubt(sorted[0]!)}), median 1 − ${doubt(median)}, ${sorted.filter((x) => x >= 0.99).length} of ${sorted.length} at 99% or more`;
}

describe('tracing leaked text to a recipient’s copy', () => {
  it('names the recipient of 99 or more of 100 paragraphs from PDF text and from page text; the public export matches nobody', async () => {
    const workspace = await temp('pressroom-embargo-');
    const out = await temp('pressroom-embargo-copies-');
    const session = async (person: typeof WRITER) =>
      createDispatcher(
        createWorkspaceHandlers(await openWorkspace(workspace), {
          identity: createMemoryIdentityStore(person),
          printer: () => printer,
          now: () => NOW,
        }),
      );
    const writer = await session(WRITER);
    const approver = await session(APPROVER);
    const created = await value(call(writer, 'releases.create', { type: 'news-release' }));
    let release = await value(
      call(writer, 'releases.save', {
        release: {
          ...created,
          headline: 'Woman arrested after man seriously assaulted in Ashford',
          standfirst: 'A woman has been arrested after a man was seriously assaulted in Ashford on Saturday.',
          header: { ...created.header, embargo: { until: '2026-11-30T00:01', timeZone: 'Europe/London' } },
          body: PARAGRAPHS.map((text, index) => ({ id: `p${index + 1}`, text })),
        },
      }),
    );
    release = await value(
      call(writer, 'releases.act', { id: release.id, revision: release.revision, action: 'submit' }),
    );
    release = await value(
      call(approver, 'releases.act', { id: release.id, revision: release.revision, action: 'approve' }),
    );

    const recipients = Array.from({ length: RECIPIENTS }, (_, index) => ({
      name: `Reporter ${index + 1}`,
      outlet: `Outlet ${index + 1}`,
      email: `reporter${index + 1}@example.org`,
    }));
    const started = Date.now();
    const made = await value(
      call(approver, 'embargo.makeCopies', {
        id: release.id,
        recipients,
        formats: ['pdf', 'html'],
        folder: out,
      }),
    );
    const makingSeconds = (Date.now() - started) / 1000;
    expect(made.copies).toHaveLength(2 * RECIPIENTS);

    // A whole PDF names its copy by its metadata too, and says on its pages whose copy it is.
    const firstPdf = made.copies.find((copy) => copy.format === 'pdf')!;
    const info = pdfInfo(await readFile(firstPdf.path));
    expect(info.Keywords).toBe(`pressroom-copy:${firstPdf.fingerprint}`);
    expect(info.Tagged).toBe('yes');
    expect(pdftotext(firstPdf.path)).toContain(
      `Embargoed copy for ${firstPdf.recipient}, ${firstPdf.outlet}`,
    );
    const store = await openWorkspace(workspace);
    const register = createEmbargoRegister({ store, audit: createAuditTrail(store.layout) });
    const wholeFile = await traceFile(register, firstPdf.path);
    expect(wholeFile.outcome.match).toMatchObject({
      recipient: firstPdf.recipient,
      format: 'pdf',
      confidence: 1,
    });
    expect(wholeFile.lines[0]).toBe(
      `Traced to: ${firstPdf.recipient}, ${firstPdf.outlet} — PDF copy ${firstPdf.fingerprint}`,
    );

    // The register read once for the 200 traces (the API's embargo.trace reads it per call: recipient-copies.test).
    const trace = await register.tracer();
    const sentences: Record<'pdf' | 'html', number[]> = { pdf: [], html: [] };
    const results: Record<
      'pdf' | 'html',
      { right: number; wrong: string[]; confidences: number[]; agreed: string[] }
    > = {
      pdf: { right: 0, wrong: [], confidences: [], agreed: [] },
      html: { right: 0, wrong: [], confidences: [], agreed: [] },
    };
    for (const [index, recipient] of recipients.entries()) {
      const paragraph = index % PARAGRAPHS.length;
      for (const format of ['pdf', 'html'] as const) {
        const copy = made.copies.find((each) => each.recipient === recipient.name && each.format === format)!;
        const text =
          format === 'pdf'
            ? copiedParagraph(pdftotext(copy.path), PARAGRAPHS[paragraph]!)
            : pageParagraph(await readFile(copy.path, 'utf8'), paragraph);
        const traced: TraceOutcome = text ? trace(text) : ({ match: null } as TraceOutcome);
        // Less evidence, for the figures: the paragraph's first sentence only (12 to 25 words).
        const sentence = text ? /^[\s\S]*?\.(?=\s)/.exec(text)?.[0] : undefined;
        if (sentence) {
          const short = trace(sentence);
          const right = short.match?.recipient === recipient.name && short.match.format === format;
          sentences[format].push(right ? short.match!.confidence : 0);
        }
        const result = results[format];
        if (traced.match?.recipient === recipient.name && traced.match.format === format) {
          result.right++;
          result.confidences.push(traced.match.confidence);
          result.agreed.push(`${traced.match.agreed}/${traced.match.read}`);
        } else {
          result.wrong.push(`${recipient.name}: ${traced.match ? traced.match.recipient : 'no match'}`);
        }
      }
    }

    // The public export, made once the copies are out: its paragraphs match nobody.
    const publicMatches: string[] = [];
    const publicConfidences: number[] = [];
    const publicUnmarked: number[] = [];
    for (const format of ['html', 'pdf'] as const) {
      const exported = await value(
        call(approver, 'export.toFolder', { id: release.id, format, folder: out, confirmEmbargo: true }),
      );
      for (const [index, paragraph] of PARAGRAPHS.entries()) {
        const text =
          format === 'pdf'
            ? copiedParagraph(pdftotext(exported.path), paragraph)
            : pageParagraph(await readFile(exported.path, 'utf8'), index);
        expect(text).toBeTruthy();
        const traced = (await register.tracer())(text!);
        publicConfidences.push(traced.candidates[0]?.confidence ?? 0);
        publicUnmarked.push(traced.unmarked);
        if (traced.match) publicMatches.push(`${format} paragraph ${index + 1}: ${traced.match.recipient}`);
      }
    }

    console.log(
      [
        `Embargo trace, ${RECIPIENTS} recipients (copies made in ${makingSeconds.toFixed(1)} s):`,
        `  PDF text (pdftotext): ${results.pdf.right}/${RECIPIENTS} traced right; confidence ${summary(results.pdf.confidences)}`,
        `  page text (textContent): ${results.html.right}/${RECIPIENTS} traced right; confidence ${summary(results.html.confidences)}`,
        ...(['pdf', 'html'] as const).map(
          (format) =>
            `  first sentence only (${format}): ${sentences[format].filter((x) => x >= 0.95).length}/${sentences[format].length} traced; ` +
            `confidence ${summary(sentences[format])}`,
        ),
        `  spaces agreeing (PDF): ${[...new Set(results.pdf.agreed)].join(', ')}; (page): ${[...new Set(results.html.agreed)].join(', ')}`,
        `  public export: ${publicMatches.length} false matches of ${publicConfidences.length} paragraphs; ` +
          `best copy's confidence at most ${Math.max(...publicConfidences).toExponential(1)}; ` +
          `"no marks" at least ${(Math.min(...publicUnmarked) * 100).toFixed(4)}%`,
        ...[...results.pdf.wrong, ...results.html.wrong].map((line) => `  wrong: ${line}`),
      ].join('\n'),
    );
    expect(results.pdf.right).toBeGreaterThanOrEqual(99);
    expect(results.html.right).toBeGreaterThanOrEqual(99);
    expect(publicMatches).toEqual([]);
  }, 600_000);
});
