// Concurrent changes in a real VS Code: the stage deleted while its editor is open (the form is kept
// and can make it again), and two windows editing the same stage (the second save sees the first).
// Screenshots: test-results/screenshots/concurrency-*.png.
import * as assert from 'assert';
import { DeleteStageCommand, type Stage } from '@aws-sdk/client-api-gateway';
import {
  dialogButton, expand, openView, treeItem, treeSnapshot, waitDialog, waitGone, waitUntil, waitVisible, type Workbench, openWorkbench,
} from '../harness/workbench';
import { emulatorStage, useEditorEnv, withEmulator } from './env';
import { stageEditorPage } from './stageEditorPage';
import { openStageEditor } from './petStoreTree';

describe('editor: concurrent changes', function () {
  this.timeout(120_000);
  const env = useEditorEnv('concurrency');
  const petStore = () => env.seeded.apis.PetStore.id;
  const getStage = (stageName: string): Promise<Stage> => emulatorStage(env, stageName);
  /** Requests that may change AWS: not a GET, nor STS's GetCallerIdentity (a read: where a recreate looks for the delete's snapshot). */
  const writesSince = (from: number) => env.proxy.requests.slice(from).filter((r) => !r.startsWith('GET ') && !/Action=GetCallerIdentity/.test(r));
  const one = stageEditorPage(() => env.wb);

  async function openEditor(wb: Workbench, stageName: string): Promise<void> {
    await openView(wb, 'API Gateway', 'REST APIs');
    await waitVisible(wb, treeItem(wb, 'PetStore'), 'tree shows PetStore', 60_000);
    if (!(await treeItem(wb, stageName).isVisible())) await expand(wb, 'PetStore');
    await openStageEditor(wb, stageEditorPage(() => wb).form, stageName);
  }

  it('the stage deleted while its editor is open: Save says so and keeps the form; Recreate makes the stage again from it', async () => {
    const { wb } = env;
    await openEditor(wb, 'test');
    const before = await getStage('test');
    await one.typeInto('Description', 'kept through a delete');
    await withEmulator(env, (c) => c.send(new DeleteStageCommand({ restApiId: petStore(), stageName: 'test' })));
    const from = env.proxy.requests.length;
    await one.click('Save');
    await waitUntil(wb, 'the editor says the stage is gone and offers to recreate it', async () => {
      const t = await one.text();
      return /Stage "test" no longer exists in PetStore/.test(t) && /Recreate Stage from This Form/.test(t);
    });
    assert.deepStrictEqual(writesSince(from), [], 'nothing was written');
    const value = await one.field('Description').evaluate((e) => (e as unknown as { value: string }).value);
    assert.strictEqual(value, 'kept through a delete', 'the edit is still in the form');
    await waitGone(wb, treeItem(wb, 'test'), 'the tree drops the deleted stage');
    await wb.screenshot('gone');

    await one.click('Recreate Stage from This Form');
    const dialog = await waitDialog(wb, /Recreate stage "test" of PetStore/);
    assert.match(dialog, /CreateStage test/);
    await dialogButton(wb, 'Recreate Stage');
    await waitUntil(wb, 'the editor says it recreated the stage', async () => /Recreated stage "test" from the form/.test(await one.text()));
    assert.deepStrictEqual(writesSince(from), [`POST /restapis/${petStore()}/stages`], 'one CreateStage (the form has nothing CreateStage cannot take)');
    const after = await getStage('test');
    assert.strictEqual(after.description, 'kept through a delete');
    assert.strictEqual(after.deploymentId, before.deploymentId);
    assert.deepStrictEqual(after.variables, before.variables);
    await waitVisible(wb, treeItem(wb, 'test'), 'the tree shows the stage again');
    await wb.screenshot('recreated');
  });

  it('edits typed while a save is under way stay in the form, on top of what was saved', async () => {
    const { wb } = env;
    await openEditor(wb, 'dev');
    await one.typeInto('Cache time-to-live (TTL), seconds', '45');
    // The save's UpdateStage is throttled once: it lands after the retry, a second or two later.
    env.proxy.fault({ operation: 'UpdateStage', kind: 'throttle', times: 1, retryAfter: '2' });
    await one.click('Save');
    await waitUntil(wb, 'the save is under way', async () => /Saving…/.test(await one.text()));
    await one.typeInto('Description', 'typed during the save');
    await waitUntil(wb, 'the save landed', async () => /Saved 1 change in \d+ operations? \(one UpdateStage\)/.test(await one.text()));
    assert.strictEqual(await one.valueOf('Description'), 'typed during the save', 'the edit typed meanwhile is still in the form');
    assert.match(await one.text(), /1 unsaved change/);
    const dev = await getStage('dev');
    assert.strictEqual(dev.methodSettings?.['*/*']?.cacheTtlInSeconds, 45, 'what was in the form at the click was saved');
    assert.notStrictEqual(dev.description, 'typed during the save', 'the later edit was not sent');
  });

  it('two windows on prod: the second save finds the first window\'s change, names it, and applies on top', async () => {
    const { wb } = env;
    const wb2 = await openWorkbench(env.server.url, { prefix: 'concurrency-window2', log: wb.log });
    try {
      const two = stageEditorPage(() => wb2);
      await openEditor(wb, 'prod');
      await openEditor(wb2, 'prod');
      await one.typeInto('Cache time-to-live (TTL), seconds', '90');
      await two.typeInto('Description', 'from window 2');
      const from = env.proxy.requests.length;
      await one.click('Save');
      await waitUntil(wb, 'window 1 saved', async () => /Saved 1 change in \d+ operations? \(one UpdateStage\)/.test(await one.text()));
      await two.click('Save');
      await waitUntil(wb2, 'window 2 names the change window 1 made', async () => {
        const t = await two.text();
        return /Someone changed this stage after you opened it/.test(t) && /Their changes \(kept\)\s+Cache TTL for all methods: \d+ → 90/.test(t);
      });
      assert.deepStrictEqual(writesSince(from), [`PATCH /restapis/${petStore()}/stages/prod`], 'only window 1 wrote');
      await waitUntil(wb2, 'prod no longer marked busy in window 2', async () =>
        (await treeSnapshot(wb2)).some((r) => r.label === 'prod' && !/Saving/.test(r.description)));
      await wb2.screenshot('second-window-conflict');
      await two.click('Apply My Edits on Top');
      await two.click('Save');
      await waitUntil(wb2, 'window 2 saved on top', async () => /Saved 1 change/.test(await two.text()));
      const prod = await getStage('prod');
      assert.strictEqual(prod.description, 'from window 2');
      assert.strictEqual(prod.methodSettings?.['*/*']?.cacheTtlInSeconds, 90, 'window 1\'s change is kept');
    } finally {
      await wb2.close();
    }
  });
});
