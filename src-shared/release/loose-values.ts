/**
 * Readers for half-filled values. The preview renders live form values, in which a field can briefly be missing
 * or of the wrong shape while someone types; these keep the structure walk and both renderers from throwing.
 */

export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

export function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}
