// moto's server as the tests' API Gateway (the default emulator), from PyPI in <repo>/.cache/moto-venv.
import * as path from 'path';
import { type Emulator, type EmulatorOptions, resetEmulatorAt, warmUp } from './emulatorKind';
import { freePort } from './net';
import { type PythonNeed, ensureVenv } from './pythonEnv';
import { pythonServer } from './pythonServer';
import type { Log } from './log';

export const MOTO_VERSION = '5.2.5';
/** moto 5.2 runs on any Python from 3.9: python3 of the machine (3.11 on Debian 12) does. */
export const MOTO_PYTHON: PythonNeed = { min: [3, 9], why: `moto ${MOTO_VERSION}` };

/** Installs moto[server]==MOTO_VERSION into <repo>/.cache/moto-venv unless the marker says it is there. */
export function ensureMoto(log: Log = () => {}): Promise<string> {
  return ensureVenv({
    name: 'moto', dir: 'moto-venv', packages: [`moto[server]==${MOTO_VERSION}`],
    marker: '.moto-version', stamp: MOTO_VERSION, bin: 'moto_server', python: MOTO_PYTHON,
  }, log);
}

export async function startMoto(opts: EmulatorOptions): Promise<Emulator> {
  const log = opts.log ?? (() => {});
  const bin = await ensureMoto(log);
  const port = opts.port ?? await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const server = pythonServer({
    name: 'moto_server',
    python: path.join(path.dirname(bin), process.platform === 'win32' ? 'python.exe' : 'python'),
    code: 'from moto.server import main\nmain(sys.argv[1:])',
    args: ['-H', '127.0.0.1', '-p', String(port)],
    // IAM's AWS-managed policies (AmazonAPIGatewayPushToCloudWatchLogs) exist only with this; it makes
    // each reset take about a second instead of milliseconds, so only those who need them ask.
    env: () => ({ ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: opts.iamManagedPolicies ? 'true' : 'false' }),
    endpoint,
    startTimeoutMs: 30_000,
    probe: async () => {
      await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1000) });
    },
  });
  const start = async () => {
    if (!(await server.start())) return;
    await warmUp(endpoint);
    log(`moto: listening on ${endpoint}`);
  };
  await start();
  return { kind: 'moto', endpoint, port, reset: () => resetEmulatorAt(endpoint, 'moto'), stop: server.stop, start };
}
