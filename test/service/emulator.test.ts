// The local emulator and its sample data, read back with the real SDK over HTTP.
import * as assert from 'assert/strict';
import {
  APIGatewayClient, CreateDeploymentCommand, CreateStageCommand, DeleteDeploymentCommand, FlushStageCacheCommand,
  GetAccountCommand, GetDeploymentsCommand, GetResourcesCommand, GetRestApisCommand, GetStageCommand, GetStagesCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { type Emulator, emulatorKind, startEmulator } from '../harness/emulator';
import { SAMPLE, type SeedResult, sampleClient, seed } from '../harness/seed';

const KIND = emulatorKind();
/** GetAccount's role before any UpdateAccount: none on moto (nor on AWS); LocalStack makes one up. */
const FRESH_ACCOUNT_ROLE = { moto: undefined, localstack: 'arn:aws:iam::000000000000:role/api-gw-cw-role' }[KIND];

/** Rejects with this HTTP status and a message matching `message`. */
async function rejectsWith(p: Promise<unknown>, status: number, message: RegExp): Promise<void> {
  await assert.rejects(p, (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
    assert.equal(e.$metadata?.httpStatusCode, status, `${e.name}: ${e.message}`);
    assert.match(e.message, message);
    return true;
  });
}

describe(`local API Gateway emulator (${KIND})`, function () {
  let emulator: Emulator;
  let client: APIGatewayClient;

  before(async function () {
    this.timeout(600_000); // the first run installs the emulator into .cache/
    emulator = await startEmulator({ log: (line) => console.log(`      ${line}`) });
    client = sampleClient(emulator.endpoint);
  });
  after(async () => {
    client?.destroy();
    await emulator?.stop();
  });

  describe('seed()', () => {
    let seeded: SeedResult;
    before(async function () {
      this.timeout(30_000);
      await emulator.reset();
      seeded = await seed(emulator.endpoint);
    });

    it('creates the sample REST APIs with the ids it reports', async () => {
      const { items = [] } = await client.send(new GetRestApisCommand({ limit: 500 }));
      assert.deepEqual(
        items.map((a) => ({ name: a.name, id: a.id, description: a.description })).sort((a, b) => a.name!.localeCompare(b.name!)),
        SAMPLE.apis.map((a) => ({ name: a.name, id: seeded.apis[a.name].id, description: a.description })).sort((a, b) => a.name.localeCompare(b.name)));
    });

    it('creates each resource tree with its methods', async () => {
      for (const api of SAMPLE.apis) {
        const { id, resourceIds } = seeded.apis[api.name];
        const { items = [] } = await client.send(new GetResourcesCommand({ restApiId: id, embed: ['methods'], limit: 500 }));
        const actual = Object.fromEntries(items.map((r) => [r.path, Object.keys(r.resourceMethods ?? {}).sort()]));
        const expected = Object.fromEntries(api.resources.map((r) => [r.path, [...r.methods].sort()]));
        assert.deepEqual(actual, expected, api.name);
        assert.deepEqual(Object.fromEntries(items.map((r) => [r.path, r.id])), resourceIds, `${api.name} resource ids`);
        for (const r of items) {
          for (const m of Object.values(r.resourceMethods ?? {})) assert.equal(m.methodIntegration?.type, 'MOCK', `${r.path} ${m.httpMethod}`);
        }
      }
    });

    it('creates the deployments in order, with their descriptions', async () => {
      for (const api of SAMPLE.apis) {
        const { id, deploymentIds } = seeded.apis[api.name];
        const { items = [] } = await client.send(new GetDeploymentsCommand({ restApiId: id, limit: 500 }));
        const byId = new Map(items.map((d) => [d.id!, d.description]));
        assert.equal(byId.size, api.deployments.length, api.name);
        assert.deepEqual(deploymentIds.map((d) => byId.get(d)), api.deployments.map((d) => d.description), api.name);
      }
    });

    it('creates the stages on their deployments, with their settings', async () => {
      for (const api of SAMPLE.apis) {
        const { id, deploymentIds } = seeded.apis[api.name];
        const { item = [] } = await client.send(new GetStagesCommand({ restApiId: id }));
        assert.deepEqual(item.map((s) => s.stageName).sort(), api.stages.map((s) => s.name).sort(), api.name);
        for (const want of api.stages) {
          const got = item.find((s) => s.stageName === want.name)!;
          const where = `${api.name}/${want.name}`;
          assert.equal(got.deploymentId, deploymentIds[want.deployment], where);
          assert.equal(got.description ?? '', want.description ?? '', where);
          assert.equal(got.cacheClusterEnabled ?? false, want.cacheClusterEnabled ?? false, where);
          assert.equal(got.cacheClusterSize, want.cacheClusterSize, where);
          assert.equal(got.tracingEnabled ?? false, want.tracingEnabled ?? false, where);
          assert.deepEqual(got.variables ?? {}, want.variables ?? {}, where);
          assert.deepEqual(got.tags ?? {}, want.tags ?? {}, where);
          // Same keys, escaped as on AWS; only the fields the seed set are compared (moto fills the rest).
          const settings = got.methodSettings ?? {};
          assert.deepEqual(Object.keys(settings).sort(), Object.keys(want.methodSettings ?? {}).sort(), where);
          for (const [key, fields] of Object.entries(want.methodSettings ?? {})) {
            for (const [field, value] of Object.entries(fields)) {
              assert.equal(settings[key][field as keyof typeof fields], value, `${where} ${key} ${field}`);
            }
          }
        }
      }
    });

    it('sets the account CloudWatch role, so that logging settings would be valid on AWS', async () => {
      const account = await client.send(new GetAccountCommand({}));
      assert.equal(account.cloudwatchRoleArn, SAMPLE.cloudwatchRoleArn);
    });
  });

  // Where the two emulators differ from AWS, each pinned by name: if one fails, that emulator
  // changed; update the notes in seed.ts, shared/API_GATEWAY.md and the test that relies on it.
  describe(`differences from AWS, as ${KIND} has them`, () => {
    let seeded: SeedResult;
    let restApiId: string;
    const firstDeployment = () => seeded.apis.PetStore.deploymentIds[0];
    /** A stage of its own for a test that changes it. */
    const scratchStage = async (stageName: string) =>
      client.send(new CreateStageCommand({ restApiId, stageName, deploymentId: firstDeployment() }));
    before(async function () {
      this.timeout(30_000);
      await emulator.reset();
      seeded = await seed(emulator.endpoint);
      restApiId = seeded.apis.PetStore.id;
    });

    it('both report a new stage cache AVAILABLE at once (AWS: CREATE_IN_PROGRESS for minutes)', async () => {
      const prod = await client.send(new GetStageCommand({ restApiId, stageName: 'prod' }));
      assert.equal(prod.cacheClusterStatus, 'AVAILABLE');
    });

    it('remove /~1pets~1{petId}/GET: moto answers 200 and keeps the override, LocalStack refuses the path (AWS removes it)', async () => {
      const remove = client.send(new UpdateStageCommand({
        restApiId, stageName: 'prod', patchOperations: [{ op: 'remove', path: '/~1pets~1{petId}/GET' }],
      }));
      if (KIND === 'moto') {
        const after = await remove;
        assert.deepEqual(Object.keys(after.methodSettings ?? {}).sort(), ['*/*', '~1pets~1{petId}/GET']);
      } else {
        await rejectsWith(remove, 400, /^Invalid method setting path: \/~1pets~1\{petId\}\/GET\. Must be one of: \[/);
      }
      const prod = await client.send(new GetStageCommand({ restApiId, stageName: 'prod' }));
      assert.ok(prod.methodSettings?.['~1pets~1{petId}/GET'], 'the override is still there on both');
    });

    it('an unescaped key (/pets/{petId}/GET/...) is ignored with 200 by both (AWS: Invalid method setting path)', async () => {
      const after = await client.send(new UpdateStageCommand({
        restApiId, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/pets/{petId}/GET/caching/enabled', value: 'true' }],
      }));
      assert.deepEqual(Object.keys(after.methodSettings ?? {}).sort(), ['*/*', '~1pets~1{petId}/GET']);
    });

    it('an unknown patch path: moto ignores it with 200, LocalStack answers AWS\'s 400 Invalid method setting path', async () => {
      const update = client.send(new UpdateStageCommand({
        restApiId, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/foo', value: 'x' }],
      }));
      if (KIND === 'moto') assert.equal((await update).stageName, 'prod');
      else await rejectsWith(update, 400, /^Invalid method setting path: \/foo\. Must be one of: \[\/deploymentId, /);
    });

    it('remove /*/* with no */* entry: moto answers 200, LocalStack AWS\'s 400 Cannot remove method setting', async () => {
      await scratchStage('no-stage-wide');
      const remove = client.send(new UpdateStageCommand({
        restApiId, stageName: 'no-stage-wide', patchOperations: [{ op: 'remove', path: '/*/*' }],
      }));
      if (KIND === 'moto') assert.deepEqual((await remove).methodSettings, {});
      else await rejectsWith(remove, 400, /^Cannot remove method setting \*\/\* because there is no method setting for this method/);
    });

    it('replace /deploymentId with an unknown id: moto stores it, LocalStack answers AWS\'s 400 Deployment id does not exist', async () => {
      await scratchStage('moved');
      const update = client.send(new UpdateStageCommand({
        restApiId, stageName: 'moved', patchOperations: [{ op: 'replace', path: '/deploymentId', value: 'no-such-deployment' }],
      }));
      if (KIND === 'moto') assert.equal((await update).deploymentId, 'no-such-deployment');
      else await rejectsWith(update, 400, /^Deployment id does not exist$/);
    });

    it('CreateStage with an unknown deployment: moto stores it, LocalStack fails with 500 yet creates the stage (AWS: 400)', async () => {
      const once = new APIGatewayClient({ // no retry: a retry would meet 409 "Stage already exists" on LocalStack
        endpoint: emulator.endpoint, region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      });
      try {
        const create = once.send(new CreateStageCommand({ restApiId, stageName: 'ghost', deploymentId: 'nope123' }));
        if (KIND === 'moto') assert.equal((await create).deploymentId, 'nope123');
        else await rejectsWith(create, 500, /./);
        const ghost = await client.send(new GetStageCommand({ restApiId, stageName: 'ghost' }));
        assert.equal(ghost.deploymentId, 'nope123', 'the stage exists on both, on a deployment that does not');
      } finally {
        once.destroy();
      }
    });

    it('neither checks stage names (AWS: 400 for "bad name!"): our validation is what stops them', async () => {
      const badName = await client.send(new CreateStageCommand({ restApiId, stageName: 'bad name!', deploymentId: firstDeployment() }));
      assert.equal(badName.stageName, 'bad name!');
    });

    it('neither pages: limit is ignored and every item comes in one answer (the test proxy pages)', async () => {
      const { items = [], position } = await client.send(new GetDeploymentsCommand({ restApiId, limit: 1 }));
      assert.equal(items.length, SAMPLE.apis[0].deployments.length);
      assert.equal(position, undefined);
    });

    it('GetStages with deploymentId: moto ignores the filter, LocalStack honours it as AWS does', async () => {
      const { item = [] } = await client.send(new GetStagesCommand({ restApiId, deploymentId: seeded.apis.PetStore.deploymentIds[1] }));
      const names = item.map((st) => st.stageName).sort();
      if (KIND === 'moto') assert.ok(names.length > 1 && names.includes('prod'), `all stages: ${names.join(', ')}`);
      else assert.deepEqual(names, ['test']);
    });

    it('DeleteDeployment of a deployment a stage uses: moto deletes it, LocalStack answers AWS\'s 400', async () => {
      const { id } = await client.send(new CreateDeploymentCommand({ restApiId, description: 'in use' }));
      await client.send(new CreateStageCommand({ restApiId, stageName: 'user', deploymentId: id }));
      const del = client.send(new DeleteDeploymentCommand({ restApiId, deploymentId: id }));
      if (KIND === 'moto') await del;
      else await rejectsWith(del, 400, /^Active stages pointing to this deployment must be moved or deleted$/);
    });

    it('FlushStageCache: moto has no route (404, an HTML page), LocalStack answers 501', async () => {
      await rejectsWith(client.send(new FlushStageCacheCommand({ restApiId, stageName: 'prod' })), KIND === 'moto' ? 404 : 501, /./);
    });

    it('stage dates: moto returns none, LocalStack createdDate and lastUpdatedDate as AWS does', async () => {
      const prod = await client.send(new GetStageCommand({ restApiId, stageName: 'prod' }));
      if (KIND === 'moto') {
        assert.equal(prod.createdDate, undefined);
        assert.equal(prod.lastUpdatedDate, undefined);
      } else {
        assert.ok(prod.createdDate instanceof Date && prod.lastUpdatedDate instanceof Date);
        assert.ok(prod.lastUpdatedDate >= prod.createdDate);
      }
    });
  });

  it('reset() empties the emulator', async function () {
    this.timeout(30_000);
    await seed(emulator.endpoint);
    assert.ok(((await client.send(new GetRestApisCommand({}))).items ?? []).length > 0);
    await emulator.reset();
    assert.deepEqual((await client.send(new GetRestApisCommand({}))).items ?? [], []);
    // The seed's account role goes too, back to what a fresh emulator has.
    assert.equal((await client.send(new GetAccountCommand({}))).cloudwatchRoleArn, FRESH_ACCOUNT_ROLE);
  });

  it('stop() makes requests fail and start() brings it back on the same port', async function () {
    this.timeout(60_000);
    const { port, endpoint } = emulator;
    const once = new APIGatewayClient({ // no retries: fail fast while stopped
      endpoint, region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    try {
      await emulator.stop();
      await assert.rejects(once.send(new GetRestApisCommand({})), (err: NodeJS.ErrnoException) => {
        assert.match(`${err.code} ${err.message}`, /ECONNREFUSED/);
        return true;
      });
      await emulator.start();
      assert.equal(emulator.port, port);
      assert.equal(emulator.endpoint, endpoint);
      const { items = [] } = await once.send(new GetRestApisCommand({}));
      assert.deepEqual(items, [], 'a restarted emulator starts empty');
      assert.equal((await once.send(new GetAccountCommand({}))).cloudwatchRoleArn, FRESH_ACCOUNT_ROLE);
      const seeded = await seed(endpoint);
      assert.ok(seeded.apis.PetStore.id);
    } finally {
      once.destroy();
      await emulator.start(); // leave it running for after()
    }
  });
});
