import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Release } from '../../src-shared/release/schema';
import {
  call,
  filesUnder,
  isSyncConflict,
  openOffice,
  START_TIMEOUT_MS,
  STOP_TIMEOUT_MS,
  value,
  type Desk,
} from './office';
import {
  folderContents,
  startSyncthingPair,
  stopAllSyncthing,
  syncthingMissingReason,
  type SyncthingPair,
} from './syncthing';

const missing = syncthingMissingReason('tests/sync/release-saves.test.ts');
const ROUNDS = 10;

/**
 * MEASUREMENT for issue 12, not a check of the intended behaviour: today a save is checked against the revision
 * in the local copy only, so two people saving one release at once on two computers are both told "saved", and
 * the engine then keeps one text and makes a `.sync-conflict-` copy of the other. This test prints what happens
 * and asserts only that the harness worked (both engines idle and in sync after every round). When issue 12's
 * layout lands, the assertions of item 10 (0 acknowledged saves lost, every fork shown) replace the table.
 */
describe.skipIf(missing)(
  missing
    ? `Release saves on a synced folder (skipped: ${missing})`
    : 'Release saves on a folder kept in step by Syncthing (measurement for issue 12)',
  () => {
    let pair: SyncthingPair;
    beforeAll(async () => {
      pair = await startSyncthingPair();
    }, START_TIMEOUT_MS);
    afterAll(stopAllSyncthing, STOP_TIMEOUT_MS);

    it(`measures today's behaviour: both people save the same release at once on their own copy, ${ROUNDS} rounds`, async () => {
      const office = await openOffice(pair);
      const created = await value(call(office.a.dispatch, 'releases.create', { type: 'news-release' }));
      await pair.waitUntilInSync();
      const id = created.id;

      type Outcome = { marker: string; acknowledged: boolean; refused: string | null };
      const save = async (desk: Desk, marker: string): Promise<Outcome> => {
        const base = await value(call(desk.dispatch, 'releases.get', { id }));
        const release: Release = { ...base, headline: `Headline by ${desk.person.name} [${marker}]` };
        const result = await call(desk.dispatch, 'releases.save', { release });
        return { marker, acknowledged: result.ok, refused: result.ok ? null : result.error.message };
      };
      const current = async (desk: Desk) => {
        const result = await call(desk.dispatch, 'releases.get', { id });
        return result.ok ? result.value.headline : `(could not read: ${result.error.message})`;
      };

      const rounds: {
        round: number;
        a: Outcome;
        b: Outcome;
        shownOnA: string;
        shownOnB: string;
        syncMs: number;
      }[] = [];
      for (let round = 1; round <= ROUNDS; round += 1) {
        const tag = String(round).padStart(2, '0');
        // Both read their own copy (identical: the engines were in sync), then both save at the same moment.
        const [a, b] = await Promise.all([save(office.a, `a-r${tag}`), save(office.b, `b-r${tag}`)]);
        const synced = await pair.waitUntilInSync();
        const [shownOnA, shownOnB] = await Promise.all([current(office.a), current(office.b)]);
        rounds.push({ round, a, b, shownOnA, shownOnB, syncMs: synced.elapsedMs });
      }

      // Where a text that lost can still be found once everything has settled: a Syncthing conflict copy, or any
      // other file (conflicts/, history/ ...). The audit trail holds no release text, so it is not searched. A
      // round's winning text is superseded by the next round's saves, which were made on top of it: not a loss.
      const folders = [office.a.store.path, office.b.store.path];
      const foundIn = async (
        marker: string,
      ): Promise<{ kind: 'conflict copy' | 'other file' | 'no file'; path: string }> => {
        let elsewhere = '';
        for (const folder of folders) {
          for (const path of await filesUnder(folder)) {
            if (path.startsWith('audit/')) continue;
            const text = await readFile(join(folder, path), 'utf8').catch(() => '');
            if (!text.includes(`[${marker}]`)) continue;
            if (isSyncConflict(path)) return { kind: 'conflict copy', path };
            elsewhere ||= path;
          }
        }
        return elsewhere ? { kind: 'other file', path: elsewhere } : { kind: 'no file', path: '' };
      };
      const short = (path: string) => path.split(id).join('<id>');
      const refusals: string[] = [];

      let acknowledgedA = 0;
      let acknowledgedB = 0;
      let refused = 0;
      let goneFromBothScreens = 0;
      let keptInConflictCopy = 0;
      let keptElsewhere = 0;
      let inNoFile = 0;
      let sidesDisagree = 0;
      const perRound: Record<string, string | number>[] = [];
      for (const row of rounds) {
        const who = (shown: string) =>
          shown.includes(`[${row.a.marker}]`) ? 'A' : shown.includes(`[${row.b.marker}]`) ? 'B' : 'neither';
        if (row.shownOnA !== row.shownOnB) sidesDisagree += 1;
        const lost: string[] = [];
        for (const outcome of [row.a, row.b]) {
          if (!outcome.acknowledged) {
            refused += 1;
            refusals.push(`round ${row.round}, ${outcome.marker}: ${outcome.refused}`);
            continue;
          }
          const onScreen = [row.shownOnA, row.shownOnB].some((shown) =>
            shown.includes(`[${outcome.marker}]`),
          );
          if (onScreen) continue;
          goneFromBothScreens += 1;
          const where = await foundIn(outcome.marker);
          if (where.kind === 'conflict copy') keptInConflictCopy += 1;
          else if (where.kind === 'other file') keptElsewhere += 1;
          else inNoFile += 1;
          lost.push(`${outcome.marker}: ${where.path ? short(where.path) : 'no file'}`);
        }
        if (row.a.acknowledged) acknowledgedA += 1;
        if (row.b.acknowledged) acknowledgedB += 1;
        perRound.push({
          round: row.round,
          'A saved': row.a.acknowledged ? 'ack' : 'refused',
          'B saved': row.b.acknowledged ? 'ack' : 'refused',
          'A shows': who(row.shownOnA),
          'B shows': who(row.shownOnB),
          'acked text gone from both screens: where it is at the end': lost.join(', ') || '-',
          'sync ms': row.syncMs,
        });
      }

      const conflictCopies = new Map<string, number>();
      for (const path of (await filesUnder(office.a.store.path)).filter(isSyncConflict)) {
        const area = path.includes('/') ? `${path.split('/')[0]}/` : '(workspace root)';
        conflictCopies.set(area, (conflictCopies.get(area) ?? 0) + 1);
      }
      const conflictFilesOnB = (await filesUnder(office.b.store.path)).filter(isSyncConflict).length;
      const totalConflicts = [...conflictCopies.values()].reduce((sum, n) => sum + n, 0);

      console.log(
        `\nMEASUREMENT (issue 12): ${ROUNDS} rounds of simultaneous saves of one release, one on each computer ` +
          `(${pair.version.split(' ').slice(0, 2).join(' ')}, two engines on loopback)`,
      );
      console.table(perRound);
      console.table([
        { what: 'saves acknowledged on A', count: `${acknowledgedA}/${ROUNDS}` },
        { what: 'saves acknowledged on B', count: `${acknowledgedB}/${ROUNDS}` },
        { what: 'saves refused (either side)', count: refused },
        { what: 'acknowledged texts gone from both screens after sync', count: goneFromBothScreens },
        { what: '  of which kept in a .sync-conflict- copy', count: keptInConflictCopy },
        { what: '  of which kept in another file (named in the table above)', count: keptElsewhere },
        { what: '  of which in no file at all', count: inNoFile },
        { what: 'rounds where A and B show different texts after sync', count: sidesDisagree },
        { what: '.sync-conflict- files in folder A', count: totalConflicts },
        ...[...conflictCopies].map(([area, n]) => ({ what: `  of which under ${area}`, count: n })),
        { what: '.sync-conflict- files in folder B', count: conflictFilesOnB },
      ]);
      if (refusals.length) console.log(`Refused saves:\n${refusals.join('\n')}`);

      // What is asserted: the harness worked. Both engines idle and in sync, the two copies identical.
      await pair.waitUntilInSync();
      expect(rounds).toHaveLength(ROUNDS);
      expect(await folderContents(pair.a.folder)).toEqual(await folderContents(pair.b.folder));
    }, 240_000);
  },
);
