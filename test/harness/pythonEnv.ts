// The tools the harness takes from PyPI (moto, LocalStack, the AWS CLI for the bench): which Python
// builds their venv, and one installer for a venv in the git-ignored <repo>/.cache/<dir>.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { withInstallLock } from './installLock';
import { type Log, secs } from './log';
import { repoRoot } from './paths';

const isWin = process.platform === 'win32';
export const venvBin = (venv: string, name: string) =>
  path.join(venv, isWin ? 'Scripts' : 'bin', isWin ? `${name}.exe` : name);

export function run(cmd: string, args: string[], env?: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { maxBuffer: 64 * 1024 * 1024, env }, (err, stdout, stderr) =>
      err ? reject(new Error(`${cmd} ${args.join(' ')} failed: ${err.message}\n${stderr}`)) : resolve(stdout));
  });
}

export type PythonVersion = readonly [number, number];

export interface PythonNeed {
  /** The oldest major.minor that works. */
  readonly min: PythonVersion;
  /** A variable that names the Python to use, tried first. */
  readonly envVar?: string;
  /** For the message when none is found: who needs it and why. */
  readonly why: string;
}

export interface FoundPython {
  readonly path: string;
  /** As `sys.version` starts: 3.13.0. */
  readonly version: string;
}

const atLeast = (version: string, min: PythonVersion) => {
  const [major, minor] = version.split('.').map(Number);
  return major > min[0] || (major === min[0] && minor >= min[1]);
};

/**
 * pyenv's Pythons: those of at least `min` first, oldest minor first (the one a tool was checked on)
 * and newest patch first; then the older ones, tried only to say what was found.
 */
async function pyenvPythons(min: PythonVersion): Promise<string[]> {
  let root = process.env.PYENV_ROOT;
  if (!root) root = (await run('pyenv', ['root']).catch(() => '')).trim() || path.join(os.homedir(), '.pyenv');
  const versions = path.join(root, 'versions');
  if (!fs.existsSync(versions)) return [];
  const parse = (v: string) => v.split('.').map(Number);
  const all = fs.readdirSync(versions).filter((v) => /^3\.\d+\.\d+$/.test(v));
  const enough = all.filter((v) => atLeast(v, min)).sort((a, b) => {
    const [x, y] = [parse(a), parse(b)];
    return x[1] - y[1] || y[2] - x[2];
  });
  const older = all.filter((v) => !atLeast(v, min)).sort((a, b) => {
    const [x, y] = [parse(a), parse(b)];
    return y[1] - x[1] || y[2] - x[2];
  });
  return [...enough, ...older].map((v) => venvBin(path.join(versions, v), 'python3'));
}

/**
 * A Python of at least `need.min` with venv and ensurepip: `need.envVar`, else python3 on PATH,
 * else python3.<min>, else pyenv's (even when pyenv does not make it active). Throws naming every
 * candidate, why it was not taken, and how to get one.
 */
export async function findPython(need: PythonNeed): Promise<FoundPython> {
  const fromEnv = need.envVar ? process.env[need.envVar] : undefined;
  const candidates = [
    ...(fromEnv ? [fromEnv] : []),
    process.platform === 'win32' ? 'python' : 'python3',
    `python${need.min.join('.')}`,
    ...(await pyenvPythons(need.min)),
  ];
  const tried: string[] = [];
  for (const python of candidates) {
    try {
      const version = (await run(python, ['-c', 'import sys, venv, ensurepip; print("%d.%d.%d" % sys.version_info[:3])'])).trim();
      if (atLeast(version, need.min)) return { path: python, version };
      tried.push(`${python} (${version})`);
    } catch (e) {
      tried.push(`${python} (${/ENOENT/.test(String(e)) ? 'not found' : 'no venv/ensurepip, or not runnable'})`);
    }
  }
  const wanted = need.min.join('.');
  throw new Error(
    `${need.why}: no Python ${wanted} or newer with venv was found. Tried: ${tried.join(', ')}. ` +
    `Get one with \`pyenv install ${wanted}\` (found in $(pyenv root)/versions without being made active), ` +
    `or python${wanted} and python${wanted}-venv from your OS's packages` +
    (need.envVar ? `; or set ${need.envVar} to its path.` : '.'),
  );
}

/** The Python version a venv was made with (its pyvenv.cfg), if it says. */
export function venvPythonVersion(venv: string): string | undefined {
  try {
    return /^version(?:_info)?\s*=\s*(\d+\.\d+\.\d+)/m.exec(fs.readFileSync(path.join(venv, 'pyvenv.cfg'), 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

export interface VenvSpec {
  /** For messages: "moto", "LocalStack". */
  readonly name: string;
  /** The folder under <repo>/.cache. */
  readonly dir: string;
  readonly packages: readonly string[];
  /** The file in the venv that says what was installed, and what it must say. */
  readonly marker: string;
  readonly stamp: string;
  /** The venv's executable to return, e.g. moto_server. */
  readonly bin: string;
  readonly python: PythonNeed;
}

/**
 * Makes <repo>/.cache/<dir> with a Python found by findPython and pip-installs `packages`, unless the
 * marker holds `stamp` and the venv's Python is new enough; returns the path of `bin` in it.
 */
export async function ensureVenv(spec: VenvSpec, log: Log = () => {}): Promise<string> {
  const venv = path.join(repoRoot(), '.cache', spec.dir);
  const marker = path.join(venv, spec.marker);
  const bin = venvBin(venv, spec.bin);
  const installed = () => {
    if (!fs.existsSync(bin) || !fs.existsSync(marker) || fs.readFileSync(marker, 'utf8').trim() !== spec.stamp) return false;
    const version = venvPythonVersion(venv);
    return !version || atLeast(version, spec.python.min);
  };
  if (installed()) {
    log(`${spec.name}: ${venv} (Python ${venvPythonVersion(venv) ?? 'of unknown version'})`);
    return bin;
  }

  fs.mkdirSync(path.dirname(venv), { recursive: true });
  const install = async () => {
    const started = Date.now();
    const base = await findPython(spec.python);
    log(`${spec.name}: creating ${venv} with ${base.path} (Python ${base.version}) and installing ${spec.packages.join(' ')} (first run only, about a minute)`);
    fs.rmSync(venv, { recursive: true, force: true }); // a half-made or older venv
    await run(base.path, ['-m', 'venv', venv]);
    await run(venvBin(venv, 'python'), ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', ...spec.packages]);
    fs.writeFileSync(marker, spec.stamp + '\n');
    log(`${spec.name}: installed in ${secs(started)}`);
    return bin;
  };
  return withInstallLock(`${venv}.lock`, 15 * 60_000, () => log(`${spec.name}: another process is installing; waiting`), install, () =>
    installed() ? bin : undefined,
  );
}
