import * as assert from 'assert/strict';
import type { MethodSetting, Stage } from '@aws-sdk/client-api-gateway';
import * as fc from 'fast-check';
import { ALL_METHODS_KEY, methodKey } from '../../src/model/methodKey';
import { CACHE_SIZES, formFromStage, LOG_LEVELS, METHOD_DEFAULTS, METHOD_FIELDS, type MethodValues, type StageForm, UNAUTHORIZED_STRATEGIES } from '../../src/model/stageForm';
import { parseStageJson, stageJsonText } from '../../src/model/stageJson';
import { formProblems } from '../../src/model/stageValidation';
import { schemaErrors } from './stageSchema';

// The stage's JSON document for random stages: a valid form reads back as itself and the shipped schema takes
// its document; any form, valid or not, gives a document that reads back to the same document or to problems;
// and no text, however broken, makes the reader throw. A fixed seed (FC_SEED overrides it) makes a failure repeat.

const SEED = Number(process.env.FC_SEED ?? 20261205);
const RUNS = Number(process.env.FC_RUNS ?? 200);
const params = { seed: SEED, numRuns: RUNS };

const METHOD_KEYS = [methodKey('/pets/{petId}', 'GET'), methodKey('/', 'GET'), methodKey('/{proxy+}', 'ANY'), methodKey('/a~b', 'PUT'), methodKey('/v1.0/items', 'POST')];
const chars = (set: string, minLength: number, maxLength: number) => fc.array(fc.constantFrom(...set), { minLength, maxLength }).map((a) => a.join(''));
const TAG_CHARS = 'aZé漢Ωß19 _.:/=+-@';

const methodSetting: fc.Arbitrary<MethodSetting> = fc.record({
  metricsEnabled: fc.boolean(),
  loggingLevel: fc.constantFrom(...LOG_LEVELS),
  dataTraceEnabled: fc.boolean(),
  throttlingBurstLimit: fc.integer({ min: 0, max: 5000 }),
  throttlingRateLimit: fc.oneof(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 20000 }).map((n) => n / 2)),
  cachingEnabled: fc.boolean(),
  cacheTtlInSeconds: fc.integer({ min: 0, max: 3600 }),
  cacheDataEncrypted: fc.boolean(),
  requireAuthorizationForCacheControl: fc.boolean(),
  unauthorizedCacheControlHeaderStrategy: fc.constantFrom(...UNAUTHORIZED_STRATEGIES),
}, { requiredKeys: [] });

const validStage: fc.Arbitrary<Stage> = fc.record({
  stageName: fc.constant('prod'),
  deploymentId: fc.constant('d1'),
  description: fc.string({ maxLength: 40, unit: 'grapheme' }),
  cacheClusterEnabled: fc.boolean(),
  cacheClusterSize: fc.constantFrom(...CACHE_SIZES),
  tracingEnabled: fc.boolean(),
  accessLogSettings: fc.option(fc.record({
    destinationArn: fc.constantFrom('arn:aws:logs:us-east-1:123456789012:log-group:api-access', 'arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-x'),
    format: fc.constantFrom('$context.requestId', '{"id":"$context.requestId","status":"$context.status"}'),
  }), { nil: undefined }),
  variables: fc.dictionary(chars('aZ09_', 1, 8), chars('aZ09-._~:/?#&=,', 1, 12), { maxKeys: 5 }),
  tags: fc.dictionary(chars(TAG_CHARS, 1, 8).filter((k) => !/^aws:/i.test(k)), chars(TAG_CHARS, 0, 8), { maxKeys: 5 }),
  methodSettings: fc.dictionary(fc.constantFrom(ALL_METHODS_KEY, ...METHOD_KEYS), methodSetting, { maxKeys: 4 }),
});

/** Any form at all: any text in every field a person types, names listed twice, numbers half-typed. */
const anyText = fc.string({ maxLength: 12, unit: 'binary' });
const anyNumber = fc.oneof(anyText, fc.constantFrom('', '007', '10000.0', '1e3', '-1', '9'.repeat(40)), fc.nat().map(String));
const anyField = (f: keyof MethodValues): fc.Arbitrary<unknown> =>
  typeof METHOD_DEFAULTS[f] === 'boolean' ? fc.boolean()
    : f === 'loggingLevel' || f === 'unauthorizedCacheControlHeaderStrategy' ? fc.oneof(anyText, fc.constantFrom(...LOG_LEVELS, ...UNAUTHORIZED_STRATEGIES))
      : anyNumber;
const anyMethod = fc.record(Object.fromEntries(METHOD_FIELDS.map((f) => [f, anyField(f)]))) as unknown as fc.Arbitrary<MethodValues>;
const anyPairs = fc.array(fc.tuple(anyText, anyText), { maxLength: 4 });
const anyForm: fc.Arbitrary<StageForm> = fc.record({
  description: anyText,
  deploymentId: fc.constant('d1'),
  cacheClusterEnabled: fc.boolean(),
  cacheClusterSize: fc.oneof(fc.constantFrom(...CACHE_SIZES), anyText),
  tracingEnabled: fc.boolean(),
  accessLogDestinationArn: anyText,
  accessLogFormat: anyText,
  variables: anyPairs,
  tags: anyPairs,
  stageWide: anyMethod,
  overrides: fc.dictionary(fc.constantFrom(...METHOD_KEYS), anyMethod, { maxKeys: 3 }),
});

describe(`stage settings as JSON, properties (fast-check, seed ${SEED}, ${RUNS} runs each)`, () => {
  it('a valid form reads back as itself, and the schema takes its document', () => {
    fc.assert(fc.property(validStage, (stage) => {
      const form = formFromStage(stage);
      assert.deepEqual(formProblems(form, {}, form), [], 'the generator makes valid forms');
      const text = stageJsonText(form);
      assert.deepEqual(parseStageJson(text, form), { form });
      assert.deepEqual(schemaErrors(text), []);
    }), params);
  });

  it('any form: its document is JSON, and reads back to the same document or to problems placed in it', () => {
    fc.assert(fc.property(anyForm, (form) => {
      const text = stageJsonText(form);
      JSON.parse(text);
      const r = parseStageJson(text, form);
      if ('form' in r) assert.equal(stageJsonText(r.form), text);
      else for (const p of r.problems) assert.ok(p.offset >= 0 && p.offset + p.length <= text.length && p.message.length > 0, JSON.stringify(p));
    }), params);
  });

  it('any edit of a document, however broken the text: no throw, every place in the text', () => {
    const edit = fc.tuple(fc.nat(), fc.nat({ max: 20 }), fc.oneof(fc.constantFrom('', '{', '}', '[', ']', ',', ':', '"', '\\', '/', '/*', '//', 'null', '1e999', '-', '\n', '\u0000', '\ud800'), anyText));
    fc.assert(fc.property(validStage, fc.array(edit, { minLength: 1, maxLength: 4 }), (stage, edits) => {
      const form = formFromStage(stage);
      let text = stageJsonText(form);
      for (const [at, cut, put] of edits) {
        const i = at % (text.length + 1);
        text = text.slice(0, i) + put + text.slice(i + cut);
      }
      const r = parseStageJson(text, form);
      if ('problems' in r) for (const p of r.problems) assert.ok(p.offset >= 0 && p.offset + p.length <= text.length && p.message.length > 0, JSON.stringify(p));
    }), params);
  });
});
