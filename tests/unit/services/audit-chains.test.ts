import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createAuditTrail,
  GENESIS_HASH,
  verifyTrailCopy,
  type AuditTrail,
  type AuditVerification,
} from '../../../src-main/services/review/audit-trail';
import { workspaceLayout, type WorkspaceLayout } from '../../../src-main/services/workspace/layout';
import { StoreError } from '../../../src-main/services/workspace/store';
import { canonicalJson, sha256 } from '../../../src-shared/workflow/content-hash';

/**
 * Issue 12, item 3: one audit chain per computer. Two computers are two workspace folders, each with its own
 * user-data folder (so its own computer id) and name; a sync engine is simulated by copying a computer's own files
 * whole into the other folder (to a temp name, then renamed, as Syncthing and the others deliver a file).
 */

const RELEASE = 'r-chains';
const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const writer = { id: 'u-wes', name: 'Wes Writer' };
const reviewer = { id: 'u-rae', name: 'Rae Reviewer' };

const cleanup: string[] = [];
const savedName = process.env.PRESSROOM_COMPUTER_NAME;

afterEach(async () => {
  if (savedName === undefined) delete process.env.PRESSROOM_COMPUTER_NAME;
  else process.env.PRESSROOM_COMPUTER_NAME = savedName;
  await Promise.all(cleanup.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

interface Computer {
  name: string;
  folder: string;
  layout: WorkspaceLayout;
  trail: AuditTrail;
  id: string;
}

async function computer(name: string): Promise<Computer> {
  const folder = await mkdtemp(join(tmpdir(), 'pressroom-chains-'));
  const userData = await mkdtemp(join(tmpdir(), 'pressroom-chains-user-'));
  cleanup.push(folder, userData);
  process.env.PRESSROOM_COMPUTER_NAME = name;
  const layout = workspaceLayout(folder, userData);
  // Read now, while the name is set: the layout keeps it for its life, as the app does.
  const id = layout.computer.id;
  expect(layout.computer.name).toBe(name);
  return { name, folder, layout, trail: createAuditTrail(layout), id };
}

/** Copies one file whole, as a sync engine delivers it: to a temp name beside the target, then renamed. */
async function deliver(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  const temp = join(dirname(to), `.${Math.random().toString(36).slice(2)}.tmp`);
  await copyFile(from, temp);
  await rename(temp, to);
}

/** What a sync engine does for `from`'s own audit files of the release: chain first, then its head. */
async function syncAudit(from: Computer, to: Computer): Promise<void> {
  const chain = from.layout.auditChain(RELEASE, from.id);
  const head = from.layout.auditChainHead(RELEASE, from.id);
  for (const [source, target] of [
    [chain, to.layout.auditChain(RELEASE, from.id)],
    [head, to.layout.auditChainHead(RELEASE, from.id)],
  ] as const) {
    const there = await readFile(source).then(
      () => true,
      () => false,
    );
    if (there) await deliver(source, target);
  }
}

function expectBroken(result: AuditVerification): Extract<AuditVerification, { ok: false }> {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('expected a broken trail');
  return result;
}

describe('audit chains: two computers on a sync engine', () => {
  it('keeps every entry of both computers, on both sides, and both verify', async () => {
    const a = await computer('PRESS-PC1');
    const b = await computer('PRESS-PC2');
    expect(a.id).not.toBe(b.id);

    // Both append at once: on one shared chain this is what lost 40 of 81 entries.
    await Promise.all([
      ...Array.from({ length: 12 }, (_, i) =>
        a.trail.append(
          RELEASE,
          { actor: writer, event: 'commented', details: { n: `a${i}` } },
          new Date(T0 + i * 1000),
        ),
      ),
      ...Array.from({ length: 12 }, (_, i) =>
        b.trail.append(
          RELEASE,
          { actor: reviewer, event: 'commented', details: { n: `b${i}` } },
          new Date(T0 + i * 1000 + 500),
        ),
      ),
    ]);
    await syncAudit(a, b);
    await syncAudit(b, a);

    for (const side of [a, b]) {
      const verdict = await side.trail.verify(RELEASE);
      expect(verdict.ok).toBe(true);
      expect(verdict.waitingForSync).toBeNull();
      expect(verdict.chains.map((chain) => [chain.computer?.id, chain.status]).sort()).toEqual(
        [
          [a.id, 'intact'],
          [b.id, 'intact'],
        ].sort(),
      );
      const entries = await side.trail.read(RELEASE);
      expect(entries).toHaveLength(24);
      expect(verdict.entries).toEqual(entries);
      // Merged in time order: a0 b0 a1 b1 ...
      expect(entries.map((entry) => entry.details.n)).toEqual(
        Array.from({ length: 12 }, (_, i) => [`a${i}`, `b${i}`]).flat(),
      );
      expect(new Set(entries.map((e) => e.computer?.name))).toEqual(new Set(['PRESS-PC1', 'PRESS-PC2']));
    }
    // Each computer wrote only its own files.
    expect((await readdir(a.layout.auditFolder(RELEASE))).sort()).toEqual(
      [`${a.id}.head.json`, `${a.id}.jsonl`, `${b.id}.head.json`, `${b.id}.jsonl`].sort(),
    );
    const last = await a.trail.last(RELEASE);
    expect(last?.details.n).toBe('b11');
  });

  it("reports an edited entry in B's chain with B's name and the entry", async () => {
    const a = await computer('PRESS-PC1');
    const b = await computer('PRESS-PC2');
    await a.trail.append(RELEASE, { actor: writer, event: 'created' }, new Date(T0));
    for (let i = 0; i < 3; i++) {
      await b.trail.append(
        RELEASE,
        { actor: reviewer, event: 'commented', details: { text: `Note ${i}` } },
        new Date(T0 + (i + 1) * 60_000),
      );
    }
    await syncAudit(b, a);
    const chain = a.layout.auditChain(RELEASE, b.id);
    const text = await readFile(chain, 'utf8');
    await writeFile(chain, text.replace('Note 1', 'Note one'));

    const verdict = expectBroken(await a.trail.verify(RELEASE));
    expect(verdict).toMatchObject({
      kind: 'changed',
      seq: 2,
      atLine: 2,
      computer: { id: b.id, name: 'PRESS-PC2' },
    });
    expect(verdict.problem).toBe(
      `In the entries recorded on PRESS-PC2 (${b.id}): Entry 2 was changed after it was written.`,
    );
    const mine = verdict.chains.find((c) => c.computer?.id === a.id);
    const theirs = verdict.chains.find((c) => c.computer?.id === b.id);
    expect(mine?.status).toBe('intact');
    expect(theirs).toMatchObject({ status: 'broken', seq: 2, label: `PRESS-PC2 (${b.id})` });
    // The entries that still check out: A's one and B's first.
    expect(verdict.entries.map((e) => e.seq)).toEqual([1, 1]);
    // B's own copy is untouched and verifies.
    expect((await b.trail.verify(RELEASE)).ok).toBe(true);
  });

  it('reports a chain cut short, naming its computer; a head that arrived first is waiting for sync', async () => {
    const a = await computer('PRESS-PC1');
    const b = await computer('PRESS-PC2');
    for (let i = 0; i < 4; i++) {
      await b.trail.append(
        RELEASE,
        { actor: reviewer, event: 'commented', details: { i } },
        new Date(T0 + i),
      );
    }
    const chainAtB = b.layout.auditChain(RELEASE, b.id);
    const chain = a.layout.auditChain(RELEASE, b.id);
    // The engine delivers B's head before its chain, and the chain as it was two entries earlier: not a fault.
    const full = await readFile(chainAtB, 'utf8');
    const lines = full.split('\n');
    await mkdir(dirname(chain), { recursive: true });
    await writeFile(chain, `${lines.slice(0, 2).join('\n')}\n`);
    await deliver(b.layout.auditChainHead(RELEASE, b.id), a.layout.auditChainHead(RELEASE, b.id));
    const early = await a.trail.verify(RELEASE);
    expect(early).toMatchObject({ ok: true });
    expect(early.chains[0]).toMatchObject({ status: 'waiting-for-sync', notArrived: { from: 3, to: 4 } });
    expect(early.waitingForSync).toBe(
      `Entries 3 to 4 from PRESS-PC2 (${b.id}) have not reached this computer yet. Waiting for sync: this is not ` +
        'a fault, and it clears when they arrive.',
    );
    await syncAudit(b, a);
    expect(await a.trail.verify(RELEASE)).toMatchObject({ ok: true, waitingForSync: null });

    // What A has seen of B's chain is A's own record, kept out of the shared folder.
    await expect(readFile(join(a.layout.local, 'audit-seen', `${RELEASE}.json`), 'utf8')).resolves.toContain(
      b.id,
    );
    expect(a.layout.relative(join(a.layout.local, 'audit-seen'))).toBeNull();
    // A record an earlier Pressroom kept (the bare heads by computer, before the document store) still holds.
    const seenFile = join(a.layout.local, 'audit-seen', `${RELEASE}.json`);
    const { seen } = JSON.parse(await readFile(seenFile, 'utf8')) as { seen: Record<string, unknown> };
    await writeFile(seenFile, `${JSON.stringify(seen)}\n`);
    // Now that A has seen all four, the chain cut short is reported, naming B.
    await writeFile(chain, `${lines.slice(0, 2).join('\n')}\n`);
    const verdict = expectBroken(await a.trail.verify(RELEASE));
    expect(verdict).toMatchObject({ kind: 'truncated', computer: { id: b.id, name: 'PRESS-PC2' }, seq: 3 });
    expect(verdict.problem).toBe(
      `In the entries recorded on PRESS-PC2 (${b.id}): Entries 3 to 4 were on this computer before and are now ` +
        'missing from the end of the trail.',
    );
    // So is a chain whose file went altogether.
    await rm(chain);
    const gone = expectBroken(await a.trail.verify(RELEASE));
    expect(gone).toMatchObject({ kind: 'truncated', computer: { id: b.id } });
    expect(gone.problem).toContain('Entries 1 to 4 were on this computer before');
    // And B's entries rebuilt with other words and fresh hashes, head and all: the chain checks out on its own,
    // but it is not what this computer saw.
    const rebuilt = rebuild(full, (entry) => ({ ...entry, details: { i: 9 } }));
    await writeFile(chain, rebuilt.text);
    await writeFile(a.layout.auditChainHead(RELEASE, b.id), `${JSON.stringify(rebuilt.head)}\n`);
    expect(expectBroken(await a.trail.verify(RELEASE))).toMatchObject({ kind: 'head', seq: 4 });
    await writeFile(chain, full);
    await syncAudit(b, a);
    expect((await a.trail.verify(RELEASE)).ok).toBe(true);

    // On its own computer, a chain cut short is told by its head, as before.
    await writeFile(chainAtB, `${lines.slice(0, 3).join('\n')}\n`);
    const own = expectBroken(await b.trail.verify(RELEASE));
    expect(own).toMatchObject({ kind: 'truncated', seq: 4, computer: { id: b.id } });
    expect(own.problem).toBe(
      `In the entries recorded on PRESS-PC2 (${b.id}): Entry 4 is missing from the end of the trail.`,
    );
  });

  it('says "waiting for sync" for an entry whose revision has not arrived, and clears when it does', async () => {
    const a = await computer('PRESS-PC1');
    const b = await computer('PRESS-PC2');
    const revision = b.layout.revisionFile(RELEASE, 2, b.id);
    const revisionId = `00000002.${b.id}`;
    await mkdir(dirname(revision), { recursive: true });
    await writeFile(revision, '{"stand-in":"a revision file"}\n');
    await b.trail.append(
      RELEASE,
      { actor: reviewer, event: 'approved', details: { contentHash: 'c'.repeat(64) }, saw: [revisionId] },
      new Date(T0),
    );
    expect((await b.trail.verify(RELEASE)).waitingForSync).toBeNull();

    // The chain arrives at A before the revision file does.
    await syncAudit(b, a);
    const waiting = await a.trail.verify(RELEASE);
    expect(waiting.ok).toBe(true);
    expect(waiting.chains).toEqual([
      expect.objectContaining({
        computer: { id: b.id, name: 'PRESS-PC2' },
        status: 'waiting-for-sync',
        waiting: [{ seq: 1, revisions: [revisionId] }],
        problem: null,
      }),
    ]);
    expect(waiting.waitingForSync).toBe(
      `1 entry from PRESS-PC2 (${b.id}) refers to a version of the release that has not reached this computer ` +
        'yet. Waiting for sync: this is not a fault, and it clears when they arrive.',
    );

    await deliver(revision, a.layout.revisionFile(RELEASE, 2, b.id));
    const arrived = await a.trail.verify(RELEASE);
    expect(arrived).toMatchObject({ ok: true, waitingForSync: null });
    expect(arrived.chains[0]?.status).toBe('intact');
  });

  it('records an edit once across chains: an edit entry of that revision or later on any computer covers it', async () => {
    const a = await computer('PRESS-PC1');
    const b = await computer('PRESS-PC2');
    const edit = (revision: number, by = writer) => ({
      revision,
      by,
      contentHash: 'c'.repeat(64),
      at: new Date(T0).toISOString(),
    });
    expect(await a.trail.recordEdit(RELEASE, edit(3), undefined, new Date(T0))).toMatchObject({
      event: 'edited',
      details: { revision: 3 },
    });
    await syncAudit(a, b);
    expect(await b.trail.recordEdit(RELEASE, edit(3, reviewer))).toBeNull();
    expect(await b.trail.recordEdit(RELEASE, edit(2, reviewer))).toBeNull();
    // The trail's newest entry is the writer's edit on A: a later edit by the writer is the same run of edits.
    expect(await b.trail.recordEdit(RELEASE, edit(4))).toBeNull();
    const recorded = await b.trail.recordEdit(RELEASE, edit(4, reviewer), undefined, new Date(T0 + 1000));
    expect(recorded).toMatchObject({ seq: 1, computer: { id: b.id }, details: { revision: 4 } });
    expect((await b.trail.read(RELEASE)).map((e) => [e.computer?.name, e.details.revision])).toEqual([
      ['PRESS-PC1', 3],
      ['PRESS-PC2', 4],
    ]);
  });
});

/** A chain's lines changed by `edit` and chained afresh, as someone rebuilding it by hand would. */
function rebuild(
  text: string,
  edit: (entry: Record<string, unknown>) => Record<string, unknown>,
): { text: string; head: { seq: number; hash: string } } {
  let prevHash = GENESIS_HASH;
  const out: string[] = [];
  for (const line of text.split('\n').filter(Boolean)) {
    const { hash: _old, ...body } = edit(JSON.parse(line) as Record<string, unknown>);
    const next = { ...body, prevHash };
    const hash = sha256(canonicalJson(next));
    const { seq, at, computer, actor, event, details, saw } = next as Record<string, unknown>;
    out.push(JSON.stringify({ seq, at, computer, actor, event, details, saw, prevHash, hash }));
    prevHash = hash;
  }
  return { text: out.map((l) => `${l}\n`).join(''), head: { seq: out.length, hash: prevHash } };
}

/** An entry as an older Pressroom wrote it in the single chain: no computer, no saw. */
function legacyLines(count: number): { text: string; head: { seq: number; hash: string } } {
  let prevHash = GENESIS_HASH;
  const lines: string[] = [];
  for (let seq = 1; seq <= count; seq++) {
    const body = {
      seq,
      at: new Date(T0 - (count - seq + 1) * 3_600_000).toISOString(),
      actor: { id: writer.id, name: writer.name },
      event: seq === 1 ? 'created' : 'commented',
      details: { n: seq },
      prevHash,
    };
    const hash = sha256(canonicalJson(body));
    lines.push(JSON.stringify({ ...body, hash }));
    prevHash = hash;
  }
  return { text: lines.map((l) => `${l}\n`).join(''), head: { seq: count, hash: prevHash } };
}

describe('audit chains: the single chain of an older Pressroom', () => {
  it('is kept as it is, verified and merged, and never extended', async () => {
    const a = await computer('PRESS-PC1');
    const legacy = legacyLines(3);
    await mkdir(dirname(a.layout.auditTrail(RELEASE)), { recursive: true });
    await writeFile(a.layout.auditTrail(RELEASE), legacy.text);
    await writeFile(a.layout.auditHead(RELEASE), `${JSON.stringify(legacy.head)}\n`);

    await a.trail.append(RELEASE, { actor: reviewer, event: 'commented' }, new Date(T0));
    expect(await readFile(a.layout.auditTrail(RELEASE), 'utf8')).toBe(legacy.text);
    const verdict = await a.trail.verify(RELEASE);
    expect(verdict.ok).toBe(true);
    expect(verdict.chains.map((c) => [c.label, c.status])).toEqual([
      ['the trail kept by an older Pressroom', 'intact'],
      [`PRESS-PC1 (${a.id})`, 'intact'],
    ]);
    expect((await a.trail.read(RELEASE)).map((e) => [e.computer?.id ?? null, e.seq])).toEqual([
      [null, 1],
      [null, 2],
      [null, 3],
      [a.id, 1],
    ]);

    await writeFile(a.layout.auditTrail(RELEASE), legacy.text.replace('"n":2', '"n":7'));
    const broken = expectBroken(await a.trail.verify(RELEASE));
    expect(broken).toMatchObject({ computer: null, seq: 2, kind: 'changed' });
    expect(broken.problem).toBe(
      'In the trail kept by an older Pressroom: Entry 2 was changed after it was written.',
    );
  });

  it('opens an older release file (one chain) as the older chain, and a newer one whole', async () => {
    const a = await computer('PRESS-PC1');
    const legacy = legacyLines(2);
    await a.trail.importTrail(RELEASE, legacy);
    expect(await readFile(a.layout.auditTrail(RELEASE), 'utf8')).toBe(legacy.text);
    expect((await a.trail.verify(RELEASE)).ok).toBe(true);
    await a.trail.append(RELEASE, { actor: reviewer, event: 'approved' }, new Date(T0));

    const exported = await a.trail.exportTrail(RELEASE);
    expect(exported.text).toBe(legacy.text);
    expect(exported.chains).toHaveLength(1);
    expect(verifyTrailCopy(exported).ok).toBe(true);

    const c = await computer('OUTSIDE-PC');
    await c.trail.importTrail(RELEASE, exported);
    expect(await c.trail.read(RELEASE)).toEqual(await a.trail.read(RELEASE));
    expect(await c.trail.exportTrail(RELEASE)).toEqual(exported);
    // Again: nothing to add.
    await c.trail.importTrail(RELEASE, exported);
    await c.trail.append(RELEASE, { actor: writer, event: 'commented' }, new Date(T0 + 1000));

    // Back at A: adds C's chain, keeps A's byte for byte.
    const back = await c.trail.exportTrail(RELEASE);
    const before = await readFile(a.layout.auditChain(RELEASE, a.id), 'utf8');
    await a.trail.importTrail(RELEASE, back);
    expect(await readFile(a.layout.auditChain(RELEASE, a.id), 'utf8')).toBe(before);
    expect((await a.trail.read(RELEASE)).map((e) => e.computer?.name ?? null)).toEqual([
      null,
      null,
      'PRESS-PC1',
      'OUTSIDE-PC',
    ]);
    expect((await a.trail.verify(RELEASE)).ok).toBe(true);

    // A changed since C's file was made: C's old file does not continue A's trail, and nothing is written.
    await a.trail.append(RELEASE, { actor: writer, event: 'commented' }, new Date(T0 + 2000));
    const kept = await a.trail.exportTrail(RELEASE);
    const refused = await a.trail.importTrail(RELEASE, exported).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StoreError);
    expect((refused as StoreError).code).toBe('conflict');
    expect(await a.trail.exportTrail(RELEASE)).toEqual(kept);
  });

  it('refuses a carried chain that does not check out, naming its computer', async () => {
    const a = await computer('PRESS-PC1');
    await a.trail.append(RELEASE, { actor: writer, event: 'created' }, new Date(T0));
    await a.trail.append(RELEASE, { actor: writer, event: 'submitted' }, new Date(T0 + 1));
    const copy = await a.trail.exportTrail(RELEASE);
    const edited = {
      ...copy,
      chains: copy.chains!.map((chain) => ({
        ...chain,
        text: chain.text.replace('"submitted"', '"approved"'),
      })),
    };
    const verdict = verifyTrailCopy(edited);
    expect(verdict).toMatchObject({ ok: false, seq: 2, computer: { id: a.id, name: 'PRESS-PC1' } });
    const c = await computer('OUTSIDE-PC');
    await expect(c.trail.importTrail(RELEASE, edited)).rejects.toMatchObject({ code: 'corrupt-file' });
    // A computer's entries twice over, and a chain name that is not a computer (it would become a file name).
    const twice = { ...copy, chains: [...copy.chains!, ...copy.chains!] };
    expect(verifyTrailCopy(twice)).toMatchObject({ ok: false, problem: expect.stringContaining('twice') });
    const escaping = { ...copy, chains: copy.chains!.map((chain) => ({ ...chain, computer: '../../x' })) };
    expect(verifyTrailCopy(escaping).ok).toBe(false);
    await expect(c.trail.importTrail(RELEASE, escaping)).rejects.toMatchObject({ code: 'corrupt-file' });
    expect(await c.trail.read(RELEASE)).toEqual([]);
  });
});

describe('audit chains: any order of appends and deliveries', () => {
  type Step = { kind: 'append'; on: 0 | 1 } | { kind: 'sync'; from: 0 | 1 } | { kind: 'both'; n: number };

  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('append' as const), on: fc.constantFrom(0 as const, 1 as const) }),
    fc.record({ kind: fc.constant('sync' as const), from: fc.constantFrom(0 as const, 1 as const) }),
    // Both computers append at the same moment, several times over.
    fc.record({ kind: fc.constant('both' as const), n: fc.integer({ min: 1, max: 4 }) }),
  );

  it('after a final full copy, every entry is there exactly once and both sides verify', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const sides = [await computer('PRESS-PC1'), await computer('PRESS-PC2')] as const;
        const appended: string[] = [];
        let clock = T0;
        const append = async (on: 0 | 1) => {
          const n = `${on}-${appended.length}`;
          appended.push(n);
          clock += 1000;
          await sides[on].trail.append(
            RELEASE,
            { actor: on ? reviewer : writer, event: 'commented', details: { n } },
            new Date(clock),
          );
        };
        for (const s of steps) {
          if (s.kind === 'append') await append(s.on);
          else if (s.kind === 'sync') await syncAudit(sides[s.from], sides[1 - s.from]!);
          else {
            const batch: Array<Promise<void>> = [];
            for (let i = 0; i < s.n; i++) batch.push(append(0), append(1));
            // A delivery while both are writing: it must not matter what it catches.
            batch.push(syncAudit(sides[0], sides[1]));
            await Promise.all(batch);
          }
          // Between deliveries a side may lag, but never sees anything broken.
          for (const side of sides) expect((await side.trail.verify(RELEASE)).ok).toBe(true);
        }
        await syncAudit(sides[0], sides[1]);
        await syncAudit(sides[1], sides[0]);
        for (const side of sides) {
          const verdict = await side.trail.verify(RELEASE);
          expect(verdict.ok).toBe(true);
          const seen = verdict.entries.map((entry) => String(entry.details.n));
          expect(seen.slice().sort()).toEqual(appended.slice().sort());
          expect(new Set(seen).size).toBe(seen.length);
        }
        await Promise.all(cleanup.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
