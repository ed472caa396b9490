// The same in-host suite in a downloaded desktop VS Code, through @vscode/test-electron.
// This machine cannot download VS Code (see ENVIRONMENT.md): use test/harness/hostSuite.ts
// (code-server) here. Elsewhere: `node out/test/host/electron.js [--version 1.101.0] [--grep x]`
// (needs `npm run build` first: the extension runs unpacked from dist/). Like hostSuite, it
// starts the seeded emulator and the throw-away profile `local` for the tests.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import { startSeededEmulator } from '../harness/hostSuite';
import { repoRoot } from '../harness/paths';
import { GREP_ENV, RESULTS_ENV, type SuiteResults } from './suite';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export async function runInElectron(opts: { version?: string; grep?: string; emulator?: boolean } = {}): Promise<SuiteResults> {
  const root = repoRoot();
  if (!fs.existsSync(path.join(root, 'dist', 'extension.js'))) throw new Error('No dist/extension.js: run `npm run build` first');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-electron-'));
  const resultsFile = path.join(tmp, 'results.json');
  const workspace = path.join(tmp, 'workspace');
  const userData = path.join(tmp, 'user-data');
  fs.mkdirSync(workspace);
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  const seeded = opts.emulator ?? true ? await startSeededEmulator(tmp, (l) => console.log(l)) : undefined;
  try {
    fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(seeded?.userSettings ?? {}, null, 2));
    const env: Record<string, string | undefined> = { ...(seeded?.env ?? {}), [RESULTS_ENV]: resultsFile, [GREP_ENV]: opts.grep };
    try {
      await runTests({
        version: opts.version, // undefined: the newest stable
        extensionDevelopmentPath: root,
        extensionTestsPath: path.join(root, 'out', 'test', 'host', 'index.js'),
        launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
          '--user-data-dir', userData],
        extensionTestsEnv: env,
      });
    } catch (e) {
      // runTests rejects when the host exits non-zero (failed tests): the results file says why.
      if (!fs.existsSync(resultsFile)) throw e;
    }
    if (!fs.existsSync(resultsFile)) throw new Error('VS Code exited without writing the integration results');
    return JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SuiteResults;
  } finally {
    await seeded?.emulator.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runInElectron({ version: arg('version'), grep: arg('grep') }).then(
    (r) => {
      for (const f of r.failures) console.error(`✗ ${f.fullTitle}\n  ${f.message}`);
      console.log(`${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
      process.exitCode = r.failed ? 1 : 0;
    },
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exitCode = 1;
    },
  );
}
