import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRelease, textFields } from '../../../src-shared/checks/editorial-checks';
import {
  compileProtectedPeople,
  foldForMatching,
  formsOf,
  matchProtected,
  protectedPersonFindings,
} from '../../../src-shared/checks/protected-people';
import { DEFAULT_PROFILE, type ProtectedPerson, type Release } from '../../../src-shared/release/schema';
import { release as filledRelease } from '../export/fixtures';
import { protectedName, placeIn, variantOf } from './protected-name-arbitraries';

const JANE: ProtectedPerson = {
  id: 'p-jane',
  name: 'Jane Doe',
  variants: ['Janey'],
  identifiers: [
    { kind: 'school', text: 'Ashford Grammar School' },
    { kind: 'address', text: '14 Station Road' },
  ],
};
const ZOE: ProtectedPerson = { id: 'p-zoe', name: 'Zoë Ann Smith-Jones', variants: [], identifiers: [] };
const ANNE: ProtectedPerson = { id: 'p-anne', name: 'Anne Smith', variants: [], identifiers: [] };

const found = (person: ProtectedPerson, text: string) =>
  matchProtected(text, compileProtectedPeople([person])).map((m) => m.form.text);

describe('the forms looked for', () => {
  it('are the name, the surname, the first name, the initials, the variants and the identifiers', () => {
    expect(formsOf(JANE).map((f) => `${f.kind}:${f.text}`)).toEqual([
      'name:Jane Doe',
      'surname:Doe',
      'first-name:Jane',
      'initials:J.D.',
      'variant:Janey',
      'identifier:Ashford Grammar School',
      'identifier:14 Station Road',
    ]);
  });

  it('add first and last name of a longer name, and both initials forms', () => {
    expect(formsOf({ ...ANNE, name: 'Jane Mary Doe' }).map((f) => f.text)).toEqual([
      'Jane Mary Doe',
      'Jane Doe',
      'Doe',
      'Jane',
      'J.M.D.',
      'J.D.',
    ]);
  });

  it('leave titles, suffixes, single letters and blank entries out of what is derived', () => {
    expect(
      formsOf({ id: 'p', name: '  Mrs  J. Doe Jnr ', variants: ['  ', 'JD'], identifiers: [] }).map(
        (f) => f.text,
      ),
    ).toEqual(['Mrs J. Doe Jnr', 'Doe', 'J.D.', 'JD']);
  });
});

describe('matching: each normalisation a writer (or a paste) can bring', () => {
  const cases: Array<[string, string, string[]]> = [
    ['the name', 'Jane Doe was there.', ['Jane Doe']],
    ['capitals', 'JANE DOE WAS THERE', ['Jane Doe']],
    ['lower case', 'jane doe was there', ['Jane Doe']],
    ['a line break between the parts', 'We spoke to Jane\n   Doe today.', ['Jane Doe']],
    ['a run of spaces and tabs', 'Jane \t  Doe', ['Jane Doe']],
    ['a no-break space', 'Jane\u00A0Doe', ['Jane Doe']],
    ['accents added in the text', 'Jané Döe', ['Jane Doe']],
    ['a combining accent', 'Ja\u0301ne Doe', ['Jane Doe']],
    ['a possessive', "Jane Doe's family", ['Jane Doe']],
    ['a possessive of the surname', "Doe's car", ['Doe']],
    ['a curly possessive', 'Doe’s car', ['Doe']],
    ['a plural possessive', "the Does' house", ['Doe']],
    ['a soft hyphen inside the surname', 'Mrs Do\u00ADe', ['Doe']],
    ['a word hyphenated across a line', 'Jane Do-\ne said', ['Jane Doe']],
    ['zero-width characters', 'J\u200Bane D\u200Doe\u2060', ['Jane Doe']],
    ['a direction override', '\u202EJane Doe\u202C', ['Jane Doe']],
    ['emphasis', 'said *Jane* Doe', ['Jane Doe']],
    ['strong around the whole name', 'said **Jane Doe**', ['Jane Doe']],
    ['emphasis inside a word', 'said Ja*ne* Doe', ['Jane Doe']],
    ['a link label', 'said [Jane Doe](https://example.org/x)', ['Jane Doe']],
    ['a list item', '- Jane Doe\n- someone else', ['Jane Doe']],
    ['a link address', 'see [the report](https://example.org/jane-doe-case)', ['Jane Doe']],
    ['an email address', 'write to jane.doe@example.org', ['Jane Doe']],
    ['an encoded address', 'https://example.org/q?name=Jane%20Do%C3%A9', ['Jane Doe']],
    ['the first name alone', 'Jane, 14, was unhurt', ['Jane']],
    ['a variant', 'known as Janey to friends', ['Janey']],
    ['dotted initials', 'J.D. was unhurt', ['J.D.']],
    ['dotted and spaced initials', 'J. D. was unhurt', ['J.D.']],
    ['spaced capital initials', 'J D was unhurt', ['J.D.']],
    ['capital initials as a word', 'JD was unhurt', ['J.D.']],
    ['the school, across a line', 'a pupil at Ashford  Grammar\nSchool', ['Ashford Grammar School']],
    ['the school in lower case', 'ashford grammar school', ['Ashford Grammar School']],
    ['the address', 'police were called to 14 Station Road.', ['14 Station Road']],
    ['two forms in one text', 'Doe lives at 14 Station Road', ['Doe', '14 Station Road']],
  ];
  it.each(cases)('%s: %j', (_name, text, expected) => {
    expect(found(JANE, text)).toEqual(expected);
  });

  const misses: Array<[string, string]> = [
    ['a longer first name', 'Johnathan and Janet Doering'],
    ['a longer word starting with the name', 'Janeway Doesburg'],
    ['a hyphenated compound', 'Jane-Marie Doe-Smith'],
    ["another person's name", "O'Doe"],
    ['the verb', 'What does it do? DOES IT?'],
    ['initials in lower case', 'the jd sports shop'],
    ['initials inside a longer token', 'JDX and XJD'],
    ['a longer street', '114 Station Roadside'],
    ['a word joined across a hyphenated line', 'Doe-\nsmith'],
  ];
  it.each(misses)('does not match %s: %j', (_name, text) => {
    expect(found(JANE, text)).toEqual([]);
  });

  it('reads a hyphenated name across a line break, and the first and last name of a longer one', () => {
    expect(found(ZOE, 'Smith-\nJones')).toEqual(['Smith-Jones']);
    expect(found(ZOE, 'Zoe Smith-Jones')).toEqual(['Zoë Smith-Jones']);
    expect(found(ZOE, 'ZOE SMITH JONES')).toEqual(['Zoë Smith-Jones']);
    expect(found(ZOE, 'ZOË')).toEqual(['Zoë']);
    expect(found(ZOE, 'Z.A.S.')).toEqual(['Z.A.S.']);
  });

  it('looks for initials that spell a common word only dotted', () => {
    expect(found(ANNE, 'AS IT HAPPENED, as it was')).toEqual([]);
    expect(found(ANNE, 'A S')).toEqual([]);
    expect(found(ANNE, 'A.S. was there')).toEqual(['A.S.']);
  });

  it('treats hand-written dotted initials as initials, not as "as"', () => {
    const person = { ...ANNE, name: 'Anne Smythe', variants: ['A. S.'] };
    expect(found(person, 'as it was')).toEqual([]);
    expect(found(person, 'A.S. said')).toEqual(['A.S.']);
  });

  it('does not let one person hide another with the same surname', () => {
    const people = compileProtectedPeople([
      JANE,
      { ...JANE, id: 'p-john', name: 'John Doe', identifiers: [] },
    ]);
    expect(matchProtected('Doe', people).map((m) => `${m.person.label}:${m.form.text}`)).toEqual([
      'Jane Doe:Doe',
      'John Doe:Doe',
    ]);
  });

  it('folds a text once for all: markup off, link addresses kept apart, accents and hyphenation undone', () => {
    expect(foldForMatching('*Zoë* met [Ja\u00ADne](https://x.example/a-b) at Do-\ne’s')).toBe(
      "Zoe met Jane at Doe's\u0001https x example a b",
    );
  });
});

describe('findings', () => {
  const release = (change: (r: Release) => void) => {
    const r = filledRelease({ anonymityList: [JANE] }, 'draft');
    change(r);
    return r;
  };
  const run = (r: Release) =>
    checkRelease(r, { profile: DEFAULT_PROFILE, now: new Date(), anonymityList: r.anonymityList }).filter(
      (f) => f.rule.startsWith('protected-person'),
    );

  it('say which form of whose name was found, as an error at its field', () => {
    const findings = run(release((r) => (r.body[1]!.text = 'Mrs Doe’s neighbour called the police.')));
    expect(findings).toEqual([
      {
        rule: 'protected-person',
        severity: 'error',
        section: 'body',
        field: 'body.1.text',
        message: "“Doe” (a form of Jane Doe's name) must not appear: Jane Doe is a protected person",
      },
    ]);
  });

  it('say when an identifying detail was found, under a rule of its own', () => {
    const findings = run(
      release((r) => (r.quotes[0]!.paragraphs[0] = 'She was a pupil at ashford grammar school.')),
    );
    expect(findings).toEqual([
      {
        rule: 'protected-person.identifier',
        severity: 'error',
        section: 'quotes',
        field: 'quotes.0.paragraphs.0',
        message:
          '“Ashford Grammar School” (school or college of Jane Doe) must not appear: it identifies Jane Doe, a protected person',
      },
    ]);
  });

  it('cover link labels and addresses, contacts and the end mark, which the old field list missed', () => {
    const r = release((r) => {
      r.relatedLinks[0] = { id: 'l1', label: 'Advice', url: 'https://example.org/jane-doe' };
      r.mediaContacts[0]!.email = 'jane.doe@example.org';
      r.endMark = 'ENDS (Janey)';
    });
    expect(run(r).map((f) => f.field)).toEqual(['mediaContacts.0.email', 'relatedLinks.0.url', 'endMark']);
  });

  it('are none for a clean release, and never for the internal list of protected people itself', () => {
    expect(run(release(() => undefined))).toEqual([]);
  });

  it('take well under the keystroke budget on a 10,000-word release, folded cold', () => {
    const words =
      'the officer told investigators that the *complaint* was handled in [Ashford](https://example.org) on Tuesday';
    const vocabulary = words.split(' ');
    let n = 0;
    const r = release((r) => {
      r.body = Array.from({ length: 200 }, (_, i) => ({
        id: `b${i}`,
        text: `${Array.from({ length: 50 }, () => vocabulary[n++ % vocabulary.length]).join(' ')} ${i}.`,
      }));
      r.anonymityList = [JANE, ZOE, ANNE];
    });
    const fields = textFields(r);
    expect(fields.reduce((sum, f) => sum + f.text.split(/\s+/).length, 0)).toBeGreaterThan(10_000);
    // Warmed up as in a running editor (the regular expressions compiled), but with every text new to the fold.
    protectedPersonFindings(textFields(filledRelease({}, 'draft')), r.anonymityList);
    const start = performance.now();
    protectedPersonFindings(fields, r.anonymityList);
    // The figure lives in `npm run bench`; this only catches a regression of a different order (backtracking).
    expect(performance.now() - start).toBeLessThan(2_000);
  });

  it('stay fast on hostile input: a pasted megabyte without spaces, and a run of markup', () => {
    const people = compileProtectedPeople([JANE, ZOE]);
    const start = performance.now();
    matchProtected('a'.repeat(200_000), people);
    matchProtected('*['.repeat(100_000), people);
    matchProtected('Jane '.repeat(40_000), people);
    matchProtected('https://x.org/'.repeat(10_000), people);
    expect(performance.now() - start).toBeLessThan(2_000);
  });
});

describe('property: a protected name, written any way, in any published field, is found there', () => {
  it('finds a random variant in every field of a release with every section filled', () => {
    const base = filledRelease({}, 'draft');
    const fields = textFields(base).map((f) => f.field);
    expect(fields.length).toBeGreaterThan(25);
    const named = protectedName().chain((parts) => variantOf(parts).map((variant) => ({ parts, variant })));
    fc.assert(
      fc.property(named, ({ parts, variant }) => {
        const person: ProtectedPerson = { id: 'p-1', name: parts.join(' '), variants: [], identifiers: [] };
        for (const field of fields) {
          const r = placeIn({ ...base, anonymityList: [person] }, field, variant.text);
          const at = protectedPersonFindings(textFields(r), [person]).filter((f) => f.field === field);
          expect(
            at.map((f) => f.rule),
            `${variant.kind}: ${JSON.stringify(variant.text)} in ${field}`,
          ).toContain('protected-person');
        }
      }),
      { numRuns: 60 },
    );
  });
});
