/**
 * The process that the kill loop (audit-kill-loop.test.ts, tests/soak/kill-loop.ts) kills: it opens the workspace
 * with the real services and saves one release in a loop, two people in turn, until it is killed or has made
 * `saves` attempts. Not a test itself.
 *
 *   node --import tsx kill-loop-child.ts <workspace> <release id> <saves>
 *
 * stdout, one line per event, each written before the next save starts:
 *   ready                      the services are open; the child then waits for a line on stdin before it saves,
 *                              so that the parent can start the next child while this one saves
 *   save                       a save begins
 *   ack <revision> <person>    the save of that revision was answered with success
 *   fail <message>             the save was answered with an error (the loop goes on)
 * The person who saves is chosen by the stored revision (even: Ann, odd: Ben), so that consecutive revisions are
 * always by different people and each one must have an 'edited' entry of its own, whichever child wrote it.
 */
import { createAuditTrail } from '../../../src-main/services/review/audit-trail';
import { createReleaseHistory } from '../../../src-main/services/review/release-history';
import { createReviewWorkflow } from '../../../src-main/services/review/workflow';
import { openWorkspace } from '../../../src-main/services/workspace/store';
import type { Person } from '../../../src-shared/workflow/workflow';

export const KILL_LOOP_PEOPLE: readonly [Person, Person] = [
  { id: 'u-ann', name: 'Ann Even', roles: ['writer'] },
  { id: 'u-ben', name: 'Ben Odd', roles: ['writer'] },
];

async function main(): Promise<void> {
  const [folder, id, savesText] = process.argv.slice(2);
  if (!folder || !id) throw new Error('usage: kill-loop-child.ts <workspace> <release id> <saves>');
  const saves = Number(savesText ?? '1000');
  const store = await openWorkspace(folder);
  const audit = createAuditTrail(store.layout);
  const history = createReleaseHistory(store.layout);
  const workflow = createReviewWorkflow({ store, audit, history });
  const say = (line: string) =>
    new Promise<void>((resolveWrite) => process.stdout.write(`${line}\n`, () => resolveWrite()));
  // Warm up (the first read of a process is slow), so that the kill lands among saves, not before the first.
  await store.get(id).catch(() => undefined);
  await audit.last(id).catch(() => undefined);
  await say('ready');
  await new Promise<void>((resolveGo) => process.stdin.once('data', () => resolveGo()));
  for (let i = 0; i < saves; i++) {
    await say('save');
    try {
      const stored = await store.get(id);
      const person = KILL_LOOP_PEOPLE[stored.revision % 2]!;
      const outcome = await workflow.save(
        { ...stored, headline: `Saved by ${person.name} at ${process.pid}.${i}` },
        person,
      );
      await say(`ack ${outcome.release.revision} ${person.id}`);
    } catch (error) {
      await say(`fail ${(error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ')}`);
    }
  }
}

// Imported by the parent for KILL_LOOP_PEOPLE only; run as a script, it saves.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
