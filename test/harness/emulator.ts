// Local API Gateway endpoint for tests: moto's server (the default) or LocalStack, each installed
// on demand in a git-ignored venv under <repo>/.cache because nothing is kept between machines.
import * as fs from 'fs';
import * as path from 'path';
import { type EmulatorKind, emulatorKind, resetEmulatorAt, warmUp } from './emulatorKind';
import { withInstallLock } from './installLock';
import { startLocalStack } from './localstack';
import { freePort } from './net';
import { repoRoot } from './paths';
import { type Log, pythonServer, run, venvBin } from './pythonServer';

export { type EmulatorKind, emulatorKind } from './emulatorKind';

export const MOTO_VERSION = '5.2.5';

export interface Emulator {
  readonly kind: EmulatorKind;
  readonly endpoint: string;
  readonly port: number;
  /** Clears all state: every API, stage, deployment, tag, the account settings. */
  reset(): Promise<void>;
  /** Kills the emulator and waits for it to exit. All state is lost. */
  stop(): Promise<void>;
  /** Starts it again on the same port after stop(); a no-op while running. */
  start(): Promise<void>;
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
    await run(process.platform === 'win32' ? 'python' : 'python3', ['-m', 'venv', venv]);
    await run(venvBin(venv, 'python'), ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', `moto[server]==${MOTO_VERSION}`]);
    fs.writeFileSync(marker, MOTO_VERSION + '\n');
    log(`moto: installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return bin;
  };
  return withInstallLock(`${venv}.lock`, 15 * 60_000, () => log('moto: another process is installing; waiting'), install, () =>
    installed() ? bin : undefined,
  );
}

export interface EmulatorOptions {
  readonly port?: number;
  readonly log?: Log;
  /** Default: APIGW_EMULATOR, else moto. */
  readonly kind?: EmulatorKind;
  /** moto: load IAM's AWS-managed policies (LocalStack always has them). */
  readonly iamManagedPolicies?: boolean;
}

/** Starts the chosen emulator on a free port (or `port`) and waits until it answers. */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const kind = opts.kind ?? emulatorKind();
  return kind === 'localstack' ? startLocalStack(opts) : startMoto(opts);
}

async function startMoto(opts: EmulatorOptions): Promise<Emulator> {
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
