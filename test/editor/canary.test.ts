// The stage editor's Canary section in a real VS Code, on LocalStack: moto drops canaries (it turns
// a canary deployment into a full one), LocalStack keeps them as AWS does. Edit the canary, save,
// promote it, delete it and make one again from the editor; each checked in the emulator.
// Screenshots: test-results/screenshots/canary-*.png.
import * as assert from 'assert';
import { CreateDeploymentCommand, type Stage } from '@aws-sdk/client-api-gateway';
import { dialogButton, quickInputType, quickPickLabels, quickPickSelect, treeItem, waitDialog, waitUntil } from '../harness/workbench';
import { emulatorStage, useEditorEnv, withEmulator } from './env';
import { stageEditorPage } from './stageEditorPage';
import { openStageEditor, showStages } from './petStoreTree';

describe('editor: the canary of a stage (LocalStack)', function () {
  this.timeout(180_000);
  const env = useEditorEnv('canary', { emulator: 'localstack' });
  const petStore = () => env.seeded.apis.PetStore.id;
  const getStage = (stageName: string): Promise<Stage> => emulatorStage(env, stageName);
  const writesSince = (from: number) => env.proxy.requests.slice(from).filter((r) => !r.startsWith('GET '));
  const { form, typeInto, click, text: editorText } = stageEditorPage(() => env.wb);
  const canarySection = () => form().locator('vscode-collapsible[title="Canary"]');
  let canaryDeployment: string | undefined;

  it('shows the canary of prod: its share, its deployment and its overrides; the tree row says it too', async () => {
    const { wb } = env;
    const made = await withEmulator(env, (c) => c.send(new CreateDeploymentCommand({
      restApiId: petStore(), stageName: 'prod', description: 'Owners (canary)', canarySettings: { percentTraffic: 12.5, stageVariableOverrides: { backend: 'canary.internal' } },
    })));
    canaryDeployment = made.id;
    await showStages(wb, 'prod', 90_000);
    await openStageEditor(wb, form, 'prod');
    await canarySection().scrollIntoViewIfNeeded();
    const text = await canarySection().innerText();
    assert.match(text, /Share of requests \(%\)/);
    assert.equal(await form().locator('[aria-label="Share of requests (%)"] input').first().inputValue(), '12.5');
    assert.equal(await form().locator(`[aria-label="Canary's deployment (id)"] input`).first().inputValue(), canaryDeployment);
    assert.equal(await form().locator('[aria-label="Stage variable overrides"] [aria-label="Value 1"] input').first().inputValue(), 'canary.internal');
    const row = await treeItem(wb, 'prod').innerText();
    // By id: the Deployments folder is not listed yet (its description shows once it is).
    assert.ok(row.includes(`canary 12.5% → ${canaryDeployment}`), row);
    await wb.screenshot('shown');
  });

  it('saves an edit of the share and of an override as one UpdateStage under /canarySettings', async () => {
    const { wb } = env;
    await typeInto('Share of requests (%)', '101');
    await click('Save');
    await waitUntil(wb, 'Save refuses a share over 100 at its field', async () => /percentage from 0 to 100/.test(await editorText()));
    const from = env.proxy.requests.length;
    await typeInto('Share of requests (%)', '25');
    await typeInto('Value 1', 'canary2.internal', '[aria-label="Stage variable overrides"]');
    await click('Review Changes');
    await waitUntil(wb, 'the review shows both operations', async () => {
      const t = await editorText();
      return t.includes('replace /canarySettings/percentTraffic = "25"') && t.includes('replace /canarySettings/stageVariableOverrides/backend = "canary2.internal"');
    });
    await wb.screenshot('review');
    await click('Save');
    await waitUntil(wb, 'the editor says it saved', async () => /Saved 2 changes/.test(await editorText()));
    assert.deepStrictEqual(writesSince(from), [`PATCH /restapis/${petStore()}/stages/prod`]);
    const stage = await getStage('prod');
    assert.strictEqual(stage.canarySettings?.percentTraffic, 25);
    assert.deepStrictEqual(stage.canarySettings?.stageVariableOverrides, { backend: 'canary2.internal' });
  });

  it("Promote Canary… from the editor: the stage runs the canary's deployment and takes its overrides; the canary stays at 0%", async () => {
    const { wb } = env;
    await click('Promote Canary…');
    await quickPickSelect(wb, 'Promote, and keep the canary at 0% for the next release');
    await waitUntil(wb, 'the editor follows: the share is 0', async () => (await form().locator('[aria-label="Share of requests (%)"] input').first().inputValue()) === '0', 30_000);
    const stage = await getStage('prod');
    assert.strictEqual(stage.deploymentId, canaryDeployment);
    assert.strictEqual(stage.variables?.backend, 'canary2.internal');
    assert.strictEqual(stage.canarySettings?.percentTraffic, 0);
    await canarySection().scrollIntoViewIfNeeded();
    await wb.screenshot('promoted');
  });

  it('Delete Canary… from the editor asks once, then the section says there is none', async () => {
    const { wb } = env;
    await click('Delete Canary…');
    const dialog = await waitDialog(wb, /Delete the canary of stage "prod" of PetStore\?/);
    assert.match(dialog, /remove \/canarySettings/);
    await dialogButton(wb, 'Delete Canary');
    await waitUntil(wb, 'the section says there is no canary', async () => /No canary: every request goes to deployment/.test(await canarySection().innerText()), 30_000);
    assert.strictEqual((await getStage('prod')).canarySettings, undefined);
  });

  it('Deploy to Canary… from the editor makes a new canary with the share asked for; the stage keeps its deployment', async () => {
    const { wb } = env;
    const before = await getStage('prod');
    const from = env.proxy.requests.length;
    await click('Deploy to Canary…');
    await quickInputType(wb, 'Canary 2');
    await quickInputType(wb, '7.5');
    // The review comes after the stage is read again: its rows, before anything is typed into its filter.
    const action = 'Deploy PetStore to the canary of stage "prod" (7.5% of requests): new deployment "Canary 2"';
    await waitUntil(wb, 'the review lists its requests', async () => (await quickPickLabels(wb)).includes(action));
    await quickPickSelect(wb, action);
    await waitUntil(wb, 'the section shows the new canary', async () => (await form().locator('[aria-label="Share of requests (%)"] input').first().inputValue().catch(() => '')) === '7.5', 30_000);
    assert.deepStrictEqual(writesSince(from), [`POST /restapis/${petStore()}/deployments`]);
    const after = await getStage('prod');
    assert.strictEqual(after.deploymentId, before.deploymentId);
    assert.strictEqual(after.canarySettings?.percentTraffic, 7.5);
    assert.notStrictEqual(after.canarySettings?.deploymentId, canaryDeployment);
    await canarySection().scrollIntoViewIfNeeded();
    await wb.screenshot('deployed');
  });
});
