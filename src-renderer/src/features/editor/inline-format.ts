/**
 * Keyboard shortcuts for the small inline markup a release allows (ARCHITECTURE §6): emphasis, strong, links and
 * lists. The text is changed with setRangeText and an input event, so the form sees an ordinary edit and the
 * browser's own undo still has something to undo.
 */
export type InlineFormat = 'emphasis' | 'strong' | 'link' | 'bullets' | 'numbers';

export function formatForShortcut(event: KeyboardEvent | React.KeyboardEvent): InlineFormat | null {
  const mod = event.ctrlKey || event.metaKey;
  if (!mod || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (!event.shiftKey && key === 'i') return 'emphasis';
  if (!event.shiftKey && key === 'b') return 'strong';
  if (!event.shiftKey && key === 'k') return 'link';
  if (event.shiftKey && (key === '8' || key === '*')) return 'bullets';
  if (event.shiftKey && (key === '7' || key === '&')) return 'numbers';
  return null;
}

export function applyInlineFormat(
  textarea: HTMLTextAreaElement | HTMLInputElement,
  format: InlineFormat,
): void {
  const start = textarea.selectionStart ?? 0;
  const end = textarea.selectionEnd ?? start;
  const value = textarea.value;
  const selected = value.slice(start, end);

  if (format === 'emphasis' || format === 'strong') {
    const marker = format === 'emphasis' ? '*' : '**';
    const text = selected || (format === 'emphasis' ? 'emphasis' : 'strong text');
    textarea.setRangeText(`${marker}${text}${marker}`, start, end, 'end');
    // Leave the words selected so the writer can type over a placeholder.
    textarea.setSelectionRange(start + marker.length, start + marker.length + text.length);
  } else if (format === 'link') {
    const label = selected || 'link text';
    const insert = `[${label}](https://)`;
    textarea.setRangeText(insert, start, end, 'end');
    const urlStart = start + label.length + 3;
    textarea.setSelectionRange(urlStart, urlStart + 'https://'.length);
  } else {
    // Lists work on whole lines: extend the selection to line starts and ends.
    const lineStart = value.lastIndexOf('\n', start - 1) + 1;
    const nextBreak = value.indexOf('\n', end);
    const lineEnd = nextBreak === -1 ? value.length : nextBreak;
    const lines = value.slice(lineStart, lineEnd).split('\n');
    const pattern = format === 'bullets' ? /^- / : /^\d+\. /;
    const allListed = lines.every((line) => pattern.test(line));
    const next = lines.map((line, i) => {
      const bare = line.replace(/^(- |\d+\. )/, '');
      if (allListed) return bare;
      return format === 'bullets' ? `- ${bare}` : `${i + 1}. ${bare}`;
    });
    textarea.setRangeText(next.join('\n'), lineStart, lineEnd, 'select');
  }
  textarea.dispatchEvent(new Event('input', { bubbles: true }));
}
