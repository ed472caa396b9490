// Changes not deployed, in the extension host through the test proxy (which answers GetDeployment's
// `embed=apisummary` for deployments made through it, as AWS does; the emulators answer none).
import * as assert from 'assert/strict';
import { CreateDeploymentCommand, CreateResourceCommand } from '@aws-sdk/client-api-gateway';
import type { ExtensionApi } from '../../src/extension';
import { addMockMethod, type SeedResult } from '../harness/seed';
import { emulatorClient, runScripted, useApiProxy, useFreshSample } from './commandHelpers';
import { apiFolder, child, childrenOf, type Shown, tooltipText } from './treeHelpers';

describe('changes not deployed', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let seeded: SeedResult;
  const net = useApiProxy(useFreshSample((s) => ({ api, seeded } = s)));

  const orders = () => seeded.apis['Orders API'];
  const stagesFolder = () => apiFolder(api, 'Orders API', 'Stages');
  /** The stage's row once `ok` holds (the mark comes when GetDeployment answers). */
  const rowWhen = async (ok: (row: Shown) => boolean, what: string): Promise<Shown> => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const row = await child(api, await stagesFolder(), 'v1');
      if (ok(row)) return row;
      if (Date.now() > deadline) throw new Error(`${what}: the row says "${row.description}"`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('a stage expanded after a method was added says "1 change not deployed", lists it in its tooltip and in the deploy review; after the deploy the mark goes', async () => {
    const deploy = async (description: string) =>
      runScripted(api, 'deployToStage', [{ input: description }, { pick: `Deploy Orders API to stage "v1": new deployment "${description}"` }], (await child(api, await stagesFolder(), 'v1')).node);
    // A deployment made through the proxy has a summary, as on AWS.
    await deploy('Snapshot');
    const direct = emulatorClient();
    try {
      const made = await direct.send(new CreateResourceCommand({ restApiId: orders().id, parentId: orders().resourceIds['/orders'], pathPart: 'export' }));
      await addMockMethod(direct, orders().id, made.id!, 'GET');
    } finally {
      direct.destroy();
    }
    await api.ctx.reload(true); // as Refresh: the resources are read again
    const v1 = (await child(api, await stagesFolder(), 'v1')).node;
    await childrenOf(api, v1); // expanded
    const row = await rowWhen((r) => r.description.includes('1 change not deployed'), 'the mark');
    assert.match(row.description, /^1 change not deployed · deployment \w+/);
    const tip = tooltipText(row.item);
    assert.ok(tip.includes('1 change not deployed (Deploy to Stage… sends them):'), tip);
    assert.ok(tip.includes('GET /orders/export added'), tip);

    const from = net.proxy.requests.length;
    const p = await deploy('Export');
    const review = p.asked[1].labels ?? [];
    const at = review.findIndex((l) => /^Deployment \w+ lacks 1 change that this deploy brings\.$/.test(l));
    assert.ok(at >= 0, review.join(' | '));
    assert.equal(review[at + 1].trim(), 'GET /orders/export added.', 'the change on its own row');
    assert.deepEqual(net.proxy.requests.slice(from).filter((r) => r.includes('/deployments/')), [], 'the review reads no deployment again: its summary is kept');
    const after = await rowWhen((r) => !r.description.includes('not deployed'), 'the mark gone after the deploy');
    assert.match(after.description, /^deployment \w+/);
    // The new deployment's summary is read (once), and says nothing is left to deploy.
    await rowWhen(() => net.proxy.requests.slice(from).some((r) => /\/deployments\/\w+$/.test(r) && r.startsWith('GET')), 'the new deployment read');
    assert.doesNotMatch((await child(api, await stagesFolder(), 'v1')).description, /not deployed/);
  });

  it('a deployment without a summary (made past the proxy, as the emulators answer) shows no mark and no note', async () => {
    const direct = emulatorClient();
    try {
      await direct.send(new CreateDeploymentCommand({ restApiId: orders().id, stageName: 'v1', description: 'Past the proxy' }));
      const made = await direct.send(new CreateResourceCommand({ restApiId: orders().id, parentId: orders().resourceIds['/orders'], pathPart: 'audit' }));
      await addMockMethod(direct, orders().id, made.id!, 'GET');
    } finally {
      direct.destroy();
    }
    await api.ctx.reload(true);
    const v1 = (await child(api, await stagesFolder(), 'v1')).node;
    await childrenOf(api, v1);
    const from = net.proxy.requests.length;
    const p = await runScripted(api, 'deployToStage', [{ pick: 'v1' }, { input: 'Plain' }, { pick: 'Deploy Orders API to stage "v1": new deployment "Plain"' }], (await child(api, undefined, 'Orders API')).node);
    assert.ok(!(p.asked[2].labels ?? []).some((l) => l.includes('not deployed')), `no note: ${p.asked[2].labels?.join(' | ')}`);
    assert.ok(net.proxy.requests.slice(0, from).some((r) => /\/deployments\/\w+$/.test(r)), 'its deployment was asked (and had no summary)');
    assert.doesNotMatch((await child(api, await stagesFolder(), 'v1')).description, /not deployed/);
  });
});
