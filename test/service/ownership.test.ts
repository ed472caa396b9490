// Who owns a stage is known from the tags that GetRestApis and GetStages return: no request of its
// own. Checked at the proxy's request log, on the emulator's answers.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import { CreateDeploymentCommand, CreateRestApiCommand, CreateStageCommand, GetResourcesCommand, PutIntegrationCommand, PutMethodCommand, TagResourceCommand } from '@aws-sdk/client-api-gateway';
import { ownerOf, STACK_TAG } from '../../src/model/ownership';
import { stageArn } from '../../src/model/arns';
import { type ApiProxy, startApiProxy } from '../harness/apiProxy';
import { type Emulator, emulatorKind, startEmulator } from '../harness/emulator';
import { sampleClient } from '../harness/seed';
import { localProfileDir, readySession } from '../harness/testSession';

const KIND = emulatorKind();

describe(`stage ownership from tags already loaded (${KIND})`, function () {
  this.timeout(120_000);
  let emulator: Emulator;
  let proxy: ApiProxy;
  let dir: string;
  let apiId: string;

  before(async () => {
    emulator = await startEmulator();
    const client = sampleClient(emulator.endpoint);
    // As a stack leaves them: the stack tag on the API (LocalStack) and, where the emulator keeps it, on the stage.
    const api = await client.send(new CreateRestApiCommand({ name: 'Stacked API', tags: { [STACK_TAG]: 'api-stack' } }));
    apiId = api.id!;
    const root = (await client.send(new GetResourcesCommand({ restApiId: apiId }))).items![0];
    await client.send(new PutMethodCommand({ restApiId: apiId, resourceId: root.id!, httpMethod: 'GET', authorizationType: 'NONE' }));
    await client.send(new PutIntegrationCommand({ restApiId: apiId, resourceId: root.id!, httpMethod: 'GET', type: 'MOCK' }));
    const d = await client.send(new CreateDeploymentCommand({ restApiId: apiId }));
    await client.send(new CreateStageCommand({ restApiId: apiId, stageName: 'prod', deploymentId: d.id, tags: { team: 'shop' } }));
    await client.send(new CreateStageCommand({ restApiId: apiId, stageName: 'dev', deploymentId: d.id }));
    await client.send(new TagResourceCommand({ resourceArn: stageArn('us-east-1', apiId, 'dev'), tags: { [STACK_TAG]: 'stage-stack' } }));
    proxy = await startApiProxy(emulator.endpoint);
    dir = localProfileDir('apigw-owner-', proxy.endpoint);
  });
  after(async () => {
    await proxy?.close();
    await emulator?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('GetRestApis and GetStages carry the tags: the owner of each stage with no other request', async () => {
    const gateway = (await readySession(dir)).api();
    proxy.requests.length = 0;
    const api = (await gateway.listRestApis()).find((a) => a.id === apiId)!;
    const stages = await gateway.listStages(apiId);
    assert.deepEqual(proxy.requests, ['GET /restapis', `GET /restapis/${apiId}/stages`], 'one GetRestApis and one GetStages, nothing else');
    assert.equal(api.tags?.[STACK_TAG], 'api-stack', 'GetRestApis returns the API\'s tags');
    const owners = Object.fromEntries(stages.map((s) => [s.stageName, ownerOf(s.tags, api.tags)]));
    assert.deepEqual(owners.prod, { kind: 'cloudformation', stack: 'api-stack' }, 'a stage without the tag: its API\'s stack');
    const dev = stages.find((s) => s.stageName === 'dev')!;
    if (dev.tags?.[STACK_TAG]) assert.deepEqual(owners.dev, { kind: 'cloudformation', stack: 'stage-stack' }, 'the stage\'s own tag wins');
    else assert.equal(KIND, 'localstack', `${KIND} should return a stage's tags in GetStages`);
  });

  it('GetStage carries them too (the editor\'s read)', async () => {
    const gateway = (await readySession(dir)).api();
    proxy.requests.length = 0;
    const prod = await gateway.getStage(apiId, 'prod');
    assert.deepEqual(proxy.requests, [`GET /restapis/${apiId}/stages/prod`]);
    assert.equal(prod.tags?.team, 'shop');
  });
});
