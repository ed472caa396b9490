// The requests of each command, as data: what is previewed, logged and sent by the one runner.
import * as assert from 'assert/strict';
import {
  changeDeploymentPlan, deleteDeploymentPlan, deletePlan, deployPlan, deploymentDescriptionPlan, describePlan, flushPlan, NEW_DEPLOYMENT_ID, type PlanStep, planPreview, setRolePlan, stageOfStep, updateStageSteps,
} from '../../src/model/plans';
import { changeDeploymentCanaryNotes, deployCanaryNote, NON_CANARY_DEPLOY_REFUSED } from '../../src/model/canary';
import { MAX_PATCH_OPERATIONS } from '../../src/model/patchPaths';
import { stageArn } from '../../src/model/arns';
import { sentences } from '../../src/model/noteRows';

const API = 'a1b2c3';

describe('request plans', () => {
  describe('change deployment', () => {
    it('one replace of /deploymentId', () => {
      assert.deepEqual(changeDeploymentPlan(API, 'prod', 'dep9'), [
        { op: 'UpdateStage', restApiId: API, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/deploymentId', value: 'dep9' }] },
      ]);
    });

    it('removing the canary: the canary goes first, in the same UpdateStage', () => {
      assert.deepEqual(changeDeploymentPlan(API, 'prod', 'dep9', true), [
        { op: 'UpdateStage', restApiId: API, stageName: 'prod', patchOperations: [{ op: 'remove', path: '/canarySettings' }, { op: 'replace', path: '/deploymentId', value: 'dep9' }] },
      ]);
    });

    it('the review says what each way does to a canary: its share, its deployment, and that AWS may refuse keeping it', () => {
      const n = changeDeploymentCanaryNotes('prod', { percentTraffic: 10, deploymentId: 'c1', stageVariableOverrides: { a: 'x' } }, 'dep9');
      assert.equal(n.note, 'Stage "prod" has a canary: 10% of requests → deployment c1, 1 variable override.');
      assert.match(n.keep, /90% of requests move to deployment dep9, 10% stay on the canary's c1.*may refuse/);
      assert.match(n.remove, /all requests go to deployment dep9.*remove \/canarySettings/);
    });
  });

  describe('deploy', () => {
    it('to a new stage: one CreateDeployment with stageName and stageDescription', () => {
      assert.deepEqual(deployPlan({ restApiId: API, stageName: 'qa', existing: false, description: 'Release 7', stageDescription: 'QA' }), [
        { op: 'CreateDeployment', input: { restApiId: API, stageName: 'qa', description: 'Release 7', stageDescription: 'QA' } },
      ]);
    });

    it('to an existing stage: CreateDeployment without stageName, then the stage moves to the new deployment', () => {
      assert.deepEqual(deployPlan({ restApiId: API, stageName: 'prod', existing: true, description: 'Release 7', stageDescription: 'ignored' }), [
        { op: 'CreateDeployment', input: { restApiId: API, description: 'Release 7' } },
        { op: 'UpdateStage', restApiId: API, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/deploymentId', value: NEW_DEPLOYMENT_ID }] },
      ]);
    });

    it('to a stage with a canary: never a plain deployment (AWS refuses it); the canary is removed as the stage moves', () => {
      const plan = deployPlan({ restApiId: API, stageName: 'prod', existing: true, removeCanary: true });
      // No CreateDeployment with the stageName of the canary stage: that is the request AWS refuses.
      assert.ok(plan.every((s) => s.op !== 'CreateDeployment' || s.input.stageName === undefined));
      assert.deepEqual(plan[1], {
        op: 'UpdateStage', restApiId: API, stageName: 'prod',
        patchOperations: [{ op: 'remove', path: '/canarySettings' }, { op: 'replace', path: '/deploymentId', value: NEW_DEPLOYMENT_ID }],
      });
      // AWS's recorded refusal, quoted in the review so the user knows why.
      const note = deployCanaryNote('prod', { percentTraffic: 25, deploymentId: 'c7' });
      assert.ok(note.includes(`"${NON_CANARY_DEPLOY_REFUSED('prod')}"`));
      assert.equal(NON_CANARY_DEPLOY_REFUSED('prod'), 'Non canary deployment not supported on stage prod because Canary is enabled');
      assert.match(note, /25% of requests → deployment c7/);
    });

    it('to a stage\'s canary: one CreateDeployment with the stage and the canary as read (share, overrides, cache use); the stage does not move', () => {
      const canary = { deploymentId: 'old7', percentTraffic: 12.5, stageVariableOverrides: { backend: 'canary.internal' }, useStageCache: true };
      const plan = deployPlan({ restApiId: API, stageName: 'prod', existing: true, description: 'Release 5', toCanary: canary });
      assert.deepEqual(plan, [{
        op: 'CreateDeployment',
        input: { restApiId: API, description: 'Release 5', stageName: 'prod', canarySettings: { percentTraffic: 12.5, stageVariableOverrides: { backend: 'canary.internal' }, useStageCache: true } },
      }]);
      const preview = describePlan(plan);
      assert.equal(preview[0], 'CreateDeployment (the canary of stage prod)');
      assert.match(describePlan(plan, { hideSecrets: true }).join('\n'), /"backend":"\(hidden\)"/, 'the log hides the overrides');
      // A canary with no share set gets 0, as AWS reads it.
      const zero = deployPlan({ restApiId: API, stageName: 'prod', existing: true, toCanary: { deploymentId: 'old7' } });
      assert.equal(zero[0].op === 'CreateDeployment' && zero[0].input.canarySettings?.percentTraffic, 0);
    });

    it('leaves empty descriptions out', () => {
      assert.deepEqual(deployPlan({ restApiId: API, stageName: 'qa', existing: false, description: '', stageDescription: '' }), [
        { op: 'CreateDeployment', input: { restApiId: API, stageName: 'qa' } },
      ]);
    });
  });

  it('delete: one DeleteStage; flushes: one request each; the role: one UpdateAccount', () => {
    assert.deepEqual(deletePlan(API, 'prod'), [{ op: 'DeleteStage', restApiId: API, stageName: 'prod' }]);
    assert.deepEqual(flushPlan('FlushStageCache', API, 'prod'), [{ op: 'FlushStageCache', restApiId: API, stageName: 'prod' }]);
    assert.deepEqual(flushPlan('FlushStageAuthorizersCache', API, 'prod'), [{ op: 'FlushStageAuthorizersCache', restApiId: API, stageName: 'prod' }]);
    assert.deepEqual(setRolePlan('arn:aws:iam::123456789012:role/r'), [{ op: 'UpdateAccount', patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: 'arn:aws:iam::123456789012:role/r' }] }]);
  });

  it('a deployment: UpdateDeployment replace /description (empty for none), DeleteDeployment; neither changes a stage', () => {
    const edit = deploymentDescriptionPlan(API, 'dep9', 'Release "5"');
    assert.deepEqual(edit, [{ op: 'UpdateDeployment', restApiId: API, deploymentId: 'dep9', patchOperations: [{ op: 'replace', path: '/description', value: 'Release "5"' }] }]);
    assert.deepEqual(describePlan(edit), ['UpdateDeployment dep9 (1 operation)', '  replace /description = "Release \\"5\\""']);
    assert.deepEqual(describePlan(deploymentDescriptionPlan(API, 'dep9', '')), ['UpdateDeployment dep9 (1 operation)', '  replace /description = ""']);
    const del = deleteDeploymentPlan(API, 'dep9');
    assert.deepEqual(del, [{ op: 'DeleteDeployment', restApiId: API, deploymentId: 'dep9' }]);
    assert.deepEqual(describePlan(del), ['DeleteDeployment dep9']);
    assert.deepEqual([...edit, ...del].map(stageOfStep), [undefined, undefined]);
  });

  it(`UpdateStage is split only past ${MAX_PATCH_OPERATIONS} operations`, () => {
    const ops = (n: number) => Array.from({ length: n }, (_, i) => ({ op: 'replace' as const, path: `/variables/v${i}`, value: 'x' }));
    assert.deepEqual(updateStageSteps(API, 'prod', []), []);
    assert.equal(updateStageSteps(API, 'prod', ops(MAX_PATCH_OPERATIONS)).length, 1);
    const parts = updateStageSteps(API, 'prod', ops(MAX_PATCH_OPERATIONS + 1));
    assert.deepEqual(parts.map((p) => p.op === 'UpdateStage' && p.patchOperations.length), [MAX_PATCH_OPERATIONS, 1]);
  });

  it('names the stage each step changes (for busy marks and the shared stages), none for the account or a usage plan', () => {
    const arn = stageArn('us-east-1', API, 'prod');
    const steps: PlanStep[] = [
      ...deployPlan({ restApiId: API, stageName: 'qa', existing: false }),
      ...changeDeploymentPlan(API, 'prod', 'd'),
      { op: 'TagResource', resourceArn: arn, stageName: 'prod', tags: { a: 'b' } },
      { op: 'AssociateWebACL', webAclArn: 'arn:aws:wafv2:us-east-1:1:regional/webacl/n/i', resourceArn: arn, stageName: 'prod' },
      ...setRolePlan('arn:aws:iam::123456789012:role/r'),
      { op: 'UpdateUsagePlan', usagePlanId: 'u1', usagePlanName: 'Basic', patchOperations: [] },
      { op: 'CreateBasePathMapping', domainName: 'api.example.com', basePath: 'v1', restApiId: API, stage: 'prod' },
    ];
    assert.deepEqual(steps.map(stageOfStep), ['qa', 'prod', 'prod', 'prod', undefined, undefined, undefined]);
    assert.equal(arn, 'arn:aws:apigateway:us-east-1::/restapis/a1b2c3/stages/prod');
    assert.equal(stageArn('cn-north-1', API, 'p'), 'arn:aws-cn:apigateway:cn-north-1::/restapis/a1b2c3/stages/p');
  });

  it('describes each request and each patch operation on its own line', () => {
    const arn = stageArn('us-east-1', API, 'beta');
    const plan: PlanStep[] = [
      ...deployPlan({ restApiId: API, stageName: 'prod', existing: true, description: 'Release 7' }),
      ...deployPlan({ restApiId: API, stageName: 'qa', existing: false, stageDescription: 'QA' }),
      { op: 'CreateStage', input: { restApiId: API, stageName: 'beta', deploymentId: 'dep2', tracingEnabled: true } },
      { op: 'UpdateStage', restApiId: API, stageName: 'beta', patchOperations: [{ op: 'remove', path: '/variables/old' }] },
      { op: 'UntagResource', resourceArn: arn, stageName: 'beta', tagKeys: ['a', 'b'] },
      { op: 'TagResource', resourceArn: arn, stageName: 'beta', tags: { team: 'pets' } },
      { op: 'AssociateWebACL', webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/edge/1', resourceArn: arn, stageName: 'beta' },
      { op: 'CreateBasePathMapping', domainName: 'api.example.com', basePath: '', restApiId: API, stage: 'beta' },
      { op: 'CreateApiMapping', domainName: 'api.example.com', apiMappingKey: 'v1/orders', apiId: API, stage: 'beta' },
      { op: 'UpdateUsagePlan', usagePlanId: 'u1', usagePlanName: 'Basic', patchOperations: [{ op: 'add', path: '/apiStages', value: `${API}:beta` }] },
      ...flushPlan('FlushStageCache', API, 'beta'),
      ...setRolePlan('arn:aws:iam::123456789012:role/r'),
      ...deletePlan(API, 'old'),
    ];
    assert.deepEqual(describePlan(plan), [
      'CreateDeployment',
      '  description = "Release 7"',
      'UpdateStage prod (1 operation)',
      `  replace /deploymentId = "${NEW_DEPLOYMENT_ID}"`,
      'CreateDeployment (makes stage qa)',
      '  stageName = "qa"',
      '  stageDescription = "QA"',
      'CreateStage beta',
      '  deploymentId = "dep2"',
      '  tracingEnabled = true',
      'UpdateStage beta (1 operation)',
      '  remove /variables/old',
      'UntagResource stage beta: a, b',
      'TagResource stage beta',
      '  team = "pets"',
      'AssociateWebACL stage beta → arn:aws:wafv2:us-east-1:123456789012:regional/webacl/edge/1',
      'CreateBasePathMapping api.example.com/ → stage beta',
      'CreateApiMapping (API Gateway v2) api.example.com/v1/orders → stage beta',
      'UpdateUsagePlan "Basic" (1 operation)',
      `  add /apiStages = "${API}:beta"`,
      'FlushStageCache beta',
      'UpdateAccount (1 operation)',
      '  replace /cloudwatchRoleArn = "arn:aws:iam::123456789012:role/r"',
      'DeleteStage old',
    ]);
    assert.deepEqual(describePlan([]), []);
  });

  it('planPreview: the one format of every review and the log: "Requests", the count the sending item says, the lines', () => {
    const plan = [...flushPlan('FlushStageCache', API, 'beta'), ...deletePlan(API, 'old')];
    const preview = planPreview(plan);
    assert.equal(preview.heading, 'Requests');
    assert.equal(preview.count, '2 requests');
    assert.deepEqual(preview.lines, describePlan(plan));
    assert.equal(preview.text, 'Requests:\nFlushStageCache beta\nDeleteStage old');
    assert.equal(planPreview(deletePlan(API, 'old')).count, '1 request');
    assert.equal(planPreview([]).text, 'Requests: none');
    const secret = updateStageSteps(API, 'beta', [{ op: 'replace', path: '/variables/key', value: 'hunter2' }]);
    assert.match(planPreview(secret).text, /hunter2/, 'the user sees the value');
    assert.doesNotMatch(planPreview(secret, { hideSecrets: true }).text, /hunter2/, 'the log does not');
  });

  it('for the log, stage variable values and a canary\'s overrides are hidden; their names and everything else stay', () => {
    const plan: PlanStep[] = [
      {
        op: 'CreateStage',
        input: {
          restApiId: API, stageName: 'beta', deploymentId: 'dep2', variables: { dbPassword: 'hunter2-SECRET' },
          canarySettings: { percentTraffic: 5, deploymentId: 'c1', stageVariableOverrides: { dbPassword: 'canary-SECRET' } },
        },
      },
      { op: 'UpdateStage', restApiId: API, stageName: 'beta', patchOperations: [
        { op: 'replace', path: '/variables/dbPassword', value: 'new-SECRET' },
        { op: 'replace', path: '/canarySettings/stageVariableOverrides/dbPassword', value: 'c-SECRET' },
        { op: 'replace', path: '/description', value: 'visible' },
      ] },
    ];
    const logged = describePlan(plan, { hideSecrets: true }).join('\n');
    assert.doesNotMatch(logged, /SECRET/);
    assert.match(logged, /variables = \{"dbPassword":"\(hidden\)"\}/);
    assert.match(logged, /"percentTraffic":5,"deploymentId":"c1","stageVariableOverrides":\{"dbPassword":"\(hidden\)"\}/);
    assert.match(logged, /replace \/variables\/dbPassword = \(hidden\)/);
    assert.match(logged, /replace \/description = "visible"/);
    // The preview the user sees shows them.
    assert.match(describePlan(plan).join('\n'), /hunter2-SECRET/);
  });
});

describe('review notes', () => {
  it('are cut into rows a quick pick shows whole: at sentences, then at ; : or , of a long one; nothing lost', () => {
    const note = deployCanaryNote('prod', { percentTraffic: 10, deploymentId: 'abc123', stageVariableOverrides: { a: '1', b: '2' } });
    const rows = sentences(note);
    assert.ok(rows.length >= 3, rows.join(' | '));
    assert.ok(rows.every((r) => r.length <= 110), rows.join(' | '));
    assert.equal(rows.join(' '), note);
    assert.deepEqual(sentences('Short.'), ['Short.']);
  });
});
