import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createWorkspaceDictionary,
  DICTIONARY_FILE,
  normaliseWord,
  parseDictionary,
} from '../../../src-main/services/workspace/dictionary';
import { workspaceLayout } from '../../../src-main/services/workspace/layout';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'pressroom-dict-'));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

describe('workspace dictionary', () => {
  it('has no words until one is added', async () => {
    expect(await createWorkspaceDictionary(workspaceLayout(folder)).words()).toEqual([]);
  });

  it('adds words to dictionary.txt in the workspace, once each', async () => {
    const dictionary = createWorkspaceDictionary(workspaceLayout(folder));
    expect(await dictionary.add('Pressroom')).toBe(true);
    expect(await dictionary.add('  Llanfair-ym-Muallt ')).toBe(true);
    expect(await dictionary.add('Pressroom')).toBe(false);
    expect(await createWorkspaceDictionary(workspaceLayout(folder)).words()).toEqual([
      'Pressroom',
      'Llanfair-ym-Muallt',
    ]);
    const text = await readFile(join(folder, DICTIONARY_FILE), 'utf8');
    expect(text.split('\n')).toEqual([expect.stringMatching(/^# /), 'Pressroom', 'Llanfair-ym-Muallt', '']);
  });

  it('refuses what is not one word', async () => {
    const dictionary = createWorkspaceDictionary(workspaceLayout(folder));
    for (const bad of ['', '   ', 'two words', 'line\nbreak', '<script>', 'x'.repeat(101), '-dash']) {
      await expect(dictionary.add(bad)).rejects.toThrow(/not a single word/);
    }
    expect(normaliseWord("O'Neill")).toBe("O'Neill");
    expect(normaliseWord('Ynys Môn')).toBeNull();
    expect(normaliseWord('Môn')).toBe('Môn');
  });

  it('reads a file people edited by hand: comments, blanks, Windows line ends, repeats', async () => {
    await writeFile(
      join(folder, DICTIONARY_FILE),
      '\uFEFF# ours\r\nGwent\r\n\r\n  # indented comment\r\nnot one word\r\nGwent\r\nDyfed-Powys',
    );
    const dictionary = createWorkspaceDictionary(workspaceLayout(folder));
    expect(await dictionary.words()).toEqual(['Gwent', 'Dyfed-Powys']);
    // The person's lines stay; the new word goes on a line of its own.
    await dictionary.add('Ceredigion');
    const text = await readFile(join(folder, DICTIONARY_FILE), 'utf8');
    expect(text.endsWith('Dyfed-Powys\nCeredigion\n')).toBe(true);
    expect(text).toContain('# ours');
    expect(parseDictionary(text)).toEqual(['Gwent', 'Dyfed-Powys', 'Ceredigion']);
  });

  it('keeps every word when two windows add at once', async () => {
    const a = createWorkspaceDictionary(workspaceLayout(folder));
    const b = createWorkspaceDictionary(workspaceLayout(folder));
    await Promise.all(['one', 'two', 'three', 'four'].map((word, i) => (i % 2 ? a : b).add(word)));
    expect((await a.words()).sort()).toEqual(['four', 'one', 'three', 'two']);
  });
});
