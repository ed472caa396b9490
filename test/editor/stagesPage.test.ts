// The rest of the console's Stages page in a real VS Code, on moto: the editor's Security and
// documentation section with a web ACL associated from it (moto implements WAF v2's association),
// and Export API Definition… from the tree opening the definition in an editor tab.
// Screenshots: test-results/screenshots/stages-page-*.png.
import * as assert from 'assert';
import { CreateWebACLCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import { contextMenu, dialogButton, quickPickSelect, waitDialog, waitUntil, waitVisible } from '../harness/workbench';
import { emulatorStage, useEditorEnv } from './env';
import { stageEditorPage } from './stageEditorPage';
import { openStageEditor, showStages } from './petStoreTree';

describe('editor: web ACL and export (the console\'s Stages page)', function () {
  this.timeout(120_000);
  const env = useEditorEnv('stages-page');
  const { form, click } = stageEditorPage(() => env.wb);
  const section = () => form().locator('#security-section');

  it('the editor shows "None." for the web ACL; Associate Web ACL… from it associates the one picked, and the section names it', async () => {
    const { wb } = env;
    const waf = new WAFV2Client({ endpoint: env.emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    let arn: string;
    try {
      arn = (await waf.send(new CreateWebACLCommand({
        Name: 'edge-acl', Scope: 'REGIONAL', DefaultAction: { Allow: {} }, VisibilityConfig: { SampledRequestsEnabled: false, CloudWatchMetricsEnabled: false, MetricName: 'edge' },
      }))).Summary!.ARN!;
    } finally {
      waf.destroy();
    }
    await showStages(wb, 'dev');
    await openStageEditor(wb, form, 'dev');
    await section().scrollIntoViewIfNeeded();
    assert.match(await section().innerText(), /Web ACL \(AWS WAF\)\s+None\./);
    await click('Associate Web ACL…');
    await quickPickSelect(wb, 'edge-acl');
    const dialog = await waitDialog(wb, /Associate web ACL edge-acl with stage "dev" of PetStore\?/);
    assert.match(dialog, /AssociateWebACL stage dev →/);
    await dialogButton(wb, 'Associate');
    await waitUntil(wb, 'the section names the web ACL', async () => (await section().innerText()).includes('edge-acl'), 30_000);
    assert.strictEqual((await emulatorStage(env, 'dev')).webAclArn, arn);
    assert.match(await section().innerText(), /not in the AWS console/, 'an emulator\'s web ACL has no console link');
    await section().scrollIntoViewIfNeeded();
    await wb.screenshot('web-acl');
  });

  it('Export API Definition… on a stage opens OpenAPI 3 JSON in an untitled tab', async () => {
    const { wb } = env;
    await contextMenu(wb, 'prod', 'Export API Definition…');
    await quickPickSelect(wb, 'OpenAPI 3');
    await quickPickSelect(wb, 'JSON');
    // The extensions (several may be ticked): none, then accept.
    await waitVisible(wb, wb.page.locator('.quick-input-widget input[placeholder^="Extensions"]'), 'the extensions are asked');
    await wb.page.keyboard.press('Enter');
    await quickPickSelect(wb, 'Open in an editor tab');
    await waitUntil(wb, 'an untitled JSON tab opens with the definition', async () => {
      const text = await wb.page.locator('.monaco-editor .view-lines').first().innerText().catch(() => '');
      return /"(swagger|openapi)"/.test(text) && /PetStore/.test(text);
    }, 30_000);
    const language = await wb.page.locator('.statusbar-item[id="status.editor.mode"]').innerText();
    assert.match(language, /JSON/);
    await wb.screenshot('export');
  });
});
