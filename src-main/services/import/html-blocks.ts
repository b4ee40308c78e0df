import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { isAllowedUrl } from '../../../src-shared/release/schema';
import { MAX_IMPORT_BLOCKS, type ImportBlock } from '../../../src-shared/import/placement';

type Node = DefaultTreeAdapterMap['childNode'];
type Element = DefaultTreeAdapterMap['element'];

/**
 * HTML (Word's, through mammoth; Markdown's, through marked; or pasted from a browser or an email) as the import's
 * blocks: each heading, paragraph and list item one block, its text in the structure's inline markup (**strong**,
 * *emphasis*, [label](url)). Everything else is dropped: scripts, styles, images, attributes, classes. Only
 * http(s) and mailto links survive as links; any other address keeps its label as text.
 */

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Elements whose content is never text of the release. */
const SKIPPED = new Set([
  'script',
  'style',
  'template',
  'head',
  'title',
  'noscript',
  'svg',
  'math',
  'iframe',
  'object',
  'img',
]);
const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'blockquote',
  'address',
  'td',
  'th',
  'tr',
  'table',
  'tbody',
  'thead',
  'ul',
  'ol',
  'li',
  'pre',
  'hr',
  'dl',
  'dt',
  'dd',
  'figure',
  'figcaption',
  'body',
  'html',
  ...HEADINGS,
]);

export class TooManyBlocksError extends Error {}

export function htmlToBlocks(html: string): ImportBlock[] {
  const fragment = parseFragment(html);
  const blocks: ImportBlock[] = [];
  let inline = '';
  let kind: ImportBlock['kind'] = 'paragraph';
  let ordered = false;

  const flush = () => {
    const text = inline
      .replace(/[ \t\u00a0]+/g, ' ')
      .replace(/ *\n */g, '\n')
      .replace(/\*\*\s*\*\*/g, '')
      .trim();
    if (text) {
      if (blocks.length >= MAX_IMPORT_BLOCKS) throw new TooManyBlocksError();
      blocks.push(kind === 'list-item' ? { kind, text, ordered } : { kind, text });
    }
    inline = '';
    kind = 'paragraph';
  };

  const walk = (node: Node, listOrdered: boolean) => {
    if (node.nodeName === '#text') {
      inline += (node as DefaultTreeAdapterMap['textNode']).value.replace(/\s+/g, ' ');
      return;
    }
    if (!('tagName' in node)) return;
    const element = node as Element;
    const tag = element.tagName.toLowerCase();
    if (SKIPPED.has(tag)) return;
    const children = (tag === 'template' ? [] : element.childNodes) as Node[];
    if (BLOCKS.has(tag)) {
      flush();
      if (HEADINGS.has(tag)) kind = 'heading';
      if (tag === 'li') {
        kind = 'list-item';
        ordered = listOrdered;
      }
      const nextOrdered = tag === 'ol' ? true : tag === 'ul' ? false : listOrdered;
      for (const child of children) walk(child, nextOrdered);
      flush();
      return;
    }
    if (tag === 'br') {
      inline += '\n';
      return;
    }
    const wrap = tag === 'strong' || tag === 'b' ? '**' : tag === 'em' || tag === 'i' ? '*' : '';
    if (tag === 'a') {
      const href = element.attrs.find((attribute) => attribute.name === 'href')?.value.trim() ?? '';
      const before = inline;
      inline = '';
      for (const child of children) walk(child, listOrdered);
      const label = inline.trim();
      inline = before;
      if (href && isAllowedUrl(href) && !/[[\]()]/.test(label) && !/[()\s]/.test(href)) {
        inline += label ? `[${label}](${href})` : href;
      } else inline += label;
      return;
    }
    if (wrap) {
      const before = inline;
      inline = '';
      for (const child of children) walk(child, listOrdered);
      const inner = inline;
      inline = before;
      // Emphasis around nothing but spaces, or across lines, is not worth keeping.
      const trimmed = inner.trim();
      if (trimmed && !trimmed.includes('\n') && !trimmed.includes('*')) {
        const lead = inner.startsWith(' ') ? ' ' : '';
        const trail = inner.endsWith(' ') ? ' ' : '';
        inline += `${lead}${wrap}${trimmed}${wrap}${trail}`;
      } else inline += inner;
      return;
    }
    for (const child of children) walk(child, listOrdered);
  };

  for (const child of fragment.childNodes as Node[]) walk(child, false);
  flush();
  return blocks;
}
