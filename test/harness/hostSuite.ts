// Runs the integration suite (out/test/integration/**/*.test.js) inside a real VS Code's
// extension host: code-server, with the page opened in chromium (that starts the host).
//
// Route 'extensionTests' (default): code-server is started with
// `--vscode-option enable-smoke-test-driver` (a built VS Code ignores the page's `payload`
// otherwise) and the page URL's payload names the development extension(s) and
// `extensionTestsPath` = out/test/host/index.js, as `vscode-remote://` URIs (the server only
// takes development paths that arrive as file URIs after its URI transformer). VS Code then
// calls run() in the extension host, as @vscode/test-electron does on the desktop.
// Route 'activation': no payload; the test-only extension test/host is packaged into a VSIX,
// installed next to the extension, and runs the suite when it activates (onStartupFinished).
//
// Either way the suite writes its results to $APIGW_HOST_RESULTS, which this side waits for.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LOCAL_PROFILE, writeAwsFiles } from './awsProfiles';
import { type CodeServer, type Log, startCodeServer } from './codeServer';
import { type Emulator, startEmulator } from './emulator';
import { packageHostExtension, stageHostExtension } from './hostExtension';
import { repoRoot } from './paths';
import { seed } from './seed';
import { openWorkbench, type Workbench } from './workbench';
import type { SuiteResults } from '../host/suite';
import { setTimeout as sleep } from 'timers/promises';

export type { SuiteResults } from '../host/suite';

export const EXTENSION_ID = 'apigateway-stages.apigateway-stages';

export interface IntegrationSuiteOptions {
  /**
   * 'unpacked' (default): the extension runs from the repo (package.json + dist/, so run
   * `npm run build` first) as a development extension. 'vsix': the packaged VSIX is installed.
   */
  target?: 'unpacked' | 'vsix';
  /** Default <repo>/out/apigateway-stages.vsix. */
  vsixPath?: string;
  route?: 'extensionTests' | 'activation';
  /**
   * Start the emulator (moto), seed it with SAMPLE and point a throw-away AWS profile `local`
   * at it (AWS_CONFIG_FILE/AWS_SHARED_CREDENTIALS_FILE, setting apigatewayStages.profile);
   * the host also gets its URL as $APIGW_TEST_ENDPOINT. Default true.
   */
  emulator?: boolean;
  /** Extra environment for code-server and so the extension host (wins over the emulator's). */
  env?: Record<string, string | undefined>;
  userSettings?: Record<string, unknown>;
  workspaceFolder?: string;
  /** mocha --grep. */
  grep?: string;
  /** Per-test timeout (default 60 s). */
  testTimeoutMs?: number;
  /** Whole run, from starting code-server to the results (default 10 min). */
  timeoutMs?: number;
  log?: Log;
}


export interface SeededEmulator {
  emulator: Emulator;
  /** AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE (profile `local`), APIGW_TEST_ENDPOINT, APIGW_EMULATOR; other AWS_* cleared. */
  env: Record<string, string | undefined>;
  /** `apigatewayStages.profile: local`. */
  userSettings: Record<string, unknown>;
}

/** Starts the emulator (moto unless APIGW_EMULATOR says otherwise), seeds SAMPLE, and writes the throw-away AWS files for profile `local` into `dir`. */
export async function startSeededEmulator(dir: string, log: Log): Promise<SeededEmulator> {
  const emulator = await startEmulator({ log });
  try {
    await seed(emulator.endpoint, undefined, { deploymentsApart: true });
  } catch (e) {
    await emulator.stop();
    throw e;
  }
  return {
    emulator,
    env: { ...writeAwsFiles(path.join(dir, 'aws'), emulator.endpoint), APIGW_TEST_ENDPOINT: emulator.endpoint, APIGW_EMULATOR: emulator.kind },
    userSettings: { 'apigatewayStages.profile': LOCAL_PROFILE },
  };
}

/** Runs the integration suite in code-server and returns its results; throws if it never reports. */
export async function runIntegrationSuite(opts: IntegrationSuiteOptions = {}): Promise<SuiteResults> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const root = repoRoot();
  const target = opts.target ?? 'unpacked';
  const route = opts.route ?? 'extensionTests';
  const started = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-host-suite-'));
  const resultsFile = path.join(tmp, 'results.json');
  const progressFile = `${resultsFile}.log`;
  const testsIndex = path.join(root, 'out', 'test', 'host', 'index.js');
  if (!fs.existsSync(testsIndex)) throw new Error(`No ${testsIndex}: compile first (npx tsc -p test)`);

  const vsixPaths: string[] = [];
  const devDirs: string[] = [];
  if (target === 'vsix') {
    const vsix = opts.vsixPath ?? path.join(root, 'out', 'apigateway-stages.vsix');
    if (!fs.existsSync(vsix)) throw new Error(`No ${vsix}: run \`npm run build:prod && npm run package\` first`);
    vsixPaths.push(vsix);
  } else if (!fs.existsSync(path.join(root, 'dist', 'extension.js'))) {
    throw new Error('No dist/extension.js: run `npm run build` first (the unpacked extension runs from dist/)');
  }
  let stagedHost: string | undefined;
  if (route === 'activation') {
    vsixPaths.push(await packageHostExtension(tmp));
  } else if (target === 'unpacked') {
    devDirs.push(root);
  } else {
    stagedHost = stageHostExtension(); // a development extension is needed for extensionTestsPath
    devDirs.push(stagedHost);
  }

  let emulator: Emulator | undefined;
  let server: CodeServer | undefined;
  let wb: Workbench | undefined;
  let printed = 0;
  const printProgress = () => {
    try {
      const text = fs.readFileSync(progressFile, 'utf8');
      const lines = text.slice(printed).split('\n');
      const complete = lines.slice(0, -1);
      for (const line of complete) log(line);
      printed += complete.reduce((n, l) => n + l.length + 1, 0);
    } catch { /* nothing yet */ }
  };
  try {
    let awsEnv: Record<string, string | undefined> = {};
    let settings: Record<string, unknown> = {};
    if (opts.emulator ?? true) {
      const seeded = await startSeededEmulator(tmp, log);
      emulator = seeded.emulator;
      awsEnv = seeded.env;
      settings = seeded.userSettings;
    }
    server = await startCodeServer({
      vsixPaths,
      extraExtensionDirs: devDirs,
      extensionTestsPath: route === 'extensionTests' ? testsIndex : undefined,
      userSettings: { ...settings, ...(opts.userSettings ?? {}) },
      workspaceFolder: opts.workspaceFolder,
      env: {
        ...awsEnv,
        ...(opts.env ?? {}),
        APIGW_HOST_RESULTS: resultsFile,
        APIGW_HOST_GREP: opts.grep,
        APIGW_HOST_TEST_TIMEOUT: opts.testTimeoutMs ? String(opts.testTimeoutMs) : undefined,
        APIGW_HOST_RUN_ON_ACTIVATE: route === 'activation' ? '1' : undefined,
      },
      log,
    });
    log(`host suite: route ${route}, extension ${target === 'vsix' ? 'from the VSIX' : 'unpacked from the repo'}; opening ${server.url}`);
    // VS Code calls window.codeAutomationExit(code) when the extension host exits (after
    // extensionTestsPath's run(), or when it crashes): no need to wait out the timeout then.
    let hostExit: { code: number; at: number } | undefined;
    wb = await openWorkbench(server.url, {
      prefix: 'integration',
      log,
      beforeNavigate: (page) => page.exposeFunction('codeAutomationExit', (code: number) => {
        hostExit = { code, at: Date.now() };
      }),
    });
    const deadline = started + (opts.timeoutMs ?? 10 * 60_000);
    while (!fs.existsSync(resultsFile)) {
      printProgress();
      if (hostExit && Date.now() - hostExit.at > 3000) {
        throw new Error(`The extension host exited (code ${hostExit.code}) without writing integration results.\n${server.logTail(30)}`);
      }
      if (Date.now() > deadline) {
        const shot = await wb.screenshot('integration-timeout').catch(() => '(no screenshot)');
        throw new Error(`The integration suite wrote no results within ${Math.round((deadline - started) / 1000)} s ` +
          `(screenshot ${shot}).\n${server.logTail(30)}`);
      }
      await sleep(250);
    }
    printProgress();
    const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SuiteResults;
    log(`host suite: ${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped ` +
      `(in the host ${(results.durationMs / 1000).toFixed(1)} s, all told ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return results;
  } finally {
    await wb?.close();
    await server?.stop();
    await emulator?.stop();
    if (stagedHost) fs.rmSync(stagedHost, { recursive: true, force: true });
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  // node out/test/harness/hostSuite.js [--vsix] [--activation] [--grep text]
  const argv = process.argv.slice(2);
  const grepAt = argv.indexOf('--grep');
  runIntegrationSuite({
    target: argv.includes('--vsix') ? 'vsix' : 'unpacked',
    route: argv.includes('--activation') ? 'activation' : 'extensionTests',
    grep: grepAt >= 0 ? argv[grepAt + 1] : undefined,
  }).then(
    (r) => {
      for (const f of r.failures) console.error(`✗ ${f.fullTitle}\n  ${f.message}`);
      if (r.error) console.error(r.error);
      process.exitCode = r.failed || !r.passed ? 1 : 0;
    },
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exitCode = 1;
    },
  );
}
