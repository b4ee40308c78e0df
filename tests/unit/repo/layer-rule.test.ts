import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layer direction of ARCHITECTURE §2 is a lint rule; these cases prove the rule bites. */
const eslint = new ESLint({ cwd: process.cwd() });

async function importErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rule', () => {
  it.each([
    ['src-shared/release/x.ts', "import { readFile } from 'node:fs';"],
    ['src-shared/release/x.ts', "import { app } from 'electron';"],
    ['src-shared/release/x.ts', "import { useState } from 'react';"],
    ['src-shared/release/x.ts', "import { openWorkspace } from '../../src-main/services/workspace-store';"],
    ['src-renderer/src/x.ts', "import { ipcRenderer } from 'electron';"],
    ['src-renderer/src/x.ts', "import { openWorkspace } from '../../src-main/services/workspace-store';"],
    ['src-renderer/src/x.ts', "import { readFile } from 'fs';"],
    ['src-main/services/x.ts', "import { app } from 'electron';"],
    ['src-main/services/x.ts', "import { registerIpc } from '../electron/ipc';"],
    ['src-main/web/x.ts', "import { hardenApp } from '../electron/security';"],
    // The CLI and the export services run without Electron.
    ['src-main/cli.ts', "import { app } from 'electron';"],
    ['src-main/services/export/x.ts', "import { BrowserWindow } from 'electron';"],
    ['src-main/electron/x.ts', "import { App } from '../../src-renderer/src/App';"],
  ])('%s may not: %s', async (file, source) => {
    expect((await importErrors(file, source)).length).toBeGreaterThan(0);
  });

  it.each([
    ['src-renderer/src/x.ts', "import { ReleaseSchema } from '../../src-shared/release/schema';"],
    ['src-main/services/x.ts', "import { ReleaseSchema } from '../../src-shared/release/schema';"],
    ['src-main/services/x.ts', "import { readFile } from 'node:fs/promises';"],
    ['src-main/electron/x.ts', "import { app } from 'electron';"],
    ['src-main/electron/x.ts', "import { openWorkspace } from '../services/workspace-store';"],
  ])('%s may: %s', async (file, source) => {
    expect(await importErrors(file, source)).toEqual([]);
  });
});
