import { describe, expect, it } from 'vitest';
import { jigsawFindings, sharedLink } from '../../../src-shared/checks/jigsaw';
import type { ProtectedPerson, Release } from '../../../src-shared/release/schema';
import { release as filled } from '../export/fixtures';

const JANE: ProtectedPerson = {
  id: 'p-jane',
  name: 'Jane Doe',
  variants: [],
  identifiers: [{ kind: 'school', text: 'Ashford Grammar School' }],
};

/** A release of the workspace: its id, headline, reference, tags and (published) body. */
function release(
  id: string,
  headline: string,
  header: { reference?: string; tags?: string[] },
  body = '',
): Release {
  const base = filled({}, 'published');
  return {
    ...base,
    id,
    headline,
    standfirst: 'A statement was issued on Monday.',
    body: [{ id: 'p1', text: body || 'Nothing further.' }],
    background: [],
    notesToEditors: [],
    quotes: [],
    details: [],
    header: { ...base.header, reference: header.reference ?? '', tags: header.tags ?? [] },
  };
}

const THIS = {
  ...release('r-this', 'Teacher cleared of misconduct', {
    reference: 'IOPC/2024/17',
    tags: ['Croydon', 'Schools'],
  }),
  anonymityList: [JANE],
};

describe('jigsaw: other releases about the same matter that name a protected person or their details', () => {
  it('warns, naming both releases, what was shared and which detail of whom', () => {
    const other = release(
      'r-other',
      'Officer dismissed after Croydon inquiry',
      { tags: ['croydon '] },
      'The complaint came from a pupil at Ashford Grammar School.',
    );
    expect(jigsawFindings(THIS, [THIS, other])).toEqual([
      {
        rule: 'jigsaw',
        severity: 'warning',
        section: 'protectedPeople',
        field: 'anonymityList',
        message:
          'Jigsaw risk: “Officer dismissed after Croydon inquiry” (same tag “croydon”) mentions Ashford Grammar ' +
          'School, a detail of Jane Doe. Read together with “Teacher cleared of misconduct”, it could identify Jane Doe',
      },
    ]);
  });

  it('links releases by the same reference, whatever its case, and says so', () => {
    const other = release(
      'r-2',
      'Hearing date set',
      { reference: ' iopc/2024/17 ' },
      'Mrs Doe’s complaint was upheld.',
    );
    const [finding] = jigsawFindings(THIS, [other]);
    expect(finding?.message).toContain(
      "(same reference “iopc/2024/17”) mentions “Doe”, a form of Jane Doe's name",
    );
  });

  it('lists every form and detail one other release holds, in one warning per person', () => {
    const other = release(
      'r-3',
      'Jane Doe speaks',
      { tags: ['Schools'] },
      'Jane Doe, of Ashford Grammar School.',
    );
    const findings = jigsawFindings(THIS, [other]);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain(
      'names Jane Doe; mentions Ashford Grammar School, a detail of Jane Doe',
    );
  });

  it('is silent for a release about another matter, for an empty reference, and for a clean release', () => {
    const unrelated = release('r-4', 'Ashford Grammar School opens new wing', { tags: ['Ashford'] });
    const emptyReferences = release(
      'r-5',
      'Ashford Grammar School inspection',
      { reference: '' },
      'Jane Doe was there.',
    );
    const clean = release('r-6', 'Croydon officer promoted', { tags: ['Croydon'] });
    const blankThis = { ...THIS, header: { ...THIS.header, reference: '', tags: [] } };
    expect(jigsawFindings(THIS, [unrelated, clean])).toEqual([]);
    expect(jigsawFindings(blankThis, [emptyReferences])).toEqual([]);
    expect(sharedLink(blankThis, emptyReferences)).toBeNull();
  });

  it('needs protected people on this release, and never warns about the release itself', () => {
    const other = release('r-7', 'Jane Doe named', { tags: ['Croydon'] }, 'Jane Doe.');
    expect(jigsawFindings({ ...THIS, anonymityList: [] }, [other])).toEqual([]);
    expect(jigsawFindings(THIS, [{ ...THIS, body: [{ id: 'p', text: 'Jane Doe' }] }])).toEqual([]);
  });
});
