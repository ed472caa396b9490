// Stage ownership in the extension host: a stage tagged by a CloudFormation stack is marked in the
// tree (from the tags GetStages returned: no request of its own), and every change to it asks first,
// naming the stack; the reviews copy the change as a template snippet.
import type { CommandName } from '../../src/commandIds';
import * as assert from 'assert/strict';
import { GetStageCommand, TagResourceCommand } from '@aws-sdk/client-api-gateway';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { stageArn } from '../../src/model/arns';
import { formFromStage } from '../../src/model/stageForm';
import { type Answer, ScriptedPrompter } from '../harness/scriptedPrompter';
import { type SeedResult } from '../harness/seed';
import { emulatorClient, recordedDuring, runScripted, useFreshSample } from './commandHelpers';
import { apiFolder, childrenOf, requestsSince, stageNode, tooltipText } from './treeHelpers';

const STACK = 'shop-stack';
const NAMED = new RegExp(`CloudFormation stack "${STACK}"`);

describe('stage ownership', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let seeded: SeedResult;
  const sdk = emulatorClient;
  const petStore = () => seeded.apis.PetStore.id;
  const dep = (i: number) => seeded.apis.PetStore.deploymentIds[i];

  useFreshSample((s) => ({ api, seeded } = s));
  before(async () => {
    await sdk().send(new TagResourceCommand({ resourceArn: stageArn('us-east-1', petStore(), 'dev'), tags: { 'aws:cloudformation:stack-name': STACK } }));
    await api.ctx.reload(true);
  });
  const run = (command: CommandName, answers: Answer[], ...args: unknown[]) => runScripted(api, command, answers, ...args);
  const stagesFolder = () => apiFolder(api, 'PetStore', 'Stages');
  const stage = (name: string) => stageNode(api, name);
  const getStage = (stageName: string) => sdk().send(new GetStageCommand({ restApiId: petStore(), stageName }));
  const reviewLabels = (p: { asked: { labels?: string[] }[] }) => p.asked.flatMap((a) => a.labels ?? []);

  it('the tree marks the owned stage with its stack, from GetRestApis and GetStages alone', async () => {
    const before = new Map(api.ctx.session.requestCounts);
    const rows = await childrenOf(api, await stagesFolder());
    assert.deepEqual(requestsSince(api, before), { GetRestApis: 1, GetStages: 1 }, 'the owner costs no request');
    const dev = rows.find((r) => r.label === 'dev')!;
    assert.match(dev.description, /· CloudFormation: shop-stack$/);
    assert.match(tooltipText(dev.item), /Managed by CloudFormation stack "shop-stack": changes made here drift from the template/);
    assert.match(dev.item.contextValue ?? '', /\bowned\b/);
    const prod = rows.find((r) => r.label === 'prod')!;
    assert.doesNotMatch(prod.description, /CloudFormation/);
    assert.doesNotMatch(tooltipText(prod.item), /Managed by/);
  });

  it('Change Deployment: the review names the stack; Copy as Template Snippet leaves it open, then the change is sent', async () => {
    const action = new RegExp(`^Point "dev" at deployment .*${dep(1)}.*changes a stage of CloudFormation stack "${STACK}"`);
    let p!: Awaited<ReturnType<typeof run>>;
    const recorded = await recordedDuring(api, async () => {
      p = await run('changeDeployment', [
        { pick: new RegExp(dep(1)) },
        { pick: 'Copy as Template Snippet' },
        { pick: 'CloudFormation/SAM (YAML)' },
        { pick: action },
      ], await stage('dev'));
    });
    const review = p.asked[1];
    assert.ok(review.labels?.includes(`Managed by CloudFormation stack "${STACK}"`), `the owner's warning: ${review.labels?.join(' | ')}`);
    assert.deepEqual(p.asked[2].labels, ['CloudFormation/SAM (YAML)', 'CDK (TypeScript)', 'Terraform (HCL)'], 'the owner\'s tool first');
    const notices = recorded.shown;
    assert.equal(recorded.copied.length, 1, 'one copy, through ctx.notifier');
    const copied = recorded.copied[0];
    assert.match(copied, /^Properties:$/m);
    assert.match(copied, new RegExp(`^ {2}DeploymentId: "${dep(1)}"$`, 'm'));
    assert.ok(notices.some((n) => /Copied CloudFormation\/SAM \(YAML\) snippet of stage "dev"/.test(n.message)), JSON.stringify(notices));
    assert.equal((await getStage('dev')).deploymentId, dep(1), 'sent after the snippet');
  });

  it('Deploy to Stage: the review names the stack', async () => {
    const p = await run('deployToStage', [{ input: 'Owned release' }, 'cancel'], await stage('dev'));
    const labels = reviewLabels(p);
    assert.ok(labels.includes(`Managed by CloudFormation stack "${STACK}"`), labels.join(' | '));
    assert.match(p.asked.at(-1)!.items?.find((i) => /^Deploy PetStore/.test(i.label))?.description ?? '', NAMED);
  });

  it('Edit One Setting: the review names the stack and copies a Terraform snippet of the change', async () => {
    const p = await run('editStageSetting', [
      { pick: 'Cache TTL (seconds, 0–3600)' },
      { pick: 'The whole stage (all methods)' },
      { input: '120' },
      { pick: 'Copy as Template Snippet' },
      { pick: 'Terraform (HCL)' },
      { pick: /^Apply:/ },
    ], await stage('dev'));
    assert.ok(reviewLabels(p).includes(`Managed by CloudFormation stack "${STACK}"`));
    const copied = await vscode.env.clipboard.readText();
    assert.match(copied, /resource "aws_api_gateway_method_settings" "dev_all" \{/);
    assert.match(copied, /method_path = "\*\/\*"/);
    assert.match(copied, /cache_ttl_in_seconds = 120/);
    assert.equal((await getStage('dev')).methodSettings?.['*/*']?.cacheTtlInSeconds, 120);
  });

  it('Delete Stage: the confirmation names the stack first; declined, nothing goes', async () => {
    const p = await run('deleteStage', [{ confirm: false }], await stage('dev'));
    assert.match(p.asked[0].detail ?? '', /^Managed by CloudFormation stack "shop-stack": changes made here drift from the template/);
    assert.ok(await getStage('dev'));
  });

  it('the stage editor\'s save asks once, naming the stack: declined, nothing sent; accepted, saved', async () => {
    const node = await stage('dev');
    const apiNode = node.parent.parent;
    const target = { connection: apiNode.connection, restApiId: apiNode.api.id, apiName: apiNode.api.name ?? '', gateway: apiNode.gateway(), stages: apiNode.stages, apiTags: apiNode.api.tags };
    const loaded = formFromStage(await getStage('dev'));
    const form = { ...loaded, description: 'edited by hand' };
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    try {
      await api.ctx.stageEditors.open(target, 'dev', { kept: { form, loaded } });
      const tab = await waitForTab('dev · PetStore');
      // Loaded, with the kept edit as unsaved.
      const deadline = Date.now() + 10_000;
      while (!vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'dev · PetStore')?.isDirty) {
        if (Date.now() > deadline) throw new Error('the tab never showed the kept edit as unsaved');
        await new Promise((r) => setTimeout(r, 100));
      }
      const uri = (tab.input as vscode.TabInputCustom).uri;
      const no = await runScriptedSave(uri, [{ confirm: false }]);
      assert.match(no.asked[0].message ?? '', new RegExp(`stage "dev", managed by CloudFormation stack "${STACK}"`));
      assert.notEqual((await getStage('dev')).description, 'edited by hand', 'declined: not sent');
      await runScriptedSave(uri, [{ confirm: true }]);
      assert.equal((await getStage('dev')).description, 'edited by hand');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  /** Ctrl+S on the editor, with the prompter answering. */
  async function runScriptedSave(uri: vscode.Uri, answers: Answer[]) {
    const prompter = new ScriptedPrompter(answers);
    const saved = api.ctx.prompter;
    api.ctx.prompter = prompter;
    try {
      await api.ctx.stageEditors.saveExplicitly(uri);
    } finally {
      api.ctx.prompter = saved;
    }
    assert.deepEqual(prompter.left, []);
    return prompter;
  }

  async function waitForTab(label: string): Promise<vscode.Tab> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === label);
      if (tab) return tab;
      if (Date.now() > deadline) throw new Error(`no tab "${label}"`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
});
