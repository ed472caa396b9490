// The local emulator and its sample data, read back with the real SDK over HTTP.
import * as assert from 'assert/strict';
import {
  APIGatewayClient, GetAccountCommand, GetDeploymentsCommand, GetResourcesCommand, GetRestApisCommand,
  CreateStageCommand, GetStageCommand, GetStagesCommand, UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { type Emulator, startEmulator } from '../harness/emulator';
import { SAMPLE, type SeedResult, sampleClient, seed } from '../harness/seed';

describe('local API Gateway emulator (moto)', function () {
  let emulator: Emulator;
  let client: APIGatewayClient;

  before(async function () {
    this.timeout(600_000); // the first run installs moto into .cache/moto-venv
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

    // These pin moto's leniency written down in seed.ts; if one fails, moto changed: update the notes.
    it('behaves as seed.ts notes (moto quirks)', async () => {
      const restApiId = seeded.apis.PetStore.id;
      const prod = await client.send(new GetStageCommand({ restApiId, stageName: 'prod' }));
      assert.equal(prod.cacheClusterStatus, 'AVAILABLE'); // AWS: CREATE_IN_PROGRESS for minutes
      const after = await client.send(new UpdateStageCommand({
        restApiId, stageName: 'prod', patchOperations: [
          { op: 'remove', path: '/~1pets~1{petId}/GET' }, // AWS drops the override; moto ignores it
          { op: 'replace', path: '/pets/{petId}/GET/caching/enabled', value: 'true' }, // AWS: Invalid method setting path
        ],
      }));
      assert.deepEqual(Object.keys(after.methodSettings ?? {}).sort(), ['*/*', '~1pets~1{petId}/GET']);
      const bad = await client.send(new UpdateStageCommand({
        restApiId, stageName: 'dev', patchOperations: [{ op: 'replace', path: '/deploymentId', value: 'no-such-deployment' }],
      }));
      assert.equal(bad.deploymentId, 'no-such-deployment');
      const { items = [] } = await client.send(new GetDeploymentsCommand({ restApiId, limit: 1 }));
      assert.equal(items.length, SAMPLE.apis[0].deployments.length, 'limit is ignored, no paging');
      // CreateStage validates neither the name nor the deployment (AWS: 400 for both): our checks are what stop them.
      const badName = await client.send(new CreateStageCommand({ restApiId, stageName: 'bad name!', deploymentId: seeded.apis.PetStore.deploymentIds[0] }));
      assert.equal(badName.stageName, 'bad name!');
      const unknownDeployment = await client.send(new CreateStageCommand({ restApiId, stageName: 'ghost', deploymentId: 'nope123' }));
      assert.equal(unknownDeployment.deploymentId, 'nope123');
    });
  });

  it('reset() empties the emulator', async function () {
    this.timeout(30_000);
    await seed(emulator.endpoint);
    assert.ok(((await client.send(new GetRestApisCommand({}))).items ?? []).length > 0);
    await emulator.reset();
    assert.deepEqual((await client.send(new GetRestApisCommand({}))).items ?? [], []);
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
      assert.deepEqual(items, [], 'a restarted moto starts empty');
      const seeded = await seed(endpoint);
      assert.ok(seeded.apis.PetStore.id);
    } finally {
      once.destroy();
      await emulator.start(); // leave it running for after()
    }
  });
});
