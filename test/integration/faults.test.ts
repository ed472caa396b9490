// Faults in the extension host: the tree and the commands through the fault-injecting proxy. After
// each fault: no node left loading or busy, the message shown with "Show Logs" (recorded from
// ctx.notifier), the tree as AWS holds it after a refresh, a delete's snapshot kept, Retry the Rest.
import { commandId } from '../../src/commandIds';
import * as assert from 'assert/strict';
import { GetAccountCommand, GetDeploymentsCommand, GetStageCommand, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/node';
import type { Notifier } from '../../src/ui/notifier';
import { RecordingNotifier } from '../harness/recordingNotifier';
import { type ApiProxy, type FaultSpec, startApiProxy } from '../harness/apiProxy';
import { type SeedResult } from '../harness/seed';
import { emulatorClient, runScripted, useFreshSample } from './commandHelpers';
import { child, childrenOf, setSetting } from './treeHelpers';

describe('faults in the extension host', function () {
  this.timeout(30_000);
  let api: ExtensionApi;
  let seeded: SeedResult;
  let proxy: ApiProxy;
  let notifier: RecordingNotifier;
  let savedTimeouts: ExtensionApi['ctx']['session']['timeouts'];
  const sdk = emulatorClient;
  const petStore = () => seeded.apis.PetStore.id;

  useFreshSample((s) => ({ api, seeded } = s));
  before(async () => {
    proxy = await startApiProxy(process.env.APIGW_TEST_ENDPOINT!);
    await setSetting('endpoint', proxy.endpoint);
    savedTimeouts = api.ctx.session.timeouts;
    // Hangs end in about a second here; the service tests check the real 10 s bound.
    api.ctx.session.timeouts = { connectMs: 500, requestMs: 500, timeoutRetries: 1 };
    await api.ctx.reload(true);
  });
  after(async () => {
    api.ctx.session.timeouts = savedTimeouts;
    await setSetting('endpoint', undefined);
    await proxy?.close();
  });
  let saved: Notifier;
  beforeEach(() => {
    proxy.clearFaults();
    notifier = new RecordingNotifier();
    saved = api.ctx.notifier;
    api.ctx.notifier = notifier;
  });
  afterEach(() => {
    proxy.clearFaults();
    api.ctx.notifier = saved;
  });

  const petStoreNode = async () => (await child(api, undefined, 'PetStore')).node;
  const stagesFolder = async () => (await child(api, await petStoreNode(), 'Stages')).node;

  /** Every node shown under `node`, recursively through loaded folders: none loading, none busy. */
  async function assertSettled(node: TreeNode | undefined): Promise<void> {
    for (const s of await childrenOf(api, node)) {
      assert.notEqual(s.item.contextValue, 'loading', `${s.label} still loading`);
      assert.ok(!/spin/.test(JSON.stringify(s.item.iconPath ?? '')), `${s.label} still spinning`);
      assert.equal(api.ctx.explorer.busy.label(s.node.id), undefined, `${s.label} still busy`);
    }
  }

  const faultThen = async (spec: FaultSpec, body: () => Promise<void>) => {
    proxy.fault(spec);
    try {
      await body();
    } finally {
      proxy.clearFaults();
    }
  };

  const deploymentsFolder = async () => (await child(api, await petStoreNode(), 'Deployments')).node;
  /** What expanding shows: the node to expand, the labels it shows when AWS answers. */
  const expansions = [
    { name: 'the view (GetRestApis)', operation: 'GetRestApis', node: async () => undefined, labels: (l: string[]) => l.includes('PetStore') },
    { name: 'an API (GetStages)', operation: 'GetStages', node: petStoreNode, labels: (l: string[]) => l.join() === 'Stages,Deployments' },
    { name: 'Deployments (GetDeployments)', operation: 'GetDeployments', node: deploymentsFolder, labels: (l: string[]) => l.length >= 2 },
    { name: 'a stage (GetResources)', operation: 'GetResources', node: async () => (await child(api, await stagesFolder(), 'prod')).node, labels: (l: string[]) => l.length >= 2 },
  ];
  for (const e of expansions) {
    for (const kind of ['error503', 'hang', 'accessDenied', 'notJson'] as const) {
      it(`expanding ${e.name} with ${kind} always: an error node with Retry, nothing loading; Retry once AWS answers shows what AWS holds`, async () => {
        // The fault first: a visible view may load the new tree as soon as the reload makes it.
        await faultThen({ operation: e.operation, kind, times: Infinity }, async () => {
          await api.ctx.reload(true);
          const shown = await childrenOf(api, await e.node());
          assert.deepEqual(shown.map((x) => x.label), ['Failed to load — retry']);
          assert.match(shown[0].description, /unavailable|No answer|not authorized|web page/);
          await assertSettled(await e.node());
        });
        // The error node's Retry, now that AWS answers again.
        const errorNode = (await childrenOf(api, await e.node()))[0].node;
        await vscode.commands.executeCommand(commandId('retryNode'), errorNode);
        const labels = (await childrenOf(api, await e.node())).map((x) => x.label);
        assert.ok(e.labels(labels), labels.join(', '));
        await assertSettled(await e.node());
      });
    }
  }

  it('expanding an API with one 429 and one reset: retried, the stages shown, no message', async () => {
    proxy.fault({ operation: 'GetStages', kind: 'throttle', retryAfter: '0.2' });
    proxy.fault({ operation: 'GetStages', kind: 'reset' });
    await api.ctx.reload(true);
    assert.deepEqual((await childrenOf(api, await stagesFolder())).map((s) => s.label), ['dev', 'prod', 'test']);
    assert.deepEqual(notifier.shown, []);
  });

  it('Delete Stage with DeleteStage 403: the message with Show Logs, the snapshot kept, the stage still in the tree and not busy', async () => {
    await childrenOf(api, await stagesFolder());
    const ref = { account: await api.ctx.session.api().accountId(), region: 'us-east-1', restApiId: petStore() };
    const before = (await api.ctx.snapshots.list(ref)).length;
    const node = (await child(api, await stagesFolder(), 'test')).node;
    await faultThen({ operation: 'DeleteStage', kind: 'accessDenied', times: Infinity }, () =>
      runScripted(api, 'deleteStage', [{ confirm: true }], node).then(() => undefined),
    );
    const error = notifier.shown.find((s) => s.kind === 'error');
    assert.ok(error, JSON.stringify(notifier.shown));
    assert.match(error.message, /not authorized.*IAM permissions/);
    assert.deepEqual(error.actions, ['Show Logs']);
    assert.ok((await sdk().send(new GetStageCommand({ restApiId: petStore(), stageName: 'test' }))).stageName, 'AWS still has it');
    assert.ok((await childrenOf(api, await stagesFolder())).some((s) => s.label === 'test'), 'the tree still shows it');
    await assertSettled(await stagesFolder());
    const after = (await api.ctx.snapshots.list(ref)).length;
    assert.equal(after, before + 1, 'the snapshot is kept');
  });

  it('Change Deployment with UpdateStage hanging: a timeout message in bounded time; the stage not busy; the tree shows where AWS has it', async () => {
    const deployments = seeded.apis.PetStore.deploymentIds;
    await sdk().send(new UpdateStageCommand({ restApiId: petStore(), stageName: 'dev', patchOperations: [{ op: 'replace', path: '/deploymentId', value: deployments[0] }] }));
    await api.ctx.reload(true);
    const node = (await child(api, await stagesFolder(), 'dev')).node;
    await faultThen({ operation: 'UpdateStage', kind: 'hang', times: Infinity }, () =>
      runScripted(api, 'changeDeployment', [{ pick: new RegExp(deployments[1]) }, { pick: /^Point "dev" at deployment/ }], node).then(() => undefined),
    );
    const error = notifier.shown.find((s) => s.kind === 'error');
    assert.ok(error, JSON.stringify(notifier.shown));
    // Sent, read back (not there), sent once more: never sent blindly a third time, and said plainly.
    assert.match(error.message, /No answer from API Gateway within 0.5 s \(tried 2 times\).*Nothing was changed: reading it back showed the change is not there/);
    assert.deepEqual(error.actions, ['Show Logs']);
    await assertSettled(await stagesFolder());
    const now = await sdk().send(new GetStageCommand({ restApiId: petStore(), stageName: 'dev' }));
    assert.equal(now.deploymentId, deployments[0]);
  });

  const errorShown = () => {
    const errors = notifier.shown.filter((x) => x.kind === 'error');
    assert.equal(errors.length, 1, JSON.stringify(notifier.shown));
    return errors[0];
  };

  describe('Deploy to Stage: CreateDeployment done, UpdateStage fails (503 always)', () => {
    const deploymentsOf = async () => (await sdk().send(new GetDeploymentsCommand({ restApiId: petStore(), limit: 500 }))).items ?? [];

    it('Retry the Rest, once AWS answers: the stage on the new deployment, one deployment made', async () => {
      await api.ctx.reload(true);
      const before = (await deploymentsOf()).length;
      const node = (await child(api, await stagesFolder(), 'prod')).node;
      proxy.fault({ operation: 'UpdateStage', kind: 'error503', times: Infinity });
      notifier.onError = (_m, actions) => {
        proxy.clearFaults();
        return actions.includes('Retry the Rest') ? 'Retry the Rest' : undefined;
      };
      await runScripted(api, 'deployToStage', [{ input: 'Retried rest' }, { pick: /^Deploy PetStore to stage "prod"/ }], node);
      const shown = errorShown();
      assert.match(shown.message, /unavailable.*HTTP 503/);
      assert.deepEqual(shown.actions, ['Retry the Rest', 'Show Logs']);
      const made = (await deploymentsOf()).filter((d) => d.description === 'Retried rest');
      assert.equal(made.length, 1, 'one deployment');
      assert.equal((await sdk().send(new GetStageCommand({ restApiId: petStore(), stageName: 'prod' }))).deploymentId, made[0].id);
      assert.equal((await deploymentsOf()).length, before + 1);
      assert.match((await child(api, await stagesFolder(), 'prod')).description, new RegExp(`deployment ${made[0].id}`));
      await assertSettled(await stagesFolder());
    });

    it('no retry: the stage stays where AWS has it, the new deployment shows after a refresh, nothing busy', async () => {
      await api.ctx.reload(true);
      const old = (await sdk().send(new GetStageCommand({ restApiId: petStore(), stageName: 'dev' }))).deploymentId;
      const node = (await child(api, await stagesFolder(), 'dev')).node;
      await faultThen({ operation: 'UpdateStage', kind: 'error503', times: Infinity }, () =>
        runScripted(api, 'deployToStage', [{ input: 'Half done' }, { pick: /^Deploy PetStore to stage "dev"/ }], node).then(() => undefined),
      );
      assert.deepEqual(errorShown().actions, ['Retry the Rest', 'Show Logs']);
      assert.equal((await sdk().send(new GetStageCommand({ restApiId: petStore(), stageName: 'dev' }))).deploymentId, old);
      await api.ctx.reload(true);
      assert.match((await child(api, await stagesFolder(), 'dev')).description, new RegExp(`deployment ${old}`));
      const deployments = (await childrenOf(api, (await child(api, await petStoreNode(), 'Deployments')).node)).map((d) => d.label);
      assert.ok(deployments.includes('Half done'), deployments.join(' | '));
      await assertSettled(await stagesFolder());
    });
  });

  it('Create Stage with CreateStage 404 (the API deleted meanwhile): the message, the folder not busy, nothing made', async () => {
    await api.ctx.reload(true);
    const dep = seeded.apis.PetStore.deploymentIds[0];
    const folder = await stagesFolder();
    await faultThen({ operation: 'CreateStage', kind: 'notFound', times: 1 }, () =>
      runScripted(api, 'createStage', [{ input: 'ghost' }, { input: '' }, { pick: new RegExp(dep) }, { pick: "Don't copy settings" }, { pick: /^Create stage "ghost" on deployment / }], folder).then(() => undefined),
    );
    assert.match(errorShown().message, /REST API no longer exists.*refresh/);
    assert.deepEqual(errorShown().actions, ['Show Logs']);
    assert.ok(!(await childrenOf(api, await stagesFolder())).some((x) => x.label === 'ghost'));
    await assertSettled(await petStoreNode());
  });

  it('Restore with CreateStage 503 always: the message, the snapshot kept; a later restore works', async () => {
    await api.ctx.reload(true);
    const ref = { account: await api.ctx.session.api().accountId(), region: 'us-east-1', restApiId: petStore() };
    await runScripted(api, 'deleteStage', [{ confirm: true }], (await child(api, await stagesFolder(), 'test')).node);
    assert.ok((await api.ctx.snapshots.list(ref)).some((x) => x.stage.stageName === 'test'));
    notifier.shown.length = 0;
    const folder = await stagesFolder();
    await faultThen({ operation: 'CreateStage', kind: 'error503', times: Infinity }, () =>
      runScripted(api, 'restoreStage', [{ pick: 'test' }, { input: 'test' }, { pick: 'Restore stage "test"' }], folder).then(() => undefined),
    );
    assert.match(errorShown().message, /unavailable.*HTTP 503.*Try again/);
    assert.ok((await api.ctx.snapshots.list(ref)).some((x) => x.stage.stageName === 'test'), 'the snapshot is kept');
    await assertSettled(await stagesFolder());
    await runScripted(api, 'restoreStage', [{ pick: 'test' }, { input: 'test' }, { pick: 'Restore stage "test"' }], await stagesFolder());
    assert.equal((await sdk().send(new GetStageCommand({ restApiId: petStore(), stageName: 'test' }))).stageName, 'test');
    assert.ok((await childrenOf(api, await stagesFolder())).some((x) => x.label === 'test'));
  });

  it('Flush Stage Cache with an expired token: the message says to renew the credentials; prod not busy', async () => {
    await api.ctx.reload(true);
    const node = (await child(api, await stagesFolder(), 'prod')).node;
    await faultThen({ operation: 'FlushStageCache', kind: 'expiredToken' }, () => runScripted(api, 'flushStageCache', [{ confirm: true }], node).then(() => undefined));
    assert.match(errorShown().message, /expired.*renew them/);
    await assertSettled(await stagesFolder());
  });

  it('Set CloudWatch Log Role ARN with UpdateAccount 403: the message names the missing permission', async () => {
    const role = 'arn:aws:iam::123456789012:role/Denied';
    await faultThen({ operation: 'UpdateAccount', kind: 'accessDenied' }, () =>
      runScripted(api, 'setCloudWatchRoleArn', [{ input: role }, { confirm: true }]).then(() => undefined),
    );
    assert.match(errorShown().message, /apigateway:PATCH.*IAM permissions/);
    assert.notEqual((await sdk().send(new GetAccountCommand({}))).cloudwatchRoleArn, role);
  });
  it('Deploy to Stage on a stage with a canary asks: its canary or the whole stage, never a plain deployment; to the canary is one CreateDeployment naming both', async () => {
    await api.ctx.reload(true);
    const node = (await child(api, await stagesFolder(), 'dev')).node;
    // moto drops canaries (LocalStack's service tests run the plan itself): the read before write is given one, as AWS answers.
    const canary = { deploymentId: seeded.apis.PetStore.deploymentIds[0], percentTraffic: 12.5, stageVariableOverrides: { backend: 'canary.internal' } };
    proxy.fault({ operation: 'GetStage', kind: 'merge', merge: { canarySettings: canary }, times: Infinity });
    const from = proxy.requests.length;
    const p = await runScripted(api, 'deployToStage', [{ input: 'Release 5' }, { pick: /^Deploy PetStore to stage "dev": new deployment "Release 5" as its canary \(12\.5% of requests\) · sends 1 request$/ }], node);
    proxy.clearFaults();
    const review = p.asked[1].labels ?? [];
    assert.ok(review.some((l) => /AWS refuses a plain deployment to it/.test(l)), review.join(' | '));
    assert.ok(review.includes('Deploy PetStore to stage "dev": new deployment "Release 5" and remove its canary (all requests)'), 'the whole stage is the other way');
    assert.ok(review.includes('CreateDeployment (the canary of stage dev)'), review.join(' | '));
    assert.ok(review.some((l) => l.includes('"percentTraffic":12.5') && l.includes('"backend":"canary.internal"')), 'the review shows the canary it keeps');
    assert.deepEqual(notifier.shown.filter((n) => n.kind === 'error'), [], 'no error');
    const writes = proxy.requests.slice(from).filter((r) => !r.startsWith('GET '));
    assert.deepEqual(writes, [`POST /restapis/${petStore()}/deployments`], `one CreateDeployment; the stage is not moved by an UpdateStage (${proxy.requests.slice(from).join(', ')})`);
    const after = proxy.requests.slice(from);
    assert.ok(after.lastIndexOf(`GET /restapis/${petStore()}/stages/dev`) > after.indexOf(`POST /restapis/${petStore()}/deployments`), 'the stage is read again for the tree: its canary moved');
  });
  it('Delete Canary… reads the stage, names the canary and its requests, and sends one UpdateStage remove /canarySettings; on a stage without one it says so and sends nothing', async () => {
    await api.ctx.reload(true);
    const node = (await child(api, await stagesFolder(), 'test')).node;
    let from = proxy.requests.length;
    await runScripted(api, 'deleteCanary', [], node);
    assert.match(notifier.shown.map((n) => n.message).join('\n'), /Stage "test" has no canary: nothing to delete\./);
    assert.deepEqual(proxy.requests.slice(from).filter((r) => !r.startsWith('GET ')), [], 'nothing sent');
    // moto drops canaries: the read before write is given one, as AWS answers.
    const canary = { deploymentId: seeded.apis.PetStore.deploymentIds[2], percentTraffic: 5, stageVariableOverrides: { backend: 'canary.internal' } };
    proxy.fault({ operation: 'GetStage', kind: 'merge', merge: { canarySettings: canary }, times: 1 });
    from = proxy.requests.length;
    const p = await runScripted(api, 'deleteCanary', [{ confirm: true }], node);
    const asked = p.asked[0];
    assert.equal(asked.message, 'Delete the canary of stage "test" of PetStore?');
    assert.match(asked.detail ?? '', /The canary: 5% of requests → deployment \w+, 1 variable override\./);
    assert.match(asked.detail ?? '', /All requests then go to the stage's deployment \w+/);
    assert.match(asked.detail ?? '', /UpdateStage test \(1 operation\)\n {2}remove \/canarySettings/);
    assert.deepEqual(notifier.shown.filter((n) => n.kind === 'error'), [], 'no error');
    assert.deepEqual(proxy.requests.slice(from).filter((r) => !r.startsWith('GET ')), [`PATCH /restapis/${petStore()}/stages/test`]);
  });
  it('Deploy to Canary… on a stage without one asks for the share (checked), says it makes a canary, and sends one CreateDeployment with canarySettings', async () => {
    await api.ctx.reload(true);
    const node = (await child(api, await stagesFolder(), 'dev')).node;
    const from = proxy.requests.length;
    const p = await runScripted(api, 'deployToCanary', [
      { input: 'Canary 6' },
      { input: '7.5' },
      { pick: /^Deploy PetStore to the canary of stage "dev" \(7\.5% of requests\): new deployment "Canary 6" · sends 1 request$/ },
    ], node);
    assert.deepEqual(p.asked.map((a) => a.step), [1, 2, 3], 'description, share, review');
    const review = p.asked[2].labels ?? [];
    assert.ok(review.some((l) => /Stage "dev" has no canary: this makes one\./.test(l)), review.join(' | '));
    assert.ok(review.includes('CreateDeployment (the canary of stage dev)'), review.join(' | '));
    assert.ok(review.some((l) => l.includes('canarySettings = {"percentTraffic":7.5}')), review.join(' | '));
    assert.deepEqual(notifier.shown.filter((n) => n.kind === 'error'), [], 'no error');
    assert.deepEqual(proxy.requests.slice(from).filter((r) => !r.startsWith('GET ')), [`POST /restapis/${petStore()}/deployments`]);
  });
  it('Deploy to Canary…: a canary the review reads (made meanwhile) keeps its share and overrides; the share typed is not sent', async () => {
    await api.ctx.reload(true);
    const node = (await child(api, await stagesFolder(), 'dev')).node;
    const canary = { deploymentId: seeded.apis.PetStore.deploymentIds[0], percentTraffic: 20, stageVariableOverrides: { backend: 'canary.internal' } };
    proxy.fault({ operation: 'GetStage', kind: 'merge', merge: { canarySettings: canary }, times: Infinity });
    const from = proxy.requests.length;
    // The tree listed dev without a canary (GetStages is not given one): the share is asked, then the review's GetStage finds the canary.
    const p = await runScripted(api, 'deployToCanary', [{ input: '' }, { input: '3' }, { pick: /^Deploy PetStore to the canary of stage "dev" \(20% of requests\)/ }], node);
    proxy.clearFaults();
    const review = p.asked[2].labels ?? [];
    assert.ok(!review.some((l) => l.includes('"percentTraffic":3')), 'the share typed is not sent');
    assert.ok(review.some((l) => /Stage "dev" has a canary: 20% of requests → deployment \w+, 1 variable override\./.test(l)), review.join(' | '));
    assert.ok(review.some((l) => l.includes('"percentTraffic":20') && l.includes('"backend":"canary.internal"')), review.join(' | '));
    assert.deepEqual(proxy.requests.slice(from).filter((r) => !r.startsWith('GET ')), [`POST /restapis/${petStore()}/deployments`]);
  });
  it('Promote Canary… shows both ways with their copy operations and where the traffic goes; Escape sends nothing; without a canary it says so', async () => {
    await api.ctx.reload(true);
    const node = (await child(api, await stagesFolder(), 'test')).node;
    let from = proxy.requests.length;
    await runScripted(api, 'promoteCanary', [], node);
    assert.match(notifier.shown.map((n) => n.message).join('\n'), /Stage "test" has no canary: nothing to promote\./);
    assert.deepEqual(proxy.requests.slice(from).filter((r) => !r.startsWith('GET ')), [], 'nothing sent without a canary');
    const canary = { deploymentId: seeded.apis.PetStore.deploymentIds[2], percentTraffic: 5, stageVariableOverrides: { backend: 'canary.internal' } };
    proxy.fault({ operation: 'GetStage', kind: 'merge', merge: { canarySettings: canary }, times: 1 });
    from = proxy.requests.length;
    const p = await runScripted(api, 'promoteCanary', ['cancel'], node);
    const review = p.asked[0].labels ?? [];
    assert.equal(p.asked[0].title, 'Promote Canary: stage "test" of PetStore');
    assert.ok(review.includes('Promote, then remove the canary'), review.join(' | '));
    assert.ok(review.includes('Promote, and keep the canary at 0% for the next release'), review.join(' | '));
    const lines = review.map((l) => l.trim());
    assert.equal(lines.filter((l) => l === 'copy /canarySettings/deploymentId → /deploymentId').length, 2, `each way copies the deployment: ${review.join(' | ')}`);
    assert.equal(lines.filter((l) => l === 'copy /canarySettings/stageVariableOverrides → /variables').length, 2, 'and the overrides');
    assert.ok(lines.includes('remove /canarySettings') && lines.includes('replace /canarySettings/percentTraffic = "0"'), review.join(' | '));
    assert.ok(review.some((l) => new RegExp(`to the canary's ${canary.deploymentId}`).test(l)), review.join(' | '));
    assert.ok(review.some((l) => /The stage's variables take the canary's overrides: backend\./.test(l)), review.join(' | '));
    assert.deepEqual(proxy.requests.slice(from).filter((r) => !r.startsWith('GET ')), [], 'nothing sent');
  });
});
