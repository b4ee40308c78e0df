import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, type DefaultTreeAdapterTypes } from 'parse5';
import {
  DEFAULT_PROFILE,
  RELEASE_SCHEMA_VERSION,
  type OrganisationProfile,
  type Release,
  type ReleaseStatus,
} from '../../../src-shared/release/schema';
import { contentHash } from '../../../src-shared/workflow/content-hash';

/** Shared by the export tests: a complete release, a profile, and small readers of HTML and PDF. */

export const profile: OrganisationProfile = {
  ...DEFAULT_PROFILE,
  name: 'Northshire Police',
  locale: 'en-GB',
  timeZone: 'Europe/London',
};

/** Before the embargo below; the embargo holds. */
export const BEFORE_EMBARGO = new Date('2024-07-17T12:00:00Z');
/** Long after it; the embargo has passed. */
export const AFTER_EMBARGO = new Date('2025-01-01T00:00:00Z');

export function release(overrides: Partial<Release> = {}, status: ReleaseStatus = 'approved'): Release {
  const made: Release = {
    schemaVersion: RELEASE_SCHEMA_VERSION,
    id: 'r-ashford1',
    revision: 3,
    createdAt: '2024-07-16T08:00:00.000Z',
    updatedAt: '2024-07-17T08:00:00.000Z',
    status,
    approvals: [],
    editedSinceApproval: [],
    header: {
      type: 'outcome',
      organisation: 'Northshire Police',
      releaseDate: '2024-07-18T09:30',
      timeZone: 'Europe/London',
      embargo: { until: '2024-07-18T00:01', timeZone: 'Europe/London' },
      reference: 'NP-2024-117',
      tags: ['Ashford'],
    },
    headline: 'Ashford man jailed for harassing former partner',
    standfirst: 'A 41-year-old man from Ashford was jailed on Wednesday for harassing his former partner.',
    details: [{ key: 'court', label: 'Court', text: 'Northshire Crown Court' }],
    body: [
      {
        id: 'p1',
        text: 'John Smith, of Station Road, was sentenced to two years. See [the court listing](https://courts.example/listing/117).',
      },
      { id: 'p2', text: 'The court heard that he sent more than 300 messages over six months.' },
    ],
    quotes: [
      {
        id: 'q1',
        speakerName: 'Sarah Okafor',
        speakerRole: 'Detective Inspector',
        organisation: 'Northshire Police',
        paragraphs: ['Harassment ruins lives. We will always take it seriously.'],
        afterParagraphId: 'p1',
      },
      {
        id: 'q2',
        speakerName: 'Priya Shah',
        speakerRole: 'Victim support lead',
        organisation: 'Northshire Victim Care',
        paragraphs: ['Help is available to anyone affected.'],
        afterParagraphId: null,
      },
    ],
    background: [{ id: 'b1', text: 'Smith was arrested in January after the victim went to the police.' }],
    notesToEditors: [
      { id: 'n1', text: 'Photographs of Smith are available on request.' },
      { id: 'n2', text: 'The case reference is NP-2024-117.' },
    ],
    boilerplate: 'Northshire Police serves 1.2 million people across the county.',
    mediaContacts: [
      {
        name: 'Press office',
        role: 'Media enquiries',
        phone: '01632 960 000',
        email: 'press@northshire.example',
        outOfHours: 'Out of hours: 07700 900 000',
      },
    ],
    canonicalUrl: 'https://northshire.example/news/ashford-harassment',
    relatedLinks: [{ id: 'l1', label: 'Harassment advice', url: 'https://northshire.example/advice' }],
    endMark: 'ENDS',
    anonymityList: [],
    changeNotes: [],
    ...overrides,
  };
  // An approved release carries the sign-off of exactly its text, as one made in the app does (unless the test
  // says otherwise), so that the workflow's final-export checks accept it.
  const signed = (status === 'approved' || status === 'published') && !('approvals' in overrides);
  return signed
    ? {
        ...made,
        approvals: [
          {
            personId: 'u-ada',
            personName: 'Ada Approver',
            stepIndex: 0,
            stepLabel: 'Approval',
            at: '2024-07-17T09:00:00.000Z',
            contentHash: contentHash(made),
          },
        ],
      }
    : made;
}

/** Paragraphs adding up to about `words` words: enough body to run over several printed pages. */
export function longBody(words: number): Release['body'] {
  const sentence =
    'The investigation team met the family on Tuesday and explained how the inquiry will proceed in Ashford. ';
  const perParagraph = 4;
  const sentenceWords = sentence.trim().split(/\s+/).length;
  const count = Math.ceil(words / (sentenceWords * perParagraph));
  return Array.from({ length: count }, (_, i) => ({
    id: `long${i + 1}`,
    text: sentence.repeat(perParagraph).trim(),
  }));
}

// --- HTML ---------------------------------------------------------------------------------------------------

export type Node = DefaultTreeAdapterTypes.Node;
export type Element = DefaultTreeAdapterTypes.Element;

export function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

/** Every element, <template> contents included, so nothing can hide from the checks. */
export function elements(root: Node): Element[] {
  const found: Element[] = [];
  const walk = (node: Node) => {
    if (isElement(node)) found.push(node);
    if ('childNodes' in node) node.childNodes.forEach(walk);
    if (isElement(node) && node.tagName === 'template' && 'content' in node)
      walk((node as DefaultTreeAdapterTypes.Template).content);
  };
  walk(root);
  return found;
}

export const parseHtml = (html: string) => parse(html);
export const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;
export const byTag = (root: Node, tag: string) => elements(root).filter((el) => el.tagName === tag);

export function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterTypes.TextNode).value;
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
}

// --- PDF ----------------------------------------------------------------------------------------------------

/** pdftotext (Debian's poppler-utils) in the given mode; pages are separated by form feeds. */
export function pdfText(pdf: Uint8Array, mode: 'layout' | 'raw' = 'layout'): string {
  const folder = mkdtempSync(join(tmpdir(), 'pressroom-pdf-'));
  try {
    const file = join(folder, 'export.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', [`-${mode}`, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The pages of a pdftotext output (the text after the last form feed is not a page). */
export function pages(text: string): string[] {
  const parts = text.split('\f');
  return parts.slice(0, parts.length - 1);
}

export function pdfInfo(pdf: Uint8Array): Record<string, string> {
  const folder = mkdtempSync(join(tmpdir(), 'pressroom-pdf-'));
  try {
    const file = join(folder, 'export.pdf');
    writeFileSync(file, pdf);
    const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    return Object.fromEntries(
      out
        .split('\n')
        .filter((line) => line.includes(':'))
        .map((line) => [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()]),
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

export function pdfFonts(pdf: Uint8Array): string {
  const folder = mkdtempSync(join(tmpdir(), 'pressroom-pdf-'));
  try {
    const file = join(folder, 'export.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdffonts', [file], { encoding: 'utf8' });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Collapses runs of whitespace, so a phrase can be found however pdftotext spaced it. */
export const squash = (text: string) => text.replace(/\s+/g, ' ');
