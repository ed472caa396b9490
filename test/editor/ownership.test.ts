// A stage owned by a CloudFormation stack, in a real VS Code: the tree's mark, the editor's banner,
// Copy as Template Snippet pasted into an untitled editor, and the save that asks naming the stack.
// Screenshots: test-results/screenshots/ownership-*.png.
import * as assert from 'assert';
import { TagResourceCommand } from '@aws-sdk/client-api-gateway';
import { stageArn } from '../../src/model/arns';
import {
  clickTreeItem, dialogButton, expand, notifications, openView, runCommand, step, treeItem, waitDialog, waitUntil, waitVisible,
} from '../harness/workbench';
import { emulatorStage, useEditorEnv, withEmulator } from './env';
import { stageEditorPage } from './stageEditorPage';
import { openStageEditor } from './petStoreTree';

const STACK = 'shop-stack';

describe('editor: stage ownership', function () {
  this.timeout(120_000);
  const env = useEditorEnv('ownership');
  const { form, typeInto, click, text: editorText } = stageEditorPage(() => env.wb);

  before(async () => {
    // As CloudFormation leaves it (moto keeps a stage's tags and returns them in GetStages).
    await withEmulator(env, (c) => c.send(new TagResourceCommand({ resourceArn: stageArn('us-east-1', env.seeded.apis.PetStore.id, 'dev'), tags: { 'aws:cloudformation:stack-name': STACK } })));
    // The page may write to and read the clipboard (code-server's clipboard is the browser's).
    await env.wb.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.server.url).origin });
  });

  it('marks the owned stage in the tree with its stack', async () => {
    const { wb } = env;
    await openView(wb, 'API Gateway', 'REST APIs');
    await waitVisible(wb, treeItem(wb, 'PetStore'), 'tree shows PetStore', 60_000);
    await expand(wb, 'PetStore');
    const dev = treeItem(wb, 'dev');
    await waitVisible(wb, dev, 'the stages are listed');
    await waitUntil(wb, 'dev\'s row names its stack', async () => /CloudFormation: shop-stack/.test(await dev.innerText()));
    assert.doesNotMatch(await treeItem(wb, 'prod').innerText(), /CloudFormation/);
    await wb.screenshot('tree-mark');
  });

  it('opens the editor with the banner; Copy as Template Snippet waits for a change', async () => {
    const { wb } = env;
    await openStageEditor(wb, form, 'dev');
    const banner = form().locator('#owner-banner');
    await waitVisible(wb, banner, 'the ownership banner');
    assert.strictEqual((await banner.innerText()).trim(), `Managed by CloudFormation stack ${STACK}: changes made here drift from the template, and the next stack update may undo them`);
    assert.strictEqual(await banner.locator('code').innerText(), STACK);
    assert.strictEqual(await form().locator('vscode-button', { hasText: 'Copy as Template Snippet' }).getAttribute('disabled'), '', 'no change: nothing to copy');
    await wb.screenshot('banner');
  });

  it('copies the edit as a CloudFormation snippet, which pastes into an untitled editor', async () => {
    const { wb } = env;
    await typeInto('Description', 'Edited "by hand"');
    await waitUntil(wb, 'the button is enabled by the change', async () => (await form().locator('vscode-button', { hasText: 'Copy as Template Snippet' }).getAttribute('disabled')) === null);
    const from = env.proxy.requests.length;
    await click('Copy as Template Snippet');
    await waitUntil(wb, 'the tools are offered, the owner\'s first', async () => (await wb.page.locator('.quick-input-widget .monaco-list-row .label-name').first().innerText().catch(() => '')).includes('CloudFormation/SAM (YAML)'));
    await wb.screenshot('snippet-tools');
    await step(wb, 'pick CloudFormation/SAM (YAML)', async () => {
      await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'CloudFormation/SAM (YAML)' }).first().click();
    });
    await waitUntil(wb, 'it says it copied', async () => (await notifications(wb)).some((n) => /Copied CloudFormation\/SAM \(YAML\) snippet of stage "dev"/.test(n)));
    assert.deepStrictEqual(env.proxy.requests.slice(from), [], 'a snippet sends nothing');
    // code-server's clipboard is the browser's.
    const copied = await wb.page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /^ {2}Description: "Edited \\"by hand\\""$/m, `the clipboard holds: ${copied}`);
    await runCommand(wb, 'File: New Untitled Text File');
    await step(wb, 'paste with Ctrl+V', async () => {
      await wb.page.locator('.monaco-editor .view-lines').first().click();
      await wb.page.keyboard.press('Control+V');
    });
    const lines = wb.page.locator('.monaco-editor .view-lines').first();
    await waitUntil(wb, 'the snippet is pasted', async () => /Properties:/.test(await lines.innerText()));
    const pasted = (await lines.innerText()).replace(/\u00a0/g, ' ');
    assert.match(pasted, /# AWS::ApiGateway::Stage of stage "dev"/);
    assert.match(pasted, /^Properties:$/m);
    assert.match(pasted, /^ {2}Description: "Edited \\"by hand\\""$/m);
    await wb.screenshot('snippet-pasted');
    await step(wb, 'close the untitled editor without saving', async () => {
      await runCommand(wb, 'View: Revert and Close Editor');
    });
  });

  it('Save asks once, naming the stack; Save Anyway sends it', async () => {
    const { wb } = env;
    await clickTreeItem(wb, 'dev');
    await waitVisible(wb, form().locator('#owner-banner'), 'back in the editor');
    await click('Save');
    const dialog = await waitDialog(wb, /managed by CloudFormation stack "shop-stack"/);
    assert.match(dialog, /changes made here drift from the template, and the next stack update may undo them/);
    await wb.screenshot('save-asks');
    await dialogButton(wb, 'Save Anyway');
    await waitUntil(wb, 'saved', async () => /Saved 1 change/.test(await editorText()));
    assert.strictEqual((await emulatorStage(env, 'dev')).description, 'Edited "by hand"');
    await wb.screenshot('saved');
  });
});
