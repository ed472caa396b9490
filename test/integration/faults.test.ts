// Faults in the extension host: the tree and the commands through the fault-injecting proxy. After
// each fault: no node left loading or busy, the message shown with "Show Logs" (recorded from
// ctx.notifier), the tree as AWS holds it after a refresh, a delete's snapshot kept, Retry the Rest.
import * as assert from 'assert/strict';
import { GetStageCommand, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/node';
import type { Notifier } from '../../src/ui/notifier';
import { type ApiProxy, type FaultSpec, startApiProxy } from '../harness/apiProxy';
import { sampleClient, type SeedResult } from '../harness/seed';
import { runScripted, useFreshSample } from './commandHelpers';
import { child, childrenOf, setSetting } from './treeHelpers';

interface Shown {
  readonly kind: 'error' | 'info';
  readonly message: string;
  readonly actions: string[];
}

/** Records every message; answers each with `answer` (a button name) or nothing. */
class RecordingNotifier implements Notifier {
  readonly shown: Shown[] = [];
  answer: string | undefined;
  error(message: string, ...actions: string[]) {
    this.shown.push({ kind: 'error', message, actions });
    return Promise.resolve(actions.includes(this.answer ?? '') ? this.answer : undefined);
  }
  info(message: string, ...actions: string[]) {
    this.shown.push({ kind: 'info', message, actions });
    return Promise.resolve(undefined);
  }
}

describe('faults in the extension host', function () {
  this.timeout(30_000);
  let api: ExtensionApi;
  let seeded: SeedResult;
  let proxy: ApiProxy;
  let notifier: RecordingNotifier;
  let savedTimeouts: ExtensionApi['ctx']['session']['timeouts'];
  const sdk = () => sampleClient(process.env.APIGW_TEST_ENDPOINT!);
  const petStore = () => seeded.apis.PetStore.id;

  const sample = useFreshSample();
  before(async () => {
    api = sample.api;
    seeded = sample.seeded;
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
        await api.ctx.reload(true);
        await faultThen({ operation: e.operation, kind, times: Infinity }, async () => {
          const shown = await childrenOf(api, await e.node());
          assert.deepEqual(shown.map((x) => x.label), ['Failed to load — retry']);
          assert.match(shown[0].description, /unavailable|No answer|not authorized|web page/);
          await assertSettled(await e.node());
        });
        // The error node's Retry, now that AWS answers again.
        const errorNode = (await childrenOf(api, await e.node()))[0].node;
        await vscode.commands.executeCommand('apigatewayStages.retryNode', errorNode);
        const labels = (await childrenOf(api, await e.node())).map((x) => x.label);
        assert.ok(e.labels(labels), labels.join(', '));
        await assertSettled(await e.node());
      });
    }
  }

  it('expanding an API with one 429 and one reset: retried, the stages shown, no message', async () => {
    await api.ctx.reload(true);
    proxy.fault({ operation: 'GetStages', kind: 'throttle', retryAfter: '0.2' });
    proxy.fault({ operation: 'GetStages', kind: 'reset' });
    assert.deepEqual((await childrenOf(api, await stagesFolder())).map((s) => s.label), ['dev', 'prod', 'test']);
    assert.deepEqual(notifier.shown, []);
  });

  it('Delete Stage with DeleteStage 403: the message with Show Logs, the snapshot kept, the stage still in the tree and not busy', async () => {
    await childrenOf(api, await stagesFolder());
    const ref = { profile: 'local', region: 'us-east-1', restApiId: petStore() };
    const before = api.ctx.snapshots.list(ref).length;
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
    const after = api.ctx.snapshots.list(ref).length;
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
    assert.match(error.message, /No answer from API Gateway within 0.5 s \(tried 2 times\)/);
    assert.deepEqual(error.actions, ['Show Logs']);
    await assertSettled(await stagesFolder());
    const now = await sdk().send(new GetStageCommand({ restApiId: petStore(), stageName: 'dev' }));
    assert.equal(now.deploymentId, deployments[0]);
  });
});
