// What a stage's deployment lacks, with the real SDK: neither emulator answers GetDeployment's
// `embed=apisummary`, so the test proxy notes each deployment's methods when it is made and answers
// them in AWS's shape. A deployment made past the proxy has no summary: nothing is shown, nothing guessed.
import * as assert from 'assert/strict';
import { CreateResourceCommand, DeleteMethodCommand, PutMethodCommand } from '@aws-sdk/client-api-gateway';
import { runPlan } from '../../src/aws/planRunner';
import { StageStore } from '../../src/aws/stageStore';
import { deployPlan } from '../../src/model/plans';
import { emulatorKind } from '../harness/emulator';
import { addMockMethod, sampleClient } from '../harness/seed';
import { useProxiedEmulator } from '../harness/serviceHooks';
import { readySession } from '../harness/testSession';

const KIND = emulatorKind();

describe(`changes not deployed against ${KIND}`, function () {
  this.timeout(120_000);
  const w = useProxiedEmulator('undeployed');
  const dir = () => w.dir;

  it('a deployment made through the proxy answers its apiSummary; the API changed after it shows as not deployed, with one GetDeployment', async () => {
    const api = w.seeded.apis['Orders API'];
    const s = await readySession(dir(), 'proxied');
    const g = s.api();
    const made = await runPlan(g, deployPlan({ restApiId: api.id, stageName: 'v1', existing: true, description: 'snapshot' }));
    const id = made.deployment!.id!;
    const summary = await g.getDeploymentSummary(api.id, id);
    assert.deepEqual(summary?.['/orders'], { GET: { authorizationType: 'NONE', apiKeyRequired: false }, POST: { authorizationType: 'NONE', apiKeyRequired: false } });
    assert.deepEqual(Object.keys(summary ?? {}).sort(), ['/orders', '/orders/{orderId}', '/orders/{orderId}/items']);

    // Someone adds a method and requires IAM on another, without deploying.
    const direct = sampleClient(w.emulator.endpoint);
    try {
      const made2 = await direct.send(new CreateResourceCommand({ restApiId: api.id, parentId: api.resourceIds['/orders'], pathPart: 'export' }));
      await addMockMethod(direct, api.id, made2.id!, 'GET');
      // moto has no UpdateMethod: PutMethod again stands for the change.
      await direct.send(new PutMethodCommand({ restApiId: api.id, resourceId: api.resourceIds['/orders/{orderId}'], httpMethod: 'GET', authorizationType: 'AWS_IAM' }));
    } finally {
      direct.destroy();
    }
    const content = new StageStore().forApi({ profile: 'proxied', region: 'us-east-1' }, api.id, () => g).content;
    const before = w.proxy.requests.length;
    const changes = await content.undeployed(id);
    assert.deepEqual(changes?.map((c) => c.text), ['GET /orders/export added', 'GET /orders/{orderId}: authorization NONE → AWS_IAM']);
    await content.undeployed(id);
    assert.deepEqual(w.proxy.requests.slice(before).filter((r) => r.includes('/deployments/')), [`GET /restapis/${api.id}/deployments/${id}`], 'one GetDeployment, cached after');
    assert.ok(w.proxy.queries.slice(before).some((q) => q === 'embed=apisummary'), 'asked with embed=apisummary');
    s.dispose();
  });

  it('a deployment made past the proxy (as an emulator answers) has no summary: nothing is shown', async () => {
    const api = w.seeded.apis.PetStore;
    const s = await readySession(dir(), 'proxied');
    const content = new StageStore().forApi({ profile: 'proxied', region: 'us-east-1' }, api.id, () => s.api()).content;
    assert.equal(await s.api().getDeploymentSummary(api.id, api.deploymentIds[0]), undefined);
    assert.equal(await content.undeployed(api.deploymentIds[0]), undefined);
    s.dispose();
  });

  it('a method removed and an API key required after the deployment show as such', async () => {
    const api = w.seeded.apis['Orders API'];
    const s = await readySession(dir(), 'proxied');
    const g = s.api();
    const id = (await runPlan(g, deployPlan({ restApiId: api.id, stageName: 'v1', existing: true }))).deployment!.id!;
    const direct = sampleClient(w.emulator.endpoint);
    try {
      await direct.send(new DeleteMethodCommand({ restApiId: api.id, resourceId: api.resourceIds['/orders/{orderId}/items'], httpMethod: 'GET' }));
      await direct.send(new PutMethodCommand({ restApiId: api.id, resourceId: api.resourceIds['/orders'], httpMethod: 'POST', authorizationType: 'NONE', apiKeyRequired: true }));
    } finally {
      direct.destroy();
    }
    const content = new StageStore().forApi({ profile: 'proxied', region: 'us-east-1' }, api.id, () => g).content;
    assert.deepEqual((await content.undeployed(id))?.map((c) => c.text), ['POST /orders: API key now required', 'GET /orders/{orderId}/items removed']);
    s.dispose();
  });
});
