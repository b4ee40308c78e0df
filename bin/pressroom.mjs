#!/usr/bin/env node
// The `pressroom` command (package.json "bin"): runs src-main/cli.ts through tsx's loader, scoped to that import, so
// that the CLI needs no build step and no Electron.
import { tsImport } from 'tsx/esm/api';

const { runCli, nodeIo } = await tsImport('../src-main/cli.ts', import.meta.url);
process.exitCode = await runCli(process.argv.slice(2), nodeIo());
