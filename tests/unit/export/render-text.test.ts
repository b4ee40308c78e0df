import { protectedPeopleNamed } from '../../../src-shared/release/schema';
import { describe, expect, it } from 'vitest';
import { DRAFT_MARK } from '../../../src-shared/render/render-release';
import { renderReleaseText, TEXT_WIDTH } from '../../../src-shared/render/render-text';
import { AFTER_EMBARGO, BEFORE_EMBARGO, longBody, profile, release } from './fixtures';

const render = (r = release(), options: Partial<Parameters<typeof renderReleaseText>[1]> = {}) =>
  renderReleaseText(r, { draftMark: false, now: BEFORE_EMBARGO, profile, ...options });

const columns = (line: string) => [...line].length;

/** A line over the width is allowed only when it is one address that cannot be broken. */
function overlongLines(text: string, width = TEXT_WIDTH): string[] {
  return (
    text
      .split('\n')
      .filter((line) => columns(line) > width)
      // Only one address (after a list or reference marker) may run over: it cannot be cut.
      .filter((line) => !/^\s*(?:\[\d+\] |[-•] |\d+\. +)?[(<[]?(?:https?:\/\/|mailto:)\S*$/i.test(line))
  );
}

describe('plain-text export', () => {
  it('puts the embargo line at the top while the embargo holds, and drops it afterwards', () => {
    const before = render().split('\n');
    expect(before[0]).toBe('EMBARGOED UNTIL 00:01 BST, Thursday 18 July 2024');
    const after = render(release(), { now: AFTER_EMBARGO });
    expect(after).not.toContain('EMBARGOED');
  });

  it('says FOR IMMEDIATE RELEASE when there is no embargo', () => {
    const text = render(release({ header: { ...release().header, embargo: null } }));
    expect(text.split('\n')[0]).toBe('FOR IMMEDIATE RELEASE');
  });

  it('opens with the draft mark on a draft, above the embargo line', () => {
    const lines = render(release(), { draftMark: true }).split('\n');
    expect(lines[0]).toBe(DRAFT_MARK);
    expect(lines[2]).toMatch(/^EMBARGOED UNTIL/);
    expect(render()).not.toContain(DRAFT_MARK);
  });

  it('gives the issuer, type and date, then the headline underlined', () => {
    const text = render();
    expect(text).toContain(
      'Northshire Police\nOutcome / hearing result · 18 July 2024\nReference: NP-2024-117',
    );
    expect(text).toContain(
      'Ashford man jailed for harassing former partner\n===============================================\n',
    );
  });

  it('gives no tags: they are for filing, never printed', () => {
    const text = render(release({ header: { ...release().header, tags: ['Operation Kestrel'] } }));
    expect(text).not.toContain('Operation Kestrel');
    expect(text).not.toContain('Tags:');
  });

  it('shows each quote as "Role Name said:" then the quotation, where the quote sits', () => {
    const text = render();
    const quote =
      'Detective Inspector Sarah Okafor said:\n\n“Harassment ruins lives. We will always take it seriously.”';
    expect(text).toContain(quote);
    // After the paragraph it names, before the next one.
    expect(text.indexOf(quote)).toBeGreaterThan(text.indexOf('sentenced to two years'));
    expect(text.indexOf(quote)).toBeLessThan(text.indexOf('more than 300 messages'));
    // An unanchored quote closes the body; a speaker of another organisation is placed by it, as on the page.
    const other = 'Victim support lead Priya Shah, of Northshire Victim Care, said:';
    expect(text).toContain(`${other}\n\n“Help is available to anyone affected.”`);
    expect(text.indexOf(other)).toBeLessThan(text.indexOf('Background'));
  });

  it('prints the role as written, capitalising only a lower-case first letter', () => {
    const r = release({
      quotes: [
        {
          ...release().quotes[0]!,
          speakerRole: 'IOPC regional director',
          speakerName: 'Charmaine Arbouin',
          organisation: 'IOPC',
        },
        {
          ...release().quotes[1]!,
          speakerRole: 'regional director',
          speakerName: 'Ann Lee',
          organisation: '',
        },
      ],
    });
    const text = render(r);
    expect(text).toContain('IOPC regional director Charmaine Arbouin said:');
    expect(text).toContain('Regional director Ann Lee said:');
  });

  it('adds a "— Name, role, organisation" line only where the house style asks for it', () => {
    expect(render()).not.toContain('— Sarah Okafor');
    const text = render(release(), { profile: { ...profile, quoteCredit: true } });
    expect(text).toContain(
      'will always take it seriously.”\n\n— Sarah Okafor, Detective Inspector, Northshire Police',
    );
  });

  it('opens each paragraph of a long quotation and closes only the last', () => {
    const r = release({
      quotes: [{ ...release().quotes[0]!, paragraphs: ['First part.', 'Second part.'] }],
    });
    expect(render(r)).toContain('said:\n\n“First part.\n\n“Second part.”');
  });

  it('numbers the notes to editors, under their heading', () => {
    expect(render()).toContain(
      'Notes to editors\n----------------\n\n1. Photographs of Smith are available on request.\n\n2. The case reference is NP-2024-117.',
    );
  });

  it('puts ENDS after the story, then notes to editors, about, contacts and the numbered links', () => {
    const text = render();
    expect(text).toContain(
      'Smith was arrested in January after the victim went to the police.\n\nENDS\n\nNotes to editors\n',
    );
    expect(text).toContain(
      'Media contacts\n--------------\n\nPress office\nMedia enquiries\nPhone: 01632 960 000\nEmail: press@northshire.example\nOut of hours: 07700 900 000',
    );
    expect(text.replace(/\s+/g, ' ')).toContain('See the court listing [1].');
    expect(text).toContain(
      'Links\n-----\n\n[1] https://courts.example/listing/117\n' +
        '[2] Original article: https://northshire.example/news/ashford-harassment\n' +
        '[3] Harassment advice: https://northshire.example/advice\n',
    );
    expect(text.endsWith('[3] Harassment advice: https://northshire.example/advice\n')).toBe(true);
  });

  it('puts ENDS after everything when the house style says so', () => {
    const text = render(release(), { profile: { ...profile, endMarkPlacement: 'after-everything' } });
    expect(text.endsWith('[3] Harassment advice: https://northshire.example/advice\n\nENDS\n')).toBe(true);
  });

  it('numbers an address once however often it is linked in the text', () => {
    const r = release({
      body: [
        {
          id: 'p1',
          text: '[One](https://a.example/x) and [two](https://a.example/x) and [three](https://b.example/).',
        },
      ],
      canonicalUrl: '',
      relatedLinks: [],
    });
    const text = render(r);
    expect(text).toContain('One [1] and two [1] and three [2].');
    expect(text).toContain('[1] https://a.example/x\n[2] https://b.example/\n');
  });

  it('never makes a reference of a refused address, and shows it as typed', () => {
    const r = release({
      body: [{ id: 'p1', text: 'Click [here](javascript:alert(1)) now.' }],
      canonicalUrl: 'javascript:alert(2)',
      relatedLinks: [{ id: 'l1', label: 'Bad', url: 'data:text/html,<script>' }],
    });
    const text = render(r);
    expect(text).toContain('Click here (javascript:alert(1)) now.');
    expect(text).not.toMatch(/\[\d+\] javascript:/);
    expect(text).toContain('Original article: javascript:alert(2)');
    expect(text).toContain('- Bad (data:text/html,<script>)');
  });

  it('wraps every line at 72 columns, except addresses that cannot be broken', () => {
    const r = release({
      body: [
        ...longBody(600),
        {
          id: 'url',
          text: `Read more at https://northshire.example/${'very-long-path/'.repeat(10)} and [the report](https://northshire.example/${'x'.repeat(120)}).`,
        },
        { id: 'word', text: `A ${'unbreakable'.repeat(30)} word.` },
        {
          id: 'list',
          text: `Items:\n- ${'a fairly long list item '.repeat(8)}\n12. ${'numbered '.repeat(20)}`,
        },
      ],
      notesToEditors: Array.from({ length: 12 }, (_, i) => ({
        id: `n${i}`,
        text: 'A note to editors. '.repeat(9),
      })),
    });
    const text = render(r);
    expect(overlongLines(text)).toEqual([]);
    // The address in the text stays whole on a line of its own.
    expect(text).toContain(`https://northshire.example/${'very-long-path/'.repeat(10)}`);
    // The list item and the two-digit note wrap under their own text.
    expect(text).toMatch(/\n- a fairly long list item[^\n]*\n {2}\S/);
    expect(text).toMatch(/\n10\. A note to editors\.[^\n]*\n {4}\S/);
  });

  it('wraps at another width when asked', () => {
    const text = render(release({ body: longBody(200) }), { width: 40 });
    expect(overlongLines(text, 40)).toEqual([]);
  });

  it('leaves out the anonymity list and everything the workflow records', () => {
    const r = release({
      anonymityList: protectedPeopleNamed('SECRET-VICTIM-NAME'),
      approvals: [],
      editedSinceApproval: ['SECRET-EDITOR-ID'],
    });
    const text = render(r);
    expect(text).not.toContain('SECRET-VICTIM-NAME');
    expect(text).not.toContain('SECRET-EDITOR-ID');
  });

  it('keeps a right-to-left override inside a name from reordering the words around it', () => {
    const r = release({ quotes: [{ ...release().quotes[0]!, speakerName: 'Evil\u202Eecnarf' }] });
    // The override is closed inside the name, and the name isolated from "said:".
    expect(render(r)).toContain('Detective Inspector \u2068Evil\u202Eecnarf\u202C\u2069 said:');
  });

  it('removes control characters and turns NUL into U+FFFD', () => {
    const r = release({
      headline: 'Bell\u0007 and NUL\u0000 and ESC\u001b[31m red',
      standfirst: 'a\r\nb\rc',
    });
    const text = render(r);
    // eslint-disable-next-line no-control-regex -- looking for control characters
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(text).toContain('Bell and NUL\uFFFD and ESC[31m red');
    expect(text).toContain('a\nb\nc');
  });

  it('copes with a half-filled release', () => {
    const empty = {} as unknown as Parameters<typeof renderReleaseText>[0];
    const text = renderReleaseText(empty, { draftMark: true, now: BEFORE_EMBARGO, profile });
    expect(text).toContain('Untitled release');
  });

  it('renders a megabyte without spaces without running away, cut into lines', () => {
    const start = performance.now();
    const text = render(release({ body: [{ id: 'big', text: 'x'.repeat(1_000_000) }] }));
    // A runaway guard (a quadratic wrap would take minutes), loose enough for a busy CI machine.
    expect(performance.now() - start).toBeLessThan(5000);
    expect(overlongLines(text)).toEqual([]);
  });
});
