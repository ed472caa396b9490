// LocalStack as the tests' API Gateway, without Docker: localstack-core from PyPI in a venv
// (<repo>/.cache/localstack-venv), run in-process with only API Gateway and STS. It needs
// Python 3.13, which these machines have through pyenv but not as `python3`.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type Emulator, type EmulatorOptions, resetEmulatorAt, warmUp } from './emulatorKind';
import type { Log } from './log';
import { freePort } from './net';
import { ensureVenv, type PythonNeed } from './pythonEnv';
import { pythonServer } from './pythonServer';

/** The recipe that worked (shared/API_GATEWAY.md); cbor2 and pyopenssl pinned with it. */
export const LOCALSTACK_PACKAGES = ['localstack-core[runtime]==2026.3.0', 'cbor2==5.8.0', 'pyopenssl==25.3.0'];

/**
 * LocalStack 2026.3.0 imports warnings.deprecated (new in 3.13): on 3.12 it starts and then fails
 * with "No component plugins found". APIGW_LOCALSTACK_PYTHON names one; else pyenv's is found.
 */
export const LOCALSTACK_PYTHON: PythonNeed = {
  min: [3, 13], envVar: 'APIGW_LOCALSTACK_PYTHON', why: 'LocalStack 2026.3.0 (it imports warnings.deprecated, new in Python 3.13)',
};

/** Installs LOCALSTACK_PACKAGES into <repo>/.cache/localstack-venv unless the marker says so; returns the venv's python. */
export function ensureLocalStack(log: Log = () => {}): Promise<string> {
  return ensureVenv({
    name: 'LocalStack', dir: 'localstack-venv', packages: LOCALSTACK_PACKAGES,
    marker: '.localstack-packages', stamp: LOCALSTACK_PACKAGES.join(' '), bin: 'python', python: LOCALSTACK_PYTHON,
  }, log);
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
