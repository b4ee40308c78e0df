import { spawn } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Low } from 'lowdb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DurableJSONFile,
  isTempFileName,
  writeFileDurably,
} from '../../../src-main/services/workspace/durable-file';
import { createBlankRelease } from '../../../src-shared/release/new-release';
import { DEFAULT_PROFILE, ReleaseSchema, type Release } from '../../../src-shared/release/schema';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const folders: string[] = [];

async function tempFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'pressroom-durable-'));
  folders.push(folder);
  return folder;
}

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

const ioError = (code: string) => Object.assign(new Error(`${code}: simulated failure`), { code });

/** Opens files for real, then lets the test sabotage the handle of the temp file next to `target`. */
function sabotageTempHandle(target: string, sabotage: (handle: FileHandle) => void) {
  const realOpen = fsp.open.bind(fsp);
  return vi.spyOn(fsp, 'open').mockImplementation(async (...args: Parameters<typeof fsp.open>) => {
    const handle = await realOpen(...args);
    const path = String(args[0]);
    if (dirname(path) === dirname(target) && isTempFileName(path.slice(dirname(path).length + 1)))
      sabotage(handle);
    return handle;
  });
}

describe('writeFileDurably', () => {
  it('replaces the file and leaves no temp file behind', async () => {
    const folder = await tempFolder();
    const target = join(folder, 'a.json');
    await writeFileDurably(target, '{"v":1}');
    await writeFileDurably(target, new TextEncoder().encode('{"v":2}'));
    expect(await readFile(target, 'utf8')).toBe('{"v":2}');
    expect(await readdir(folder)).toEqual(['a.json']);
  });

  it('leaves the old file intact when the write fails half way, and never reaches the rename', async () => {
    const folder = await tempFolder();
    const target = join(folder, 'a.json');
    await writeFileDurably(target, JSON.stringify({ text: 'old' }));
    const rename = vi.spyOn(fsp, 'rename');
    sabotageTempHandle(target, (handle) => {
      const realWrite = handle.writeFile.bind(handle);
      handle.writeFile = (async (data: string) => {
        // A disk that fills up after half the bytes: the temp file really does hold torn JSON at this point.
        await realWrite(data.slice(0, data.length / 2));
        throw ioError('ENOSPC');
      }) as FileHandle['writeFile'];
    });

    await expect(
      writeFileDurably(target, JSON.stringify({ text: 'new'.repeat(1000) })),
    ).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(rename).not.toHaveBeenCalled();
    expect(JSON.parse(await readFile(target, 'utf8'))).toEqual({ text: 'old' });
    expect(await readdir(folder)).toEqual(['a.json']);
  });

  it('leaves the old file intact when flushing to disk fails', async () => {
    const folder = await tempFolder();
    const target = join(folder, 'a.json');
    await writeFileDurably(target, 'old');
    sabotageTempHandle(target, (handle) => {
      handle.sync = async () => {
        throw ioError('EIO');
      };
    });
    await expect(writeFileDurably(target, 'new')).rejects.toMatchObject({ code: 'EIO' });
    expect(await readFile(target, 'utf8')).toBe('old');
    expect(await readdir(folder)).toEqual(['a.json']);
  });

  it('removes the temp file when the rename fails', async () => {
    const folder = await tempFolder();
    const target = join(folder, 'a.json');
    await writeFileDurably(target, 'old');
    vi.spyOn(fsp, 'rename').mockRejectedValueOnce(ioError('EXDEV'));
    await expect(writeFileDurably(target, 'new')).rejects.toMatchObject({ code: 'EXDEV' });
    expect(await readFile(target, 'utf8')).toBe('old');
    expect(await readdir(folder)).toEqual(['a.json']);
  });

  it.each(['EISDIR', 'EPERM', 'EINVAL'])(
    'succeeds where the platform cannot fsync a folder (%s)',
    async (code) => {
      const folder = await tempFolder();
      const target = join(folder, 'a.json');
      const realOpen = fsp.open.bind(fsp);
      vi.spyOn(fsp, 'open').mockImplementation(async (...args: Parameters<typeof fsp.open>) => {
        if (String(args[0]) === folder) throw ioError(code);
        return realOpen(...args);
      });
      await writeFileDurably(target, 'new');
      expect(await readFile(target, 'utf8')).toBe('new');
    },
  );
});

describe('DurableJSONFile with lowdb', () => {
  it('reads null for a missing file, so Low keeps its defaults', async () => {
    const folder = await tempFolder();
    const db = new Low(new DurableJSONFile<{ n: number }>(join(folder, 'db.json')), { n: 0 });
    await db.read();
    expect(db.data).toEqual({ n: 0 });
    expect(await readdir(folder)).toEqual([]);
  });

  it('writes through Low durably and reads back, whatever NODE_ENV says', async () => {
    const folder = await tempFolder();
    const file = join(folder, 'db.json');
    const db = new Low(new DurableJSONFile<{ n: number }>(file), { n: 0 });
    await db.update((data) => {
      data.n = 42;
    });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ n: 42 });
    const again = new Low(new DurableJSONFile<{ n: number }>(file), { n: 0 });
    await again.read();
    expect(again.data).toEqual({ n: 42 });
  });

  it('throws a SyntaxError for a file that is not JSON instead of pretending it is empty', async () => {
    const folder = await tempFolder();
    const file = join(folder, 'db.json');
    await writeFile(file, '{"n": 4');
    await expect(new DurableJSONFile(file).read()).rejects.toBeInstanceOf(SyntaxError);
  });

  it('reads a file saved with a byte-order mark', async () => {
    const folder = await tempFolder();
    const file = join(folder, 'db.json');
    await writeFile(file, '\ufeff{"n": 4}');
    expect(await new DurableJSONFile(file).read()).toEqual({ n: 4 });
  });
});

/** A release of about 1 MB whose every paragraph names the generation that wrote it, so a torn mix shows. */
function bigRelease(generation: number): Release {
  let n = 0;
  const release = createBlankRelease({
    id: 'r-big',
    type: 'news-release',
    profile: DEFAULT_PROFILE,
    now: new Date('2024-07-18T08:30:00Z'),
    makeId: () => `p${++n}`,
  });
  return {
    ...release,
    headline: `generation ${generation}`,
    body: Array.from({ length: 400 }, (_, i) => ({
      id: `p${i + 1}`,
      text: `${generation}|${'x'.repeat(2500)}`,
    })),
  };
}

function checkWhole(text: string): number {
  const release = ReleaseSchema.parse(JSON.parse(text));
  const generation = Number(release.headline.replace('generation ', ''));
  expect(release.body).toHaveLength(400);
  for (const paragraph of release.body) expect(paragraph.text.startsWith(`${generation}|`)).toBe(true);
  return generation;
}

describe('writeFileDurably under SIGKILL', () => {
  it('leaves either the old or the new file whenever the writer is killed', async () => {
    const folder = await tempFolder();
    const script = join(folder, 'writer.mts');
    const modules = {
      durable: pathToFileURL(join(repoRoot, 'src-main/services/workspace/durable-file.ts')).href,
      release: pathToFileURL(join(repoRoot, 'src-shared/release/new-release.ts')).href,
      schema: pathToFileURL(join(repoRoot, 'src-shared/release/schema.ts')).href,
    };
    // The child builds the same releases as bigRelease() above and writes them over and over until killed. It says
    // "ready" once its first write is whole, so that on a loaded machine the kills still land among writes rather
    // than all before the first one (which proved nothing, and failed the check below).
    await writeFile(
      script,
      `import { writeFileDurably } from ${JSON.stringify(modules.durable)};
import { createBlankRelease } from ${JSON.stringify(modules.release)};
import { DEFAULT_PROFILE } from ${JSON.stringify(modules.schema)};
const target = process.argv[2];
const make = (generation) => {
  let n = 0;
  const release = createBlankRelease({ id: 'r-big', type: 'news-release', profile: DEFAULT_PROFILE,
    now: new Date('2024-07-18T08:30:00Z'), makeId: () => 'p' + ++n });
  return JSON.stringify({ ...release, headline: 'generation ' + generation,
    body: Array.from({ length: 400 }, (_, i) => ({ id: 'p' + (i + 1), text: generation + '|' + 'x'.repeat(2500) })) }, null, 2);
};
for (let generation = 1; ; generation++) {
  await writeFileDurably(target, make(generation));
  if (generation === 1) process.stdout.write('ready\\n');
}
`,
    );

    const round = async (index: number): Promise<{ generation: number; tempLeft: boolean }> => {
      const dir = join(folder, `round-${index}`);
      await fsp.mkdir(dir);
      const target = join(dir, 'r-big.json');
      await writeFileDurably(target, JSON.stringify(bigRelease(0), null, 2));
      const child = spawn(process.execPath, ['--import', 'tsx', script, target], {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<NodeJS.Signals | null>((resolveExit) =>
        child.on('exit', (_code, signal) => resolveExit(signal)),
      );
      await new Promise<void>((resolveReady, rejectReady) => {
        child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolveReady());
        child.on('exit', () => rejectReady(new Error(`writer exited before it started: ${stderr}`)));
      });
      await new Promise((resolveWait) => setTimeout(resolveWait, 5 + Math.random() * 60));
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      const generation = checkWhole(await readFile(target, 'utf8'));
      const tempLeft = (await readdir(dir)).some(isTempFileName);
      return { generation, tempLeft };
    };

    const results: Array<{ generation: number; tempLeft: boolean }> = [];
    for (let batch = 0; batch < 4; batch++) {
      results.push(...(await Promise.all(Array.from({ length: 5 }, (_, i) => round(batch * 5 + i)))));
    }
    expect(results).toHaveLength(20);
    // Kills must have landed in the middle of a write (its temporary file left behind), or the test proves nothing;
    // and every target read whole above, at the generation before or of the write that was cut.
    expect(results.some((result) => result.tempLeft)).toBe(true);
    expect(results.every((result) => result.generation >= 1)).toBe(true);
    // Twenty writer processes, each starting tsx: 10 s on a quiet machine, past 30 s with the suite's others.
  }, 90_000);
});
