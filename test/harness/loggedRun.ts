// Long installs (npm, apt-get) with their output in a log file and a heartbeat on the console.
import { spawn } from 'child_process';
import * as fs from 'fs';
import type { Log } from './log';

/**
 * Under `npm test`, npm hands its own settings to children as npm_config_* (and its Node in
 * npm_config_user_agent, npm_node_execpath): a nested `npm install` would then run install
 * scripts that npm 11 otherwise skips, on the wrong Node. Installs here start clean of them.
 */
function withoutNpmRunVars(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !/^(npm_|INIT_CWD$|NODE$)/i.test(k)));
}

/** Runs a command, appending its output to `logFile`; says every 30 s that it is still going. */
export function runLogged(
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
