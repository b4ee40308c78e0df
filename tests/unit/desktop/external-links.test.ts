import { describe, expect, it } from 'vitest';
import { externalLinkRefusal, isExternalLink } from '../../../src-main/services/external-links';

/** Issue 13, item 7: the desktop shell hands no address on this computer or a private network to the browser. */
describe('links handed to the system browser', () => {
  it.each([
    ['http://127.0.0.1:8080/', /127\.0\.0\.1:8080 is an address on this computer/],
    ['http://localhost:5173/#/release/r-1', /localhost:5173 is an address on this computer/],
    ['http://[::1]:3000/', /\[::1\]:3000 is an address on this computer/],
    ['http://0.0.0.0/', /0\.0\.0\.0 is an address on this computer/],
    ['http://2130706433/', /127\.0\.0\.1 is an address on this computer/],
    ['http://10.1.2.3/', /10\.1\.2\.3 is an address on a private network/],
    ['https://172.20.0.5/', /on a private network/],
    ['http://192.168.0.1/', /on a private network/],
    ['http://169.254.169.254/latest/meta-data/', /on a private network/],
    ['http://[fd12::1]/', /on a private network/],
    ['http://[fe80::1]/', /on a private network/],
    [
      'file:///etc/passwd',
      /only web \(http, https\) and email links open from a release, not file: addresses/,
    ],
    ['https://user:pass@example.org/', /user name or password/],
    ['not a url', /not a complete web or email address/],
  ])('refuses %s, saying why', (url, why) => {
    expect(isExternalLink(url)).toBe(false);
    expect(externalLinkRefusal(url)).toMatch(why);
  });

  it.each([
    'https://www.gov.uk/news',
    'http://example.org/a?b#c',
    'mailto:press@example.org',
    'https://8.8.8.8/',
  ])('opens %s', (url) => {
    expect(externalLinkRefusal(url)).toBeNull();
    expect(isExternalLink(url)).toBe(true);
  });
});
