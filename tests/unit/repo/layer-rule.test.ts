import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layer direction of ARCHITECTURE §2 is a lint rule; these cases prove the rule bites. */
const eslint = new ESLint({ cwd: process.cwd() });

async function importErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  const fatal = (result?.messages ?? []).filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(`Not parsed: ${fatal.map((m) => m.message).join('; ')}`);
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'pressroom/layer-imports')
    .map((m) => m.message);
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
    // Re-exports are imports too.
    ['src-shared/release/x.ts', "export { readFile } from 'node:fs';"],
    ['src-shared/release/x.ts', "export * from '../../src-main/services/workspace/store';"],
    // Dynamic import(), in every spelling (issue 13, item 8; VS Code's code-import-patterns sees these too).
    ['src-shared/release/x.ts', "export const load = () => import('node:fs');"],
    ['src-shared/release/x.ts', 'export const load = () => import(`electron`);'],
    [
      'src-shared/release/x.ts',
      "export const load = () => import('../../src-main/services/workspace/store');",
    ],
    ['src-renderer/src/x.ts', "export const load = () => import('electron');"],
    ['src-renderer/src/x.ts', "export const load = async () => (await import('../../src-main/cli')).main;"],
    ['src-main/services/x.ts', "export const load = () => import('electron');"],
    ['src-main/services/x.ts', "export const load = () => import('../electron/ipc');"],
    ['src-main/web/x.ts', "export const load = () => import('../../src-renderer/src/App');"],
    ['tests/unit/services/x.test.ts', "export const load = () => import('../../../src-main/electron/main');"],
    // A type from another layer drags its module's types in: typeof import(), import('…').Name.
    ['src-shared/release/x.ts', "export type Fs = typeof import('node:fs');"],
    [
      'src-shared/release/x.ts',
      "export type Store = import('../../src-main/services/workspace/store').WorkspaceStore;",
    ],
    ['src-renderer/src/x.ts', "export type Ipc = typeof import('electron').ipcRenderer;"],
    ['src-main/services/x.ts', "export type App = import('electron').App;"],
    // require, and the require createRequire makes.
    ['src-main/services/x.ts', "export const electron = require('electron');"],
    [
      'src-main/services/x.ts',
      "import { createRequire } from 'node:module';\nconst load = createRequire(import.meta.url);\nexport const e = load('electron');",
    ],
    [
      'src-main/services/x.ts',
      "import { createRequire } from 'node:module';\nexport const e = createRequire(import.meta.url)('electron');",
    ],
    [
      'src-main/services/x.ts',
      "import * as mod from 'node:module';\nlet load;\nload = mod.createRequire(import.meta.url);\nexport const e = load('../electron/ipc');",
    ],
    ['src-main/services/x.ts', "export const e = module.require('electron');"],
    // A pure layer may not load what the rule cannot read.
    ['src-shared/release/x.ts', 'export const load = (name: string) => import(name);'],
    ['src-renderer/src/x.ts', 'export const load = (name: string) => import(`./features/${name}`);'],
  ])('%s may not: %s', async (file, source) => {
    expect((await importErrors(file, source)).length).toBeGreaterThan(0);
  });

  it.each([
    ['src-renderer/src/x.ts', "import { ReleaseSchema } from '../../src-shared/release/schema';"],
    ['src-main/services/x.ts', "import { ReleaseSchema } from '../../src-shared/release/schema';"],
    ['src-main/services/x.ts', "import { readFile } from 'node:fs/promises';"],
    ['src-main/electron/x.ts', "import { app } from 'electron';"],
    ['src-main/electron/x.ts', "import { openWorkspace } from '../services/workspace-store';"],
    // Dynamic imports within the rules are fine: the browser host loads the Chromium printer on first use.
    ['src-main/services/x.ts', "export const load = () => import('../export/chromium-printer');"],
    ['src-main/services/x.ts', "export type Fs = typeof import('node:fs');"],
    ['src-renderer/src/x.ts', "export const load = () => import('./features/library/LibraryView');"],
    ['src-renderer/src/x.ts', "export type Schema = typeof import('../../src-shared/release/schema');"],
    ['src-main/electron/x.ts', "export const load = () => import('electron');"],
    [
      'src-main/services/x.ts',
      "import { createRequire } from 'node:module';\nconst load = createRequire(import.meta.url);\nexport const p = load.resolve('electron');\nexport const y = load('js-yaml');",
    ],
    // Outside the pure layers a computed name is allowed (tests load modules by a variable).
    ['tests/unit/services/x.test.ts', 'export const load = (name: string) => import(name);'],
  ])('%s may: %s', async (file, source) => {
    expect(await importErrors(file, source)).toEqual([]);
  });
});
