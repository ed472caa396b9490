// The tree through the real VS Code API, in the extension host, against the seeded emulator.
import { commandId } from '../../src/commandIds';
import * as assert from 'assert/strict';
import { CreateDeploymentCommand, DeleteDeploymentCommand } from '@aws-sdk/client-api-gateway';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { DEPLOYMENT_ROW_LABEL_MAX, type DeploymentNode, type DeploymentsNode } from '../../src/tree/deploymentNodes';
import type { RestApiNode } from '../../src/tree/restApiNode';
import { startApiProxy } from '../harness/apiProxy';
import { emulatorClient } from './commandHelpers';
import { child, childrenOf, collapseView, extensionApi, requestsSince, setSetting, summariesRead, tooltipText } from './treeHelpers';

describe('API Gateway tree', function () {
  this.timeout(60_000);
  let api: ExtensionApi;

  before(async () => {
    api = await extensionApi();
    // reveal() needs the view to exist in the workbench.
    await vscode.commands.executeCommand('workbench.view.extension.apigatewayStages');
    await setSetting('profile', 'local');
    await setSetting('endpoint', undefined);
    await api.ctx.reload();
  });

  const snapshot = () => new Map(api.ctx.session.requestCounts);

  it('lists the seeded REST APIs with their ids, and fetches nothing for collapsed nodes', async () => {
    await collapseView();
    await api.ctx.reload(true);
    const before = snapshot();
    const roots = await childrenOf(api);
    assert.deepEqual(roots.map((r) => r.label), ['Empty API', 'Orders API', 'PetStore']);
    for (const r of roots) assert.match(r.description, /^[a-z0-9]{10}$/);
    assert.match(tooltipText(roots[2].item), /Endpoint type/);
    assert.deepEqual(requestsSince(api, before), { GetRestApis: 1 });
  });

  it('a reload that changes nothing (a settings event, a file touched) keeps the tree and sends nothing', async () => {
    await childrenOf(api);
    const before = snapshot();
    await api.ctx.reload();
    await setSetting('region', undefined); // a settings event with no change
    await api.ctx.reload();
    const roots = await childrenOf(api);
    assert.equal(roots.length, 3);
    assert.deepEqual(requestsSince(api, before), {});
  });

  it('expanding an API costs one GetStages, shared by Stages and Deployments', async () => {
    const petStore = await child(api, undefined, 'PetStore');
    const before = snapshot();
    const folders = await childrenOf(api, petStore.node);
    assert.deepEqual(folders.map((f) => f.label), ['Stages', 'Deployments']);
    assert.equal(folders[0].description, '3');
    const stages = await childrenOf(api, folders[0].node);
    assert.deepEqual(stages.map((s) => s.label), ['dev', 'prod', 'test']);
    assert.deepEqual(requestsSince(api, before), { GetStages: 1 });
  });

  it('shows each stage with its deployment, invoke URL, cache, log level and throttling', async () => {
    const petStore = await child(api, undefined, 'PetStore');
    const prod = await child(api, (await child(api, petStore.node, 'Stages')).node, 'prod');
    // The date is the stage's lastUpdatedDate, which moto does not return (AWS does).
    assert.match(prod.description, /^deployment [a-z0-9]+( · \d{4}-\d\d-\d\d \d\d:\d\d:\d\d)?$/);
    const tip = tooltipText(prod.item);
    assert.ok(tip.includes(`https://${petStore.description}.execute-api.us-east-1.amazonaws.com/prod`), tip);
    assert.match(tip, /Cache: 0\.5 GB/);
    assert.match(tip, /Log level: INFO/);
    assert.match(tip, /Throttling: rate 100 \/s, burst 50/);
  });

  it("shows a stage's canary first on its row (its share and deployment), and whole in the tooltip", async () => {
    // moto drops a stage's canarySettings (LocalStack keeps them): the shared stages are given one, as a GetStage would.
    const petStore = await child(api, undefined, 'PetStore');
    const stages = (petStore.node as RestApiNode).stages;
    const prod = stages.get('prod')!;
    const deployments = await childrenOf(api, (await child(api, petStore.node, 'Deployments')).node);
    const owners = (deployments.find((d) => d.label === 'Add owners')!.node as DeploymentNode).deployment.id!;
    stages.set({ ...prod, canarySettings: { percentTraffic: 12.5, deploymentId: owners, stageVariableOverrides: { backend: 'canary' } } });
    try {
      const row = await child(api, (await child(api, petStore.node, 'Stages')).node, 'prod');
      assert.match(row.description, new RegExp(`^canary 12\\.5% → Add owners · deployment ${prod.deploymentId}`));
      assert.match(tooltipText(row.item), new RegExp(`Canary: 12\\.5% of requests → "Add owners" \\(${owners}\\), 1 variable override`));
    } finally {
      stages.set(prod);
    }
    const row = await child(api, (await child(api, petStore.node, 'Stages')).node, 'prod');
    assert.doesNotMatch(row.description, /canary/, 'a stage without a canary says nothing of one');
  });

  it("lists a stage's methods, marks the override, and reads resources once per API", async () => {
    const petStore = await child(api, undefined, 'PetStore');
    const stagesFolder = (await child(api, petStore.node, 'Stages')).node;
    const before = snapshot();
    const methods = await childrenOf(api, (await child(api, stagesFolder, 'prod')).node);
    assert.deepEqual(methods.map((m) => m.label), [
      'GET /',
      'GET /owners',
      'GET /owners/{ownerId}/pets',
      'GET /pets',
      'POST /pets',
      'DELETE /pets/{petId}',
      'GET /pets/{petId}',
      'ANY /{proxy+}',
    ]);
    const overridden = methods.filter((m) => m.description);
    assert.deepEqual(overridden.map((m) => m.label), ['GET /pets/{petId}']);
    // moto fills an override's other fields with its own defaults, so more groups differ than the seed set.
    assert.match(overridden[0].description, /^override: cache\b/);
    assert.equal(overridden[0].item.contextValue, 'method override');
    await childrenOf(api, (await child(api, stagesFolder, 'dev')).node);
    await summariesRead([(await child(api, stagesFolder, 'prod')).node, (await child(api, stagesFolder, 'dev')).node]);
    // And what each stage's deployment took, to mark what is not deployed: prod's and dev's.
    assert.deepEqual(requestsSince(api, before), { GetResources: 1, GetDeployment: 2 });
  });

  it('lists deployments newest first, by description, with the stages that point at them; date and id after them and in the tooltip', async () => {
    const petStore = await child(api, undefined, 'PetStore');
    const deployments = await childrenOf(api, (await child(api, petStore.node, 'Deployments')).node);
    // The host suite seeds them a second apart (same-second ones keep the order the endpoint lists them).
    assert.deepEqual(deployments.map((d) => d.label), ['Proxy fallback', 'Add owners', 'Initial release']);
    // The arrows first after the description, so a default-width sidebar shows them; then date and id.
    const DATE = '\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d';
    assert.deepEqual(deployments.map((d) => d.description.replace(new RegExp(` · ${DATE} · \\w+$`), '')), ['→ dev', '→ test', '→ prod']);
    for (const d of deployments) {
      assert.match(tooltipText(d.item), new RegExp(`\\*\\*Created:\\*\\* ${DATE}\\n\\n\\*\\*Deployment:\\*\\* \\w+\\n\\n`));
      assert.ok(tooltipText(d.item).startsWith(d.label), tooltipText(d.item));
    }
  });

  it('cuts a long deployment description on its row, so the arrows stay in sight; the tooltip has it whole', async () => {
    const long = 'Move the pets and the owners to the new backend, with the cache warmed first';
    const petStore = await child(api, undefined, 'PetStore');
    const sdk = emulatorClient();
    const made = await sdk.send(new CreateDeploymentCommand({ restApiId: petStore.description, description: long }));
    const folder = (await child(api, petStore.node, 'Deployments')).node as DeploymentsNode;
    try {
      await folder.refresh();
      const row = (await childrenOf(api, folder)).find((d) => d.node.id.endsWith(`deployment:${made.id}`))!;
      assert.equal(row.label, `${long.slice(0, DEPLOYMENT_ROW_LABEL_MAX - 1)}…`);
      assert.ok(tooltipText(row.item).startsWith(long));
    } finally {
      await sdk.send(new DeleteDeploymentCommand({ restApiId: petStore.description, deploymentId: made.id! }));
      await folder.refresh();
      sdk.destroy();
    }
  });

  it('shows empty states as nodes', async () => {
    const empty = await child(api, undefined, 'Empty API');
    assert.deepEqual((await childrenOf(api, (await child(api, empty.node, 'Stages')).node)).map((s) => s.label), ['No stages']);
    assert.deepEqual((await childrenOf(api, (await child(api, empty.node, 'Deployments')).node)).map((s) => s.label), ['No deployments']);
  });

  it('gives every node a parent chain that reveal() can follow', async () => {
    const petStore = await child(api, undefined, 'PetStore');
    const test = await child(api, (await child(api, petStore.node, 'Stages')).node, 'test');
    const method = (await childrenOf(api, test.node))[0];
    assert.equal(api.ctx.explorer.getParent(method.node), test.node);
    assert.equal(api.ctx.explorer.getParent(petStore.node), undefined);
    await api.ctx.treeView.reveal(method.node, { expand: true, select: true });
    assert.equal(api.ctx.treeView.selection[0]?.id, method.node.id);
  });

  it('copies the invoke URL of a stage', async () => {
    const petStore = await child(api, undefined, 'PetStore');
    const dev = await child(api, (await child(api, petStore.node, 'Stages')).node, 'dev');
    await vscode.commands.executeCommand(commandId('copyInvokeUrl'), dev.node);
    assert.equal(await vscode.env.clipboard.readText(), `https://${petStore.description}.execute-api.us-east-1.amazonaws.com/dev`);
  });

  it('copies the REST API id of a stage and the id of a deployment', async () => {
    const petStore = await child(api, undefined, 'PetStore');
    const prod = await child(api, (await child(api, petStore.node, 'Stages')).node, 'prod');
    await vscode.commands.executeCommand(commandId('copyId'), prod.node);
    assert.equal(await vscode.env.clipboard.readText(), petStore.description);
    const [deployment] = await childrenOf(api, (await child(api, petStore.node, 'Deployments')).node);
    await vscode.commands.executeCommand(commandId('copyId'), deployment.node);
    assert.match(tooltipText(deployment.item), new RegExp(`\\*\\*Deployment:\\*\\* ${await vscode.env.clipboard.readText()}\\n`));
  });

  it('shows an error node when the endpoint goes down, and the Retry alone brings the APIs back', async () => {
    // A proxy to the emulator that this test can take down and bring back on the same port.
    const target = process.env.APIGW_TEST_ENDPOINT;
    assert.ok(target, 'the host runner sets APIGW_TEST_ENDPOINT');
    let proxy = await startApiProxy(target);
    const port = Number(new URL(proxy.endpoint).port);
    try {
      await setSetting('endpoint', proxy.endpoint);
      await api.ctx.reload();
      assert.equal((await childrenOf(api)).length, 3);

      await proxy.close();
      // Collapsed: the view then asks only for the root again (an expanded API would read its stages too).
      await collapseView();
      await vscode.commands.executeCommand(commandId('refresh'));
      const [error] = await childrenOf(api);
      assert.equal(error.label, 'Failed to load — retry');
      assert.match(error.description, /Cannot reach the API Gateway endpoint/);
      assert.match(error.item.contextValue ?? '', /error/);

      proxy = await startApiProxy(target, port);
      const before = snapshot();
      await vscode.commands.executeCommand(commandId('retryNode'), error.node);
      assert.deepEqual((await childrenOf(api)).map((r) => r.label), ['Empty API', 'Orders API', 'PetStore']);
      assert.deepEqual(requestsSince(api, before), { GetRestApis: 1 });
    } finally {
      await proxy.close();
      await setSetting('endpoint', undefined);
      await api.ctx.reload();
    }
  });

  it('shows an unknown profile as an error node that offers to pick another', async () => {
    await setSetting('profile', 'no-such-profile');
    await api.ctx.reload();
    const [error] = await childrenOf(api);
    assert.equal(error.label, 'Select AWS Profile…');
    assert.match(tooltipText(error.item), /Profile "no-such-profile" is not in/);
    assert.equal(error.item.command?.command, commandId('selectProfile'));
    await setSetting('profile', 'local');
    await api.ctx.reload();
    assert.equal((await childrenOf(api)).length, 3);
  });
});
