import { sha256 } from '../workflow/content-hash';

/**
 * Permanent identifiers for the feed and ninjs (RFC 4287 §4.2.6: an id never changes, whatever the address):
 * name-based UUIDs (the layout of RFC 9562 version 8) from the release's id, so the same release keeps its id on
 * every export and on every computer, with or without the site's address.
 */
export function stableUrn(name: string): string {
  const hex = sha256(`pressroom-newsroom:${name}`).slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
