// A real VS Code for tests and for `npm start`: code-server (installed by codeServerInstall.ts).
//
// startCodeServer() runs one instance with a fresh profile (codeServerProfile.ts) and returns its
// URL; stop() takes down its whole process tree (processTree.ts), so nothing is left behind.
import { type ChildProcess, execFile, spawn } from 'child_process';
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { builtinExtensionArgs, makeProfile, type Profile, profileLogTail } from './codeServerProfile';
import { type CodeServerInstall, ensureCodeServer } from './codeServerInstall';
import { type Log, secs } from './log';
import { freePort, portFree } from './net';
import { MARKER_VAR, superviseTree } from './processTree';
import { setTimeout as sleep } from 'timers/promises';

export type { Log } from './log';
export { ensureCodeServer } from './codeServerInstall';

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

/** code-server's environment: ours without a surrounding VS Code's, with `extra`, Node 24 first on PATH, and the marker. */
function serverEnv(install: CodeServerInstall, profile: Profile, extra: Record<string, string | undefined>, token: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Variables from a surrounding VS Code / Electron would confuse the server and its extension host.
  for (const k of Object.keys(env)) {
    if (/^(VSCODE_|ELECTRON_)/.test(k) || k === 'NODE_OPTIONS' || k === 'npm_config_nodedir') delete env[k];
  }
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  env.PATH = `${install.nodeBinDir}${path.delimiter}${env.PATH ?? ''}`;
  env.XDG_DATA_HOME = profile.xdgDataDir;
  env[MARKER_VAR] = token;
  return env;
}

async function installVsixs(install: CodeServerInstall, profile: Profile, env: NodeJS.ProcessEnv, vsixPaths: string[], log: Log): Promise<void> {
  for (const vsix of vsixPaths) {
    if (!fs.existsSync(vsix)) throw new Error(`No VSIX at ${vsix}`);
  }
  if (!vsixPaths.length) return;
  const t = Date.now();
  const args = [...profile.cliArgs, ...vsixPaths.flatMap((v) => ['--install-extension', path.resolve(v)])];
  const out = await runCli(install, args, env, 180_000);
  const installed = (out.match(/was successfully installed/g) ?? []).length;
  if (installed < vsixPaths.length) throw new Error(`code-server --install-extension did not install all of ${vsixPaths.join(', ')}:\n${out}`);
  log(`code-server: installed ${vsixPaths.map((v) => path.basename(v)).join(', ')} in ${secs(t)}`);
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
  const profile = makeProfile(opts);
  const { dataDir, userDataDir, extensionsDir, workspaceFolder, logFile } = profile;
  const token = randomUUID();
  const env = serverEnv(install, profile, opts.env ?? {}, token);
  await installVsixs(install, profile, env, opts.vsixPaths ?? [], log);

  const devDirs = opts.extraExtensionDirs ?? [];
  if (opts.extensionTestsPath && !devDirs.length) throw new Error('extensionTestsPath needs at least one extraExtensionDirs entry');
  const devMode = devDirs.length > 0 || !!opts.extensionTestsPath;
  const args = [
    install.entry, ...profile.cliArgs,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override', '--ignore-last-opened',
    ...builtinExtensionArgs(install.entry, profile, opts.builtinExtensionDirs),
    ...(opts.extraArgs ?? []),
    ...(devMode ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    workspaceFolder,
  ];
  const out = fs.openSync(logFile, 'a');
  const child: ChildProcess = spawn(install.node, args, { env, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const tree = superviseTree(install.node, child, token, dataDir, opts.keepData ?? false, log);
  const baseUrl = `http://127.0.0.1:${port}/`;
  const logTail = (lines?: number) => profileLogTail(profile, lines);

  const timeoutMs = opts.timeoutMs ?? 90_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const exitInfo = tree.exitInfo();
    if (exitInfo) {
      const tail = logTail();
      await tree.stop();
      throw new Error(`code-server ${exitInfo} before answering on ${baseUrl}\n${tail}`);
    }
    try {
      const res = await fetch(`${baseUrl}healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) {
      const tail = logTail();
      await tree.stop();
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
    baseUrl, port, pid: child.pid!, dataDir, userDataDir, extensionsDir, workspaceFolder, logFile,
    urlFor, logTail, stop: tree.stop,
    listExtensions: async () => (await runCli(install, [...profile.cliArgs, '--list-extensions'], env, 60_000)).split('\n').map((l) => l.trim()).filter((l) => /^[\w-]+\.[\w-]+$/.test(l)),
  };
}
