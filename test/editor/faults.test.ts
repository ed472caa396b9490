// The stage editor when AWS fails: opening with GetStage 500 shows the error with Try Again and
// Show Logs (no editor stuck loading); a save that meets 503 or 403 says so and keeps the edits;
// a later save works. Faults come from the proxy in front of the emulator (env.proxy).
// Screenshots: test-results/screenshots/faults-*.png.
import * as assert from 'assert';
import { GetStageCommand } from '@aws-sdk/client-api-gateway';
import { sampleClient } from '../harness/seed';
import { clickTreeItem, expand, openView, treeItem, waitUntil, waitVisible } from '../harness/workbench';
import { useEditorEnv } from './env';
import { stageEditorPage } from './stageEditorPage';

describe('editor: faults', function () {
  this.timeout(120_000);
  const env = useEditorEnv('faults');
  const { form, typeInto, valueOf, click, text } = stageEditorPage(() => env.wb);
  const description = async () => {
    const client = sampleClient(env.emulator.endpoint);
    try {
      return (await client.send(new GetStageCommand({ restApiId: env.seeded.apis.PetStore.id, stageName: 'dev' }))).description;
    } finally {
      client.destroy();
    }
  };

  it('opening dev with GetStage 500 (always): the error, Try Again and Show Logs; Try Again once AWS answers opens it', async () => {
    const { wb } = env;
    await openView(wb, 'API Gateway', 'REST APIs');
    await waitVisible(wb, treeItem(wb, 'PetStore'), 'tree shows PetStore', 60_000);
    await expand(wb, 'PetStore');
    await waitVisible(wb, treeItem(wb, 'dev'), 'the stages are listed');
    env.proxy.fault({ operation: 'GetStage', kind: 'error500', times: Infinity });
    await clickTreeItem(wb, 'dev');
    await waitUntil(wb, 'the editor shows the error with what to do', async () => /internal error \(HTTP 500.*try again in a minute/.test(await text()));
    assert.strictEqual(await form().locator('vscode-button', { hasText: 'Try Again' }).count(), 1);
    assert.strictEqual(await form().locator('vscode-button', { hasText: 'Show Logs' }).count(), 1);
    await wb.screenshot('open-failed');
    env.proxy.clearFaults();
    await click('Try Again');
    await waitVisible(wb, form().locator('h1', { hasText: 'Stage dev' }), 'the editor shows stage dev', 30_000);
  });

  it('Save meeting UpdateStage 503, then 403: each says what happened, the edit stays; the next Save lands', async () => {
    const { wb } = env;
    await typeInto('Description', 'kept through faults');
    env.proxy.fault({ operation: 'UpdateStage', kind: 'error503', times: Infinity });
    await click('Save');
    await waitUntil(wb, 'the 503 is said', async () => /unavailable for now \(HTTP 503\)/.test(await text()));
    assert.strictEqual(await valueOf('Description'), 'kept through faults', 'the edit stays');
    await wb.screenshot('save-503');
    env.proxy.clearFaults();
    env.proxy.fault({ operation: 'UpdateStage', kind: 'accessDenied', times: Infinity });
    await click('Save');
    await waitUntil(wb, 'the 403 is said', async () => /not authorized.*IAM permissions/.test(await text()));
    assert.strictEqual(await valueOf('Description'), 'kept through faults', 'the edit stays');
    await wb.screenshot('save-403');
    env.proxy.clearFaults();
    assert.notStrictEqual(await description(), 'kept through faults', 'nothing was saved yet');
    await click('Save');
    await waitUntil(wb, 'the editor says it saved', async () => /Saved 1 change/.test(await text()));
    assert.strictEqual(await description(), 'kept through faults');
  });
});
