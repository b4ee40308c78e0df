import { readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  LAYOUT,
  SYNC_IGNORE_PATTERNS,
  lockFileOf,
  localFolderFor,
  tempFileOf,
  workspaceLayout,
  type FileKind,
  type WorkspaceLayout,
} from '../../../src-main/services/workspace/layout';

const layout = workspaceLayout('/srv/share/Press office', '/home/sam/.config/Pressroom');

/**
 * One real path per kind, made by the layout itself (or the helpers the services call). Typed by FileKind, so a
 * kind added to the table without a line here does not compile.
 */
const SAMPLE: Record<FileKind, (l: WorkspaceLayout) => string> = {
  'workspace-file': (l) => l.workspaceFile,
  'workspace-change': (l) => l.workspaceChanges('sam-laptop-a1b2c3'),
  release: (l) => l.releaseFile('releases', 'r-abc123'),
  revision: (l) => l.revisionFile('r-abc123', 7, 'sam-laptop-a1b2c3'),
  trash: (l) => l.releaseFile('trash', 'r-abc123'),
  'conflict-copy': (l) => join(l.folder('conflicts'), 'r-abc123.2024-07-18T09-30-00-000Z.json'),
  quarantine: (l) => join(l.folder('quarantine'), 'r-abc123.2024-07-18T09-30-00-000Z.json'),
  asset: (l) => l.asset('logo-2024-07-18T09-30-00-000Z.png'),
  history: (l) => join(l.historyFolder('r-abc123'), '000001-submitted.json'),
  'audit-trail': (l) => l.auditTrail('r-abc123'),
  'audit-head': (l) => l.auditHead('r-abc123'),
  'audit-chain': (l) => l.auditChain('r-abc123', 'sam-laptop-a1b2c3'),
  'audit-chain-head': (l) => l.auditChainHead('r-abc123', 'sam-laptop-a1b2c3'),
  comments: (l) => join(l.commentsFolder('r-abc123'), 'u-sam.jsonl'),
  'distribution-change': (l) => l.distributionChanges('sam-laptop-a1b2c3'),
  presence: (l) => join(l.presenceFolder('r-abc123'), 'sam@laptop.a1b2c3.json'),
  dictionary: (l) => l.dictionaryFile,
  lock: (l) => lockFileOf(l.releaseFile('releases', 'r-abc123')),
  'temp-file': (l) => tempFileOf(l.releaseFile('releases', 'r-abc123'), '4242.a1b2c3d4e5f6'),
  'recovery-stash': (l) => join(l.recoveryFolder(), 'r-abc123.json'),
  cache: (l) => join(l.cacheFolder(), 'library-index.json'),
};

/** Syncthing's `.stignore` matching, for the patterns Pressroom uses: `*` within a name, `/` anchors at the root. */
function ignoredBySyncthing(relative: string): boolean {
  const parts = relative.split('/');
  return SYNC_IGNORE_PATTERNS.some((line) => {
    const pattern = line.replace(/^\(\?d\)/, '');
    const anchored = pattern.startsWith('/');
    const body = anchored ? pattern.slice(1) : pattern;
    const regex = new RegExp(`^${body.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
    // A pattern that matches a folder ignores everything in it.
    return parts.some((_, i) => (anchored ? i === 0 : true) && regex.test(parts[i]!));
  });
}

const under = (root: string, path: string) => path.startsWith(root + sep);

describe('the workspace layout', () => {
  const kinds = Object.keys(LAYOUT) as FileKind[];

  it('gives every kind an owner rule and a travel rule', () => {
    for (const kind of kinds) {
      expect(['any-computer', 'its-writer', 'this-computer', 'nobody-now'], kind).toContain(LAYOUT[kind].writer);
      expect(['travels', 'stays-here', 'skipped-by-name'], kind).toContain(LAYOUT[kind].travel);
      expect(LAYOUT[kind].why.length, kind).toBeGreaterThan(10);
    }
  });

  it('puts nothing that must not travel where an engine would carry it', () => {
    for (const kind of kinds) {
      const path = SAMPLE[kind](layout);
      const rule = LAYOUT[kind];
      if (rule.travel === 'stays-here') {
        expect(under(layout.local, path), `${kind}: ${path}`).toBe(true);
        expect(under(layout.shared, path), `${kind}: ${path}`).toBe(false);
      } else {
        expect(under(layout.shared, path), `${kind}: ${path}`).toBe(true);
        const relative = layout.relative(path)!;
        expect(ignoredBySyncthing(relative), `${kind}: ${relative}`).toBe(rule.travel === 'skipped-by-name');
      }
      // What only this computer writes never travels; what travels is written by someone who can be named.
      if (rule.writer === 'this-computer') expect(rule.travel, kind).not.toBe('travels');
      if (rule.travel !== 'travels') expect(rule.writer, kind).toBe('this-computer');
    }
  });

  it('keeps a local folder per workspace, apart from the shared folder and from other workspaces', () => {
    expect(under('/home/sam/.config/Pressroom', layout.local)).toBe(true);
    expect(layout.local).toBe(localFolderFor('/home/sam/.config/Pressroom', '/srv/share/Press office/'));
    expect(workspaceLayout('/srv/share/Other', '/home/sam/.config/Pressroom').local).not.toBe(layout.local);
  });

  it('names files relative to the shared folder, and nothing outside it', () => {
    expect(layout.relative(layout.auditTrail('r-abc123'))).toBe('audit/r-abc123.jsonl');
    expect(layout.relative(join(layout.recoveryFolder(), 'r-abc123.json'))).toBeNull();
    expect(layout.relative('/srv/share/Press office-2/releases/r-abc123.json')).toBeNull();
  });

  it('is what the README tells people to put in .stignore', () => {
    const readme = readFileSync(
      resolve(dirname(fileURLToPath(import.meta.url)), '../../../README.md'),
      'utf8',
    );
    const block = /```stignore\n([\s\S]*?)```/.exec(readme);
    expect(block?.[1]?.trim().split('\n')).toEqual([...SYNC_IGNORE_PATTERNS]);
  });
});
