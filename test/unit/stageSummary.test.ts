import * as assert from 'assert/strict';
import { cacheSummary, logLevelSummary, overriddenGroups, throttlingSummary } from '../../src/model/stageSummary';

describe('stage summaries', () => {
  it('describes the cache', () => {
    assert.equal(cacheSummary({}), 'off');
    assert.equal(cacheSummary({ cacheClusterEnabled: true, cacheClusterSize: '0.5', cacheClusterStatus: 'AVAILABLE' }), '0.5 GB (AVAILABLE)');
  });

  it('describes the stage-wide log level', () => {
    assert.equal(logLevelSummary({}), 'OFF');
    assert.equal(logLevelSummary({ methodSettings: { '*/*': { loggingLevel: 'INFO', dataTraceEnabled: true } } }), 'INFO + full request/response data');
  });

  it('describes stage-wide throttling', () => {
    assert.equal(throttlingSummary({}), 'account default');
    assert.equal(throttlingSummary({ methodSettings: { '*/*': { throttlingRateLimit: 100, throttlingBurstLimit: 50 } } }), 'rate 100 /s, burst 50');
  });

  it('names the groups an override changes against the stage-wide setting', () => {
    const stageWide = { metricsEnabled: true, loggingLevel: 'INFO', cachingEnabled: false, cacheTtlInSeconds: 300 };
    const override = { ...stageWide, cachingEnabled: true, cacheTtlInSeconds: 60 };
    assert.deepEqual(overriddenGroups(override, stageWide), ['cache']);
    assert.deepEqual(overriddenGroups({ ...stageWide, loggingLevel: 'ERROR', throttlingRateLimit: 5 }, stageWide), ['logging', 'throttling']);
  });

  it('compares with the defaults when the stage has no */* setting', () => {
    assert.deepEqual(overriddenGroups({ metricsEnabled: false, loggingLevel: 'OFF', cachingEnabled: true }, undefined), ['cache']);
  });
});
