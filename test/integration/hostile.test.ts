// Hostile data from AWS (test/harness/hostileSeed.ts) in the extension host: every tree label,
// description and tooltip, and the quick pick items the commands build, read through the
// extension's own objects. The editor test (test/editor/hostile.test.ts) looks at the rendered UI.
import * as assert from 'assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { DESCRIPTION_MAX, displayText, LABEL_MAX, plainPickItem, PICK_DETAIL_MAX, PICK_LABEL_MAX, TOOLTIP_MAX } from '../../src/model/displayText';
import { DEPLOYMENT_ROW_LABEL_MAX } from '../../src/tree/deploymentNodes';
import type { TreeNode } from '../../src/tree/node';
import { HOSTILE, seedHostile, type SeededHostile } from '../harness/hostileSeed';
import { seed } from '../harness/seed';
import { resetEmulatorAt } from '../harness/emulatorKind';
import { runScripted } from './commandHelpers';
import { childrenOf, extensionApi, setSetting, type Shown, tooltipText } from './treeHelpers';

const graphemes = (s: string) => Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s)).length;
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;
/** `$(name)` that VS Code would render as an icon: one not preceded by the escaping backslash. */
const LIVE_ICON = /(^|[^\\])\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('hostile data from AWS', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  let seeded: SeededHostile[];
  const endpoint = () => process.env.APIGW_TEST_ENDPOINT!;
  const reset = () => resetEmulatorAt(endpoint());
  /** What each hostile text was checked in, for the count the report gives. */
  const checked = new Map<string, Set<string>>();
  const mark = (key: string, place: string) => (checked.get(key) ?? checked.set(key, new Set()).get(key)!).add(place);

  before(async () => {
    api = await extensionApi();
    await vscode.commands.executeCommand('workbench.view.extension.apigatewayStages');
    await reset();
    seeded = await seedHostile(endpoint());
    await setSetting('profile', 'local');
    await setSetting('endpoint', undefined);
    await api.ctx.reload(true);
  });
  after(async () => {
    // The other files expect the sample.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await reset();
    await seed(endpoint(), undefined, { deploymentsApart: true });
    await api.ctx.reload(true);
  });

  /** Every node of the tree, the whole way down (methods and deployments included). */
  async function walk(node?: TreeNode, depth = 0): Promise<Shown[]> {
    const shown = await childrenOf(api, node, 30_000);
    const below = await Promise.all(shown.filter((s) => s.item.collapsibleState !== vscode.TreeItemCollapsibleState.None && depth < 4).map((s) => walk(s.node, depth + 1)));
    return [...shown, ...below.flat()];
  }

  it('shows every tree label, description and tooltip as plain, bounded text', async () => {
    const all = await walk();
    assert.ok(all.length >= HOSTILE.length * 5, `tree nodes: ${all.length}`);
    for (const s of all) {
      assert.doesNotMatch(s.label, UNSAFE_CHARS, `label of ${s.node.id}`);
      assert.doesNotMatch(s.description, UNSAFE_CHARS, `description of ${s.node.id}`);
      assert.ok(graphemes(s.label) <= LABEL_MAX, `label of ${s.node.id} has ${graphemes(s.label)}`);
      assert.ok(graphemes(s.description) <= DESCRIPTION_MAX, `description of ${s.node.id} has ${graphemes(s.description)}`);
      const tip = s.item.tooltip;
      if (tip === undefined) continue;
      assert.ok(tip instanceof vscode.MarkdownString, `tooltip of ${s.node.id} is a MarkdownString`);
      assert.ok(!tip.isTrusted && !tip.supportHtml && !tip.supportThemeIcons, `tooltip of ${s.node.id}: untrusted, no HTML, no icons`);
      // Outside backslash escapes, &nbsp; and the bold markers the tree writes, no character is markup.
      const bare = tip.value.replace(/\\[!-/:-@[-`{-~]/g, '').replace(/&nbsp;/g, '').replace(/\*\*/g, '');
      assert.doesNotMatch(bare, /[!-/:-@[-`{-~]/, `tooltip of ${s.node.id}: ${tip.value.slice(0, 200)}`);
      assert.doesNotMatch(bare, /command:|https?:/i);
    }
    for (const h of seeded) {
      const key = h.hostile.key;
      const text = h.hostile.text;
      const apiRow = all.find((s) => s.node.id.endsWith(`/api:${h.restApiId}`))!;
      assert.equal(apiRow.label, displayText(text, { max: LABEL_MAX }), `API label of ${key} is the name as written`);
      mark(key, 'API label');
      assert.ok(squash(tooltipText(apiRow.item)).includes(squash(displayText(text, { max: TOOLTIP_MAX, keepLines: true }))), `API tooltip of ${key}`);
      mark(key, 'API tooltip');
      const stageRows = all.filter((s) => s.node.parent?.id.endsWith(`/api:${h.restApiId}/stages`));
      const readable = stageRows.find((s) => s.label === displayText(h.stageName, { max: LABEL_MAX }));
      assert.ok(readable, `stage ${h.stageName} listed: ${stageRows.map((s) => s.label).join(' | ')}`);
      assert.ok(squash(tooltipText(readable.item)).includes(squash(displayText(text, { max: TOOLTIP_MAX, keepLines: true }))), `stage tooltip of ${key} has the description`);
      mark(key, 'stage tooltip');
      if (h.unreadableStage !== undefined || h.stageName === text) {
        assert.ok(stageRows.some((s) => s.label === displayText(text, { max: LABEL_MAX })), `stage named ${key} listed as written`);
        mark(key, 'stage label');
      }
      const deployment = all.find((s) => s.node.parent?.id.endsWith(`/api:${h.restApiId}/deployments`))!;
      assert.equal(deployment.label, displayText(text, { max: DEPLOYMENT_ROW_LABEL_MAX }), `deployment label of ${key}`);
      mark(key, 'deployment label');
      assert.ok(squash(tooltipText(deployment.item)).includes(squash(displayText(text, { max: TOOLTIP_MAX, keepLines: true }))), `deployment tooltip of ${key}`);
      mark(key, 'deployment tooltip');
      if (h.resourcePath) {
        const method = all.find((s) => s.node.parent === readable.node && s.label.startsWith('GET /long-'));
        assert.ok(method && method.label.endsWith('…') && /override/.test(method.description), `the long path's method, cut, with its override: ${method?.label}`);
        assert.ok(squash(tooltipText(method.item)).includes(squash(displayText(`GET ${h.resourcePath}`, { max: TOOLTIP_MAX }))));
        mark(key, 'method label');
        mark(key, 'method tooltip');
      }
    }
  });

  it('builds quick pick items that show as written: icons escaped, no controls, bounded', async () => {
    for (const h of seeded) {
      // Change Deployment… from the palette: the API, the stage, the deployment; then Escape.
      const p = await runScripted(api, 'changeDeployment', [
        // By the id: the scripted prompter strips `$(…)` from labels before matching.
        { pick: new RegExp(` · ${h.restApiId} · `) },
        { pick: new RegExp(`^${escapeRe(h.stageName)} · `) },
        'cancel',
      ]);
      assert.equal(p.asked.length, 3);
      for (const [i, asked] of p.asked.entries()) {
        for (const item of asked.items ?? []) {
          const shown = plainPickItem(item);
          for (const [field, text, max] of [['label', shown.label, PICK_LABEL_MAX], ['description', shown.description, DESCRIPTION_MAX], ['detail', shown.detail, PICK_DETAIL_MAX]] as const) {
            if (text === undefined) continue;
            assert.doesNotMatch(text, LIVE_ICON, `${field} of step ${i + 1}: ${text.slice(0, 80)}`);
            assert.doesNotMatch(text, UNSAFE_CHARS, `${field} of step ${i + 1}`);
            assert.ok(graphemes(text) <= max, `${field} of step ${i + 1} has ${graphemes(text)}`);
          }
        }
      }
      const [apis, stages, deployments] = p.asked.map((a) => a.items ?? []);
      const text = h.hostile.text;
      // The commands carry the data as it is; only what VS Code shows is escaped.
      assert.ok(apis.some((a) => a.label === text && a.detail === text), `API item of ${h.hostile.key}`);
      mark(h.hostile.key, 'API pick label');
      mark(h.hostile.key, 'API pick detail');
      assert.ok(stages.some((s) => s.label === h.stageName && s.detail === text), `stage item of ${h.hostile.key}`);
      mark(h.hostile.key, 'stage pick detail');
      if (stages.some((s) => s.label === text)) mark(h.hostile.key, 'stage pick label');
      assert.ok(deployments.some((d) => d.label === text), `deployment item of ${h.hostile.key}`);
      mark(h.hostile.key, 'deployment pick label');
      // `$(bug)` becomes `\$(bug)`, which VS Code shows as `$(bug)`.
      if (h.hostile.key === 'icon') assert.equal(plainPickItem(apis.find((a) => a.label === text)!).label, '\\$(bug) \\$(sync~spin) icons');
      if (h.hostile.key === 'escicon') assert.equal(plainPickItem(apis.find((a) => a.label === text)!).label, '\\\\$(bug) escaped icon');
    }
  });

  // Per text: API label and tooltip, stage label and tooltip, deployment label and tooltip (6),
  // the long path's method label and tooltip (1 text), and in the picks the API label and detail,
  // the stage label and detail, the deployment label (5).
  it(`checked all ${HOSTILE.length} hostile texts in ${HOSTILE.length * 11 + 2} (text, place) pairs`, () => {
    const pairs = [...checked.values()].reduce((n, set) => n + set.size, 0);
    assert.equal(checked.size, HOSTILE.length);
    assert.equal(pairs, HOSTILE.length * 11 + 2, JSON.stringify(Object.fromEntries([...checked].map(([k, v]) => [k, [...v]]))));
  });
});
