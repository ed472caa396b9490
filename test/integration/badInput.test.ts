// Bad input typed into every wizard step (and the region box), in the extension host: each value (test/harness/badInputs.ts)
// is refused at its step with a message naming what is allowed, the command sends nothing that
// writes (only the reads it needs to ask), and the emulator's stages and account stay as they were.
import type { CommandName } from '../../src/commandIds';
import * as assert from 'assert/strict';
import * as vscode from 'vscode';
import { CreateStageCommand, GetAccountCommand, GetDeploymentsCommand, GetStagesCommand } from '@aws-sdk/client-api-gateway';
import { regionProblem } from '../../src/aws/connection';
import type { ExtensionApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/node';
import { BAD_INPUTS, type FieldCases, shown } from '../harness/badInputs';
import { type Answer } from '../harness/scriptedPrompter';
import { type SeedResult } from '../harness/seed';
import { emulatorClient, runScripted, useFreshSample } from './commandHelpers';
import { child, childrenOf, requestsSince } from './treeHelpers';

const B = BAD_INPUTS;
const ALL = 'The whole stage (all methods)';

interface Step {
  /** The wizard and its step. */
  readonly name: string;
  readonly command: CommandName;
  readonly cases: FieldCases;
  /** The node the command runs on. */
  readonly node: () => Promise<TreeNode | undefined>;
  /** The answers before the step under test. */
  readonly before: Answer[];
}

describe('bad input in the wizards: refused at the step, nothing written', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  let seeded: SeedResult;
  const sdk = emulatorClient;
  useFreshSample((s) => ({ api, seeded } = s));

  const petStoreNode = async () => (await child(api, undefined, 'PetStore')).node;
  const stagesFolder = async () => (await child(api, await petStoreNode(), 'Stages')).node;
  const stageNode = async (name: string) => (await child(api, await stagesFolder(), name)).node;
  const deploymentNode = async (label: string) => (await child(api, (await child(api, await petStoreNode(), 'Deployments')).node, label)).node;

  const STEPS: Step[] = [
    { name: 'Create Stage: name', command: 'createStage', cases: B.stageName, node: stagesFolder, before: [] },
    { name: 'Create Stage: description', command: 'createStage', cases: B.description, node: stagesFolder, before: [{ input: 'fresh' }] },
    { name: 'Deploy to Stage: new stage name', command: 'deployToStage', cases: B.stageName, node: petStoreNode, before: [{ pick: 'New stage…' }] },
    { name: 'Deploy to Stage: deployment description', command: 'deployToStage', cases: B.description, node: () => stageNode('dev'), before: [] },
    // test has no canary (moto drops them): the share of a new one is asked, after the description.
    { name: 'Deploy to Canary: share of requests', command: 'deployToCanary', cases: B.canaryPercent, node: () => stageNode('test'), before: [{ input: '' }] },
    // The restored stage's name (prefilled, editable): the snapshot of "gone", deleted in the test's set-up.
    { name: 'Restore Deleted Stage: name', command: 'restoreStage', cases: B.stageName, node: stagesFolder, before: [{ pick: 'gone' }] },
    { name: 'Set CloudWatch Log Role ARN', command: 'setCloudWatchRoleArn', cases: B.roleArn, node: async () => undefined, before: [] },
    { name: 'Edit One Setting: description', command: 'editStageSetting', cases: B.description, node: () => stageNode('prod'), before: [{ pick: 'Description' }] },
    { name: 'Edit One Setting: cache TTL', command: 'editStageSetting', cases: B.ttl, node: () => stageNode('prod'), before: [{ pick: 'Cache TTL (seconds, 0–3600)' }, { pick: ALL }] },
    { name: 'Edit One Setting: cache TTL of a method', command: 'editStageSetting', cases: B.ttl, node: () => stageNode('prod'), before: [{ pick: 'Cache TTL (seconds, 0–3600)' }, { pick: 'GET /pets/{petId}' }] },
    // The account's limits (GetAccount: 10000 and 5000 in the sample) bound the throttling values.
    { name: 'Edit One Setting: throttling rate', command: 'editStageSetting', cases: B.rate, node: () => stageNode('prod'), before: [{ pick: 'Throttling rate (requests per second)' }, { pick: ALL }] },
    { name: 'Edit One Setting: throttling burst', command: 'editStageSetting', cases: B.burst, node: () => stageNode('prod'), before: [{ pick: 'Throttling burst (requests)' }, { pick: ALL }] },
    { name: 'Edit Deployment Description', command: 'editDeploymentDescription', cases: B.deploymentDescription, node: () => deploymentNode('Add owners'), before: [] },
    // Asked before any request (the name is checked free at the review): moto's lack of documentation versions does not matter.
    { name: 'Publish Documentation to Stage: version', command: 'publishDocumentation', cases: B.documentationVersion, node: () => stageNode('prod'), before: [] },
    { name: 'Publish Documentation to Stage: description', command: 'publishDocumentation', cases: B.description, node: () => stageNode('prod'), before: [{ input: '1.0' }] },
    // The box trims what is typed: a region with spaces around it is taken, not refused.
    // From the palette, the account alone (no DescribeLogGroups): the seeded role does not exist, and Create asks its name.
    { name: 'Check CloudWatch Logging Setup: role name', command: 'checkCloudWatchLogging', cases: B.roleName, node: async () => undefined, before: [{ pick: /^Account settings only/ }, { pick: /The role exists/ }, { pick: 'Create the role and set it…' }] },
    { name: 'Select Region: Other region…', command: 'selectRegion', cases: { ...B.region, bad: B.region.bad.filter((v) => v === v.trim() || regionProblem(v.trim())) }, node: async () => undefined, before: [{ pick: 'Other region…' }] },
  ];
  const total = STEPS.reduce((n, s) => n + s.cases.bad.length, 0);

  /** What a bad input must not change: the sample's stages, deployments and account, as the SDK reads them. */
  const emulatorState = async () => {
    const client = sdk();
    try {
      const id = seeded.apis.PetStore.id;
      return {
        stages: (await client.send(new GetStagesCommand({ restApiId: id }))).item,
        deployments: (await client.send(new GetDeploymentsCommand({ restApiId: id }))).items?.map((d) => d.id),
        account: await client.send(new GetAccountCommand({})).then((a) => ({ role: a.cloudwatchRoleArn, limits: a.throttleSettings })),
      };
    } finally {
      client.destroy();
    }
  };

  it(`${total} bad values over ${STEPS.length} wizard steps: each refused with what is allowed, only reads sent`, async () => {
    await sdk().send(new CreateStageCommand({ restApiId: seeded.apis.PetStore.id, stageName: 'gone', deploymentId: seeded.apis.PetStore.deploymentIds[0] }));
    await api.ctx.reload(true);
    await runScripted(api, 'deleteStage', [{ confirm: true }], await stageNode('gone'));
    await childrenOf(api, await stagesFolder());
    const state = await emulatorState();
    const region = () => vscode.workspace.getConfiguration('apigatewayStages').inspect('region');
    const regionBefore = JSON.stringify(region());
    let checked = 0;
    for (const step of STEPS) {
      for (const value of step.cases.bad) {
        const what = `${step.name}: ${shown(value)}`;
        const node = await step.node();
        const counts = new Map(api.ctx.session.requestCounts);
        const p = await runScripted(api, step.command, [...step.before, { input: value, expectProblem: step.cases.allowed }], ...(node ? [node] : []));
        // The step under test is the last question asked, and it was refused (else the script fails the command).
        const asked = p.asked.at(-1);
        assert.equal(asked?.kind, 'input', `${what}: the last question is the typed value; asked ${JSON.stringify(p.asked.map((a) => a.title))}`);
        assert.match(asked.problem ?? '', step.cases.allowed, `${what}: refused with what is allowed`);
        const sent = requestsSince(api, counts);
        assert.ok(Object.keys(sent).every((op) => op.startsWith('Get')), `${what}: only reads, got ${JSON.stringify(sent)}`);
        checked++;
      }
    }
    console.log(`      bad inputs checked (wizards): ${checked}`);
    assert.equal(checked, total);
    assert.deepEqual(await emulatorState(), state, 'the emulator is as before');
    assert.equal(JSON.stringify(region()), regionBefore, 'the region setting is as before');
  });
});
