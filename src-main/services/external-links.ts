import { localAddressKind } from '../../src-shared/checks/local-address';

/**
 * The only addresses the app hands to the operating system (shell.openExternal): web pages and mail, as a release's
 * links may be (the release schema allows http, https and mailto). Anything else - file:, smb:, a custom scheme
 * of some installed program, javascript: - is refused: opening it could run a program (Electron's security
 * checklist, item 15). So is a web address on this computer or a private network (127.0.0.1, localhost, [::1],
 * 10.x, 192.168.x, …): a click in a release must not reach a service listening there (issue 13, item 7; the
 * editorial checks flag such a link as an error at its field too).
 */
export function isExternalLink(url: string): boolean {
  return externalLinkRefusal(url) === null;
}

/** Why a link will not be opened, in a sentence for the person who clicked it; null when it may be. */
export function externalLinkRefusal(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'This link was not opened: it is not a complete web or email address.';
  }
  if (parsed.protocol === 'mailto:') {
    return parsed.pathname.length > 0 && !/[\r\n]/.test(url)
      ? null
      : 'This email link was not opened: it has no address.';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `This link was not opened: only web (http, https) and email links open from a release, not ${parsed.protocol.replace(/:$/, '')}: addresses.`;
  }
  // A host is required, and credentials in a link are a phishing device, not something a release needs.
  if (parsed.hostname.length === 0) return 'This link was not opened: it names no web site.';
  if (parsed.username !== '' || parsed.password !== '') {
    return 'This link was not opened: it carries a user name or password.';
  }
  const local = localAddressKind(url);
  if (local) {
    return `This link was not opened: ${parsed.host} is an address on ${local}, and a link in a release may not reach a service there.`;
  }
  return null;
}
