/**
 * The only addresses the app hands to the operating system (shell.openExternal): web pages and mail, as a release's
 * links may be (the release schema allows http, https and mailto). Anything else - file:, smb:, a custom scheme
 * of some installed program, javascript: - is refused: opening it could run a program (Electron's security
 * checklist, item 15).
 */
export function isExternalLink(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'mailto:') return parsed.pathname.length > 0 && !/[\r\n]/.test(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  // A host is required, and credentials in a link are a phishing device, not something a release needs.
  return parsed.hostname.length > 0 && parsed.username === '' && parsed.password === '';
}
