// The test-only companion extension (test/host): the host suite's runner and npm start's view opener.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from './paths';

/**
 * Copies test/host/package.json into a temp folder (under `parent`) next to an extension.js that loads
 * out/test/host/extension.js: a loadable extension folder for the test host.
 */
export function stageHostExtension(parent = os.tmpdir()): string {
  const root = repoRoot();
  const compiled = path.join(root, 'out', 'test', 'host', 'extension.js');
  if (!fs.existsSync(compiled)) throw new Error(`No ${compiled}: compile first (npx tsc -p test)`);
  const dir = fs.mkdtempSync(path.join(parent, 'apigw-test-host-'));
  fs.copyFileSync(path.join(root, 'test', 'host', 'package.json'), path.join(dir, 'package.json'));
  fs.writeFileSync(path.join(dir, 'extension.js'), `module.exports = require(${JSON.stringify(compiled)});\n`);
  fs.writeFileSync(path.join(dir, 'README.md'), 'Test-only companion of apigateway-stages. Never published.\n');
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'MIT\n');
  return dir;
}

/** Packages the test host extension into a VSIX (vsce, no dependencies); returns its path. */
export async function packageHostExtension(outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-test-host-vsix-'))): Promise<string> {
  const dir = stageHostExtension();
  const vsix = path.join(outDir, 'apigateway-stages-test-host.vsix');
  const vsce = path.join(repoRoot(), 'node_modules', '@vscode', 'vsce', 'vsce');
  await new Promise<void>((resolve, reject) =>
    execFile(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', vsix],
      { cwd: dir, timeout: 120_000 }, (err, stdout, stderr) =>
        err ? reject(new Error(`vsce package (test host) failed: ${err.message}\n${stdout}\n${stderr}`)) : resolve()));
  fs.rmSync(dir, { recursive: true, force: true });
  return vsix;
}
