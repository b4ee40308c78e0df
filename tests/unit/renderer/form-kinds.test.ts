import { createElement, type ComponentType, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { useForm, type UseFormReturn } from 'react-hook-form';
import { describe, expect, it, vi } from 'vitest';
import {
  fieldWidth,
  formPlan,
  formSections,
  headingNamesKind,
} from '../../../src-renderer/src/features/editor/kinds/form-plan';
import { createBlankRelease } from '../../../src-shared/release/new-release';
import {
  DEFAULT_PROFILE,
  RELEASE_TYPES,
  type OrganisationProfile,
  type ReleaseContent,
} from '../../../src-shared/release/schema';
import {
  FIELD_LIST,
  fieldsOfSection,
  itemFormPath,
  SECTIONS,
  type FieldSpec,
} from '../../../src-shared/release/structure';
import { RELEASE_TEMPLATES, type ReleaseTemplate } from '../../../src-shared/release/templates';

// The form renders outside the editor here: no findings (their store needs a browser) and no comments store.
vi.mock('../../../src-renderer/src/features/editor/FindingsContext', () => ({
  useFieldFindings: () => [],
  useFindings: () => ({ readingEase: {}, findings: [], bySection: new Map() }),
  useFindingsValue: () => undefined,
}));
vi.mock('../../../src-renderer/src/features/review/comments', async () => {
  const anchors = await import('../../../src-renderer/src/features/review/comments/anchors');
  const { COMMENT_SECTIONS } = await import('../../../src-shared/workflow/review-records');
  return {
    CommentButton: () => null,
    CommentPanelSlot: () => null,
    contactItemId: anchors.contactItemId,
    isCommentSection: (section: string) => (COMMENT_SECTIONS as readonly string[]).includes(section),
  };
});
vi.mock('../../../src-renderer/src/features/review/comments/useComments', () => ({
  useCommentsSelector: () => 0,
}));

const templates = RELEASE_TYPES.map((type) => RELEASE_TEMPLATES[type]);

describe('formSections: what the form and the navigator show', () => {
  it.each(templates.map((t) => [t.label, t] as const))(
    '%s: the template’s sections and the internal ones, in the table’s reading order',
    (_label, template) => {
      const shown = formSections(template);
      const tableOrder = SECTIONS.map((section) => section.id);
      expect(shown).toEqual(tableOrder.filter((id) => shown.includes(id)));
      for (const id of template.sections) expect(shown).toContain(id);
      for (const section of SECTIONS.filter((s) => !s.published)) expect(shown).toContain(section.id);
      expect(shown).toContain('protectedPeople');
      // Nothing the template leaves out.
      for (const section of SECTIONS.filter((s) => s.published && !template.sections.includes(s.id)))
        expect(shown).not.toContain(section.id);
    },
  );
});

describe('formPlan: every field of a shown section, with its label and hint', () => {
  it.each(templates.map((t) => [t.label, t] as const))('%s', (_label, template) => {
    const plan = formPlan(template);
    const planned = plan.flatMap((section) => section.fields.map((field) => field.spec.path));
    const expected = plan.flatMap((section) => fieldsOfSection(section.id).map((spec) => spec.path));
    expect(planned).toEqual(expected);
    for (const section of plan)
      for (const field of section.fields) {
        expect(field.label).toBe(field.spec.label);
        // A field's hint, unless its section's heading names it and its hint is the section's guidance.
        if (field.wholeSection) {
          expect(field.hint).toBe('');
          expect(section.guidance).toBeTruthy();
        } else {
          const fromTemplate = (template.guidance as Record<string, string | undefined>)[field.spec.path];
          expect(field.hint).toBe(fromTemplate ?? field.spec.hint);
        }
      }
  });

  it('every field of the table is in the form of a release type that offers every section', () => {
    const all = formPlan(RELEASE_TEMPLATES['news-release']).flatMap((s) => s.fields.map((f) => f.spec));
    expect(all).toEqual(FIELD_LIST);
  });

  it('the template wins over the table where it has guidance for a field, and is said once', () => {
    const appeal = RELEASE_TEMPLATES['witness-appeal'];
    const plan = formPlan(appeal);
    const section = (id: string) => plan.find((s) => s.id === id)!;
    const field = (path: string) => plan.flatMap((s) => s.fields).find((f) => f.spec.path === path)!;
    expect(field('headline').hint).toBe(appeal.guidance.headline);
    expect(section('headline').guidance).toBeUndefined();
    expect(field('details').hint).toBe(appeal.guidance.details);
    // The body's guidance is the witness appeal's own, over the paragraphs, once.
    expect(section('body').guidance).toBe(appeal.guidance.body);
    expect(field('body').hint).toBe('');
    expect(field('body').wholeSection).toBe(true);
    // A section whose fields have other names keeps its guidance, and each field its own hint.
    expect(section('links').guidance).toBe(appeal.guidance.links);
    expect(field('canonicalUrl').hint).toBe(field('canonicalUrl').spec.hint);
    expect(section('header').guidance).toBeUndefined();
    expect(formPlan(RELEASE_TEMPLATES['embargoed-release']).find((s) => s.id === 'header')!.guidance).toBe(
      RELEASE_TEMPLATES['embargoed-release'].guidance.header,
    );
    // An internal section says so in its heading; the protected people keep their hint beside their messages.
    expect(section('protectedPeople').title).toBe('Protected people (internal)');
    expect(field('anonymityList').hint).toBe(field('anonymityList').spec.hint);
  });

  it('short controls pair up, the rest take the whole row', () => {
    const widths = Object.fromEntries(FIELD_LIST.map((spec) => [spec.path, fieldWidth(spec)]));
    expect(widths).toMatchObject({
      'header.type': 'half',
      'header.releaseDate': 'half',
      'header.timeZone': 'half',
      'header.reference': 'half',
      'header.organisation': 'full',
      'header.embargo': 'full',
      headline: 'full',
      body: 'full',
    });
    for (const spec of FIELD_LIST) expect(typeof headingNamesKind(spec.kind)).toBe('boolean');
  });
});

/** field-ids.ts's naming (that module also focuses fields, so it needs the DOM's types). */
const fieldDomId = (path: string) => `field-${path.replace(/\./g, '-')}`;

/**
 * The form module, loaded at run time only: the renderer's components are type-checked with the DOM and JSX
 * (tsconfig.web.json), this test with Node's types.
 */
const RELEASE_FORM = '../../../src-renderer/src/features/editor/ReleaseForm.tsx';
interface ReleaseFormModule {
  ReleaseSections: ComponentType<{
    form: UseFormReturn<ReleaseContent>;
    profile: OrganisationProfile;
    template: ReleaseTemplate;
  }>;
  formSections: typeof formSections;
}

/** The form of a new release of `type`, rendered to HTML as the editor draws it (without findings or comments). */
async function renderForm(type: (typeof RELEASE_TYPES)[number], edit?: (content: ReleaseContent) => void) {
  const { ReleaseSections } = (await import(/* @vite-ignore */ RELEASE_FORM)) as ReleaseFormModule;
  const template = RELEASE_TEMPLATES[type];
  let n = 0;
  const release = createBlankRelease({
    id: 'r-1',
    type,
    profile: DEFAULT_PROFILE,
    now: new Date('2024-07-18T09:30:00Z'),
    makeId: () => `id-${++n}`,
  });
  const content = release as unknown as ReleaseContent;
  edit?.(content);
  function Harness(): ReactNode {
    const form = useForm<ReleaseContent>({ defaultValues: content });
    return createElement(ReleaseSections, { form, profile: DEFAULT_PROFILE, template });
  }
  return renderToStaticMarkup(createElement(Harness));
}

/** The DOM id a jump to the field (a finding, the preview, a comment) looks for first. */
function jumpTarget(spec: FieldSpec): string {
  return fieldDomId(spec.kind === 'embargo' ? 'header.embargo' : itemFormPath(spec, 0));
}

describe('the form drawn from the table: one control per field kind', () => {
  it.each(RELEASE_TYPES.map((type) => [type]))('%s: every section and field, with its ids', async (type) => {
    const withItems = (content: ReleaseContent) => {
      // One item in every list, so that every kind draws its rows.
      content.quotes = [
        {
          id: 'q-1',
          speakerName: 'Jane Smith',
          speakerRole: 'Director',
          organisation: '',
          paragraphs: ['Yes.'],
          afterParagraphId: null,
        },
      ];
      content.background = [{ id: 'b-1', text: 'Earlier.' }];
      content.notesToEditors = [{ id: 'n-1', text: 'A note.' }];
      content.relatedLinks = [{ id: 'l-1', label: 'More', url: 'https://example.org' }];
      content.anonymityList = [{ id: 'person-1', name: 'Tom Hardy', variants: [], identifiers: [] }];
      content.changeNotes = [
        { id: 'c-1', text: 'Corrected the date.', importance: 'major', publishedAt: null },
      ];
      content.header.tags = ['London'];
      if (content.mediaContacts.length === 0)
        content.mediaContacts = [
          { id: 'c-1', name: 'Press office', role: '', phone: '', email: '', outOfHours: '' },
        ];
    };
    const html = await renderForm(type, withItems);
    const template = RELEASE_TEMPLATES[type];
    const sectionIds = [...html.matchAll(/<section class="form-section" id="section-([A-Za-z]+)"/g)].map(
      (m) => m[1],
    );
    expect(sectionIds).toEqual(formSections(template));
    for (const section of formPlan(template)) {
      for (const { spec } of section.fields) {
        if (spec.kind === 'key-details' && template.details.length === 0) continue;
        expect(html, `${type}: ${spec.path}`).toContain(`id="${jumpTarget(spec)}"`);
        expect(html).toContain(`data-kind="${spec.kind}"`);
        // A choice offers its options (ChoiceField's list knows every choice of the table).
        if (spec.kind === 'choice')
          expect(html).toMatch(new RegExp(`<select id="${jumpTarget(spec)}"[^>]*><option value="[^"]+"`));
      }
    }
    expect(html).toContain('>Protected people (internal)</h2>');
    // The editor passes the same list to the section navigator.
    expect(((await import(/* @vite-ignore */ RELEASE_FORM)) as ReleaseFormModule).formSections).toBe(
      formSections,
    );
  });

  it('keeps the labels and names people and tests know', async () => {
    const html = await renderForm('witness-appeal', (content) => {
      content.mediaContacts = [
        { id: 'c-1', name: 'Press office', role: '', phone: '', email: '', outOfHours: '' },
      ];
    });
    for (const label of [
      'Release type',
      'Issued by',
      'Release date and time',
      'Time zone',
      'Reference',
      'Headline',
      'Standfirst',
      'How to contact the investigation',
      'Paragraph 1',
      'Original article link',
      'End mark',
      `About ${DEFAULT_PROFILE.name}`,
      'Name',
      'Phone',
      'Email',
      'Out of hours',
    ])
      expect(html).toMatch(new RegExp(`<label for="[^"]+">${label.replace(/[()]/g, '\\$&')}</label>`));
    for (const button of [
      'Add paragraph',
      'Add quote',
      'Add background paragraph',
      'Add note to editors',
      'Add media contact',
      'Add related link',
      'Add protected person',
      'Add tag',
      'Reset to the profile&#x27;s wording',
      'Reset to the profile&#x27;s contacts',
    ])
      expect(html).toContain(`>${button}</button>`);
    expect(html).toContain('<legend>Media contact 1</legend>');
    expect(html).toContain('<legend>Embargo</legend>');
    expect(html).toContain('<legend>Tags</legend>');
    expect(html).toContain('<legend>Related links</legend>');
    // The headline's house limit, as GOV.UK's character count says it.
    expect(html).toMatch(/You have \d+ characters remaining/);
    // The release date as it prints.
    expect(html).toMatch(/Prints as \d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}/);
  });
});
