// LocalStack as the tests' API Gateway, without Docker: localstack-core from PyPI in a venv
// (<repo>/.cache/localstack-venv), run in-process with only API Gateway and STS. It needs
// Python 3.12 or newer, which these machines have through pyenv but not as `python3`.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Emulator, EmulatorOptions } from './emulator';
import { resetEmulatorAt, warmUp } from './emulatorKind';
import { withInstallLock } from './installLock';
import { freePort } from './net';
import { repoRoot } from './paths';
import { type Log, pythonServer, run, venvBin } from './pythonServer';

/** The recipe that worked (shared/API_GATEWAY.md); cbor2 and pyopenssl pinned with it. */
export const LOCALSTACK_PACKAGES = ['localstack-core[runtime]==2026.3.0', 'cbor2==5.8.0', 'pyopenssl==25.3.0'];
const MIN_PYTHON: [number, number] = [3, 12];

/** Versions such as 3.13.0 under pyenv's versions folder, newest first. */
async function pyenvPythons(): Promise<string[]> {
  let root = process.env.PYENV_ROOT;
  if (!root) root = (await run('pyenv', ['root']).catch(() => '')).trim() || path.join(os.homedir(), '.pyenv');
  const versions = path.join(root, 'versions');
  if (!fs.existsSync(versions)) return [];
  const parse = (v: string) => v.split('.').map(Number);
  return fs.readdirSync(versions)
    .filter((v) => /^3\.\d+\.\d+$/.test(v))
    .sort((a, b) => {
      const [x, y] = [parse(a), parse(b)];
      return y[0] - x[0] || y[1] - x[1] || y[2] - x[2];
    })
    .map((v) => venvBin(path.join(versions, v), 'python3'));
}

/**
 * A Python ≥ 3.12 with venv: APIGW_LOCALSTACK_PYTHON, else pyenv's newest, else python3.13,
 * python3.12 or python3 on PATH. Throws naming every candidate and why it was not taken.
 */
export async function findLocalStackPython(): Promise<string> {
  const candidates = [
    ...(process.env.APIGW_LOCALSTACK_PYTHON ? [process.env.APIGW_LOCALSTACK_PYTHON] : []),
    ...(await pyenvPythons()),
    'python3.13', 'python3.12', 'python3',
  ];
  const tried: string[] = [];
  for (const python of candidates) {
    try {
      const version = (await run(python, ['-c', 'import sys, venv, ensurepip; print("%d.%d" % sys.version_info[:2])'])).trim();
      const [major, minor] = version.split('.').map(Number);
      if (major > MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor >= MIN_PYTHON[1])) return python;
      tried.push(`${python} (${version})`);
    } catch (e) {
      tried.push(`${python} (${/ENOENT/.test(String(e)) ? 'not found' : 'no venv/ensurepip or not runnable'})`);
    }
  }
  throw new Error(
    `LocalStack needs Python ${MIN_PYTHON.join('.')} or newer with venv, and none was found. Tried: ${tried.join(', ')}. ` +
    'Install one (e.g. `pyenv install 3.13`, or python3.13 and python3.13-venv from your OS) or set APIGW_LOCALSTACK_PYTHON to its path.',
  );
}

/** Installs LOCALSTACK_PACKAGES into <repo>/.cache/localstack-venv unless the marker says so; returns the venv's python. */
export async function ensureLocalStack(log: Log = () => {}): Promise<string> {
  const venv = path.join(repoRoot(), '.cache', 'localstack-venv');
  const marker = path.join(venv, '.localstack-packages');
  const python = venvBin(venv, 'python');
  const want = LOCALSTACK_PACKAGES.join(' ');
  const installed = () => fs.existsSync(python) && fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').trim() === want;
  if (installed()) return python;

  fs.mkdirSync(path.dirname(venv), { recursive: true });
  const install = async () => {
    const started = Date.now();
    const base = await findLocalStackPython();
    log(`LocalStack: creating ${venv} with ${base} and installing ${want} (first run only, about a minute)`);
    fs.rmSync(venv, { recursive: true, force: true }); // a half-made or older venv
    await run(base, ['-m', 'venv', venv]);
    await run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', ...LOCALSTACK_PACKAGES]);
    fs.writeFileSync(marker, want + '\n');
    log(`LocalStack: installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return python;
  };
  return withInstallLock(`${venv}.lock`, 15 * 60_000, () => log('LocalStack: another process is installing; waiting'), install, () =>
    installed() ? python : undefined,
  );
}

// LocalStack's community edition has no state reset route (Pro has /_localstack/state/reset, and
// /moto-api/reset answers 200 and clears nothing). This adds one before LocalStack starts: it visits
// the state containers of every running service (moto's backends, LocalStack's own stores) and
// clears them, as a restart would, in milliseconds instead of two seconds.
const LAUNCHER = String.raw`
import shutil
def on_parent_gone():
    shutil.rmtree(os.environ["FILESYSTEM_ROOT"], ignore_errors=True)

def reset_state(request, **kwargs):
    from localstack.services.plugins import SERVICE_PLUGINS, ServiceState
    from localstack.state.core import StateVisitor
    class Reset(StateVisitor):
        def visit(self, container):
            container.reset()
    running = [name for name, state in SERVICE_PLUGINS.get_states().items() if state == ServiceState.RUNNING]
    for name in running:
        service = SERVICE_PLUGINS.get_service(name)
        service.lifecycle_hook.on_before_state_reset()
        service.accept_state_visitor(Reset())
        service.lifecycle_hook.on_after_state_reset()
    return {"reset": running}

from localstack.services.edge import ROUTER
ROUTER.add("/_test/state/reset", endpoint=reset_state, methods=["POST"])
from localstack.runtime.main import main
main()
`;

export async function startLocalStack(opts: EmulatorOptions = {}): Promise<Emulator> {
  const log = opts.log ?? (() => {});
  const python = await ensureLocalStack(log);
  const port = opts.port ?? await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  // LocalStack's files (cache, logs, certificate): a scratch folder per run, never /var/lib/localstack.
  let root = '';
  const server = pythonServer({
    name: 'LocalStack',
    python,
    code: LAUNCHER,
    env: () => ({
      ...process.env,
      OVERRIDE_IN_DOCKER: '0', // else it writes under /var/lib/localstack
      GATEWAY_SERVER: 'hypercorn',
      GATEWAY_LISTEN: `127.0.0.1:${port}`,
      FILESYSTEM_ROOT: root,
      // STS for assume-role profiles; Route 53 because CreateDomainName lists its hosted zones.
      SERVICES: 'apigateway,sts,route53,iam,logs',
      LOCALSTACK_TELEMETRY: '0',
      DISABLE_EVENTS: '1',
      DNS_ADDRESS: '0',
      SKIP_SSL_CERT_DOWNLOAD: '1', // no internet here: don't try api.localstack.cloud
    }),
    endpoint,
    startTimeoutMs: 60_000,
    beforeSpawn: () => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-localstack-'));
    },
    afterExit: () => {
      if (root) fs.rmSync(root, { recursive: true, force: true });
    },
    probe: async () => {
      const res = await fetch(`${endpoint}/_localstack/health`, { signal: AbortSignal.timeout(1000) });
      const { services = {} } = (await res.json()) as { services?: Record<string, string> };
      if (!['available', 'running'].includes(services.apigateway ?? '')) throw new Error(JSON.stringify(services));
    },
  });
  const start = async () => {
    if (!(await server.start())) return;
    await warmUp(endpoint); // loads API Gateway; STS loads on first use (only the assume-role test needs it)
    log(`LocalStack: listening on ${endpoint}`);
  };
  await start();
  return { kind: 'localstack', endpoint, port, reset: () => resetEmulatorAt(endpoint, 'localstack'), stop: server.stop, start };
}
