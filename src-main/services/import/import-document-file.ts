import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { MAX_DOCX_BYTES, MAX_IMPORT_TEXT, type ImportKind } from '../../../src-shared/import/placement';
import { fail, ok, type Result } from '../../../src-shared/result';
import { call, type ApiDispatcher } from '../api/dispatch';
import { describePlacement } from './document-import';
import { tooLargeMessage } from './read-document';

/**
 * `pressroom import FILE.docx|.md|.txt` (issue 16, item 1): the file through the same two API calls as the review
 * screen (analyse, then create with the placement as proposed), answering what went where and what was flagged.
 */
export async function importDocumentFile(
  api: ApiDispatcher,
  path: string,
  kind: ImportKind,
): Promise<Result<{ value: unknown; lines: string[] }>> {
  const fileName = basename(path);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    return fail('invalid-input', `Cannot read ${path}: no such file.`);
  }
  const limit = kind === 'docx' ? MAX_DOCX_BYTES : MAX_IMPORT_TEXT * 4;
  if (size > limit)
    return fail('invalid-input', tooLargeMessage(fileName, size, kind === 'docx' ? limit : MAX_IMPORT_TEXT));
  const bytes = await readFile(path);
  const analysed = await call(
    api,
    'import.analyse',
    kind === 'docx'
      ? { fileName, kind, dataBase64: bytes.toString('base64') }
      : { fileName, kind, text: bytes.toString('utf8') },
  );
  if (!analysed.ok) return analysed;
  const placement = analysed.value;
  const created = await call(api, 'import.create', { placement });
  if (!created.ok) return created;
  const { release, notes } = created.value;
  const flagged = placement.blocks.filter((block) => block.flag);
  const lines = [
    `Imported ${path} as draft ${release.id}: ${release.headline.replace(/\s+/g, ' ').trim() || '(no headline)'}`,
    '',
    'What went where:',
    ...describePlacement(placement).map((line) => `  ${line}`),
    '',
    flagged.length === 0
      ? 'Nothing was flagged: every paragraph found a section.'
      : `${flagged.length} paragraph${flagged.length === 1 ? '' : 's'} could not be placed and went to the body (FLAGGED above): move ${flagged.length === 1 ? 'it' : 'them'} in the editor.`,
    ...notes.map((note) => `Check: ${note}`),
  ];
  return ok({
    value: {
      id: release.id,
      status: release.status,
      revision: release.revision,
      file: path,
      type: placement.type,
      blocks: placement.blocks.map((block) => ({ target: block.target, flag: block.flag, text: block.text })),
      notes,
    },
    lines,
  });
}
