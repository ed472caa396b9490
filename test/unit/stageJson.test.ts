import * as assert from 'assert/strict';
import { jsonPointer } from '../../src/model/jsonDocument';
import { methodKey } from '../../src/model/methodKey';
import { CACHE_SIZES, formFromStage, LOG_LEVELS, METHOD_DEFAULTS, METHOD_FIELDS, type StageForm, UNAUTHORIZED_STRATEGIES } from '../../src/model/stageForm';
import { type JsonProblem, parseStageJson, stageJsonText } from '../../src/model/stageJson';
import { DESCRIPTION_MAX } from '../../src/model/stageName';
import { BAD_INPUTS, type FieldCases, LOG_GROUP_ARN, SAMPLE_LIMITS, shown } from '../harness/badInputs';
import { asJsonValue, docText, raw, SCHEMA, schemaErrors } from './stageSchema';

// The stage's settings as a JSON document (Reopen Editor With… → Text Editor): written from the form, read
// back with each problem at its place, in the form's words; and the shipped schema agrees with the reader
// on every value it can judge (what it cannot is listed, with why).

const PET = '~1pets~1{petId}/GET';
const PET_TEXT = '/pets/{petId}/GET';
const PET_PATH = `/methodSettings/${jsonPointer([PET_TEXT]).slice(1)}`;
const WIDE_PATH = '/methodSettings/*~1*';
const LOGS = LOG_GROUP_ARN;

/** A valid stage with every kind of setting: throttling stage-wide and on an override, unicode in text and tags. */
function rich(): StageForm {
  return formFromStage({
    stageName: 'prod',
    deploymentId: 'dep123',
    description: 'Production — ünïcode ✓ "quoted" \\ back\nslash',
    cacheClusterEnabled: true,
    cacheClusterSize: '6.1',
    tracingEnabled: true,
    accessLogSettings: { destinationArn: `${LOGS}api-access`, format: '{"id":"$context.requestId","status":"$context.status"}' },
    variables: { alias: 'live', url: 'https://h.example.com/v1?a=b&c=d#x', lambdaAlias: 'v-1.2_3~' },
    tags: { team: 'pets', équipe: 'données', '漢字': 'テスト', 'cost center': 'a:b/c=d+e-f@g' },
    methodSettings: {
      '*/*': { throttlingRateLimit: 100, throttlingBurstLimit: 50, loggingLevel: 'INFO', metricsEnabled: true, cacheTtlInSeconds: 60 },
      [PET]: { cachingEnabled: true, cacheTtlInSeconds: 3600, throttlingRateLimit: 12.5, throttlingBurstLimit: 5, unauthorizedCacheControlHeaderStrategy: 'FAIL_WITH_403' },
      [methodKey('/', 'GET')]: { dataTraceEnabled: true, loggingLevel: 'ERROR' },
      [methodKey('/{proxy+}', 'ANY')]: { cacheDataEncrypted: true, requireAuthorizationForCacheControl: false },
      [methodKey('/a~b', 'PUT')]: {},
    },
  });
}

/** The rich stage's document as an object, to change and write again. */
function doc(): any {
  return JSON.parse(stageJsonText(rich()));
}

function read(text: string, base = rich()) {
  return parseStageJson(text, base, SAMPLE_LIMITS);
}

function problemsOf(text: string, base = rich()): JsonProblem[] {
  const r = read(text, base);
  assert.ok('problems' in r, `refused: ${text.slice(0, 200)}`);
  return r.problems;
}

function formOf(text: string, base = rich()): StageForm {
  const r = read(text, base);
  assert.ok('form' in r, `accepted; got ${JSON.stringify('problems' in r ? r.problems : r)}`);
  return r.form;
}

/** The problem at `path`, whose message names what is allowed; its offset points into the text. */
function assertProblem(text: string, path: string, allowed: RegExp, label: string): JsonProblem {
  const problems = problemsOf(text);
  const p = problems.find((q) => q.path === path);
  assert.ok(p, `${label}: a problem at ${path}; got ${JSON.stringify(problems.map((q) => [q.path, q.message]))}`);
  assert.match(p.message, allowed, `${label}: the message names what is allowed`);
  assert.ok(p.offset >= 0 && p.offset + p.length <= text.length, `${label}: the place is in the text`);
  return p;
}

/** The schema refuses too, at `path` or an object holding it (ajv names the object for an unknown or bad key). */
function assertSchemaRefuses(text: string, path: string, label: string): void {
  const errors = schemaErrors(text);
  assert.ok(errors.length > 0, `${label}: the schema refuses it too`);
  assert.ok(errors.some((e) => path === e.instancePath || path.startsWith(`${e.instancePath}/`)), `${label}: the schema at ${path}; got ${JSON.stringify(errors.map((e) => e.instancePath))}`);
}

describe('stage settings as JSON: the document', () => {
  it('reads back as the same form, from the form as base or one with other values (every field is written)', () => {
    const form = rich();
    assert.deepEqual(read(stageJsonText(form), form), { form });
    // A variable's value is not in the document: it comes from the base, by name.
    const other = { ...rich(), description: 'old', cacheClusterEnabled: false, tags: [] };
    other.overrides[PET] = { ...METHOD_DEFAULTS, throttlingRateLimit: '1', throttlingBurstLimit: '1' };
    assert.deepEqual(read(stageJsonText(form), other), { form });
  });

  it('hides each stage variable\'s value ("(hidden)" keeps the stage\'s, a new value is written out, a new name needs a value)', () => {
    const form = rich();
    const text = stageJsonText(form);
    for (const [, value] of form.variables) assert.ok(!text.includes(`"${value}"`), `the value ${value} is not in the document`);
    assert.equal(JSON.parse(text).variables.url, '(hidden)');
    const changed = read(text.replace('"url": "(hidden)"', '"url": "https://new.example.com"'), form);
    assert.ok('form' in changed);
    assert.deepEqual(changed.form.variables.find(([n]) => n === 'url'), ['url', 'https://new.example.com']);
    const added = read(text.replace('"url": "(hidden)"', '"url": "(hidden)", "brandNew": "(hidden)"'), form);
    assert.ok('problems' in added);
    assert.equal(added.problems[0].path, '/variables/brandNew');
    assert.match(added.problems[0].message, /"brandNew" is new: give it a value/);
  });

  it('is get-stage\'s shape: camelCase, numbers as numbers, keys as people write them, 2-space indent, a final line break', () => {
    const text = stageJsonText(rich());
    assert.ok(text.endsWith('}\n') && !text.endsWith('\n\n'));
    assert.equal(text, `${JSON.stringify(JSON.parse(text), null, 2)}\n`, 'JSON.stringify\'s layout');
    const d = JSON.parse(text);
    assert.deepEqual(Object.keys(d), ['description', 'cacheClusterEnabled', 'cacheClusterSize', 'tracingEnabled', 'accessLogSettings', 'variables', 'tags', 'methodSettings']);
    assert.deepEqual(Object.keys(d.methodSettings), ['*/*', '//GET', '/a~b/PUT', PET_TEXT, '/{proxy+}/ANY'], 'stage-wide first, then by key');
    assert.deepEqual(Object.keys(d.methodSettings['*/*']), METHOD_FIELDS, 'all ten fields in the form\'s order');
    assert.equal(d.methodSettings['*/*'].cacheTtlInSeconds, 60);
    assert.equal(d.methodSettings[PET_TEXT].throttlingRateLimit, 12.5);
    assert.deepEqual(Object.keys(d.variables), ['alias', 'lambdaAlias', 'url'], 'in the form\'s order');
    assert.equal(d.tags['漢字'], 'テスト');
    assert.equal(d.$schema, undefined, 'the extension associates the schema (jsonValidation)');
  });

  it('leaves out read-only fields and the deployment, an unset throttle and access logging when off', () => {
    const form = formFromStage({
      stageName: 'prod', deploymentId: 'dep123', createdDate: new Date(0), lastUpdatedDate: new Date(0), cacheClusterStatus: 'AVAILABLE', clientCertificateId: 'cert1',
      documentationVersion: '1', webAclArn: 'arn:aws:wafv2:x', canarySettings: { percentTraffic: 10, deploymentId: 'dep9' }, methodSettings: { [PET]: { cachingEnabled: true } },
    });
    const text = stageJsonText(form);
    for (const word of ['deploymentId', 'dep123', 'dep9', 'stageName', 'Date', 'cacheClusterStatus', 'AVAILABLE', 'canary', 'webAcl', 'clientCertificate', 'documentation', 'accessLogSettings', 'throttling']) {
      assert.ok(!text.includes(word), `no ${word}`);
    }
    assert.deepEqual(formOf(text, form), form);
  });

  it('writes a half-typed number as the string typed, which reading refuses with the field\'s rule; 007 as 7, 10000.0 as written', () => {
    const form = rich();
    form.stageWide.cacheTtlInSeconds = '30 0';
    form.overrides[PET].throttlingRateLimit = '10000.0';
    form.overrides[PET].throttlingBurstLimit = '007';
    const text = stageJsonText(form);
    const d = JSON.parse(text);
    assert.equal(d.methodSettings['*/*'].cacheTtlInSeconds, '30 0');
    assert.ok(text.includes('"throttlingRateLimit": 10000.0,'));
    assert.equal(d.methodSettings[PET_TEXT].throttlingBurstLimit, 7);
    assertProblem(text, `${WIDE_PATH}/cacheTtlInSeconds`, /Expected a number, not a string\. Cache TTL is a whole number of seconds from 0 to 3600/, 'half-typed TTL');
    form.stageWide.cacheTtlInSeconds = '60';
    assert.equal(formOf(stageJsonText(form)).overrides[PET].throttlingRateLimit, '10000.0');
  });

  it('a variable the form lists twice is written twice, and read back as listed twice', () => {
    const form = rich();
    form.variables.push(['alias', 'other']);
    const text = stageJsonText(form);
    assert.equal(text.match(/"alias":/g)?.length, 2);
    const p = assertProblem(text, '/variables/alias', /listed twice: each name once/, 'twice');
    assert.equal(p.offset, text.lastIndexOf('"alias"'), 'at the second');
  });
});

describe('stage settings as JSON: reading', () => {
  it('reads each way of writing a method key, and ignores $schema', () => {
    for (const key of [PET_TEXT, PET, 'pets/{petId}/GET']) {
      const d = doc();
      d.$schema = './stage-settings.schema.json';
      d.methodSettings[key] = d.methodSettings[PET_TEXT];
      if (key !== PET_TEXT) delete d.methodSettings[PET_TEXT];
      assert.deepEqual(formOf(docText(d)), rich(), key);
      assert.deepEqual(schemaErrors(docText(d)), [], `${key}: the schema takes it`);
    }
  });

  it('a field left out: AWS\'s default or off at the stage level; in an override, its value in base, or for a new one the stage-wide value', () => {
    const base = formFromStage({ stageName: 'prod', deploymentId: 'dep123', methodSettings: { [PET]: { cachingEnabled: true, cacheTtlInSeconds: 900, throttlingRateLimit: 5, throttlingBurstLimit: 2 } } });
    const text = JSON.stringify({ methodSettings: { '*/*': { cacheTtlInSeconds: 30, loggingLevel: 'ERROR' }, [PET_TEXT]: { cacheTtlInSeconds: 60 }, '/new/POST': { metricsEnabled: true } } });
    const form = formOf(text, base);
    assert.deepEqual({ ...form, stageWide: undefined, overrides: undefined }, {
      description: '', deploymentId: 'dep123', cacheClusterEnabled: false, cacheClusterSize: '0.5', tracingEnabled: false, accessLogDestinationArn: '', accessLogFormat: '',
      variables: [], tags: [], stageWide: undefined, overrides: undefined,
    });
    assert.deepEqual(form.stageWide, { ...METHOD_DEFAULTS, cacheTtlInSeconds: '30', loggingLevel: 'ERROR' });
    assert.deepEqual(form.overrides[PET], { ...base.overrides[PET], cacheTtlInSeconds: '60' }, 'an override in base keeps what the document leaves out');
    assert.deepEqual(form.overrides['~1new/POST'], { ...form.stageWide, metricsEnabled: true }, 'a new override starts from */*');
    assert.deepEqual(Object.keys(form.overrides).sort(), [PET, '~1new/POST'].sort(), 'an override not in the document is gone');
    assert.deepEqual(formOf('{}', base).stageWide, METHOD_DEFAULTS);
  });

  it('a throttling value left out where it was set: refused, because AWS cannot unset it', () => {
    const d = doc();
    delete d.methodSettings['*/*'].throttlingRateLimit;
    const text = docText(d);
    const p = assertProblem(text, `${WIDE_PATH}/throttlingRateLimit`, /Missing "throttlingRateLimit"\. AWS cannot unset a throttling value once set\. Enter a rate/, 'rate removed');
    assert.equal(text.slice(p.offset, p.offset + p.length), '"*/*"', 'marked at the entry that lacks it');
    assert.deepEqual(schemaErrors(text), [], 'the schema cannot know what was set before');
  });

  it('a new override does not inherit a problem: the stage-wide value is marked where it is written', () => {
    const d = doc();
    d.methodSettings['*/*'].cacheTtlInSeconds = raw('4000');
    d.methodSettings['/new/GET'] = {};
    assert.deepEqual(problemsOf(docText(d)).map((p) => p.path), [`${WIDE_PATH}/cacheTtlInSeconds`]);
  });
});

interface Structural {
  readonly name: string;
  readonly text: () => string;
  readonly path: string;
  readonly message: RegExp;
  /** Whether the schema can see it: not for syntax (not JSON at all) and what JSON.parse hides (a key twice). */
  readonly schema: boolean;
}

function edited(edit: (d: any) => void): () => string {
  return () => {
    const d = doc();
    edit(d);
    return docText(d);
  };
}

const STRUCTURAL: Structural[] = [
  { name: 'an unknown property', text: edited((d) => (d.foo = 1)), path: '/foo', message: /Unknown property "foo"\. Allowed here: description, cacheClusterEnabled/, schema: true },
  { name: 'an unknown method setting', text: edited((d) => (d.methodSettings['*/*'].cacheTTL = 30)), path: `${WIDE_PATH}/cacheTTL`, message: /Unknown property "cacheTTL"\. Allowed here: cachingEnabled, cacheTtlInSeconds/, schema: true },
  { name: 'an unknown access log field', text: edited((d) => (d.accessLogSettings.level = 'x')), path: '/accessLogSettings/level', message: /Allowed here: destinationArn, format/, schema: true },
  ...['deploymentId', 'stageName', 'createdDate', 'lastUpdatedDate', 'cacheClusterStatus', 'canarySettings', 'webAclArn', 'clientCertificateId', 'documentationVersion'].map((f): Structural => ({
    name: `get-stage's ${f}`, text: edited((d) => (d[f] = 'x')), path: `/${f}`, message: f === 'deploymentId' ? /not part of this document: the deployment is changed with Change Deployment…/ : /not part of this document: .*Remove it\./, schema: true,
  })),
  { name: 'description a number', text: edited((d) => (d.description = raw('5'))), path: '/description', message: /Expected a string, not a number\..*Write it in quotes: "5"/, schema: true },
  { name: 'cacheClusterEnabled a string', text: edited((d) => (d.cacheClusterEnabled = 'true')), path: '/cacheClusterEnabled', message: /Expected true or false, not a string\. Write it without quotes: true/, schema: true },
  { name: 'tracingEnabled null', text: edited((d) => (d.tracingEnabled = null)), path: '/tracingEnabled', message: /Expected true or false, not null/, schema: true },
  { name: 'cacheClusterSize a number', text: edited((d) => (d.cacheClusterSize = raw('0.5'))), path: '/cacheClusterSize', message: /Expected a string, not a number\. Cache capacity is one of 0\.5, .*Write it in quotes: "0\.5"/, schema: true },
  { name: 'cacheClusterSize bad with the cache off', text: edited((d) => ((d.cacheClusterEnabled = false), (d.cacheClusterSize = '2'))), path: '/cacheClusterSize', message: /Cache capacity is one of/, schema: true },
  { name: 'TTL a string', text: edited((d) => (d.methodSettings['*/*'].cacheTtlInSeconds = '300')), path: `${WIDE_PATH}/cacheTtlInSeconds`, message: /Expected a number, not a string\. Cache TTL .* Write it without quotes: 300/, schema: true },
  { name: 'burst a fraction', text: edited((d) => (d.methodSettings['*/*'].throttlingBurstLimit = raw('1.5'))), path: `${WIDE_PATH}/throttlingBurstLimit`, message: /whole number of requests/, schema: true },
  { name: 'log level a number', text: edited((d) => (d.methodSettings[PET_TEXT].loggingLevel = raw('1'))), path: `${PET_PATH}/loggingLevel`, message: /Expected a string, not a number\. Log level is OFF, ERROR or INFO/, schema: true },
  { name: 'a boolean setting a string', text: edited((d) => (d.methodSettings[PET_TEXT].cachingEnabled = 'yes')), path: `${PET_PATH}/cachingEnabled`, message: /Expected true or false, not a string/, schema: true },
  { name: 'variables a list', text: edited((d) => (d.variables = [])), path: '/variables', message: /Expected an object of names and values.*Here it is a list/, schema: true },
  { name: 'a variable value a number', text: edited((d) => (d.variables.port = raw('8080'))), path: '/variables/port', message: /Expected a string, not a number\. A stage variable value is 1–512 characters.*Write it in quotes: "8080"/, schema: true },
  { name: 'a tag value true', text: edited((d) => (d.tags.live = true)), path: '/tags/live', message: /Expected a string, not true/, schema: true },
  { name: 'methodSettings a string', text: edited((d) => (d.methodSettings = 'x')), path: '/methodSettings', message: /Expected an object of method settings/, schema: true },
  { name: 'a method setting a list', text: edited((d) => (d.methodSettings['*/*'] = [])), path: WIDE_PATH, message: /Expected an object of settings/, schema: true },
  { name: 'accessLogSettings a string', text: edited((d) => (d.accessLogSettings = 'off')), path: '/accessLogSettings', message: /Expected an object: \{ "destinationArn"/, schema: true },
  { name: 'accessLogSettings empty', text: edited((d) => (d.accessLogSettings = {})), path: '/accessLogSettings/destinationArn', message: /Missing "destinationArn"\..*Or remove accessLogSettings to turn access logging off/, schema: true },
  ...['*/GET', '/pets/*', '/pets/get', 'GET', '/GET', '/pets//GET', '~1pets~1/GET', '~1a~2b/GET', 'a b/GET', ''].map((key): Structural => ({
    name: `method key ${JSON.stringify(key)}`, text: edited((d) => (d.methodSettings[key] = {})), path: `/methodSettings/${jsonPointer([key]).slice(1)}`, message: /is not a method key\. Write "\*\/\*" for every method, or a resource path and an HTTP method in capitals, like "\/pets\/\{petId\}\/GET"/, schema: true,
  })),
  { name: 'one method under two keys', text: edited((d) => (d.methodSettings[PET] = {})), path: `/methodSettings/${jsonPointer([PET]).slice(1)}`, message: /"~1pets~1\{petId\}\/GET" and "\/pets\/\{petId\}\/GET" are the same method: keep one/, schema: false },
  {
    name: 'a key twice', text: () => stageJsonText(rich()).replace('"tracingEnabled": true,', '"tracingEnabled": true,\n  "tracingEnabled": false,'), path: '/tracingEnabled', message: /"tracingEnabled" is given twice: keep one/, schema: false,
  },
  { name: 'a line comment', text: () => stageJsonText(rich()).replace('"tracingEnabled": true,', '"tracingEnabled": true, // X-Ray'), path: '', message: /Comments are not allowed: this is JSON/, schema: false },
  { name: 'a comment in a method setting', text: () => stageJsonText(rich()).replace('"cacheTtlInSeconds": 60,', '"cacheTtlInSeconds": 60 /* 1 min */,'), path: `${WIDE_PATH}/cacheTtlInSeconds`, message: /Comments are not allowed/, schema: false },
  { name: 'a block comment', text: () => `/* prod */ ${stageJsonText(rich())}`, path: '', message: /Comments are not allowed/, schema: false },
  { name: 'a trailing comma', text: () => stageJsonText(rich()).replace(/\n}\n$/, ',\n}\n'), path: '', message: /A comma before "}" or "]" is not allowed: this is JSON\. Remove it/, schema: false },
  { name: 'a trailing comma in an object inside', text: () => stageJsonText(rich()).replace('"url": "(hidden)"', '$&,'), path: '/variables', message: /A comma before "}"/, schema: false },
  { name: 'truncated', text: () => stageJsonText(rich()).slice(0, -3), path: '/methodSettings', message: /The document ends too early\. Expected "}"/, schema: false },
  { name: 'truncated in a string', text: () => stageJsonText(rich()).slice(0, stageJsonText(rich()).indexOf('pets"')), path: '/tags/team', message: /A string is not closed/, schema: false },
  { name: 'single quotes', text: () => "{ 'description': 'x' }", path: '', message: /This is not JSON/, schema: false },
  { name: 'empty', text: () => '', path: '', message: /The document is empty/, schema: false },
  { name: 'only spaces', text: () => ' \n ', path: '', message: /The document is empty/, schema: false },
  ...['[]', '"prod"', '5', 'null', 'true'].map((t): Structural => ({ name: `not an object: ${t}`, text: () => t, path: '', message: /The document is one JSON object of the stage's settings/, schema: true })),
  { name: 'text after the object', text: () => `${stageJsonText(rich())}{}`, path: '', message: /Expected the end of the document|not JSON/, schema: false },
];

describe('stage settings as JSON: structural errors', () => {
  for (const row of STRUCTURAL) {
    it(`${row.name}: refused at ${row.path || 'the document'}${row.schema ? ', by the schema too' : ''}`, () => {
      const text = row.text();
      assertProblem(text, row.path, row.message, row.name);
      if (row.schema) assertSchemaRefuses(text, row.path, row.name);
    });
  }

  it('a 1 MB document: a 1 MB description, deep nesting, 40,000 unknown properties: each refused at once, with at most 100 problems', () => {
    const started = Date.now();
    assertProblem(docText({ ...doc(), description: 'x'.repeat(1 << 20) }), '/description', /at most 1024/, '1 MB description');
    assertSchemaRefuses(docText({ ...doc(), description: 'x'.repeat(1 << 20) }), '/description', '1 MB description');
    assertProblem(`{"methodSettings": ${'['.repeat(1 << 20)}`, '', /Nested more than 32 levels/, 'deep nesting (the parser recurses)');
    const many = `{${Array.from({ length: 40_000 }, (_, i) => `"unknown${i}": 1`).join(',')}}`;
    assert.ok(many.length > 600_000);
    const problems = problemsOf(many);
    assert.equal(problems.length, 101);
    // And the stage-wide throttling the document leaves out.
    assert.match(problems[100].message, /^…and 39902 more problems from here on\.$/);
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
  });

  it('never throws, and every place is in the text: each prefix of a document, each character dropped', () => {
    const text = stageJsonText(rich());
    for (let i = 0; i < text.length; i += 7) {
      for (const t of [text.slice(0, i), text.slice(0, i) + text.slice(i + 1)]) {
        const r = read(t);
        if ('form' in r) continue;
        for (const p of r.problems) assert.ok(p.offset >= 0 && p.offset + p.length <= t.length && p.message, JSON.stringify(p));
      }
    }
  });
});

// ---- The bad-input catalog (test/harness/badInputs.ts), each value where the document holds it.

interface Row {
  readonly name: string;
  readonly cases: FieldCases;
  /** The document with `v` put where this field is, and the problem's path. */
  readonly put: (d: any, v: string) => string;
  /** The values that are JSON numbers, written as such. */
  readonly number?: boolean;
}

const B = BAD_INPUTS;
const wide = (field: string) => (d: any, v: string) => ((d.methodSettings['*/*'][field] = asJsonValue(v)), `${WIDE_PATH}/${field}`);
const ROWS: Row[] = [
  { name: 'description', cases: B.description, put: (d, v) => ((d.description = v), '/description') },
  { name: 'cache TTL', cases: B.ttl, put: wide('cacheTtlInSeconds'), number: true },
  { name: 'throttling rate, account limit 10000', cases: B.rate, put: wide('throttlingRateLimit'), number: true },
  { name: 'throttling burst, account limit 5000', cases: B.burst, put: wide('throttlingBurstLimit'), number: true },
  { name: 'cache capacity', cases: B.cacheSize, put: (d, v) => ((d.cacheClusterSize = v), '/cacheClusterSize') },
  { name: 'stage variable name', cases: B.variableName, put: (d, v) => ((d.variables[v] = 'x'), jsonPointer(['variables', v])) },
  { name: 'stage variable value', cases: B.variableValue, put: (d, v) => ((d.variables.alias = v), '/variables/alias') },
  { name: 'tag key', cases: B.tagKey, put: (d, v) => ((d.tags[v] = 'x'), jsonPointer(['tags', v])) },
  { name: 'tag value', cases: B.tagValue, put: (d, v) => ((d.tags.team = v), '/tags/team') },
  { name: 'access log destination ARN', cases: B.accessLogArn, put: (d, v) => ((d.accessLogSettings.destinationArn = v), '/accessLogSettings/destinationArn') },
  { name: 'access log format', cases: B.accessLogFormat, put: (d, v) => ((d.accessLogSettings.format = v), '/accessLogSettings/format') },
];

/** Form text that JSON reads as a good number: `1e3` is 1000. */
const JSON_READS_WELL = new Set(['1e3']);

/** Bad values the schema cannot judge, and why. */
const SCHEMA_CANNOT: Record<string, string> = {
  '10000.01': 'the account\'s limit is not in the schema',
  '10001': 'the account\'s limit is not in the schema',
  '5001': 'the account\'s limit is not in the schema',
  [`$context.requestId ${'é'.repeat(1600)}`]: 'the 3 KB limit counts bytes; a schema counts characters',
};

describe('stage settings as JSON: the bad-input catalog', () => {
  let counted = 0;
  after(() => console.log(`      bad inputs checked (JSON): ${counted}, each by the schema too but ${Object.keys(SCHEMA_CANNOT).length}`));

  for (const row of ROWS) {
    it(`${row.name}: ${row.cases.bad.length} refused at their place with what is allowed, ${row.cases.good.length} accepted, by the reader and the schema`, () => {
      for (const v of row.cases.good) {
        const d = doc();
        row.put(d, v);
        formOf(docText(d));
        assert.deepEqual(schemaErrors(docText(d)), [], `${row.name}: the schema takes ${shown(v)}`);
      }
      for (const v of row.cases.bad) {
        const d = doc();
        const path = row.put(d, v);
        const text = docText(d);
        if (row.number && JSON_READS_WELL.has(v)) {
          formOf(text);
          continue;
        }
        assertProblem(text, path, row.cases.allowed, `${row.name} ${shown(v)}`);
        if (!SCHEMA_CANNOT[v]) assertSchemaRefuses(text, path, `${row.name} ${shown(v)}`);
        else assert.deepEqual(schemaErrors(text), [], `${shown(v)}: ${SCHEMA_CANNOT[v]}`);
        counted++;
      }
    });
  }

  it('what only the whole document can tell: enums in the wrong case, counts, a field of the pair left out', () => {
    const rows: [string, (d: any) => void, string, RegExp][] = [
      ...['info', 'Error', 'DEBUG', '', 'OFF '].map((v): [string, (d: any) => void, string, RegExp] => [`log level "${v}"`, (d) => (d.methodSettings['*/*'].loggingLevel = v), `${WIDE_PATH}/loggingLevel`, /OFF, ERROR or INFO/]),
      ...['fail_with_403', 'FAIL', ''].map((v): [string, (d: any) => void, string, RegExp] => [
        `strategy "${v}"`, (d) => (d.methodSettings[PET_TEXT].unauthorizedCacheControlHeaderStrategy = v), `${PET_PATH}/unauthorizedCacheControlHeaderStrategy`, /FAIL_WITH_403, SUCCEED_WITH_RESPONSE_HEADER, SUCCEED_WITHOUT_RESPONSE_HEADER/,
      ]),
      ['override TTL 3601', (d) => (d.methodSettings[PET_TEXT].cacheTtlInSeconds = raw('3601')), `${PET_PATH}/cacheTtlInSeconds`, /at most 3600/],
      ['override rate over the account\'s', (d) => (d.methodSettings[PET_TEXT].throttlingRateLimit = raw('10001')), `${PET_PATH}/throttlingRateLimit`, /limit of 10000/],
      ['description too long', (d) => (d.description = 'x'.repeat(DESCRIPTION_MAX + 1)), '/description', /at most 1024/],
      ['101 variables', (d) => (d.variables = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`v${i}`, 'x']))), '/variables', /at most 100 variables/],
      ['51 tags', (d) => (d.tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`t${i}`, 'x']))), '/tags', /at most 50 tags/],
      ['access log format left out', (d) => delete d.accessLogSettings.format, '/accessLogSettings/format', /Missing "format"\. .*must include \$context\.requestId/],
      ['access log destination left out', (d) => delete d.accessLogSettings.destinationArn, '/accessLogSettings/destinationArn', /Missing "destinationArn"/],
      ['access log destination empty', (d) => (d.accessLogSettings.destinationArn = ''), '/accessLogSettings/destinationArn', /ARN of a CloudWatch Logs log group/],
    ];
    for (const [name, edit, path, allowed] of rows) {
      const d = doc();
      edit(d);
      const text = docText(d);
      assertProblem(text, path, allowed, name);
      if (!/account/.test(name)) assertSchemaRefuses(text, path, name);
      counted++;
    }
  });
});

describe('stage settings as JSON: the shipped schema', () => {
  const props = SCHEMA.properties;
  const method = SCHEMA.definitions.methodSetting.properties;

  it('its enums are the model\'s constants', () => {
    assert.deepEqual(props.cacheClusterSize.enum, [...CACHE_SIZES]);
    assert.deepEqual(method.loggingLevel.enum, [...LOG_LEVELS]);
    assert.deepEqual(method.unauthorizedCacheControlHeaderStrategy.enum, [...UNAUTHORIZED_STRATEGIES]);
  });

  it('its fields are the document\'s, each described; its defaults are AWS\'s', () => {
    assert.deepEqual(Object.keys(props).filter((k) => k !== '$schema'), Object.keys(doc()));
    assert.deepEqual(Object.keys(method), METHOD_FIELDS);
    assert.deepEqual(Object.keys(props.accessLogSettings.properties), Object.keys(doc().accessLogSettings));
    const described = (s: any, at: string): void => {
      if (typeof s !== 'object' || s === null) return;
      for (const [k, v] of Object.entries<any>(s.properties ?? {})) {
        assert.ok(typeof v.description === 'string' && v.description.length > 0, `${at}/${k} has a description`);
        described(v, `${at}/${k}`);
      }
    };
    described(SCHEMA, '');
    described(SCHEMA.definitions.methodSetting, '#methodSetting');
    for (const field of METHOD_FIELDS) {
      const d = method[field].default;
      if (d !== undefined) assert.equal(String(d), String(METHOD_DEFAULTS[field]), field);
    }
  });

  it('takes the keys the reader takes, and refuses the others', () => {
    for (const key of [PET_TEXT, PET, 'pets/{petId}/GET', '//GET', '~1/GET', '/{proxy+}/ANY', '/a~b/PUT', '~1a~0b/PUT', '~1v1.0~1items/POST']) {
      const text = docText({ methodSettings: { [key]: {} } });
      assert.deepEqual(schemaErrors(text), [], key);
      formOf(text, formFromStage({ stageName: 'prod' }));
    }
  });
});
