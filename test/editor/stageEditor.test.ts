// The stage editor (webview) in a real VS Code: open it from the tree, edit fields through the
// form, review, save, and check the stage in the emulator with the SDK.
// Screenshots: test-results/screenshots/editor-*.png.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { GetStageCommand, type Stage, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { repoRoot } from '../harness/paths';
import { sampleClient } from '../harness/seed';
import { clickTreeItem, expand, runCommand, step, waitUntil, waitVisible } from '../harness/workbench';
import { useEditorEnv } from './env';
import { stageEditorPage } from './stageEditorPage';
import { openStageEditor, showStages } from './petStoreTree';

const PET = '~1pets~1{petId}/GET';

describe('editor: the stage editor', function () {
  this.timeout(120_000);
  const env = useEditorEnv('editor');

  const petStore = () => env.seeded.apis.PetStore.id;
  const sdk = () => sampleClient(env.emulator.endpoint);
  const getStage = async (stageName: string): Promise<Stage> => {
    const client = sdk();
    try {
      return await client.send(new GetStageCommand({ restApiId: petStore(), stageName }));
    } finally {
      client.destroy();
    }
  };
  const updateStage = async (stageName: string, patchOperations: { op: 'replace'; path: string; value: string }[]) => {
    const client = sdk();
    try {
      await client.send(new UpdateStageCommand({ restApiId: petStore(), stageName, patchOperations }));
    } finally {
      client.destroy();
    }
  };
  const writesSince = (from: number) => env.proxy.requests.slice(from).filter((r) => !r.startsWith('GET '));
  const { form, field, typeInto, click, choose, text: editorText } = stageEditorPage(() => env.wb);

  it('opens the editor of prod from the tree, with its settings', async () => {
    const { wb } = env;
    await showStages(wb, 'prod'); // so their GetStages is not counted below
    const from = env.proxy.requests.length;
    await openStageEditor(wb, form, 'prod');
    await waitUntil(wb, 'the methods are listed', async () => (await form().locator('[data-method]').count()) === 8);
    const opened = env.proxy.requests.slice(from);
    assert.deepStrictEqual(opened.sort(), [`GET /restapis/${petStore()}/resources`, `GET /restapis/${petStore()}/stages/prod`, 'GET /account'].sort(), 'opening costs three requests: GetStage, GetResources, GetAccount');
    const text = await editorText();
    assert.match(text, /Account limits in us-east-1: rate 10000 requests\/s, burst 5000/);
    assert.match(text, /Cache cluster: available/);
    const shot = await wb.screenshot('opened');
    if (process.env.APIGW_README_SCREENSHOT) fs.copyFileSync(shot, path.join(repoRoot(), 'media', 'stage-editor.png'));
  });

  it("shows a method's override when the method is clicked in the tree", async () => {
    const { wb } = env;
    await expand(wb, 'prod');
    await clickTreeItem(wb, 'GET /pets/{petId}');
    const row = form().locator(`[data-method="${PET}"]`);
    await waitUntil(wb, 'the override of GET /pets/{petId} is scrolled into view, below the toolbar', async () => {
      const top = await row.evaluate((e) => e.getBoundingClientRect().top);
      return top >= 40 && top < 200;
    });
    await wb.screenshot('method-override');
    // Back to the top for the steps after.
    await form().locator('body').evaluate(() => window.scrollTo(0, 0));
  });

  it('refuses a TTL of 4000 at its field, and Save sends nothing', async () => {
    const from = env.proxy.requests.length;
    await typeInto('Cache time-to-live (TTL), seconds', '4000');
    await waitUntil(env.wb, 'the field says what is allowed', async () => /at most 3600 seconds/.test(await editorText()));
    await click('Save');
    await waitUntil(env.wb, 'Save refuses with the list of what is wrong', async () => /Not saved: Cache TTL is at most 3600 seconds/.test(await editorText()));
    await env.wb.screenshot('ttl-refused');
    assert.deepStrictEqual(writesSince(from), []);
    assert.strictEqual((await getStage('prod')).methodSettings?.['*/*']?.cacheTtlInSeconds, 300);
  });

  it('changes the TTL, the log level and the override of GET /pets/{petId}; reviews; Save clicked twice sends one UpdateStage', async () => {
    const { wb } = env;
    await typeInto('Cache time-to-live (TTL), seconds', '120');
    await choose('CloudWatch Logs: log level', 'Errors only');
    await typeInto('Cache time-to-live (TTL), seconds', '30', `[data-method="${PET}"]`);
    await click('Review Changes');
    await waitUntil(wb, 'the review lists the changes in words', async () => {
      const t = await editorText();
      return /Cache TTL for all methods: 300 → 120/.test(t) && /Log level for all methods: INFO → ERROR/.test(t) && /Cache TTL for GET \/pets\/\{petId\}: 60 → 30/.test(t);
    });
    assert.match(await editorText(), /replace \/~1pets~1\{petId\}\/GET\/caching\/ttlInSeconds = "30"/);
    await wb.screenshot('review');
    const from = env.proxy.requests.length;
    // Clicked twice quickly: still one save.
    await step(wb, 'double-click Save', () => form().locator('vscode-button', { hasText: 'Save' }).first().dblclick());
    await waitUntil(wb, 'the editor says it saved', async () => /Saved 3 changes in \d+ operations? \(one UpdateStage\)/.test(await editorText()));
    await wb.page.waitForTimeout(500); // a second save would have gone out by now
    assert.deepStrictEqual(writesSince(from), [`PATCH /restapis/${petStore()}/stages/prod`]);
    const prod = await getStage('prod');
    assert.strictEqual(prod.methodSettings?.['*/*']?.cacheTtlInSeconds, 120);
    assert.strictEqual(prod.methodSettings?.['*/*']?.loggingLevel, 'ERROR');
    assert.strictEqual(prod.methodSettings?.[PET]?.cacheTtlInSeconds, 30);
    await wb.screenshot('saved');
  });

  it('shows a description with HTML in it as text', async () => {
    const { wb } = env;
    await updateStage('test', [{ op: 'replace', path: '/description', value: '<img src=x onerror=alert(1)>' }]);
    await runCommand(wb, 'API Gateway: Edit Stage Settings');
    await step(wb, 'pick PetStore, then test', async () => {
      const { quickPickSelect } = await import('../harness/workbench');
      await quickPickSelect(wb, 'PetStore');
      await quickPickSelect(wb, 'test');
    });
    await waitVisible(wb, form().locator('h1', { hasText: 'Stage test' }), 'the editor shows stage test', 60_000);
    const value = await field('Description').evaluate((e) => (e as unknown as { value: string }).value);
    assert.strictEqual(value, '<img src=x onerror=alert(1)>');
    assert.strictEqual(await form().locator('img').count(), 0, 'no image element was made');
    await wb.screenshot('html-as-text');
  });

  it('detects a change made through the SDK while the editor is open, and names it', async () => {
    const { wb } = env;
    await typeInto('Description', 'mine');
    await updateStage('test', [{ op: 'replace', path: '/description', value: 'theirs' }]);
    const from = env.proxy.requests.length;
    await click('Save');
    await waitUntil(wb, 'the editor shows their change and the conflict', async () => {
      const t = await editorText();
      return /Someone changed this stage after you opened it/.test(t) && /Changed by both of you \(theirs shown\)\s+Description: .* → theirs/.test(t);
    });
    assert.deepStrictEqual(writesSince(from), [], 'nothing was saved');
    await wb.screenshot('conflict');
    await click('Apply My Edits on Top');
    await click('Save');
    await waitUntil(wb, 'saved on top of theirs', async () => /Saved 1 change/.test(await editorText()));
    assert.strictEqual((await getStage('test')).description, 'mine');
  });

  it('works with the keyboard alone: Tab to a field, type, Enter on Review Changes', async () => {
    const { wb } = env;
    const focused = () => form().locator('body').evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent?.trim() ?? '');
    await form().locator('vscode-button', { hasText: 'Review Changes' }).focus();
    const seen: string[] = [];
    for (let i = 0; i < 12 && seen[seen.length - 1] !== 'Description'; i++) {
      await wb.page.keyboard.press('Tab');
      seen.push(await focused());
    }
    assert.strictEqual(seen[seen.length - 1], 'Description', `Tab reaches the description: ${seen.join(' → ')}`);
    await wb.page.keyboard.press('End');
    await wb.page.keyboard.type(', typed with the keyboard');
    await form().locator('vscode-button', { hasText: 'Review Changes' }).focus();
    await wb.page.keyboard.press('Enter');
    await waitUntil(wb, 'the review shows the typed change', async () => /Description: mine → mine, typed with the keyboard/.test(await editorText()));
  });

  it('comes back after a window reload with the edits kept, and reads its stage again', async () => {
    const { wb } = env;
    await typeInto('Description', 'kept across a reload');
    await wb.page.waitForTimeout(2500); // VS Code backs a dirty editor up a moment after its last change (hot exit)
    const from = env.proxy.requests.length;
    await runCommand(wb, 'Developer: Reload Window');
    await waitVisible(wb, form().locator('h1', { hasText: 'Stage test' }), 'the editor of test is back', 90_000);
    await waitUntil(wb, 'the edit is still there', async () =>
      (await form().locator('vscode-textarea[aria-label="Description"]').evaluate((e) => (e as unknown as { value: string }).value)) === 'kept across a reload');
    assert.ok(env.proxy.requests.slice(from).includes(`GET /restapis/${petStore()}/stages/test`), 'the stage was read again');
    assert.match(await editorText(), /1 unsaved change/);
    await wb.screenshot('after-reload');
  });

  it('keeps the edits when its tab is hidden and shown again, without reading the stage again', async () => {
    const { wb } = env;
    // After the reload prod's tab is in the background: VS Code names it by its URI (prod.apigateway-stage) until it is shown.
    await step(wb, 'click the tab of stage prod', () => wb.page.locator('.tabs-container .tab', { hasText: /^\s*prod\b/ }).first().click());
    await waitVisible(wb, form().locator('h1', { hasText: 'Stage prod' }), 'the prod editor is shown');
    const from = env.proxy.requests.length;
    await step(wb, 'click the tab of stage test', () => wb.page.locator('.tabs-container .tab', { hasText: 'test · PetStore' }).first().click());
    await waitVisible(wb, form().locator('h1', { hasText: 'Stage test' }), 'the test editor is shown again');
    const value = await form().locator('vscode-textarea[aria-label="Description"]').evaluate((e) => (e as unknown as { value: string }).value);
    assert.strictEqual(value, 'kept across a reload');
    assert.deepStrictEqual(env.proxy.requests.slice(from), [], 'nothing is read again');
  });

  for (const theme of ['Dark Modern', 'Dark High Contrast', 'Light Modern']) {
    it(`follows the ${theme} theme`, async () => {
      const { wb } = env;
      const colour = () => form().locator('body').evaluate((b) => getComputedStyle(b).color);
      const before = await colour();
      await runCommand(wb, 'Preferences: Color Theme');
      const { quickPickSelect } = await import('../harness/workbench');
      await quickPickSelect(wb, theme);
      // Each theme follows a different one (light, dark, high contrast, light): the text colour changes every time.
      await waitUntil(wb, `the editor's text colour follows ${theme}`, async () => (await colour()) !== before);
      await wb.page.waitForTimeout(300);
      await wb.screenshot(`theme-${theme}`);
    });
  }
});
