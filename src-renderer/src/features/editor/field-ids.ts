/**
 * One naming scheme links a form path (react-hook-form's `body.2.text`), the DOM id of its control, the
 * findings of the checks and the `data-field` marks in the preview, so that every "jump to" lands on a field.
 */
export function fieldDomId(path: string): string {
  return `field-${path.replace(/\./g, '-')}`;
}

/** A preview mark (`body.2`, `quotes.0`, `header.embargo`) -> the form path of the control that edits it. */
export function previewMarkToFormPath(mark: string): string {
  if (mark.startsWith('header.')) return mark === 'header.embargo' ? 'header.embargo' : mark;
  const [section, index = '0'] = mark.split('.');
  switch (section) {
    case 'body':
    case 'background':
    case 'notesToEditors':
    case 'details':
      return `${section}.${index}.text`;
    case 'quotes':
      return `quotes.${index}.paragraphs`;
    case 'mediaContacts':
      return `mediaContacts.${index}.name`;
    case 'relatedLinks':
      return `relatedLinks.${index}.label`;
    case 'links':
      return 'canonicalUrl';
    case 'header':
      return 'header.organisation';
    default:
      return mark;
  }
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
