// The extension's own layer apart from the network and the emulator: "open the view" answered
// from memory by an in-process server (same JSON, same paging), ours and the bare SDK alternating,
// many runs. Against moto a request takes milliseconds and the two differ by less than its noise.
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { sampleClient } from '../harness/seed';
import { readySession } from '../harness/testSession';
import { stats, type Stats } from './measure';

export interface OverheadRow {
  readonly apis: number;
  readonly ours: Stats;
  readonly bare: Stats;
}

/** A GetRestApis answer of `count` APIs, paged by `limit`/`position` as the proxy pages. */
function cannedServer(count: number): http.Server {
  const items = Array.from({ length: count }, (_, i) => ({ id: `a${i}`, name: `bench-api-${i}`, createdDate: 1700000000, endpointConfiguration: { types: ['REGIONAL'] } }));
  return http.createServer((req, res) => {
    req.resume();
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    const limit = Number(q.get('limit') ?? 25);
    const start = Number(q.get('position') ?? 0);
    const page: { item: unknown[]; position?: string } = { item: items.slice(start, start + limit) };
    if (start + limit < items.length) page.position = String(start + limit);
    const body = JSON.stringify(page);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
}

export async function layerOverhead(counts: readonly number[], runs: number): Promise<OverheadRow[]> {
  const out: OverheadRow[] = [];
  for (const count of counts) {
    const server = cannedServer(count);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-overhead-'));
    fs.writeFileSync(path.join(dir, 'config'), `[profile local]\nregion = us-east-1\nendpoint_url = ${endpoint}\n`);
    fs.writeFileSync(path.join(dir, 'credentials'), '[local]\naws_access_key_id = test\naws_secret_access_key = test\n');
    const session = await readySession(dir, 'local');
    const bare = sampleClient(endpoint);
    try {
      const state = session.state;
      if (state.kind !== 'ready') throw new Error('session not ready');
      const variants: Record<'ours' | 'bare', () => Promise<unknown>> = {
        ours: () => session.apiFor(state.connection).listRestApis(),
        bare: async () => {
          let position: string | undefined;
          do position = (await bare.send(new GetRestApisCommand({ limit: 500, position }))).position;
          while (position);
        },
      };
      const times: Record<'ours' | 'bare', number[]> = { ours: [], bare: [] };
      for (let i = 0; i < runs + 20; i++) {
        for (const v of i % 2 ? (['bare', 'ours'] as const) : (['ours', 'bare'] as const)) {
          const t = performance.now();
          await variants[v]();
          if (i >= 20) times[v].push(performance.now() - t); // the first 20: warm-up
        }
      }
      out.push({ apis: count, ours: stats(times.ours), bare: stats(times.bare) });
    } finally {
      session.dispose();
      bare.destroy();
      server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}
