import { balanceBidi } from './bidi';

/**
 * Escaping for the release renderer. Every string a writer typed reaches the page through one of these (or through
 * renderInline, which uses them), so that no input can become markup, and with its bidi controls balanced
 * (bidi.ts), so that no input can reorder text outside the element it is printed in.
 */

const TEXT_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  // The HTML parser drops or replaces NUL differently by context; writing U+FFFD ourselves makes the result the
  // same everywhere the text lands.
  '\u0000': '\uFFFD',
};

// The backtick closed unquoted attributes in old IE; escaping it costs nothing and keeps attributes robust if a
// later change ever drops the quotes.
const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = { ...TEXT_ESCAPES, '`': '&#96;' };

/**
 * Text content: & < > " ' escaped, so the result is safe both between tags and inside a quoted attribute; bidi
 * controls closed within the string (renderInline escapes each run of text between its tags separately, so an
 * override never reaches past the emphasis or link it was typed in).
 */
export function escapeHtml(text: string): string {
  // eslint-disable-next-line no-control-regex -- NUL is replaced on purpose
  return balanceBidi(String(text)).replace(/[&<>"'\u0000]/g, (c) => TEXT_ESCAPES[c] ?? c);
}

/** A value for a double-quoted attribute. Whether a URL may appear at all is decided before this (isAllowedUrl). */
export function escapeAttribute(value: string): string {
  // eslint-disable-next-line no-control-regex -- NUL is replaced on purpose
  return balanceBidi(String(value)).replace(/[&<>"'`\u0000]/g, (c) => ATTRIBUTE_ESCAPES[c] ?? c);
}
