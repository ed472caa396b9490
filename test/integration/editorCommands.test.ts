// The stage-setting commands in the extension host: Edit One Setting… through its quick picks,
// Set CloudWatch Log Role ARN…, Flush Stage Cache and Edit Stage Settings (one editor per stage).
// Run on tree nodes with a scripted prompter; the emulator's state is checked with the SDK.
import { commandId, type CommandName } from '../../src/commandIds';
import * as assert from 'assert/strict';
import { GetAccountCommand, GetStageCommand, UpdateAccountCommand, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { formFromStage } from '../../src/model/stageForm';
import { RecordingNotifier } from '../harness/recordingNotifier';
import { type Answer, type ScriptedPrompter } from '../harness/scriptedPrompter';
import { emulatorClient, noticesOf, runScripted, useFreshSample } from './commandHelpers';
import { SAMPLE, type SeedResult } from '../harness/seed';
import { apiFolder, child, childrenOf, requestsSince, setSetting, stageNode, summariesRead, tooltipText } from './treeHelpers';

describe('editor commands', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let seeded: SeedResult;
  const endpoint = () => process.env.APIGW_TEST_ENDPOINT!;
  const sdk = emulatorClient;
  const petStore = () => seeded.apis.PetStore.id;
  const PET = '~1pets~1{petId}/GET';

  useFreshSample((s) => ({ api, seeded } = s));
  const run = (command: CommandName, answers: Answer[], ...args: unknown[]) => runScripted(api, command, answers, ...args);
  const snapshot = () => new Map(api.ctx.session.requestCounts);
  const stagesFolder = () => apiFolder(api, 'PetStore', 'Stages');
  const stage = (name: string) => stageNode(api, name);
  /** A method row under a stage, by its label (e.g. `GET /pets/{petId}`). */
  const method = async (stageName: string, label: string) => {
    const rows = await childrenOf(api, await stage(stageName));
    await summariesRead([await stage(stageName)]); // the expansion's GetDeployment, before the test counts
    const row = rows.find((m) => m.label === label);
    assert.ok(row, `no method "${label}" under ${stageName}: ${rows.map((m) => m.label).join(', ')}`);
    return row.node;
  };
  const getStage = (stageName: string) => sdk().send(new GetStageCommand({ restApiId: petStore(), stageName }));
  const ALL = 'The whole stage (all methods)';
  const APPLY = /^Apply:/;

  describe('Edit One Setting', () => {
    it('a boolean for the whole stage: one UpdateStage, metrics on for */*', async () => {
      assert.notEqual((await getStage('test')).methodSettings?.['*/*']?.metricsEnabled, true, 'the sample has metrics off on test');
      const node = await stage('test');
      const before = snapshot();
      const p = await run('editStageSetting', [
        { pick: 'Detailed CloudWatch metrics (charged per method)' },
        { pick: ALL },
        { pick: 'On' },
        { pick: APPLY },
      ], node);
      // Step 1 is counted before the setting is known (now "1/3"; the scope step is added once a method setting is picked).
      assert.deepEqual(p.asked.slice(1).map((a) => `${a.step}/${a.totalSteps}`), ['2/4', '3/4', '4/4']);
      assert.ok(p.asked[1].labels?.includes('GET /pets/{petId}'), `the methods are offered: ${p.asked[1].labels?.join(' | ')}`);
      assert.deepEqual(p.asked[2].labels, ['On', 'Off']);
      assert.deepEqual(p.asked[2].items?.map((i) => i.description), [undefined, '(current)']);
      // The settings with their values in words.
      const valueOf = (label: string) => p.asked[0].items?.find((i) => i.label === label)?.description;
      assert.equal(valueOf('Detailed CloudWatch metrics (charged per method)'), 'Off');
      assert.match(valueOf('Log level') ?? '', /^(Off|Errors only|Errors and info)$/);
      assert.equal(valueOf('Unauthorized cache invalidation requests'), 'Ignore cache control header; add a warning in response header');
      const review = p.asked[3].labels ?? [];
      assert.ok(review.some((l) => l === 'replace /*/*/metrics/enabled = "true"'), `the review lists the operation: ${review.join(' | ')}`);
      // The stage is read again at the review (read before write): the change goes on it as it is then.
      assert.deepEqual(requestsSince(api, before), { GetStage: 2, GetResources: 1, UpdateStage: 1 });
      assert.equal((await getStage('test')).methodSettings?.['*/*']?.metricsEnabled, true);
    });

    it('from the palette: one wizard from the API to the review, its step counter running on; the strategy in the form\'s words', async () => {
      const before = snapshot();
      const p = await run('editStageSetting', [
        { pick: 'PetStore' },
        { pick: 'prod' },
        { pick: 'Unauthorized cache invalidation requests' },
        { pick: ALL },
        { pick: 'Fail the request with status code 403' },
        'cancel',
      ]);
      assert.equal(p.asked[0].title, 'Edit One Setting');
      assert.deepEqual(p.asked.map((a) => `${a.step}/${a.totalSteps}`), ['1/6', '2/6', '3/6', '4/6', '5/6', '6/6']);
      assert.deepEqual(p.asked[4].labels, [
        'Fail the request with status code 403',
        'Ignore cache control header; add a warning in response header',
        'Ignore cache control header; no warning',
      ]);
      assert.equal(p.asked[4].items?.find((i) => i.description === '(current)')?.label, 'Ignore cache control header; add a warning in response header');
      assert.equal(p.asked[5].labels?.[0], 'Apply: Unauthorized cache invalidation requests for all methods: Ignore cache control header; add a warning in response header → Fail the request with status code 403');
      assert.equal(requestsSince(api, before).UpdateStage, undefined, 'cancelled at the review: nothing sent');

      // A stage setting: no scope step, and the count goes on from where it was.
      // (The value not current: its row reads `On` or `Off` alone.)
      const q = await run('editStageSetting', [{ pick: 'PetStore' }, { pick: 'prod' }, { pick: 'X-Ray tracing' }, { pick: /^O(n|ff)$/ }, 'cancel']);
      assert.deepEqual(q.asked.map((a) => `${a.step}/${a.totalSteps}`), ['1/6', '2/6', '3/6', '4/5', '5/5']);
    });

    it('a save whose region is switched meanwhile finishes against the region it started with', async () => {
      const switchRegion = async (region: string | undefined) => {
        await setSetting('region', region);
        await api.ctx.reload();
      };
      const node = await stage('prod');
      const notices = new RecordingNotifier();
      const saved = api.ctx.notifier;
      api.ctx.notifier = notices;
      try {
        await run('editStageSetting', [
          { pick: 'X-Ray tracing' },
          { pick: 'On' },
          { pick: APPLY, meanwhile: () => switchRegion('eu-west-1') },
        ], node);
        const state = api.ctx.session.state;
        assert.equal(state.kind === 'ready' && state.connection.region, 'eu-west-1', 'the view switched before the save was sent');
        assert.deepEqual(notices.shown.map((n) => n.message), [
          'Saved X-Ray tracing of stage prod. This ran with profile "local" in us-east-1, where it started; the view has switched since.',
        ]);
      } finally {
        api.ctx.notifier = saved;
        await switchRegion(undefined);
      }
      assert.equal((await getStage('prod')).tracingEnabled, true, 'saved in us-east-1');
    });

    it('a number: 4000 s is refused while typing and nothing is sent; then the TTL of one method is set', async () => {
      const node = await stage('prod');
      const before = snapshot();
      const refused = await run('editStageSetting', [
        { pick: 'Cache TTL (seconds, 0–3600)' },
        { pick: 'GET /pets/{petId}' },
        { input: '4000', expectProblem: /at most 3600/ },
      ], node);
      assert.match(refused.asked[2].problem ?? '', /Cache TTL is at most 3600 seconds \(4000 given\)/);
      assert.deepEqual(requestsSince(api, before), { GetStage: 1, GetResources: 1 }, 'only the reads to ask');
      assert.equal((await getStage('prod')).methodSettings?.[PET]?.cacheTtlInSeconds, 60, 'the TTL is as seeded');

      const old = await getStage('prod');
      const good = snapshot();
      const p = await run('editStageSetting', [
        { pick: 'Cache TTL (seconds, 0–3600)' },
        { pick: 'GET /pets/{petId}' },
        { input: '120' },
        { pick: APPLY },
      ], node);
      assert.match(p.asked[1].placeholder ?? '', /for the whole stage or one method/);
      assert.deepEqual(requestsSince(api, good), { GetStage: 2, GetResources: 1, UpdateStage: 1 });
      const now = await getStage('prod');
      assert.equal(now.methodSettings?.[PET]?.cacheTtlInSeconds, 120);
      assert.deepEqual(now.methodSettings?.['*/*'], old.methodSettings?.['*/*'], 'the stage-wide settings are untouched');
    });

    it('an enum on dev: Log level "Errors only" for the whole stage (turning logging on reads the account for its role: one GetAccount)', async () => {
      const node = await stage('dev');
      const before = snapshot();
      const p = await run('editStageSetting', [{ pick: 'Log level' }, { pick: ALL }, { pick: 'Errors only' }, { pick: APPLY }], node);
      assert.deepEqual(p.asked[2].labels, ['Off', 'Errors only', 'Errors and info']);
      assert.equal(p.asked[3].labels?.[0], 'Apply: Log level for all methods: Off → Errors only');
      assert.deepEqual(requestsSince(api, before), { GetStage: 2, GetResources: 1, GetAccount: 1, UpdateStage: 1 });
      assert.equal((await getStage('dev')).methodSettings?.['*/*']?.loggingLevel, 'ERROR');
      // The stage as saved goes to the tree: its tooltip shows the new level without a refresh.
      assert.match(tooltipText((await child(api, await stagesFolder(), 'dev')).item), /Log level: ERROR/);
    });

    it('on a method node: no scope question, only that method\'s override changes', async () => {
      const old = await getStage('prod');
      assert.equal(old.methodSettings?.['*/*']?.loggingLevel, 'INFO');
      const node = await method('prod', 'GET /pets/{petId}');
      const before = snapshot();
      const p = await run('editStageSetting', [{ pick: 'Log level' }, { pick: 'Errors only' }, { pick: APPLY }], node);
      assert.equal(p.asked.length, 3, JSON.stringify(p.asked.map((a) => a.placeholder)));
      assert.ok(!p.asked.some((a) => /for the whole stage or one method/.test(a.placeholder ?? '')), 'no scope question');
      assert.match(p.asked[0].placeholder ?? '', /for GET \/pets\/\{petId\}/);
      // Only method settings are offered for a method.
      assert.ok(!p.asked[0].labels?.includes('Description'), p.asked[0].labels?.join(' | '));
      assert.ok(!p.asked[0].labels?.includes('X-Ray tracing'), p.asked[0].labels?.join(' | '));
      assert.deepEqual(p.asked.map((a) => `${a.step}/${a.totalSteps}`), ['1/3', '2/3', '3/3']);
      // No methods to list: no GetResources.
      assert.deepEqual(requestsSince(api, before), { GetStage: 2, GetAccount: 1, UpdateStage: 1 });
      const now = await getStage('prod');
      assert.equal(now.methodSettings?.[PET]?.loggingLevel, 'ERROR');
      assert.deepEqual(now.methodSettings?.['*/*'], old.methodSettings?.['*/*'], 'the stage-wide settings are untouched');
      assert.equal(now.methodSettings?.[PET]?.cacheTtlInSeconds, old.methodSettings?.[PET]?.cacheTtlInSeconds, 'the rest of the override is kept');
    });

    it('on a method without an override (dev): the override is created with the new value, and only it is sent', async () => {
      const node = await method('dev', 'GET /pets/{petId}');
      const before = snapshot();
      const p = await run('editStageSetting', [{ pick: 'Detailed CloudWatch metrics (charged per method)' }, { pick: 'On' }, { pick: APPLY }], node);
      // AWS makes the new entry from the stage's */*: the review says it in one line, and sends the metrics and, as
      // AWS is not proven to copy logging, dev's log level (ERROR since the test above).
      const review = p.asked[2].labels ?? [];
      assert.equal(review[0], "Apply: New override for GET /pets/{petId}: log level Errors only, detailed CloudWatch metrics on; other settings as the stage's");
      assert.deepEqual(review.filter((l) => /^(replace|remove) /.test(l)), [`replace /${PET}/logging/loglevel = "ERROR"`, `replace /${PET}/metrics/enabled = "true"`]);
      assert.deepEqual(requestsSince(api, before), { GetStage: 2, GetAccount: 1, UpdateStage: 1 });
      const now = await getStage('dev');
      assert.equal(now.methodSettings?.[PET]?.metricsEnabled, true);
      assert.notEqual(now.methodSettings?.['*/*']?.metricsEnabled, true, 'the stage-wide metrics stay off');
    });

    it('a colleague\'s throttle on that method, set while the picks were open, stays: the save reads the stage again and sends only mine', async () => {
      const node = await method('test', 'GET /pets/{petId}');
      assert.equal((await getStage('test')).methodSettings?.[PET], undefined, 'no override on test yet');
      const colleague = () => sdk().send(new UpdateStageCommand({ restApiId: petStore(), stageName: 'test', patchOperations: [{ op: 'replace', path: `/${PET}/throttling/rateLimit`, value: '5' }] }));
      const p = await run('editStageSetting', [{ pick: 'Caching' }, { pick: 'On', meanwhile: colleague }, { pick: APPLY }], node);
      const review = p.asked[2].labels ?? [];
      assert.deepEqual(review.filter((l) => /^(replace|remove) /.test(l)), [`replace /${PET}/caching/enabled = "true"`], review.join(' | '));
      // The note, a row a sentence (a quick pick row does not wrap), read as one text.
      assert.match(review.join(' '), /Changed by someone else since you read the stage \(kept, not sent\): New override for GET \/pets\/\{petId\}: .*throttling rate 5/);
      const now = (await getStage('test')).methodSettings?.[PET];
      assert.equal(now?.throttlingRateLimit, 5, 'their 5 rps stays');
      assert.equal(now?.cachingEnabled, true, 'my caching is on');
    });

    it('a field I change that they changed meanwhile: theirs and mine are shown and I decide; No sends nothing', async () => {
      const node = await stage('dev');
      const colleague = () => sdk().send(new UpdateStageCommand({ restApiId: petStore(), stageName: 'dev', patchOperations: [{ op: 'replace', path: '/description', value: 'Theirs' }] }));
      const before = snapshot();
      const p = await run('editStageSetting', [{ pick: 'Description' }, { input: 'Mine', meanwhile: colleague }, { confirm: false }], node);
      const conflict = p.asked.find((a) => a.kind === 'confirm');
      assert.match(conflict?.message ?? '', /Stage "dev" changed since you read it, in what you are changing/);
      assert.match(conflict?.detail ?? '', /Theirs: Description: .* → Theirs\nYours: Description: .* → Mine/);
      assert.equal(requestsSince(api, before).UpdateStage, undefined);
      assert.equal((await getStage('dev')).description, 'Theirs');
    });
  });

  describe('Set CloudWatch Log Role ARN', () => {
    const role = 'arn:aws:iam::123456789012:role/EditorCommandsTestLogs';

    it('refuses a user ARN while typing, saying it is a user\'s: only GetAccount is sent', async () => {
      const before = snapshot();
      const p = await run('setCloudWatchRoleArn', [{ input: 'arn:aws:iam::123456789012:user/bob', expectProblem: /That is the ARN of an IAM user, not of a role: after the account id comes "role\/"\./ }]);
      assert.equal(p.asked.length, 1);
      assert.deepEqual(requestsSince(api, before), { GetAccount: 1 });
      assert.equal((await sdk().send(new GetAccountCommand({}))).cloudwatchRoleArn, SAMPLE.cloudwatchRoleArn);
    });

    it('a failure before any request (a profile that does not exist) offers no Show Logs: the log has nothing more', async () => {
      const before = snapshot();
      const shown = await noticesOf(api, async () => {
        await setSetting('profile', 'no-such-profile');
        await api.ctx.reload();
        await run('setCloudWatchRoleArn', []);
      }).finally(async () => {
        await setSetting('profile', 'local');
        await api.ctx.reload();
      });
      assert.deepEqual(requestsSince(api, before), {}, 'nothing sent');
      assert.equal(shown.length, 1, JSON.stringify(shown));
      assert.match(shown[0].message, /no-such-profile/);
      assert.deepEqual(shown[0].actions, []);
    });

    it('sets a new role after a confirmation: one UpdateAccount; GetAccount shows it', async () => {
      try {
        const before = snapshot();
        const p = await run('setCloudWatchRoleArn', [{ input: role }, { confirm: true }]);
        assert.equal(p.asked[1].kind, 'confirm');
        assert.match(p.asked[1].message ?? '', /Set the CloudWatch Logs role of the account in us-east-1\?/);
        assert.ok((p.asked[1].detail ?? '').includes(`${SAMPLE.cloudwatchRoleArn} → ${role}`), p.asked[1].detail);
        // GetAccount to show the role, again just before the change (read before write), one UpdateAccount.
        assert.deepEqual(requestsSince(api, before), { GetAccount: 2, UpdateAccount: 1 });
        assert.equal((await sdk().send(new GetAccountCommand({}))).cloudwatchRoleArn, role);
      } finally {
        await sdk().send(new UpdateAccountCommand({ patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: SAMPLE.cloudwatchRoleArn }] }));
      }
      assert.equal((await sdk().send(new GetAccountCommand({}))).cloudwatchRoleArn, SAMPLE.cloudwatchRoleArn);
    });

    it('No at the confirmation sends no UpdateAccount', async () => {
      const before = snapshot();
      await run('setCloudWatchRoleArn', [{ input: role }, { confirm: false }]);
      assert.deepEqual(requestsSince(api, before), { GetAccount: 2 });
      assert.equal((await sdk().send(new GetAccountCommand({}))).cloudwatchRoleArn, SAMPLE.cloudwatchRoleArn);
    });

    it('a role someone else set while the box was open is said in the confirmation, theirs and mine', async () => {
      const theirs = 'arn:aws:iam::123456789012:role/SetByAColleague';
      try {
        const p = await run('setCloudWatchRoleArn', [
          { input: role, meanwhile: () => sdk().send(new UpdateAccountCommand({ patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: theirs }] })) },
          { confirm: false },
        ]);
        assert.match(p.asked[1].detail ?? '', new RegExp(`${theirs.replace(/[/]/g, '\\/')} → ${role.replace(/[/]/g, '\\/')}`));
        assert.match(p.asked[1].detail ?? '', /Changed meanwhile: it was .* when you started; someone else set .*SetByAColleague\. Yours replaces it\./);
        assert.equal((await sdk().send(new GetAccountCommand({}))).cloudwatchRoleArn, theirs, 'No: theirs stays');
      } finally {
        await sdk().send(new UpdateAccountCommand({ patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: SAMPLE.cloudwatchRoleArn }] }));
      }
    });
  });

  describe('Flush Stage Cache', () => {
    it('on a stage whose cache is off (dev): a notice, no FlushStageCache', async () => {
      const node = await stage('dev');
      const before = snapshot();
      const p = await run('flushStageCache', [], node);
      assert.deepEqual(p.asked, []);
      // One GetStage: the cache may have been turned on elsewhere since the tree read it.
      assert.deepEqual(requestsSince(api, before), { GetStage: 1 });
    });

    it('on prod (cache on): after a confirmation naming the request, FlushStageCache is sent; moto has no such route, and the message says so plainly', async () => {
      const node = await stage('prod');
      const before = snapshot();
      let p: ScriptedPrompter | undefined;
      // run() resolves: the command's error path shows the failure instead of throwing it.
      const shown = await noticesOf(api, async () => (p = await run('flushStageCache', [{ confirm: true }], node)));
      assert.ok(p);
      // Not "a proxy or network sign-in page": the endpoint answered everything else as API Gateway.
      assert.deepEqual(shown, [{
        kind: 'error',
        message: `This endpoint (${endpoint()}) does not implement FlushStageCache: an emulator implements only part of API Gateway. Nothing was changed.`,
        actions: ['Show Logs'],
      }]);
      assert.match(p.asked[0].message ?? '', /Flush the cache of stage "prod" of PetStore\?/);
      assert.match(p.asked[0].detail ?? '', /Requests:\nFlushStageCache prod/);
      const sent = requestsSince(api, before);
      assert.ok((sent.FlushStageCache ?? 0) >= 1, JSON.stringify(sent));
      assert.deepEqual(Object.keys(sent).sort(), ['FlushStageCache', 'GetStage'], JSON.stringify(sent));
      assert.equal(api.ctx.explorer.busy.label(node.id), undefined, 'the stage is not left busy');
    });
  });

  describe('commands the stage editor hands its stage to', () => {
    it('Change Deployment with (API, stage) asks only for the deployment', async () => {
      const connection = { profile: 'local', region: 'us-east-1', endpoint: process.env.APIGW_TEST_ENDPOINT };
      const gateway = api.ctx.session.apiFor(connection);
      const target = { connection, restApiId: petStore(), apiName: 'PetStore', gateway, stages: api.ctx.stages.forApi(connection, petStore(), () => gateway) };
      await target.stages.load();
      const dep0 = seeded.apis.PetStore.deploymentIds[0];
      const p = await run('changeDeployment', [{ pick: new RegExp(dep0) }, { pick: /^Point "dev" at deployment/ }], target, 'dev');
      assert.deepEqual(p.asked.map((a) => `${a.step}/${a.totalSteps}`), ['1/2', '2/2']);
      assert.equal((await sdk().send(new GetStageCommand({ restApiId: petStore(), stageName: 'dev' }))).deploymentId, dep0);
    });
  });

  describe('Edit Stage Settings', () => {
    const tabsOf = (label: string) => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label === label);

    async function waitForTab(label: string, timeoutMs = 10_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!tabsOf(label).length) {
        if (Date.now() > deadline) throw new Error(`No tab "${label}" after ${timeoutMs} ms; tabs: ${vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label).join(', ')}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }

    it('twice on prod (and once on one of its methods) opens one editor', async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      try {
        await vscode.commands.executeCommand(commandId('editStageSettings'), await stage('prod'));
        await waitForTab('prod · PetStore');
        await vscode.commands.executeCommand(commandId('editStageSettings'), await stage('prod'));
        await vscode.commands.executeCommand(commandId('editStageSettings'), await method('prod', 'GET /pets/{petId}'));
        await new Promise((r) => setTimeout(r, 300));
        assert.equal(tabsOf('prod · PetStore').length, 1);
        assert.equal(tabsOf('dev · PetStore').length, 0);
        // The tab is a custom editor on the stage's URI: VS Code's dirty marker, save, revert and undo are its.
        const input = tabsOf('prod · PetStore')[0].input;
        assert.ok(input instanceof vscode.TabInputCustom, 'a custom editor');
        assert.equal(input.viewType, 'apigatewayStages.stage');
        assert.match(input.uri.toString(true), /^apigateway-stage:\/local\/us-east-1\/[a-z0-9]+\/prod\.apigateway-stage$/);
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      }
      assert.equal(tabsOf('prod · PetStore').length, 0, 'closed');
    });

    it('opens with edits kept from before (an editor of the previous version): on top of the stage as it is, the tab unsaved, nothing sent', async () => {
      const node = await stage('dev');
      const apiNode = node.parent.parent;
      const target = { connection: apiNode.connection, restApiId: apiNode.api.id, apiName: apiNode.api.name ?? '', gateway: apiNode.gateway(), stages: apiNode.stages };
      const loaded = formFromStage(await getStage('dev'));
      const form = { ...loaded, description: 'kept from the old editor' };
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const before = snapshot();
      try {
        await api.ctx.stageEditors.open(target, 'dev', { kept: { form, loaded } });
        await waitForTab('dev · PetStore');
        const deadline = Date.now() + 10_000;
        while (!tabsOf('dev · PetStore')[0]?.isDirty) {
          if (Date.now() > deadline) throw new Error('the tab never showed the kept edits as unsaved');
          await new Promise((r) => setTimeout(r, 100));
        }
        assert.deepEqual(Object.keys(requestsSince(api, before)).filter((op) => !op.startsWith('Get')), [], 'only reads');
        assert.notEqual((await getStage('dev')).description, 'kept from the old editor');
      } finally {
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
      assert.equal(tabsOf('dev · PetStore').length, 0, 'closed without saving');
    });
  });
});
