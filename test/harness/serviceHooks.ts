// Mocha hooks for a service test file: one emulator for the file, freshly reset and seeded before
// each test, with a session as the extension makes it (profile `local`) and a direct SDK client.
import * as fs from 'fs';
import type { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import type { ApiGateway } from '../../src/aws/apiGateway';
import type { AwsSession } from '../../src/aws/session';
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
