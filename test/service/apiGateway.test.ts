// The API Gateway layer and the session, with the real SDK against the emulator (moto or LocalStack) over HTTP.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { errorMessage } from '../../src/errors';
import { runPlan } from '../../src/aws/planRunner';
import { flushPlan, setRolePlan } from '../../src/model/plans';
import { AwsSession } from '../../src/aws/session';
import { silentLogger } from '../../src/aws/logger';
import { type ApiProxy, startApiProxy } from '../harness/apiProxy';
import { type Emulator, emulatorKind, startEmulator } from '../harness/emulator';
import { SAMPLE, seed, type SeedResult } from '../harness/seed';
import { readySession } from '../harness/testSession';

const KIND = emulatorKind();

describe(`API Gateway layer against ${KIND}`, function () {
  this.timeout(120_000);
  let emulator: Emulator;
  let proxy: ApiProxy;
  let seeded: SeedResult;
  let dir: string;

  before(async () => {
    emulator = await startEmulator();
    seeded = await seed(emulator.endpoint, undefined, { deploymentsApart: true });
    proxy = await startApiProxy(emulator.endpoint);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-service-'));
    fs.writeFileSync(
      path.join(dir, 'config'),
      [
        `[profile local]\nregion = us-east-1\nendpoint_url = ${emulator.endpoint}`,
        `[profile paged]\nregion = us-east-1\nendpoint_url = ${proxy.endpoint}`,
        // A profile whose endpoint has nothing listening: connection refused.
        `[profile down]\nregion = us-east-1\nendpoint_url = http://127.0.0.1:9`,
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(dir, 'credentials'),
      // Distinct keys, so a test can look for them in the log.
      ['local', 'paged', 'down'].map((p) => `[${p}]\naws_access_key_id = AKID${p.toUpperCase()}LOGCHECK\naws_secret_access_key = secret-of-${p}-xyz\n`).join(''),
    );
  });
  after(async () => {
    await proxy?.close();
    await emulator?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A session as the extension makes it, but with its own environment. */
  async function session(profile: string, pageSize?: number, env: Record<string, string> = {}) {
    return readySession(dir, profile, { pageSize, env });
  }
  const petStore = () => seeded.apis.PetStore.id;

  it('lists the REST APIs, sorted by name', async () => {
    const apis = await (await session('local')).api().listRestApis();
    assert.deepEqual(apis.map((a) => a.name), ['Empty API', 'Orders API', 'PetStore']);
    assert.deepEqual(apis.map((a) => a.id), ['Empty API', 'Orders API', 'PetStore'].map((n) => seeded.apis[n].id));
  });

  it('uses the endpoint of the chosen profile, not of AWS_PROFILE', async () => {
    const s = await session('local', undefined, { AWS_PROFILE: 'down' });
    assert.equal((await s.api().listRestApis()).length, SAMPLE.apis.length);
  });

  it('lists stages with their deployments and escaped method-setting keys, in one request', async () => {
    const s = await session('local');
    const stages = await s.api().listStages(petStore());
    assert.deepEqual(stages.map((st) => st.stageName), ['dev', 'prod', 'test']);
    const prod = stages.find((st) => st.stageName === 'prod');
    assert.equal(prod?.deploymentId, seeded.apis.PetStore.deploymentIds[0]);
    assert.deepEqual(Object.keys(prod?.methodSettings ?? {}).sort(), ['*/*', '~1pets~1{petId}/GET']);
    assert.equal(prod?.methodSettings?.['~1pets~1{petId}/GET']?.cacheTtlInSeconds, 60);
    assert.equal(s.requestCounts.get('GetStages'), 1);
  });

  it('lists deployments with descriptions, newest first (the seed made them a second apart, in this order)', async () => {
    const deployments = await (await session('local')).api().listDeployments(petStore());
    assert.deepEqual(deployments.map((d) => d.id), [...seeded.apis.PetStore.deploymentIds].reverse());
    assert.deepEqual(deployments.map((d) => d.description), ['Proxy fallback', 'Add owners', 'Initial release']);
    // Across pages too.
    const paged = await (await session('paged', 2)).api().listDeployments(petStore());
    assert.deepEqual(paged.map((d) => d.description), ['Proxy fallback', 'Add owners', 'Initial release']);
  });

  it(`says plainly that ${KIND} does not implement FlushStageCache (moto: a 404 page; LocalStack: 501), not that a proxy answered`, async () => {
    const s = await session('local');
    await s.api().listRestApis(); // the endpoint has answered as API Gateway
    const failed = await runPlan(s.api(), flushPlan('FlushStageCache', petStore(), 'prod')).then(() => undefined, (e: unknown) => e);
    assert.ok(failed, 'FlushStageCache failed');
    assert.equal(errorMessage(failed), `This endpoint (${emulator.endpoint}) does not implement FlushStageCache: an emulator implements only part of API Gateway. Nothing was changed.`);
    assert.equal(s.requestCounts.get('FlushStageCache'), 1, 'sent once, not retried nor read back');
  });

  it('logs every request that changes AWS at the log\'s default level (UpdateAccount included), reads at debug', async () => {
    const lines: { level: string; text: string }[] = [];
    const at = (level: string) => (text: string | Error) => void lines.push({ level, text: String(text) });
    const log = { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
    const s = await readySession(dir, 'local', { log });
    const role = (await s.api().getAccount()).cloudwatchRoleArn!;
    try {
      await runPlan(s.api(), setRolePlan('arn:aws:iam::123456789012:role/LoggedRoleChange'));
    } finally {
      await runPlan(s.api(), setRolePlan(role));
    }
    const info = lines.filter((l) => l.level === 'info' && !l.text.startsWith('Session:')).map((l) => l.text);
    assert.deepEqual(info.map((t) => t.replace(/in \d+ ms/, 'in N ms')), ['UpdateAccount: HTTP 200 in N ms (local, us-east-1)', 'UpdateAccount: HTTP 200 in N ms (local, us-east-1)']);
    assert.ok(lines.some((l) => l.level === 'debug' && /^GetAccount: HTTP 200 in \d+ ms/.test(l.text)), 'the read, at debug');
  });

  it('lists resources with their methods embedded, sorted by path', async () => {
    const resources = await (await session('local')).api().listResources(petStore());
    const sample = SAMPLE.apis.find((a) => a.name === 'PetStore')!;
    assert.deepEqual(resources.map((r) => r.path), sample.resources.map((r) => r.path).sort());
    for (const r of sample.resources) {
      const got = resources.find((x) => x.path === r.path);
      assert.deepEqual(Object.keys(got?.resourceMethods ?? {}).sort(), [...r.methods].sort(), r.path);
    }
  });

  it('gets one stage and the account', async () => {
    const api = (await session('local')).api();
    const prod = await api.getStage(petStore(), 'prod');
    assert.equal(prod.cacheClusterEnabled, true);
    assert.equal(prod.cacheClusterSize, '0.5');
    assert.equal(prod.methodSettings?.['*/*']?.loggingLevel, 'INFO');
    assert.equal((await api.getAccount()).cloudwatchRoleArn, SAMPLE.cloudwatchRoleArn);
  });

  it('costs one request per list at the largest page size', async () => {
    const s = await session('paged');
    proxy.limits.length = 0;
    await s.api().listRestApis();
    await s.api().listResources(petStore());
    await s.api().listDeployments(petStore());
    assert.deepEqual(Object.fromEntries(s.requestCounts), { GetRestApis: 1, GetResources: 1, GetDeployments: 1 });
    assert.deepEqual(proxy.limits, ['500', '500', '500']);
  });

  it('follows position across pages and gets every item once', async () => {
    const s = await session('paged', 2);
    const apis = await s.api().listRestApis();
    assert.equal(new Set(apis.map((a) => a.id)).size, 3);
    const resources = await s.api().listResources(petStore());
    assert.equal(new Set(resources.map((r) => r.id)).size, 7);
    const deployments = await s.api().listDeployments(petStore());
    assert.equal(deployments.length, 3);
    // ceil(3/2) + ceil(7/2) + ceil(3/2)
    assert.deepEqual(Object.fromEntries(s.requestCounts), { GetRestApis: 2, GetResources: 4, GetDeployments: 2 });
  });

  it('retries TooManyRequestsException with backoff and then succeeds', async () => {
    const s = await session('paged');
    proxy.throttleNext(2);
    const stages = await s.api().listStages(petStore());
    assert.equal(stages.length, 3);
    assert.equal(s.requestCounts.get('GetStages'), 3);
  });

  it('gives up after the retry budget and says what happened', async () => {
    const s = await session('paged');
    proxy.throttleNext(100);
    try {
      await assert.rejects(s.api().listStages(petStore()), (e: Error) => {
        assert.match(errorMessage(e), /TooManyRequests|Too Many Requests/);
        return true;
      });
      assert.equal(s.requestCounts.get('GetStages'), 5);
    } finally {
      proxy.throttleNext(0);
    }
  });

  it('explains a refused connection', async () => {
    const s = await session('down');
    await assert.rejects(s.api().listRestApis(), (e: Error) => {
      assert.match(errorMessage(e), /Cannot reach the API Gateway endpoint/);
      return true;
    });
  });

  it('logs each request without keys, tokens or signatures', async () => {
    const lines: string[] = [];
    const capture = (m: string | Error) => lines.push(String(m));
    const s = new AwsSession({
      log: { trace: capture, debug: capture, info: capture, warn: capture, error: capture },
      askMfa: async () => undefined,
      env: { AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials') },
    });
    await s.reload({ profile: 'local' });
    await s.api().listStages(petStore());
    await assert.rejects(s.api().getStage(petStore(), 'no-such-stage'));
    const text = lines.join('\n');
    assert.match(text, /GetStages: HTTP 200 in \d+ ms \(local, us-east-1\)/);
    assert.match(text, /GetStage failed after \d+ ms/);
    for (const secret of ['AKIDLOCALLOGCHECK', 'secret-of-local-xyz', 'Authorization', 'Signature=', 'X-Amz-Security-Token']) {
      assert.ok(!text.includes(secret), `log mentions ${secret}`);
    }
  });

  it('reports an unknown profile without sending anything', async () => {
    const s = new AwsSession({
      log: silentLogger,
      askMfa: async () => undefined,
      env: { AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials') },
    });
    const state = await s.reload({ profile: 'nope' });
    assert.equal(state.kind, 'unknownProfile');
    assert.throws(() => s.api(), /Profile "nope" is not in .*config.* Select another profile/);
  });
});
