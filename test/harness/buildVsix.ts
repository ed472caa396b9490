// The extension as a user installs it: `npm run build:prod && npm run package` (npm start, editor tests, bench).
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Log } from './log';
import { repoRoot } from './paths';

function npmRun(script: string, cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script], { cwd, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`npm run ${script} exited with ${signal ?? code}`))));
  });
}

/** `npm run build:prod && npm run package`: returns out/apigateway-stages.vsix. */
export async function buildVsix(logLine: Log): Promise<string> {
  const root = repoRoot();
  const started = Date.now();
  const scripts = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts ?? {};
  // `vsce package` runs vscode:prepublish first: when that is build:prod, don't build twice.
  const prepublishBuilds = /build:prod/.test(scripts['vscode:prepublish'] ?? '');
  logLine(`building the extension (npm run build:prod) and packaging it (npm run package)`);
  if (!prepublishBuilds) await npmRun('build:prod', root);
  await npmRun('package', root);
  const vsix = path.join(root, 'out', 'apigateway-stages.vsix');
  if (!fs.existsSync(vsix)) throw new Error(`npm run package made no ${vsix}`);
  logLine(`packaged ${path.relative(root, vsix)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return vsix;
}
