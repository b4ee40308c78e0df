import { createHash } from 'node:crypto';
import {
  appendFile,
  mkdtemp,
  open as fsOpen,
  readFile,
  rm,
  stat,
  truncate,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createAuditTrail,
  GENESIS_HASH,
  type AuditInput,
  type AuditTrail,
  type AuditVerification,
} from '../../../src-main/services/review/audit-trail';
import { StoreError } from '../../../src-main/services/workspace/store';
import { canonicalJson } from '../../../src-shared/workflow/content-hash';
import { workspaceLayout } from '../../../src-main/services/workspace/layout';

const folders: string[] = [];
const T0 = Date.parse('2024-07-18T08:30:00.000Z');
const RELEASE = 'r-audit';

afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

/**
 * A workspace on one computer: its own user-data folder gives it its own computer id, and the trail's files are
 * that computer's chain. `userData` shares one computer between workspaces.
 */
async function open(
  userData?: string,
): Promise<{ folder: string; userData: string; trail: AuditTrail; file: string; head: string }> {
  const folder = await mkdtemp(join(tmpdir(), 'pressroom-audit-'));
  folders.push(folder);
  if (!userData) {
    userData = await mkdtemp(join(tmpdir(), 'pressroom-audit-user-'));
    folders.push(userData);
  }
  const layout = workspaceLayout(folder, userData);
  return {
    folder,
    userData,
    trail: createAuditTrail(layout),
    file: layout.auditChain(RELEASE, layout.computer.id),
    head: layout.auditChainHead(RELEASE, layout.computer.id),
  };
}

const writer = { id: 'u-wes', name: 'Wes Writer' };
const reviewer = { id: 'u-rae', name: 'Rae Reviewer' };

/** A plausible life of a release: eight entries, with text outside ASCII so that multi-byte characters are hit too. */
const LIFE: AuditInput[] = [
  { actor: writer, event: 'created', details: { type: 'witness-appeal' } },
  { actor: writer, event: 'edited', details: { revision: 2 } },
  { actor: writer, event: 'submitted', details: { contentHash: 'c'.repeat(64) } },
  {
    actor: reviewer,
    event: 'commented',
    details: { section: 'headline', text: 'Café or cafe? “House style” says café ☕.' },
  },
  { actor: reviewer, event: 'changes-requested', details: { reason: 'Check the date — it says Tuesday.' } },
  { actor: writer, event: 'edited', details: { revision: 3 } },
  { actor: writer, event: 'submitted', details: { contentHash: 'd'.repeat(64) } },
  {
    actor: reviewer,
    event: 'approved',
    details: { contentHash: 'd'.repeat(64), step: 'Approval', stepIndex: 0 },
  },
];

async function appendLife(trail: AuditTrail, count = LIFE.length): Promise<void> {
  for (let i = 0; i < count; i++) await trail.append(RELEASE, LIFE[i]!, new Date(T0 + i * 60_000));
}

function expectProblem(
  result: AuditVerification,
  context: string,
): Extract<AuditVerification, { ok: false }> {
  expect(result.ok, context).toBe(false);
  if (result.ok) throw new Error(context);
  expect(result.problem.length, context).toBeGreaterThan(10);
  expect(result.atLine, context).toBeGreaterThanOrEqual(0);
  return result;
}

describe('audit trail: append, read, verify', () => {
  it('appends hash-chained entries, one JSON object per line, and reads them back', async () => {
    const { trail, file, folder, userData } = await open();
    const first = await trail.append(RELEASE, LIFE[0]!, new Date(T0));
    const computer = workspaceLayout(folder, userData).computer;
    expect(first).toEqual({
      seq: 1,
      at: '2024-07-18T08:30:00.000Z',
      computer: { id: computer.id, name: computer.name },
      actor: writer,
      event: 'created',
      details: { type: 'witness-appeal' },
      saw: [],
      prevHash: GENESIS_HASH,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const { hash, ...body } = first;
    // The hash is SHA-256 of the canonical JSON of the entry without its hash, checked here with node:crypto.
    expect(hash).toBe(createHash('sha256').update(canonicalJson(body)).digest('hex'));

    await appendLife(trail, LIFE.length);
    const entries = await trail.read(RELEASE);
    expect(entries).toHaveLength(LIFE.length + 1);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.prevHash).toBe(entries[i - 1]!.hash);
    expect(entries[4]!.details.text).toBe('Café or cafe? “House style” says café ☕.');

    const lines = (await readFile(file, 'utf8')).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line))).toEqual(entries);
    expect(Object.keys(JSON.parse(lines[0]!))).toEqual([
      'seq',
      'at',
      'computer',
      'actor',
      'event',
      'details',
      'saw',
      'prevHash',
      'hash',
    ]);
    expect(await trail.verify(RELEASE)).toMatchObject({ ok: true, entries, waitingForSync: null });
  });

  it('stores details with their keys sorted and times as given', async () => {
    const { trail } = await open();
    const entry = await trail.append(
      RELEASE,
      { actor: writer, event: 'exported', details: { z: 1, a: 'pdf', m: 2.5 } },
      new Date(T0),
    );
    expect(Object.keys(entry.details)).toEqual(['a', 'm', 'z']);
    expect((await trail.read(RELEASE))[0]!.details).toEqual({ a: 'pdf', m: 2.5, z: 1 });
  });

  it('only ever appends: every earlier state of the file is a prefix of the next', async () => {
    const { trail, file } = await open();
    let before = Buffer.alloc(0);
    for (let i = 0; i < 4; i++) {
      await trail.append(RELEASE, LIFE[i]!, new Date(T0 + i));
      const now = await readFile(file);
      expect(now.subarray(0, before.length).equals(before)).toBe(true);
      expect(now.length).toBeGreaterThan(before.length);
      before = now;
    }
  });

  it('answers an empty, valid trail for a release with no events', async () => {
    const { trail } = await open();
    expect(await trail.read(RELEASE)).toEqual([]);
    expect(await trail.verify(RELEASE)).toEqual({ ok: true, entries: [], chains: [], waitingForSync: null });
  });

  it('keeps one trail per release', async () => {
    const { trail } = await open();
    await trail.append('r-one', LIFE[0]!, new Date(T0));
    await trail.append('r-two', LIFE[0]!, new Date(T0));
    await trail.append('r-one', LIFE[1]!, new Date(T0));
    expect((await trail.read('r-one')).map((e) => e.seq)).toEqual([1, 2]);
    expect((await trail.read('r-two')).map((e) => e.seq)).toEqual([1]);
  });

  it('refuses a bad release id, actor, event or detail before touching the disk', async () => {
    const { trail, folder } = await open();
    const refused = async (promise: Promise<unknown>) => {
      const error = await promise.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).code).toBe('invalid-input');
    };
    await refused(trail.append('../escape', LIFE[0]!));
    await refused(trail.append('CON', LIFE[0]!));
    await refused(trail.append(RELEASE, { actor: { id: '', name: 'x' }, event: 'created' }));
    await refused(trail.append(RELEASE, { actor: writer, event: 'vanished' as 'created' }));
    await refused(trail.append(RELEASE, { actor: writer, event: 'edited', details: { n: Number.NaN } }));
    await refused(trail.append(RELEASE, LIFE[0]!, new Date('not a date')));
    await expect(stat(join(folder, 'audit'))).rejects.toThrow();
    await expect(trail.read('../escape')).rejects.toBeInstanceOf(StoreError);
  });

  it('keeps a valid chain under concurrent appends', async () => {
    const { trail } = await open();
    const written = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        trail.append(
          RELEASE,
          { actor: i % 2 ? writer : reviewer, event: 'commented', details: { n: i } },
          new Date(T0 + i),
        ),
      ),
    );
    expect(written.map((e) => e.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    const result = await trail.verify(RELEASE);
    expect(result.ok).toBe(true);
    expect(result.entries.map((e) => e.details.n).sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 40 }, (_, i) => i),
    );
  });

  it('keeps a valid chain when two trail objects (two windows) append at once', async () => {
    const { trail, folder, userData } = await open();
    const other = createAuditTrail(workspaceLayout(folder, userData));
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? trail : other).append(
          RELEASE,
          { actor: writer, event: 'edited', details: { n: i } },
          new Date(T0 + i),
        ),
      ),
    );
    const result = await trail.verify(RELEASE);
    expect(result.ok).toBe(true);
    expect(result.entries).toHaveLength(20);
  });
});

describe('audit trail: tampering is detected', () => {
  async function lifeTrail() {
    const opened = await open();
    await appendLife(opened.trail);
    const original = await readFile(opened.file);
    return { ...opened, original };
  }

  it('detects every single-byte change to the file', async () => {
    const { trail, file, original } = await lifeTrail();
    expect(original.length).toBeGreaterThan(1500);
    const kinds = new Map<string, number>();
    // Changed in place, one byte at a time and put back, so that two thousand cases stay quick on a slow disk.
    const handle = await fsOpen(file, 'r+');
    try {
      for (let i = 0; i < original.length; i++) {
        // A different replacement for each position, sweeping through all 255 other values, "\n" and '"' included.
        const value = (original[i]! + 1 + (i % 255)) & 0xff;
        expect(value).not.toBe(original[i]);
        await handle.write(Uint8Array.of(value), 0, 1, i);
        const result = expectProblem(await trail.verify(RELEASE), `byte ${i} set to ${value}`);
        kinds.set(result.kind, (kinds.get(result.kind) ?? 0) + 1);
        await handle.write(original, i, 1, i);
      }
    } finally {
      await handle.close();
    }
    // Changes inside a value are "changed"; broken structure is "unreadable"; the last newline makes a cut end.
    expect(kinds.get('changed')).toBeGreaterThan(0);
    expect(kinds.get('unreadable')).toBeGreaterThan(0);
    expect(await readFile(file)).toEqual(original);
    expect((await trail.verify(RELEASE)).ok).toBe(true);
    // Two thousand whole verifications: 6 s alone, over the 20 s default beside the rest of the suite on two
    // loaded cores (a CI run failed on it).
  }, 90_000);

  it('detects the classic sneaky edits: a new newline, a space, an escaped character, a reordered key', async () => {
    const { trail, file, original } = await lifeTrail();
    const text = original.toString('utf8');
    const lines = text.split('\n');
    const sneaky = [
      text.replace('"Check the date', '"Check the  date'),
      text.replace('"seq":3,', '"seq": 3,'),
      text.replace('Wes Writer', 'Wes \\u0057riter'),
      lines
        .map((l, i) => (i === 2 ? l.replace(/^\{"seq":3,"at":("[^"]+")/, '{"at":$1,"seq":3') : l))
        .join('\n'),
      text.replace('\n', '\r\n'),
      `\ufeff${text}`,
    ];
    for (const [i, variant] of sneaky.entries()) {
      expect(variant, `variant ${i}`).not.toBe(text);
      await writeFile(file, variant);
      expectProblem(await trail.verify(RELEASE), `variant ${i}`);
    }
  });

  it('detects any one line removed', async () => {
    const { trail, file, original } = await lifeTrail();
    const lines = original.toString('utf8').split('\n').slice(0, -1);
    for (let i = 0; i < lines.length; i++) {
      await writeFile(
        file,
        lines
          .filter((_, j) => j !== i)
          .map((l) => `${l}\n`)
          .join(''),
      );
      const result = expectProblem(await trail.verify(RELEASE), `line ${i + 1} removed`);
      if (i < lines.length - 1) {
        expect(result).toMatchObject({
          kind: 'order',
          atLine: i + 1,
          problem: expect.stringContaining(`: Entry ${i + 1} is missing or the entries were reordered.`),
        });
      } else {
        expect(result).toMatchObject({
          kind: 'truncated',
          problem: expect.stringContaining(': Entry 8 is missing from the end of the trail.'),
        });
      }
    }
  });

  it('detects any two lines swapped', async () => {
    const { trail, file, original } = await lifeTrail();
    const lines = original.toString('utf8').split('\n').slice(0, -1);
    for (let i = 0; i < lines.length; i++) {
      for (let j = i + 1; j < lines.length; j++) {
        const swapped = [...lines];
        [swapped[i], swapped[j]] = [swapped[j]!, swapped[i]!];
        await writeFile(file, swapped.map((l) => `${l}\n`).join(''));
        expect(
          expectProblem(await trail.verify(RELEASE), `lines ${i + 1} and ${j + 1} swapped`),
        ).toMatchObject({
          kind: 'order',
          atLine: i + 1,
        });
      }
    }
  });

  it('detects the trail cut short at any byte', async () => {
    const { trail, file, original } = await lifeTrail();
    for (let length = original.length - 1; length >= 0; length--) {
      await truncate(file, length);
      const result = expectProblem(await trail.verify(RELEASE), `cut at ${length}`);
      expect(result.kind, `cut at ${length}`).toBe('truncated');
    }
  }, 90_000);

  it('detects a duplicated line and an entry added from another trail', async () => {
    const { trail, file, original, userData } = await lifeTrail();
    const lines = original.toString('utf8').split('\n').slice(0, -1);
    await writeFile(file, [...lines.slice(0, 3), lines[2], ...lines.slice(3)].map((l) => `${l}\n`).join(''));
    expect(expectProblem(await trail.verify(RELEASE), 'duplicate')).toMatchObject({
      kind: 'order',
      atLine: 4,
    });

    // A trail that shares the first two entries, then forks: its third entry chains onto our second.
    // The same computer in another workspace, so that the forged entry names the right computer.
    const other = await open(userData);
    await appendLife(other.trail, 2);
    await other.trail.append(
      RELEASE,
      { actor: writer, event: 'withdrawn', details: { reason: 'Forked.' } },
      new Date(T0),
    );
    const foreign = (await readFile(other.file, 'utf8')).split('\n')[2]!;
    await writeFile(file, [...lines.slice(0, 2), foreign, ...lines.slice(3)].map((l) => `${l}\n`).join(''));
    // The forged entry itself is well formed; the break shows at the entry after it.
    expect(expectProblem(await trail.verify(RELEASE), 'foreign entry')).toMatchObject({
      kind: 'order',
      atLine: 4,
    });
  });

  it('detects a missing or damaged head under a trail of several entries', async () => {
    const { trail, head } = await lifeTrail();
    const kept = await readFile(head);
    await writeFile(head, '{"seq":8,');
    expect(expectProblem(await trail.verify(RELEASE), 'damaged head').kind).toBe('head');
    await writeFile(head, JSON.stringify({ seq: 8, hash: 'e'.repeat(64) }));
    expect(expectProblem(await trail.verify(RELEASE), 'other hash').kind).toBe('head');
    await unlink(head);
    expect(expectProblem(await trail.verify(RELEASE), 'missing head').kind).toBe('head');
    await writeFile(head, kept);
    expect((await trail.verify(RELEASE)).ok).toBe(true);
  });

  it('does not let the next append cover up entries cut from the end', async () => {
    const { trail, file, original } = await lifeTrail();
    const lines = original.toString('utf8').split('\n');
    await writeFile(
      file,
      lines
        .slice(0, 5)
        .map((l) => `${l}\n`)
        .join(''),
    );
    await trail.append(RELEASE, LIFE[1]!, new Date(T0 + 10 * 60_000));
    await trail.append(RELEASE, LIFE[1]!, new Date(T0 + 11 * 60_000));
    await trail.append(RELEASE, LIFE[1]!, new Date(T0 + 12 * 60_000));
    await trail.append(RELEASE, LIFE[1]!, new Date(T0 + 13 * 60_000));
    expect((await trail.read(RELEASE)).length).toBe(9);
    expectProblem(await trail.verify(RELEASE), 'cut then appended');
  });
});

describe('audit trail: crashes are told apart from tampering', () => {
  it('reports a torn last line (a crash mid-append) as incomplete, not as tampering', async () => {
    const { trail, file } = await open();
    await appendLife(trail, 5);
    // What a crash leaves: part of the next line written, the head not yet moved on.
    await appendFile(file, '{"seq":6,"at":"2024-07-18T08:35:00.000Z","actor":{"id":"u-w');
    expect(await trail.verify(RELEASE)).toMatchObject({
      ok: false,
      kind: 'torn',
      atLine: 6,
      problem: expect.stringContaining(
        ': The last line is incomplete: Pressroom probably stopped while writing entry 6. The 5 entries before it are intact.',
      ),
    });
    expect((await trail.read(RELEASE)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('drops the torn line on the next append and carries on with a valid chain', async () => {
    const { trail, file } = await open();
    await appendLife(trail, 5);
    await appendFile(file, '{"seq":6,"at":"2024-07-18T08:35');
    const next = await trail.append(RELEASE, LIFE[5]!, new Date(T0 + 6 * 60_000));
    expect(next.seq).toBe(6);
    expect(await trail.verify(RELEASE)).toMatchObject({ ok: true });
    expect((await readFile(file, 'utf8')).split('\n')).toHaveLength(7);
  });

  it('accepts a head one entry behind, which a crash between the append and the head update leaves', async () => {
    const { trail, head } = await open();
    await appendLife(trail, 4);
    const behind = await readFile(head);
    await trail.append(RELEASE, LIFE[4]!, new Date(T0 + 5 * 60_000));
    await writeFile(head, behind);
    expect((await trail.verify(RELEASE)).ok).toBe(true);
    // And the next append brings the head up to date.
    await trail.append(RELEASE, LIFE[5]!, new Date(T0 + 6 * 60_000));
    expect(JSON.parse(await readFile(head, 'utf8'))).toMatchObject({ seq: 6 });
  });

  it('accepts a first entry without a head, as a crash right after the very first append leaves it', async () => {
    const { trail, head } = await open();
    await appendLife(trail, 1);
    await unlink(head);
    expect((await trail.verify(RELEASE)).ok).toBe(true);
  });

  it('tells a trail cut in the middle of an entry from a torn append', async () => {
    const { trail, file } = await open();
    await appendLife(trail);
    const size = (await stat(file)).size;
    await truncate(file, size - 40);
    expect(await trail.verify(RELEASE)).toMatchObject({
      ok: false,
      kind: 'truncated',
      atLine: 8,
      problem: expect.stringContaining(
        ': The trail was cut short: it ends part-way through entry 8, but 8 entries were written.',
      ),
    });
  });

  it('keeps appending to a damaged trail, which goes on being reported', async () => {
    const { trail, file } = await open();
    await appendLife(trail, 3);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(/\n$/, 'garbage\n'));
    const next = await trail.append(RELEASE, LIFE[3]!, new Date(T0 + 4 * 60_000));
    expect(next.seq).toBe(4);
    expect(expectProblem(await trail.verify(RELEASE), 'damaged').kind).toBe('unreadable');
  });
});
