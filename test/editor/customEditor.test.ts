// The stage editor behaves like a VS Code editor: the dirty marker, Ctrl+S, auto-save that never
// sends, undo and redo, File: Revert, the close prompt, a window reload that keeps the edits, the JSON
// view, and an editor that follows the window (a role set, a stage changed or deleted elsewhere).
// Screenshots: test-results/screenshots/vscode-editor-*.png.
import * as assert from 'assert';
import { GetAccountCommand, type Stage, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import {
  clickTreeItem, contextMenu, dialogButton, expand, notifications, openView, quickInputType, quickPickSelect, runCommand, step, treeItem, waitDialog,
  waitUntil, waitVisible,
} from '../harness/workbench';
import { emulatorStage, useEditorEnv, withEmulator } from './env';
import { stageEditorPage } from './stageEditorPage';
import { showStages } from './petStoreTree';

const PET = '~1pets~1{petId}/GET';
const ROLE = 'arn:aws:iam::123456789012:role/ApiGatewayLogsFromTheTest';

describe('editor: the stage editor is a VS Code editor', function () {
  this.timeout(120_000);
  const env = useEditorEnv('vscode-editor');
  const petStore = () => env.seeded.apis.PetStore.id;
  const getStage = (stageName: string): Promise<Stage> => emulatorStage(env, stageName);
  const stageExists = (stageName: string) => getStage(stageName).then(() => true, () => false);
  const writesSince = (from: number) => env.proxy.requests.slice(from).filter((r) => !r.startsWith('GET '));
  const page = stageEditorPage(() => env.wb);
  const { form, field, typeInto, click, text: editorText, valueOf } = page;
  const tab = (title: string) => env.wb.page.locator('.tabs-container .tab').filter({ hasText: title }).first();
  const isDirty = async (title: string) => /\bdirty\b/.test((await tab(title).getAttribute('class')) ?? '');
  const scrollY = () => form().locator('body').evaluate(() => window.scrollY);
  const focusInField = () => form().locator('body').evaluate(() => document.activeElement?.closest('[data-method]')?.getAttribute('data-method') ?? document.activeElement?.tagName ?? '');
  const TTL = 'Cache time-to-live (TTL), seconds';

  async function openStage(stageName: string): Promise<void> {
    await clickTreeItem(env.wb, stageName);
    await waitVisible(env.wb, form().locator('h1', { hasText: `Stage ${stageName}` }), `the editor shows stage ${stageName}`, 60_000);
    await waitUntil(env.wb, 'the methods are listed', async () => (await form().locator('[data-method]').count()) > 0);
  }

  /** The keys go to the page's focused field, as a person types (the webview passes Ctrl+Z, Ctrl+S on to VS Code). */
  async function press(keys: string): Promise<void> {
    await step(env.wb, `press ${keys}`, () => env.wb.page.keyboard.press(keys));
  }

  async function focusField(label: string): Promise<void> {
    await step(env.wb, `click into "${label}"`, () => field(label).locator('input, textarea').first().click());
  }

  it('marks the tab dirty on an edit; auto-save (on in code-server) sends nothing and keeps it dirty; Ctrl+S sends one UpdateStage', async () => {
    const { wb } = env;
    await showStages(wb, 'prod');
    await openStage('dev');
    assert.equal(await isDirty('dev · PetStore'), false, 'a stage just opened has no unsaved change');
    const from = env.proxy.requests.length;
    await typeInto('Description', 'Typed, not sent until Ctrl+S');
    await waitUntil(wb, 'the tab shows the unsaved change', () => isDirty('dev · PetStore'));
    // code-server's auto-save runs 1 s after the last change: it must keep the edit here, not send it.
    await waitUntil(wb, 'the page says what auto-save did', async () => /Auto-save keeps your edits here/.test(await editorText()), 15_000);
    await wb.page.waitForTimeout(1500);
    assert.deepStrictEqual(writesSince(from), [], 'auto-save sent nothing');
    assert.equal(await isDirty('dev · PetStore'), true, 'the tab stays unsaved');
    assert.deepStrictEqual((await notifications(wb)).filter((n) => /save/i.test(n)), [], 'no error notification for an auto-save');
    await wb.screenshot('auto-save-kept');
    await focusField('Description');
    await press('Control+s');
    await waitUntil(wb, 'Ctrl+S saved it', async () => /Saved 1 change in 1 operation \(one UpdateStage\)/.test(await editorText()));
    await waitUntil(wb, 'the tab is clean', async () => !(await isDirty('dev · PetStore')));
    assert.deepStrictEqual(writesSince(from), [`PATCH /restapis/${petStore()}/stages/dev`]);
    assert.equal((await getStage('dev')).description, 'Typed, not sent until Ctrl+S');
    assert.doesNotMatch(await editorText(), /Auto-save keeps/, 'the auto-save note went with the edits');
    await wb.screenshot('ctrl-s-saved');
  });

  it('undo and redo step through form edits; File: Revert drops them; nothing is sent', async () => {
    const { wb } = env;
    const from = env.proxy.requests.length;
    await typeInto(TTL, '120');
    await waitUntil(wb, 'the tab is dirty', () => isDirty('dev · PetStore'));
    await wb.page.waitForTimeout(1600); // a later edit is its own step of undo, not part of typing the TTL
    await typeInto('Description', 'Second edit');
    await waitUntil(wb, 'the description is sent to the undo stack', async () => (await valueOf('Description')) === 'Second edit');
    await wb.page.waitForTimeout(300);
    await focusField(TTL);
    await press('Control+z');
    await waitUntil(wb, 'undo takes the description back', async () => (await valueOf('Description')) === 'Typed, not sent until Ctrl+S');
    assert.equal(await valueOf(TTL), '120', 'the TTL edit is still there');
    await press('Control+z');
    await waitUntil(wb, 'a second undo takes the TTL back', async () => (await valueOf(TTL)) === '300');
    await waitUntil(wb, 'back at the saved state, the tab is clean', async () => !(await isDirty('dev · PetStore')));
    await press('Control+Shift+z');
    await waitUntil(wb, 'redo brings the TTL edit back', async () => (await valueOf(TTL)) === '120');
    assert.equal(await isDirty('dev · PetStore'), true);
    await wb.screenshot('redo');
    await runCommand(wb, 'File: Revert File');
    await waitUntil(wb, 'File: Revert drops the edit', async () => (await valueOf(TTL)) === '300' && !(await isDirty('dev · PetStore')));
    assert.deepStrictEqual(writesSince(from), [], 'undo, redo and revert send nothing');
  });

  it('a refused save says why; the line goes once the field is fixed; an open review is rebuilt as you type', async () => {
    const { wb } = env;
    const from = env.proxy.requests.length;
    await typeInto(TTL, '5000');
    await focusField(TTL);
    await press('Control+s');
    await waitUntil(wb, 'the save is refused with the reason', async () => /Not saved: Cache TTL is at most 3600 seconds/.test(await editorText()));
    await typeInto(TTL, '60');
    await waitUntil(wb, 'the "Not saved" line is gone once the TTL is fixed', async () => !/Not saved/.test(await editorText()));
    await click('Review Changes');
    await waitUntil(wb, 'the review lists the change', async () => /Cache TTL for all methods: 300 → 60/.test(await editorText()));
    await typeInto(TTL, '90');
    await waitUntil(wb, 'the review follows the typing', async () => /Cache TTL for all methods: 300 → 90/.test(await editorText()) && !/300 → 60/.test(await editorText()));
    await wb.screenshot('review-follows');
    assert.deepStrictEqual(writesSince(from), []);
    await runCommand(wb, 'File: Revert File');
    await waitUntil(wb, 'reverted', async () => (await valueOf(TTL)) === '300');
  });

  it('Override and Reset keep the scroll position and the keyboard on the method', async () => {
    const { wb } = env;
    const row = form().locator(`[data-method="${PET}"]`);
    await step(wb, 'scroll the override of GET /pets/{petId} into view', () => row.scrollIntoViewIfNeeded());
    const box = row.locator('vscode-checkbox').first();
    const before = await scrollY();
    assert.ok(before > 500, `the page is scrolled down (${before} px)`);
    await step(wb, 'tick "Override for this method"', () => box.click());
    await waitUntil(wb, 'the override fields are shown', async () => (await row.locator('vscode-textfield').count()) > 0);
    await wb.page.waitForTimeout(300);
    const afterOverride = await scrollY();
    assert.ok(Math.abs(afterOverride - before) < 5, `Override kept the scroll position (${before} → ${afterOverride} px)`);
    assert.equal(await focusInField(), PET, 'the keyboard stays on the method');
    // Reset sits below the override's fields: the click scrolls to it first, as a user does.
    const reset = row.locator('vscode-button', { hasText: 'Reset (remove the override)' });
    await step(wb, 'scroll to Reset', () => reset.scrollIntoViewIfNeeded());
    const beforeReset = await scrollY();
    await step(wb, 'click Reset', () => reset.click());
    await waitUntil(wb, 'the override fields are gone', async () => (await row.locator('vscode-textfield').count()) === 0);
    await wb.page.waitForTimeout(300);
    const afterReset = await scrollY();
    // The page is shorter by the fields: the position stays, or is the page's end when it lies beyond it (not the top).
    const bottom = await form().locator('body').evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
    assert.ok(Math.abs(afterReset - Math.min(beforeReset, bottom)) < 5, `Reset kept the scroll position (${beforeReset} → ${afterReset} px, page end ${bottom} px)`);
    const rowTop = await row.evaluate((e) => e.getBoundingClientRect().top);
    assert.ok(rowTop >= 0 && rowTop < (await form().locator('body').evaluate(() => window.innerHeight)), `the method's row is in view (${rowTop} px)`);
    assert.equal(await focusInField(), PET, 'the keyboard is on the method\'s row');
    await wb.screenshot('reset-kept-scroll');
    await runCommand(wb, 'File: Revert File');
    await form().locator('body').evaluate(() => window.scrollTo(0, 0));
  });

  it('follows the window: a role set from the palette and a stage changed elsewhere show at once; an edited field keeps its value, marked', async () => {
    const { wb } = env;
    await runCommand(wb, 'API Gateway: Set CloudWatch Log Role ARN…');
    await quickInputType(wb, ROLE);
    await waitDialog(wb, /Set the CloudWatch Logs role/);
    await dialogButton(wb, 'Set Role');
    await waitUntil(wb, 'the open editor shows the new role', async () => (await editorText()).includes(ROLE));
    assert.equal((await withEmulator(env, (c) => c.send(new GetAccountCommand({})))).cloudwatchRoleArn, ROLE);
    // An edit of mine, then someone changes the same field and another one; the tree's Refresh finds it.
    await typeInto('Description', 'Mine, kept');
    await waitUntil(wb, 'dirty', () => isDirty('dev · PetStore'));
    await withEmulator(env, (c) => c.send(new UpdateStageCommand({
      restApiId: petStore(), stageName: 'dev',
      patchOperations: [{ op: 'replace', path: '/description', value: 'Theirs' }, { op: 'replace', path: '/*/*/caching/ttlInSeconds', value: '45' }],
    })));
    await contextMenu(wb, 'dev', 'Refresh');
    await waitUntil(wb, 'their TTL shows in the field I did not edit', async () => (await valueOf(TTL)) === '45');
    assert.equal(await valueOf('Description'), 'Mine, kept', 'my edit stays');
    const text = await editorText();
    assert.match(text, /Changed meanwhile: Description: .*Theirs/, 'the description is marked as changed meanwhile');
    await wb.screenshot('followed');
    await runCommand(wb, 'File: Revert File');
    await waitUntil(wb, 'reverted to theirs', async () => (await valueOf('Description')) === 'Theirs');
  });

  it('a stage deleted from the tree shows a banner; Save offers Restore or Recreate, and Recreate makes it from the form', async () => {
    const { wb } = env;
    await openStage('test');
    await typeInto('Description', 'Edited before the delete');
    await contextMenu(wb, 'test', 'Delete Stage…');
    await waitDialog(wb, /Delete stage "test" of PetStore\?/);
    await dialogButton(wb, 'Delete Stage');
    await waitUntil(wb, 'the emulator no longer has test', async () => !(await stageExists('test')));
    await waitUntil(wb, 'the editor says the stage is gone', async () => /no longer exists in PetStore/.test(await editorText()));
    assert.equal(await valueOf('Description'), 'Edited before the delete', 'the form is kept');
    await wb.screenshot('deleted-banner');
    await focusField('Description');
    await press('Control+s');
    await waitDialog(wb, /Stage "test" no longer exists in PetStore/);
    await dialogButton(wb, 'Recreate from This Form');
    await waitDialog(wb, /Recreate stage "test" of PetStore from the editor's form\?/);
    await dialogButton(wb, 'Recreate Stage');
    await waitUntil(wb, 'the stage is back, with the form\'s description', async () => (await getStage('test').catch(() => undefined))?.description === 'Edited before the delete');
    await waitUntil(wb, 'the banner is gone and the tab clean', async () => !/no longer exists/.test(await editorText()) && !(await isDirty('test · PetStore')));
  });

  it('asks when a tab with unsaved changes is closed; Save there saves (auto-save on: once confirmed)', async () => {
    const { wb } = env;
    const from = env.proxy.requests.length;
    await typeInto('Description', 'Saved from the close prompt');
    await waitUntil(wb, 'dirty', () => isDirty('test · PetStore'));
    await wb.page.waitForTimeout(4000); // past auto-save: the close is what saves
    await step(wb, 'close the tab', async () => {
      await tab('test · PetStore').hover();
      await tab('test · PetStore').locator('.tab-actions .action-label').first().click();
    });
    await waitDialog(wb, /Do you want to save the changes you made to test · PetStore\?/);
    await dialogButton(wb, 'Save');
    await waitDialog(wb, /Save your changes to stage "test" of PetStore in AWS\?/);
    await dialogButton(wb, 'Save to AWS');
    await waitUntil(wb, 'the tab is closed', async () => (await tab('test · PetStore').count()) === 0);
    assert.equal((await getStage('test')).description, 'Saved from the close prompt');
    assert.deepStrictEqual(writesSince(from), [`PATCH /restapis/${petStore()}/stages/test`]);
  });

  it('with auto-save off, Save in the close prompt sends at once', async () => {
    const { wb } = env;
    await runCommand(wb, 'File: Toggle Auto Save'); // code-server's default (after a delay) → off
    await openStage('test');
    await typeInto('Description', 'Close prompt, auto-save off');
    await waitUntil(wb, 'dirty', () => isDirty('test · PetStore'));
    await wb.page.waitForTimeout(2500);
    assert.equal(await isDirty('test · PetStore'), true);
    assert.doesNotMatch(await editorText(), /Auto-save keeps/, 'auto-save is off: it did not come');
    await step(wb, 'close the tab', async () => {
      await tab('test · PetStore').hover();
      await tab('test · PetStore').locator('.tab-actions .action-label').first().click();
    });
    await waitDialog(wb, /Do you want to save the changes you made to test · PetStore\?/);
    await dialogButton(wb, 'Save');
    await waitUntil(wb, 'the tab is closed', async () => (await tab('test · PetStore').count()) === 0);
    assert.equal((await getStage('test')).description, 'Close prompt, auto-save off');
    await runCommand(wb, 'File: Toggle Auto Save');
  });

  it('keeps unsaved edits across a window reload, still unsaved', async () => {
    const { wb } = env;
    await typeInto('Description', 'Kept across the reload');
    await waitUntil(wb, 'dirty', () => isDirty('dev · PetStore'));
    await wb.page.waitForTimeout(2500); // VS Code backs a dirty editor up a moment after its last change
    const reloaded = wb.page.waitForEvent('framenavigated', { predicate: (f) => f === wb.page.mainFrame(), timeout: 90_000 });
    await runCommand(wb, 'Developer: Reload Window');
    await reloaded;
    await waitVisible(wb, form().locator('h1', { hasText: 'Stage dev' }), 'the editor is back', 90_000);
    await waitUntil(wb, 'the edit is back', async () => (await valueOf('Description')) === 'Kept across the reload');
    assert.equal(await isDirty('dev · PetStore'), true, 'and still unsaved');
    assert.notEqual((await getStage('dev')).description, 'Kept across the reload', 'nothing was sent');
    await wb.screenshot('reload-kept');
    await runCommand(wb, 'File: Revert File');
    await waitUntil(wb, 'reverted', async () => !(await isDirty('dev · PetStore')));
  });

  it('reopens as JSON; a schema error is refused with nothing sent; an edit saves through the review', async () => {
    const { wb } = env;
    await openView(wb, 'API Gateway', 'REST APIs');
    await runCommand(wb, 'View: Reopen Editor With...');
    await quickPickSelect(wb, 'Text Editor');
    const lines = wb.page.locator('.monaco-editor .view-lines');
    const ttl = String((await getStage('dev')).methodSettings?.['*/*']?.cacheTtlInSeconds);
    await waitUntil(wb, 'the JSON document is shown', async () => (await lines.first().innerText()).replace(/\u00a0/g, ' ').includes(`"cacheTtlInSeconds": ${ttl}`));
    await wb.screenshot('json');
    const from = env.proxy.requests.length;
    let now = ttl;
    const replaceTtl = (value: string) => step(wb, `set the TTL to ${value} in the text`, async () => {
      await lines.locator('span', { hasText: new RegExp(`^${now}$`) }).first().dblclick();
      await wb.page.keyboard.type(value);
      now = value;
    });
    await replaceTtl('5000');
    // As you type: VS Code's JSON support checks the document against the shipped schema (maximum 3600).
    await waitUntil(wb, 'the schema marks the TTL before any save', async () => /[1-9]/.test(await wb.page.locator('#status\\.problems').innerText()));
    await wb.screenshot('json-schema-marks');
    await press('Control+s');
    await waitUntil(wb, 'the save is refused, saying why', async () => (await notifications(wb)).some((n) => /Not saved, nothing sent: .*at most 3600/.test(n)));
    await waitUntil(wb, 'the problem shows in the status bar count', async () => /[1-9]/.test(await wb.page.locator('#status\\.problems').innerText()));
    assert.deepStrictEqual(writesSince(from), [], 'nothing sent');
    await wb.screenshot('json-refused');
    await replaceTtl('120');
    await press('Control+s');
    await waitDialog(wb, /Save 1 change to stage "dev" of PetStore\?/);
    await dialogButton(wb, 'Save to AWS');
    await waitUntil(wb, 'the emulator has the TTL', async () => (await getStage('dev')).methodSettings?.['*/*']?.cacheTtlInSeconds === 120);
    assert.deepStrictEqual(writesSince(from), [`PATCH /restapis/${petStore()}/stages/dev`]);
  });

  it('names a change the endpoint did not apply (moto keeps a method override it was asked to remove)', async () => {
    const { wb } = env;
    if (!(await treeItem(wb, 'prod').isVisible())) await expand(wb, 'PetStore');
    await openStage('prod');
    assert.ok((await getStage('prod')).methodSettings?.[PET], 'prod has an override of GET /pets/{petId}');
    const row = form().locator(`[data-method="${PET}"]`);
    await step(wb, 'scroll to the override', () => row.scrollIntoViewIfNeeded());
    await step(wb, 'click Reset', () => row.locator('vscode-button', { hasText: 'Reset (remove the override)' }).click());
    await step(wb, 'press Ctrl+S on the method', async () => {
      await row.locator('vscode-checkbox').first().focus();
      await wb.page.keyboard.press('Control+s');
    });
    await waitUntil(wb, 'the save names what the endpoint did not apply', async () => /Saved 1 change in 1 operation \(one UpdateStage\)\. The endpoint did not apply: .*GET \/pets\/\{petId\}/.test(await editorText()));
    assert.ok((await getStage('prod')).methodSettings?.[PET], 'moto kept it');
    await waitUntil(wb, 'the form shows the override AWS still has', async () => (await row.locator('vscode-textfield').count()) > 0);
    await wb.screenshot('not-applied');
  });
});
