import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { accessSync, constants, closeSync, openSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join, relative } from 'node:path';
import { promisify } from 'node:util';

/**
 * Two real Syncthing engines on loopback, one shared folder between them (ARCHITECTURE §4: "the test is a real
 * engine"; issue 12, item 10). Each engine has its own home (config, keys, database) and its own copy of the
 * folder, as two computers would. Nothing leaves 127.0.0.1: the GUI/REST API and the sync protocol listen there
 * only, each device knows the other by ID at an explicit tcp://127.0.0.1 address, and discovery (global and
 * local), relays, NAT traversal, usage reporting, crash reporting and upgrades are off before the first start.
 *
 * Everything is bounded in time, and `stop()` (or `stopAllSyncthing()`) ends exactly the processes started here
 * (each in a process group of its own) and removes the temporary folders.
 */

const run = promisify(execFile);

export const FOLDER_ID = 'pressroom';

/** Hook timeouts for a two-core machine: a start is bounded inside at 60 s, a stop at 15 s per engine. */
export const START_TIMEOUT_MS = 90_000;
export const STOP_TIMEOUT_MS = 30_000;

export interface SyncthingOptions {
  /** Folder rescan interval in seconds (the watcher catches most changes first). */
  rescanIntervalS?: number;
  /** The file watcher's aggregation delay in seconds. */
  fsWatcherDelayS?: number;
  /** Bound on the whole start (generate, serve, ready, connected). */
  startTimeoutMs?: number;
  /** Lines of a `.stignore` written into both folders before the engines start (none by default). */
  ignorePatterns?: readonly string[];
}

export interface SyncthingNode {
  readonly name: string;
  /** Config, keys and database. */
  readonly home: string;
  /** This engine's copy of the shared folder. */
  readonly folder: string;
  /** A folder of this computer's own, outside the shared one (an app's user-data folder); removed on stop. */
  readonly local: string;
  readonly deviceId: string;
  readonly guiPort: number;
  readonly listenPort: number;
  readonly pid: number;
  readonly logFile: string;
  /** A call to this engine's REST API (JSON answer, or null for an empty body). */
  api<T = unknown>(method: 'GET' | 'POST', path: string, query?: Record<string, string>): Promise<T>;
}

export interface InSyncReport {
  elapsedMs: number;
  polls: number;
  /** Files in the global model, as both engines see it. */
  globalFiles: number;
}

export interface SyncthingPair {
  readonly a: SyncthingNode;
  readonly b: SyncthingNode;
  readonly folderId: string;
  readonly version: string;
  /** The settings written into both configs, for the record. */
  readonly settings: Readonly<Record<string, string>>;
  /**
   * Asks both engines to scan now, then polls until both are idle with nothing needed, each sees the other's
   * copy complete, both agree on the global model and the two folders hold the same bytes, twice in a row.
   */
  waitUntilInSync(options?: { timeoutMs?: number; scan?: boolean }): Promise<InSyncReport>;
  /**
   * Stops the two engines exchanging anything (each pauses the other), so that what each computer does next is done
   * before it has seen anything of the other's: two colleagues acting at the same moment, whatever the engine's
   * timing. resumeExchange connects them again.
   */
  pauseExchange(): Promise<void>;
  /** Resumes the exchange; resolves once the two engines are connected again. */
  resumeExchange(): Promise<void>;
  stop(): Promise<void>;
}

interface FolderStatus {
  state: string;
  needFiles: number;
  needDeletes?: number;
  needDirectories?: number;
  needSymlinks?: number;
  pullErrors?: number;
  globalFiles: number;
  globalBytes: number;
  sequence: number;
  error?: string;
}

interface Completion {
  completion: number;
  needItems?: number;
  needDeletes?: number;
  needBytes: number;
  globalBytes: number;
}

/** The syncthing executable on the PATH, or null. */
export function findSyncthing(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'syncthing');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/**
 * Why the Syncthing tests cannot run here (also said on stderr, since a skipped suite's title is not printed),
 * or null when they can.
 */
export function syncthingMissingReason(file = 'tests/sync'): string | null {
  if (findSyncthing()) return null;
  console.warn(`${file}: skipped, ${NOT_ON_PATH}`);
  return NOT_ON_PATH;
}

const NOT_ON_PATH = 'syncthing is not on the PATH (Debian: apt-get install syncthing; .ci/run installs it)';

// ---------------------------------------------------------------------------------------------------------------
// Process bookkeeping: every engine started in this process is stopped at the latest when the process ends.

const running = new Set<ChildProcess>();
const pairs = new Set<PairImpl>();
let exitHooked = false;

/** Last resort (process exit, Ctrl-C): the whole group of an engine that was not stopped properly. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group has gone
  }
}

/** Last resort: kills every engine still running and removes the temporary folders, synchronously. */
function killAllNow(): void {
  for (const child of running) killGroup(child, 'SIGKILL');
  for (const pair of pairs)
    for (const root of pair.roots) {
      try {
        rmSync(root, { recursive: true, force: true, maxRetries: 3 });
      } catch {
        // best effort on the way out
      }
    }
}

function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.once('exit', killAllNow);
  // The engines run in sessions of their own, so Ctrl-C at the terminal does not reach them: end them here, then
  // let the signal do what it would have done.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const onSignal = () => {
      killAllNow();
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

/** Stops every pair started in this process (for afterAll: also catches a start still under way). */
export async function stopAllSyncthing(): Promise<void> {
  await Promise.all([...pairs].map((pair) => pair.stop()));
}

// ---------------------------------------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Server>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => {
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    return address.port;
  });
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

const xmlAttr = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Replaces the text of every `<tag>` in the `<options>` block; fails when the tag is not there. */
function setOption(xml: string, tag: string, value: string): string {
  const start = xml.indexOf('<options>');
  const end = xml.indexOf('</options>');
  if (start < 0 || end < 0) throw new Error('config.xml has no <options> block');
  const block = xml.slice(start, end);
  const element = `<${tag}>[^<]*</${tag}>`;
  if (!new RegExp(element).test(block))
    throw new Error(`config.xml has no <${tag}> option (Syncthing version changed?)`);
  return (
    xml.slice(0, start) +
    block.replace(new RegExp(element, 'g'), `<${tag}>${value}</${tag}>`) +
    xml.slice(end)
  );
}

function setGui(xml: string, guiPort: number, apiKey: string): string {
  const gui = /<gui\b[^>]*>[\s\S]*?<\/gui>/.exec(xml);
  if (!gui) throw new Error('config.xml has no <gui> block');
  let block = gui[0].replace(/tls="true"/, 'tls="false"');
  if (!/<address>[^<]*<\/address>/.test(block) || !/<apikey>[^<]*<\/apikey>/.test(block))
    throw new Error('config.xml <gui> has no <address> or <apikey>');
  block = block
    .replace(/<address>[^<]*<\/address>/, `<address>127.0.0.1:${guiPort}</address>`)
    .replace(/<apikey>[^<]*<\/apikey>/, `<apikey>${apiKey}</apikey>`);
  return xml.replace(gui[0], block);
}

/** Options written into both configs, before either engine first starts. */
function optionSettings(listenPort: number): Record<string, string> {
  return {
    listenAddress: `tcp://127.0.0.1:${listenPort}`,
    globalAnnounceEnabled: 'false',
    localAnnounceEnabled: 'false',
    relaysEnabled: 'false',
    natEnabled: 'false',
    urAccepted: '-1',
    autoUpgradeIntervalH: '0',
    crashReportingEnabled: 'false',
    startBrowser: 'false',
    announceLANAddresses: 'false',
    // Dial the peer again soon if it was not listening yet when this one started (default 60 s).
    reconnectionIntervalS: '5',
    // Default true (nice'd); on a busy two-core CI machine that only makes the timings wobble.
    setLowPriority: 'false',
  };
}

function folderAndPeerXml(
  xml: string,
  options: {
    folderPath: string;
    selfId: string;
    peerId: string;
    peerName: string;
    peerPort: number;
    rescanIntervalS: number;
    fsWatcherDelayS: number;
  },
): string {
  // Start from the engine's own defaults (so every field this version knows has its value), then say ours.
  const defaultFolder = /<defaults>\s*(<folder\b[\s\S]*?<\/folder>)/.exec(xml)?.[1];
  const defaultDevice = /<defaults>[\s\S]*?(<device id=""[\s\S]*?<\/device>)/.exec(xml)?.[1];
  if (!defaultFolder || !defaultDevice)
    throw new Error('config.xml has no <defaults> folder and device (Syncthing older than 1.17?)');

  const folderDevice = (id: string) =>
    `<device id="${id}" introducedBy=""><encryptionPassword></encryptionPassword></device>`;
  const openTag = /^<folder\b[^>]*>/.exec(defaultFolder)![0];
  const folder = defaultFolder
    .replace(
      openTag,
      `<folder id="${FOLDER_ID}" label="Pressroom" path="${xmlAttr(options.folderPath)}" type="sendreceive" ` +
        `rescanIntervalS="${options.rescanIntervalS}" fsWatcherEnabled="true" ` +
        `fsWatcherDelayS="${options.fsWatcherDelayS}" ignorePerms="false" autoNormalize="true">`,
    )
    .replace(/<device id="[^"]*"[^>]*>[\s\S]*?<\/device>\s*/g, '')
    .replace(
      /(<filesystemType>[^<]*<\/filesystemType>)/,
      `$1\n${folderDevice(options.selfId)}\n${folderDevice(options.peerId)}`,
    );
  if (!folder.includes(options.peerId)) throw new Error('could not write the folder into config.xml');

  const peer = defaultDevice
    .replace('<device id=""', `<device id="${options.peerId}" name="${xmlAttr(options.peerName)}"`)
    .replace(/<address>[^<]*<\/address>/, `<address>tcp://127.0.0.1:${options.peerPort}</address>`);
  if (!peer.includes(`tcp://127.0.0.1:${options.peerPort}`))
    throw new Error('could not write the peer device into config.xml');

  return xml.replace(/(<configuration\b[^>]*>)/, `$1\n${folder}\n${peer}`);
}

interface Prepared {
  name: string;
  root: string;
  home: string;
  folder: string;
  local: string;
  deviceId: string;
  guiPort: number;
  listenPort: number;
  apiKey: string;
}

class NodeImpl implements SyncthingNode {
  readonly name: string;
  readonly home: string;
  readonly folder: string;
  readonly local: string;
  readonly deviceId: string;
  readonly guiPort: number;
  readonly listenPort: number;
  readonly logFile: string;
  readonly apiKey: string;
  readonly child: ChildProcess;
  readonly exited: Promise<void>;

  constructor(prepared: Prepared, child: ChildProcess, logFile: string) {
    this.name = prepared.name;
    this.home = prepared.home;
    this.folder = prepared.folder;
    this.local = prepared.local;
    this.deviceId = prepared.deviceId;
    this.guiPort = prepared.guiPort;
    this.listenPort = prepared.listenPort;
    this.apiKey = prepared.apiKey;
    this.logFile = logFile;
    this.child = child;
    this.exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async api<T = unknown>(
    method: 'GET' | 'POST',
    path: string,
    query: Record<string, string> = {},
    timeoutMs = 15_000,
  ): Promise<T> {
    const url = new URL(`http://127.0.0.1:${this.guiPort}${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    const response = await fetch(url, {
      method,
      headers: { 'X-API-Key': this.apiKey },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`${this.name}: ${method} ${path} answered ${response.status}: ${text.trim()}`);
    return (text.trim() ? JSON.parse(text) : null) as T;
  }

  async logTail(lines = 25): Promise<string> {
    const text = await readFile(this.logFile, 'utf8').catch(() => '');
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  }
}

class PairImpl implements SyncthingPair {
  readonly folderId = FOLDER_ID;
  nodes: NodeImpl[] = [];
  roots: string[] = [];
  stopping: Promise<void> | null = null;
  version = '';
  settings: Record<string, string> = {};

  get a(): NodeImpl {
    return this.nodes[0]!;
  }
  get b(): NodeImpl {
    return this.nodes[1]!;
  }

  checkNotStopped(): void {
    if (this.stopping) throw new Error('the Syncthing pair was stopped while it was starting');
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await Promise.all(this.nodes.map((node) => stopNode(node)));
      await Promise.all(
        this.roots.map((root) =>
          rm(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }).catch(() => undefined),
        ),
      );
      pairs.delete(this);
    })();
    return this.stopping;
  }

  async pauseExchange(): Promise<void> {
    await Promise.all([this.a, this.b].map((node) => node.api('POST', '/rest/system/pause')));
  }

  async resumeExchange(): Promise<void> {
    const [a, b] = [this.a, this.b];
    await Promise.all([a, b].map((node) => node.api('POST', '/rest/system/resume')));
    await waitFor(
      'the two engines to connect to each other again',
      60_000,
      async () => {
        const [ca, cb] = await Promise.all([
          a.api<{ connections: Record<string, { connected: boolean }> }>('GET', '/rest/system/connections'),
          b.api<{ connections: Record<string, { connected: boolean }> }>('GET', '/rest/system/connections'),
        ]);
        return ca.connections[b.deviceId]?.connected && cb.connections[a.deviceId]?.connected ? true : null;
      },
      async () => `--- a log ---\n${await a.logTail()}\n--- b log ---\n${await b.logTail()}`,
    );
  }

  async waitUntilInSync(options: { timeoutMs?: number; scan?: boolean } = {}): Promise<InSyncReport> {
    const timeoutMs = options.timeoutMs ?? 60_000;
    const started = Date.now();
    const deadline = started + timeoutMs;
    const [a, b] = [this.a, this.b];
    for (const node of [a, b])
      if (!node.alive) throw new Error(`syncthing ${node.name} is not running:\n${await node.logTail()}`);

    if (options.scan ?? true) {
      // Do not wait for the watcher's delay: every change made so far is announced now.
      await Promise.all(
        [a, b].map((node) =>
          node.api('POST', '/rest/db/scan', { folder: FOLDER_ID }, Math.max(1000, deadline - Date.now())),
        ),
      );
    }

    let polls = 0;
    let previous = '';
    let last: unknown = null;
    while (Date.now() < deadline) {
      polls += 1;
      const snapshot = await inSyncSnapshot(a, b).catch((error: unknown) => ({
        ok: false,
        fingerprint: '',
        detail: { error: String(error) },
        globalFiles: 0,
      }));
      last = snapshot.detail;
      if (snapshot.ok) {
        // The same settled picture twice in a row: nothing was still on its way between the two looks.
        if (snapshot.fingerprint === previous)
          return { elapsedMs: Date.now() - started, polls, globalFiles: snapshot.globalFiles };
        previous = snapshot.fingerprint;
      } else {
        previous = '';
      }
      await sleep(250);
    }
    throw new Error(
      `The two Syncthing engines were not idle and in sync within ${timeoutMs} ms.\n` +
        `Last look: ${JSON.stringify(last, null, 1)}\n` +
        `--- ${a.name} log ---\n${await a.logTail()}\n--- ${b.name} log ---\n${await b.logTail()}`,
    );
  }
}

/** True while any process is left in the group `pgid` (the group's id is not reused while it has members). */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Ends one engine: SIGTERM to its process group (`syncthing serve` runs a monitor process and the engine as its
 * child, both in the group), then SIGKILL when the group has not gone within 10 s.
 */
async function stopNode(node: NodeImpl): Promise<void> {
  const pgid = node.child.pid;
  if (pgid === undefined) return;
  const groupGone = async (ms: number) => {
    const deadline = Date.now() + ms;
    await Promise.race([node.exited, sleep(ms)]);
    while (groupAlive(pgid) && Date.now() < deadline) await sleep(100);
    return !groupAlive(pgid);
  };
  if (node.alive || groupAlive(pgid)) {
    try {
      process.kill(-pgid, 'SIGTERM');
    } catch {
      // already gone
    }
    if (!(await groupGone(10_000))) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
      await groupGone(5_000);
    }
  }
  running.delete(node.child);
}

/** Every regular file under `folder` except Syncthing's own marker and temp files, with a hash of its bytes. */
export async function folderContents(folder: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  async function walk(dir: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // removed while we looked: the next poll sees it
    }
    for (const entry of entries) {
      const name = entry.name;
      if (dir === folder && (name === '.stfolder' || name === '.stversions' || name === '.stignore'))
        continue;
      if (/^~syncthing~.*\.tmp$/.test(name) || /^\.syncthing\..*\.tmp$/.test(name)) continue;
      const path = join(dir, name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        const bytes = await readFile(path).catch(() => null);
        if (bytes) out.set(relative(folder, path), createHash('sha256').update(bytes).digest('hex'));
      }
    }
  }
  await walk(folder);
  return out;
}

async function inSyncSnapshot(
  a: NodeImpl,
  b: NodeImpl,
): Promise<{ ok: boolean; fingerprint: string; detail: unknown; globalFiles: number }> {
  const side = async (node: NodeImpl, peer: NodeImpl) => {
    const [status, local, remote] = await Promise.all([
      node.api<FolderStatus>('GET', '/rest/db/status', { folder: FOLDER_ID }),
      node.api<Completion>('GET', '/rest/db/completion', { folder: FOLDER_ID }),
      node.api<Completion>('GET', '/rest/db/completion', { folder: FOLDER_ID, device: peer.deviceId }),
    ]);
    const need =
      status.needFiles +
      (status.needDeletes ?? 0) +
      (status.needDirectories ?? 0) +
      (status.needSymlinks ?? 0);
    const ok =
      status.state === 'idle' &&
      need === 0 &&
      (status.pullErrors ?? 0) === 0 &&
      local.completion === 100 &&
      (local.needItems ?? 0) === 0 &&
      remote.completion === 100 &&
      (remote.needItems ?? 0) === 0 &&
      (remote.needDeletes ?? 0) === 0;
    return {
      ok,
      status,
      summary: {
        state: status.state,
        need,
        pullErrors: status.pullErrors ?? 0,
        error: status.error || undefined,
        globalFiles: status.globalFiles,
        globalBytes: status.globalBytes,
        sequence: status.sequence,
        localCompletion: local.completion,
        peerCompletion: remote.completion,
        peerNeedItems: remote.needItems,
      },
    };
  };
  const [sa, sb] = await Promise.all([side(a, b), side(b, a)]);
  const [ca, cb] = await Promise.all([folderContents(a.folder), folderContents(b.folder)]);
  const differing = [...new Set([...ca.keys(), ...cb.keys()])].filter((key) => ca.get(key) !== cb.get(key));
  const sameGlobal =
    sa.status.globalFiles === sb.status.globalFiles && sa.status.globalBytes === sb.status.globalBytes;
  const ok = sa.ok && sb.ok && sameGlobal && differing.length === 0;
  const fingerprint = JSON.stringify([
    sa.status.sequence,
    sb.status.sequence,
    sa.status.globalFiles,
    sa.status.globalBytes,
    [...ca.entries()].sort(),
  ]);
  return {
    ok,
    fingerprint,
    globalFiles: sa.status.globalFiles,
    detail: {
      [a.name]: sa.summary,
      [b.name]: sb.summary,
      filesDifferingBetweenFolders: differing.slice(0, 20),
    },
  };
}

async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | null>,
  onTimeout: () => Promise<string>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    try {
      const result = await probe();
      if (result !== null) return result;
    } catch (error) {
      if (error instanceof FatalStart) throw error;
      lastError = String(error);
    }
    await sleep(200);
  }
  throw new Error(
    `Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError})` : ''}\n${await onTimeout()}`,
  );
}

class FatalStart extends Error {}

/** A child environment without proxies (the engines dial 127.0.0.1 only) and with upgrades and the default folder off. */
function engineEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env))
    if (/^(all|http|https|ftp)_proxy$/i.test(key) || /^STGUI|^STTRACE$/.test(key)) delete env[key];
  env.NO_PROXY = env.no_proxy = '127.0.0.1,localhost';
  env.STNODEFAULTFOLDER = '1';
  env.STNOUPGRADE = '1';
  env.STNORESTART = '1';
  return env;
}

/**
 * Starts two engines, "a" and "b", sharing one folder; resolves once both answer and are connected to each other.
 * On any failure everything started so far is stopped and removed before the error is thrown.
 */
export async function startSyncthingPair(options: SyncthingOptions = {}): Promise<SyncthingPair> {
  const binary = findSyncthing();
  if (!binary) throw new Error(NOT_ON_PATH);
  hookExit();
  const pair = new PairImpl();
  pairs.add(pair);
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  const deadline = Date.now() + startTimeoutMs;
  const left = () => Math.max(1000, deadline - Date.now());
  const env = engineEnv();
  try {
    pair.version = (await run(binary, ['--version'], { timeout: 10_000, env })).stdout.trim();
    const root = await mkdtemp(join(tmpdir(), 'pressroom-sync-'));
    pair.roots.push(root);
    const [guiA, listenA, guiB, listenB] = await freePorts(4);

    const prepared: Prepared[] = [];
    for (const [name, guiPort, listenPort] of [
      ['a', guiA!, listenA!],
      ['b', guiB!, listenB!],
    ] as const) {
      pair.checkNotStopped();
      const home = join(root, name, 'home');
      const folder = join(root, name, 'folder');
      const local = join(root, name, 'local');
      await mkdir(home, { recursive: true });
      await mkdir(local, { recursive: true });
      await mkdir(join(folder, '.stfolder'), { recursive: true });
      if (options.ignorePatterns)
        await writeFile(join(folder, '.stignore'), `${options.ignorePatterns.join('\n')}\n`);
      await run(binary, ['generate', `--home=${home}`, '--no-default-folder'], {
        timeout: left(),
        env,
      });
      const deviceId = (
        await run(binary, ['serve', `--home=${home}`, '--device-id'], { timeout: left(), env })
      ).stdout.trim();
      if (!/^[A-Z0-9]{7}(-[A-Z0-9]{7}){7}$/.test(deviceId))
        throw new Error(`unexpected device id from syncthing: ${JSON.stringify(deviceId)}`);
      prepared.push({
        name,
        root,
        home,
        folder,
        local,
        deviceId,
        guiPort,
        listenPort,
        apiKey: randomBytes(24).toString('base64url'),
      });
    }

    const rescanIntervalS = options.rescanIntervalS ?? 3;
    const fsWatcherDelayS = options.fsWatcherDelayS ?? 1;
    const [first, second] = prepared as [Prepared, Prepared];
    const pairings: [Prepared, Prepared][] = [
      [first, second],
      [second, first],
    ];
    for (const [self, peer] of pairings) {
      const configPath = join(self.home, 'config.xml');
      let xml = await readFile(configPath, 'utf8');
      const settings = optionSettings(self.listenPort);
      for (const [tag, value] of Object.entries(settings)) xml = setOption(xml, tag, value);
      xml = setGui(xml, self.guiPort, self.apiKey);
      xml = xml.replace(
        new RegExp(`<device id="${self.deviceId}" name="[^"]*"`),
        `<device id="${self.deviceId}" name="pressroom-${self.name}"`,
      );
      xml = folderAndPeerXml(xml, {
        folderPath: self.folder,
        selfId: self.deviceId,
        peerId: peer.deviceId,
        peerName: `pressroom-${peer.name}`,
        peerPort: peer.listenPort,
        rescanIntervalS,
        fsWatcherDelayS,
      });
      await writeFile(configPath, xml, { mode: 0o600 });
      pair.settings = {
        ...settings,
        listenAddress: 'tcp://127.0.0.1:<free port>',
        'gui address': '127.0.0.1:<free port> (no TLS), API key per run',
        'peer device address': 'tcp://127.0.0.1:<peer port>',
        'folder type': 'sendreceive',
        rescanIntervalS: String(rescanIntervalS),
        fsWatcherEnabled: 'true',
        fsWatcherDelayS: String(fsWatcherDelayS),
        env: 'STNODEFAULTFOLDER=1 STNOUPGRADE=1 STNORESTART=1, no proxy variables',
        flags: 'serve --home=… --no-browser --no-restart --no-upgrade --no-default-folder',
      };
    }

    for (const self of prepared) {
      pair.checkNotStopped();
      const logFile = join(self.root, self.name, 'syncthing.log');
      const fd = openSync(logFile, 'a');
      let child: ChildProcess;
      try {
        child = spawn(
          binary,
          [
            'serve',
            `--home=${self.home}`,
            '--no-browser',
            '--no-restart',
            '--no-upgrade',
            '--no-default-folder',
            '--logflags=3',
          ],
          { detached: true, stdio: ['ignore', fd, fd], env },
        );
      } finally {
        closeSync(fd);
      }
      running.add(child);
      const node = new NodeImpl(self, child, logFile);
      pair.nodes.push(node);
      await new Promise<void>((resolve, reject) => {
        child.once('spawn', () => resolve());
        child.once('error', (error) => reject(new FatalStart(`could not start syncthing: ${String(error)}`)));
      });
    }

    const [a, b] = pair.nodes as [NodeImpl, NodeImpl];
    const logs = async () => `--- a log ---\n${await a.logTail()}\n--- b log ---\n${await b.logTail()}`;
    for (const node of [a, b]) {
      await waitFor(
        `syncthing ${node.name} to answer on 127.0.0.1:${node.guiPort}`,
        left(),
        async () => {
          pair.checkNotStopped();
          if (!node.alive)
            throw new FatalStart(`syncthing ${node.name} exited during start:\n${await node.logTail()}`);
          const pong = await node.api<{ ping?: string }>('GET', '/rest/system/ping', {}, 2000);
          return pong?.ping === 'pong' ? true : null;
        },
        logs,
      );
    }
    await waitFor(
      'the two engines to connect to each other',
      left(),
      async () => {
        pair.checkNotStopped();
        for (const node of [a, b])
          if (!node.alive)
            throw new FatalStart(`syncthing ${node.name} exited during start:\n${await node.logTail()}`);
        const [ca, cb] = await Promise.all([
          a.api<{ connections: Record<string, { connected: boolean }> }>('GET', '/rest/system/connections'),
          b.api<{ connections: Record<string, { connected: boolean }> }>('GET', '/rest/system/connections'),
        ]);
        return ca.connections[b.deviceId]?.connected && cb.connections[a.deviceId]?.connected ? true : null;
      },
      logs,
    );
    return pair;
  } catch (error) {
    await pair.stop();
    throw error;
  }
}
