import { protectedPeopleNamed, type Release } from '../../../src-shared/release/schema';
import { FIELD_LIST, type FieldKind, type FieldSpec } from '../../../src-shared/release/structure';
import { release } from './fixtures';

/**
 * A unique marker in every field of the structure table, for the tests that walk it (the renderers' table walk,
 * internal fields never exported). Each kind says how a marker goes in and how it shows when printed; a kind added
 * to the table without a probe here does not compile.
 */

export interface Probe {
  value: unknown;
  /** Shown on the page: in the HTML's text, and in the PDF. */
  visible: string[];
  /** In the plain text. */
  text: string[];
  /** Only in the HTML source (an attribute). */
  raw: string[];
}

/** While the probes' embargo (8 March 2031) holds. */
export const PROBE_NOW = new Date('2031-03-01T12:00:00Z');

const PROBES: Record<FieldKind, (mark: (part: string) => string) => Probe> = {
  choice: () => ({ value: 'witness-appeal', visible: ['Witness appeal'], text: ['Witness appeal'], raw: [] }),
  line: (mark) => ({ value: mark('text'), visible: [mark('text')], text: [mark('text')], raw: [] }),
  'date-time': () => ({
    value: '2031-03-07T10:00',
    visible: ['7 March 2031'],
    text: ['7 March 2031'],
    raw: [],
  }),
  // A zone prints only as the offset of the date's datetime: the date on the page is the wall-clock one.
  'time-zone': () => ({ value: 'Asia/Tokyo', visible: [], text: [], raw: ['2031-03-07T10:00:00+09:00'] }),
  embargo: () => ({
    value: { until: '2031-03-08T00:01', timeZone: 'Europe/London' },
    visible: ['EMBARGOED UNTIL 00:01 GMT, Saturday 8 March 2031'],
    text: ['EMBARGOED UNTIL 00:01 GMT, Saturday 8 March 2031'],
    raw: [],
  }),
  list: (mark) => ({
    value: [mark('a'), mark('b')],
    visible: [mark('a'), mark('b')],
    text: [mark('a'), mark('b')],
    raw: [],
  }),
  prose: (mark) => ({ value: mark('text'), visible: [mark('text')], text: [mark('text')], raw: [] }),
  'key-details': (mark) => ({
    value: [{ key: 'k1', label: mark('label'), text: mark('text') }],
    visible: [mark('label'), mark('text')],
    text: [mark('label'), mark('text')],
    raw: [],
  }),
  paragraphs: (mark) => ({
    value: [{ id: 'x1', text: mark('text') }],
    visible: [mark('text')],
    text: [mark('text')],
    raw: [],
  }),
  notes: (mark) => ({
    value: [{ id: 'n1', text: mark('text') }],
    visible: [mark('text')],
    text: [mark('text')],
    raw: [],
  }),
  quotes: (mark) => {
    const parts = [mark('role'), mark('name'), mark('org'), mark('words')];
    return {
      value: [
        {
          id: 'q1',
          speakerName: mark('name'),
          speakerRole: mark('role'),
          organisation: mark('org'),
          paragraphs: [mark('words')],
          afterParagraphId: null,
        },
      ],
      visible: parts,
      text: parts,
      raw: [],
    };
  },
  contacts: (mark) => {
    const parts = [mark('name'), mark('role'), mark('phone'), mark('email'), mark('ooh')];
    return {
      value: [
        {
          name: mark('name'),
          role: mark('role'),
          phone: mark('phone'),
          email: mark('email'),
          outOfHours: mark('ooh'),
        },
      ],
      visible: parts,
      text: parts,
      raw: [],
    };
  },
  url: (mark) => ({
    value: `https://example.org/${mark('url')}`,
    visible: [mark('url')],
    text: [mark('url')],
    raw: [],
  }),
  // A related link shows its text; its address is in the href, and listed in the plain text.
  links: (mark) => ({
    value: [{ id: 'l1', label: mark('label'), url: `https://example.org/${mark('url')}` }],
    visible: [mark('label')],
    text: [mark('label'), mark('url')],
    raw: [mark('url')],
  }),
  'protected-people': (mark) => ({
    value: [
      {
        ...protectedPeopleNamed(mark('name'))[0]!,
        variants: [mark('variant')],
        identifiers: [{ kind: 'school', text: mark('school') }],
      },
    ],
    visible: [mark('name'), mark('variant'), mark('school')],
    text: [mark('name'), mark('variant'), mark('school')],
    raw: [],
  }),
  // A published note prints with its date; the date is the workflow's, so only the text is the writer's.
  'change-notes': (mark) => ({
    value: [{ id: 'c1', text: mark('note'), importance: 'major', publishedAt: '2031-03-09T10:00:00.000Z' }],
    visible: [mark('note')],
    text: [mark('note')],
    raw: [],
  }),
};

/** Markers are letters and digits only, and none is part of another: "QZ07namezq". */
export function probeField(spec: FieldSpec): Probe {
  const index = FIELD_LIST.indexOf(spec);
  return PROBES[spec.kind]((part) => `QZ${String(index).padStart(2, '0')}${part}zq`);
}

/** Every marker of a probe, wherever it shows. */
export function allMarkers(probe: Probe): string[] {
  return [...new Set([...probe.visible, ...probe.text, ...probe.raw])];
}

/**
 * A valid, approved release (its sign-off covering exactly this text) with a probe in each of `specs`; the other
 * fields keep the export fixture's values.
 */
export function markedRelease(specs: readonly FieldSpec[]): {
  release: Release;
  probes: Map<FieldSpec, Probe>;
} {
  const base = release();
  const header: Record<string, unknown> = { ...base.header };
  const content: Record<string, unknown> = {};
  const probes = new Map<FieldSpec, Probe>();
  for (const spec of specs) {
    const probe = probeField(spec);
    probes.set(spec, probe);
    if (spec.path.startsWith('header.')) header[spec.path.slice('header.'.length)] = probe.value;
    else content[spec.path] = probe.value;
  }
  return {
    release: release({ ...content, header: header as Release['header'] } as Partial<Release>, 'approved'),
    probes,
  };
}
