// What the bench and the request-budget test run against: moto behind the paging proxy, a session
// made from profile files as the extension makes it, and a bare SDK client, both through the proxy.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MAX_PAGE_SIZE } from '../../src/aws/apiGateway';
import { type ApiProxy, startApiProxy } from '../harness/apiProxy';
import { type Emulator, startEmulator } from '../harness/emulator';
import type { EmulatorKind } from '../harness/emulatorKind';
import { sampleClient } from '../harness/seed';
import { readySession } from '../harness/testSession';
import type { Bench } from './measure';

export interface BenchEnv extends Bench {
  readonly emulator: Emulator;
  dispose(): Promise<void>;
}

/** AWS's page size for a list request without `limit` (what the CLI sends). */
export const AWS_DEFAULT_LIMIT = 25;

/** The bench runs on moto; the request-budget test runs on the emulator of its layer (APIGW_EMULATOR). */
export async function startBenchEnv(opts: { reps: number; pageSize?: number; cli?: string; log?: (l: string) => void; kind?: EmulatorKind }): Promise<BenchEnv> {
  const emulator = await startEmulator({ kind: opts.kind ?? 'moto', log: opts.log });
  let proxy: ApiProxy | undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-bench-'));
  try {
    proxy = await startApiProxy(emulator.endpoint, 0, { defaultLimit: AWS_DEFAULT_LIMIT });
    fs.writeFileSync(path.join(dir, 'config'), `[profile local]\nregion = us-east-1\nendpoint_url = ${proxy.endpoint}\n`);
    fs.writeFileSync(path.join(dir, 'credentials'), '[local]\naws_access_key_id = test\naws_secret_access_key = test\n');
    const pageSize = opts.pageSize ?? MAX_PAGE_SIZE;
    const session = await readySession(dir, 'local', { pageSize });
    const state = session.state;
    if (state.kind !== 'ready') throw new Error('session not ready');
    const bare = sampleClient(proxy.endpoint);
    const direct = sampleClient(emulator.endpoint);
    const p = proxy;
    return {
      emulator, proxy: p, ours: { session, connection: state.connection }, bare, direct, cli: opts.cli, reps: opts.reps, pageSize,
      dispose: async () => {
        session.dispose();
        bare.destroy();
        direct.destroy();
        await p.close();
        await emulator.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await proxy?.close();
    await emulator.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
