// Edit Deployment Description… and Delete Deployment… in the extension host, through the test proxy
// (moto has no UpdateDeployment: the proxy keeps the description; moto drops canaries: the proxy's
// `merge` puts one into GetStages, as AWS answers it).
import * as assert from 'assert/strict';
import { CreateDeploymentCommand, GetStagesCommand, UpdateDeploymentCommand } from '@aws-sdk/client-api-gateway';
import type { ExtensionApi } from '../../src/extension';
import { sampleClient, type SeedResult } from '../harness/seed';
import { emulatorClient, noticesOf, runScripted, useApiProxy, useFreshSample } from './commandHelpers';
import { apiFolder, child, childrenOf } from './treeHelpers';

describe('deployment commands', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let seeded: SeedResult;
  const net = useApiProxy(useFreshSample((s) => ({ api, seeded } = s)));
  const sdk = emulatorClient;
  const petStore = () => seeded.apis.PetStore.id;

  const deploymentsFolder = () => apiFolder(api, 'PetStore', 'Deployments');
  const deploymentRow = async (label: string) => child(api, await deploymentsFolder(), label);
  const writesSince = (from: number) => net.proxy.requests.slice(from).filter((r) => !r.startsWith('GET '));

  it('Edit Deployment Description… on a deployment: prefilled, read again before the review, one UpdateDeployment; the folder shows it', async () => {
    const id = seeded.apis.PetStore.deploymentIds[2];
    const row = await deploymentRow('Proxy fallback');
    const from = net.proxy.requests.length;
    const notices = await noticesOf(api, async () => {
      const p = await runScripted(api, 'editDeploymentDescription', [{ input: 'Proxy fallback, reviewed' }, { pick: /^Set the description of deployment \w+ to "Proxy fallback, reviewed" · sends 1 request$/ }], row.node);
      assert.equal(p.asked[0].value, 'Proxy fallback', 'the box holds the current description');
      assert.ok(p.asked[1].labels?.includes('UpdateDeployment ' + id + ' (1 operation)'), p.asked[1].labels?.join(' | '));
      assert.ok(p.asked[1].labels?.includes('replace /description = "Proxy fallback, reviewed"'), 'the review shows the exact request');
    });
    assert.deepEqual(notices.filter((n) => n.kind === 'error'), []);
    const after = net.proxy.requests.slice(from);
    assert.ok(after.indexOf(`GET /restapis/${petStore()}/deployments/${id}`) >= 0, `GetDeployment before the write: ${after.join(', ')}`);
    assert.deepEqual(writesSince(from), [`PATCH /restapis/${petStore()}/deployments/${id}`]);
    const labels = (await childrenOf(api, await deploymentsFolder())).map((r) => r.label);
    assert.ok(labels.some((l) => l.startsWith('Proxy fallback, r')), `the folder shows the new description: ${labels.join(', ')}`);
  });

  it('Edit Deployment Description… from the palette: the API and the deployment picked; the same description sends nothing', async () => {
    const from = net.proxy.requests.length;
    const notices = await noticesOf(api, () => runScripted(api, 'editDeploymentDescription', [{ pick: 'PetStore' }, { pick: /^Add owners ·/ }, { input: 'Add owners' }]));
    assert.match(notices.map((n) => n.message).join('\n'), /already has that description: nothing to change/);
    assert.deepEqual(writesSince(from), []);
  });

  it('Edit Deployment Description…: a description changed meanwhile (after the box) is named in the review, theirs and as chosen', async () => {
    const id = seeded.apis.PetStore.deploymentIds[0];
    // Someone else's change, through the proxy (which keeps descriptions where moto has no UpdateDeployment).
    const theirs = () => sampleClient(net.proxy.endpoint).send(new UpdateDeploymentCommand({ restApiId: petStore(), deploymentId: id, patchOperations: [{ op: 'replace', path: '/description', value: 'Hotfix 1' }] }));
    const from = net.proxy.requests.length;
    const p = await runScripted(api, 'editDeploymentDescription', [
      { input: 'Initial release (2025)', meanwhile: theirs }, { pick: /^Set the description of deployment \w+ to "Initial release \(2025\)"/ },
    ], (await deploymentRow('Initial release')).node);
    const review = p.asked[1].labels ?? [];
    assert.ok(review.some((l) => l.startsWith('Changed meanwhile: its description is "Hotfix 1" now (was "Initial release" when you chose).')), review.join(' | '));
    assert.equal(writesSince(from).filter((r) => r.startsWith('PATCH')).length, 2, 'theirs, then ours');
  });

  it('Delete Deployment… refuses, naming the stage, while a stage runs it; nothing sent', async () => {
    const row = await deploymentRow('Add owners');
    const from = net.proxy.requests.length;
    const notices = await noticesOf(api, () => runScripted(api, 'deleteDeployment', [], row.node));
    assert.match(notices.map((n) => n.message).join('\n'), /^Deployment "Add owners" \(\w+\) is in use by stage "test": AWS refuses to delete it while a stage or a canary runs it\./);
    assert.ok(net.proxy.requests.slice(from).includes(`GET /restapis/${petStore()}/stages`), 'the stages read again (GetStages)');
    assert.deepEqual(writesSince(from), []);
  });

  it("Delete Deployment… refuses while a stage's canary runs it (GetStages given a canary, as AWS answers); without it: confirmed, one DeleteDeployment, gone from the folder", async () => {
    const made = (await sdk().send(new CreateDeploymentCommand({ restApiId: petStore(), description: 'Canary build' }))).id!;
    await api.ctx.reload(true);
    const stages = (await sdk().send(new GetStagesCommand({ restApiId: petStore() }))).item ?? [];
    // moto drops canaries: stage "test" is given one on the new deployment.
    const item = stages.map((s) => (s.stageName === 'test' ? { ...s, canarySettings: { deploymentId: made, percentTraffic: 10 } } : s));
    net.proxy.fault({ operation: 'GetStages', kind: 'merge', merge: { item }, times: Infinity });
    let from = net.proxy.requests.length;
    let notices = await noticesOf(api, async () => runScripted(api, 'deleteDeployment', [], (await deploymentRow('Canary build')).node));
    assert.match(notices.map((n) => n.message).join('\n'), /is in use by the canary of stage "test"/);
    assert.deepEqual(writesSince(from), []);
    net.proxy.clearFaults();

    from = net.proxy.requests.length;
    notices = await noticesOf(api, async () => {
      const p = await runScripted(api, 'deleteDeployment', [{ confirm: true }], (await deploymentRow('Canary build')).node);
      assert.match(p.asked[0].message ?? '', /^Delete deployment "Canary build" \(\w+\) of PetStore\?$/);
      assert.match(p.asked[0].detail ?? '', new RegExp(`Requests:\\nDeleteDeployment ${made}$`));
    });
    assert.deepEqual(notices.filter((n) => n.kind === 'error'), []);
    assert.deepEqual(writesSince(from), [`DELETE /restapis/${petStore()}/deployments/${made}`]);
    const labels = (await childrenOf(api, await deploymentsFolder())).map((r) => r.label);
    assert.ok(!labels.includes('Canary build'), `gone from the folder: ${labels.join(', ')}`);
  });
});
