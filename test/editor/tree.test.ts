// The REST APIs tree in a real VS Code (code-server + chromium), against the seeded emulator.
// Steps run in order and share one workbench; each takes a screenshot into
// test-results/screenshots/tree-*.png.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../harness/paths';
import { GetStageCommand, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { SAMPLE, sampleClient, seed } from '../harness/seed';
import {
  clickTreeItem, contextMenu, expand, openView, quickPickSelect, runCommand, statusBarItem, step, treeItem, treeLabels,
  treeSnapshot, waitGone, waitUntil, waitVisible,
} from '../harness/workbench';
import { useEditorEnv } from './env';

const ERROR_LABEL = 'Failed to load — retry';
const API_NAMES = SAMPLE.apis.map((a) => a.name); // PetStore, Orders API, Empty API

describe('editor: the REST APIs tree', function () {
  this.timeout(120_000);
  const env = useEditorEnv('tree');

  it('lists the seeded APIs at the root, each with its id, after one GetRestApis', async () => {
    const { wb } = env;
    await openView(wb, 'API Gateway', 'REST APIs');
    for (const name of API_NAMES) await waitVisible(wb, treeItem(wb, name), `tree shows "${name}"`, 60_000);
    await wb.screenshot('root');
    // A second list request would come within a few hundred ms of the first (settings events at start).
    await wb.page.waitForTimeout(1500);
    const lists = env.proxy.requests.filter((r) => r === 'GET /restapis');
    assert.strictEqual(lists.length, 1, `GetRestApis requests on first open: ${lists.length} (all: ${env.proxy.requests.join(', ')})`);
    const roots = (await treeSnapshot(wb)).filter((r) => r.level === 1);
    assert.deepStrictEqual(roots.map((r) => r.label).sort(), [...API_NAMES].sort());
    for (const name of API_NAMES) {
      const row = roots.find((r) => r.label === name)!;
      assert.strictEqual(row.description, env.seeded.apis[name].id, `description of ${name}`);
    }
  });

  it('shows the connection in the status bar once the extension is active', async () => {
    await waitVisible(env.wb, statusBarItem(env.wb, 'local · us-east-1'), 'status bar shows "local · us-east-1"');
  });

  it('expands PetStore → Stages → prod → its methods', async () => {
    const { wb } = env;
    await expand(wb, 'PetStore');
    await waitVisible(wb, treeItem(wb, 'Stages'), 'PetStore shows "Stages"');
    await waitVisible(wb, treeItem(wb, 'Deployments'), 'PetStore shows "Deployments"');
    await wb.screenshot('petstore');
    await expand(wb, 'Stages');
    const stages = SAMPLE.apis[0].stages.map((s) => s.name);
    for (const s of stages) await waitVisible(wb, treeItem(wb, s), `Stages shows "${s}"`);
    await wb.screenshot('stages');
    await expand(wb, 'prod');
    // prod runs the first deployment; its methods exist in every later state of the API too.
    const expected = SAMPLE.apis[0].resources.filter((r) => r.since === 0).flatMap((r) => r.methods.map((m) => `${m} ${r.path}`));
    for (const m of expected) await waitVisible(wb, treeItem(wb, m), `prod shows "${m}"`);
    const shot = await wb.screenshot('prod-methods');
    // The README's picture comes from this step: `APIGW_README_SCREENSHOT=1 npm test` refreshes it.
    if (process.env.APIGW_README_SCREENSHOT) fs.copyFileSync(shot, path.join(repoRoot(), 'media', 'screenshot.png'));
    const rows = await treeSnapshot(wb);
    const petId = rows.find((r) => r.label === 'GET /pets/{petId}');
    assert.ok(petId, 'GET /pets/{petId} is listed');
    assert.match(petId.description, /override/, 'GET /pets/{petId} is marked as overridden in prod');
    const prodLevel = rows.find((r) => r.label === 'prod')!.level;
    assert.strictEqual(petId.level, prodLevel + 1, 'methods sit right under the stage');
  });

  /** The labels of the rows right under the row `parent` (the first with that label). */
  const childrenShown = async (parent: string) => {
    const rows = await treeSnapshot(env.wb);
    const at = rows.findIndex((r) => r.label === parent);
    if (at < 0) return [];
    const out: string[] = [];
    for (const r of rows.slice(at + 1)) {
      if (r.level <= rows[at].level) break;
      if (r.level === rows[at].level + 1) out.push(r.label);
    }
    return out;
  };
  const methodsOf = (stage: string) => childrenShown(stage);
  const allMethods = SAMPLE.apis[0].resources.flatMap((r) => r.methods.map((m) => `${m} ${r.path}`));
  const showsAllMethods = (stage: string) => waitUntil(env.wb, `"${stage}" shows its ${allMethods.length} methods`, async () => {
    const shown = await methodsOf(stage);
    return allMethods.every((m) => shown.includes(m)) && !shown.some((l) => /Loading/.test(l));
  });

  it('expands a second stage after the first has loaded, and two stages at once', async () => {
    const { wb } = env;
    await expand(wb, 'dev');
    await showsAllMethods('dev');
    await expand(wb, 'test');
    await showsAllMethods('test');
    await wb.screenshot('dev-and-test');
    // Collapse them, refresh the API so no methods are cached, then open two at once.
    for (const name of ['dev', 'test', 'prod']) {
      const row = treeItem(wb, name).first();
      if ((await row.getAttribute('aria-expanded')) === 'true') await row.locator('.monaco-tl-twistie').click();
    }
    const stagesReads = () => env.proxy.requests.filter((r) => /^GET \/restapis\/[^/]+\/stages$/.test(r)).length;
    const before = stagesReads();
    await contextMenu(wb, 'PetStore', 'Refresh');
    await waitUntil(wb, 'the API read its stages again', async () => stagesReads() > before);
    await waitVisible(wb, treeItem(wb, 'test'), 'the stages are shown again');
    // VS Code redraws the view up to 200 ms after the extension's change event: let that redraw end first.
    await wb.page.waitForTimeout(1000);
    // One mouse: the second click right after the first (a click resolves on mouse-up, before any load),
    // so both stages load at once. Clicks sent in parallel would interleave their mouse events.
    for (const name of ['dev', 'test']) await treeItem(wb, name).first().locator('.monaco-tl-twistie').click();
    await showsAllMethods('dev');
    await showsAllMethods('test');
    await wb.screenshot('two-at-once');
  });

  it("Refresh on a stage moved behind the editor's back shows its new deployment, and the Deployments arrows follow", async () => {
    const { wb, seeded } = env;
    const petStore = seeded.apis.PetStore;
    await expand(wb, 'Deployments');
    await waitVisible(wb, treeItem(wb, 'Proxy fallback'), 'deployments are listed');
    const client = sampleClient(env.emulator.endpoint);
    const moved = petStore.deploymentIds[0];
    await client.send(new UpdateStageCommand({ restApiId: petStore.id, stageName: 'test', patchOperations: [{ op: 'replace', path: '/deploymentId', value: moved }] }));
    assert.strictEqual((await client.send(new GetStageCommand({ restApiId: petStore.id, stageName: 'test' }))).deploymentId, moved);
    await contextMenu(wb, 'test', 'Refresh');
    await waitUntil(wb, `"test" shows deployment ${moved}`, async () =>
      (await treeSnapshot(wb)).some((r) => r.label === 'test' && r.description.startsWith(`deployment ${moved}`)));
    await waitUntil(wb, 'the Deployments arrows show test on the first deployment', async () =>
      (await treeSnapshot(wb)).some((r) => r.label === 'Initial release' && r.description.startsWith('→ prod, test · ')));
    // At the default sidebar width the arrows are in sight, not cut off at the row's edge (the date and id may be).
    const arrowsRight = await wb.page.evaluate(() => {
      const row = Array.from(document.querySelectorAll<HTMLElement>('#workbench\\.parts\\.sidebar .monaco-list-row[role="treeitem"]'))
        .find((r) => r.querySelector<HTMLElement>('.label-name')?.innerText.trim() === 'Initial release');
      const description = row?.querySelector<HTMLElement>('.label-description');
      const text = description?.firstChild;
      if (!row || !text?.textContent) return undefined;
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, text.textContent.indexOf('test') + 'test'.length);
      const container = row.querySelector<HTMLElement>('.monaco-icon-label-container') ?? row;
      return { arrows: range.getBoundingClientRect().right, edge: container.getBoundingClientRect().right, sidebar: document.querySelector('#workbench\\.parts\\.sidebar')!.getBoundingClientRect().width };
    });
    assert.ok(arrowsRight && arrowsRight.arrows <= arrowsRight.edge, `the arrows of "Initial release" end at ${arrowsRight?.arrows} px, the row's text at ${arrowsRight?.edge} px (sidebar ${arrowsRight?.sidebar} px)`);
    const rows = await treeSnapshot(wb);
    assert.ok(rows.some((r) => r.label === 'Add owners' && !r.description.includes('→')), `"Add owners" no longer points at test: ${rows.map((r) => `${r.label} ${r.description}`).join(' | ')}`);
    await wb.screenshot('refreshed-stage');
    // Put it back for the steps after.
    await client.send(new UpdateStageCommand({ restApiId: petStore.id, stageName: 'test', patchOperations: [{ op: 'replace', path: '/deploymentId', value: petStore.deploymentIds[1] }] }));
    await contextMenu(wb, 'test', 'Refresh');
    client.destroy();
  });

  const clickStatus = (text: string) => step(env.wb, `click "${text}" in the status bar`, async () => {
    await statusBarItem(env.wb, text).first().click();
  });
  // The status bar item keeps the focus after its quick pick closes, and shows its hover: blur it.
  const blur = () => env.wb.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  /** Status bar `from` → menu item → pick `item`; waits for the status bar to say `to`. */
  const switchVia = async (from: string, menu: 'Switch Profile…' | 'Switch Region…', item: string, to: string) => {
    await clickStatus(from);
    await quickPickSelect(env.wb, menu);
    await quickPickSelect(env.wb, item);
    await waitVisible(env.wb, statusBarItem(env.wb, to), `status bar shows "${to}"`);
  };
  const samplesShown = async () => {
    for (const name of API_NAMES) await waitVisible(env.wb, treeItem(env.wb, name), `tree shows "${name}"`);
  };

  it('switches profile from the status bar, and the tree follows', async () => {
    const { wb } = env;
    await switchVia('local · us-east-1', 'Switch Profile…', 'local-eu', 'local-eu · eu-west-1');
    await waitVisible(wb, treeItem(wb, 'No REST APIs in eu-west-1'), 'the tree shows the empty region');
    await blur();
    await wb.screenshot('profile-local-eu');
    await switchVia('local-eu · eu-west-1', 'Switch Profile…', 'local', 'local · us-east-1');
    await samplesShown();
  });

  it('switches region from the status bar, and the tree follows', async () => {
    const { wb } = env;
    await clickStatus('local · us-east-1');
    await quickPickSelect(wb, 'Switch Region…');
    // The picker's own icons (iconPath), not `$(…)` text: the prompter shows labels as written.
    await waitVisible(wb, wb.page.locator('.quick-input-list .monaco-list-row .codicon-account'), "the profile's-region row has its icon");
    await wb.screenshot('region-pick');
    await step(wb, 'filter the regions for "other"', () => wb.page.locator('.quick-input-widget input').first().fill('other'));
    await waitVisible(wb, wb.page.locator('.quick-input-list .monaco-list-row .codicon-edit'), 'Other region… has its icon');
    await quickPickSelect(wb, 'eu-west-1');
    await waitVisible(wb, statusBarItem(wb, 'local · eu-west-1'), 'status bar shows "local · eu-west-1"');
    await waitVisible(wb, treeItem(wb, 'No REST APIs in eu-west-1'), 'the tree shows the empty region');
    await blur();
    await wb.screenshot('eu-west-1');
    const labels = await treeLabels(wb, 1);
    for (const name of API_NAMES) assert.ok(!labels.includes(name), `${name} is not in eu-west-1`);
    assert.ok(!labels.includes(ERROR_LABEL), `eu-west-1 loads without error (tree: ${labels.join(', ')})`);

    await switchVia('local · eu-west-1', 'Switch Region…', 'us-east-1', 'local · us-east-1');
    await samplesShown();
    await blur();
    await wb.screenshot('us-east-1-again');
  });

  it('shows an error node while the endpoint is down, and recovers on retry', async () => {
    const { wb, emulator } = env;
    await emulator.stop();
    try {
      await runCommand(wb, 'API Gateway: Refresh');
      await waitVisible(wb, treeItem(wb, ERROR_LABEL), `tree shows "${ERROR_LABEL}"`, 60_000);
      await wb.screenshot('endpoint-down');
      assert.ok(!(await treeLabels(wb)).includes('PetStore'), 'no stale APIs next to the error');
    } finally {
      await emulator.start(); // moto starts empty
    }
    await seed(emulator.endpoint);
    await clickTreeItem(wb, ERROR_LABEL);
    for (const name of API_NAMES) await waitVisible(wb, treeItem(wb, name), `tree shows "${name}" after retry`, 60_000);
    await waitGone(wb, treeItem(wb, ERROR_LABEL), 'the error node goes away');
    await wb.screenshot('after-retry');
  });
});
