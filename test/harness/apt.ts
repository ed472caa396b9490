// Debian packages the harness needs (chromium for the browser, libkrb5-dev for code-server's build).
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type Log, secs } from './log';
import { runLogged } from './loggedRun';

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
