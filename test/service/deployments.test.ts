// A deployment's own writes (Edit Deployment Description…, Delete Deployment…) with the real SDK
// against the emulator: moto has no UpdateDeployment and deletes a deployment a stage runs; LocalStack
// does both as AWS does. Each test starts from a freshly seeded emulator.
import * as assert from 'assert/strict';
import { UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { runPlan } from '../../src/aws/planRunner';
import { errorMessage, PlanError } from '../../src/errors';
import { holdersOf } from '../../src/model/deployments';
import { deleteDeploymentPlan, deploymentDescriptionPlan } from '../../src/model/plans';
import { emulatorKind } from '../harness/emulator';
import { useSeededEmulator } from '../harness/serviceHooks';

const KIND = emulatorKind();

describe(`deployments against ${KIND}`, function () {
  this.timeout(60_000);
  const w = useSeededEmulator('apigw-deployments-');

  // Orders API: "First version" runs on no stage, "Add order items" on v1.
  const orders = () => w.seeded.apis['Orders API'];

  if (KIND === 'localstack') {
    it('UpdateDeployment replace /description: one request, the answer and GetDeployment hold it (LocalStack; moto has no UpdateDeployment)', async () => {
      const [free] = orders().deploymentIds;
      const result = await runPlan(w.gateway, deploymentDescriptionPlan(orders().id, free, 'First version, reviewed'));
      assert.deepEqual(w.sent, ['UpdateDeployment']);
      assert.deepEqual([result.deployment?.id, result.deployment?.description], [free, 'First version, reviewed']);
      assert.equal((await w.gateway.getDeployment(orders().id, free))?.description, 'First version, reviewed');
      await runPlan(w.gateway, deploymentDescriptionPlan(orders().id, free, ''));
      assert.equal((await w.gateway.getDeployment(orders().id, free))?.description ?? '', '', 'an empty description clears it');
    });
  } else {
    it('UpdateDeployment: moto has none (HTTP 500, a page): the failure says it was not an answer of API Gateway, nothing changed', async () => {
      const [free] = orders().deploymentIds;
      const e = await runPlan(w.gateway, deploymentDescriptionPlan(orders().id, free, 'x')).then(() => assert.fail('moto has no UpdateDeployment'), (err: unknown) => err);
      assert.ok(e instanceof PlanError);
      assert.match(errorMessage(e), /web page|does not implement UpdateDeployment/);
      assert.equal((await w.gateway.getDeployment(orders().id, free))?.description, 'First version');
    });
  }

  it('DeleteDeployment of a deployment no stage runs: one request (202), gone from GetDeployments', async () => {
    const [free, used] = orders().deploymentIds;
    assert.deepEqual(holdersOf(await w.gateway.listStages(orders().id), free), [], 'no stage runs it');
    await runPlan(w.gateway, deleteDeploymentPlan(orders().id, free));
    assert.deepEqual(w.sent, ['GetStages', 'DeleteDeployment']);
    assert.deepEqual((await w.gateway.listDeployments(orders().id)).map((d) => d.id), [used]);
  });

  it(`DeleteDeployment of a deployment stage v1 runs: ${KIND === 'localstack' ? "refused as AWS refuses it (the command checks first)" : 'moto deletes it (AWS refuses; the command checks first)'}`, async () => {
    const used = orders().deploymentIds[1];
    assert.deepEqual(holdersOf(await w.gateway.listStages(orders().id), used), [{ stageName: 'v1', as: 'stage' }]);
    const outcome = await runPlan(w.gateway, deleteDeploymentPlan(orders().id, used)).then(() => 'deleted', (e: unknown) => errorMessage(e));
    if (KIND === 'localstack') {
      assert.match(outcome, /^Active stages pointing to this deployment must be moved or deleted \(BadRequestException, HTTP 400\)\. A stage or a canary still runs it/);
      assert.ok((await w.gateway.listDeployments(orders().id)).some((d) => d.id === used), 'kept');
    } else {
      assert.equal(outcome, 'deleted');
    }
  });

  // moto has no canaries (a canary patch moves the stage itself): the host tests give GetStages one through the proxy.
  if (KIND === 'localstack') {
    it("a deployment a stage's canary runs is held by it, as read by GetStages (LocalStack)", async () => {
      const [free, used] = orders().deploymentIds;
      await w.direct.send(new UpdateStageCommand({ restApiId: orders().id, stageName: 'v1', patchOperations: [
        { op: 'replace', path: '/canarySettings/deploymentId', value: free },
        { op: 'replace', path: '/canarySettings/percentTraffic', value: '10' },
      ] }));
      const stages = await w.gateway.listStages(orders().id);
      assert.deepEqual(holdersOf(stages, free), [{ stageName: 'v1', as: 'canary' }]);
      assert.deepEqual(holdersOf(stages, used), [{ stageName: 'v1', as: 'stage' }]);
    });
  }
});
