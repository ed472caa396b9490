import * as assert from 'assert/strict';
import type { Stage } from '@aws-sdk/client-api-gateway';
import {
  changeDeploymentPlan,
  createStagePlan,
  deletePlan,
  deployPlan,
  describePlan,
  NEW_DEPLOYMENT_ID,
  recreatePlan,
  restorePlan,
  type StageRequest,
} from '../../src/model/plans';
import { formFromStage } from '../../src/model/stageForm';
import { stageChanges } from '../../src/model/stageChanges';

const API = 'a1b2c3';
const LOG_GROUP = 'arn:aws:logs:us-east-1:123456789012:log-group:api-access';
const LOG_FORMAT = '{"requestId":"$context.requestId","status":"$context.status"}';

/** A stage as GetStage returns it, with every kind of setting a new stage can copy. */
function configuredStage(): Stage {
  return {
    stageName: 'prod',
    deploymentId: 'dep1',
    description: 'Production',
    cacheClusterEnabled: true,
    cacheClusterSize: '0.5',
    cacheClusterStatus: 'AVAILABLE',
    variables: { backend: 'prod.example.com', lambdaAlias: 'live' },
    tracingEnabled: true,
    methodSettings: {
      '~1pets~1{petId}/GET': { cachingEnabled: true, cacheTtlInSeconds: 60 },
      '*/*': { metricsEnabled: true, loggingLevel: 'INFO', dataTraceEnabled: false, throttlingBurstLimit: 50, throttlingRateLimit: 100 },
    },
    accessLogSettings: { destinationArn: LOG_GROUP, format: LOG_FORMAT },
    tags: { team: 'pets' },
    createdDate: new Date('2025-01-02T03:04:05Z'),
    lastUpdatedDate: new Date('2025-02-03T04:05:06Z'),
  };
}

/** The UpdateStage operations for configuredStage(): keys in order, values as strings. */
const CONFIGURED_PATCH = [
  { op: 'replace', path: '/*/*/metrics/enabled', value: 'true' },
  { op: 'replace', path: '/*/*/logging/loglevel', value: 'INFO' },
  { op: 'replace', path: '/*/*/logging/dataTrace', value: 'false' },
  { op: 'replace', path: '/*/*/throttling/burstLimit', value: '50' },
  { op: 'replace', path: '/*/*/throttling/rateLimit', value: '100' },
  { op: 'replace', path: '/~1pets~1{petId}/GET/caching/enabled', value: 'true' },
  { op: 'replace', path: '/~1pets~1{petId}/GET/caching/ttlInSeconds', value: '60' },
  { op: 'replace', path: '/accessLogSettings/destinationArn', value: LOG_GROUP },
  { op: 'replace', path: '/accessLogSettings/format', value: LOG_FORMAT },
] as const;

describe('request plans', () => {
  describe('create stage', () => {
    it('without a copy: exactly one CreateStage', () => {
      assert.deepEqual(createStagePlan({ restApiId: API, stageName: 'beta', deploymentId: 'dep2', description: 'Beta' }), [
        { op: 'CreateStage', input: { restApiId: API, stageName: 'beta', deploymentId: 'dep2', description: 'Beta' } },
      ]);
    });

    it('leaves an empty description out', () => {
      assert.deepEqual(createStagePlan({ restApiId: API, stageName: 'beta', deploymentId: 'dep2', description: '' }), [
        { op: 'CreateStage', input: { restApiId: API, stageName: 'beta', deploymentId: 'dep2' } },
      ]);
    });

    it('copying a stage: CreateStage with cache, variables and tracing, then one UpdateStage for the rest', () => {
      const source = configuredStage();
      const plan = createStagePlan({ restApiId: API, stageName: 'beta', deploymentId: 'dep2', description: 'Beta', copyFrom: source });
      assert.deepEqual(plan, [
        {
          op: 'CreateStage',
          input: {
            restApiId: API,
            stageName: 'beta',
            deploymentId: 'dep2',
            description: 'Beta',
            cacheClusterEnabled: true,
            cacheClusterSize: '0.5',
            variables: { backend: 'prod.example.com', lambdaAlias: 'live' },
            tracingEnabled: true,
          },
        },
        { op: 'UpdateStage', restApiId: API, stageName: 'beta', patchOperations: CONFIGURED_PATCH },
      ]);
      // The plan holds its own copy: editing it leaves the source stage as it was.
      const create = plan[0] as Extract<StageRequest, { op: 'CreateStage' }>;
      assert.notEqual(create.input.variables, source.variables);
    });

    it('copying a stage without settings: only CreateStage', () => {
      const plan = createStagePlan({ restApiId: API, stageName: 'beta', deploymentId: 'dep2', copyFrom: { stageName: 'dev', deploymentId: 'dep1', cacheClusterEnabled: false, tracingEnabled: false, variables: {}, methodSettings: {} } });
      assert.deepEqual(plan, [{ op: 'CreateStage', input: { restApiId: API, stageName: 'beta', deploymentId: 'dep2' } }]);
    });

    it('copies access logs only with both destination and format', () => {
      const plan = createStagePlan({ restApiId: API, stageName: 'beta', deploymentId: 'dep2', copyFrom: { stageName: 'dev', accessLogSettings: { destinationArn: LOG_GROUP } } });
      assert.equal(plan.length, 1);
    });
  });

  it('change deployment: one replace of /deploymentId', () => {
    assert.deepEqual(changeDeploymentPlan(API, 'prod', 'dep9'), [
      { op: 'UpdateStage', restApiId: API, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/deploymentId', value: 'dep9' }] },
    ]);
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

    it('leaves empty descriptions out', () => {
      assert.deepEqual(deployPlan({ restApiId: API, stageName: 'qa', existing: false, description: '', stageDescription: '' }), [
        { op: 'CreateDeployment', input: { restApiId: API, stageName: 'qa' } },
      ]);
    });
  });

  it('delete: one DeleteStage', () => {
    assert.deepEqual(deletePlan(API, 'prod'), [{ op: 'DeleteStage', restApiId: API, stageName: 'prod' }]);
  });

  describe('restore', () => {
    /** A snapshot as the store keeps it: dates as strings, every field of the deleted stage. */
    function snapshot(): Stage {
      return {
        ...(JSON.parse(JSON.stringify(configuredStage())) as Stage),
        documentationVersion: '1.2',
        canarySettings: { percentTraffic: 10, deploymentId: 'dep0', stageVariableOverrides: { backend: 'canary.example.com' }, useStageCache: false },
        clientCertificateId: 'cert1',
      };
    }

    it('recreates the stage: CreateStage with every field it takes, then one UpdateStage', () => {
      assert.deepEqual(restorePlan(API, snapshot()), [
        {
          op: 'CreateStage',
          input: {
            restApiId: API,
            stageName: 'prod',
            deploymentId: 'dep1',
            description: 'Production',
            documentationVersion: '1.2',
            canarySettings: { percentTraffic: 10, deploymentId: 'dep0', stageVariableOverrides: { backend: 'canary.example.com' }, useStageCache: false },
            tags: { team: 'pets' },
            cacheClusterEnabled: true,
            cacheClusterSize: '0.5',
            variables: { backend: 'prod.example.com', lambdaAlias: 'live' },
            tracingEnabled: true,
          },
        },
        { op: 'UpdateStage', restApiId: API, stageName: 'prod', patchOperations: [...CONFIGURED_PATCH, { op: 'replace', path: '/clientCertificateId', value: 'cert1' }] },
      ]);
    });

    it('a snapshot without method settings or access logs: only CreateStage', () => {
      assert.deepEqual(restorePlan(API, { stageName: 'dev', deploymentId: 'dep1', description: 'Dev', methodSettings: {}, tags: {} }), [
        { op: 'CreateStage', input: { restApiId: API, stageName: 'dev', deploymentId: 'dep1', description: 'Dev' } },
      ]);
    });

    it('onto another deployment when one is given', () => {
      const plan = restorePlan(API, { stageName: 'dev', deploymentId: 'gone' }, 'dep7');
      assert.deepEqual(plan, [{ op: 'CreateStage', input: { restApiId: API, stageName: 'dev', deploymentId: 'dep7' } }]);
    });

    it('refuses a snapshot without a stage name or a deployment', () => {
      assert.throws(() => restorePlan(API, { deploymentId: 'dep1' }), /no stage name/);
      assert.throws(() => restorePlan(API, { stageName: 'dev' }), /stage "dev" has no deployment: pick one/);
    });
  });

  describe('recreate from the editor form (the stage was deleted while its editor was open)', () => {
    it('CreateStage with what it takes, then one UpdateStage whose operations turn a new stage into the form', () => {
      const form = formFromStage(configuredStage());
      form.description = 'Edited before the delete was noticed';
      const plan = recreatePlan(API, 'prod', form);
      assert.equal(plan.length, 2);
      const [create, update] = plan;
      assert.deepEqual(create, {
        op: 'CreateStage',
        input: {
          restApiId: API, stageName: 'prod', deploymentId: 'dep1', description: 'Edited before the delete was noticed',
          cacheClusterEnabled: true, cacheClusterSize: '0.5', tracingEnabled: true,
          variables: { backend: 'prod.example.com', lambdaAlias: 'live' }, tags: { team: 'pets' },
        },
      });
      assert.equal(update.op, 'UpdateStage');
      // Exactly the difference between the stage CreateStage makes and the form: nothing sent twice, nothing left out.
      const created = formFromStage({ ...(create.op === 'CreateStage' ? create.input : {}) });
      assert.deepEqual(update.op === 'UpdateStage' && update.patchOperations, stageChanges(created, form).patch);
      assert.ok(update.op === 'UpdateStage' && update.patchOperations.some((o) => o.path === '/accessLogSettings/format'));
    });

    it('a plain form: only CreateStage', () => {
      assert.deepEqual(recreatePlan(API, 'dev', formFromStage({ stageName: 'dev', deploymentId: 'dep3' })), [
        { op: 'CreateStage', input: { restApiId: API, stageName: 'dev', deploymentId: 'dep3' } },
      ]);
    });

    it('refuses a form without a deployment', () => {
      assert.throws(() => recreatePlan(API, 'dev', formFromStage({ stageName: 'dev' })), /no deployment/);
    });
  });

  it('describes each request and each patch operation on its own line', () => {
    const plan: StageRequest[] = [
      ...deployPlan({ restApiId: API, stageName: 'prod', existing: true, description: 'Release 7' }),
      ...deployPlan({ restApiId: API, stageName: 'qa', existing: false, stageDescription: 'QA' }),
      ...createStagePlan({ restApiId: API, stageName: 'beta', deploymentId: 'dep2', copyFrom: { stageName: 'prod', tracingEnabled: true, methodSettings: { '*/*': { metricsEnabled: true, loggingLevel: 'ERROR' } } } }),
      { op: 'UpdateStage', restApiId: API, stageName: 'beta', patchOperations: [{ op: 'remove', path: '/variables/old' }] },
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
      'UpdateStage beta (2 operations)',
      '  replace /*/*/metrics/enabled = "true"',
      '  replace /*/*/logging/loglevel = "ERROR"',
      'UpdateStage beta (1 operation)',
      '  remove /variables/old',
      'DeleteStage old',
    ]);
    assert.deepEqual(describePlan([]), []);
  });
});
