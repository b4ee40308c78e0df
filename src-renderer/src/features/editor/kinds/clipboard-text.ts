import { normaliseLineBreaks, pastedParagraphs } from './paragraph-edits';

/**
 * What a paste holds, as paragraphs. Word and Outlook put HTML on the clipboard with one element per paragraph
 * (`<p class=MsoNormal>`) and a soft line break as `<br>`, while their plain text has a single line break between
 * paragraphs; so the HTML says where paragraphs end, and the plain text is used only when there is no HTML (a
 * text editor, another box of this app).
 */
export function clipboardParagraphs(data: DataTransfer): string[] {
  const html = data.getData('text/html');
  if (html.trim() !== '') {
    const fromHtml = pastedParagraphs(htmlToText(html));
    if (fromHtml.length > 0) return fromHtml;
  }
  return pastedParagraphs(data.getData('text/plain'));
}

/** The plain text the clipboard offers, with its line breaks as the form keeps them ("\n"). */
export function clipboardPlainText(data: DataTransfer): string {
  return normaliseLineBreaks(data.getData('text/plain'));
}

// Elements that start a paragraph of their own; anything else is inline.
const BLOCKS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'DD',
  'DIV',
  'DL',
  'DT',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'MAIN',
  'NAV',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TR',
  'UL',
  'OL',
]);
// Never text: what a page or Word's HTML carries besides its words.
const SKIPPED = new Set(['HEAD', 'STYLE', 'SCRIPT', 'TITLE', 'TEMPLATE', 'NOSCRIPT', 'svg', 'IMG']);

/**
 * HTML as plain text with a blank line between blocks and a line break for each `<br>`; list items as "- " or
 * "1. " lines, the way this app writes lists. Word writes a list as paragraphs each starting with its bullet or
 * number in a `mso-list:Ignore` span; those become list lines too. The HTML is parsed inert (DOMParser runs no
 * script and loads nothing).
 */
export function htmlToText(html: string): string {
  const document = new DOMParser().parseFromString(html, 'text/html');
  let out = '';
  const blockBreak = () => {
    if (out !== '' && !out.endsWith('\n\n')) out += out.endsWith('\n') ? '\n' : '\n\n';
  };
  const lineBreak = () => {
    if (out !== '' && !out.endsWith('\n')) out += '\n';
  };

  const walk = (node: Node, listNumber: { next: number } | null) => {
    if (node.nodeType === Node.TEXT_NODE) {
      // Source line breaks and indentation in HTML are spaces; a no-break space stays what it is.
      const text = (node.textContent ?? '').replace(/[ \t\n\r\f]+/g, ' ');
      out += out === '' || out.endsWith('\n') ? text.replace(/^ /, '') : text;
      return;
    }
    if (!(node instanceof Element) || SKIPPED.has(node.tagName)) return;
    if (node.tagName === 'BR') {
      out = out.replace(/ $/, '') + '\n';
      return;
    }
    if ((node.getAttribute('style') ?? '').replace(/\s/g, '').includes('mso-list:Ignore')) {
      // Word's bullet or number of a list paragraph: "·", "o", "§" or "1.".
      const marker = (node.textContent ?? '').trim();
      const number = /^(\d{1,9})[.)]$/.exec(marker);
      out += number ? `${number[1]}. ` : '- ';
      return;
    }
    if (node.tagName === 'LI') {
      lineBreak();
      out += listNumber ? `${listNumber.next++}. ` : '- ';
      for (const child of node.childNodes) walk(child, null);
      lineBreak();
      return;
    }
    const block = BLOCKS.has(node.tagName);
    if (block) blockBreak();
    const list =
      node.tagName === 'OL'
        ? { next: Number(node.getAttribute('start') ?? '1') || 1 }
        : node.tagName === 'UL'
          ? null
          : listNumber;
    if (node.tagName === 'TD' || node.tagName === 'TH') out += ' ';
    for (const child of node.childNodes) walk(child, list);
    if (block) blockBreak();
  };
  walk(document.body, null);
  return out;
}
