import {
  fieldOfPath,
  itemFormPath,
  SECTION_IDS,
  sectionFormPath,
  type SectionId,
} from '../../../../src-shared/release/structure';

/**
 * One naming scheme links a form path (react-hook-form's `body.2.text`), the DOM id of its control, the
 * findings of the checks and the `data-field` marks in the preview, so that every "jump to" lands on a field.
 */
export function fieldDomId(path: string): string {
  return `field-${path.replace(/\./g, '-')}`;
}

/** A preview mark (`body.2`, `quotes.0`, `header.embargo`) -> the form path of the control that edits it. */
export function previewMarkToFormPath(mark: string): string {
  if ((SECTION_IDS as readonly string[]).includes(mark)) return sectionFormPath(mark as SectionId);
  const spec = fieldOfPath(mark);
  if (!spec) return mark;
  // `body.2` names item 2; a header mark (`header.reference`) or a section mark has no item.
  const index = mark.startsWith('header.') ? undefined : mark.split('.')[1];
  return itemFormPath(spec, index !== undefined && /^\d+$/.test(index) ? Number(index) : 0);
}

/** Focus and scroll to the control of a form path; quote paragraphs and embargo have a single control each. */
export function focusField(path: string): boolean {
  const normalised = path.replace(/^quotes\.(\d+)\.paragraphs\.\d+$/, 'quotes.$1.paragraphs');
  const candidates = [
    normalised,
    normalised.replace(/\.\d+\.text$/, '.0.text'),
    normalised.split('.')[0] ?? '',
  ];
  for (const candidate of candidates) {
    const element = document.getElementById(fieldDomId(candidate));
    if (element instanceof HTMLElement) {
      element.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
      element.focus({ preventScroll: true });
      return true;
    }
  }
  return false;
}

/** Focuses the control of `path` once React has drawn it: the new item an Add button made, a moved paragraph. */
export function focusAfterRender(path: string): void {
  requestAnimationFrame(() => document.getElementById(fieldDomId(path))?.focus());
}
