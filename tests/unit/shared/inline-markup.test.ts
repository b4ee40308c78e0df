import { parseFragment, type DefaultTreeAdapterTypes } from 'parse5';
import { describe, expect, it } from 'vitest';
import { escapeAttribute, escapeHtml } from '../../../src-shared/render/escape';
import {
  inlineToPlainText,
  inlineToPlainTextWithUrls,
  renderInline,
  renderParagraphBlock,
} from '../../../src-shared/render/inline-markup';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function elements(node: Node): Element[] {
  const found: Element[] = [];
  const walk = (n: Node) => {
    if (isElement(n)) found.push(n);
    if ('childNodes' in n) n.childNodes.forEach(walk);
  };
  walk(node);
  return found;
}

/** textContent, with <br> read as a newline so it can be compared with inlineToPlainText. */
function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterTypes.TextNode).value;
  if (isElement(node) && node.tagName === 'br') return '\n';
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
}

const fragment = (html: string) => parseFragment(html);
const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;

/**
 * Every tag in the output is ours (user text is escaped), so a stack over the raw string proves the nesting is
 * well formed, not merely repaired by a forgiving parser.
 */
function assertWellNested(html: string): void {
  const stack: string[] = [];
  for (const match of html.matchAll(/<(\/?)([a-z]+)[^>]*>/g)) {
    const [, closing, tag] = match as unknown as [string, string, string];
    if (tag === 'br') continue;
    if (closing) expect(stack.pop(), `closing </${tag}> in ${html}`).toBe(tag);
    else stack.push(tag);
  }
  expect(stack).toEqual([]);
}

describe('escapeHtml / escapeAttribute', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('leaves entity-looking text as text', () => {
    expect(escapeHtml('&lt;script&gt;')).toBe('&amp;lt;script&amp;gt;');
  });

  it('replaces NUL, which parsers treat inconsistently', () => {
    expect(escapeHtml('a\u0000b')).toBe('a\uFFFDb');
  });

  it('escapes backticks in attributes as well', () => {
    expect(escapeAttribute('`"\'<>&')).toBe('&#96;&quot;&#39;&lt;&gt;&amp;');
  });
});

describe('renderInline', () => {
  it.each([
    ['plain text', 'plain text'],
    ['*emphasis*', '<em>emphasis</em>'],
    ['**strong**', '<strong>strong</strong>'],
    ['***both***', '<em><strong>both</strong></em>'],
    ['a *b* c **d** e', 'a <em>b</em> c <strong>d</strong> e'],
    ['**strong with *em* inside**', '<strong>strong with <em>em</em> inside</strong>'],
    ['*em with **strong** inside*', '<em>em with <strong>strong</strong> inside</em>'],
    ['mid*word*emphasis', 'mid<em>word</em>emphasis'],
    ['**Note:** text', '<strong>Note:</strong> text'],
  ])('%s', (input, expected) => {
    expect(renderInline(input)).toBe(expected);
  });

  it.each([
    ['*unclosed', '*unclosed'],
    ['unopened*', 'unopened*'],
    ['**strong not closed', '**strong not closed'],
    ['**a*', '*<em>a</em>'],
    ['*a**', '<em>a</em>*'],
    ['2 * 3 * 4', '2 * 3 * 4'],
    ['* not emphasis *', '* not emphasis *'],
    ['*', '*'],
    ['**', '**'],
    ['***', '***'],
    ['[unclosed label', '[unclosed label'],
    ['[label] (https://example.org)', '[label] (https://example.org)'],
    ['[label](https://example.org', '[label](https://example.org'],
    ['[](https://example.org)', '[](https://example.org)'],
    ['[label]()', '[label]()'],
    ['*[a*](https://example.org)', '*<a class="inline-link" href="https://example.org">a*</a>'],
  ])('renders unbalanced markers literally: %s', (input, expected) => {
    expect(renderInline(input)).toBe(expected);
  });

  it('turns single newlines into <br> and normalises CRLF', () => {
    expect(renderInline('line one\nline two\r\nline three\rfour')).toBe(
      'line one<br>line two<br>line three<br>four',
    );
  });

  it('lets emphasis run across a line break', () => {
    expect(renderInline('*one\ntwo*')).toBe('<em>one<br>two</em>');
  });

  it('escapes everything that is not the inline set', () => {
    expect(renderInline('<b>x</b> & "y" \'z\'')).toBe('&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot; &#39;z&#39;');
  });

  describe('links', () => {
    it.each([
      ['[our report](https://example.org/report)', 'https://example.org/report'],
      ['[the site](http://example.org)', 'http://example.org'],
      ['[email us](mailto:press@example.org)', 'mailto:press@example.org'],
      [
        '[wiki](https://en.wikipedia.org/wiki/Ashford_(Kent))',
        'https://en.wikipedia.org/wiki/Ashford_(Kent)',
      ],
      ['[padded]( https://example.org )', 'https://example.org'],
    ])('makes a link of an allowed address: %s', (input, href) => {
      const [a] = elements(fragment(renderInline(input))).filter((el) => el.tagName === 'a');
      expect(a).toBeDefined();
      expect(attr(a!, 'href')).toBe(href);
    });

    it('renders emphasis inside a link label', () => {
      expect(renderInline('[**read** it](https://example.org)')).toBe(
        '<a class="inline-link" href="https://example.org"><strong>read</strong> it</a>',
      );
    });

    it('escapes quotes in an allowed address so it cannot leave the attribute', () => {
      const html = renderInline('[x](https://example.org/"onmouseover="alert(1))');
      const [a] = elements(fragment(html)).filter((el) => el.tagName === 'a');
      expect(a!.attrs.map((x) => x.name).sort()).toEqual(['class', 'href']);
      expect(attr(a!, 'href')).toBe('https://example.org/"onmouseover="alert(1)');
    });

    it.each([
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      '//evil.example/',
      'https://user@evil.example/',
      'ftp://example.org/file',
      'example.org',
      '/relative/path',
      '#fragment',
      'https://exa\u202Emple.org',
    ])('refuses %j and shows label and address as text', (url) => {
      const html = renderInline(`[click](${url})`);
      const tree = fragment(html);
      expect(elements(tree).filter((el) => el.tagName === 'a')).toEqual([]);
      // A bidi control in the address is shown too, closed before the ")" (bidi.ts).
      expect(textOf(tree)).toBe(`click (${url.replace(/(\u202E.*)$/, '$1\u202C')})`);
    });
  });
});

describe('renderParagraphBlock', () => {
  it('wraps a paragraph in <p> with the given attributes', () => {
    expect(renderParagraphBlock('Hello *you*', { 'data-field': 'body.0' })).toBe(
      '<p data-field="body.0">Hello <em>you</em></p>',
    );
  });

  it('renders nothing for blank text', () => {
    expect(renderParagraphBlock('  \n \n')).toBe('');
  });

  it('makes "- " lines a bulleted list', () => {
    expect(renderParagraphBlock('- one\n- **two**\n- [three](https://example.org)')).toBe(
      '<ul><li>one</li><li><strong>two</strong></li><li><a class="inline-link" href="https://example.org">three</a></li></ul>',
    );
  });

  it('makes "1. " lines a numbered list and keeps a later start number', () => {
    expect(renderParagraphBlock('1. first\n2. second')).toBe('<ol><li>first</li><li>second</li></ol>');
    expect(renderParagraphBlock('3. third\n4. fourth')).toBe(
      '<ol start="3"><li>third</li><li>fourth</li></ol>',
    );
  });

  it('separates a lead-in line, a list and a closing line, each carrying the attributes', () => {
    const html = renderParagraphBlock('The officers:\n- arrived\n- left\nThat was all.', {
      'data-field': 'body.2',
    });
    expect(html).toBe(
      '<p data-field="body.2">The officers:</p><ul data-field="body.2"><li>arrived</li><li>left</li></ul><p data-field="body.2">That was all.</p>',
    );
  });

  it('starts a new paragraph at a blank line and keeps single newlines as <br>', () => {
    expect(renderParagraphBlock('one\ntwo\n\nthree')).toBe('<p>one<br>two</p><p>three</p>');
  });

  it('does not take a dash without a space, or a number without a full stop and space, for a list', () => {
    expect(renderParagraphBlock('-5 degrees\n2024 was a year\n1.5 million')).toBe(
      '<p>-5 degrees<br>2024 was a year<br>1.5 million</p>',
    );
  });

  it('escapes attribute values and drops attribute names that are not plain', () => {
    expect(renderParagraphBlock('x', { 'data-field': '"><script>', 'on click': 'x' })).toBe(
      '<p data-field="&quot;&gt;&lt;script&gt;">x</p>',
    );
  });
});

describe('inlineToPlainText', () => {
  it.each([
    ['*emphasis* and **strong**', 'emphasis and strong'],
    ['[our report](https://example.org)', 'our report'],
    ['[**bold** label](https://example.org)', 'bold label'],
    ['[x](javascript:alert(1))', 'x (javascript:alert(1))'],
    ['*unclosed and 2 * 3', '*unclosed and 2 * 3'],
    ['line\r\nbreak', 'line\nbreak'],
    ['- one\n- two', '- one\n- two'],
    ['<b>not markup</b>', '<b>not markup</b>'],
  ])('%j -> %j', (input, expected) => {
    expect(inlineToPlainText(input)).toBe(expected);
  });

  it('can be handed straight to Array.map', () => {
    expect(['*a*', '**b**'].map(inlineToPlainText)).toEqual(['a', 'b']);
  });

  it('adds the address after a link label for plain-text export', () => {
    expect(inlineToPlainTextWithUrls('See [the report](https://example.org/r).')).toBe(
      'See the report (https://example.org/r).',
    );
    expect(inlineToPlainTextWithUrls('[https://example.org](https://example.org)')).toBe(
      'https://example.org',
    );
  });
});

describe('inline markup on arbitrary input', () => {
  // A small deterministic generator: random strings over the characters the parser cares about.
  function* randomInputs(count: number): Generator<string> {
    const alphabet = [
      '*',
      '*',
      '**',
      '[',
      ']',
      '(',
      ')',
      '](',
      'a',
      'b',
      ' ',
      '\n',
      '- ',
      '1. ',
      '<',
      '&',
      '"',
      'https://x.org',
      'javascript:',
      'mailto:a@b',
    ];
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    for (let i = 0; i < count; i++) {
      const length = next() % 24;
      let s = '';
      for (let j = 0; j < length; j++) s += alphabet[next() % alphabet.length];
      yield s;
    }
  }

  it('always produces well-nested output of the inline set, whose text is the plain text', () => {
    for (const input of randomInputs(3000)) {
      const html = renderInline(input);
      assertWellNested(html);
      const tree = fragment(html);
      for (const el of elements(tree)) {
        expect(['em', 'strong', 'a', 'br']).toContain(el.tagName);
        if (el.tagName === 'a') expect(attr(el, 'href')).toMatch(/^(https?:\/\/|mailto:)/);
      }
      expect(textOf(tree)).toBe(inlineToPlainText(input));

      const block = renderParagraphBlock(input, { 'data-field': 'body.0' });
      assertWellNested(block);
      for (const el of elements(fragment(block)))
        expect(['p', 'ul', 'ol', 'li', 'em', 'strong', 'a', 'br']).toContain(el.tagName);
    }
  });
});

describe('performance on hostile 1 MB input', () => {
  const MB = 1024 * 1024;
  const patterns = [
    '*[*[',
    '[a](',
    '**a',
    '*a',
    '[',
    '*',
    '[x](((',
    '](',
    '*[x](https://e.org',
    '- *[\n',
    'a*b**c***',
  ];

  const timed = (run: () => string) => {
    const started = performance.now();
    const output = run();
    return { output, elapsed: performance.now() - started };
  };

  it.each(patterns)('renders and strips 1 MB of %j in linear time, not minutes', (pattern) => {
    const input = pattern.repeat(Math.ceil(MB / pattern.length)).slice(0, MB);
    const html = timed(() => renderParagraphBlock(input));
    const inline = timed(() => renderInline(input));
    const plain = timed(() => inlineToPlainText(input));
    expect(html.output.length).toBeGreaterThan(0);
    expect(inline.output.length).toBeGreaterThan(0);
    expect(plain.output.length).toBeGreaterThan(0);
    // Typically 50-250 ms each; a quadratic parser would take minutes. The ceiling is loose on purpose: this
    // guards against runaway parsing on a busy CI machine, and the speed targets live in `npm run bench`.
    expect(html.elapsed).toBeLessThan(5000);
    expect(inline.elapsed).toBeLessThan(5000);
    expect(plain.elapsed).toBeLessThan(5000);
  });
});
