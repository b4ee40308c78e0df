import { describe, expect, it } from 'vitest';
import { buildContextMenuTemplate, type ContextMenuFacts } from '../../../src-main/electron/context-menu';

describe('context menu', () => {
  const facts = (overrides: Partial<ContextMenuFacts>): ContextMenuFacts => ({
    misspelledWord: '',
    dictionarySuggestions: [],
    isEditable: true,
    selectionText: '',
    editFlags: {
      canUndo: true,
      canRedo: true,
      canCut: true,
      canCopy: false,
      canPaste: true,
      canDelete: true,
      canSelectAll: true,
      canEditRichly: false,
    },
    ...overrides,
  });

  it('offers suggestions and Add to dictionary on a misspelt word', () => {
    const done: string[] = [];
    const template = buildContextMenuTemplate(
      facts({ misspelledWord: 'Pressrom', dictionarySuggestions: ['Pressroom', 'Press rom'] }),
      {
        replaceMisspelling: (word) => done.push(`replace ${word}`),
        addToDictionary: (word) => done.push(`add ${word}`),
      },
    );
    expect(template.map((item) => item.label ?? item.role ?? item.type)).toEqual([
      'Pressroom',
      'Press rom',
      'separator',
      'Add “Pressrom” to dictionary',
      'separator',
      'cut',
      'copy',
      'paste',
      'separator',
      'selectAll',
    ]);
    (template[0]!.click as unknown as () => void)();
    (template[3]!.click as unknown as () => void)();
    expect(done).toEqual(['replace Pressroom', 'add Pressrom']);
    expect(template.find((item) => item.role === 'copy')!.enabled).toBe(false);
  });

  it('says when there is no suggestion, and offers only Copy outside a field', () => {
    const none = buildContextMenuTemplate(facts({ misspelledWord: 'Xyzzq' }), {
      replaceMisspelling: () => undefined,
      addToDictionary: () => undefined,
    });
    expect(none[0]).toMatchObject({ label: 'No spelling suggestions', enabled: false });
    const text = buildContextMenuTemplate(facts({ isEditable: false, selectionText: 'words' }), {
      replaceMisspelling: () => undefined,
      addToDictionary: () => undefined,
    });
    expect(text).toEqual([{ role: 'copy' }]);
    expect(
      buildContextMenuTemplate(facts({ isEditable: false }), {
        replaceMisspelling: () => undefined,
        addToDictionary: () => undefined,
      }),
    ).toEqual([]);
  });
});
