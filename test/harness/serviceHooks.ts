// Mocha hooks for a service test file: one emulator for the file, freshly reset and seeded before
// each test, with a session as the extension makes it (profile `local`) and a direct SDK client.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import type { ApiGateway } from '../../src/aws/apiGateway';
import type { AwsSession } from '../../src/aws/session';
import { type ApiProxy, startApiProxy } from './apiProxy';
import { type Emulator, type EmulatorOptions, startEmulator } from './emulator';
import { sampleClient, seed, type SeedResult } from './seed';
import { localProfileDir, readySession } from './testSession';

export interface SeededWorld {
  emulator: Emulator;
  seeded: SeedResult;
  session: AwsSession;
  gateway: ApiGateway;
  /** Setup requests not under test, straight to the emulator. */
  direct: APIGatewayClient;
  /** The operations the session sent since the test began, in order. */
  sent: string[];
}

/** `options`: e.g. IAM's managed policies on moto (the logging check's tests; each reset then takes a second). */
export function useSeededEmulator(prefix: string, options: EmulatorOptions = {}): SeededWorld {
  const w = {} as SeededWorld;
  let dir = '';
  before(async function () {
    this.timeout(600_000); // the first run on a machine installs the emulator into .cache/
    w.emulator = await startEmulator(options);
    dir = localProfileDir(prefix, w.emulator.endpoint);
  });
  after(async () => {
    await w.emulator?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await w.emulator.reset();
    w.seeded = await seed(w.emulator.endpoint);
    w.sent = [];
    w.session = await readySession(dir, 'local', { onRequest: (operation) => w.sent.push(operation) });
    w.gateway = w.session.api();
    w.direct = sampleClient(w.emulator.endpoint);
  });
  afterEach(() => {
    w.session?.dispose();
    w.direct?.destroy();
  });
  return w;
}

export interface ProxiedWorld {
  emulator: Emulator;
  seeded: SeedResult;
  proxy: ApiProxy;
  /** AWS files with profile `local` (the emulator) and `proxied` (the test proxy in front of it). */
  dir: string;
}

/** Hooks for a file that needs the proxy: one emulator seeded once, the proxy, and both profiles. */
export function useProxiedEmulator(prefix: string): ProxiedWorld {
  const w = {} as ProxiedWorld;
  before(async function () {
    this.timeout(600_000); // the first run on a machine installs the emulator into .cache/
    w.emulator = await startEmulator();
    w.seeded = await seed(w.emulator.endpoint);
    w.proxy = await startApiProxy(w.emulator.endpoint);
    w.dir = fs.mkdtempSync(path.join(os.tmpdir(), `apigw-${prefix}-`));
    fs.writeFileSync(path.join(w.dir, 'config'), `[profile local]\nregion = us-east-1\nendpoint_url = ${w.emulator.endpoint}\n[profile proxied]\nregion = us-east-1\nendpoint_url = ${w.proxy.endpoint}\n`);
    fs.writeFileSync(path.join(w.dir, 'credentials'), '[local]\naws_access_key_id = test\naws_secret_access_key = test\n[proxied]\naws_access_key_id = test\naws_secret_access_key = test\n');
  });
  after(async () => {
    await w.proxy?.close();
    await w.emulator?.stop();
    if (w.dir) fs.rmSync(w.dir, { recursive: true, force: true });
  });
  return w;
}
