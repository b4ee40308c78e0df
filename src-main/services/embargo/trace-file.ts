import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { promisify } from 'node:util';
import mammoth from 'mammoth';
import { parse, type DefaultTreeAdapterTypes } from 'parse5';
import type { TraceOutcome, TracedCopy } from '../../../src-shared/embargo/embargo-api';
import { htmlCopyFingerprint, pdfCopyFingerprint, type EmbargoRegister } from './embargo-register';

/**
 * `pressroom trace FILE` (issue 16, item 4): leaked text in a file, traced to the copy it came from. A text file
 * is read as it is; a page is read as its text (what a reader copies) and its metadata; a Word document as its
 * text; a PDF by its metadata, and its text through pdftotext where that is installed (poppler-utils).
 */

const MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface TracedFile {
  outcome: TraceOutcome;
  lines: string[];
}

function textContent(node: DefaultTreeAdapterTypes.Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterTypes.TextNode).value;
  if (node.nodeName === 'script' || node.nodeName === 'style' || node.nodeName === 'head') return '';
  const children = 'childNodes' in node ? node.childNodes : [];
  const text = children.map(textContent).join('');
  // Blocks apart, as a reader's copy keeps them.
  return /^(p|li|h[1-6]|div|section|article|header|footer|blockquote|figure|figcaption|address|dd|dt)$/.test(
    node.nodeName,
  )
    ? `\n\n${text}\n\n`
    : text;
}

async function pdfText(path: string): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)('pdftotext', ['-enc', 'UTF-8', path, '-'], {
      maxBuffer: MAX_FILE_BYTES,
    });
    return stdout;
  } catch {
    return '';
  }
}

export async function traceFile(register: EmbargoRegister, path: string): Promise<TracedFile> {
  const bytes = await readFile(path);
  if (bytes.length > MAX_FILE_BYTES)
    throw new Error(`${path} is larger than 64 MB: paste the leaked part instead.`);
  const extension = extname(path).toLowerCase();
  let text: string;
  let fingerprint: string | null = null;
  if (extension === '.pdf') {
    fingerprint = await pdfCopyFingerprint(new Uint8Array(bytes));
    text = await pdfText(path);
  } else if (extension === '.html' || extension === '.htm') {
    const html = bytes.toString('utf8');
    fingerprint = htmlCopyFingerprint(html);
    text = textContent(parse(html));
  } else if (extension === '.docx') {
    // Word's own text (mammoth): the marks are in its runs as they are in the copy's story.
    text = (await mammoth.extractRawText({ buffer: bytes }).catch(() => ({ value: '' }))).value;
  } else {
    text = bytes.toString('utf8');
  }
  const outcome = await register.trace(text.trim() ? text : ' ', fingerprint);
  return { outcome, lines: describeTrace(outcome) };
}

const FORMAT_NAMES: Readonly<Record<string, string>> = {
  pdf: 'PDF',
  html: 'web page (HTML)',
  docx: 'Word document',
  eml: 'email',
};

export function percent(confidence: number): string {
  if (confidence >= 0.9999) return '>99.99%';
  if (confidence > 0 && confidence < 0.0001) return '<0.01%';
  return `${(confidence * 100).toFixed(2)}%`;
}

function whoOf(copy: TracedCopy): string {
  return [copy.recipient, copy.outlet].filter(Boolean).join(', ');
}

/** The trace in sentences, for the CLI. */
export function describeTrace(outcome: TraceOutcome): string[] {
  const match = outcome.match;
  if (!match) {
    const lines = [
      `This text matches no recorded copy (${outcome.copiesOnRecord} copies on record, ` +
        `${outcome.read} word spaces read).`,
    ];
    if (outcome.read > 0 && outcome.unmarked >= 0.5) {
      lines.push('It reads like the public text: it carries no copy’s marks.');
    }
    const best = outcome.candidates[0];
    if (best && best.confidence >= 0.05) {
      lines.push(`Closest, but not enough to name: ${whoOf(best)}, ${percent(best.confidence)}.`);
    }
    return lines;
  }
  const how = outcome.metadataFingerprint
    ? 'named by the file’s own metadata'
    : `${match.agreed} of ${match.read} word spaces agree`;
  return [
    `Traced to: ${whoOf(match)} — ${FORMAT_NAMES[match.format] ?? match.format} copy ${match.fingerprint}${match.draft ? ' (draft)' : ''}`,
    `Confidence: ${percent(match.confidence)} (${how})`,
    `Release: ${match.headline} (${match.releaseId})`,
    `Copy made: ${match.madeAt} by ${match.madeBy}; file ${match.fileName}`,
    `Embargo lifts: ${match.liftUk} (${match.liftUtc})`,
  ];
}
