// A stage made from another stage's settings: Create Stage's copy, Restore Deleted Stage (a real
// undo: every setting, the web ACL, mappings and usage plans) and Recreate Stage from This Form.
import * as assert from 'assert/strict';
import type { PatchOperation, Stage } from '@aws-sdk/client-api-gateway';
import { createStagePlan, isReservedTag, recreatePlan, restorePlan, settingsOf, settingsSummary, usagePlanStageOps } from '../../src/model/rebuild';
import type { PlanStep } from '../../src/model/plans';
import type { StageReferences } from '../../src/model/references';
import { stageChanges } from '../../src/model/stageChanges';
import { formFromStage } from '../../src/model/stageForm';
import { LOG_ARN, sampleStage } from './sampleStage';

const API = 'a1b2c3';
const REGION = 'us-east-1';
const LOG_FORMAT = '{"requestId":"$context.requestId","status":"$context.status"}';
const WEB_ACL = 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/edge-rules/0f1e2d';

/** A stage as GetStage returns it, with every kind of stage-level setting AWS has. */
function everySetting(): Stage {
  return sampleStage({
    variables: { backend: 'prod.example.com', lambdaAlias: 'live' },
    tracingEnabled: true,
    methodSettings: {
      '~1pets~1{petId}/GET': { cachingEnabled: true, cacheTtlInSeconds: 60 },
      '*/*': { metricsEnabled: true, loggingLevel: 'INFO', throttlingBurstLimit: 50, throttlingRateLimit: 100 },
      // A wildcard key, as SAM writes them: the form does not edit it, a copy or restore keeps it.
      '*/GET': { cachingEnabled: true },
    },
    accessLogSettings: { destinationArn: LOG_ARN, format: LOG_FORMAT },
    documentationVersion: '1.2',
    canarySettings: { percentTraffic: 10, deploymentId: 'dep0', stageVariableOverrides: { backend: 'canary.example.com' }, useStageCache: false },
    clientCertificateId: 'cert1',
    webAclArn: WEB_ACL,
    tags: { team: 'pets', 'aws:cloudformation:stack-name': 'pets-prod', 'AWS:cloudformation:logical-id': 'ProdStage' },
    createdDate: new Date('2025-01-02T03:04:05Z'),
    lastUpdatedDate: new Date('2025-02-03T04:05:06Z'),
  });
}

const REFS: StageReferences = {
  mappings: [
    { domainName: 'api.example.com', basePath: '', multiLevel: false },
    { domainName: 'api.example.com', basePath: 'pets', multiLevel: false },
    { domainName: 'api.example.com', basePath: 'v2/pets', multiLevel: true },
  ],
  usagePlans: [
    { id: 'u1', name: 'Basic', throttle: { '/pets/GET': { rateLimit: 5, burstLimit: 10 }, '//GET': { rateLimit: 1.5 } } },
    { id: 'u2', name: 'Partners' },
  ],
};

/** Every operation of the method settings, access logs and certificate, in the order sent. */
const SETTINGS_PATCH: PatchOperation[] = [
  { op: 'replace', path: '/*/*/metrics/enabled', value: 'true' },
  { op: 'replace', path: '/*/*/logging/loglevel', value: 'INFO' },
  { op: 'replace', path: '/*/*/throttling/burstLimit', value: '50' },
  { op: 'replace', path: '/*/*/throttling/rateLimit', value: '100' },
  { op: 'replace', path: '/*/GET/caching/enabled', value: 'true' },
  { op: 'replace', path: '/~1pets~1{petId}/GET/caching/enabled', value: 'true' },
  { op: 'replace', path: '/~1pets~1{petId}/GET/caching/ttlInSeconds', value: '60' },
  { op: 'replace', path: '/accessLogSettings/destinationArn', value: LOG_ARN },
  { op: 'replace', path: '/accessLogSettings/format', value: LOG_FORMAT },
  { op: 'replace', path: '/clientCertificateId', value: 'cert1' },
];

const ops = (plan: readonly PlanStep[]) => plan.map((s) => s.op);

describe('stages made from other stages', () => {
  describe('every stage-level setting', () => {
    it('CreateStage takes cache, tracing, variables, documentation version, canary and tags; the rest is UpdateStage; the web ACL its own request', () => {
      const s = settingsOf(everySetting());
      assert.deepEqual(s.create, {
        cacheClusterEnabled: true,
        cacheClusterSize: '0.5',
        tracingEnabled: true,
        variables: { backend: 'prod.example.com', lambdaAlias: 'live' },
        documentationVersion: '1.2',
        canarySettings: { percentTraffic: 10, deploymentId: 'dep0', stageVariableOverrides: { backend: 'canary.example.com' }, useStageCache: false },
        tags: { team: 'pets' },
      });
      assert.deepEqual(s.patch, SETTINGS_PATCH);
      assert.equal(s.webAclArn, WEB_ACL);
    });

    it('never sends a reserved aws: tag (any case): AWS refuses them in CreateStage', () => {
      const s = settingsOf(everySetting());
      assert.deepEqual(s.reservedTags, ['aws:cloudformation:stack-name', 'AWS:cloudformation:logical-id']);
      assert.ok(isReservedTag('aws:x') && isReservedTag('AWS:x') && !isReservedTag('team'));
    });

    it('lists them in words, for the copy picker and the snapshot list', () => {
      assert.deepEqual(settingsSummary(everySetting()), [
        'cache 0.5 GB', '2 variables', 'X-Ray tracing', 'method settings (all methods + 2 overrides)', 'access logs', 'client certificate cert1',
        'documentation version 1.2', 'canary 10% → deployment dep0', '1 tag', 'web ACL edge-rules',
      ]);
      assert.deepEqual(settingsSummary({ stageName: 'dev' }), []);
    });
  });

  describe('Create Stage', () => {
    it('without a copy: exactly one CreateStage, an empty description left out', () => {
      assert.deepEqual(createStagePlan({ restApiId: API, region: REGION, stageName: 'beta', deploymentId: 'dep2', description: '' }), {
        plan: [{ op: 'CreateStage', input: { restApiId: API, stageName: 'beta', deploymentId: 'dep2' } }],
        notes: [],
      });
    });

    it('copying a stage: every setting (not its description nor its tags, which name that stage), and the web ACL', () => {
      const { plan, notes } = createStagePlan({ restApiId: API, region: REGION, stageName: 'beta', deploymentId: 'dep2', description: 'Beta', copyFrom: everySetting() });
      assert.deepEqual(ops(plan), ['CreateStage', 'UpdateStage', 'AssociateWebACL']);
      const [create, update, waf] = plan;
      assert.ok(create.op === 'CreateStage' && update.op === 'UpdateStage' && waf.op === 'AssociateWebACL');
      assert.equal(create.input.description, 'Beta');
      assert.equal(create.input.documentationVersion, '1.2');
      assert.equal(create.input.tags, undefined);
      assert.deepEqual(update.patchOperations, SETTINGS_PATCH);
      assert.deepEqual(waf, { op: 'AssociateWebACL', webAclArn: WEB_ACL, resourceArn: `arn:aws:apigateway:${REGION}::/restapis/${API}/stages/beta`, stageName: 'beta' });
      assert.deepEqual(notes, []);
      assert.deepEqual(settingsSummary(everySetting(), { tags: false }).filter((t) => /tag/.test(t)), []);
      // The plan holds its own copy: editing it leaves the source stage as it was.
      assert.notEqual(create.input.variables, everySetting().variables);
    });

    it('copying a stage without settings: only CreateStage', () => {
      const { plan } = createStagePlan({ restApiId: API, region: REGION, stageName: 'beta', deploymentId: 'dep2', copyFrom: { stageName: 'dev', deploymentId: 'dep1', cacheClusterEnabled: false, tracingEnabled: false, variables: {}, methodSettings: {} } });
      assert.deepEqual(plan, [{ op: 'CreateStage', input: { restApiId: API, stageName: 'beta', deploymentId: 'dep2' } }]);
    });

    it('copies access logs only with both destination and format', () => {
      const { plan } = createStagePlan({ restApiId: API, region: REGION, stageName: 'beta', deploymentId: 'dep2', copyFrom: { stageName: 'dev', accessLogSettings: { destinationArn: LOG_ARN } } });
      assert.equal(plan.length, 1);
    });
  });

  describe('Restore Deleted Stage', () => {
    const choices = { restApiId: API, region: REGION, stageName: 'prod', deploymentId: 'dep1', canary: 'keep' as const };

    it('brings back all of it, in one plan: the stage, its settings, the web ACL, the mappings (v1 and v2), the usage plans with their throttles', () => {
      const { plan, notes } = restorePlan(everySetting(), REFS, choices);
      assert.deepEqual(ops(plan), ['CreateStage', 'UpdateStage', 'AssociateWebACL', 'CreateBasePathMapping', 'CreateBasePathMapping', 'CreateApiMapping', 'UpdateUsagePlan', 'UpdateUsagePlan']);
      const create = plan[0];
      assert.ok(create.op === 'CreateStage');
      assert.deepEqual(create.input, {
        restApiId: API, stageName: 'prod', deploymentId: 'dep1', description: 'Production',
        ...settingsOf(everySetting()).create,
      });
      assert.deepEqual(plan[3], { op: 'CreateBasePathMapping', domainName: 'api.example.com', basePath: '', restApiId: API, stage: 'prod' });
      assert.deepEqual(plan[5], { op: 'CreateApiMapping', domainName: 'api.example.com', apiMappingKey: 'v2/pets', apiId: API, stage: 'prod' });
      assert.deepEqual(plan[6], { op: 'UpdateUsagePlan', usagePlanId: 'u1', usagePlanName: 'Basic', patchOperations: usagePlanStageOps(API, 'prod', REFS.usagePlans[0]) });
      assert.deepEqual(plan[7], { op: 'UpdateUsagePlan', usagePlanId: 'u2', usagePlanName: 'Partners', patchOperations: [{ op: 'add', path: '/apiStages', value: `${API}:prod` }] });
      assert.match(notes[0], /Left out: tags aws:cloudformation/);
    });

    it('a usage plan gets the stage back, then each per-method throttle (AWS\'s unescaped path form)', () => {
      assert.deepEqual(usagePlanStageOps(API, 'prod', REFS.usagePlans[0]), [
        { op: 'add', path: '/apiStages', value: `${API}:prod` },
        { op: 'replace', path: `/apiStages/${API}:prod/throttle///GET/rateLimit`, value: '1.5' },
        { op: 'replace', path: `/apiStages/${API}:prod/throttle//pets/GET/rateLimit`, value: '5' },
        { op: 'replace', path: `/apiStages/${API}:prod/throttle//pets/GET/burstLimit`, value: '10' },
      ]);
    });

    it('under another name: everything points at the new name', () => {
      const { plan } = restorePlan(everySetting(), REFS, { ...choices, stageName: 'prod-restored' });
      for (const step of plan) {
        const named = step.op === 'CreateStage' ? step.input.stageName : 'stageName' in step ? step.stageName : 'stage' in step ? step.stage : undefined;
        if (named !== undefined) assert.equal(named, 'prod-restored', step.op);
      }
      const plans = plan.filter((s) => s.op === 'UpdateUsagePlan');
      assert.ok(plans.every((s) => s.op === 'UpdateUsagePlan' && s.patchOperations[0].value === `${API}:prod-restored`));
    });

    it('what is still in place after the delete is not sent again, and the review says so', () => {
      const { plan, notes } = restorePlan(everySetting(), REFS, {
        ...choices,
        present: { webAcl: true, usagePlans: new Set(['u1']), mappings: new Set(['api.example.com/pets']) },
      });
      assert.deepEqual(ops(plan), ['CreateStage', 'UpdateStage', 'CreateBasePathMapping', 'CreateApiMapping', 'UpdateUsagePlan']);
      assert.ok(plan.some((s) => s.op === 'UpdateUsagePlan' && s.usagePlanId === 'u2'));
      assert.match(notes.join(' '), /Already in place: web ACL .*edge-rules.*; custom domain mapping api\.example\.com\/pets \(still there: not sent again\); usage plan "Basic"/);
    });

    it('what cannot come back is left out, as the user decided: a deleted web ACL, plan, domain, certificate, documentation version', () => {
      const { plan } = restorePlan(everySetting(), REFS, {
        ...choices,
        without: { webAcl: true, clientCertificate: true, documentationVersion: true, usagePlans: new Set(['u2']), mappings: new Set(['api.example.com/', 'api.example.com/v2/pets']) },
      });
      assert.deepEqual(ops(plan), ['CreateStage', 'UpdateStage', 'CreateBasePathMapping', 'UpdateUsagePlan']);
      const [create, update] = plan;
      assert.ok(create.op === 'CreateStage' && update.op === 'UpdateStage');
      assert.equal(create.input.documentationVersion, undefined);
      assert.ok(!update.patchOperations.some((o) => o.path === '/clientCertificateId'));
    });

    it('a canary whose deployment is gone: dropped, or put on another deployment', () => {
      const dropped = restorePlan(everySetting(), REFS, { ...choices, canary: 'drop' }).plan[0];
      assert.ok(dropped.op === 'CreateStage' && dropped.input.canarySettings === undefined);
      const moved = restorePlan(everySetting(), REFS, { ...choices, canary: { deploymentId: 'dep5' } }).plan[0];
      assert.ok(moved.op === 'CreateStage');
      assert.deepEqual(moved.input.canarySettings, { percentTraffic: 10, deploymentId: 'dep5', stageVariableOverrides: { backend: 'canary.example.com' }, useStageCache: false });
    });

    it('onto another deployment when the snapshot\'s is gone', () => {
      const { plan } = restorePlan({ stageName: 'dev', deploymentId: 'gone' }, { mappings: [], usagePlans: [] }, { ...choices, stageName: 'dev', deploymentId: 'dep7' });
      assert.deepEqual(plan, [{ op: 'CreateStage', input: { restApiId: API, stageName: 'dev', deploymentId: 'dep7' } }]);
    });
  });

  describe('Recreate Stage from This Form (the stage was deleted while its editor was open)', () => {
    it('the form\'s settings, and from the last known stage what the form does not hold: canary, documentation version, certificate, wildcard settings, web ACL', () => {
      const source = everySetting();
      const form = formFromStage(source);
      form.description = 'Edited before the delete was noticed';
      const { plan, notes } = recreatePlan(API, REGION, 'prod', form, source);
      assert.deepEqual(ops(plan), ['CreateStage', 'UpdateStage', 'AssociateWebACL']);
      const [create, update] = plan;
      assert.ok(create.op === 'CreateStage' && update.op === 'UpdateStage');
      assert.deepEqual(create.input, {
        restApiId: API, stageName: 'prod', deploymentId: 'dep1', description: 'Edited before the delete was noticed',
        documentationVersion: '1.2', canarySettings: source.canarySettings,
        cacheClusterEnabled: true, cacheClusterSize: '0.5', tracingEnabled: true,
        variables: { backend: 'prod.example.com', lambdaAlias: 'live' }, tags: { team: 'pets' },
      });
      // The form's difference from what CreateStage makes, then what the form does not edit.
      const fromForm = stageChanges(formFromStage(create.input), form).patch;
      assert.deepEqual(update.patchOperations, [...fromForm, { op: 'replace', path: '/*/GET/caching/enabled', value: 'true' }, { op: 'replace', path: '/clientCertificateId', value: 'cert1' }]);
      assert.match(notes.join(' '), /Left out: tags .*aws:cloudformation:stack-name/);
    });

    it('with the snapshot a delete kept: the mappings and usage plans come back too', () => {
      const source = everySetting();
      const { plan } = recreatePlan(API, REGION, 'prod', formFromStage(source), source, REFS);
      assert.deepEqual(ops(plan).slice(3), ['CreateBasePathMapping', 'CreateBasePathMapping', 'CreateApiMapping', 'UpdateUsagePlan', 'UpdateUsagePlan']);
    });

    it('a plain form: only CreateStage; a form without a deployment is refused', () => {
      assert.deepEqual(recreatePlan(API, REGION, 'dev', formFromStage({ stageName: 'dev', deploymentId: 'dep3' }), { stageName: 'dev' }).plan, [
        { op: 'CreateStage', input: { restApiId: API, stageName: 'dev', deploymentId: 'dep3' } },
      ]);
      assert.throws(() => recreatePlan(API, REGION, 'dev', formFromStage({ stageName: 'dev' }), { stageName: 'dev' }), /no deployment/);
    });
  });
});
