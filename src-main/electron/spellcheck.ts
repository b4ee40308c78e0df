import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Menu, type Session, type WebContents } from 'electron';
import { chooseSpellcheckLanguages } from '../services/spellcheck-languages';
import { createWorkspaceDictionary, type WorkspaceDictionary } from '../services/workspace/dictionary';
import { workspaceLayout } from '../services/workspace/layout';
import { buildContextMenuTemplate } from './context-menu';

/**
 * Electron's built-in spellchecker in the workspace profile's language, with the workspace's own dictionary
 * (dictionary.txt, src-main/services/workspace/dictionary.ts) and a context menu of suggestions.
 *
 * macOS and Windows use the system's spellchecker. On Linux Chromium uses Hunspell dictionaries, which it would
 * download from Google: the download address is pointed at resources/dictionaries/ instead, so nothing is fetched
 * from the network (a packaged build ships en-GB there; without it words are simply not underlined).
 */
export interface Spellcheck {
  useWorkspace(folder: string, locale: string): Promise<void>;
  attach(contents: WebContents, notify: (message: string) => void): void;
}

export function createSpellcheck(
  ses: Session,
  options: { platform: NodeJS.Platform; resourcesFolder: string; log: (message: string) => void },
): Spellcheck {
  let dictionary: WorkspaceDictionary | null = null;
  let loadedWords: string[] = [];
  if (options.platform === 'linux') {
    ses.setSpellCheckerDictionaryDownloadURL(
      `${pathToFileURL(join(options.resourcesFolder, 'dictionaries')).href}/`,
    );
  }

  return {
    async useWorkspace(folder, locale) {
      dictionary = createWorkspaceDictionary(workspaceLayout(folder));
      if (options.platform !== 'darwin') {
        const languages = chooseSpellcheckLanguages(locale, ses.availableSpellCheckerLanguages);
        ses.setSpellCheckerLanguages(languages);
        if (languages.length === 0) options.log(`[pressroom] no spellchecker dictionary for ${locale}`);
      }
      let words: string[] = [];
      try {
        words = await dictionary.words();
      } catch (error) {
        options.log(`[pressroom] ${dictionary.file} could not be read: ${(error as Error).message}`);
      }
      // The session's custom words belong to the profile: take the last workspace's out, put this one's in.
      for (const word of loadedWords)
        if (!words.includes(word)) ses.removeWordFromSpellCheckerDictionary(word);
      for (const word of words) ses.addWordToSpellCheckerDictionary(word);
      loadedWords = words;
    },

    attach(contents, notify) {
      contents.on('context-menu', (_event, params) => {
        const template = buildContextMenuTemplate(params, {
          replaceMisspelling: (word) => contents.replaceMisspelling(word),
          addToDictionary: (word) => {
            ses.addWordToSpellCheckerDictionary(word);
            loadedWords = [...loadedWords, word];
            if (!dictionary) return;
            dictionary.add(word).catch((error: unknown) => {
              const message = `“${word}” could not be added to the workspace dictionary: ${(error as Error).message}`;
              options.log(`[pressroom] ${message}`);
              notify(message);
            });
          },
        });
        if (template.length > 0) Menu.buildFromTemplate(template).popup();
      });
    },
  };
}
