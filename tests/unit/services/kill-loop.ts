import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { listRevisionNames, readRevision } from '../../../src-main/services/workspace/revisions';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createAuditTrail } from '../../../src-main/services/review/audit-trail';
import { createReleaseHistory } from '../../../src-main/services/review/release-history';
import { createReviewWorkflow } from '../../../src-main/services/review/workflow';
import { openWorkspace } from '../../../src-main/services/workspace/store';
import { ReleaseSchema } from '../../../src-shared/release/schema';
import { KILL_LOOP_PEOPLE } from './kill-loop-child';

/**
 * The kill loop of issue 13, item 1, shared by the unit test (audit-kill-loop.test.ts, 200 rounds) and the soak
 * (`npm run soak`, 1,000 rounds): a child process (kill-loop-child.ts) opens one workspace with the real services
 * and saves one release in a loop, two people in turn; it is SIGKILLed at a random moment, and the next child
 * carries on. After every kill: the release file reads and the audit chain verifies. At the end, the workspace is
 * opened again and its trail read through the workflow (which records an edit whose entry a crash lost), and
 * every revision on disk — every acknowledged one among them — must have its 'edited' entry.
 *
 * The child is bundled once with esbuild (as `node --import tsx` would run it, 0.1 s to start instead of 0.4 s),
 * and the next child is started while the current one saves, so that a round costs the kill delay, not a start.
 */

export interface KillLoopOptions {
  rounds: number;
  /** A child is killed this long (at most, uniformly) after it is told to start saving. */
  maxKillDelayMs?: number;
  onRound?: (round: number, figures: KillLoopFigures) => void;
}

export interface KillLoopFigures {
  rounds: number;
  /** Kills that landed while a save was in progress (begun, not yet answered). */
  killsMidSave: number;
  /** Kills after the release file was written and before the save was answered. */
  killsAfterWrite: number;
  acknowledgedSaves: number;
  failedSaves: number;
  /** Revisions of the release on disk at the end (every save that was written). */
  revisionsOnDisk: number;
  /** The widest kill window used (ms): it widens on a loaded machine, see runKillLoop. */
  killWindowMs: number;
  /** Revisions without their 'edited' entry after the workspace was opened again: must be 0. */
  revisionsWithoutEntry: number;
  /** Acknowledged revisions without their entry: must be 0. */
  acknowledgedWithoutEntry: number;
  /** Entries recorded afterwards from the release's own record (`recovered`). */
  recoveredEntries: number;
  /** Audit chains verified (after every round and at the end) and how many failed. */
  chainsVerified: number;
  chainFailures: string[];
  /** Release files that did not read back as a whole release: must be 0. */
  tornFiles: number;
  /** Lock files without an owner left by a child killed while creating them (file-lock.ts, issue 13 item 2). */
  ownerlessLocksRemoved: number;
  seconds: number;
}

const POOL = 3;
const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'kill-loop-child.ts');

export async function runKillLoop(options: KillLoopOptions): Promise<KillLoopFigures> {
  const started = Date.now();
  // The kill lands up to this long after the child starts saving. A loaded machine (the rest of the unit pool on 2
  // cores) makes saves slower; then the window widens, so that some saves still finish and are acknowledged and
  // the loop keeps testing both kinds of moment: mid-save and between saves.
  let maxDelay = options.maxKillDelayMs ?? 100;
  const work = await mkdtemp(join(tmpdir(), 'pressroom-kill-loop-'));
  const folder = join(work, 'workspace');
  const bundle = join(work, 'child.mjs');
  await build({
    entryPoints: [CHILD],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: bundle,
    logLevel: 'warning',
    // Bundled CommonJS dependencies may call require().
    banner: {
      js: "import { createRequire as __pressroomRequire } from 'node:module'; const require = __pressroomRequire(import.meta.url);",
    },
  });

  const store = await openWorkspace(folder);
  const audit = createAuditTrail(store.layout);
  const workflow = createReviewWorkflow({ store, audit, history: createReleaseHistory(store.layout) });
  const release = await workflow.create(() => store.create('news-release'), KILL_LOOP_PEOPLE[0]);
  const firstRevision = release.revision;

  const figures: KillLoopFigures = {
    rounds: 0,
    killsMidSave: 0,
    killsAfterWrite: 0,
    acknowledgedSaves: 0,
    failedSaves: 0,
    revisionsOnDisk: 0,
    killWindowMs: 0,
    revisionsWithoutEntry: 0,
    acknowledgedWithoutEntry: 0,
    recoveredEntries: 0,
    chainsVerified: 0,
    chainFailures: [],
    tornFiles: 0,
    ownerlessLocksRemoved: 0,
    seconds: 0,
  };
  const acknowledged = new Set<number>();

  /** Revision files already checked whole: each is immutable once it exists, so it is read once. */
  const checked = new Set<string>();
  try {
    // Children waiting their turn, started ahead: a round then costs the kill delay rather than a start.
    const waiting = Array.from({ length: Math.min(POOL, options.rounds) }, () =>
      startChild(bundle, folder, release.id),
    );
    let startedChildren = waiting.length;
    for (let round = 1; round <= options.rounds; round++) {
      const child = waiting.shift()!;
      await child.ready;
      if (startedChildren < options.rounds) {
        waiting.push(startChild(bundle, folder, release.id));
        startedChildren += 1;
      }
      child.go();
      await sleep(Math.random() * maxDelay);
      if (round >= 10 && figures.acknowledgedSaves < round * 0.3) maxDelay = Math.min(maxDelay * 1.1, 2000);
      figures.killWindowMs = Math.round(maxDelay);
      const lines = await child.kill();
      figures.rounds = round;

      let inSave = false;
      let lastAck = 0;
      for (const line of lines) {
        if (line === 'save') inSave = true;
        else if (line.startsWith('ack ')) {
          inSave = false;
          lastAck = Number(line.split(' ')[1]);
          acknowledged.add(lastAck);
          figures.acknowledgedSaves += 1;
        } else if (line.startsWith('fail ')) {
          inSave = false;
          figures.failedSaves += 1;
        }
      }
      if (inSave) figures.killsMidSave += 1;

      // No torn file: every revision file reads back whole, whatever instant the kill hit (a save writes a temp
      // file and links it into place, so a revision either exists complete or not at all).
      let revision = -1;
      for (const name of (await listRevisionNames(store.layout, release.id)) ?? []) {
        revision = Math.max(revision, name.revision);
        if (checked.has(name.id)) continue;
        checked.add(name.id);
        const read = await readRevision(store.layout, release.id, name);
        if (read.kind !== 'ok' || ReleaseSchema.safeParse(read.revision.release).success === false)
          figures.tornFiles += 1;
      }
      if (inSave && lastAck > 0 && revision > lastAck) figures.killsAfterWrite += 1;
      figures.ownerlessLocksRemoved += await removeOwnerlessLocks(folder);

      const verdict = await audit.verify(release.id);
      figures.chainsVerified += 1;
      if (!verdict.ok)
        figures.chainFailures.push(`round ${round}: ${verdict.problem} (line ${verdict.atLine})`);
      options.onRound?.(round, figures);
    }
    for (const child of waiting) {
      await child.ready.catch(() => undefined);
      await child.kill();
    }
    figures.ownerlessLocksRemoved += await removeOwnerlessLocks(folder);

    // Open the workspace again, as the next start of the app does, and read the trail as a person would.
    const reopened = await openWorkspace(folder);
    const reopenedAudit = createAuditTrail(reopened.layout);
    const reader = createReviewWorkflow({
      store: reopened,
      audit: reopenedAudit,
      history: createReleaseHistory(reopened.layout),
    });
    const report = await reader.auditReport(release.id);
    const verdict = await reopenedAudit.verify(release.id);
    figures.chainsVerified += 1;
    if (!verdict.ok || !report.intact) {
      figures.chainFailures.push(`after reopening: ${verdict.ok ? report.problem : verdict.problem}`);
    }
    const final = await reopened.get(release.id);
    const edited = new Map<number, string>();
    for (const entry of report.entries) {
      const revision = entry.details.revision;
      if (entry.event === 'edited' && typeof revision === 'number') edited.set(revision, entry.actor.id);
      if (entry.details.recovered !== undefined) figures.recoveredEntries += 1;
    }
    figures.revisionsOnDisk = final.revision - firstRevision;
    for (let revision = firstRevision + 1; revision <= final.revision; revision++) {
      // Saved by the person the child chooses for the revision it started from.
      const by = KILL_LOOP_PEOPLE[(revision - 1) % 2]!.id;
      if (edited.get(revision) !== by) {
        figures.revisionsWithoutEntry += 1;
        if (acknowledged.has(revision)) figures.acknowledgedWithoutEntry += 1;
      }
    }
    for (const revision of acknowledged) {
      if (revision > final.revision) figures.acknowledgedWithoutEntry += 1;
    }
  } finally {
    figures.seconds = (Date.now() - started) / 1000;
    await rm(work, { recursive: true, force: true });
  }
  return figures;
}

interface Child {
  ready: Promise<void>;
  go(): void;
  /** SIGKILL, then every line it printed, once it is gone. */
  kill(): Promise<string[]>;
}

function startChild(bundle: string, folder: string, id: string): Child {
  const proc: ChildProcessWithoutNullStreams = spawn(process.execPath, [bundle, folder, id, '100000'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let buffered = '';
  let stderr = '';
  let onReady!: () => void;
  let onFail!: (error: Error) => void;
  const ready = new Promise<void>((resolveReady, rejectReady) => {
    onReady = resolveReady;
    onFail = rejectReady;
  });
  ready.catch(() => undefined);
  proc.stdout.setEncoding('utf8');
  proc.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    for (const line of parts) {
      if (line === 'ready') onReady();
      else lines.push(line);
    }
  });
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolveExit) => {
    proc.on('close', () => {
      onFail(new Error(`the child stopped before it was ready: ${stderr}`));
      resolveExit();
    });
  });
  return {
    ready,
    go: () => proc.stdin.write('go\n'),
    async kill() {
      proc.kill('SIGKILL');
      await exited;
      return lines;
    },
  };
}

/**
 * A child killed between creating a lock file and writing its owner into it leaves a lock that file-lock.ts only
 * breaks after 30 s (issue 13, item 2, is about that). Every child here is dead when this runs, so such a lock is
 * certainly abandoned: removing it keeps the loop about the audit trail, and the figures say how often it happened.
 */
async function removeOwnerlessLocks(folder: string): Promise<number> {
  let removed = 0;
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.name.endsWith('.lock')) {
        const text = await readFile(path, 'utf8').catch(() => '');
        if (!hasOwner(text)) {
          await rm(path, { force: true });
          removed += 1;
        }
      }
    }
  };
  await walk(folder);
  return removed;
}

function hasOwner(lockText: string): boolean {
  try {
    return typeof (JSON.parse(lockText) as { pid?: unknown }).pid === 'number';
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
}
