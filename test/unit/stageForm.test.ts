import * as assert from 'assert/strict';
import type { PatchOperation, Stage } from '@aws-sdk/client-api-gateway';
import { changeLogText, concurrentChanges, formFieldOf, methodLabel, readable, rebase, stageChanges, type StageChanges } from '../../src/model/stageChanges';
import { formFromStage, LOG_LEVELS, LOG_LEVEL_WORDS, METHOD_DEFAULTS, type MethodValues, newOverride, type StageForm, UNAUTHORIZED_STRATEGIES, UNAUTHORIZED_STRATEGY_WORDS, valueWords } from '../../src/model/stageForm';
import { formProblems } from '../../src/model/stageValidation';
import { normalize } from './formMeaning';
import { LOG_ARN, PET, ROOT, sampleStage } from './sampleStage';

// The stage editor's model: GetStage answer → form, form edits → one UpdateStage's patch operations
// plus tag calls, in plain words; and the three-way comparison with a stage someone else changed.

const PROXY = '~1{proxy+}/ANY';
const NESTED = '~1owners~1{ownerId}~1pets/GET';
const LOG_FORMAT = '$context.requestId $context.httpMethod $context.status';

/** GetStage's answer as AWS gives it: every entry of methodSettings carries every field. */
function awsEntry(over: Partial<Record<keyof MethodValues, unknown>> = {}) {
  return {
    metricsEnabled: false,
    loggingLevel: 'ERROR',
    dataTraceEnabled: false,
    throttlingBurstLimit: 5000,
    throttlingRateLimit: 10000.0,
    cachingEnabled: false,
    cacheTtlInSeconds: 300,
    cacheDataEncrypted: false,
    requireAuthorizationForCacheControl: true,
    unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
    ...over,
  } as NonNullable<Stage['methodSettings']>[string];
}

function stage(): Stage {
  return sampleStage({
    accessLogSettings: { destinationArn: LOG_ARN, format: LOG_FORMAT },
    tags: { team: 'pets', env: 'prod' },
    methodSettings: {
      '*/*': awsEntry(),
      [PET]: awsEntry({ cachingEnabled: true }),
      [ROOT]: awsEntry(),
      [PROXY]: awsEntry({ throttlingRateLimit: 50, throttlingBurstLimit: 20 }),
      [NESTED]: awsEntry({ loggingLevel: 'INFO' }),
    },
  });
}

/** The stage-wide values of the fixture, as form strings. */
const FIXTURE_WIDE: MethodValues = {
  cachingEnabled: false,
  cacheTtlInSeconds: '300',
  cacheDataEncrypted: false,
  requireAuthorizationForCacheControl: true,
  unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
  loggingLevel: 'ERROR',
  dataTraceEnabled: false,
  metricsEnabled: false,
  throttlingRateLimit: '10000',
  throttlingBurstLimit: '5000',
};

function base(): StageForm {
  return formFromStage(stage());
}

function edit(form: StageForm, change: (f: StageForm) => void): StageForm {
  const copy = structuredClone(form);
  change(copy);
  return copy;
}

const NONE: StageChanges = { changes: [], patch: [], tagsToSet: {}, tagsToRemove: [] };

const replace = (path: string, value: string): PatchOperation => ({ op: 'replace', path, value });

describe('stage form: formFromStage', () => {
  it('turns a GetStage answer into form values, numbers as strings, lists sorted by name', () => {
    assert.deepEqual(base(), {
      description: 'Production',
      deploymentId: 'dep1',
      cacheClusterEnabled: true,
      cacheClusterSize: '0.5',
      tracingEnabled: false,
      accessLogDestinationArn: LOG_ARN,
      accessLogFormat: LOG_FORMAT,
      variables: [['backend', 'https://example.com/v1'], ['lambdaAlias', 'live']],
      tags: [['env', 'prod'], ['team', 'pets']],
      stageWide: FIXTURE_WIDE,
      overrides: {
        [ROOT]: FIXTURE_WIDE,
        [PET]: { ...FIXTURE_WIDE, cachingEnabled: true },
        [PROXY]: { ...FIXTURE_WIDE, throttlingRateLimit: '50', throttlingBurstLimit: '20' },
        [NESTED]: { ...FIXTURE_WIDE, loggingLevel: 'INFO' },
      },
    });
  });

  it('uses AWS defaults for a stage with nothing set', () => {
    assert.deepEqual(formFromStage({ stageName: 'dev', deploymentId: 'd' }), {
      description: '',
      deploymentId: 'd',
      cacheClusterEnabled: false,
      cacheClusterSize: '0.5',
      tracingEnabled: false,
      accessLogDestinationArn: '',
      accessLogFormat: '',
      variables: [],
      tags: [],
      stageWide: METHOD_DEFAULTS,
      overrides: {},
    });
    // AWS's defaults (shared/API_GATEWAY.md), pinned as one line: a changed default must be a decision.
    assert.equal(
      Object.entries(METHOD_DEFAULTS).map(([k, v]) => `${k}=${v}`).join(' '),
      'cachingEnabled=false cacheTtlInSeconds=300 cacheDataEncrypted=false requireAuthorizationForCacheControl=true '
        + 'unauthorizedCacheControlHeaderStrategy=SUCCEED_WITH_RESPONSE_HEADER loggingLevel=OFF dataTraceEnabled=false '
        + 'metricsEnabled=false throttlingRateLimit= throttlingBurstLimit=',
    );
  });

  it("reads the fields an override leaves out (moto leaves out loggingLevel) as AWS's defaults, not the stage-wide values", () => {
    const form = formFromStage({
      stageName: 'dev',
      methodSettings: {
        '*/*': { cacheTtlInSeconds: 60, loggingLevel: 'INFO', throttlingRateLimit: 12.5 },
        [PET]: { cachingEnabled: true },
      },
    });
    const wide = { ...METHOD_DEFAULTS, cacheTtlInSeconds: '60', loggingLevel: 'INFO', throttlingRateLimit: '12.5' };
    assert.deepEqual(form.stageWide, wide);
    // Else a change of the stage-wide value would look like a change of every override.
    assert.deepEqual(form.overrides, { [PET]: { ...METHOD_DEFAULTS, cachingEnabled: true } });
  });

  it('keys overrides by the escaped method key, as GetStage does', () => {
    assert.deepEqual(Object.keys(base().overrides).sort(), [NESTED, ROOT, PET, PROXY].sort());
  });

  it('starts a new override from the stage-wide values, as a copy', () => {
    const form = base();
    form.stageWide.cacheTtlInSeconds = '120';
    const o = newOverride(form);
    assert.deepEqual(o, { ...FIXTURE_WIDE, cacheTtlInSeconds: '120' });
    o.cacheTtlInSeconds = '5';
    assert.equal(form.stageWide.cacheTtlInSeconds, '120', 'editing the override leaves the stage-wide values alone');
  });
});

/** Each method field, a value different from the fixture's, its patch path after the key, the value sent, the old and new words. */
const FIELD_CASES: [keyof MethodValues, string | boolean, string, string, string, string][] = [
  ['cachingEnabled', true, 'caching/enabled', 'true', 'Caching', 'off → on'],
  ['cacheTtlInSeconds', '60', 'caching/ttlInSeconds', '60', 'Cache TTL', '300 → 60'],
  ['cacheDataEncrypted', true, 'caching/dataEncrypted', 'true', 'Encrypt cache data', 'off → on'],
  ['requireAuthorizationForCacheControl', false, 'caching/requireAuthorizationForCacheControl', 'false', 'Require authorization for cache invalidation', 'on → off'],
  ['unauthorizedCacheControlHeaderStrategy', 'FAIL_WITH_403', 'caching/unauthorizedCacheControlHeaderStrategy', 'FAIL_WITH_403', 'Unauthorized cache invalidation requests', 'SUCCEED_WITH_RESPONSE_HEADER → FAIL_WITH_403'],
  ['loggingLevel', 'INFO', 'logging/loglevel', 'INFO', 'Log level', 'ERROR → INFO'],
  ['dataTraceEnabled', true, 'logging/dataTrace', 'true', 'Log full requests/responses', 'off → on'],
  ['metricsEnabled', true, 'metrics/enabled', 'true', 'Detailed CloudWatch metrics', 'off → on'],
  ['throttlingRateLimit', '12.5', 'throttling/rateLimit', '12.5', 'Throttling rate', '10000 → 12.5'],
  ['throttlingBurstLimit', '100', 'throttling/burstLimit', '100', 'Throttling burst', '5000 → 100'],
];

describe('values in words (Edit One Setting…, and the form)', () => {
  it('says log levels, the strategies and on/off in words; other values as they are', () => {
    assert.deepEqual(LOG_LEVELS.map((l) => valueWords('loggingLevel', l)), ['Off', 'Errors only', 'Errors and info']);
    assert.deepEqual(LOG_LEVELS.map((l) => LOG_LEVEL_WORDS[l]), ['Off', 'Errors only', 'Errors and info']);
    assert.deepEqual(UNAUTHORIZED_STRATEGIES.map((v) => valueWords('unauthorizedCacheControlHeaderStrategy', v)), [
      'Fail the request with status code 403',
      'Ignore cache control header; add a warning in response header',
      'Ignore cache control header; no warning',
    ]);
    assert.deepEqual(UNAUTHORIZED_STRATEGIES.map((v) => UNAUTHORIZED_STRATEGY_WORDS[v]), UNAUTHORIZED_STRATEGIES.map((v) => valueWords('unauthorizedCacheControlHeaderStrategy', v)));
    for (const field of ['cachingEnabled', 'cacheDataEncrypted', 'requireAuthorizationForCacheControl', 'dataTraceEnabled', 'metricsEnabled', 'cacheClusterEnabled', 'tracingEnabled']) {
      assert.deepEqual([valueWords(field, true), valueWords(field, 'true'), valueWords(field, false), valueWords(field, 'false')], ['On', 'On', 'Off', 'Off'], field);
    }
    // A text that happens to read "true" is not a switch; a value without words stays as it is.
    assert.equal(valueWords('description', 'true'), 'true');
    assert.equal(valueWords('cacheTtlInSeconds', '300'), '300');
    assert.equal(valueWords('loggingLevel', 'DEBUG'), 'DEBUG');
  });

  it('describes a change in words when asked; API Gateway\'s names otherwise (the editor\'s review)', () => {
    const edited = edit(base(), (f) => {
      f.stageWide.loggingLevel = 'INFO';
      f.stageWide.unauthorizedCacheControlHeaderStrategy = 'FAIL_WITH_403';
      f.stageWide.metricsEnabled = true;
    });
    assert.deepEqual(stageChanges(base(), edited, { words: true }).changes.map((c) => c.text), [
      'Unauthorized cache invalidation requests for all methods: Ignore cache control header; add a warning in response header → Fail the request with status code 403',
      'Log level for all methods: Errors only → Errors and info',
      'Detailed CloudWatch metrics for all methods: off → on',
    ]);
    assert.deepEqual(stageChanges(base(), edited).changes.map((c) => c.text), [
      'Unauthorized cache invalidation requests for all methods: SUCCEED_WITH_RESPONSE_HEADER → FAIL_WITH_403',
      'Log level for all methods: ERROR → INFO',
      'Detailed CloudWatch metrics for all methods: off → on',
    ]);
    assert.deepEqual(stageChanges(base(), edited, { words: true }).patch, stageChanges(base(), edited).patch, 'the same requests');
  });
});

describe('stage changes: method settings', () => {
  for (const [field, value, path, sent, label, words] of FIELD_CASES) {
    it(`${field}: stage-wide under /*/*/, values as strings`, () => {
      const edited = edit(base(), (f) => ((f.stageWide as unknown as Record<string, unknown>)[field] = value));
      assert.deepEqual(stageChanges(base(), edited), {
        changes: [{ id: `*/*/${path}`, text: `${label} for all methods: ${words}` }],
        patch: [replace(`/*/*/${path}`, sent)],
        tagsToSet: {},
        tagsToRemove: [],
      });
    });
  }

  const keys: [string, string][] = [
    [ROOT, 'GET /'],
    [PET, 'GET /pets/{petId}'],
    [PROXY, 'ANY /{proxy+}'],
    [NESTED, 'GET /owners/{ownerId}/pets'],
  ];
  for (const [key, shown] of keys) {
    it(`every field of the override for ${shown} under /${key}/`, () => {
      for (const [field, fieldValue, path, fieldSent] of FIELD_CASES) {
        const before = base();
        // The fixture's override may already have the value (PET caching on, NESTED INFO): then go back to the stage-wide one.
        const same = before.overrides[key][field] === fieldValue;
        const value = same ? FIXTURE_WIDE[field] : fieldValue;
        const sent = same ? String(FIXTURE_WIDE[field]) : fieldSent;
        const edited = edit(before, (f) => ((f.overrides[key] as unknown as Record<string, unknown>)[field] = value));
        const { patch, changes, tagsToSet, tagsToRemove } = stageChanges(before, edited);
        assert.deepEqual(patch, [replace(`/${key}/${path}`, sent)], field);
        assert.deepEqual(changes.map((c) => c.id), [`${key}/${path}`], field);
        assert.match(changes[0].text, new RegExp(` for ${shown.replace(/[{}+]/g, '\\$&')}: `), field);
        assert.deepEqual([tagsToSet, tagsToRemove], [{}, []]);
      }
    });
  }

  it('writes the escaped keys literally in the paths', () => {
    const edited = edit(base(), (f) => {
      for (const k of [ROOT, PET, PROXY, NESTED]) f.overrides[k].cacheTtlInSeconds = '30';
    });
    assert.deepEqual(stageChanges(base(), edited).patch.map((o) => o.path).sort(), [
      '/~1/GET/caching/ttlInSeconds',
      '/~1owners~1{ownerId}~1pets/GET/caching/ttlInSeconds',
      '/~1pets~1{petId}/GET/caching/ttlInSeconds',
      '/~1{proxy+}/ANY/caching/ttlInSeconds',
    ]);
  });

  it('says "Cache TTL for GET /pets/{petId}: 300 → 60"', () => {
    const edited = edit(base(), (f) => (f.overrides[PET].cacheTtlInSeconds = '60'));
    assert.deepEqual(stageChanges(base(), edited).changes, [{ id: `${PET}/caching/ttlInSeconds`, text: 'Cache TTL for GET /pets/{petId}: 300 → 60' }]);
  });

  it('adding an override sends only what differs from the stage-wide values (AWS copies those), and the logging AWS may not copy', () => {
    const key = '~1pets/POST';
    // The stage logs ERROR: a new override gets it from AWS's copy of */*... or not (no recorded answer shows it), so it is sent.
    const edited = edit(base(), (f) => (f.overrides[key] = { ...newOverride(f), throttlingRateLimit: '20', throttlingBurstLimit: '10' }));
    const result = stageChanges(base(), edited);
    assert.deepEqual(result.patch, [
      replace('/~1pets/POST/logging/loglevel', 'ERROR'),
      replace('/~1pets/POST/throttling/rateLimit', '20'),
      replace('/~1pets/POST/throttling/burstLimit', '10'),
    ]);
    // One change per field sent; the review says the whole override in one line.
    assert.deepEqual(result.changes.map((c) => c.id), [key, `${key}/logging/loglevel`, `${key}/throttling/rateLimit`, `${key}/throttling/burstLimit`]);
    assert.deepEqual(readable(result.changes), [{ id: key, text: "New override for POST /pets: log level ERROR, throttling rate 20, throttling burst 10; other settings as the stage's" }]);
  });

  it('an override added as the stage is still needs one operation to exist: the stage\'s own value', () => {
    const b = formFromStage({ stageName: 'dev' });
    const edited = edit(b, (f) => (f.overrides[PET] = newOverride(f)));
    const result = stageChanges(b, edited);
    assert.deepEqual(result.patch, [replace(`/${PET}/metrics/enabled`, 'false')]);
    assert.deepEqual(readable(result.changes), [{ id: PET, text: "New override for GET /pets/{petId}: detailed CloudWatch metrics off; other settings as the stage's" }]);
  });

  it('adding an override with no throttling set sends no throttling ops (empty is "not set")', () => {
    const b = formFromStage({ stageName: 'dev' });
    const edited = edit(b, (f) => (f.overrides[PET] = { ...newOverride(f), cacheTtlInSeconds: '60' }));
    assert.deepEqual(stageChanges(b, edited).patch.map((o) => o.path), [`/${PET}/caching/ttlInSeconds`]);
  });

  it('a colleague\'s override made meanwhile keeps its own values where mine is silent (read before write)', () => {
    const key = '~1pets/POST';
    const mine = edit(base(), (f) => (f.overrides[key] = { ...newOverride(f), cachingEnabled: true }));
    // They made the same override meanwhile with a 5 rps throttle.
    const theirs = edit(base(), (f) => (f.overrides[key] = { ...newOverride(f), throttlingRateLimit: '5' }));
    assert.deepEqual(concurrentChanges(base(), mine, theirs).conflicts, []);
    const merged = rebase(base(), mine, theirs);
    assert.equal(merged.overrides[key].throttlingRateLimit, '5', 'their throttle stays');
    assert.equal(merged.overrides[key].cachingEnabled, true, 'my caching goes on top');
    assert.deepEqual(stageChanges(theirs, merged).patch, [replace('/~1pets/POST/caching/enabled', 'true')]);
  });

  it('removing an override sends exactly one remove of its key, and no field ops', () => {
    const edited = edit(base(), (f) => delete f.overrides[PET]);
    assert.deepEqual(stageChanges(base(), edited), {
      changes: [{ id: PET, text: 'Override for GET /pets/{petId}: removed (uses the stage settings)' }],
      patch: [{ op: 'remove', path: '/~1pets~1{petId}/GET' }],
      tagsToSet: {},
      tagsToRemove: [],
    });
  });

  it('removing an override edited first still sends only the remove', () => {
    const edited = edit(base(), (f) => {
      f.overrides[ROOT].cacheTtlInSeconds = '1';
      f.overrides[ROOT].throttlingRateLimit = '';
      delete f.overrides[ROOT];
    });
    assert.deepEqual(stageChanges(base(), edited).patch, [{ op: 'remove', path: '/~1/GET' }]);
  });

  it('an override removed and added again (reset to stage-wide) sends only the fields that differ', () => {
    const edited = edit(base(), (f) => (f.overrides[PROXY] = newOverride(f)));
    assert.deepEqual(stageChanges(base(), edited).patch, [
      replace(`/${PROXY}/throttling/rateLimit`, '10000'),
      replace(`/${PROXY}/throttling/burstLimit`, '5000'),
    ]);
  });

  it('no change: no ops, no tag calls, no words', () => {
    assert.deepEqual(stageChanges(base(), base()), NONE);
    assert.deepEqual(stageChanges(formFromStage({}), formFromStage({})), NONE);
  });
});

describe('stage changes: stage fields', () => {
  it('description', () => {
    const edited = edit(base(), (f) => (f.description = 'Prod v2'));
    assert.deepEqual(stageChanges(base(), edited), {
      changes: [{ id: 'description', text: 'Description: Production → Prod v2' }],
      patch: [replace('/description', 'Prod v2')],
      tagsToSet: {},
      tagsToRemove: [],
    });
  });

  it('tracing', () => {
    const edited = edit(base(), (f) => (f.tracingEnabled = true));
    assert.deepEqual(stageChanges(base(), edited).patch, [replace('/tracingEnabled', 'true')]);
    assert.deepEqual(stageChanges(base(), edited).changes, [{ id: 'tracingEnabled', text: 'X-Ray tracing: off → on' }]);
  });

  it('cache capacity while the cache is on', () => {
    const edited = edit(base(), (f) => (f.cacheClusterSize = '1.6'));
    assert.deepEqual(stageChanges(base(), edited).patch, [replace('/cacheClusterSize', '1.6')]);
    assert.deepEqual(stageChanges(base(), edited).changes, [{ id: 'cacheClusterSize', text: 'Cache capacity (GB): 0.5 → 1.6' }]);
  });

  it('turning the cache off sends only cacheClusterEnabled false, whatever the capacity says', () => {
    const edited = edit(base(), (f) => {
      f.cacheClusterEnabled = false;
      f.cacheClusterSize = '237';
    });
    assert.deepEqual(stageChanges(base(), edited).patch, [replace('/cacheClusterEnabled', 'false')]);
    assert.equal(stageChanges(base(), edited).changes[0].text, 'Stage cache: on → off');
  });

  it('turning the cache on sends the flag and the capacity', () => {
    const off = edit(base(), (f) => (f.cacheClusterEnabled = false));
    const on = edit(off, (f) => {
      f.cacheClusterEnabled = true;
      f.cacheClusterSize = '6.1';
    });
    assert.deepEqual(stageChanges(off, on).patch, [replace('/cacheClusterEnabled', 'true'), replace('/cacheClusterSize', '6.1')]);
  });

  it('a capacity changed while the cache stays off is no change', () => {
    const off = edit(base(), (f) => (f.cacheClusterEnabled = false));
    assert.deepEqual(stageChanges(off, edit(off, (f) => (f.cacheClusterSize = '13.5'))), NONE);
  });

  it('access log destination and format: replace each', () => {
    const dest = edit(base(), (f) => (f.accessLogDestinationArn = 'arn:aws:logs:us-east-1:123456789012:log-group:other'));
    assert.deepEqual(stageChanges(base(), dest).patch, [replace('/accessLogSettings/destinationArn', 'arn:aws:logs:us-east-1:123456789012:log-group:other')]);
    const fmt = edit(base(), (f) => (f.accessLogFormat = '$context.requestId'));
    assert.deepEqual(stageChanges(base(), fmt).patch, [replace('/accessLogSettings/format', '$context.requestId')]);
  });

  it('access logging turned on: replace both', () => {
    const off = formFromStage({ stageName: 'dev' });
    const on = edit(off, (f) => {
      f.accessLogDestinationArn = LOG_ARN;
      f.accessLogFormat = LOG_FORMAT;
    });
    assert.deepEqual(stageChanges(off, on).patch, [replace('/accessLogSettings/destinationArn', LOG_ARN), replace('/accessLogSettings/format', LOG_FORMAT)]);
  });

  it('clearing both sends exactly one remove /accessLogSettings', () => {
    const edited = edit(base(), (f) => {
      f.accessLogDestinationArn = '';
      f.accessLogFormat = '';
    });
    const result = stageChanges(base(), edited);
    assert.deepEqual(result.patch, [{ op: 'remove', path: '/accessLogSettings' }]);
    assert.deepEqual(result.changes.map((c) => c.text), [`Access log destination: ${LOG_ARN} → (none)`, `Access log format: ${LOG_FORMAT} → (none)`]);
  });

  it('variables: add and edit replace /variables/x, remove removes it', () => {
    const edited = edit(base(), (f) => {
      f.variables = [['lambdaAlias', 'canary'], ['region', 'eu-west-1']];
    });
    assert.deepEqual(stageChanges(base(), edited), {
      changes: [
        { id: 'variables/backend', text: 'Stage variable backend: https://example.com/v1 → (none)', secret: true },
        { id: 'variables/lambdaAlias', text: 'Stage variable lambdaAlias: live → canary', secret: true },
        { id: 'variables/region', text: 'Stage variable region: (none) → eu-west-1', secret: true },
      ],
      patch: [{ op: 'remove', path: '/variables/backend' }, replace('/variables/lambdaAlias', 'canary'), replace('/variables/region', 'eu-west-1')],
      tagsToSet: {},
      tagsToRemove: [],
    });
    // The log says which variable changed, never its value (they often hold backend keys).
    assert.deepEqual(stageChanges(base(), edited).changes.map(changeLogText), ['Stage variable backend: changed', 'Stage variable lambdaAlias: changed', 'Stage variable region: changed']);
  });

  it('a renamed variable is a remove and a replace', () => {
    const edited = edit(base(), (f) => (f.variables[1][0] = 'alias'));
    assert.deepEqual(stageChanges(base(), edited).patch, [replace('/variables/alias', 'live'), { op: 'remove', path: '/variables/lambdaAlias' }]);
  });

  it('tags: no patch ops, only tags to set and to remove', () => {
    const edited = edit(base(), (f) => {
      f.tags = [['owner', 'bob'], ['team', 'cats']];
    });
    assert.deepEqual(stageChanges(base(), edited), {
      changes: [
        { id: 'tags/env', text: 'Tag env: prod → (none)' },
        { id: 'tags/owner', text: 'Tag owner: (none) → bob' },
        { id: 'tags/team', text: 'Tag team: pets → cats' },
      ],
      patch: [],
      tagsToSet: { owner: 'bob', team: 'cats' },
      tagsToRemove: ['env'],
    });
  });

  it('the deployment is not saved from the form', () => {
    assert.deepEqual(stageChanges(base(), edit(base(), (f) => (f.deploymentId = 'dep2'))), NONE);
  });

  it('one save: stage fields, variables, tags, all methods, then overrides by key, each in form order', () => {
    const edited = edit(base(), (f) => {
      f.overrides[PET].cacheTtlInSeconds = '10';
      f.overrides[PET].cachingEnabled = false;
      f.stageWide.metricsEnabled = true;
      f.tags.push(['x', 'y']);
      f.variables.push(['v', '1']);
      f.tracingEnabled = true;
    });
    const result = stageChanges(base(), edited);
    assert.deepEqual(result.patch, [
      replace('/tracingEnabled', 'true'),
      replace('/variables/v', '1'),
      replace('/*/*/metrics/enabled', 'true'),
      replace(`/${PET}/caching/enabled`, 'false'),
      replace(`/${PET}/caching/ttlInSeconds`, '10'),
    ]);
    assert.deepEqual(result.changes.map((c) => c.id), ['tracingEnabled', 'variables/v', 'tags/x', '*/*/metrics/enabled', `${PET}/caching/enabled`, `${PET}/caching/ttlInSeconds`]);
  });

  it('a value with surrounding spaces is refused at its field, so it is never sent as is', () => {
    const edited = edit(base(), (f) => {
      f.stageWide.cacheTtlInSeconds = ' 60';
      f.stageWide.throttlingBurstLimit = '100 ';
    });
    assert.deepEqual(formProblems(edited).map((p) => p.id), ['stageWide.cacheTtlInSeconds', 'stageWide.throttlingBurstLimit']);
  });
});

describe('stage changes: method labels', () => {
  it('names methods as verb and resource path', () => {
    assert.equal(methodLabel('*/*'), 'all methods');
    assert.equal(methodLabel(ROOT), 'GET /');
    assert.equal(methodLabel(PET), 'GET /pets/{petId}');
    assert.equal(methodLabel(PROXY), 'ANY /{proxy+}');
    assert.equal(methodLabel(NESTED), 'GET /owners/{ownerId}/pets');
    assert.equal(methodLabel('not-a-key'), 'not-a-key');
  });
});

describe('stage changes: someone else changed the stage meanwhile', () => {
  it('a field I did not touch is theirs, not a conflict', () => {
    const mine = edit(base(), (f) => (f.stageWide.cacheTtlInSeconds = '60'));
    const theirs = edit(base(), (f) => (f.description = 'Theirs'));
    assert.deepEqual(concurrentChanges(base(), mine, theirs), { theirs: [{ id: 'description', text: 'Description: Production → Theirs' }], conflicts: [] });
  });

  it('the same field changed to different values is a conflict, in their words', () => {
    const mine = edit(base(), (f) => (f.overrides[PET].cacheTtlInSeconds = '60'));
    const theirs = edit(base(), (f) => (f.overrides[PET].cacheTtlInSeconds = '120'));
    const c = { id: `${PET}/caching/ttlInSeconds`, text: 'Cache TTL for GET /pets/{petId}: 300 → 120' };
    assert.deepEqual(concurrentChanges(base(), mine, theirs), { theirs: [c], conflicts: [c] });
  });

  it('the same field changed to the same value is no conflict', () => {
    const mine = edit(base(), (f) => (f.variables[0][1] = 'https://example.com/v2'));
    const theirs = edit(base(), (f) => (f.variables[0][1] = 'https://example.com/v2'));
    const result = concurrentChanges(base(), mine, theirs);
    assert.equal(result.theirs.length, 1);
    assert.deepEqual(result.conflicts, []);
  });

  it('nothing changed meanwhile: nothing to say', () => {
    const mine = edit(base(), (f) => (f.description = 'x'));
    assert.deepEqual(concurrentChanges(base(), mine, base()), { theirs: [], conflicts: [] });
  });

  it('I removed an override they edited: a conflict', () => {
    const mine = edit(base(), (f) => delete f.overrides[PET]);
    const theirs = edit(base(), (f) => (f.overrides[PET].cacheTtlInSeconds = '120'));
    assert.deepEqual(concurrentChanges(base(), mine, theirs).conflicts.map((c) => c.id), [`${PET}/caching/ttlInSeconds`]);
  });

  it('they removed an override I edited: a conflict (else "apply mine" loses my edit)', () => {
    const mine = edit(base(), (f) => (f.overrides[PET].cacheTtlInSeconds = '60'));
    const theirs = edit(base(), (f) => delete f.overrides[PET]);
    const { conflicts } = concurrentChanges(base(), mine, theirs);
    assert.ok(conflicts.some((c) => c.id === PET || c.id.startsWith(`${PET}/`)), `no conflict reported: ${JSON.stringify(conflicts)}`);
  });

  it('rebase: their stage with my edits on top', () => {
    const mine = edit(base(), (f) => {
      f.stageWide.cacheTtlInSeconds = '60';
      f.tags = [['team', 'cats']];
      f.variables = f.variables.filter(([n]) => n !== 'backend');
      f.overrides['~1pets/POST'] = { ...newOverride(f), metricsEnabled: true };
      delete f.overrides[ROOT];
      f.accessLogDestinationArn = '';
      f.accessLogFormat = '';
    });
    const theirs = edit(base(), (f) => {
      f.description = 'Theirs';
      f.variables.push(['stage', 'blue']);
      f.overrides[NESTED].loggingLevel = 'OFF';
      f.cacheClusterSize = '6.1';
      f.deploymentId = 'dep9';
    });
    assert.deepEqual(concurrentChanges(base(), mine, theirs).conflicts, []);
    const rebased = rebase(base(), mine, theirs);
    assert.deepEqual(stageChanges(theirs, rebased), stageChanges(base(), mine));
    assert.equal(rebased.description, 'Theirs');
    assert.equal(rebased.cacheClusterSize, '6.1');
    assert.equal(rebased.deploymentId, 'dep9');
    assert.equal(rebased.overrides[NESTED].loggingLevel, 'OFF');
    assert.deepEqual(Object.fromEntries(rebased.variables), { lambdaAlias: 'live', stage: 'blue' });
    assert.deepEqual(stageChanges(mine, rebased).changes.map((c) => c.id), ['cacheClusterSize', 'description', 'variables/stage', `${NESTED}/logging/loglevel`]);
  });

  it('rebase: on a conflict mine wins', () => {
    const mine = edit(base(), (f) => (f.stageWide.loggingLevel = 'INFO'));
    const theirs = edit(base(), (f) => (f.stageWide.loggingLevel = 'OFF'));
    assert.equal(rebase(base(), mine, theirs).stageWide.loggingLevel, 'INFO');
  });

  it('rebase with nothing of theirs gives my form back', () => {
    const mine = edit(base(), (f) => {
      f.overrides[PROXY].throttlingBurstLimit = '7';
      f.tracingEnabled = true;
    });
    assert.deepEqual(normalize(rebase(base(), mine, base())), normalize(mine));
  });

  it('rebase keeps my edit of an override they removed', () => {
    const mine = edit(base(), (f) => (f.overrides[PET].cacheTtlInSeconds = '60'));
    const theirs = edit(base(), (f) => delete f.overrides[PET]);
    const rebased = rebase(base(), mine, theirs);
    assert.ok(stageChanges(theirs, rebased).patch.some((o) => o.path === `/${PET}/caching/ttlInSeconds` && o.value === '60'), 'my TTL of 60 is lost');
  });
});

describe('stage changes: the form field of a change (for the editor to mark it)', () => {
  it('names the field the form marks, for stage fields and method settings; nothing for variables, tags and whole overrides', () => {
    const mine = edit(base(), (f) => {
      f.description = 'mine';
      f.accessLogDestinationArn = 'arn:aws:logs:us-east-1:123456789012:log-group:x';
      f.accessLogFormat = '$context.requestId';
      f.stageWide.cacheTtlInSeconds = '60';
      f.overrides[PET].throttlingRateLimit = '7';
      f.variables.push(['v', 'x']);
    });
    const fields = stageChanges(base(), mine).changes.map((c) => formFieldOf(c.id));
    assert.deepEqual(fields.sort(), [
      'accessLogDestinationArn', 'accessLogFormat', 'description', `overrides.${PET}.throttlingRateLimit`, 'stageWide.cacheTtlInSeconds', undefined,
    ].sort());
    assert.equal(formFieldOf(PET), undefined, 'an override as a whole');
  });
});
