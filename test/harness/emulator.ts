// Local API Gateway endpoint for tests: moto's server, installed on demand in a
// git-ignored venv (<repo>/.cache/moto-venv) because nothing is kept between machines.
import { type ChildProcess, execFile, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { withInstallLock } from './installLock';
import { repoRoot } from './paths';
import { freePort } from './net';
import { setTimeout as sleep } from 'timers/promises';

export const MOTO_VERSION = '5.2.5';

export interface Emulator {
  readonly endpoint: string;
  readonly port: number;
  /** Clears all of moto's state (POST /moto-api/reset). */
  reset(): Promise<void>;
  /** Kills moto and waits for it to exit. All state is lost. */
  stop(): Promise<void>;
  /** Starts moto again on the same port after stop(); a no-op while running. */
  start(): Promise<void>;
}

type Log = (line: string) => void;

const isWin = process.platform === 'win32';
const venvBin = (venv: string, name: string) =>
  path.join(venv, isWin ? 'Scripts' : 'bin', isWin ? `${name}.exe` : name);

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { maxBuffer: 64 * 1024 * 1024 }, (err, _stdout, stderr) =>
      err ? reject(new Error(`${cmd} ${args.join(' ')} failed: ${err.message}\n${stderr}`)) : resolve());
  });
}


/** Installs moto[server]==MOTO_VERSION into <repo>/.cache/moto-venv unless the marker says it is there. */
export async function ensureMoto(log: Log = () => {}): Promise<string> {
  const venv = path.join(repoRoot(), '.cache', 'moto-venv');
  const marker = path.join(venv, '.moto-version');
  const bin = venvBin(venv, 'moto_server');
  const installed = () => fs.existsSync(bin) && fs.existsSync(marker) &&
    fs.readFileSync(marker, 'utf8').trim() === MOTO_VERSION;
  if (installed()) return bin;

  fs.mkdirSync(path.dirname(venv), { recursive: true });
  const install = async () => {
    const started = Date.now();
    log(`moto: creating ${venv} and installing moto[server]==${MOTO_VERSION} (first run only, about a minute)`);
    fs.rmSync(venv, { recursive: true, force: true }); // a half-made or older venv
    await run(isWin ? 'python' : 'python3', ['-m', 'venv', venv]);
    await run(venvBin(venv, 'python'), ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', `moto[server]==${MOTO_VERSION}`]);
    fs.writeFileSync(marker, MOTO_VERSION + '\n');
    log(`moto: installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return bin;
  };
  return withInstallLock(`${venv}.lock`, 15 * 60_000, () => log('moto: another process is installing; waiting'), install, () =>
    installed() ? bin : undefined,
  );
}

// moto is started through the venv's python rather than the moto_server script so that
// a watchdog thread can exit when our stdin pipe closes: then moto dies with this
// process even if it is killed with SIGKILL and no 'exit' handler runs.
const LAUNCHER = [
  'import os, sys, threading',
  'threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()',
  'from moto.server import main',
  'main(sys.argv[1:])',
].join('\n');

// moto picks the service from the credential scope of the Authorization header.
const WARMUP_AUTH = 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/apigateway/aws4_request, SignedHeaders=host, Signature=0';

export async function startEmulator(opts: { port?: number; log?: Log } = {}): Promise<Emulator> {
  const log = opts.log ?? (() => {});
  const bin = await ensureMoto(log);
  const python = path.join(path.dirname(bin), isWin ? 'python.exe' : 'python');
  const port = opts.port ?? await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const killOnExit = () => child?.kill('SIGKILL');

  async function start(): Promise<void> {
    if (child) return;
    let output = '';
    const proc = spawn(python, ['-c', LAUNCHER, '-H', '127.0.0.1', '-p', String(port)],
      { stdio: ['pipe', 'pipe', 'pipe'] });
    child = proc;
    process.on('exit', killOnExit);
    const keep = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-8000); };
    proc.stdout!.on('data', keep);
    proc.stderr!.on('data', keep);
    let exitInfo: string | undefined;
    exited = new Promise((resolve) => proc.once('exit', (code, signal) => {
      exitInfo = `exited with ${signal ?? code}`;
      if (child === proc) child = undefined;
      process.removeListener('exit', killOnExit);
      resolve();
    }));
    proc.once('error', (e) => {
      exitInfo = `failed to spawn: ${e.message}`;
      if (child === proc) child = undefined;
      process.removeListener('exit', killOnExit);
    });

    const deadline = Date.now() + 30_000;
    for (;;) {
      if (exitInfo) throw new Error(`moto_server ${exitInfo} before answering on ${endpoint}:\n${output}`);
      try {
        await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1000) });
        break;
      } catch { /* not up yet */ }
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`moto_server did not answer on ${endpoint} within 30 s:\n${output}`);
      }
      await sleep(100);
    }
    // moto loads its API Gateway backend on first use (~1 s): do it now, not in a test's time.
    await fetch(`${endpoint}/restapis`, { headers: { authorization: WARMUP_AUTH } });
    log(`moto: listening on ${endpoint}`);
  }

  async function stop(): Promise<void> {
    const proc = child;
    if (!proc) return exited;
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  async function reset(): Promise<void> {
    const res = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
    if (!res.ok) throw new Error(`moto reset failed: HTTP ${res.status} ${await res.text()}`);
  }

  await start();
  return { endpoint, port, reset, stop, start };
}
