// The stage commands in the extension host, run on tree nodes with a scripted prompter; the
// emulator's state is checked with the SDK, and the tree's labels through the provider.
import { commandId, type CommandName } from '../../src/commandIds';
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import {
  CreateDeploymentCommand, CreateStageCommand, CreateUsagePlanCommand, DeleteDeploymentCommand, DeleteStageCommand, DeleteUsagePlanCommand, GetDeploymentsCommand,
  GetStageCommand, UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { RecordingNotifier } from '../harness/recordingNotifier';
import { type Answer, ScriptedPrompter } from '../harness/scriptedPrompter';
import { emulatorClient, runScripted, useFreshSample } from './commandHelpers';
import { type SeedResult } from '../harness/seed';
import { apiFolder, child, childrenOf, requestsSince, setSetting, stageNode, summariesRead } from './treeHelpers';

describe('stage commands', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let seeded: SeedResult;
  const endpoint = () => process.env.APIGW_TEST_ENDPOINT!;
  const sdk = emulatorClient;
  const petStore = () => seeded.apis.PetStore.id;

  useFreshSample((s) => ({ api, seeded } = s));
  const run = (command: CommandName, answers: Answer[], ...args: unknown[]) => runScripted(api, command, answers, ...args);
  const snapshot = () => new Map(api.ctx.session.requestCounts);
  const stagesFolder = () => apiFolder(api, 'PetStore', 'Stages');
  const stage = (name: string) => stageNode(api, name);
  const getStage = (stageName: string) => sdk().send(new GetStageCommand({ restApiId: petStore(), stageName }));
  /** Each deployment row as `description → stages` (its description is `→ stages · date · id`). */
  const deploymentLabels = async () =>
    (await childrenOf(api, await apiFolder(api, 'PetStore', 'Deployments'))).map((d) => `${d.label} ${d.description.split(' · ')[0]}`.trim());
  const dep = (i: number) => seeded.apis.PetStore.deploymentIds[i];
  /** Where the snapshots of PetStore are: its account (from STS), region and id. */
  const snapshotRef = async () => ({ account: await api.ctx.session.api().accountId(), region: 'us-east-1', restApiId: petStore() });

  it('Create Stage on the API: one CreateStage, the stage in the tree and on its deployment', async () => {
    const petStoreNode = (await child(api, undefined, 'PetStore')).node;
    await childrenOf(api, await stagesFolder());
    const before = snapshot();
    const p = await run('createStage', [
      { input: 'beta' },
      { input: 'Beta testers' },
      { pick: new RegExp(dep(1)) },
      { pick: "Don't copy settings" },
      { pick: `Create stage "beta" on deployment "Add owners" (${dep(1)})` },
    ], petStoreNode);
    assert.deepEqual(p.asked.map((a) => `${a.step}/${a.totalSteps}`), ['1/5', '2/5', '3/5', '4/5', '5/5']);
    // The deployments as people know them: description, then date and id; newest first (the host suite seeds them a second apart).
    assert.match(p.asked[2].placeholder ?? '', /\(newest first\)/);
    assert.deepEqual(p.asked[2].labels, ['Proxy fallback', 'Add owners', 'Initial release']);
    assert.match(p.asked[2].items?.[1].description ?? '', new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d · ${dep(1)} → test$`));
    const created = await getStage('beta');
    assert.equal(created.deploymentId, dep(1));
    assert.equal(created.description, 'Beta testers');
    assert.deepEqual(requestsSince(api, before), { GetDeployments: 1, CreateStage: 1 });
    assert.deepEqual((await childrenOf(api, await stagesFolder())).map((s) => s.label), ['beta', 'dev', 'prod', 'test']);
    assert.ok((await deploymentLabels()).includes('Add owners → beta, test'));
    assert.equal(api.ctx.treeView.selection[0]?.id, (await stage('beta')).id, 'the new stage is selected');
  });

  it('Create Stage refuses a bad or taken name while typing: only the reads to ask, nothing that changes anything', async () => {
    const before = snapshot();
    const bad = [['bad name', /space/], ['beta', /already has a stage named "beta"/], ['', /Enter a stage name/], ['x'.repeat(129), /at most 128/]] as const;
    for (const [name, problem] of bad) {
      const p = await run('createStage', [{ input: name, expectProblem: problem }], await stagesFolder());
      assert.match(p.asked[0].problem ?? '', problem);
    }
    // Each try lists the deployments for its later step; the stages are known from the tree.
    assert.deepEqual(requestsSince(api, before), { GetDeployments: bad.length });
  });

  it('Create Stage copying the settings of prod: one CreateStage and one UpdateStage', async () => {
    const before = snapshot();
    await run('createStage', [
      { input: 'prod-copy' },
      { input: '' },
      { pick: new RegExp(dep(0)) },
      { pick: 'Copy settings from stage prod' },
      { pick: /^Create stage "prod-copy" on deployment "Initial release"/ },
    ], await stagesFolder());
    assert.deepEqual(requestsSince(api, before), { GetDeployments: 1, CreateStage: 1, UpdateStage: 1 });
    const copy = await getStage('prod-copy');
    const prod = await getStage('prod');
    assert.equal(copy.cacheClusterEnabled, true);
    assert.equal(copy.methodSettings?.['*/*']?.throttlingRateLimit, prod.methodSettings?.['*/*']?.throttlingRateLimit);
    assert.equal(copy.methodSettings?.['~1pets~1{petId}/GET']?.cacheTtlInSeconds, 60);
  });

  it('Change Deployment on a stage: one UpdateStage; the stage and the deployment arrows follow', async () => {
    const before = snapshot();
    const p = await run('changeDeployment', [{ pick: new RegExp(dep(2)) }, { pick: `Point "beta" at deployment "Proxy fallback" (${dep(2)}) (was "Add owners" (${dep(1)}))` }], await stage('beta'));
    assert.deepEqual(p.asked[0].labels, ['Proxy fallback', 'Add owners', 'Initial release']);
    assert.match(p.asked[0].items?.[1].description ?? '', new RegExp(` · ${dep(1)} \\(current\\) → beta, test$`));
    assert.equal((await getStage('beta')).deploymentId, dep(2));
    // The review reads the stage again: its deployment "was" is AWS's, not the tree's.
    assert.deepEqual(requestsSince(api, before), { GetDeployments: 1, GetStage: 1, UpdateStage: 1 });
    assert.match((await child(api, await stagesFolder(), 'beta')).description, new RegExp(`^deployment ${dep(2)}`));
    const arrows = await deploymentLabels();
    assert.ok(arrows.includes('Proxy fallback → beta, dev'), arrows.join(' | '));
    assert.ok(arrows.includes('Add owners → test'), arrows.join(' | '));
  });

  it('Deploy to Stage on prod keeps its settings and overrides', async () => {
    const old = await getStage('prod');
    const before = snapshot();
    await run('deployToStage', [{ input: 'Release 4' }, { pick: 'Deploy PetStore to stage "prod": new deployment "Release 4"' }], await stage('prod'));
    // GetDeployment: what the stage's deployment took, to list what is not deployed; read once per deployment (an expanded stage may have read it).
    const { GetDeployment: summaries = 0, ...sent } = requestsSince(api, before);
    assert.deepEqual(sent, { GetStage: 1, CreateDeployment: 1, UpdateStage: 1 });
    assert.ok(summaries <= 1, `GetDeployment ${summaries} times`);
    const now = await getStage('prod');
    assert.notEqual(now.deploymentId, old.deploymentId);
    const deployments = await sdk().send(new GetDeploymentsCommand({ restApiId: petStore() }));
    assert.equal(deployments.items?.find((d) => d.id === now.deploymentId)?.description, 'Release 4');
    assert.deepEqual(now.methodSettings, old.methodSettings);
    assert.equal(now.description, old.description);
    assert.deepEqual(now.tags, old.tags);
    assert.equal(now.cacheClusterEnabled, true);
  });

  it('Delete Stage keeps a snapshot and the deployment; Restore Deleted Stage brings it back field for field', async () => {
    await sdk().send(new UpdateStageCommand({ restApiId: petStore(), stageName: 'beta', patchOperations: [
      { op: 'replace', path: '/variables/backend', value: 'beta.example.com' },
      { op: 'replace', path: '/*/*/metrics/enabled', value: 'true' },
    ] }));
    await (await stage('beta')).refresh();
    const old = await getStage('beta');
    const p = await run('deleteStage', [{ confirm: true }], await stage('beta'));
    assert.match(p.asked[0].message ?? '', /Delete stage "beta" of PetStore\?/);
    assert.match(p.asked[0].detail ?? '', /execute-api\.us-east-1\.amazonaws\.com\/beta will get errors/);
    assert.match(p.asked[0].detail ?? '', /\n\nRequests:\nDeleteStage beta$/, 'the requests as every review shows them (planPreview)');
    await assert.rejects(getStage('beta'), /Invalid stage identifier|NotFound/);
    assert.ok(!(await childrenOf(api, await stagesFolder())).some((s) => s.label === 'beta'));
    const deployments = await sdk().send(new GetDeploymentsCommand({ restApiId: petStore() }));
    assert.ok(deployments.items?.some((d) => d.id === old.deploymentId), 'the deployment is kept');
    const ref = await snapshotRef();
    assert.equal((await api.ctx.snapshots.list(ref))[0]?.stage.stageName, 'beta');

    const before = snapshot();
    await run('restoreStage', [{ pick: 'beta' }, { input: 'beta' }, { pick: 'Restore stage "beta"' }], await stagesFolder());
    assert.deepEqual(requestsSince(api, before), { GetDeployments: 1, CreateStage: 1, UpdateStage: 1 });
    const back = await getStage('beta');
    for (const f of ['deploymentId', 'description', 'variables', 'cacheClusterEnabled', 'tracingEnabled'] as const) assert.deepEqual(back[f], old[f], f);
    assert.equal(back.methodSettings?.['*/*']?.metricsEnabled, true);
    assert.ok(!(await api.ctx.snapshots.list(ref)).some((s) => s.stage.stageName === 'beta'), 'the snapshot is dropped after the restore');
    assert.ok((await childrenOf(api, await stagesFolder())).some((s) => s.label === 'beta'));
  });

  it('Delete Stage finishes against the profile and region it started with when the view switches region meanwhile', async () => {
    const switchRegion = async (region: string | undefined) => {
      await setSetting('region', region);
      await api.ctx.reload();
    };
    await sdk().send(new CreateStageCommand({ restApiId: petStore(), stageName: 'moving', deploymentId: dep(0) }));
    await api.ctx.stages.forApi(api.ctx.session.state.kind === 'ready' ? api.ctx.session.state.connection : assert.fail(), petStore(), () => api.ctx.session.api()).reload();
    const notices = new RecordingNotifier();
    const saved = api.ctx.notifier;
    api.ctx.notifier = notices;
    try {
      await run('deleteStage', [{ confirm: true, meanwhile: () => switchRegion('eu-west-1') }], await stage('moving'));
      assert.deepEqual(notices.shown.map((n) => n.message), [
        'Deleted stage "moving" of PetStore. A snapshot is kept. This ran with profile "local" in us-east-1, where it started; the view has switched since.',
      ]);
      const state = api.ctx.session.state;
      assert.equal(state.kind === 'ready' && state.connection.region, 'eu-west-1', 'the view switched while the confirmation was open');
      await assert.rejects(getStage('moving'), /Invalid stage identifier|NotFound/, 'deleted in us-east-1, where it started');
      assert.equal((await api.ctx.snapshots.list(await snapshotRef()))[0]?.stage.stageName, 'moving', 'the snapshot is kept under us-east-1');
      assert.ok(!(await childrenOf(api)).some((n) => n.label === 'PetStore'), 'the view shows eu-west-1, where the sample has no APIs');
    } finally {
      api.ctx.notifier = saved;
      await switchRegion(undefined);
    }
    assert.ok(!(await childrenOf(api, await stagesFolder())).some((s) => s.label === 'moving'), 'back in us-east-1, the stage is gone');
  });

  it('Delete Stage cancelled at the confirmation sends nothing and keeps no snapshot', async () => {
    const ref = await snapshotRef();
    const kept = (await api.ctx.snapshots.list(ref)).length;
    const before = snapshot();
    await run('deleteStage', [{ confirm: false }], await stage('dev'));
    assert.equal(requestsSince(api, before).DeleteStage, undefined);
    assert.equal((await api.ctx.snapshots.list(ref)).length, kept);
    await getStage('dev');
  });

  it('a second Delete Stage on the same stage while the first runs is refused: one DeleteStage, one snapshot', async () => {
    await run('createStage', [{ input: 'twice' }, { input: '' }, { pick: new RegExp(dep(0)) }, { pick: "Don't copy settings" }, { pick: /^Create stage "twice" on deployment / }], await stagesFolder());
    const ref = await snapshotRef();
    const kept = (await api.ctx.snapshots.list(ref)).length;
    const node = await stage('twice');
    const prompter = new ScriptedPrompter([{ confirm: true }]);
    const saved = api.ctx.prompter;
    api.ctx.prompter = prompter;
    const before = snapshot();
    try {
      await Promise.all([
        vscode.commands.executeCommand(commandId('deleteStage'), node),
        vscode.commands.executeCommand(commandId('deleteStage'), node),
      ]);
    } finally {
      api.ctx.prompter = saved;
    }
    assert.deepEqual(prompter.left, []);
    assert.equal(prompter.asked.length, 1, 'one confirmation');
    const sent = requestsSince(api, before);
    assert.equal(sent.DeleteStage, 1);
    // One for the dialog, one for the snapshot after the confirmation: none for the refused second delete.
    assert.equal(sent.GetStage, 2);
    assert.equal((await api.ctx.snapshots.list(ref)).length, kept + 1);
    await assert.rejects(getStage('twice'), /Invalid stage identifier|NotFound/);
  });

  it('Restore Deleted Stage with a damaged snapshot file beside the others restores from the others and leaves the file', async () => {
    const ref = await snapshotRef();
    // A snapshot file cut short (a disk full, an edit by hand), in the folder the extension writes to.
    const damaged = path.join(api.ctx.snapshots.folder(ref), 'damaged.json');
    fs.writeFileSync(damaged, '{"id": "twice@2025');
    try {
      assert.deepEqual((await api.ctx.snapshots.listWithProblems(ref)).damaged.map((d) => d.file), [damaged]);
      await run('restoreStage', [{ pick: 'twice' }, { input: 'twice' }, { pick: 'Restore stage "twice"' }], await stagesFolder());
      assert.equal((await getStage('twice')).stageName, 'twice');
      assert.ok(fs.existsSync(damaged), 'the damaged file is left for the user to look at');
    } finally {
      fs.rmSync(damaged, { force: true });
    }
  });

  it('Create Stage of a name someone took meanwhile: AWS says Conflict, nothing else is sent, and the tree shows their stage', async () => {
    const before = snapshot();
    await run('createStage', [
      { input: 'race' },
      { input: 'mine' },
      { pick: new RegExp(dep(1)) },
      { pick: "Don't copy settings" },
      { pick: /^Create stage "race" on deployment /, meanwhile: () => sdk().send(new CreateStageCommand({ restApiId: petStore(), stageName: 'race', deploymentId: dep(0), description: 'theirs' })) },
    ], await stagesFolder());
    const sent = requestsSince(api, before);
    assert.equal(sent.CreateStage, 1);
    assert.equal(sent.UpdateStage, undefined);
    assert.equal((await getStage('race')).description, 'theirs', 'their stage is untouched');
    // The failure reads the stage again (one GetStage), so the tree shows it.
    for (let i = 0; i < 50 && !(await childrenOf(api, await stagesFolder())).some((s) => s.label === 'race'); i++) await new Promise((r) => setTimeout(r, 100));
    assert.match((await child(api, await stagesFolder(), 'race')).description, new RegExp(`^deployment ${dep(0)}`));
  });

  it('Create Stage on an API without deployments says so and asks nothing else', async () => {
    const empty = (await child(api, undefined, 'Empty API')).node;
    const before = snapshot();
    const p = await run('createStage', [], empty);
    assert.deepEqual(p.asked, [], 'no question answered: the name box gives way to the message');
    const sent = requestsSince(api, before);
    assert.equal(sent.CreateStage, undefined);
    assert.equal(sent.GetDeployments, 1);
  });

  it('Delete Stage on a stage in a usage plan asks once more, naming the plan; No keeps it', async () => {
    const { id } = await sdk().send(new CreateUsagePlanCommand({ name: 'Gold', apiStages: [{ apiId: petStore(), stage: 'dev' }] }));
    try {
      const ref = await snapshotRef();
      const kept = (await api.ctx.snapshots.list(ref)).length;
      const before = snapshot();
      const p = await run('deleteStage', [{ confirm: true }, { confirm: false }], await stage('dev'));
      assert.match(p.asked[0].detail ?? '', /In use by: usage plan "Gold"/);
      assert.match(p.asked[1].message ?? '', /Stage "dev" is in use\. Delete it anyway\?/);
      assert.match(p.asked[1].detail ?? '', /usage plan "Gold"/);
      assert.equal(requestsSince(api, before).DeleteStage, undefined);
      assert.equal((await api.ctx.snapshots.list(ref)).length, kept, 'no snapshot for a delete not done');
      await getStage('dev');
    } finally {
      await sdk().send(new DeleteUsagePlanCommand({ usagePlanId: id! }));
    }
  });

  it("Restore Deleted Stage whose deployment is gone says so and lets you pick another", async () => {
    const { id: doomed } = await sdk().send(new CreateDeploymentCommand({ restApiId: petStore(), description: 'Short-lived' }));
    await run('createStage', [{ input: 'orphan' }, { input: '' }, { pick: new RegExp(doomed!) }, { pick: "Don't copy settings" }, { pick: /^Create stage "orphan" on deployment / }], await stagesFolder());
    await run('deleteStage', [{ confirm: true }], await stage('orphan'));
    await sdk().send(new DeleteDeploymentCommand({ restApiId: petStore(), deploymentId: doomed! }));
    const p = await run('restoreStage', [{ pick: 'orphan' }, { input: 'orphan' }, { pick: new RegExp(dep(0)) }, { pick: 'Restore stage "orphan"' }], await stagesFolder());
    assert.match(p.asked[2].placeholder ?? '', new RegExp(`Deployment ${doomed} of the snapshot is gone: pick another`));
    // The deployments left, as people know them: by description, newest first ("Release 4" was made by a test above).
    assert.deepEqual(p.asked[2].labels, ['Release 4', 'Proxy fallback', 'Add owners', 'Initial release']);
    assert.equal((await getStage('orphan')).deploymentId, dep(0));
  });

  it('Restore Deleted Stage brings back what pointed at the stage; what cannot come back is named first, and the user decides', async () => {
    const gold = await sdk().send(new CreateUsagePlanCommand({ name: 'Gold', apiStages: [{ apiId: petStore(), stage: 'dev' }] }));
    const silver = await sdk().send(new CreateUsagePlanCommand({ name: 'Silver', apiStages: [{ apiId: petStore(), stage: 'dev' }] }));
    try {
      await run('deleteStage', [{ confirm: true }, { confirm: true }], await stage('dev'));
      const [snap] = await api.ctx.snapshots.list(await snapshotRef());
      assert.deepEqual(snap.references.usagePlans.map((u) => u.name).sort(), ['Gold', 'Silver'], 'the snapshot names both plans');
      // Silver is deleted meanwhile: it cannot come back. moto kept dev in Gold across the delete: it is in place.
      await sdk().send(new DeleteUsagePlanCommand({ usagePlanId: silver.id! }));
      const before = snapshot();
      const p = await run('restoreStage', [
        { pick: 'dev' }, { input: 'dev' },
        { pick: 'Restore without them' },
        { pick: 'Restore stage "dev"' },
      ], await stagesFolder());
      assert.match(p.asked[2].placeholder ?? '', /These cannot come back: usage plan "Silver" \(deleted\)/);
      const review = p.asked[3].labels ?? [];
      assert.ok(review.some((l) => /^Already in place: usage plan "Gold" \(still there: not sent again\)/.test(l)), review.join(' | '));
      assert.ok(!review.some((l) => /^UpdateUsagePlan/.test(l)), 'nothing sent to a plan that is gone or already has it');
      // The checks: the deployments and each plan of the snapshot.
      assert.deepEqual(requestsSince(api, before), { GetDeployments: 1, GetUsagePlan: 2, CreateStage: 1 });
      assert.equal((await getStage('dev')).stageName, 'dev');
    } finally {
      await sdk().send(new DeleteUsagePlanCommand({ usagePlanId: gold.id! }));
    }
  });

  it('Delete Stage Snapshot removes one snapshot for good, after a confirmation naming it; the others stay', async () => {
    await run('createStage', [{ input: 'gone1' }, { input: '' }, { pick: new RegExp(dep(0)) }, { pick: "Don't copy settings" }, { pick: /^Create stage "gone1" on deployment / }], await stagesFolder());
    await run('deleteStage', [{ confirm: true }], await stage('gone1'));
    const ref = await snapshotRef();
    const kept = (await api.ctx.snapshots.list(ref)).length;
    const before = snapshot();
    const p = await run('deleteStageSnapshot', [{ pick: 'gone1' }, { confirm: true }], await stagesFolder());
    assert.match(p.asked[1].message ?? '', /^Delete the snapshot of stage "gone1" \(deleted .*\)\?$/);
    assert.match(p.asked[1].detail ?? '', /can no longer be restored/);
    assert.equal((await api.ctx.snapshots.list(ref)).length, kept - 1);
    assert.ok(!(await api.ctx.snapshots.list(ref)).some((x) => x.stage.stageName === 'gone1'));
    assert.deepEqual(requestsSince(api, before), {}, 'nothing is sent to AWS');
  });

  it('Refresh on a stage moved behind the editor\'s back shows its new deployment and arrows', async () => {
    await childrenOf(api, await stage('test'));
    await deploymentLabels();
    await sdk().send(new UpdateStageCommand({ restApiId: petStore(), stageName: 'test', patchOperations: [{ op: 'replace', path: '/deploymentId', value: dep(0) }] }));
    const before = snapshot();
    await vscode.commands.executeCommand(commandId('refreshNode'), await stage('test'));
    assert.deepEqual(requestsSince(api, before), { GetStage: 1 });
    assert.match((await child(api, await stagesFolder(), 'test')).description, new RegExp(`^deployment ${dep(0)}`));
    const arrows = await deploymentLabels();
    assert.ok(arrows.some((a) => a.startsWith('Initial release → ') && a.includes('test')), arrows.join(' | '));
  });

  it('expands a second stage after the first has loaded, and two at once with one GetResources', async () => {
    const methods = async (name: string) => (await childrenOf(api, await stage(name))).map((m) => m.label);
    const dev = await methods('dev');
    assert.ok(dev.includes('GET /pets'), dev.join(', '));
    assert.deepEqual(await methods('test'), dev);
    // Refresh on the API drops the resources and every stage's methods: the next two load at once.
    const petStoreNode = (await child(api, undefined, 'PetStore')).node;
    await vscode.commands.executeCommand(commandId('refreshNode'), petStoreNode);
    const before = snapshot();
    const [a, b] = await Promise.all([methods('prod'), methods('beta')]);
    assert.deepEqual(a, dev);
    assert.deepEqual(b, dev);
    await summariesRead([await stage('prod'), await stage('beta')]);
    // A deployment's summary is read once, ever (a refresh keeps it): at most prod's and beta's, if not read before.
    const { GetDeployment: summaries = 0, ...sent } = requestsSince(api, before);
    assert.deepEqual(sent, { GetResources: 1 });
    assert.ok(summaries <= 2, `GetDeployment ${summaries} times`);
  });

  it('Deploy to Stage from the palette: Back from the stage returns to the API; the count drops the name step once an existing stage is picked', async () => {
    const before = snapshot();
    const p = await run('deployToStage', [{ pick: 'PetStore' }, 'back', { pick: 'PetStore' }, { pick: 'dev' }, 'cancel']);
    assert.deepEqual(p.asked.map((a) => `${a.step}/${a.totalSteps}`), ['1/5', '2/5', '1/5', '2/5', '3/4']);
    assert.equal(requestsSince(api, before).CreateDeployment, undefined);
  });

  it('Deploy to Stage: a name typed in the first picker is offered at once as `New stage "<name>"`, and then not asked again', async () => {
    const petStoreNode = (await child(api, undefined, 'PetStore')).node;
    const before = snapshot();
    const p = await run('deployToStage', [
      { type: 'gamma', pick: 'New stage "gamma"' },
      { input: 'First gamma' },
      { pick: 'Deploy PetStore to new stage "gamma": new deployment "First gamma"' },
    ], petStoreNode);
    assert.equal(p.asked[0].typed?.label, 'New stage "gamma"');
    assert.equal(p.asked[0].typed?.detail, undefined, 'a good name: nothing wrong said');
    // No name step: the description comes next, and the count drops the name step.
    assert.deepEqual(p.asked.map((a) => `${a.kind} ${a.step}/${a.totalSteps}`), ['pick 1/4', 'input 2/3', 'pick 3/3']);
    assert.deepEqual(requestsSince(api, before), { CreateDeployment: 1, GetStage: 1 });
    assert.ok((await getStage('gamma')).deploymentId, 'gamma is made, on the new deployment');
    assert.ok((await childrenOf(api, await stagesFolder())).some((s) => s.label === 'gamma'));

    // A taken name offers no new stage (the stage itself is listed); a bad one says what is wrong and goes to the name box with it.
    const taken = await run('deployToStage', [{ type: 'dev', pick: 'dev' }, 'cancel'], petStoreNode);
    assert.equal(taken.asked[0].typed, undefined);
    const bad = await run('deployToStage', [{ type: 'bad name', pick: 'New stage "bad name"' }, { input: 'bad name', expectProblem: /space/ }], petStoreNode);
    assert.match(bad.asked[0].typed?.detail ?? '', /a space is not allowed/);
    assert.equal(bad.asked[1].kind, 'input');
    await sdk().send(new DeleteStageCommand({ restApiId: petStore(), stageName: 'gamma' }));
    await vscode.commands.executeCommand(commandId('refreshNode'), await stagesFolder());
  });

  it('Open in AWS Console on the emulator says first that the ids are the emulator\'s, and opens nothing unless told to', async () => {
    const before = snapshot();
    const p = await run('openInConsole', [{ choose: undefined }], await stage('prod'));
    assert.equal(p.asked[0].kind, 'choose');
    assert.equal(p.asked[0].message, `PetStore (${petStore()}) belongs to the emulator at ${endpoint()}, not to AWS: the AWS Console will not find it.`);
    assert.match(p.asked[0].detail ?? '', /Profile "local" sends its requests to http:\/\/127\.0\.0\.1:\d+\./);
    assert.deepEqual(p.asked[0].labels, ['Open Anyway']);
    // From the palette: the API, then the same question.
    const q = await run('openInConsole', [{ pick: 'PetStore' }, { choose: undefined }]);
    assert.equal(q.asked[1].kind, 'choose');
    assert.deepEqual(requestsSince(api, before), { GetRestApis: 1 });
  });

  it('Delete Stage from the palette: Back from the stage returns to the API; Escape ends it quietly', async () => {
    const before = snapshot();
    const p = await run('deleteStage', [{ pick: 'PetStore' }, 'back', { pick: 'PetStore' }, 'cancel']);
    assert.deepEqual(p.asked.map((a) => `${a.title} ${a.step}/${a.totalSteps}`), ['Delete Stage 1/2', 'Delete Stage 2/2', 'Delete Stage 1/2', 'Delete Stage 2/2']);
    assert.equal(requestsSince(api, before).DeleteStage, undefined);
  });
});
