// Runs the integration suite (mocha over out/test/integration/**/*.test.js) in whatever
// process loads this module: inside VS Code's extension host, so the tests can
// `import * as vscode from 'vscode'`. Results go to a JSON file (written whole, by rename),
// progress lines to `<results>.log` as they happen.
import * as fs from 'fs';
import Mocha = require('mocha');
import * as path from 'path';
import { repoRoot } from '../harness/paths';

/** Env: the results file. Set by test/harness/hostSuite.ts (and test/host/electron.ts). */
export const RESULTS_ENV = 'APIGW_HOST_RESULTS';
/** Env: only tests whose full title matches this (mocha --grep). */
export const GREP_ENV = 'APIGW_HOST_GREP';
/** Env: per-test timeout in ms (default 60000). */
export const TIMEOUT_ENV = 'APIGW_HOST_TEST_TIMEOUT';
/** Env: folder of compiled tests (default <repo>/out/test/integration). */
export const DIR_ENV = 'APIGW_HOST_TEST_DIR';

export interface TestOutcome {
  fullTitle: string;
  state: 'passed' | 'failed' | 'skipped';
  durationMs?: number;
  file?: string;
}
export interface SuiteFailure {
  fullTitle: string;
  message: string;
  stack?: string;
}
export interface SuiteResults {
  passed: number;
  failed: number;
  skipped: number;
  total: number;
  durationMs: number;
  files: string[];
  failures: SuiteFailure[];
  tests: TestOutcome[];
  vscodeVersion?: string;
  /** Set when the suite could not run at all (no files, a file failed to load, ...). */
  error?: string;
}

function findTests(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findTests(full));
    else if (entry.name.endsWith('.test.js')) out.push(full);
  }
  return out.sort();
}

function writeResults(file: string | undefined, results: SuiteResults): void {
  if (!file) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(results, null, 2));
  fs.renameSync(`${file}.tmp`, file);
}

/** Runs the suite and writes the results file (when $APIGW_HOST_RESULTS is set). Never rejects. */
export async function runSuite(): Promise<SuiteResults> {
  const resultsFile = process.env[RESULTS_ENV];
  const logFile = resultsFile ? `${resultsFile}.log` : undefined;
  const say = (line: string) => {
    console.log(line);
    if (logFile) fs.appendFileSync(logFile, line + '\n');
  };
  const started = Date.now();
  const results: SuiteResults = { passed: 0, failed: 0, skipped: 0, total: 0, durationMs: 0, files: [], failures: [], tests: [] };
  try {
    try {
      // Only defined inside VS Code; the suite also loads in plain Node for its own checks.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      results.vscodeVersion = (require('vscode') as { version: string }).version;
    } catch { /* not in an extension host */ }
    const dir = process.env[DIR_ENV] || path.join(repoRoot(), 'out', 'test', 'integration');
    const files = findTests(dir);
    results.files = files.map((f) => path.relative(repoRoot(), f));
    say(`[host] VS Code ${results.vscodeVersion ?? '(none)'}, ${files.length} test file(s) in ${dir}`);
    if (!files.length) throw new Error(`No *.test.js under ${dir}: compile the tests first (npx tsc -p test)`);

    const mocha = new Mocha({
      ui: 'bdd',
      color: false,
      timeout: Number(process.env[TIMEOUT_ENV] || 60_000),
      grep: process.env[GREP_ENV] || undefined,
      reporter: class extends Mocha.reporters.Base {
        constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
          super(runner, options);
          const C = Mocha.Runner.constants;
          const file = (t: Mocha.Runnable) => (t.file ? path.relative(repoRoot(), t.file) : undefined);
          runner.on(C.EVENT_SUITE_BEGIN, (s: Mocha.Suite) => {
            if (s.title) say(`[host] ${'  '.repeat(Math.max(0, s.titlePath().length - 1))}${s.title}`);
          });
          runner.on(C.EVENT_TEST_PASS, (t: Mocha.Test) => {
            results.tests.push({ fullTitle: t.fullTitle(), state: 'passed', durationMs: t.duration, file: file(t) });
            say(`[host]   ✓ ${t.title} (${t.duration ?? 0} ms)`);
          });
          runner.on(C.EVENT_TEST_PENDING, (t: Mocha.Test) => {
            results.tests.push({ fullTitle: t.fullTitle(), state: 'skipped', file: file(t) });
            say(`[host]   - ${t.title} (skipped)`);
          });
          runner.on(C.EVENT_TEST_FAIL, (t: Mocha.Test, err: Error) => {
            // Hook failures arrive here too ("before all" hook ...): they count as failures.
            results.tests.push({ fullTitle: t.fullTitle(), state: 'failed', durationMs: t.duration, file: file(t) });
            results.failures.push({ fullTitle: t.fullTitle(), message: err?.message ?? String(err), stack: err?.stack });
            say(`[host]   ✗ ${t.title}\n[host]     ${(err?.message ?? String(err)).split('\n').join('\n[host]     ')}`);
          });
        }
      },
    });
    for (const f of files) mocha.addFile(f);
    await mocha.loadFilesAsync();
    await new Promise<void>((resolve) => mocha.run(() => resolve()));
  } catch (e) {
    results.error = e instanceof Error ? (e.stack ?? e.message) : String(e);
    say(`[host] the suite could not run: ${results.error}`);
  }
  results.passed = results.tests.filter((t) => t.state === 'passed').length;
  results.failed = results.tests.filter((t) => t.state === 'failed').length + (results.error ? 1 : 0);
  results.skipped = results.tests.filter((t) => t.state === 'skipped').length;
  results.total = results.tests.length;
  results.durationMs = Date.now() - started;
  say(`[host] ${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped in ${(results.durationMs / 1000).toFixed(1)} s`);
  writeResults(resultsFile, results);
  return results;
}
