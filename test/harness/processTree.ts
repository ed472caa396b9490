// code-server and everything it starts, taken down together: its process group, any process that
// still carries the instance's marker in its environment, and a watchdog for when we die first.
import { type ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import { setTimeout as sleep } from 'timers/promises';

export const MARKER_VAR = 'APIGW_CODE_SERVER_RUN';

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

/** Runs `kill` on exit, Ctrl-C, SIGTERM or SIGHUP of this process until `untrackLive(token)`. */
function trackLive(token: string, kill: () => void): void {
  installExitHooks();
  live.set(token, kill);
}

function untrackLive(token: string): void {
  live.delete(token);
}

export interface Tree {
  /** Set once the leader has exited (or failed to spawn), with why. */
  exitInfo(): string | undefined;
  /** SIGTERM, up to 5 s for the tree to go, then SIGKILL; says what is still alive. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Watches `child`, the leader of its own process group whose tree carries MARKER_VAR=token: a watchdog
 * and the exit hooks take the tree down however this process ends; stop() does it now.
 */
export function superviseTree(node: string, child: ChildProcess, token: string, dataDir: string, keepData: boolean, log: (line: string) => void): Tree {
  const pgid = child.pid!;
  let exitInfo: string | undefined;
  const exitPromise = new Promise<void>((resolve) => child.once('exit', (code, signal) => {
    exitInfo = `exited with ${signal ?? code}`;
    resolve();
  }));
  child.once('error', (e) => {
    exitInfo = `failed to start: ${e.message}`;
  });
  const watchdog = startWatchdog(node, pgid, token, dataDir, keepData);
  const killNow = () => {
    killTree(pgid, token, 'SIGKILL');
    watchdog.kill('SIGKILL');
  };
  trackLive(token, killNow);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      untrackLive(token);
      killTree(pgid, token, 'SIGTERM');
      const deadline = Date.now() + 5000;
      while (Date.now() < deadline && (!exitInfo || markedPids(token).length)) await sleep(100);
      killTree(pgid, token, 'SIGKILL');
      await Promise.race([exitPromise, sleep(2000)]);
      for (let i = 0; i < 20 && markedPids(token).length; i++) await sleep(100);
      const left = markedPids(token);
      if (left.length) log(`code-server: processes still alive after stop: ${left.join(', ')}`);
      watchdog.kill('SIGKILL');
      if (!keepData) fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
    })();
    return stopping;
  };
  return { exitInfo: () => exitInfo, stop };
}
