// The README's test command: runs each layer, reports its time and counts, and ends with one summary line.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ensureCodeServer } from './codeServer';
import { ensureMoto } from './emulator';
import { ensureLocalStack } from './localstack';
import { runIntegrationSuite } from './hostSuite';
import { repoRoot } from './paths';
import { ensureVsix } from '../editor/env';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

interface Layer {
  readonly name: string;
  /** Work done before the tests (build, installs); timed apart from them. */
  readonly prepare?: () => Promise<void>;
  readonly run: () => Promise<Counts>;
}

const root = repoRoot();

function mochaLayer(name: string, timeoutMs: number, dir = name, env: NodeJS.ProcessEnv = {}): Layer {
  return { name, run: () => runMocha(`out/test/${dir}/**/*.test.js`, timeoutMs, env) };
}

/** The editor layers test the packaged VSIX in code-server: build it and install the editor first. */
async function prepareEditor(): Promise<void> {
  await ensureCodeServer();
  await ensureVsix();
}

const LAYERS: Record<string, Layer> = {
  // ESLint over src/ and test/ (config in test/lint/): one test, passed when there is no problem.
  lint: { name: 'lint', run: runEslint },
  unit: mochaLayer('unit', 5_000),
  // The real SDK against moto, then the same files against LocalStack (installed on first use).
  service: {
    ...mochaLayer('service', 60_000, 'service', { APIGW_EMULATOR: 'moto' }),
    prepare: async () => { await ensureMoto(console.log); },
  },
  'service-localstack': {
    ...mochaLayer('service-localstack', 60_000, 'service', { APIGW_EMULATOR: 'localstack' }),
    prepare: async () => { await ensureLocalStack(console.log); },
  },
  // In the extension host of a real VS Code: the tree through the vscode API.
  host: {
    name: 'host',
    prepare: prepareEditor,
    run: async () => {
      const r = await runIntegrationSuite({ target: 'vsix', vsixPath: await ensureVsix() });
      for (const f of r.failures) console.error(`  ✗ ${f.fullTitle}\n    ${f.message}`);
      if (r.error) throw new Error(r.error);
      return { passed: r.passed, failed: r.failed, skipped: r.skipped };
    },
  },
  // Driving the editor's UI in Chromium.
  editor: { ...mochaLayer('editor', 120_000), prepare: prepareEditor },
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const names = wanted.length ? wanted : Object.keys(LAYERS);
  const unknown = names.filter((n) => !LAYERS[n]);
  if (unknown.length) throw new Error(`Unknown test layer(s): ${unknown.join(', ')}. Layers: ${Object.keys(LAYERS).join(', ')}`);

  const total: Counts = { passed: 0, failed: 0, skipped: 0 };
  const width = Math.max(8, ...names.map((n) => n.length));
  const rows: string[] = [];
  for (const name of names) {
    const layer = LAYERS[name];
    console.log(`\n=== ${name} tests ===`);
    const started = Date.now();
    let counts: Counts;
    let prepared = 0;
    try {
      if (layer.prepare) {
        await layer.prepare();
        prepared = Date.now() - started;
      }
      counts = await layer.run();
    } catch (e) {
      console.error(`The ${name} layer could not run: ${e instanceof Error ? e.stack : String(e)}`);
      counts = { passed: 0, failed: 1, skipped: 0 };
    }
    const seconds = (Date.now() - started) / 1000;
    rows.push(
      `${name.padEnd(width)} ${String(counts.passed).padStart(4)} passed ${String(counts.failed).padStart(3)} failed ${String(counts.skipped).padStart(3)} skipped  ${seconds.toFixed(1)} s${prepared ? ` (setup ${(prepared / 1000).toFixed(1)} s)` : ''}`,
    );
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
  }
  console.log(`\n=== summary ===\n${rows.join('\n')}`);
  console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exitCode = total.failed > 0 || total.passed === 0 ? 1 : 0;
}

/** Runs mocha in a child process, so each layer starts clean, and reads its counts back. */
function runMocha(spec: string, timeoutMs: number, env: NodeJS.ProcessEnv = {}): Promise<Counts> {
  const countsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-counts-')), 'counts.json');
  const args = [
    path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js'),
    '--reporter', path.join(root, 'out', 'test', 'harness', 'countingReporter.js'),
    '--timeout', String(timeoutMs),
    '--exit',
    spec,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env, TEST_COUNTS_FILE: countsFile } });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (!fs.existsSync(countsFile)) return reject(new Error(`mocha exited with ${code} before reporting (${spec})`));
      const counts = JSON.parse(fs.readFileSync(countsFile, 'utf8')) as Counts;
      resolve(counts);
    });
  });
}

/** Runs ESLint in a child process; it prints the problems. Exit 1 means problems, 2 a broken config or crash. */
function runEslint(): Promise<Counts> {
  const args = [
    path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'),
    '--config', path.join('test', 'lint', 'eslint.config.mjs'),
    '--max-warnings', '0',
    'src', 'test',
  ];
  return new Promise((resolve, reject) => {
    // From the root: with --config, ESLint resolves the config's patterns against the working directory.
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) {
        console.log('  ✔ no lint problems');
        return resolve({ passed: 1, failed: 0, skipped: 0 });
      }
      if (code === 1) {
        console.error('  ✗ lint problems (above)');
        return resolve({ passed: 0, failed: 1, skipped: 0 });
      }
      reject(new Error(`eslint exited with ${signal ?? code}`));
    });
  });
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
