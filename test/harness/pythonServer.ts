// What moto and LocalStack share: a Python server process that dies with us.
import { type ChildProcess, spawn } from 'child_process';
import { setTimeout as sleep } from 'timers/promises';

// The server runs through the venv's python behind a watchdog thread that exits when our stdin
// pipe closes: then it dies with this process even on SIGKILL, when no 'exit' handler runs.
// Closing the pipe is also how stop() ends it, at once. The server's code may define
// `on_parent_gone()` (module level) to clean up first.
const WATCHDOG = [
  'import os, sys, threading',
  'def _watch():',
  '    sys.stdin.read()',
  '    globals().get("on_parent_gone", lambda: None)()',
  '    os._exit(0)',
  'threading.Thread(target=_watch, daemon=True).start()',
].join('\n');

export interface PythonServerOptions {
  /** For messages: "moto", "LocalStack". */
  readonly name: string;
  /** The venv's python. */
  readonly python: string;
  /** Python code run after the watchdog; `sys.argv[1:]` is `args`. */
  readonly code: string;
  readonly args?: string[];
  /** The environment, asked for at each spawn (after beforeSpawn). */
  readonly env?: () => NodeJS.ProcessEnv;
  readonly endpoint: string;
  /** Resolves once the server is ready; rejects while it is not. */
  readonly probe: () => Promise<void>;
  readonly startTimeoutMs: number;
  /** Before each spawn, e.g. a fresh scratch folder. */
  readonly beforeSpawn?: () => void;
  /** After the process is gone (also when this Node process exits): synchronous cleanup. */
  readonly afterExit?: () => void;
}

export interface PythonServer {
  /** Spawns the server and waits for `probe`; false (and nothing done) while it runs already. */
  start(): Promise<boolean>;
  /** Closes the watchdog pipe (SIGKILL after 5 s) and waits for the exit. */
  stop(): Promise<void>;
}

export function pythonServer(o: PythonServerOptions): PythonServer {
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const killOnExit = () => {
    child?.kill('SIGKILL');
    o.afterExit?.();
  };

  async function start(): Promise<boolean> {
    if (child) return false;
    o.beforeSpawn?.();
    let output = '';
    const proc = spawn(o.python, ['-c', `${WATCHDOG}\n${o.code}`, ...(o.args ?? [])],
      { stdio: ['pipe', 'pipe', 'pipe'], env: o.env?.() });
    child = proc;
    process.on('exit', killOnExit);
    const keep = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-8000); };
    proc.stdout!.on('data', keep);
    proc.stderr!.on('data', keep);
    let exitInfo: string | undefined;
    const gone = (info: string) => {
      exitInfo ??= info;
      if (child === proc) child = undefined;
      process.removeListener('exit', killOnExit);
    };
    exited = new Promise((resolve) => {
      proc.once('exit', (code, signal) => {
        gone(`exited with ${signal ?? code}`);
        o.afterExit?.();
        resolve();
      });
      proc.once('error', (e) => { // no 'exit' follows a failed spawn
        gone(`failed to spawn: ${e.message}`);
        resolve();
      });
    });

    const deadline = Date.now() + o.startTimeoutMs;
    for (;;) {
      if (exitInfo) throw new Error(`${o.name} ${exitInfo} before answering on ${o.endpoint}:\n${output}`);
      try {
        await o.probe();
        return true;
      } catch { /* not up yet */ }
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`${o.name} did not answer on ${o.endpoint} within ${o.startTimeoutMs / 1000} s:\n${output}`);
      }
      await sleep(100);
    }
  }

  async function stop(): Promise<void> {
    const proc = child;
    if (!proc) return exited;
    proc.stdin!.end();
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  return { start, stop };
}
