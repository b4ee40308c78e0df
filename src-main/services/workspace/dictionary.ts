import { DICTIONARY_FILE, type WorkspaceLayout } from './layout';
import { readTextFile, writeFileDurably } from './durable-file';
import { withFileLock } from './file-lock';

/**
 * The workspace's own spelling dictionary: `dictionary.txt` in the workspace folder, one word a line, so that the
 * names and terms one press office uses ("Pressroom", a force's area names, a councillor's surname) are known to
 * everyone who opens the folder. The desktop app loads it into Electron's spellchecker and adds to it from the
 * context menu ("Add to dictionary").
 *
 * The file is plain text anyone may edit: blank lines and lines starting with # are skipped, and so is anything
 * that is not one word. Adding a word reads the file afresh under the workspace's file lock, so two people adding
 * words at once on a shared folder both keep theirs.
 */

export { DICTIONARY_FILE };
const MAX_WORD_LENGTH = 100;
const HEADER = '# Words the spellchecker accepts in this workspace, one a line (Pressroom adds to it).';

export interface WorkspaceDictionary {
  readonly file: string;
  words(): Promise<string[]>;
  /** Adds the word; false when it is already there. Throws when the word is not one word. */
  add(word: string): Promise<boolean>;
}

/** One word as the spellchecker sees one: letters, digits, apostrophes and hyphens inside, no spaces. */
export function normaliseWord(word: string): string | null {
  const trimmed = word.normalize('NFC').trim();
  if (!trimmed || trimmed.length > MAX_WORD_LENGTH) return null;
  if (!/^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}'’.-]*$/u.test(trimmed)) return null;
  return trimmed;
}

export function parseDictionary(text: string): string[] {
  const words = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    if (line.trimStart().startsWith('#')) continue;
    const word = normaliseWord(line);
    if (word) words.add(word);
  }
  return [...words];
}

export function createWorkspaceDictionary(layout: WorkspaceLayout): WorkspaceDictionary {
  const file = layout.dictionaryFile;
  const read = async () => parseDictionary((await readTextFile(file)) ?? '');
  return {
    file,
    words: read,
    async add(word) {
      const normalised = normaliseWord(word);
      if (!normalised) throw new Error(`“${word.slice(0, 40)}” is not a single word, so it was not added.`);
      return withFileLock(file, async () => {
        const existing = (await readTextFile(file)) ?? '';
        if (parseDictionary(existing).includes(normalised)) return false;
        // The person's own lines (comments, order) stay as they were; the new word goes at the end.
        const base =
          existing.trim() === '' ? `${HEADER}\n` : existing.endsWith('\n') ? existing : `${existing}\n`;
        await writeFileDurably(file, `${base}${normalised}\n`);
        return true;
      });
    },
  };
}
