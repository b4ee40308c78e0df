import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  folderContents,
  START_TIMEOUT_MS,
  STOP_TIMEOUT_MS,
  startSyncthingPair,
  stopAllSyncthing,
  syncthingMissingReason,
  type SyncthingPair,
} from './syncthing';

const missing = syncthingMissingReason('tests/sync/engine.test.ts');

describe.skipIf(missing)(
  missing ? `Syncthing harness (skipped: ${missing})` : 'Syncthing harness: two engines on loopback',
  () => {
    let pair: SyncthingPair;
    beforeAll(async () => {
      pair = await startSyncthingPair();
    }, START_TIMEOUT_MS);
    afterAll(stopAllSyncthing, STOP_TIMEOUT_MS);

    it('runs both engines with the settings written: loopback only, nothing announced or reported', async () => {
      for (const [node, peer] of [
        [pair.a, pair.b],
        [pair.b, pair.a],
      ] as const) {
        const options = await node.api<Record<string, unknown>>('GET', '/rest/config/options');
        expect(options).toMatchObject({
          listenAddresses: [`tcp://127.0.0.1:${node.listenPort}`],
          globalAnnounceEnabled: false,
          localAnnounceEnabled: false,
          relaysEnabled: false,
          natEnabled: false,
          urAccepted: -1,
          autoUpgradeIntervalH: 0,
          crashReportingEnabled: false,
        });
        const folder = await node.api<Record<string, unknown>>(
          'GET',
          `/rest/config/folders/${pair.folderId}`,
        );
        expect(folder).toMatchObject({ type: 'sendreceive', fsWatcherEnabled: true, fsWatcherDelayS: 1 });
        const { connections } = await node.api<{
          connections: Record<string, { connected: boolean; address: string }>;
        }>('GET', '/rest/system/connections');
        expect(connections[peer.deviceId]).toMatchObject({ connected: true });
        expect(connections[peer.deviceId]!.address).toMatch(/^127\.0\.0\.1:\d+$/);
      }
    }, 60_000);

    it('carries a file written in folder A to folder B with the same bytes, and back', async () => {
      const fromA = randomBytes(200_000);
      await mkdir(join(pair.a.folder, 'probe'), { recursive: true });
      await writeFile(join(pair.a.folder, 'probe', 'from-a.bin'), fromA);
      await pair.waitUntilInSync();
      expect((await readFile(join(pair.b.folder, 'probe', 'from-a.bin'))).equals(fromA)).toBe(true);

      const fromB = randomBytes(50_000);
      await writeFile(join(pair.b.folder, 'probe', 'from-b.bin'), fromB);
      // An edit travels as well as a new file.
      const edited = Buffer.concat([
        fromA.subarray(0, 1000),
        Buffer.from('edited on B'),
        fromA.subarray(2000),
      ]);
      await writeFile(join(pair.b.folder, 'probe', 'from-a.bin'), edited);
      await pair.waitUntilInSync();
      expect((await readFile(join(pair.a.folder, 'probe', 'from-b.bin'))).equals(fromB)).toBe(true);
      expect((await readFile(join(pair.a.folder, 'probe', 'from-a.bin'))).equals(edited)).toBe(true);

      expect(await folderContents(pair.a.folder)).toEqual(await folderContents(pair.b.folder));
    }, 120_000);

    it('pauses the exchange (each engine holds the other paused, a scan of A leaves B without the file) and resumes it', async () => {
      type Connections = { connections: Record<string, { connected: boolean; paused: boolean }> };
      await pair.pauseExchange();
      const [onA, onB] = await Promise.all([
        pair.a.api<Connections>('GET', '/rest/system/connections'),
        pair.b.api<Connections>('GET', '/rest/system/connections'),
      ]);
      expect([onA.connections[pair.b.deviceId]?.paused, onB.connections[pair.a.deviceId]?.paused]).toEqual([
        true,
        true,
      ]);
      const whilePaused = randomBytes(10_000);
      await writeFile(join(pair.a.folder, 'probe', 'while-paused.bin'), whilePaused);
      // A has taken the file into its index: were the two connected, B would now be told of it.
      await pair.a.api('POST', '/rest/db/scan', { folder: pair.folderId });
      const status = await pair.b.api<{ globalFiles: number }>('GET', '/rest/db/status', {
        folder: pair.folderId,
      });
      const onlyOnA = await pair.a.api<{ globalFiles: number }>('GET', '/rest/db/status', {
        folder: pair.folderId,
      });
      expect(onlyOnA.globalFiles).toBe(status.globalFiles + 1);
      await pair.resumeExchange();
      await pair.waitUntilInSync();
      expect((await readFile(join(pair.b.folder, 'probe', 'while-paused.bin'))).equals(whilePaused)).toBe(
        true,
      );
    }, 120_000);
  },
);
