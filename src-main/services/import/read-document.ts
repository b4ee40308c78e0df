import { fail, ok, type Result } from '../../../src-shared/result';
import {
  MAX_DOCX_BYTES,
  MAX_IMPORT_BLOCKS,
  MAX_IMPORT_TEXT,
  type ImportBlock,
  type ImportKind,
} from '../../../src-shared/import/placement';
import { htmlToBlocks, TooManyBlocksError } from './html-blocks';

export { importKindOf } from '../../../src-shared/import/placement';

/**
 * A document as the import's blocks: a Word file (.docx, through mammoth's HTML), Markdown (through marked's HTML),
 * HTML pasted from a browser or an email, or plain text. What comes out goes to the classifier
 * (src-shared/import/place-blocks.ts).
 */

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;
}

export function tooLargeMessage(what: string, size: number, limit: number): string {
  return `${what} is ${megabytes(size)}, too large to import: Pressroom imports a press release of up to ${megabytes(limit)}. Import the release on its own, without other documents or pictures.`;
}

export async function readDocument(
  kind: ImportKind,
  input: { bytes?: Uint8Array; text?: string },
): Promise<Result<ImportBlock[]>> {
  try {
    if (kind === 'docx') {
      const bytes = input.bytes ?? new Uint8Array();
      if (bytes.byteLength > MAX_DOCX_BYTES) {
        return fail('invalid-input', tooLargeMessage('This Word file', bytes.byteLength, MAX_DOCX_BYTES));
      }
      return ok(await docxToBlocks(bytes));
    }
    const text = input.text ?? (input.bytes ? new TextDecoder().decode(input.bytes) : '');
    if (text.length > MAX_IMPORT_TEXT) {
      return fail('invalid-input', tooLargeMessage('This text', text.length, MAX_IMPORT_TEXT));
    }
    if (kind === 'markdown') {
      const { marked } = await import('marked');
      return ok(htmlToBlocks(await marked.parse(text, { gfm: true, async: true })));
    }
    if (kind === 'html') return ok(htmlToBlocks(text));
    return ok(textToBlocks(text));
  } catch (error) {
    if (error instanceof TooManyBlocksError) {
      return fail(
        'invalid-input',
        `This document has more than ${MAX_IMPORT_BLOCKS.toLocaleString('en-GB')} paragraphs, so it is not one press release. Import the release on its own.`,
      );
    }
    if (kind === 'docx') {
      return fail(
        'invalid-input',
        'Pressroom could not read this as a Word document (.docx). If it is an older .doc file, save it as .docx in Word first.',
      );
    }
    throw error;
  }
}

async function docxToBlocks(bytes: Uint8Array): Promise<ImportBlock[]> {
  const { default: mammoth } = await import('mammoth');
  const { value: html } = await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
    {
      // Pictures are not text of the release, and inlined as data they could be megabytes.
      convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      ignoreEmptyParagraphs: true,
      // Word's own heading and title styles, and the styles press offices name theirs.
      styleMap: ['p[style-name="Title"] => h1:fresh', 'p[style-name="Subtitle"] => h2:fresh'],
    },
  );
  return htmlToBlocks(html);
}

/**
 * Plain text: a blank line ends a paragraph. Inside a paragraph, short lines (an address, a contact, a list) are
 * blocks of their own, and long lines wrapped at 72 or so characters (as email wraps them) are joined again.
 */
export function textToBlocks(text: string): ImportBlock[] {
  const blocks: ImportBlock[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = paragraph
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    if (lines.length === 0) continue;
    const wrapped =
      lines.length > 1 &&
      lines.slice(0, -1).every((line) => line.length >= 60 && !/^(?:[-*•]|\d{1,3}[.)])\s/.test(line));
    const pieces = wrapped ? [lines.join(' ')] : lines;
    for (const piece of pieces) {
      if (blocks.length >= MAX_IMPORT_BLOCKS) throw new TooManyBlocksError();
      const bullet = /^[-*•]\s+(.+)$/.exec(piece);
      const numbered = /^\d{1,3}[.)]\s+(.+)$/.exec(piece);
      if (bullet) blocks.push({ kind: 'list-item', text: bullet[1]!, ordered: false });
      else if (numbered) blocks.push({ kind: 'list-item', text: numbered[1]!, ordered: true });
      else blocks.push({ kind: 'paragraph', text: piece });
    }
  }
  return blocks;
}
