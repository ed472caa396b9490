// A deployment's own writes (Edit Deployment Description…, Delete Deployment…) with the real SDK
// against the emulator: moto has no UpdateDeployment and deletes a deployment a stage runs; LocalStack
// does both as AWS does. Each test starts from a freshly seeded emulator.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import { type APIGatewayClient, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import type { ApiGateway } from '../../src/aws/apiGateway';
import { PlanError, runPlan } from '../../src/aws/planRunner';
import type { AwsSession } from '../../src/aws/session';
import { errorMessage } from '../../src/errors';
import { holdersOf } from '../../src/model/deployments';
import { deleteDeploymentPlan, deploymentDescriptionPlan } from '../../src/model/plans';
import { type Emulator, emulatorKind, startEmulator } from '../harness/emulator';
import { sampleClient, seed, type SeedResult } from '../harness/seed';
import { localProfileDir, readySession } from '../harness/testSession';

const KIND = emulatorKind();

describe(`deployments against ${KIND}`, function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let seeded: SeedResult;
  let dir: string;
  let session: AwsSession;
  let gateway: ApiGateway;
  let direct: APIGatewayClient;
  let sent: string[];

  before(async function () {
    this.timeout(600_000);
    emulator = await startEmulator();
    dir = localProfileDir('apigw-deployments-', emulator.endpoint);
  });
  after(async () => {
    await emulator?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await emulator.reset();
    seeded = await seed(emulator.endpoint);
    sent = [];
    session = await readySession(dir, 'local', { onRequest: (operation) => sent.push(operation) });
    gateway = session.api();
    direct = sampleClient(emulator.endpoint);
  });
  afterEach(() => {
    session?.dispose();
    direct?.destroy();
  });

  // Orders API: "First version" runs on no stage, "Add order items" on v1.
  const orders = () => seeded.apis['Orders API'];

  if (KIND === 'localstack') {
    it('UpdateDeployment replace /description: one request, the answer and GetDeployment hold it (LocalStack; moto has no UpdateDeployment)', async () => {
      const [free] = orders().deploymentIds;
      const result = await runPlan(gateway, deploymentDescriptionPlan(orders().id, free, 'First version, reviewed'));
      assert.deepEqual(sent, ['UpdateDeployment']);
      assert.deepEqual([result.deployment?.id, result.deployment?.description], [free, 'First version, reviewed']);
      assert.equal((await gateway.getDeployment(orders().id, free))?.description, 'First version, reviewed');
      await runPlan(gateway, deploymentDescriptionPlan(orders().id, free, ''));
      assert.equal((await gateway.getDeployment(orders().id, free))?.description ?? '', '', 'an empty description clears it');
    });
  } else {
    it('UpdateDeployment: moto has none (HTTP 500, a page): the failure says it was not an answer of API Gateway, nothing changed', async () => {
      const [free] = orders().deploymentIds;
      const e = await runPlan(gateway, deploymentDescriptionPlan(orders().id, free, 'x')).then(() => assert.fail('moto has no UpdateDeployment'), (err: unknown) => err);
      assert.ok(e instanceof PlanError);
      assert.match(errorMessage(e), /web page|does not implement UpdateDeployment/);
      assert.equal((await gateway.getDeployment(orders().id, free))?.description, 'First version');
    });
  }

  it('DeleteDeployment of a deployment no stage runs: one request (202), gone from GetDeployments', async () => {
    const [free, used] = orders().deploymentIds;
    assert.deepEqual(holdersOf(await gateway.listStages(orders().id), free), [], 'no stage runs it');
    await runPlan(gateway, deleteDeploymentPlan(orders().id, free));
    assert.deepEqual(sent, ['GetStages', 'DeleteDeployment']);
    assert.deepEqual((await gateway.listDeployments(orders().id)).map((d) => d.id), [used]);
  });

  it(`DeleteDeployment of a deployment stage v1 runs: ${KIND === 'localstack' ? "refused as AWS refuses it (the command checks first)" : 'moto deletes it (AWS refuses; the command checks first)'}`, async () => {
    const used = orders().deploymentIds[1];
    assert.deepEqual(holdersOf(await gateway.listStages(orders().id), used), [{ stageName: 'v1', as: 'stage' }]);
    const outcome = await runPlan(gateway, deleteDeploymentPlan(orders().id, used)).then(() => 'deleted', (e: unknown) => errorMessage(e));
    if (KIND === 'localstack') {
      assert.match(outcome, /^Active stages pointing to this deployment must be moved or deleted \(BadRequestException, HTTP 400\)\. A stage or a canary still runs it/);
      assert.ok((await gateway.listDeployments(orders().id)).some((d) => d.id === used), 'kept');
    } else {
      assert.equal(outcome, 'deleted');
    }
  });

  // moto has no canaries (a canary patch moves the stage itself): the host tests give GetStages one through the proxy.
  if (KIND === 'localstack') {
    it("a deployment a stage's canary runs is held by it, as read by GetStages (LocalStack)", async () => {
      const [free, used] = orders().deploymentIds;
      await direct.send(new UpdateStageCommand({ restApiId: orders().id, stageName: 'v1', patchOperations: [
        { op: 'replace', path: '/canarySettings/deploymentId', value: free },
        { op: 'replace', path: '/canarySettings/percentTraffic', value: '10' },
      ] }));
      const stages = await gateway.listStages(orders().id);
      assert.deepEqual(holdersOf(stages, free), [{ stageName: 'v1', as: 'canary' }]);
      assert.deepEqual(holdersOf(stages, used), [{ stageName: 'v1', as: 'stage' }]);
    });
  }
});
