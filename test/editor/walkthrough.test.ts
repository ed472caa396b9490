// The walkthrough in a real VS Code: API Gateway: Get Started opens it, its five steps are listed,
// and taking a step (its button, or the same thing done in the view) marks it done as VS Code does,
// with the checked icon. Screenshots: test-results/screenshots/walkthrough-*.png.
import * as assert from 'assert';
import type { Locator } from 'playwright-core';
import { clickTreeItem, expand, runCommand, step, treeItem, waitUntil, waitVisible } from '../harness/workbench';
import { useEditorEnv } from './env';
import { stageEditorPage } from './stageEditorPage';

const TITLE = 'Get started with API Gateway Stages';
const STEPS = ['Pick a profile, or set up LocalStack', 'Open the API Gateway view', 'Open a stage\'s settings', 'Create a stage', 'Check CloudWatch logging'];

describe('editor: the walkthrough', function () {
  this.timeout(180_000);
  const env = useEditorEnv('walkthrough');
  const { form } = stageEditorPage(() => env.wb);
  const page = () => env.wb.page;
  const walkthrough = () => page().locator('.gettingStartedContainer');
  /** A step's row; VS Code's step ids are `<extension id>#<walkthrough id>#<step id>`. */
  const stepRow = (id: string): Locator => walkthrough().locator(`[data-step-id$="#${id}"]`).first();
  /** The step's checkbox: VS Code gives it the class `complete` (and the checked codicon) once the step is done. */
  const done = async (id: string): Promise<boolean> => {
    const mark = walkthrough().locator(`[data-done-step-id$="#${id}"]`).first();
    return /\bcomplete\b/.test((await mark.getAttribute('class')) ?? '');
  };
  /** The selected step's Markdown, in its own webview beside the steps. */
  const media = () => page().locator('iframe.webview.ready').filter({ visible: true }).first().contentFrame().frameLocator('iframe#active-frame');
  const openWalkthrough = async () => {
    // Right after the page loads, the palette may not list the extension's commands yet (nothing else waits for them here).
    await waitUntil(env.wb, 'the palette lists API Gateway: Get Started', async () => {
      await page().keyboard.press('Escape');
      await page().locator('.monaco-workbench').focus();
      await page().keyboard.press('F1');
      await page().locator('.quick-input-widget input').fill('>API Gateway: Get Started');
      await page().waitForTimeout(500);
      return (await page().locator('.quick-input-widget .monaco-list-row .label-name').allInnerTexts()).includes('API Gateway: Get Started');
    }, 60_000);
    await runCommand(env.wb, 'API Gateway: Get Started');
    await waitVisible(env.wb, walkthrough().getByText(TITLE), 'the walkthrough shows its title', 60_000);
  };

  it('API Gateway: Get Started opens "Get started with API Gateway Stages" with its five steps, none done', async () => {
    await openWalkthrough();
    for (const title of STEPS) await waitVisible(env.wb, walkthrough().getByText(title, { exact: true }), `the step "${title}" is listed`);
    for (const id of ['connect', 'openView', 'editStage', 'createStage', 'checkLogging']) {
      assert.ok(await stepRow(id).isVisible(), `step ${id} is shown`);
      assert.strictEqual(await done(id), false, `step ${id} is not done yet`);
    }
    await waitVisible(env.wb, media().getByRole('heading', { name: 'Your AWS profile, or an emulator' }), 'the first step shows its Markdown', 60_000);
    await env.wb.screenshot('opened');
  });

  it('the "Open the View" button opens the REST APIs view, and the step shows as done', async () => {
    await step(env.wb, 'select the step "Open the API Gateway view"', () => stepRow('openView').click());
    const button = walkthrough().getByRole('button', { name: 'Open the View' });
    await waitVisible(env.wb, button, 'the step shows its button');
    await button.click();
    await waitVisible(env.wb, treeItem(env.wb, 'PetStore'), 'the view opens and lists PetStore', 60_000);
    await waitUntil(env.wb, 'the step "Open the API Gateway view" is done', () => done('openView'));
    assert.strictEqual(await done('editStage'), false, 'opening the view does not do the next step');
    await waitVisible(env.wb, media().getByRole('heading', { name: 'The REST APIs view' }), 'the step shows its Markdown');
    await env.wb.screenshot('view-step-done');
  });

  it('opening a stage from the tree does the step "Open a stage\'s settings"', async () => {
    await expand(env.wb, 'PetStore');
    await clickTreeItem(env.wb, 'dev');
    await waitVisible(env.wb, form().locator('h1', { hasText: 'Stage dev' }), 'the editor shows stage dev', 60_000);
    await openWalkthrough();
    await waitUntil(env.wb, 'the step "Open a stage\'s settings" is done', () => done('editStage'));
    assert.strictEqual(await done('openView'), true, 'the view step stays done');
    assert.strictEqual(await done('createStage'), false, 'creating a stage is still to do');
    await step(env.wb, 'select the step "Open a stage\'s settings"', () => stepRow('editStage').click());
    await waitVisible(env.wb, media().getByRole('heading', { name: 'The stage editor' }), 'the step shows its Markdown');
    await env.wb.screenshot('two-steps-done');
  });
});
