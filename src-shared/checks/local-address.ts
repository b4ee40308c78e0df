/**
 * Addresses that point at the reader's own computer or a private network: a link to http://127.0.0.1:8080/… or
 * http://192.168.1.1/… in a published release reaches whatever service listens there on the machine of whoever
 * clicks it (a router's admin page, a developer's server, the app's own browser host). A release has no business
 * linking there, so the checks make it an error at the field (editorial-checks.ts) and the desktop shell refuses to
 * hand such an address to the system browser (src-main/services/external-links.ts).
 *
 * The host is read the way a browser reads it, by the WHATWG URL parser that every runtime of this code has
 * (Node, Chromium, Electron): so `http://2130706433/`, `http://0x7f.1/`, `http://[::ffff:127.0.0.1]/` and
 * `http://LOCALHOST./` are all recognised as the loopback they are. Names that a DNS server maps to a private
 * address (`127.0.0.1.nip.io`) cannot be known offline and are not caught.
 */

/** What kind of local address a URL points at, for the message; null for a public one (or no URL at all). */
export type LocalAddressKind = 'this computer' | 'a private network';

interface ParsedUrl {
  protocol: string;
  hostname: string;
}
type UrlConstructor = new (input: string) => ParsedUrl;

// src-shared is compiled without the DOM's and Node's types; URL is a global of both.
const URL_PARSER = (globalThis as unknown as { URL?: UrlConstructor }).URL;

export function localAddressKind(url: string): LocalAddressKind | null {
  if (!URL_PARSER) return null;
  let parsed: ParsedUrl;
  try {
    parsed = new URL_PARSER(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return hostKind(parsed.hostname);
}

/** The kind of a host as the URL parser writes it ("127.0.0.1", "[::1]", "localhost"). */
export function hostKind(hostname: string): LocalAddressKind | null {
  const host = hostname.toLowerCase().replace(/\.+$/, '');
  if (host === '') return null;
  if (host === 'localhost' || host.endsWith('.localhost')) return 'this computer';
  if (host.startsWith('[') && host.endsWith(']')) return ipv6Kind(host.slice(1, -1));
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) return ipv4Kind(v4.slice(1, 5).map(Number) as [number, number, number, number]);
  return null;
}

function ipv4Kind([a, b]: [number, number, number, number]): LocalAddressKind | null {
  // 127/8 loopback; 0/8 "this network" (0.0.0.0 reaches the local machine on Linux and macOS).
  if (a === 127 || a === 0) return 'this computer';
  if (a === 10) return 'a private network';
  if (a === 172 && b >= 16 && b <= 31) return 'a private network';
  if (a === 192 && b === 168) return 'a private network';
  // Link-local, where cloud metadata services and printers live.
  if (a === 169 && b === 254) return 'a private network';
  return null;
}

function ipv6Kind(address: string): LocalAddressKind | null {
  const groups = expandIpv6(address);
  if (!groups) return null;
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const zeroTo = (end: number) => groups.slice(0, end).every((group) => group === 0);
  // :: and ::1.
  if (zeroTo(7) && (g7 === 0 || g7 === 1)) return 'this computer';
  // fc00::/7 unique local, fe80::/10 link-local.
  if ((g0 & 0xfe00) === 0xfc00) return 'a private network';
  if ((g0 & 0xffc0) === 0xfe80) return 'a private network';
  // An IPv4 address inside an IPv6 one: mapped (::ffff:a.b.c.d), compatible (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d).
  const embedded =
    (zeroTo(5) && (g5 === 0xffff || g5 === 0)) ||
    (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0);
  if (embedded) return ipv4Kind([g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff]);
  return null;
}

/** Eight 16-bit groups of an IPv6 address as the URL parser writes it (hex groups, "::" at most once), or null. */
function expandIpv6(address: string): number[] | null {
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return null;
  const groups = [...head, ...Array<number>(missing).fill(0), ...tail];
  return groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : null;
}
