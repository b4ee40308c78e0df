// `npm run lint:electron`: Doyensec's Electronegativity over the desktop shell, failing on any HIGH or MEDIUM
// finding. What each check means and why the few inline exceptions are right: docs/security.md.
//
// Offline by construction, like the app: Electronegativity asks the network for fresh translations and for
// Electron's release list. Its HTTP client is replaced here by one that refuses at once, and the release-list check
// (AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK, which needs that list) is left out; keeping Electron current is checklist
// item 16, handled by dependency updates (docs/security.md).
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');

/**
 * Scanned together, as one app (the global checks - navigation limits, permission handler, CSP - look across
 * files): the shell's sources, the page that loads the app and its CSP (the built one too, when there is a build),
 * and the package file (Chromium switches in scripts, the Electron version).
 */
const INPUTS = ['src-main/electron', 'src-renderer/index.html', 'out/renderer/index.html', 'package.json'];
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const FAILING = new Set(['HIGH', 'MEDIUM']);

function blockNetwork() {
  const runnerPath = require.resolve('@doyensec/electronegativity/dist/runner.js');
  const gotPath = createRequire(runnerPath).resolve('got');
  const refuse = () => Promise.reject(new Error('lint:electron runs offline'));
  const offline = Object.assign(refuse, { head: refuse, get: refuse, post: refuse, default: refuse });
  require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline };
  return runnerPath;
}

async function scan(run, input) {
  // Electronegativity talks on console.log while it works (progress, the failed translation fetch): keep its
  // findings, not its chatter.
  const log = console.log;
  console.log = () => undefined;
  try {
    return await run(
      {
        input,
        output: undefined,
        isSarif: false,
        customScan: [],
        excludeFromScan: EXCLUDED_CHECKS.map((check) => check.toLowerCase()),
        severitySet: undefined,
        confidenceSet: undefined,
        isRelative: false,
        isVerbose: true,
        electronUpgrade: undefined,
        electronVersionOverride: electronVersion(),
        parserPlugins: [],
      },
      false,
    );
  } finally {
    console.log = log;
  }
}

/** The installed Electron (the defaults of each check depend on it), else the version package.json asks for. */
function electronVersion() {
  try {
    return JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  } catch {
    const wanted = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies?.electron;
    return String(wanted ?? '').replace(/^[^\d]*/, '') || undefined;
  }
}

const run = require(blockNetwork());
const present = INPUTS.filter((input) => existsSync(resolve(root, input)));
const staging = mkdtempSync(join(tmpdir(), 'pressroom-electronegativity-'));
const findings = [];
let parseErrors = 0;
try {
  for (const input of present) cpSync(resolve(root, input), join(staging, input), { recursive: true });
  const result = await scan(run, staging);
  const where = (file) => relative(staging, file);
  for (const error of result.errors) {
    if (error.tolerable) continue;
    parseErrors++;
    console.error(`lint:electron: could not parse ${where(error.file)}: ${error.message}`);
  }
  for (const issue of result.issues) {
    findings.push({
      id: issue.id,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      where:
        issue.file === 'N/A'
          ? 'the app as a whole'
          : `${where(issue.file)}:${issue.location.line}:${issue.location.column}`,
      review: issue.manualReview,
      description: String(issue.description ?? '').split('\n')[0],
    });
  }
} finally {
  rmSync(staging, { recursive: true, force: true });
}

const failing = findings.filter((finding) => FAILING.has(finding.severity));
for (const finding of findings) {
  const mark = FAILING.has(finding.severity) ? 'FAIL' : 'note';
  console.log(
    `${mark} ${finding.severity}/${finding.confidence} ${finding.id} at ${finding.where}` +
      `${finding.review ? ' (review)' : ''}\n     ${finding.description}`,
  );
}
console.log(
  `lint:electron: ${findings.length} finding(s) in ${present.join(', ')} (Electron ${electronVersion()}); ` +
    `${failing.length} high or medium.`,
);
if (failing.length > 0 || parseErrors > 0) {
  console.error(
    parseErrors > 0
      ? 'lint:electron: some files could not be scanned, so the scan is not complete.'
      : 'lint:electron: fix the high and medium findings above (docs/security.md says how each is handled).',
  );
  process.exit(1);
}
