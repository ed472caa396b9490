// Changes not deployed, in a real VS Code on moto behind the test proxy (which answers GetDeployment's
// `embed=apisummary` for deployments made through it, as AWS does). Screenshots:
// test-results/screenshots/undeployed-*.png.
import * as assert from 'assert';
import { CreateDeploymentCommand, CreateResourceCommand } from '@aws-sdk/client-api-gateway';
import { addMockMethod, sampleClient } from '../harness/seed';
import { contextMenu, expand, openView, quickInputRows, quickInputType, quickPickSelect, treeItem, treeSnapshot, waitUntil, waitVisible } from '../harness/workbench';
import { emulatorStage, useEditorEnv, withEmulator } from './env';

describe('editor: changes not deployed', function () {
  this.timeout(120_000);
  const env = useEditorEnv('undeployed');
  const row = async (label: string) => (await treeSnapshot(env.wb)).find((r) => r.label === label);

  it('a stage whose deployment lacks a new method says "1 change not deployed"; Deploy to Stage lists it; after the deploy the mark goes', async () => {
    const { wb } = env;
    const petStore = env.seeded.apis.PetStore;
    // dev's deployment, made through the proxy as on AWS (so it has a summary); then a method no deployment has.
    const proxied = sampleClient(env.proxy.endpoint);
    try {
      await proxied.send(new CreateDeploymentCommand({ restApiId: petStore.id, stageName: 'dev', description: 'Before export' }));
    } finally {
      proxied.destroy();
    }
    await withEmulator(env, async (c) => {
      const made = await c.send(new CreateResourceCommand({ restApiId: petStore.id, parentId: petStore.resourceIds['/pets'], pathPart: 'export' }));
      await addMockMethod(c, petStore.id, made.id!, 'GET');
    });
    await openView(wb, 'API Gateway', 'REST APIs');
    await waitVisible(wb, treeItem(wb, 'PetStore'), 'tree shows PetStore', 60_000);
    await expand(wb, 'PetStore');
    await expand(wb, 'dev');
    await waitUntil(wb, 'dev says what is not deployed', async () => /^1 change not deployed · deployment /.test((await row('dev'))?.description ?? ''), 30_000);
    await treeItem(wb, 'dev').first().hover();
    await waitUntil(wb, 'the tooltip lists the change', async () => /GET \/pets\/export added/.test(await wb.page.locator('.monaco-hover:visible, .workbench-hover:visible').first().innerText().catch(() => '')));
    await wb.screenshot('undeployed-row');

    await contextMenu(wb, 'dev', 'Deploy to Stage…');
    await quickInputType(wb, 'Export', { enter: true });
    await waitUntil(wb, 'the review lists the change', async () =>
      (await quickInputRows(wb).allInnerTexts()).some((t) => /GET \/pets\/export added\./.test(t)));
    assert.ok((await quickInputRows(wb).allInnerTexts()).some((t) => /Deployment \w+ lacks 1 change that this deploy brings\./.test(t)));
    await wb.screenshot('undeployed-review');
    await quickPickSelect(wb, 'Deploy PetStore to stage "dev": new deployment "Export"', { filter: false });
    await waitUntil(wb, 'the mark goes', async () => /^deployment /.test((await row('dev'))?.description ?? ''), 30_000);
    const now = await emulatorStage(env, 'dev');
    assert.match((await row('dev'))?.description ?? '', new RegExp(`^deployment ${now.deploymentId}`));
    await wb.screenshot('undeployed-deployed');
  });
});
