import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRelease, type Finding } from '../../../src-shared/checks/editorial-checks';
import {
  findDateProblems,
  findTimeProblems,
  formatGovukDate,
} from '../../../src-shared/checks/dates-and-times';
import { isTitleCase, passivePhrase } from '../../../src-shared/checks/house-style';
import {
  GOVUK_WORDS_TO_AVOID,
  GOVUK_WORDS_TO_AVOID_LIST,
} from '../../../src-shared/checks/govuk-words-to-avoid';
import { createBlankRelease } from '../../../src-shared/release/new-release';
import {
  DEFAULT_HOUSE_STYLE,
  DEFAULT_PROFILE,
  type HouseStyle,
  type HouseStyleRule,
  type OrganisationProfile,
  type ReleaseContent,
} from '../../../src-shared/release/schema';
import { RELEASE_TEMPLATES } from '../../../src-shared/release/templates';

const now = new Date('2024-07-18T08:30:00Z');
let n = 0;
const base = (): ReleaseContent => ({
  ...createBlankRelease({
    id: 'r-1',
    type: 'news-release',
    profile: DEFAULT_PROFILE,
    now,
    makeId: () => `p${++n}`,
  }),
  headline: 'Council opens new library in Ashford',
  standfirst: 'Northshire Council opened a new library on Station Road in Ashford on Tuesday.',
  body: [{ id: 'p1', text: 'The library has 20,000 books.' }],
});
const baseProfile: OrganisationProfile = { ...DEFAULT_PROFILE, name: 'Northshire Council', wordsToAvoid: [] };
const withStyle = (style: Partial<HouseStyle>): OrganisationProfile => ({
  ...baseProfile,
  houseStyle: { ...DEFAULT_HOUSE_STYLE, ...style },
});
const run = (content: ReleaseContent, profile = baseProfile) => checkRelease(content, { profile, now });
/** House-style and placeholder findings only: the other editorial rules have their own tests. */
const styleFindings = (findings: Finding[]) =>
  findings.filter((f) => f.rule.startsWith('house-style.') || f.rule === 'placeholder');
const rules = (findings: Finding[]) =>
  styleFindings(findings).map((f) => `${f.severity}:${f.rule}@${f.field}`);
const body = (text: string) => (c: ReleaseContent) => (c.body = [{ id: 'p1', text }]);
const quote = (paragraph: string, afterParagraphId: string | null) => ({
  id: `q${++n}`,
  speakerName: 'Jane Smith',
  speakerRole: 'Director',
  organisation: '',
  paragraphs: [paragraph],
  afterParagraphId,
});

describe('a clean release', () => {
  it('has no house-style findings, with every rule on', () => {
    expect(rules(run(base()))).toEqual([]);
  });
});

type Case = [name: string, change: (c: ReleaseContent) => void, expected: string[], message?: string];

const ACRONYM = 'warning:house-style.acronym';
describe('acronyms are spelled out at first use', () => {
  const cases: Case[] = [
    [
      'spelled out first, short form in brackets',
      body('The Independent Office for Police Conduct (IOPC) is investigating. The IOPC will report.'),
      [],
    ],
    [
      'short form first, spelled out in brackets',
      body('IOPC (Independent Office for Police Conduct) investigators attended. The IOPC will report.'),
      [],
    ],
    ['bare at first use', body('The IOPC is investigating.'), [`${ACRONYM}@body.0.text`], '“IOPC”'],
    [
      'bare in the standfirst, spelled out later: flagged where first used, with the spelled-out form',
      (c) => {
        c.standfirst = 'The IOPC opened an investigation in Ashford on Tuesday.';
        c.body = [{ id: 'p1', text: 'The Independent Office for Police Conduct (IOPC) said more.' }];
      },
      [`${ACRONYM}@standfirst`],
      '“Independent Office for Police Conduct (IOPC)”',
    ],
    [
      'flagged once however often it is used',
      body('The CPS charged him. The CPS said so.'),
      [`${ACRONYM}@body.0.text`],
    ],
    [
      'two different acronyms, one finding each',
      body('The CPS and the DVSA met.'),
      [`${ACRONYM}@body.0.text`, `${ACRONYM}@body.0.text`],
    ],
    ['well-known acronyms need no spelling out', body('The NHS, the BBC, the UK, an MP, a GP and CCTV.'), []],
    ['plural of a known acronym', body('MPs and GPs met.'), []],
    ['plural of an unknown one', body('PCSOs patrolled.'), [`${ACRONYM}@body.0.text`], '“PCSO”'],
    ['a name in capitals is not an acronym', body('Named as JOHN DOE by his family.'), []],
    ['a surname in capitals after a first name', body('John SMITH, 34, of Ashford was charged.'), []],
    ['Roman numerals are not acronyms', body('A memorial to World War II veterans.'), []],
    ['a single capital is not an acronym', body('Plan A was dropped.'), []],
    [
      'a headline in capitals is shouting, not acronyms',
      (c) => (c.headline = 'COUNCIL OPENS NEW LIBRARY'),
      [],
    ],
    ['a reference code in the header is not prose', (c) => (c.header.reference = 'NOPC/2024/001'), []],
    ['a link address is not read', body('Read [the report](https://example.org/ABCD/report).'), []],
    [
      'reading order: a quote that spells it out, placed before the paragraph that uses it',
      (c) => {
        c.body = [
          { id: 'p1', text: 'The library opened.' },
          { id: 'p2', text: 'The RNIB praised it.' },
        ];
        c.quotes = [quote('The Royal National Institute of Blind People (RNIB) is glad.', 'p1')];
      },
      [],
    ],
    [
      'reading order: a quote placed after the paragraph is read after it',
      (c) => {
        c.body = [{ id: 'p1', text: 'The RNIB praised it.' }];
        c.quotes = [quote('The Royal National Institute of Blind People (RNIB) is glad.', null)];
      },
      [`${ACRONYM}@body.0.text`],
    ],
    [
      'an acronym in a quote is flagged at the quote paragraph',
      (c) => (c.quotes = [quote('The DVSA helped us.', null)]),
      [`${ACRONYM}@quotes.0.paragraphs.0`],
    ],
  ];
  it.each(cases)('%s', (_name, change, expected, message) => {
    const content = base();
    change(content);
    const found = styleFindings(run(content));
    expect(rules(found)).toEqual(expected);
    if (message) expect(found[0]!.message).toContain(message);
  });

  it('knows the organisation by its initials and by the acronym list of the profile', () => {
    const content = base();
    content.body = [{ id: 'p1', text: 'The NOPC and the PCSO team attended.' }];
    const profile = withStyle({ knownAcronyms: [...DEFAULT_HOUSE_STYLE.knownAcronyms, 'pcso'] });
    expect(rules(run(content, { ...profile, name: 'Northshire Office for Police Conduct' }))).toEqual([]);
    expect(rules(run(content, profile))).toEqual([`${ACRONYM}@body.0.text`]);
  });
});

describe('dates are written as “18 July 2024”', () => {
  const cases: Array<[text: string, suggestions: string[]]> = [
    ['on 18th July', ['18 July']],
    ['on 18th July 2024', ['18 July 2024']],
    ['on the 1st of March 2024', ['1 March 2024']],
    ['on July 18', ['18 July']],
    ['on July 18th', ['18 July']],
    ['on July 18, 2024', ['18 July 2024']],
    ['on 18/07/2024', ['18 July 2024']],
    ['on 18-07-2024', ['18 July 2024']],
    ['on 18.07.24', ['18 July 2024']],
    ['on 1/2/2024', ['1 February 2024']],
    ['on 2024-07-18', ['18 July 2024']],
    ['on 07/18/2024, the American way', ['18 July 2024']],
    ['on 18 July, 2024', ['18 July 2024']],
    ['between 18/07/2024 and 19th July', ['18 July 2024', '19 July']],
    // Not flagged
    ['on 18 July 2024', []],
    ['on Thursday 18 July', []],
    ['in July 2024', []],
    ['in May 2024 and in June', []],
    ['up 2.5 per cent', []],
    ['version v1.2.3', []],
    ['call 0300 020 0096', []],
    ['on 31/02/2024, which is no date', []],
    ['the 18th of the month', []],
  ];
  it.each(cases)('%s -> %j', (text, suggestions) => {
    expect(findDateProblems(text).map((p) => p.suggestion)).toEqual(suggestions);
    const content = base();
    body(`It happened ${text}.`)(content);
    const found = styleFindings(run(content));
    expect(found.map((f) => `${f.rule}@${f.field}`)).toEqual(
      suggestions.map(() => 'house-style.date@body.0.text'),
    );
    suggestions.forEach((suggestion, i) => expect(found[i]!.message).toContain(`as “${suggestion}”`));
  });

  it('says what was written and what to write', () => {
    const content = base();
    body('It happened on 18/07/2024.')(content);
    expect(styleFindings(run(content))[0]!.message).toBe(
      'Write “18/07/2024” as “18 July 2024” (dates as “18 July 2024”)',
    );
  });

  it('property: the suggestion for dd/mm/yyyy is “d Month yyyy”, and that form is never flagged', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (date) => {
          const [day, month, year] = [date.getUTCDate(), date.getUTCMonth() + 1, date.getUTCFullYear()];
          const numeric = `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
          const govuk = formatGovukDate(day, month, year);
          expect(govuk).toMatch(/^[1-9]\d? [A-Z][a-z]+ \d{4}$/);
          expect(findDateProblems(`It happened on ${numeric}.`).map((p) => [p.found, p.suggestion])).toEqual([
            [numeric, govuk],
          ]);
          expect(findDateProblems(`It happened on ${govuk}.`)).toEqual([]);
          const content = base();
          content.body = [{ id: 'p1', text: `It happened on ${govuk}.` }];
          expect(rules(run(content))).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('times are written as “5:30pm”, “midday”, “midnight”', () => {
  const cases: Array<[text: string, suggestions: string[]]> = [
    ['at 12 noon', ['midday']],
    ['at 12noon', ['midday']],
    ['at noon', ['midday']],
    ['at 12 midnight', ['midnight']],
    ['at 1730hrs', ['5:30pm']],
    ['at 0930 hrs', ['9:30am']],
    ['at 17:30', ['5:30pm']],
    ['at 09:00', ['9am']],
    ['at 00:00', ['midnight']],
    ['at 12:00', ['midday']],
    ['at 5.30pm', ['5:30pm']],
    ['at 5:30 PM', ['5:30pm']],
    ['at 5:30 p.m. on Friday', ['5:30pm']],
    ['at 10 a.m.', ['10am']],
    ['at 5:00pm', ['5pm']],
    ['at 12pm', ['midday']],
    ['at 12am', ['midnight']],
    ['at 17:30pm', ['5:30pm']],
    ['from 9.15am to 17:00', ['9:15am', '5pm']],
    // Not flagged
    ['at midday', []],
    ['at midnight', []],
    ['at 5:30pm', []],
    ['at 5pm', []],
    ['at 11:59pm', []],
    ['from 10am to 11am', []],
    ['in the afternoon', []],
    ['up 2.5 per cent', []],
    ['costs £17.30', []],
    ['the 2024 report', []],
    ['a 3:1 majority', []],
  ];
  it.each(cases)('%s -> %j', (text, suggestions) => {
    expect(findTimeProblems(text).map((p) => p.suggestion)).toEqual(suggestions);
    const content = base();
    body(`It starts ${text}.`)(content);
    const found = styleFindings(run(content));
    expect(found.map((f) => `${f.rule}@${f.field}`)).toEqual(
      suggestions.map(() => 'house-style.time@body.0.text'),
    );
    suggestions.forEach((suggestion, i) => expect(found[i]!.message).toContain(`as “${suggestion}”`));
  });
});

const RELATIVE = 'warning:house-style.relative-date';
describe('“today”, “yesterday” and “tomorrow” carry the date in brackets', () => {
  const cases: Case[] = [
    [
      'today without a date',
      body('The library opens today.'),
      [`${RELATIVE}@body.0.text`],
      '“today (18 July 2024)”',
    ],
    ['yesterday', body('It closed yesterday.'), [`${RELATIVE}@body.0.text`], '“yesterday (17 July 2024)”'],
    [
      'Tomorrow, keeping its capital',
      body('Tomorrow it opens.'),
      [`${RELATIVE}@body.0.text`],
      '“Tomorrow (19 July 2024)”',
    ],
    [
      'yesterday across a month end in a leap year',
      (c) => {
        c.header.releaseDate = '2024-03-01T09:00';
        c.body = [{ id: 'p1', text: 'It closed yesterday.' }];
      },
      [`${RELATIVE}@body.0.text`],
      '“yesterday (29 February 2024)”',
    ],
    [
      'each use is flagged',
      body('Today and tomorrow.'),
      [`${RELATIVE}@body.0.text`, `${RELATIVE}@body.0.text`],
    ],
    [
      'in the standfirst',
      (c) => (c.standfirst = 'The council opened a library in Ashford today.'),
      [`${RELATIVE}@standfirst`],
    ],
    // Not flagged
    ['today with the date', body('The library opens today (18 July 2024).'), []],
    ['today with a day and date', body('The library opens today (Thursday 18 July).'), []],
    ['possessive', body('Today’s opening went well.'), []],
    ['in the headline', (c) => (c.headline = 'Library opens today in Ashford'), []],
    [
      'in a quotation, the speaker’s own words',
      (c) => (c.quotes = [quote('Today is a good day.', null)]),
      [],
    ],
    ['inside another word', body('The todays list.'), []],
  ];
  it.each(cases)('%s', (_name, change, expected, message) => {
    const content = base();
    content.header.releaseDate = '2024-07-18T09:30';
    change(content);
    const found = styleFindings(run(content));
    expect(rules(found)).toEqual(expected);
    if (message) expect(found[0]!.message).toContain(message);
  });
});

describe('headlines are active and in sentence case', () => {
  const PASSIVE = 'warning:house-style.headline-passive@headline';
  const TITLE = 'warning:house-style.headline-title-case@headline';
  const cases: Array<[headline: string, expected: string[]]> = [
    ['Man was arrested after crash in Ashford', [PASSIVE]],
    ['Officer is dismissed for gross misconduct', [PASSIVE]],
    ['Man has been charged with burglary in Dover', [PASSIVE]],
    ['Two men were found guilty of fraud', [PASSIVE]],
    ['Library is now closed until Monday', [PASSIVE]],
    ['Council Opens New Library In Ashford', [TITLE]],
    ['Northshire Police Appoint New Chief Constable', [TITLE]],
    ['Man Was Arrested After Crash', [PASSIVE, TITLE]],
    // Not flagged
    ['Police arrest man after crash in Ashford', []],
    ['Council opens new library in Ashford', []],
    ['Council is delighted with new library', []],
    ['Northshire Police appoint Jane Smith as chief constable', []],
    ['Chief Constable Jane Smith opens Ashford Police Station', []],
    ['IOPC investigation: Officer cleared of misconduct', []],
    ['COUNCIL OPENS NEW LIBRARY', []],
    ['Red is the new colour of Ashford buses', []],
  ];
  it.each(cases)('%s -> %j', (headline, expected) => {
    const content = base();
    content.headline = headline;
    expect(rules(run(content, withStyle({ acronyms: false })))).toEqual(expected);
  });

  it('quotes the passive phrase it found', () => {
    expect(passivePhrase('Officer is dismissed for gross misconduct')).toBe('is dismissed');
    expect(passivePhrase('Man has been charged')).toBe('been charged');
    expect(isTitleCase('Statement on the Ashford crash')).toBe(false);
  });
});

describe('placeholders left from a template', () => {
  const ERROR = 'error:placeholder';
  const cases: Case[] = [
    [
      'each placeholder of a field is an error of its own',
      (c) => (c.headline = 'Appeal after [what happened] in [place]'),
      [`${ERROR}@headline`, `${ERROR}@headline`],
    ],
    [
      'in several fields',
      (c) => {
        c.standfirst = 'Police appealed in [place] on Tuesday.';
        c.body = [{ id: 'p1', text: 'Call [phone].' }];
      },
      [`${ERROR}@standfirst`, `${ERROR}@body.0.text`],
    ],
    ['a Markdown link is not a placeholder', body('Read [the report](https://example.org/report).'), []],
    ['empty brackets are not a placeholder', body('A list [] of nothing.'), []],
  ];
  it.each(cases)('%s', (_name, change, expected) => {
    const content = base();
    change(content);
    expect(rules(run(content))).toEqual(expected);
  });

  it('names each placeholder in its message, in order', () => {
    const content = base();
    content.headline = 'Appeal after [what happened] in [place]';
    expect(
      run(content)
        .filter((f) => f.rule === 'placeholder')
        .map((f) => f.message),
    ).toEqual(['Replace the placeholder “[what happened]”', 'Replace the placeholder “[place]”']);
  });

  it('lists every placeholder of the witness appeal template', () => {
    const content = createBlankRelease({
      id: 'r-2',
      type: 'witness-appeal',
      profile: baseProfile,
      now,
      makeId: () => `w${++n}`,
    });
    const template = RELEASE_TEMPLATES['witness-appeal'];
    const expected = [template.headline, ...template.body, ...template.details.map((d) => d.text)]
      .join(' ')
      .match(/\[[^\]]+\](?!\()/g)!.length;
    const placeholders = run(content).filter((f) => f.rule === 'placeholder');
    expect(placeholders).toHaveLength(expected);
    expect(placeholders.every((f) => f.severity === 'error')).toBe(true);
  });
});

describe('settings: each rule can be turned off', () => {
  const cases: Array<[HouseStyleRule, (c: ReleaseContent) => void, string]> = [
    ['acronyms', body('The DVSA said so.'), 'house-style.acronym'],
    ['dates', body('On 18/07/2024 it opened.'), 'house-style.date'],
    ['times', body('It opens at 17:30.'), 'house-style.time'],
    ['relativeDates', body('It opens today.'), 'house-style.relative-date'],
    ['headlineActive', (c) => (c.headline = 'Man was arrested in Ashford'), 'house-style.headline-passive'],
    [
      'headlineSentenceCase',
      (c) => (c.headline = 'Council Opens New Library In Ashford'),
      'house-style.headline-title-case',
    ],
  ];
  it.each(cases)('%s', (setting, change, rule) => {
    const content = base();
    change(content);
    expect(run(content, withStyle({})).map((f) => f.rule)).toContain(rule);
    const off = run(content, withStyle({ [setting]: false }));
    expect(off.map((f) => f.rule)).not.toContain(rule);
  });

  it('with every rule off, nothing from house style is reported', () => {
    const content = base();
    content.headline = 'Man Was Arrested In Ashford';
    content.body = [{ id: 'p1', text: 'The DVSA said today at 17:30 on 18/07/2024.' }];
    const allOff = withStyle({
      acronyms: false,
      dates: false,
      times: false,
      relativeDates: false,
      headlineActive: false,
      headlineSentenceCase: false,
    });
    expect(run(content, allOff).filter((f) => f.rule.startsWith('house-style.'))).toEqual([]);
  });
});

describe('GOV.UK words to avoid', () => {
  it('is the default list of a new profile, one entry per word, each found once', () => {
    expect(DEFAULT_PROFILE.wordsToAvoid).toEqual([...GOVUK_WORDS_TO_AVOID_LIST]);
    expect(new Set(GOVUK_WORDS_TO_AVOID_LIST).size).toBe(GOVUK_WORDS_TO_AVOID_LIST.length);
    for (const word of ['agenda', 'deliver', 'key', 'utilise', 'going forward', 'one-stop shop']) {
      expect(GOVUK_WORDS_TO_AVOID_LIST).toContain(word);
    }
    // "drive" already finds "drive out": the list holds the shorter word only.
    expect(GOVUK_WORDS_TO_AVOID.map((w) => w.word)).toContain('drive out');
    expect(GOVUK_WORDS_TO_AVOID_LIST).not.toContain('drive out');
  });

  it('is checked by the default profile', () => {
    const content = base();
    content.body = [{ id: 'p1', text: 'We will drive out crime and deliver key improvements.' }];
    const found = checkRelease(content, { profile: DEFAULT_PROFILE, now }).filter(
      (f) => f.rule === 'avoid-word',
    );
    expect(found.map((f) => f.message)).toEqual([
      '“deliver” is on the house list of words to avoid',
      '“key” is on the house list of words to avoid',
      '“drive” is on the house list of words to avoid',
    ]);
  });
});
