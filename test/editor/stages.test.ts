// The stage commands through the UI of a real VS Code (code-server + chromium): the palette, the
// tree's context menu, the wizard's quick picks and the modal delete confirmation. After each step
// the emulator's state is read with the SDK. Screenshots: test-results/screenshots/stages-*.png.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { GetStageCommand, type Stage } from '@aws-sdk/client-api-gateway';
import { repoRoot } from '../harness/paths';
import { sampleClient } from '../harness/seed';
import {
  contextMenu, dialogButton, expand, openView, quickInputMessage, quickInputRows, quickInputAtStep, quickInputType,
  quickPickSelect, runCommand, step, treeItem, treeSnapshot, waitDialog, waitGone, waitUntil, waitVisible,
} from '../harness/workbench';
import { useEditorEnv } from './env';

describe('editor: stage commands', function () {
  this.timeout(120_000);
  const env = useEditorEnv('stages');

  const petStore = () => env.seeded.apis.PetStore;
  const dep = (i: number) => petStore().deploymentIds[i];
  const getStage = async (stageName: string): Promise<Stage | undefined> => {
    const client = sampleClient(env.emulator.endpoint);
    try {
      return await client.send(new GetStageCommand({ restApiId: petStore().id, stageName }));
    } catch (e) {
      if ((e as Error).name === 'NotFoundException') return undefined;
      throw e;
    } finally {
      client.destroy();
    }
  };
  /** Requests that changed something (not GETs) since `from`, e.g. `POST /restapis/x/stages`. */
  const writesSince = (from: number) => env.proxy.requests.slice(from).filter((r) => !r.startsWith('GET '));
  /** Picks the deployment row that shows this id (after its description and date). */
  const pickDeployment = async (id: string) => {
    await quickInputType(env.wb, id, { enter: false });
    await waitVisible(env.wb, quickInputRows(env.wb).filter({ hasText: id }), `the deployment ${id} is listed`);
    await env.wb.page.keyboard.press('Enter');
  };
  /** Waits until the wizard shows step `n/m` (its title says `(n/m)`). */
  const atStep = (n: string) => quickInputAtStep(env.wb, n);
  const stageRow = (name: string) => async () => (await treeSnapshot(env.wb)).find((r) => r.label === name);

  it('rejects a bad stage name in the create wizard while typing, and sends nothing', async () => {
    const { wb } = env;
    await openView(wb, 'API Gateway', 'REST APIs');
    await waitVisible(wb, treeItem(wb, 'PetStore'), 'tree shows PetStore', 60_000);
    const from = env.proxy.requests.length;
    await runCommand(wb, 'API Gateway: Create Stage…');
    await quickPickSelect(wb, 'PetStore');
    await atStep('2/6');
    await quickInputType(wb, 'bad name!', { enter: false });
    await waitUntil(wb, 'the message says what is wrong', async () => /a space is not allowed/.test(await quickInputMessage(wb)));
    assert.match(await quickInputMessage(wb), /letters A–Z and a–z, digits, "-" and "_"/);
    await wb.page.keyboard.press('Enter'); // refused: the box stays
    await wb.page.waitForTimeout(300);
    assert.match(await quickInputMessage(wb), /a space is not allowed/);
    await quickInputType(wb, 'prod', { enter: false });
    await waitUntil(wb, 'a taken name is refused', async () => /already has a stage named "prod"/.test(await quickInputMessage(wb)));
    await wb.screenshot('bad-name');
    await wb.page.keyboard.press('Escape');
    assert.deepStrictEqual(writesSince(from), [], 'no request that changes anything');
    assert.strictEqual(await getStage('bad name!'), undefined);
  });

  it('creates a stage from the palette: API, name, description, deployment, review; the tree selects it', async () => {
    const { wb } = env;
    const from = env.proxy.requests.length;
    await runCommand(wb, 'API Gateway: Create Stage…');
    await quickPickSelect(wb, 'PetStore');
    await atStep('2/6');
    await quickInputType(wb, 'beta');
    await atStep('3/6');
    await quickInputType(wb, 'Beta testers');
    await atStep('4/6');
    await pickDeployment(dep(1));
    await atStep('5/6');
    await quickPickSelect(wb, "Don't copy settings");
    await atStep('6/6');
    await waitVisible(wb, quickInputRows(wb).filter({ hasText: /^\s*CreateStage beta/ }), 'the review lists the CreateStage request');
    const shot = await wb.screenshot('create-review');
    if (process.env.APIGW_README_SCREENSHOT) fs.copyFileSync(shot, path.join(repoRoot(), 'media', 'create-stage.png'));
    await quickPickSelect(wb, `Create stage "beta" on deployment "Add owners" (${dep(1)})`, { filter: false });
    await waitUntil(wb, 'the emulator has stage beta', async () => (await getStage('beta'))?.deploymentId === dep(1));
    assert.strictEqual((await getStage('beta'))?.description, 'Beta testers');
    assert.deepStrictEqual(writesSince(from), [`POST /restapis/${petStore().id}/stages`]);
    await waitUntil(wb, 'the tree shows beta on its deployment', async () => (await stageRow('beta')())?.description.startsWith(`deployment ${dep(1)}`) ?? false);
    await waitVisible(wb, wb.page.locator('#workbench\\.parts\\.sidebar .monaco-list-row.selected').filter({ hasText: 'beta' }), 'beta is selected');
    await wb.screenshot('created');
  });

  it("changes a stage's deployment from the tree's context menu", async () => {
    const { wb } = env;
    await contextMenu(wb, 'beta', 'Change Deployment…');
    await atStep('1/2');
    await pickDeployment(dep(2));
    await atStep('2/2');
    await quickPickSelect(wb, `Point "beta" at deployment "Proxy fallback" (${dep(2)}) (was "Add owners" (${dep(1)}))`, { filter: false });
    await waitUntil(wb, 'the emulator has beta on the third deployment', async () => (await getStage('beta'))?.deploymentId === dep(2));
    await waitUntil(wb, 'the tree shows it', async () => (await stageRow('beta')())?.description.startsWith(`deployment ${dep(2)}`) ?? false);
    await expand(wb, 'Deployments');
    await waitUntil(wb, 'the deployment arrows show beta on the third deployment', async () =>
      (await treeSnapshot(wb)).some((r) => r.label === 'Proxy fallback' && r.description.startsWith('→ beta, dev · ')));
    await wb.screenshot('changed-deployment');
  });

  it('deletes a stage through the modal confirmation, which names the stage, API and invoke URL', async () => {
    const { wb } = env;
    await contextMenu(wb, 'beta', 'Delete Stage…');
    const text = await waitDialog(wb, /Delete stage "beta" of PetStore\?/);
    assert.match(text, new RegExp(`https://${petStore().id}\\.execute-api\\.us-east-1\\.amazonaws\\.com/beta will get errors`));
    await waitUntil(wb, 'the stage says it waits for the confirmation', async () => (await stageRow('beta')())?.description === 'Confirm delete…');
    await waitGone(wb, wb.page.locator('.notification-toast').filter({ hasText: 'Checking what uses stage' }), 'the check is over');
    const shot = await wb.screenshot('delete-confirmation');
    if (process.env.APIGW_README_SCREENSHOT) fs.copyFileSync(shot, path.join(repoRoot(), 'media', 'delete-stage.png'));
    await dialogButton(wb, 'Delete Stage');
    await waitUntil(wb, 'the emulator no longer has beta', async () => (await getStage('beta')) === undefined);
    await waitGone(wb, treeItem(wb, 'beta'), 'beta leaves the tree');
    await step(wb, 'the deployment is kept', async () => {
      assert.ok((await treeSnapshot(wb)).some((r) => r.label === 'Proxy fallback' && r.description.startsWith('→ dev · ')));
    });
    await wb.screenshot('deleted');
  });

  it('restores the deleted stage from the palette', async () => {
    const { wb } = env;
    await runCommand(wb, 'API Gateway: Restore Deleted Stage…');
    await quickPickSelect(wb, 'PetStore');
    await atStep('2/4');
    await quickPickSelect(wb, 'beta');
    // The name, prefilled with the stage's own: kept here (another name restores a copy beside a stage that took it).
    await atStep('3/4');
    await quickInputType(wb, 'beta');
    await atStep('4/4');
    await wb.screenshot('restore-review');
    await quickPickSelect(wb, 'Restore stage "beta"', { filter: false });
    await waitUntil(wb, 'the emulator has beta again', async () => (await getStage('beta'))?.deploymentId === dep(2));
    assert.strictEqual((await getStage('beta'))?.description, 'Beta testers');
    await waitVisible(wb, treeItem(wb, 'beta'), 'beta is back in the tree');
    await waitUntil(wb, 'the arrows show beta again', async () => (await treeSnapshot(wb)).some((r) => r.label === 'Proxy fallback' && r.description.startsWith('→ beta, dev · ')));
    await wb.screenshot('restored');
  });

  it('Deploy to Stage offers a name typed in its first picker at once as a new stage', async () => {
    const { wb } = env;
    const from = env.proxy.requests.length;
    await contextMenu(wb, 'PetStore', 'Deploy to Stage…');
    await atStep('1/4');
    await quickInputType(wb, 'gamma', { enter: false });
    await waitVisible(wb, quickInputRows(wb).filter({ has: wb.page.locator('.label-name', { hasText: 'New stage "gamma"' }) }), 'the typed name is offered as a new stage');
    await wb.screenshot('deploy-typed-stage');
    await wb.page.keyboard.press('Enter');
    // The name is taken from the picker: the description comes next.
    await atStep('2/3');
    await wb.page.keyboard.press('Escape');
    assert.deepStrictEqual(writesSince(from), [], 'cancelled: nothing sent');
  });
});
