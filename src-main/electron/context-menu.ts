import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';

/**
 * The right-click menu of the app window, as data (tested without Electron): spelling suggestions and "Add to
 * dictionary" on a misspelt word, then the editing commands the field allows.
 */

export interface ContextMenuActions {
  replaceMisspelling(word: string): void;
  addToDictionary(word: string): void;
}

export type ContextMenuFacts = Pick<
  ContextMenuParams,
  'misspelledWord' | 'dictionarySuggestions' | 'isEditable' | 'selectionText' | 'editFlags'
>;

const MAX_SUGGESTIONS = 6;

export function buildContextMenuTemplate(
  params: ContextMenuFacts,
  actions: ContextMenuActions,
): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  const word = params.misspelledWord;
  if (params.isEditable && word) {
    const suggestions = params.dictionarySuggestions.slice(0, MAX_SUGGESTIONS);
    if (suggestions.length === 0)
      items.push({ id: 'no-suggestions', label: 'No spelling suggestions', enabled: false });
    for (const [index, suggestion] of suggestions.entries()) {
      items.push({
        id: `suggestion-${index}`,
        label: suggestion,
        click: () => actions.replaceMisspelling(suggestion),
      });
    }
    items.push(
      { type: 'separator' },
      {
        id: 'add-to-dictionary',
        label: `Add “${word}” to dictionary`,
        click: () => actions.addToDictionary(word),
      },
      { type: 'separator' },
    );
  }
  if (params.isEditable) {
    items.push(
      { role: 'cut', enabled: params.editFlags.canCut },
      { role: 'copy', enabled: params.editFlags.canCopy },
      { role: 'paste', enabled: params.editFlags.canPaste },
      { type: 'separator' },
      { role: 'selectAll', enabled: params.editFlags.canSelectAll },
    );
  } else if (params.selectionText.trim()) {
    items.push({ role: 'copy' });
  }
  return items;
}
