import { describe, expect, it } from 'vitest';
import { checkRelease } from '../../../src-shared/checks/editorial-checks';
import { localAddressKind } from '../../../src-shared/checks/local-address';
import { renderInline } from '../../../src-shared/render/inline-markup';
import { createBlankRelease } from '../../../src-shared/release/new-release';
import { DEFAULT_PROFILE, type Release } from '../../../src-shared/release/schema';

/** Issue 13, item 7: a link in a release may not point at the reader's own computer or a private network. */

const ME = 'this computer';
const LAN = 'a private network';

describe('localAddressKind', () => {
  it.each([
    // Loopback and "this host", in the spellings a browser accepts.
    ['http://127.0.0.1:8080/admin', ME],
    ['http://127.1.2.3/', ME],
    ['http://127.1/', ME],
    ['http://2130706433/', ME],
    ['http://0x7f.0.0.1/', ME],
    ['http://0177.0.0.1/', ME],
    ['http://localhost/', ME],
    ['http://LOCALHOST.:3000/', ME],
    ['https://api.localhost/', ME],
    ['http://[::1]:5173/', ME],
    ['http://[0:0:0:0:0:0:0:1]/', ME],
    ['http://[::]/', ME],
    ['http://[::ffff:127.0.0.1]/', ME],
    ['http://[::ffff:7f00:1]/', ME],
    ['http://0.0.0.0:8000/', ME],
    ['http://0/', ME],
    ['http://%31%32%37.0.0.1/', ME],
    ['http://１２７.０.０.１/', ME],
    // Private ranges.
    ['http://10.0.0.1/', LAN],
    ['http://10.255.255.255/', LAN],
    ['http://172.16.0.1/', LAN],
    ['http://172.31.255.255/', LAN],
    ['http://192.168.1.1/', LAN],
    ['http://169.254.169.254/latest/meta-data/', LAN],
    ['http://[fc00::1]/', LAN],
    ['http://[fdff:ffff::1]/', LAN],
    ['http://[fe80::1]/', LAN],
    ['http://[febf::1]/', LAN],
    ['http://[::ffff:192.168.0.1]/', LAN],
    ['http://[64:ff9b::10.0.0.1]/', LAN],
    // Public, or not a web address at all.
    ['https://www.gov.uk/news', null],
    ['https://example.org/127.0.0.1', null],
    ['https://127.0.0.1.example.org/', null],
    ['http://172.15.0.1/', null],
    ['http://172.32.0.1/', null],
    ['http://192.169.0.1/', null],
    ['http://11.0.0.1/', null],
    ['http://[2001:db8::1]/', null],
    ['http://[fec0::1]/', null],
    ['http://localhost.example.org/', null],
    ['mailto:press@localhost', null],
    ['not a url', null],
    ['', null],
  ])('%s -> %s', (url, kind) => {
    expect(localAddressKind(url)).toBe(kind);
  });
});

describe('the editorial checks', () => {
  let n = 0;
  const blank = (): Release =>
    createBlankRelease({
      id: 'r-1',
      type: 'news-release',
      profile: DEFAULT_PROFILE,
      now: new Date('2024-07-18T08:00:00Z'),
      makeId: () => `x${++n}`,
    });
  const local = (release: Release) =>
    checkRelease(release, { profile: DEFAULT_PROFILE, now: new Date('2024-07-18T08:00:00Z') })
      .filter((finding) => finding.rule === 'link.local')
      .map(({ severity, section, field, message }) => ({ severity, section, field, message }));

  it.each([
    [
      'an inline link in the body',
      { body: [{ id: 'p', text: 'See [the form](http://127.0.0.1:8080/x).' }] },
      'body',
      'body.0.text',
    ],
    [
      'an inline link in the standfirst',
      { standfirst: 'Read [this](http://0.0.0.0:3000/).' },
      'standfirst',
      'standfirst',
    ],
    ['the original article link', { canonicalUrl: 'http://localhost:5173/news' }, 'links', 'canonicalUrl'],
    [
      'a related link',
      { relatedLinks: [{ id: 'l', label: 'Router', url: 'http://192.168.1.1/' }] },
      'links',
      'relatedLinks.0.url',
    ],
  ] as const)('flag %s as an error at its field', (_name, overrides, section, field) => {
    const findings = local({ ...blank(), ...overrides } as Release);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', section });
    expect(findings[0]!.field).toBe(field);
    expect(findings[0]!.message).toMatch(/points at (this computer|a private network) \(.+\)/);
  });

  it('have no inline link to an IPv6 address to flag: brackets end an inline link, so it stays text', () => {
    expect(renderInline('Read [this](http://[::1]:3000/).')).not.toContain('<a');
    expect(
      local({ ...blank(), relatedLinks: [{ id: 'l', label: 'x', url: 'http://[::1]:3000/' }] } as Release),
    ).toHaveLength(1);
  });

  it('leave public links alone', () => {
    const release = {
      ...blank(),
      body: [{ id: 'p', text: 'See [GOV.UK](https://www.gov.uk/) and [us](https://example.org/).' }],
      canonicalUrl: 'https://example.org/news/1',
      relatedLinks: [{ id: 'l', label: 'Advice', url: 'https://example.org/advice' }],
    };
    expect(local(release)).toEqual([]);
  });
});
