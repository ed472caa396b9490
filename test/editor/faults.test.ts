// The stage editor when AWS fails: opening with GetStage 500 shows the error with Try Again and
// Show Logs (no editor stuck loading); a save that meets 503 or 403 says so and keeps the edits;
// a later save works. Faults come from the proxy in front of the emulator (env.proxy).
// Screenshots: test-results/screenshots/faults-*.png.
import * as assert from 'assert';
import { GetDeploymentsCommand, GetStageCommand } from '@aws-sdk/client-api-gateway';
import { sampleClient } from '../harness/seed';
import { clickTreeItem, contextMenu, notifications, quickInputType, quickPickSelect, step, treeSnapshot, waitUntil, waitVisible } from '../harness/workbench';
import { useEditorEnv } from './env';
import { stageEditorPage } from './stageEditorPage';
import { showStages } from './petStoreTree';

describe('editor: faults', function () {
  this.timeout(120_000);
  const env = useEditorEnv('faults');
  const { form, typeInto, valueOf, click, text } = stageEditorPage(() => env.wb);
  const withSdk = async <T>(fn: (client: ReturnType<typeof sampleClient>) => Promise<T>): Promise<T> => {
    const client = sampleClient(env.emulator.endpoint);
    try {
      return await fn(client);
    } finally {
      client.destroy();
    }
  };
  const stageNamed = (stageName: string) => withSdk((c) => c.send(new GetStageCommand({ restApiId: env.seeded.apis.PetStore.id, stageName })));
  const description = async () => (await stageNamed('dev')).description;

  it('opening dev with GetStage 500 (always): the error, Try Again and Show Logs; Try Again once AWS answers opens it', async () => {
    const { wb } = env;
    await showStages(wb, 'dev');
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

  it('Deploy to Stage cancelled while UpdateStage hangs: says what was done; prod stays where AWS has it, not busy', async () => {
    const { wb } = env;
    const old = (await stageNamed('prod')).deploymentId;
    env.proxy.fault({ operation: 'UpdateStage', kind: 'hang', times: Infinity });
    const from = env.proxy.requests.length;
    await contextMenu(wb, 'prod', 'Deploy to Stage…');
    await quickInputType(wb, 'Cancelled deploy', { enter: true });
    await quickPickSelect(wb, 'Deploy PetStore to stage "prod": new deployment "Cancelled deploy"', { filter: false });
    const cancel = wb.page.locator('.notification-toast:visible').filter({ hasText: 'Deploying PetStore to stage "prod"' }).locator('.monaco-button', { hasText: 'Cancel' });
    await waitVisible(wb, cancel, 'the progress offers Cancel');
    await waitUntil(wb, 'UpdateStage is under way', async () => env.proxy.requests.slice(from).some((r) => r.startsWith('PATCH ')));
    await wb.screenshot('deploy-cancellable');
    await step(wb, 'click Cancel', () => cancel.click());
    await waitUntil(wb, 'the cancel says what was done', async () =>
      (await notifications(wb)).some((n) => /cancelled\. Done: CreateDeployment\. UpdateStage was under way and may have been applied/.test(n)));
    await wb.screenshot('deploy-cancelled');
    env.proxy.clearFaults();
    assert.strictEqual((await stageNamed('prod')).deploymentId, old, 'the hung UpdateStage never reached AWS');
    const made = await withSdk((c) => c.send(new GetDeploymentsCommand({ restApiId: env.seeded.apis.PetStore.id, limit: 500 })));
    assert.ok(made.items?.some((d) => d.description === 'Cancelled deploy'), 'the deployment CreateDeployment made is there');
    await waitUntil(wb, 'prod is not busy and shows its deployment', async () => {
      const row = (await treeSnapshot(wb)).find((r) => r.label === 'prod');
      return !!row && row.description.startsWith(`deployment ${old}`);
    });
  });
});
