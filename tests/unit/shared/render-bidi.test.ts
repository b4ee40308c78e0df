import { describe, expect, it } from 'vitest';
import { balanceBidi, isBidiBalanced } from '../../../src-shared/render/bidi';
import { escapeAttribute, escapeHtml } from '../../../src-shared/render/escape';
import { renderInline } from '../../../src-shared/render/inline-markup';
import { clean } from '../../../src-shared/render/text-wrap';

const LRE = '\u202A';
const RLE = '\u202B';
const PDF = '\u202C';
const LRO = '\u202D';
const RLO = '\u202E';
const LRI = '\u2066';
const RLI = '\u2067';
const FSI = '\u2068';
const PDI = '\u2069';

describe('balanceBidi', () => {
  it.each([
    ['plain text', 'Ashford man jailed', 'Ashford man jailed'],
    ['an unterminated override', `a${RLO}bc`, `a${RLO}bc${PDF}`],
    [
      'each embedding and override',
      `${LRE}${RLE}${LRO}${RLO}x`,
      `${LRE}${RLE}${LRO}${RLO}x${PDF}${PDF}${PDF}${PDF}`,
    ],
    ['an unterminated isolate', `a${RLI}bc`, `a${RLI}bc${PDI}`],
    ['isolates inside out', `${LRI}${FSI}x`, `${LRI}${FSI}x${PDI}${PDI}`],
    ['a paired override, kept', `a${RLO}bc${PDF}d`, `a${RLO}bc${PDF}d`],
    ['a paired isolate, kept', `a${FSI}bc${PDI}d`, `a${FSI}bc${PDI}d`],
    ['a stray PDF, dropped', `ab${PDF}c`, 'abc'],
    ['a stray PDI, dropped (it could close an isolate of ours)', `ab${PDI}c`, 'abc'],
    ['a PDF meeting an isolate, dropped', `${RLI}a${PDF}b`, `${RLI}ab${PDI}`],
    ['a PDI closes the override inside its isolate', `${RLI}a${RLO}b${PDI}c`, `${RLI}a${RLO}b${PDF}${PDI}c`],
    ['a newline ends everything open', `a${RLO}b\nc`, `a${RLO}b${PDF}\nc`],
    ['an opener on each side of a newline', `${RLO}a\n${LRI}b`, `${RLO}a${PDF}\n${LRI}b${PDI}`],
  ])('%s', (_name, input, expected) => {
    expect(balanceBidi(input)).toBe(expected);
    expect(isBidiBalanced(expected)).toBe(true);
    expect(balanceBidi(expected)).toBe(expected);
  });

  it('is linear on a hostile paste (no quadratic rescans of the open stack)', () => {
    // A loose runaway guard only: timings belong in the bench.
    const hostile = RLE.repeat(100_000) + PDI.repeat(100_000) + RLI.repeat(50_000) + PDF.repeat(50_000);
    const started = performance.now();
    const out = balanceBidi(hostile);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(isBidiBalanced(out)).toBe(true);
  });
});

describe('every renderer entry balances what it prints', () => {
  it('escapeHtml and escapeAttribute close the controls of the string they escape', () => {
    expect(escapeHtml(`<b>${RLO}x`)).toBe(`&lt;b&gt;${RLO}x${PDF}`);
    expect(escapeAttribute(`x${RLI}"`)).toBe(`x${RLI}&quot;${PDI}`);
  });

  it('renderInline closes an override before the tag it was typed inside ends', () => {
    expect(renderInline(`[link ${RLO}label](https://example.org/a) after`)).toBe(
      `<a class="inline-link" href="https://example.org/a">link ${RLO}label${PDF}</a> after`,
    );
    expect(renderInline(`*a${RLO}b* c`)).toBe(`<em>a${RLO}b${PDF}</em> c`);
  });

  it('clean (every string of the plain text) balances too', () => {
    expect(clean(`a${RLO}b\r\nc${PDI}`)).toBe(`a${RLO}b${PDF}\nc`);
  });
});
